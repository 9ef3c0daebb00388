import { Type } from 'typebox';
import { ButtonsInfoSchema, DomainError, KioskPrinterBody, KioskPrinterSchema, LearnButtonBody, LearnReplySchema, PrintersInfoSchema, StaffReplySchema, UpdateUserBody, UsersReplySchema } from '@madoguchi/shared';
import { checkSites } from '../../auth/auth-service.js';
import { actorOf, allow } from '../auth-hooks.js';
import { errors, security, SiteId, SiteParam, type App, type HttpDeps } from '../context.js';

const UserParam = Type.Object({ username: Type.String({ minLength: 1, maxLength: 32 }) });
/** The administrator's page: staff accounts, printer and call-button bindings. */
export function administrationRoutes(app: App, { engine, auth, config, hardware }: HttpDeps): void {
  const siteOf = (site: string) => {
    const s = config.sites.find((x) => x.id === site);
    if (!s) throw new DomainError('NOT_FOUND', `unknown site "${site}"`, { field: 'site' });
    return s;
  };

  app.get(
    '/api/v1/users',
    {
      onRequest: allow({ role: 'admin' }),
      schema: { tags: ['admin'], security, response: { 200: UsersReplySchema, ...errors(401, 403) } },
    },
    async () => ({ users: auth.listUsers() }),
  );

  app.put(
    '/api/v1/users/:username',
    {
      onRequest: allow({ role: 'admin' }),
      config: { action: 'user.update' },
      schema: {
        tags: ['admin'],
        summary: 'a new role, password or sites (null: every site); the user’s sessions end',
        security,
        params: UserParam,
        body: UpdateUserBody,
        response: { 200: StaffReplySchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req) => {
      const { username } = req.params;
      const { role: newRole, password, sites } = req.body;
      if (newRole === undefined && password === undefined && sites === undefined) throw new DomainError('VALIDATION', 'give role, password or sites', { field: 'role' });
      checkSites(sites, config.sites.map((x) => x.id));
      const user = auth.listUsers().find((u) => u.username === username && !u.disabled);
      if (!user) throw new DomainError('NOT_FOUND', `no user ${username}`, { field: 'username' });
      if (password !== undefined) await auth.resetPassword(username, password);
      const role = newRole === undefined ? user.role : auth.setRole(username, newRole).role;
      if (sites !== undefined) auth.setSites(username, sites);
      return { user: { username, role } };
    },
  );

  app.delete(
    '/api/v1/users/:username',
    {
      onRequest: allow({ role: 'admin' }),
      config: { action: 'user.disable' },
      schema: {
        tags: ['admin'],
        summary: 'disables the account (kept for the audit log); its sessions end at once',
        security,
        params: UserParam,
        response: { 204: Type.Null(), ...errors(401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      const me = req.principal?.kind === 'staff' ? req.principal.username : '';
      auth.disableUser(req.params.username, me);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/sites/:site/printers',
    {
      onRequest: allow({ role: 'admin' }),
      schema: {
        tags: ['admin'],
        security,
        params: SiteParam,
        response: { 200: PrintersInfoSchema, ...errors(401, 403, 404) },
      },
    },
    async (req) => {
      const site = siteOf(req.params.site);
      const health = engine.printerHealth(site.id);
      const pending = engine.pendingPrintJobs(site.id);
      const kioskNames = auth.listDevices(site.id).filter((d) => d.kind === 'kiosk' && d.revokedAt === null).map((d) => d.name);
      return {
        printers: site.printers.map((p) => {
          const h = health.find((x) => x.id === p.id);
          return {
            id: p.id,
            name: p.name,
            transport: p.transport.kind,
            model: p.model,
            paperWidthMm: p.paperWidthMm,
            health: h?.health ?? 'ok',
            detail: h?.detail ?? null,
            pendingJobs: pending.filter((j) => j.printerId === p.id).length,
          };
        }),
        kiosks: engine.kioskPrinters(site.id, kioskNames),
        defaultPrinter: site.defaultPrinter,
      };
    },
  );

  app.put(
    '/api/v1/sites/:site/kiosks/:device/printer',
    {
      onRequest: allow({ role: 'admin' }),
      config: { action: 'kiosk.printer' },
      schema: {
        tags: ['admin'],
        summary: 'the printer a kiosk prints on; null: back to the configuration file',
        security,
        params: Type.Object({ site: SiteId, device: Type.String({ minLength: 1, maxLength: 64 }) }),
        body: KioskPrinterBody,
        response: { 200: KioskPrinterSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const site = siteOf(req.params.site);
      engine.setKioskPrinter(site.id, req.params.device, req.body.printer, actorOf(req));
      const view = engine.kioskPrinters(site.id, [req.params.device]).find((k) => k.device === req.params.device);
      return view ?? { device: req.params.device, printer: site.defaultPrinter, source: 'default' };
    },
  );

  app.get(
    '/api/v1/sites/:site/buttons',
    {
      onRequest: allow({ role: 'admin' }),
      schema: {
        tags: ['admin'],
        summary: 'HID devices plugged in now, button bindings and their state',
        security,
        params: SiteParam,
        response: { 200: ButtonsInfoSchema, ...errors(401, 403, 404) },
      },
    },
    async (req) => {
      const site = siteOf(req.params.site);
      const b = hardware.buttons();
      if (!b) return { enabled: false, devices: [], bindings: [], statuses: [] };
      return {
        enabled: true,
        devices: b.devices(site.id).map((d) => ({
          key: d.key,
          vendorId: d.vendorId,
          productId: d.productId,
          serial: d.serialNumber || null,
          path: d.path,
          product: d.product ?? null,
          bound: d.bound,
        })),
        bindings: b.bindings(site.id),
        statuses: b.buttonStatuses(site.id),
      };
    },
  );

  app.post(
    '/api/v1/sites/:site/buttons/learn',
    {
      onRequest: allow({ role: 'admin' }),
      config: { action: 'button.learn' },
      schema: {
        tags: ['admin'],
        summary: 'learn mode: the next key pressed on any HID button is bound to the counter and action (answer at once; the binding arrives as button:status)',
        security,
        params: SiteParam,
        body: LearnButtonBody,
        response: { 202: LearnReplySchema, ...errors(400, 401, 403, 404, 409, 503) },
      },
    },
    async (req, reply) => {
      const site = siteOf(req.params.site);
      const b = hardware.buttons();
      if (!b) throw new DomainError('UNAVAILABLE', 'call buttons are off on this server (node-hid could not load or buttons are disabled)');
      const action = req.body.action ?? 'next';
      const timeoutMs = req.body.timeoutMs ?? 30_000;
      const learned = b.learn({ site: site.id, counter: req.body.counter, action, actor: actorOf(req), timeoutMs });
      learned.catch((err: unknown) => req.log.error({ err }, 'button learn mode failed'));
      return reply.status(202).send({ counter: req.body.counter, action, timeoutMs });
    },
  );

  app.delete(
    '/api/v1/sites/:site/buttons/bindings/:id',
    {
      onRequest: allow({ role: 'admin' }),
      config: { action: 'button.forget' },
      schema: {
        tags: ['admin'],
        summary: 'forgets a binding made in learn mode (configured ones live in the configuration file)',
        security,
        params: Type.Object({ site: SiteId, id: Type.String({ minLength: 1, maxLength: 200 }) }),
        response: { 204: Type.Null(), ...errors(401, 403, 404, 409, 503) },
      },
    },
    async (req, reply) => {
      const site = siteOf(req.params.site);
      const b = hardware.buttons();
      if (!b) throw new DomainError('UNAVAILABLE', 'call buttons are off on this server');
      b.forget(site.id, req.params.id);
      return reply.status(204).send(null);
    },
  );
}
