import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { DomainError, ErrorSchema, isSpeakable, MAX_SPEAKABLE_LENGTH } from '@madoguchi/shared';
import { VoiceBusyError, VoiceUnavailableError, type VoiceClips } from '../../../ports/voice.js';
import { allow } from '../auth-hooks.js';
import { errors, security, SiteParam, type App, type HttpDeps } from '../context.js';

/** Clip requests a device or staff member may make a minute: a busy lobby's display asks ~2 per call. */
export const VOICE_REQUESTS_PER_MINUTE = 120;

/** one bucket per device or staff member: a lobby's displays and clerks share one address behind NAT */
const callerKey = (req: FastifyRequest): string => {
  const p = req.principal;
  if (!p) return `ip:${req.ip}`;
  return p.kind === 'staff' ? `staff:${p.username}` : `device:${p.deviceId}`;
};

const VoiceQuery = Type.Object(
  {
    text: Type.String({ minLength: 1, maxLength: MAX_SPEAKABLE_LENGTH, description: 'kana, ASCII letters and digits, spaces and , . ! ? \' - 、 。 ー ・' }),
    lang: Type.Union([Type.Literal('ja'), Type.Literal('en')]),
  },
  { additionalProperties: false },
);

/** The clip's bytes (sent as they are: Fastify does not serialize a Buffer). */
const WavSchema = Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'audio/wav' });

/**
 * `GET /api/v1/sites/{site}/voice.wav?text=…&lang=ja|en`: a call's words as a WAV clip, for
 * displays, kiosks (audio guidance) and staff whose browser has no voice for the language.
 */
export function voiceRoutes(app: App, { config, engine }: HttpDeps, voice: VoiceClips): void {
  app.get(
    '/api/v1/sites/:site/voice.wav',
    {
      onRequest: allow({ devices: ['display', 'kiosk'], role: 'clerk' }),
      config: { rateLimit: { max: VOICE_REQUESTS_PER_MINUTE, timeWindow: 60_000, keyGenerator: callerKey } },
      schema: {
        tags: ['display'],
        summary: 'a call announcement spoken by espeak-ng (WAV), for displays without a voice for the language; cached per text',
        security,
        params: SiteParam,
        querystring: VoiceQuery,
        response: { 200: WavSchema, 503: ErrorSchema, ...errors(400, 401, 403, 404, 429) },
      },
    },
    async (req, reply) => {
      if (!config.sites.some((s) => s.id === req.params.site)) throw new DomainError('NOT_FOUND', `unknown site "${req.params.site}"`, { field: 'site' });
      const { text, lang } = req.query;
      if (!isSpeakable(text)) throw new DomainError('VALIDATION', 'text may hold only kana, ASCII letters and digits, spaces and light punctuation', { field: 'text' });
      let wav: Buffer;
      try {
        wav = await voice.clip(lang, text, engine.isLiveCall(req.params.site, lang, text) ? 'live' : 'other');
      } catch (e) {
        if (e instanceof VoiceBusyError) {
          return reply.status(503).header('retry-after', '2').send({ error: { code: 'UNAVAILABLE', message: 'the speech engine is busy; try again in a moment' } });
        }
        if (!(e instanceof VoiceUnavailableError)) throw e;
        // not one of the domain's codes: the server lacks a program, the request was fine
        return reply.status(503).send({ error: { code: 'VOICE_UNAVAILABLE', message: 'espeak-ng is not installed on the server; install the Debian package espeak-ng' } });
      }
      return reply
        .header('content-type', 'audio/wav')
        // the same words always sound the same: the browser may keep the clip for a day
        .header('cache-control', 'private, max-age=86400')
        .send(wav);
    },
  );
}
