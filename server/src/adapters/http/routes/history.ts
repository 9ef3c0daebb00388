import { Transform, type Readable } from 'node:stream';
import { DomainError, HistoryImportSchema, HistorySpanSchema } from '@madoguchi/shared';
import type { DemandForecasts } from '../../../app/demand-use-cases.js';
import { siteOf } from '../../../app/context.js';
import { historySpan, importHistory, type HistoryDeps } from '../../../app/history-import.js';
import { allow } from '../auth-hooks.js';
import { errors, security, SiteParam, type App } from '../context.js';

/**
 * The largest log taken in one request: 400,000 rows of the full format are about 60 MB (a rented
 * system's two years of a large office); a bigger one is split by year. The body is streamed
 * through the parser, never held, so the limit bounds the time, not the memory.
 */
export const HISTORY_BODY_LIMIT = 100 * 1024 * 1024;

const tooLarge = () => new DomainError('PAYLOAD_TOO_LARGE', `the log is larger than ${HISTORY_BODY_LIMIT / 1024 / 1024} MB: import it in parts (by year)`, { field: 'body' });

/** Counts the bytes going through and stops past the limit (a chunked body has no Content-Length). */
function limited(body: Readable): { stream: Transform; exceeded: () => boolean } {
  let bytes = 0;
  let over = false;
  const stream = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      if (bytes > HISTORY_BODY_LIMIT) {
        over = true;
        done(tooLarge());
        return;
      }
      done(null, chunk);
    },
  });
  body.on('error', (err) => stream.destroy(err));
  body.pipe(stream);
  return { stream, exceeded: () => over };
}

/**
 * The history import (docs/history-import.md): `POST …/history` takes an old system's ticket log
 * as `text/csv`, streamed from the socket through the parser a day at a time, and answers 202 with
 * what it did; the forecast refits afterwards, in the background. `GET …/history` is the span of
 * the site's history for the manager's page.
 */
export function historyRoutes(app: App, demand: DemandForecasts, deps: HistoryDeps): void {
  void app.register(async (scope) => {
    // this scope reads text/csv as a stream, and refuses every other body
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('text/csv', (req, payload, done) => {
      const length = Number(req.headers['content-length'] ?? 0);
      if (length > HISTORY_BODY_LIMIT) {
        done(tooLarge(), undefined);
        return;
      }
      done(null, payload);
    });
    // any other body is refused by the handler, after the site is checked (a bad or unknown site
    // is named first, as on every route); it is not read
    scope.addContentTypeParser('*', (_req, _payload, done) => done(null, undefined));

    scope.post(
      '/api/v1/sites/:site/history',
      {
        onRequest: allow({ role: 'admin' }),
        schema: {
          tags: ['admin'],
          summary:
            'imports past ticket logs (text/csv: queue, issued_at, called_at, finished_at[, service, counter, state]): one transaction per day; days holding live tickets are skipped; 400 names the first bad line and column',
          security,
          params: SiteParam,
          response: { 202: HistoryImportSchema, ...errors(400, 401, 403, 404, 413, 415) },
        },
      },
      async (req, reply) => {
        // the scope is a plain Fastify instance: the schema above has checked the site already
        const { site } = req.params as { site: string };
        siteOf(deps.engine, site);
        const body = req.body as Readable | undefined;
        if (!body || typeof body.pipe !== 'function') throw new DomainError('UNSUPPORTED_MEDIA_TYPE', 'send the log as text/csv', { field: 'content-type' });
        const { stream, exceeded } = limited(body);
        let result;
        try {
          result = await importHistory(deps, site, stream, { source: `http (${req.principal?.kind === 'staff' ? req.principal.username : 'unknown'})`, onError: 'stop' });
        } catch (err) {
          if (exceeded()) throw tooLarge();
          throw err;
        } finally {
          // the rest of a refused body is read and dropped, so the answer reaches the client
          body.resume();
        }
        if (result.imported > 0) demand.dayClosed(site);
        return reply.status(202).send(result);
      },
    );
  });

  app.get(
    '/api/v1/sites/:site/history',
    {
      onRequest: allow({ role: 'manager' }),
      schema: {
        tags: ['manager'],
        summary: 'the span of the site’s history: first and last day with tickets, days, days imported, the last import',
        security,
        params: SiteParam,
        response: { 200: HistorySpanSchema, ...errors(401, 403, 404) },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return historySpan(deps, req.params.site);
    },
  );
}
