// What the ESC/POS and Star decoders share: the byte cursor, code pages and kanji modes, character
// sizes and positions, line ends, images and 2D codes. Each dialect adds its command table.
import iconv from 'iconv-lite';
import { alignOf, ReceiptBuilder, type DecodedReceipt, type TextStyle } from './receipt.js';

export const ESC = 0x1b;
export const GS = 0x1d;
export const FS = 0x1c;
const DLE = 0x10;

/** Characters 0x80-0x9F of the Japanese single-byte (katakana) code page: block and line drawing. */
const KATAKANA_GRAPHICS = '▁▂▃▄▅▆▇█▏▎▍▌▋▊▉┼┴┬┤├▔─│▕┌┐└┘╭╮╰╯';

function jisToSjis(j1: number, j2: number): [number, number] {
  const s1 = ((j1 + 1) >> 1) + (j1 <= 0x5e ? 0x70 : 0xb0);
  const s2 = j1 & 1 ? j2 + (j2 >= 0x60 ? 0x20 : 0x1f) : j2 + 0x7e;
  return [s1, s2];
}

function isSjisLead(b: number): boolean {
  return (b >= 0x81 && b <= 0x9f) || (b >= 0xe0 && b <= 0xfc);
}

export function signed16(lo: number, hi: number): number {
  const v = lo | (hi << 8);
  return v >= 0x8000 ? v - 0x10000 : v;
}

/** Both command sets accept many parameters as numbers or as ASCII digits. */
export function starNum(n: number): number {
  return n >= 0x30 && n <= 0x39 ? n - 0x30 : n;
}

export type Raster = { width: number; height: number; pixels: Uint8Array };

export abstract class DecoderBase {
  protected i = 0;
  protected readonly out: ReceiptBuilder;
  // character state
  protected codePage = 1;
  protected intl = 0;
  /** Shift_JIS kanji: lead bytes 81-9F, E0-FC start a two-byte character. */
  protected sjis = true;
  /** JIS kanji mode (ESC/POS FS & with FS C 0): pairs of 21-7E bytes. */
  protected jisKanji = false;
  protected style: TextStyle = { width: 1, height: 1, bold: false, underline: false, invert: false };
  protected charSpacing = 0;
  protected kanjiSpacing = 0;
  protected lineSpacing = 30;
  // position state
  protected align = 0;
  protected areaLeft = 0;
  protected areaWidth: number;
  protected penX = 0;
  protected qr = { data: '', moduleSize: 3, errorCorrection: 'l' as 'l' | 'm' | 'q' | 'h' };
  /** An image printed inside a line (ESC *) already advanced the paper: the LF after it does not. */
  protected skipNextFeed = false;

  constructor(
    protected readonly bytes: Uint8Array,
    protected readonly dialect: 'escpos' | 'star',
    protected readonly dotWidth: number,
  ) {
    this.out = new ReceiptBuilder(dotWidth);
    this.areaWidth = dotWidth;
    this.reset();
  }

  /** Handles the command at the cursor when `b` starts one of the dialect's commands. */
  protected abstract command(b: number): boolean;

  /** Takes a byte before anything else does (Star raster mode); true when consumed. */
  protected intercept(_b: number): boolean {
    return false;
  }

  /** Single-byte controls other than LF, HT and DLE. */
  protected control(_b: number): void {
    // ignored unless a dialect gives them a meaning
  }

  /** Completes what the job left open at its end. */
  protected finishJob(): void {
    // nothing by default
  }

  /** ESC @: initialise the printer (the unprinted line is discarded). */
  protected reset(): void {
    this.codePage = 1;
    this.intl = 0;
    this.sjis = true;
    this.jisKanji = false;
    this.style = { width: 1, height: 1, bold: false, underline: false, invert: false };
    this.charSpacing = 0;
    this.kanjiSpacing = 0;
    this.lineSpacing = this.dialect === 'star' ? 24 : 30;
    this.align = 0;
    this.areaLeft = 0;
    this.areaWidth = this.dotWidth;
    this.penX = 0;
    this.out.discardLine();
  }

  run(): DecodedReceipt {
    while (this.i < this.bytes.length) {
      const b = this.byte(0);
      if (this.intercept(b) || this.command(b)) continue;
      if (b === DLE) this.dle();
      else if (b === 0x0a) {
        this.i += 1;
        this.lineFeed();
      } else if (b === 0x09) {
        this.i += 1;
        this.penX = (Math.floor(this.penX / 96) + 1) * 96;
      } else if (b < 0x20 || b === 0x7f) {
        this.control(b);
        this.i += 1;
      } else this.printable();
    }
    this.finishJob();
    if (!this.out.lineIsEmpty) this.lineFeed();
    return this.out.finish(this.dialect, this.bytes.length);
  }

