import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance } from 'fastify';
import { DomainError, ERROR_STATUS, type ErrorBody, type ErrorCode } from '@madoguchi/shared';
import { isDiskFull, type StorageWatch } from '../sqlite/storage-watch.js';

export const errorBody = (code: ErrorCode, message: string, extra: Omit<ErrorBody['error'], 'code' | 'message'> = {}): ErrorBody => ({
  error: { code, message, ...extra },
});

/** The field an Ajv error is about, as a dotted path ("queues.0", "queue"). */
function fieldOf(err: FastifyError): string | undefined {
  const v = err.validation?.[0];
  if (!v) return undefined;
  const base = v.instancePath.replace(/^\//, '').replace(/\//g, '.');
  const params = v.params as { missingProperty?: string; additionalProperty?: string };
  const leaf = params.missingProperty ?? params.additionalProperty;
  const field = [base, leaf].filter(Boolean).join('.');
  return field || (err.validationContext === 'body' ? 'body' : err.validationContext);
}

function validationMessage(err: FastifyError, field: string | undefined): string {
  const v = err.validation?.[0];
  const params = v?.params as { additionalProperty?: string } | undefined;
  if (params?.additionalProperty) return `unknown field "${field}"`;
  if (v?.keyword === 'required') return `"${field}" is required`;
  return `${field ?? 'body'} ${v?.message ?? 'is invalid'}`;
}


/**
 * One error handler for every route: domain codes map to their statuses, validation names the
 * field, and anything unexpected becomes INTERNAL without details (logged with the request id).
 */
export function registerErrorHandling(app: FastifyInstance, storage?: StorageWatch): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof DomainError) {
      const status = ERROR_STATUS[err.code];
      if (status >= 500) req.log.error({ err }, 'domain error with a 5xx status');
      const { field, reason, nextOpening } = err.details;
      const extra: Omit<ErrorBody['error'], 'code' | 'message'> = {};
      if (field !== undefined) extra.field = field;
      if (reason !== undefined) extra.reason = reason;
      if (nextOpening !== undefined) extra.nextOpening = nextOpening;
      // the sign-in backoff's refusals carry their wait (seconds) as the reason
      if ((err.code === 'LOCKED_OUT' || err.code === 'RATE_LIMITED') && reason && /^\d+$/.test(reason)) void reply.header('retry-after', reason);
      return reply.status(status).send(errorBody(err.code, err.message, extra));
    }
    if (err.validation) {
      const field = fieldOf(err);
      return reply.status(400).send(errorBody('VALIDATION', validationMessage(err, field), field ? { field } : {}));
    }
    switch (err.code) {
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
        return reply.status(400).send(errorBody('VALIDATION', 'the body is not valid JSON', { field: 'body' }));
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return reply.status(413).send(errorBody('PAYLOAD_TOO_LARGE', 'the body is too large', { field: 'body' }));
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return reply.status(415).send(errorBody('UNSUPPORTED_MEDIA_TYPE', 'send application/json', { field: 'content-type' }));
      case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
        return reply.status(400).send(errorBody('VALIDATION', 'invalid content-length', { field: 'content-length' }));
      default:
        break;
    }
    if (storage ? storage.failed(err, `${req.method} ${req.routeOptions.url ?? ''}`) : isDiskFull(err)) {
      // the transaction rolled back: nothing was written, and the data already there is intact;
      // the watch logs the spell once, not each refused request
      req.log.debug({ err }, 'refused: the disk is full');
      return reply.status(507).send(errorBody('STORAGE_FULL', 'the server’s disk is full: nothing was saved; free space on the data directory'));
    }
    if (err.statusCode === 429) return reply.status(429).send(errorBody('RATE_LIMITED', 'too many requests; slow down'));
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      // JSON parse errors from secure-json-parse (e.g. __proto__) and other client errors
      return reply.status(400).send(errorBody('VALIDATION', 'the request is malformed', { field: 'body' }));
    }
    req.log.error({ err }, 'unexpected error');
    return reply.status(500).send(errorBody('INTERNAL', 'internal error'));
  });

  app.setNotFoundHandler((req, reply) => {
    reply.status(404).send(errorBody('NOT_FOUND', `no route ${req.method} ${req.url.split('?')[0]}`));
  });
}

/** What Node's HTTP parser refused, by its error code: status, code and message of the answer. */
function clientErrorAnswer(code: string | undefined): { status: number; body: ErrorBody } {
  if (code === 'HPE_HEADER_OVERFLOW') return { status: 431, body: errorBody('PAYLOAD_TOO_LARGE', 'the request headers are too large', { field: 'headers' }) };
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return { status: 408, body: errorBody('VALIDATION', 'the request took too long to arrive') };
  if (code === 'HPE_INVALID_CONTENT_LENGTH' || code === 'HPE_UNEXPECTED_CONTENT_LENGTH') {
    return { status: 400, body: errorBody('VALIDATION', 'invalid content-length', { field: 'content-length' }) };
  }
  return { status: 400, body: errorBody('VALIDATION', 'the request is malformed') };
}

/**
 * Fastify's `clientErrorHandler`: requests Node's HTTP parser refuses (a malformed request line,
 * a Content-Length that is not one number, headers over the limit) never reach a route or the
 * error handler, and Fastify's default answer has its own shape. This one answers in the API's.
 */
export function answerClientError(err: NodeJS.ErrnoException, socket: Socket): void {
  // nothing to answer: the client went away, or the socket is already written to
  if (err.code === 'ECONNRESET' || err.code === 'EPIPE' || socket.destroyed || !socket.writable) {
    socket.destroy();
    return;
  }
  const { status, body } = clientErrorAnswer(err.code);
  const json = JSON.stringify(body);
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\nContent-Type: application/json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(json)}\r\nConnection: close\r\n\r\n${json}`,
  );
}

/**
 * HTTP/1.1 requires a Host header (RFC 9112 § 3.2); with Node's own check turned off
 * (`requireHostHeader: false`, whose answer is a bare 400) this refuses such a request first, in
 * the API's shape. The origin checks and the pages' own links read the host.
 */
export function refuseMissingHost(app: FastifyInstance): void {
  app.addHook('onRequest', async (req, reply) => {
    if (req.raw.httpVersion === '1.1' && !req.headers.host) {
      return reply.status(400).header('connection', 'close').send(errorBody('VALIDATION', 'the Host header is required', { field: 'host' }));
    }
    return undefined;
  });
}
