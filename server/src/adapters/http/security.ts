import type { FastifyInstance } from 'fastify';

export interface SecurityOptions {
  /** origins allowed to embed /status/ in a frame (the ward homepage) */
  frameAncestors: readonly string[];
}

/**
 * Security headers for every answer, and a content security policy for the pages: scripts and
 * styles from this server only, sockets to this server, no framing except the status page.
 */
export function registerSecurityHeaders(app: FastifyInstance, opts: SecurityOptions): void {
  const embeddable = ["'self'", ...opts.frameAncestors].join(' ');
  app.addHook('onSend', async (req, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('cross-origin-opener-policy', 'same-origin');
    reply.header('permissions-policy', 'camera=(), microphone=(), geolocation=()');
    const path = req.url.split('?')[0] ?? '';
    if (path.startsWith('/docs')) {
      // swagger-ui ships its own inline bootstrap; it is staff documentation, never framed
      reply.header('x-frame-options', 'DENY');
      return payload;
    }
    const status = path.startsWith('/status');
    reply.header(
      'content-security-policy',
      [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "media-src 'self' blob:",
        "connect-src 'self' ws: wss:",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        `frame-ancestors ${status ? embeddable : "'none'"}`,
      ].join('; '),
    );
    if (!status) reply.header('x-frame-options', 'DENY');
    return payload;
  });
}
