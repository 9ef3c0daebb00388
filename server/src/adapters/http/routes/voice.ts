import { spawn } from 'node:child_process';
import { Type } from 'typebox';
import { DomainError, ErrorSchema, isSpeakable, MAX_SPEAKABLE_LENGTH } from '@madoguchi/shared';
import { allow } from '../auth-hooks.js';
import { errors, security, SiteParam, type App, type HttpDeps } from '../context.js';

export type VoiceLanguage = 'ja' | 'en';

/** espeak-ng is not installed (or cannot start): the route answers 503. */
export class VoiceUnavailableError extends Error {
  override readonly name = 'VoiceUnavailableError';
}

export interface EspeakOptions {
  /** the program; `espeak-ng` from PATH by default */
  command?: string;
  /** a render taking longer is killed */
  timeoutMs?: number;
  /** renders running at once; more wait their turn (each is a process) */
  concurrency?: number;
  /** the cache's bounds: clips kept, and their total size */
  maxEntries?: number;
  maxBytes?: number;
}

/**
 * Voice clips for lobby displays whose browser has no voice for a language (a Linux signage
 * player, a headless browser): espeak-ng renders the display's kana text to WAV. Clips are
 * cached in memory (least recently used first out, bounded by count and bytes), so a call's
 * clip is rendered once however many displays ask for it, and a repeated call is instant.
 */
export class EspeakVoice {
  private readonly cache = new Map<string, Buffer>();
  private readonly inFlight = new Map<string, Promise<Buffer>>();
  private cachedBytes = 0;
  private running = 0;
  private readonly waiting: Array<() => void> = [];
  /** how many clips were rendered, and how many were served from the cache */
  readonly stats = { renders: 0, hits: 0 };
  private readonly command: string;
  private readonly timeoutMs: number;
  private readonly concurrency: number;
  private readonly maxEntries: number;
  private readonly maxBytes: number;

  constructor(opts: EspeakOptions = {}) {
    this.command = opts.command ?? 'espeak-ng';
    this.timeoutMs = opts.timeoutMs ?? 5_000;
    this.concurrency = opts.concurrency ?? 2;
    this.maxEntries = opts.maxEntries ?? 500;
    this.maxBytes = opts.maxBytes ?? 64 * 1024 * 1024;
  }

  async clip(lang: VoiceLanguage, text: string): Promise<Buffer> {
    const key = `${lang}\n${text}`;
    const hit = this.cache.get(key);
    if (hit) {
      this.stats.hits += 1;
      // refresh its place: the least recently used clip leaves first
      this.cache.delete(key);
      this.cache.set(key, hit);
      return hit;
    }
    const pending = this.inFlight.get(key);
    if (pending) return pending;
    const job = this.queued(() => this.render(lang, text)).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, job);
    const wav = await job;
    this.remember(key, wav);
    return wav;
  }

  private remember(key: string, wav: Buffer): void {
    if (wav.length > this.maxBytes) return;
    this.cache.set(key, wav);
    this.cachedBytes += wav.length;
    while (this.cache.size > this.maxEntries || this.cachedBytes > this.maxBytes) {
      const oldest = this.cache.keys().next();
      if (oldest.done) break;
      this.cachedBytes -= this.cache.get(oldest.value)?.length ?? 0;
      this.cache.delete(oldest.value);
    }
  }

  get size(): { entries: number; bytes: number } {
    return { entries: this.cache.size, bytes: this.cachedBytes };
  }

  private async queued<T>(fn: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrency) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.running += 1;
    try {
      return await fn();
    } finally {
      this.running -= 1;
      this.waiting.shift()?.();
    }
  }

  /** One espeak-ng process; the text goes through stdin, so it can never be read as an option. */
  private render(lang: VoiceLanguage, text: string): Promise<Buffer> {
    this.stats.renders += 1;
    // a little slower than the default 175 words a minute: a lobby is a big, echoing room
    const args = ['-v', lang, '-s', lang === 'ja' ? '150' : '145', '--stdout', '--stdin'];
    return new Promise<Buffer>((resolve, reject) => {
      const child = spawn(this.command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
      const out: Buffer[] = [];
      let err = '';
      let settled = false;
      const finish = (e: Error | null, wav?: Buffer) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (e) reject(e);
        else resolve(wav ?? Buffer.alloc(0));
      };
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        finish(new Error(`${this.command} took longer than ${this.timeoutMs} ms`));
      }, this.timeoutMs);
      child.on('error', (e: NodeJS.ErrnoException) => {
        finish(e.code === 'ENOENT' || e.code === 'EACCES' ? new VoiceUnavailableError(`${this.command} is not installed on the server`) : e);
      });
      child.stdout.on('data', (b: Buffer) => out.push(b));
      child.stderr.on('data', (b: Buffer) => {
        if (err.length < 1000) err += b.toString('utf8');
      });
      child.stdin.on('error', () => {
        // the process died before reading its text: its exit or 'error' event says why
      });
      child.on('close', (code) => {
        const wav = Buffer.concat(out);
        if (code === 0 && wav.subarray(0, 4).toString('latin1') === 'RIFF') finish(null, wav);
        else finish(new Error(`${this.command} failed (exit ${String(code)}): ${err.trim().slice(0, 200)}`));
      });
      child.stdin.end(text, 'utf8');
    });
  }
}

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
 * displays (and staff) whose browser has no voice for the language.
 */
export function voiceRoutes(app: App, { config }: HttpDeps, voice: EspeakVoice = new EspeakVoice()): void {
  app.get(
    '/api/v1/sites/:site/voice.wav',
    {
      onRequest: allow({ devices: ['display'], role: 'clerk' }),
      schema: {
        tags: ['display'],
        summary: 'a call announcement spoken by espeak-ng (WAV), for displays without a voice for the language; cached per text',
        security,
        params: SiteParam,
        querystring: VoiceQuery,
        response: { 200: WavSchema, 503: ErrorSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      if (!config.sites.some((s) => s.id === req.params.site)) throw new DomainError('NOT_FOUND', `unknown site "${req.params.site}"`, { field: 'site' });
      const { text, lang } = req.query;
      if (!isSpeakable(text)) throw new DomainError('VALIDATION', 'text may hold only kana, ASCII letters and digits, spaces and light punctuation', { field: 'text' });
      let wav: Buffer;
      try {
        wav = await voice.clip(lang, text);
      } catch (e) {
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
