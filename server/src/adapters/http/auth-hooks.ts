import type {} from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify';
import { DomainError } from '@madoguchi/shared';
import type { AuthService, DeviceKind, Principal, Role } from '../auth/auth-service.js';
import { mayActOn, ROLE_RANK } from '../auth/auth-service.js';

export const SESSION_COOKIE = 'madoguchi_session';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
    /** the session cookie's token, when the request authenticated with it */
    sessionToken: string | null;
  }
  interface FastifyContextConfig {
    /** audit-log name of a staff action */
    action?: string;
  }
}

export function bearerToken(req: FastifyRequest): string | null {
  const h = req.headers.authorization;
  if (!h) return null;
  const m = /^Bearer\s+(\S+)$/i.exec(h);
  return m?.[1] ?? null;
}

const WRITE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Resolves who is calling: a bearer token (device or staff) or the session cookie. Writes made
 * with the cookie must come from this server's own pages (matching Origin), so another site
 * cannot make a signed-in browser act (CSRF).
 */
export function registerAuthentication(app: FastifyInstance, auth: AuthService, allowedOrigins: (req: FastifyRequest) => string[]): void {
  app.decorateRequest('principal', null);
  app.decorateRequest('sessionToken', null);
  app.addHook('onRequest', async (req) => {
    const bearer = bearerToken(req);
    if (bearer) {
      req.principal = auth.authenticate(bearer);
      return;
    }
    const cookie = req.cookies?.[SESSION_COOKIE];
    if (!cookie) return;
    const principal = auth.authenticateStaff(cookie);
    if (!principal) return;
    if (WRITE.has(req.method)) {
      const origin = req.headers.origin;
      if (!origin || !allowedOrigins(req).includes(origin)) {
        throw new DomainError('FORBIDDEN', 'a write with a session cookie needs this server’s Origin', { field: 'origin' });
      }
    }
    req.principal = principal;
    req.sessionToken = cookie;
  });
}

interface Requirement {
  role?: Role;
  devices?: readonly DeviceKind[];
}

/**
 * Allows staff of at least `role` who may act on the route's site, and/or devices of the given
 * kinds bound to the route's site.
 * Runs as the route's onRequest hook, before the body is read: an anonymous or wrong-role caller
 * learns nothing about what a valid body would be.
 */
export function allow(req: Requirement): onRequestHookHandler {
  return async function check(request: FastifyRequest, _reply: FastifyReply) {
    const p = request.principal;
    if (!p) throw new DomainError('UNAUTHORIZED', 'sign in or send a valid token');
    const site = (request.params as { site?: string }).site;
    if (p.kind === 'staff') {
      if (!req.role || ROLE_RANK[p.role] < ROLE_RANK[req.role]) {
        throw new DomainError('FORBIDDEN', req.role ? `this needs the role ${req.role}` : 'staff may not do this');
      }
      // staff bound to some sites act on those only (a manager of one office is not the other's)
      if (site !== undefined && !mayActOn(p, site)) throw new DomainError('FORBIDDEN', 'you are not assigned to this site', { field: 'site' });
      return;
    }
    if (!req.devices?.includes(p.deviceKind)) throw new DomainError('FORBIDDEN', `a ${p.deviceKind} device may not do this`);
    if (site !== undefined && site !== p.siteId) throw new DomainError('FORBIDDEN', 'this device belongs to another site');
  };
}

/** The actor recorded in the event log for the caller. */
export function actorOf(req: FastifyRequest): { kind: Role | 'device'; id: string } {
  const p = req.principal;
  if (!p) return { kind: 'device', id: 'anonymous' };
  return p.kind === 'staff' ? { kind: p.role, id: p.username } : { kind: 'device', id: `${p.deviceKind}:${p.deviceId}` };
}

/** An audit row for every authenticated write and every sign-in attempt. */
export function registerAudit(app: FastifyInstance, auth: AuthService): void {
  app.addHook('onResponse', async (req, reply) => {
    const action = req.routeOptions.config.action;
    if (!action || (!req.principal && action !== 'auth.login')) return;
    const params = req.params as Record<string, string | undefined>;
    const username = (req.body as { username?: unknown } | undefined)?.username;
    const actor = req.principal ? actorOf(req) : { kind: 'anonymous', id: typeof username === 'string' ? username.slice(0, 64) : '?' };
    auth.audit({
      actorKind: actor.kind,
      actorId: actor.id,
      action,
      siteId: params.site ?? null,
      target: params.counter ?? params.id ?? null,
      outcome: reply.statusCode < 400 ? 'ok' : reply.statusCode < 500 ? 'refused' : 'failed',
      detail: { status: reply.statusCode, method: req.method, path: req.routeOptions.url },
      ip: req.ip,
    });
  });
}
