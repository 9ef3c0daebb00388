// What the simulated printer "prints": text lines made of positioned segments, images, native QR
// codes, feeds and cuts, in paper order. ReceiptBuilder is the print head the decoder drives.

export type Align = 'left' | 'center' | 'right';

export interface DecodedSegment {
  /** Dots from the left edge of the printable area of the paper. */
  x: number;
  text: string;
  /** Dots each character of this segment advances (12 for half-width, 24 for kanji, × width). */
  charWidth: number;
  width: number;
  height: number;
  bold: boolean;
  underline: boolean;
  invert: boolean;
}

export interface DecodedLine {
  /** The line's text, segments joined at their positions (one space per 12 dots of gap), trimmed. */
  text: string;
  align: Align;
  /** Largest width / height multiplier used on the line. */
  width: number;
  height: number;
  bold?: boolean;
  segments: DecodedSegment[];
  /** Dots the paper advanced for this line. */
  dots: number;
}

export interface DecodedImage {
  x: number;
  width: number;
  height: number;
  /** 1 byte per pixel, 1 = black dot, row-major. */
  pixels: Uint8Array;
}

export interface DecodedQr {
  data: string;
  moduleSize: number;
  errorCorrection: 'l' | 'm' | 'q' | 'h';
  align: Align;
  areaLeft: number;
  areaWidth: number;
}

export type ReceiptBlock =
  | { type: 'line'; index: number }
  | { type: 'image'; index: number }
  | { type: 'qr'; index: number }
  | { type: 'feed'; dots: number }
  | { type: 'cut'; partial: boolean };

export interface DecodedReceipt {
  dialect: 'escpos' | 'star';
  /** Printable width in dots the receipt was decoded for. */
  dotWidth: number;
  lines: DecodedLine[];
  images: DecodedImage[];
  /** The first native 2D code (GS ( k / ESC GS y), if the job used one. */
  qr?: DecodedQr;
  qrCodes: DecodedQr[];
  cuts: number;
  blocks: ReceiptBlock[];
  /** Every line's text, joined with newlines. */
  text: string;
  /**
   * The whole receipt in paper order as text, one block a line: each text line, `[raster W×H]`
   * for an image (a line drawn as dots, or a QR code printed as graphics), `[qr data]` for a
   * native 2D code, `[cut]`. What the simulator's page and `/receipts/N.txt` show.
   */
  log: string;
  /** Commands the decoder did not know (skipped). */
  unknown: string[];
  bytes: number;
}

export interface TextStyle {
  width: number;
  height: number;
  bold: boolean;
  underline: boolean;
  invert: boolean;
}

const ALIGNS: readonly Align[] = ['left', 'center', 'right'];

export function alignOf(n: number): Align {
  return ALIGNS[n] ?? 'left';
}

export class ReceiptBuilder {
  readonly lines: DecodedLine[] = [];
  readonly images: DecodedImage[] = [];
  readonly qrCodes: DecodedQr[] = [];
  readonly blocks: ReceiptBlock[] = [];
  readonly unknown: string[] = [];
  cuts = 0;
  private segments: DecodedSegment[] = [];
  /** Extent of the current line in dots relative to the area, for ESC a alignment. */
  private lineEnd = 0;

  constructor(readonly dotWidth: number) {}

  get lineIsEmpty(): boolean {
    return this.segments.length === 0;
  }

  /** Places one character at x (area-relative `penX` + `areaLeft`). */
  put(ch: string, areaLeft: number, penX: number, advance: number, style: TextStyle): void {
    const x = areaLeft + penX;
    const last = this.segments[this.segments.length - 1];
    if (
      last &&
      last.charWidth === advance &&
      last.x + Array.from(last.text).length * last.charWidth === x &&
      last.width === style.width &&
      last.height === style.height &&
      last.bold === style.bold &&
      last.underline === style.underline &&
      last.invert === style.invert
    ) {
      last.text += ch;
    } else {
      this.segments.push({ x, text: ch, charWidth: advance, ...style });
    }
    this.lineEnd = Math.max(this.lineEnd, penX + advance);
  }

