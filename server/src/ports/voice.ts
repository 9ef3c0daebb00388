export type VoiceLanguage = 'ja' | 'en';

/**
 * What a clip request is for. `live`: the words of a call the site has just made (a display is
 * waiting to say them); `other`: any other text (a staff preview, or a flood).
 */
export type VoicePriority = 'live' | 'other';

/** The speech engine is not installed (or cannot start): the route answers 503. */
export class VoiceUnavailableError extends Error {
  override readonly name = 'VoiceUnavailableError';
}

/** The render queue of the request's priority is full: the route answers 503 with Retry-After. */
export class VoiceBusyError extends Error {
  override readonly name = 'VoiceBusyError';
}

/**
 * Spoken call announcements as WAV clips, for displays whose browser has no voice for a
 * language: espeak-ng in production (adapters/voice/espeak-voice.ts).
 * @throws VoiceUnavailableError, VoiceBusyError
 */
export interface VoiceClips {
  clip(lang: VoiceLanguage, text: string, priority?: VoicePriority): Promise<Buffer>;
}
