import { Type } from 'typebox';
import { AnnouncementBody, AnnouncementReplySchema, CreateDeviceBody, CreatedDeviceSchema, CreateUserBody, DevicesReplySchema, DomainError, IssuingBody, IssuingReplySchema, StaffReplySchema } from '@madoguchi/shared';
import { checkSites } from '../../auth/auth-service.js';
import { actorOf, allow } from '../auth-hooks.js';
import { errors, IdParams, security, SiteParam, type App, type HttpDeps } from '../context.js';

/** Manager and administrator actions on a site: issuing, announcements, devices, staff. */
export function siteAdminRoutes(app: App, { engine, auth, config }: HttpDeps): void {
  const siteExists = (site: string) => {
    if (!config.sites.some((s) => s.id === site)) throw new DomainError('NOT_FOUND', `unknown site "${site}"`, { field: 'site' });
  };

  app.put(
    '/api/v1/sites/:site/issuing',
    {
      onRequest: allow({ role: 'manager' }),
      config: { action: 'issuing.set' },
      schema: {
        tags: ['manager'],
        summary: 'auto follows the schedule; open opens even outside hours (臨時受付); paused stops issuing',
        security,
        params: SiteParam,
        body: IssuingBody,
        response: { 200: IssuingReplySchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const queue = req.body.queue ?? null;
      engine.setIssuing(req.params.site, { mode: req.body.state, queue, reason: req.body.reason ?? null }, actorOf(req));
      return { state: req.body.state, queue };
    },
  );

  app.post(
    '/api/v1/sites/:site/announcements',
    {
      onRequest: allow({ role: 'manager' }),
      config: { action: 'announcement.post' },
      schema: {
        tags: ['manager'],
        summary: 'info scrolls on displays; emergency covers every display and kiosk and stops issuing',
        security,
        params: SiteParam,
        body: AnnouncementBody,
        response: { 201: AnnouncementReplySchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) => reply.status(201).send({ id: engine.postAnnouncement(req.params.site, req.body, actorOf(req)) }),
  );

  app.delete(
    '/api/v1/sites/:site/announcements/:id',
    {
      onRequest: allow({ role: 'manager' }),
      config: { action: 'announcement.clear' },
      schema: { tags: ['manager'], security, params: IdParams, response: { 204: Type.Null(), ...errors(401, 403, 404) } },
    },
    async (req, reply) => {
      engine.clearAnnouncement(req.params.site, Number(req.params.id), actorOf(req));
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/v1/users',
    {
      onRequest: allow({ role: 'admin' }),
      config: { action: 'user.create' },
      schema: {
        tags: ['admin'],
        summary: 'a staff account; `sites` binds a clerk or manager to some sites (absent: every site)',
        security,
        body: CreateUserBody,
        response: { 201: StaffReplySchema, ...errors(400, 401, 403, 409) },
      },
    },
    async (req, reply) => {
      const sites = req.body.sites ?? null;
      checkSites(sites, config.sites.map((x) => x.id));
      return reply.status(201).send({ user: await auth.createUser(req.body.username, req.body.password, req.body.role, sites) });
    },
  );

  app.post(
    '/api/v1/sites/:site/devices',
    {
      onRequest: allow({ role: 'admin' }),
      config: { action: 'device.create' },
      schema: {
        tags: ['admin'],
        summary: 'a kiosk, display or counter device token; shown only in this answer',
        security,
        params: SiteParam,
        body: CreateDeviceBody,
        response: { 201: CreatedDeviceSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      siteExists(req.params.site);
      return reply.status(201).send(auth.createDevice(req.params.site, req.body.kind, req.body.name));
    },
  );

  app.get(
    '/api/v1/sites/:site/devices',
    {
      onRequest: allow({ role: 'admin' }),
      schema: {
        tags: ['admin'],
        security,
        params: SiteParam,
        response: { 200: DevicesReplySchema, ...errors(401, 403, 404) },
      },
    },
    async (req) => {
      siteExists(req.params.site);
      return { devices: auth.listDevices(req.params.site) };
    },
  );

  app.delete(
    '/api/v1/sites/:site/devices/:id',
    {
      onRequest: allow({ role: 'admin' }),
      config: { action: 'device.revoke' },
      schema: { tags: ['admin'], summary: 'the token stops working at once, open sockets included', security, params: IdParams, response: { 204: Type.Null(), ...errors(401, 403, 404) } },
    },
    async (req, reply) => {
      siteExists(req.params.site);
      if (!auth.revokeDevice(req.params.site, Number(req.params.id))) {
        throw new DomainError('NOT_FOUND', `no active device ${req.params.id}`, { field: 'id' });
      }
      return reply.status(204).send(null);
    },
  );
}
