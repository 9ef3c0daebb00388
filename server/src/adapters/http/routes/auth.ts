import { Type } from 'typebox';
import { DEFAULT_RESULT_SECONDS, DomainError, LoginBody, MeSchema, StaffReplySchema } from '@madoguchi/shared';
import { allow, bearerToken, SESSION_COOKIE } from '../auth-hooks.js';
import { errors, security, type App, type HttpDeps } from '../context.js';

/** Staff sign-in: a session cookie (HttpOnly, SameSite=Strict, Secure behind https). */
export function authRoutes(app: App, { auth, config }: HttpDeps, opts: { sessionHours: number; loginPerMinute: number }): void {
  /** what the configuration says a device page needs: a display's scope, a kiosk's settings */
  const deviceSettings = (siteId: string, kind: string, name: string) => {
    const site = config.sites.find((s) => s.id === siteId);
    if (kind === 'kiosk') {
      const own = site?.kiosks.find((k) => k.device === name)?.resultSeconds;
      return { kiosk: { resultSeconds: own ?? site?.resultSeconds ?? DEFAULT_RESULT_SECONDS } };
    }
    if (kind !== 'display') return {};
    const d = site?.displays.find((x) => x.device === name);
    return { display: { queues: d?.queues ? [...d.queues] : null, counters: d?.counters ? [...d.counters] : null } };
  };
  app.post(
    '/api/v1/auth/login',
    {
      config: { action: 'auth.login', rateLimit: { max: opts.loginPerMinute, timeWindow: 60_000 } },
      schema: {
        tags: ['auth'],
        summary: 'sign in; sets the session cookie. Repeated failures make this address wait before trying again (429 LOCKED_OUT for one user name, RATE_LIMITED for many; Retry-After).',
        body: LoginBody,
        response: { 200: StaffReplySchema, ...errors(400, 401, 429) },
      },
    },
    async (req, reply) => {
      const { principal, token } = await auth.login(req.body.username, req.body.password, 'cookie', req.ip);
      reply.setCookie(SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: 'strict',
        secure: req.protocol === 'https',
        path: '/',
        maxAge: opts.sessionHours * 3600,
      });
      return { user: { username: principal.username, role: principal.role } };
    },
  );

  app.post(
    '/api/v1/auth/logout',
    {
      onRequest: allow({ role: 'clerk' }),
      config: { action: 'auth.logout' },
      schema: { tags: ['auth'], security, response: { 204: Type.Null(), ...errors(401) } },
    },
    async (req, reply) => {
      const token = req.sessionToken ?? bearerToken(req);
      if (token) auth.logout(token);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/auth/me',
    {
      schema: {
        tags: ['auth'],
        security,
        response: { 200: MeSchema, ...errors(401) },
      },
    },
    async (req) => {
      const p = req.principal;
      if (!p) throw new DomainError('UNAUTHORIZED', 'not signed in');
      return p.kind === 'staff'
        ? { user: { username: p.username, role: p.role, sites: p.sites ? [...p.sites] : null }, device: null }
        : { user: null, device: { id: p.deviceId, kind: p.deviceKind, site: p.siteId, name: p.name, ...deviceSettings(p.siteId, p.deviceKind, p.name) } };
    },
  );
}
