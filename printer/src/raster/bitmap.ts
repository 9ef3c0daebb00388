import { PNG } from 'pngjs';
import type { GlyphBitmap } from './font.js';

/** A 1-bit image, one byte per pixel (1 = black dot), that grows downwards as it is drawn. */
export class Bitmap {
  readonly width: number;
  private rows: Uint8Array[] = [];

  constructor(width: number, height = 0) {
    this.width = width;
    this.ensureHeight(height);
  }

  get height(): number {
    return this.rows.length;
  }

  ensureHeight(height: number): void {
    while (this.rows.length < height) this.rows.push(new Uint8Array(this.width));
  }

  get(x: number, y: number): number {
    return this.rows[y]?.[x] ?? 0;
  }

  set(x: number, y: number, on = 1): void {
    if (x < 0 || x >= this.width || y < 0) return;
    this.ensureHeight(y + 1);
    const row = this.rows[y];
    if (row) row[x] = on;
  }

  fillRect(x: number, y: number, w: number, h: number, on = 1): void {
    for (let j = Math.max(0, y); j < y + h; j++) for (let i = Math.max(0, x); i < Math.min(this.width, x + w); i++) this.set(i, j, on);
  }

  invertRect(x: number, y: number, w: number, h: number): void {
    for (let j = Math.max(0, y); j < y + h; j++) for (let i = Math.max(0, x); i < Math.min(this.width, x + w); i++) this.set(i, j, this.get(i, j) ? 0 : 1);
  }

  /** Copies a 1-byte-per-pixel image onto this one (ink only, OR). */
  blit(x: number, y: number, src: { width: number; height: number; pixels: Uint8Array }): void {
    this.ensureHeight(y + src.height);
    for (let j = 0; j < src.height; j++) {
      for (let i = 0; i < src.width; i++) if (src.pixels[j * src.width + i]) this.set(x + i, y + j);
    }
  }

  /** Draws a glyph scaled to a w × h box with nearest-neighbour sampling; `bold` doubles strokes. */
  drawGlyph(glyph: GlyphBitmap, x: number, y: number, w: number, h: number, bold = false): void {
    this.ensureHeight(y + h);
    for (let j = 0; j < h; j++) {
      const sy = Math.min(glyph.height - 1, Math.floor(((j + 0.5) * glyph.height) / h));
      for (let i = 0; i < w; i++) {
        const sx = Math.min(glyph.width - 1, Math.floor(((i + 0.5) * glyph.width) / w));
        if (glyph.pixels[sy * glyph.width + sx]) {
          this.set(x + i, y + j);
          if (bold) this.set(x + i + 1, y + j);
        }
      }
    }
  }

  /** The pixels as one byte per pixel, row-major. */
  pixels(): Uint8Array {
    const out = new Uint8Array(this.width * this.height);
    this.rows.forEach((r, y) => out.set(r, y * this.width));
    return out;
  }

  toPng(): Buffer {
    return encodePng(this.width, this.height, this.pixels());
  }
}

/** Encodes a 1-byte-per-pixel image (1 = black) as an 8-bit greyscale PNG, exactly black and white. */
export function encodePng(width: number, height: number, pixels: Uint8Array): Buffer {
  const png = new PNG({ width: Math.max(1, width), height: Math.max(1, height), colorType: 0, inputColorType: 0, bitDepth: 8, inputHasAlpha: false });
  const data = Buffer.alloc(Math.max(1, width) * Math.max(1, height), 255);
  for (let i = 0; i < width * height; i++) if (pixels[i]) data[i] = 0;
  png.data = data;
  return PNG.sync.write(png, { colorType: 0, inputColorType: 0, bitDepth: 8, inputHasAlpha: false });
}
