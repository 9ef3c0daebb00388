// An ESC/POS (Epson) and StarPRNT decoder: bytes in, the receipt a Japanese thermal printer would
// print out (text with kanji, sizes, alignment, raster images, native QR codes, cuts). It covers
// what receiptline emits for escpos/generic + cp932 and starmbcs/stargraphic + shiftjis, and
// skips other known commands by their length so one unknown command does not derail the rest.
import { EscPosDecoder } from './decode-escpos.js';
import { StarDecoder } from './decode-star.js';
import type { DecodedReceipt } from './receipt.js';

export type { DecodedImage, DecodedLine, DecodedQr, DecodedReceipt, DecodedSegment, ReceiptBlock } from './receipt.js';

export interface DecodeOptions {
  /** Command set; 'auto' (default) picks Star when the job has Star-only sequences (ESC GS, ESC RS, ESC * r). */
  dialect?: 'escpos' | 'star' | 'auto';
  /** Printable width in dots (default 576, 80 mm paper). */
  dotWidth?: number;
}

/**
 * Star jobs announce themselves in their first commands (receiptline: `ESC @ ESC RS a`, or
 * `ESC RS a ESC * r A` in raster mode). Only the head of the job is looked at: image data further
 * on can hold any byte pair.
 */
export function detectDialect(bytes: Uint8Array): 'escpos' | 'star' {
  for (let i = 0; i + 1 < Math.min(bytes.length, 32); i++) {
    if (bytes[i] !== 0x1b) continue;
    const n = bytes[i + 1];
    if (n === 0x1d || n === 0x1e) return 'star';
    if (n === 0x2a && bytes[i + 2] === 0x72) return 'star';
  }
  return 'escpos';
}

/** Decodes one job's bytes into the receipt the printer would print. */
export function decodeEscPos(bytes: Uint8Array, options: DecodeOptions = {}): DecodedReceipt {
  const dialect = !options.dialect || options.dialect === 'auto' ? detectDialect(bytes) : options.dialect;
  const dotWidth = options.dotWidth ?? 576;
  return (dialect === 'star' ? new StarDecoder(bytes, dotWidth) : new EscPosDecoder(bytes, dotWidth)).run();
}
