import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ErrorSchema, type ButtonStatus } from '@madoguchi/shared';
import type { ButtonService } from '../../app/button-service.js';
import type { ManualClock } from '../clock/manual-clock.js';
import type { QueueEngine } from '../../app/queue-engine.js';
import { ID_PATTERN, type InstallationConfig } from '../../domain/site.js';
import type { AuthService } from '../auth/auth-service.js';
import type { SqliteDatabase } from '../sqlite/sqlite-database.js';

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

export interface HttpDeps {
  engine: QueueEngine;
  auth: AuthService;
  /** the database's health and disk-full watch (`/healthz`, 507 answers); its rows are the engine's */
  database: SqliteDatabase;
  config: InstallationConfig;
  hardware: Hardware;
}

/** What the routes reach beyond the engine: call buttons, and the manual clock of simulations. */
export interface Hardware {
  /** the call-button service, or null when buttons are off */
  buttons(): ButtonService | null;
  buttonStatuses(site: string): ButtonStatus[];
  /** set when the server runs on a manual clock (simulator, tests): POST /api/v1/clock moves it */
  manualClock: ManualClock | null;
  /** day rollover, schedule and alert checks, as the 30-second timer runs them */
  tick(): void;
}

/**
 * A site id as the configuration file allows it: anything else is refused (400) before a route
 * runs, so no route copies control characters, "..", or bidirectional overrides into a header,
 * a file name or a log line (a CSV's Content-Disposition did: a raw 500).
 */
export const SiteId = Type.String({ pattern: ID_PATTERN, description: 'the site id from the configuration file' });
export const SiteParam = Type.Object({ site: SiteId });
export const CounterParams = Type.Object({ site: SiteId, counter: Type.String({ maxLength: 64 }) });
export const IdParams = Type.Object({ site: SiteId, id: Type.String({ pattern: '^[0-9]{1,12}$' }) });

/** Error answers every route may give, for the OpenAPI document. */
export const errors = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, ErrorSchema]));
export const security: Array<Record<string, string[]>> = [{ bearer: [] }, { session: [] }];

/** For POSTs whose body is optional: no body at all is the same as `{}`. */
export async function emptyBodyAsObject(req: { body: unknown }): Promise<void> {
  if (req.body === undefined || req.body === null) req.body = {};
}