  /** Ends the current line. `minDots` is the line spacing; a line is at least as tall as its characters. */
  endLine(minDots: number, area: { left: number; width: number }, align: number): void {
    if (this.segments.length === 0) {
      if (minDots > 0) this.feed(minDots);
      return;
    }
    if (align > 0) {
      const shift = Math.floor(((area.width - this.lineEnd) * align) / 2);
      for (const s of this.segments) s.x += shift;
    }
    const segments = [...this.segments].sort((a, b) => a.x - b.x);
    const height = Math.max(...segments.map((s) => s.height));
    const width = Math.max(...segments.map((s) => s.width));
    let text = '';
    let cursor = 0;
    let inkLeft = Infinity;
    let inkRight = -Infinity;
    for (const s of segments) {
      const chars = Array.from(s.text);
      if (s.x > cursor) text += ' '.repeat(Math.round((s.x - cursor) / 12));
      text += s.text;
      cursor = s.x + chars.length * s.charWidth;
      const lead = chars.length - s.text.trimStart().length;
      const trail = chars.length - s.text.trimEnd().length;
      if (lead < chars.length) {
        inkLeft = Math.min(inkLeft, s.x + lead * s.charWidth);
        inkRight = Math.max(inkRight, cursor - trail * s.charWidth);
      }
    }
    let lineAlign: Align = alignOf(align);
    if (align === 0 && inkLeft !== Infinity) {
      const gapL = inkLeft - area.left;
      const gapR = area.left + area.width - inkRight;
      const tolerance = 12 * width + 1;
      if (gapL <= 1) lineAlign = 'left';
      else if (Math.abs(gapL - gapR) <= tolerance) lineAlign = 'center';
      else lineAlign = gapR < gapL ? 'right' : 'left';
    }
    const line: DecodedLine = { text: text.trim(), align: lineAlign, width, height, segments, dots: Math.max(minDots, 24 * height) };
    if (segments.some((s) => s.bold && s.text.trim() !== '')) line.bold = true;
    this.lines.push(line);
    this.blocks.push({ type: 'line', index: this.lines.length - 1 });
    this.segments = [];
    this.lineEnd = 0;
  }

  /** Forgets the characters of the current line (ESC @ clears the print buffer). */
  discardLine(): void {
    this.segments = [];
    this.lineEnd = 0;
  }

  feed(dots: number): void {
    const last = this.blocks[this.blocks.length - 1];
    if (last?.type === 'feed') last.dots += dots;
    else this.blocks.push({ type: 'feed', dots });
  }

  image(img: DecodedImage): void {
    if (img.width === 0 || img.height === 0) return;
    this.images.push(img);
    this.blocks.push({ type: 'image', index: this.images.length - 1 });
  }

  qr(code: DecodedQr): void {
    this.qrCodes.push(code);
    this.blocks.push({ type: 'qr', index: this.qrCodes.length - 1 });
  }

  cut(partial: boolean): void {
    this.cuts += 1;
    this.blocks.push({ type: 'cut', partial });
  }

  private log(): string {
    const entry = (b: ReceiptBlock): string | undefined => {
      switch (b.type) {
        case 'line':
          return this.lines[b.index]?.text;
        case 'image': {
          const img = this.images[b.index];
          return img && `[raster ${img.width}×${img.height}]`;
        }
        case 'qr':
          return `[qr ${this.qrCodes[b.index]?.data ?? ''}]`;
        case 'cut':
          return '[cut]';
        case 'feed':
          return undefined;
      }
    };
    return this.blocks
      .map(entry)
      .filter((e) => e !== undefined)
      .join('\n');
  }

  finish(dialect: 'escpos' | 'star', bytes: number): DecodedReceipt {
    const receipt: DecodedReceipt = {
      dialect,
      dotWidth: this.dotWidth,
      lines: this.lines,
      images: this.images,
      qrCodes: this.qrCodes,
      cuts: this.cuts,
      blocks: this.blocks,
      text: this.lines.map((l) => l.text).join('\n'),
      log: this.log(),
      unknown: this.unknown,
      bytes,
    };
    const first = this.qrCodes[0];
    if (first) receipt.qr = first;
    return receipt;
  }
}

/** Packs rows of 1-bit MSB-first bytes into a 1-byte-per-pixel image, scaled by sx × sy. */
export function unpackRaster(data: Uint8Array, offset: number, bytesPerRow: number, rows: number, sx = 1, sy = 1): { width: number; height: number; pixels: Uint8Array } {
  const width = bytesPerRow * 8 * sx;
  const height = rows * sy;
  const pixels = new Uint8Array(width * height);
  for (let y = 0; y < rows; y++) {
    for (let xb = 0; xb < bytesPerRow; xb++) {
      const b = data[offset + y * bytesPerRow + xb] ?? 0;
      if (b === 0) continue;
      for (let bit = 0; bit < 8; bit++) {
        if (!(b & (0x80 >> bit))) continue;
        const px = (xb * 8 + bit) * sx;
        for (let dy = 0; dy < sy; dy++) for (let dx = 0; dx < sx; dx++) pixels[(y * sy + dy) * width + px + dx] = 1;
      }
    }
  }
  return { width, height, pixels };
}

/** Crops an unpacked image to `width` columns (raster rows are padded to whole bytes). */
export function cropWidth(img: { width: number; height: number; pixels: Uint8Array }, width: number): { width: number; height: number; pixels: Uint8Array } {
  if (width >= img.width) return img;
  const pixels = new Uint8Array(width * img.height);
  for (let y = 0; y < img.height; y++) pixels.set(img.pixels.subarray(y * img.width, y * img.width + width), y * width);
  return { width, height: img.height, pixels };
}