  protected byte(k: number): number {
    return this.bytes[this.i + k] ?? 0;
  }

  /**
   * The escape sequence at the cursor whose command byte `c` ends a prefix of `length` bytes
   * (ESC c: 2, Star's ESC GS c: 3): `p(k)` reads its k-th parameter, `skip(n)` moves past the
   * sequence and its n parameters.
   */
  protected sequence(length: number): { c: number; p: (k: number) => number; skip: (n: number) => void } {
    return {
      c: this.byte(length - 1),
      p: (k) => this.byte(length + k),
      skip: (n) => {
        this.i += length + n;
      },
    };
  }

  protected has(n: number): boolean {
    return this.i + n <= this.bytes.length;
  }

  protected unknown(what: string): void {
    if (this.out.unknown.length < 50) this.out.unknown.push(what);
  }

  protected lineFeed(dots?: number): void {
    if (this.skipNextFeed && this.out.lineIsEmpty) {
      this.skipNextFeed = false;
      this.penX = 0;
      return;
    }
    this.skipNextFeed = false;
    this.out.endLine(dots ?? this.lineSpacing, { left: this.areaLeft, width: this.areaWidth }, this.align);
    this.penX = 0;
  }

  protected lineFeedIfPending(): void {
    if (!this.out.lineIsEmpty) this.lineFeed();
  }

  private printable(): void {
    const b = this.byte(0);
    if (!this.sjis && this.jisKanji && b >= 0x21 && b <= 0x7e && this.has(2)) {
      const [s1, s2] = jisToSjis(b, this.byte(1));
      this.putChar(iconv.decode(Buffer.from([s1, s2]), 'cp932'), true);
      this.i += 2;
      return;
    }
    if (this.sjis && isSjisLead(b) && this.has(2)) {
      this.putChar(iconv.decode(Buffer.from([b, this.byte(1)]), 'cp932'), true);
      this.i += 2;
      return;
    }
    this.putChar(this.singleByte(b), false);
    this.i += 1;
  }

  private singleByte(b: number): string {
    if (b < 0x80) {
      if (b === 0x5c && this.intl === 8) return '¥';
      return String.fromCharCode(b);
    }
    if (this.codePage === 1) {
      if (b >= 0x80 && b <= 0x9f) return KATAKANA_GRAPHICS[b - 0x80] ?? '?';
      if (b >= 0xa1 && b <= 0xdf) return String.fromCharCode(0xff61 + (b - 0xa1));
      return ' ';
    }
    const table: Record<number, string> = { 0: 'cp437', 16: 'cp1252', 17: 'cp866', 18: 'cp852', 19: 'cp858' };
    return iconv.decode(Buffer.of(b), table[this.codePage] ?? 'latin1');
  }

  private putChar(ch: string, wide: boolean): void {
    const advance = ((wide ? 24 + this.kanjiSpacing : 12 + this.charSpacing) * this.style.width) | 0;
    if (this.penX + advance > this.areaWidth && !this.out.lineIsEmpty) this.lineFeed();
    this.out.put(ch, this.areaLeft, this.penX, advance, { ...this.style });
    this.penX += advance;
  }

  /** Prints an image on its own (after the pending line), placed by the alignment unless `x` is given. */
  protected image(img: Raster, x?: number): void {
    this.lineFeedIfPending();
    const left = x ?? this.areaLeft + Math.max(0, Math.floor(((this.areaWidth - img.width) * this.align) / 2));
    this.out.image({ x: left, ...img });
  }

  protected printQr(): void {
    this.lineFeedIfPending();
    this.out.qr({ ...this.qr, align: alignOf(this.align), areaLeft: this.areaLeft, areaWidth: this.areaWidth });
  }

  /** Real-time commands (DLE EOT n, DLE ENQ n, DLE DC4 …) are answered by the server, not printed. */
  private dle(): void {
    const c = this.byte(1);
    if (c === 0x04) this.i += this.byte(2) === 7 || this.byte(2) === 8 ? 4 : 3;
    else if (c === 0x05) this.i += 3;
    else if (c === 0x14) this.i += this.byte(2) === 8 ? 10 : 5;
    else this.i += 1;
  }
}
