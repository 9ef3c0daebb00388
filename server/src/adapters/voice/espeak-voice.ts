import { spawn } from 'node:child_process';
import { VoiceBusyError, VoiceUnavailableError, type VoiceClips, type VoiceLanguage, type VoicePriority } from '../../ports/voice.js';

/** Renders one text to WAV bytes. */
export type VoiceRenderer = (lang: VoiceLanguage, text: string) => Promise<Buffer>;

export interface EspeakOptions {
  /** the program; `espeak-ng` from PATH by default */
  command?: string;
  /** a render taking longer is killed */
  timeoutMs?: number;
  /** renders running at once; more wait their turn (each is a process) */
  concurrency?: number;
  /**
   * renders waiting for a turn, per priority; one more is refused (VoiceBusyError). Without a
   * bound a flood of arbitrary texts made a new call's clip wait 19 s.
   */
  maxWaiting?: number;
  /** the cache's bounds: clips kept, and their total size */
  maxEntries?: number;
  maxBytes?: number;
  /** renders a text; espeak-ng (`command`) by default. Tests inject one they finish in any order. */
  render?: VoiceRenderer;
}

interface Waiting {
  key: string;
  start: () => void;
}

/**
 * Voice clips for lobby displays whose browser has no voice for a language (a Linux signage
 * player, a headless browser): espeak-ng renders the display's kana text to WAV. Clips are
 * cached in memory (least recently used first out, bounded by count and bytes), so a call's
 * clip is rendered once however many displays ask for it, and a repeated call is instant.
 * Renders wait in two bounded lanes, live calls first: other texts cannot delay a call's words
 * by more than the renders already running.
 */
export class EspeakVoice implements VoiceClips {
  private readonly cache = new Map<string, Buffer>();
  private readonly inFlight = new Map<string, Promise<Buffer>>();
  private cachedBytes = 0;
  private running = 0;
  private readonly lanes: Record<VoicePriority, Waiting[]> = { live: [], other: [] };
  /** how many clips were rendered, served from the cache, and refused for a full queue */
  readonly stats = { renders: 0, hits: 0, refused: 0 };
  private readonly command: string;
  private readonly timeoutMs: number;
  private readonly concurrency: number;
  private readonly maxWaiting: number;
  private readonly maxEntries: number;
  private readonly maxBytes: number;
  private readonly renderer: VoiceRenderer;

  constructor(opts: EspeakOptions = {}) {
    this.command = opts.command ?? 'espeak-ng';
    this.timeoutMs = opts.timeoutMs ?? 5_000;
    this.concurrency = opts.concurrency ?? 2;
    this.maxWaiting = opts.maxWaiting ?? 16;
    this.maxEntries = opts.maxEntries ?? 500;
    this.maxBytes = opts.maxBytes ?? 64 * 1024 * 1024;
    this.renderer = opts.render ?? ((lang, text) => this.espeak(lang, text));
  }

  async clip(lang: VoiceLanguage, text: string, priority: VoicePriority = 'other'): Promise<Buffer> {
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
    if (pending) {
      // the same words became a live call's while they waited among the others: move them up
      if (priority === 'live') this.promote(key);
      return pending;
    }
    const job = this.queued(key, priority, () => {
      this.stats.renders += 1;
      return this.renderer(lang, text);
    }).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, job);
    const wav = await job;
    this.remember(key, wav);
    return wav;
  }

  get size(): { entries: number; bytes: number } {
    return { entries: this.cache.size, bytes: this.cachedBytes };
  }

  /** renders waiting for a turn, per priority */
  get waiting(): Record<VoicePriority, number> {
    return { live: this.lanes.live.length, other: this.lanes.other.length };
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

  private promote(key: string): void {
    const i = this.lanes.other.findIndex((w) => w.key === key);
    if (i < 0) return;
    const [w] = this.lanes.other.splice(i, 1);
    if (w) this.lanes.live.push(w);
  }

  private async queued<T>(key: string, priority: VoicePriority, fn: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrency) {
      const lane = this.lanes[priority];
      if (lane.length >= this.maxWaiting) {
        this.stats.refused += 1;
        throw new VoiceBusyError(`${lane.length} ${priority === 'live' ? 'call' : 'other'} clips are waiting to be rendered`);
      }
      await new Promise<void>((start) => lane.push({ key, start }));
    }
    this.running += 1;
    try {
      return await fn();
    } finally {
      this.running -= 1;
      (this.lanes.live.shift() ?? this.lanes.other.shift())?.start();
    }
  }

  /** One espeak-ng process; the text goes through stdin, so it can never be read as an option. */
  private espeak(lang: VoiceLanguage, text: string): Promise<Buffer> {
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
