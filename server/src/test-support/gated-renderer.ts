import type { VoiceRenderer } from '../adapters/voice/espeak-voice.js';

/**
 * A voice renderer whose renders finish only when the test says so: concurrency promises no
 * order of completion, so a test picks the order instead of hoping for one.
 */
export class GatedRenderer {
  /** texts in the order their renders started */
  readonly started: string[] = [];
  private readonly gates = new Map<string, (wav: Buffer) => void>();

  readonly render: VoiceRenderer = (_lang, text) => {
    this.started.push(text);
    return new Promise<Buffer>((resolve) => this.gates.set(text, resolve));
  };

  /** Finishes the render of `text`, then lets the waiting promises run. */
  async finish(text: string): Promise<void> {
    const gate = this.gates.get(text);
    if (!gate) throw new Error(`no render of "${text}" is running`);
    this.gates.delete(text);
    gate(Buffer.from(`RIFF${text}`));
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

