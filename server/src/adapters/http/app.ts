import Fastify, { type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { DemandForecasts } from '../../app/demand-use-cases.js';
import type { HistoryDeps } from '../../app/history-import.js';
import type { EventBus } from '../../app/event-bus.js';
import { Realtime } from '../realtime/realtime.js';
import type { SocketLimits } from '../realtime/limits.js';
import { registerAudit, registerAuthentication } from './auth-hooks.js';
import { trustFunction, type TrustProxy } from './client-address.js';
import type { App, HttpDeps } from './context.js';
import { answerClientError, errorBody, refuseMissingHost, registerErrorHandling } from './errors.js';
import { handshakeReader } from './handshake-request.js';
import { lazySchemas } from './lazy-schemas.js';
import { authRoutes } from './routes/auth.js';
import { counterRoutes } from './routes/counters.js';
import { administrationRoutes } from './routes/administration.js';
import { managerRoutes } from './routes/manager.js';
import { forecastRoutes } from './routes/forecast.js';
import { historyRoutes } from './routes/history.js';
import { feedbackRoute, publicRoutes } from './routes/public.js';
import { reportRoutes } from './routes/reports.js';
import { siteAdminRoutes } from './routes/site-admin.js';
import { ticketRoutes } from './routes/tickets.js';
import { turnAlertRoutes, type TurnAlertHttp } from './routes/turn-alerts.js';
import { bookingRoutes } from './routes/bookings.js';
import { BookingLimiter } from '../../app/booking-use-cases.js';
import { voiceRoutes } from './routes/voice.js';
import { EspeakVoice } from '../voice/espeak-voice.js';
import { registerPages } from './pages.js';
import { StatusCache } from './status-cache.js';
import { plainPageRoutes } from './plain-pages/routes.js';
import { registerSecurityHeaders } from './security.js';

/** Replaces secrets in a URL (token query parameters, the phone page's ticket token, a booking's token). */
export function redactUrl(url: string): string {
  return url.replace(/([?&](?:token|access_token)=)[^&#]*/gi, '$1[redacted]').replace(/^(\/(?:t|b|api\/v1\/(?:tickets|bookings))\/)[^/?#]+/, '$1[redacted]');
}

export interface AppOptions extends HttpDeps {
  bus: EventBus;
  /** pino options, or false for silence (tests) */
  logger?: boolean | Record<string, unknown>;
  /** origins allowed to frame /status/ (the ward homepage) */
  frameAncestors?: readonly string[];
  sessionHours?: number;
  loginPerMinute?: number;
  /** reverse proxies trusted for X-Forwarded-* (client-address.ts); default none */
  trustProxy?: TrustProxy;
  /** Socket.IO command and connection limits (realtime/limits.ts; defaults there) */
  socketLimits?: Partial<SocketLimits>;
  /** the repository root, whose `<page>/dist` folders hold the built pages */
  pagesRoot?: string;
  /** turn-near alerts' routes (server.ts) */
  turnAlerts?: TurnAlertHttp;
  /** the forecast calendar, staffing plan and comparison across sites (server.ts) */
  demand: DemandForecasts;
  /** the history import's stores (the import route and the history span) */
  history: HistoryDeps;
}

/**
 * Builds the whole HTTP + realtime application as production runs it; main.ts only listens.
 * The caller adds its own hooks, then awaits `app.ready()`.
 * Bodies are validated without type coercion (a number is not a string).
 */
export async function buildApp(opts: AppOptions): Promise<{ app: App; realtime: Realtime; compileAllSchemas: () => number }> {
  // each route's schemas compile on its first request, not all before listening (lazy-schemas.ts)
  const schemas = lazySchemas();
  const app = Fastify({
    schemaController: { compilersFactory: schemas.compilersFactory },
    logger:
      opts.logger === false
        ? false
        : {
            level: 'info',
            redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
            serializers: {
              // device pages are opened as /kiosk/?token=…: never write a token to the log
              req: (req: { method: string; url: string; ip?: string; id?: string }) => ({
                method: req.method,
                url: redactUrl(req.url),
                remoteAddress: req.ip,
              }),
            },
            ...(typeof opts.logger === 'object' ? opts.logger : {}),
          },
    bodyLimit: 16 * 1024,
    trustProxy: trustFunction(opts.trustProxy ?? false),
    requestIdHeader: 'x-request-id',
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false, allErrors: false } },
    clientErrorHandler: answerClientError,
    // Node answers a request without Host with a bare 400 of its own; refuseMissingHost does it in the error shape
    http: { requireHostHeader: false },
    // errors Fastify raises before routing (a malformed URL) answer in the API's error shape too
    frameworkErrors: (error, _req, reply) => {
      void (reply as unknown as { status(n: number): { send(b: unknown): void } }).status(400).send(errorBody('VALIDATION', error.code === 'FST_ERR_BAD_URL' ? 'the URL is malformed' : 'the request is malformed', { field: 'url' }));
    },
  }).withTypeProvider<TypeBoxTypeProvider>();

  const publicOrigin = new URL(opts.config.publicUrl).origin;
  const originsWith = (own: string | null): string[] => [...new Set([publicOrigin, ...(own ? [own] : [])])];
  const allowedOrigins = (req?: FastifyRequest): string[] => originsWith(req ? `${req.protocol}://${req.host}` : null);
  const handshake = handshakeReader(opts.trustProxy ?? false);

  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'madoguchi API', version: '1.0.0', description: '受付番号札システム — HTTP API v1 (see docs/api.md)' },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'device token (dev_…) or staff token (stf_…)' },
          session: { type: 'apiKey', in: 'cookie', name: 'madoguchi_session' },
        },
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  registerErrorHandling(app, opts.database.storage);
  refuseMissingHost(app);
  registerSecurityHeaders(app, { frameAncestors: opts.frameAncestors ?? [] });
  registerAuthentication(app, opts.auth, (req) => allowedOrigins(req));
  registerAudit(app, opts.auth);

  const statuses = new StatusCache(opts.engine, opts.config);
  publicRoutes(app, opts, statuses);
  feedbackRoute(app, opts);
  authRoutes(app, opts, { sessionHours: opts.sessionHours ?? 12, loginPerMinute: opts.loginPerMinute ?? 20 });
  ticketRoutes(app, opts);
  if (opts.turnAlerts) turnAlertRoutes(app, opts, opts.turnAlerts);
  bookingRoutes(app, opts, new BookingLimiter(opts.engine.deps.clock));
  counterRoutes(app, opts);
  siteAdminRoutes(app, opts);
  reportRoutes(app, opts);
  forecastRoutes(app, opts, opts.demand);
  historyRoutes(app, opts.demand, opts.history);
  managerRoutes(app, opts);
  administrationRoutes(app, opts);
  voiceRoutes(app, opts, new EspeakVoice());
  plainPageRoutes(app, opts, statuses);
  if (opts.pagesRoot) await registerPages(app, opts.pagesRoot);

  const realtime = new Realtime(app.server, {
    engine: opts.engine,
    auth: opts.auth,
    bus: opts.bus,
    config: opts.config,
    clock: opts.engine.deps.clock,
    log: app.log,
    allowedOrigins: (req) => originsWith(req ? handshake.origin(req) : null),
    clientAddress: (req) => handshake.address(req),
    storage: opts.database.storage,
    ...(opts.socketLimits ? { limits: opts.socketLimits } : {}),
  });
  // upgraded (WebSocket) connections would keep server.close() waiting: end them first
  app.addHook('preClose', async () => realtime.disconnectAll());
  app.addHook('onClose', async () => realtime.close());

  return { app, realtime, compileAllSchemas: schemas.compileAll };
}
