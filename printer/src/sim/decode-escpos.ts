// ESC/POS (Epson and compatibles): what receiptline's escpos and generic command sets emit, and
// the other common commands, skipped by their length.
import iconv from 'iconv-lite';
import { DecoderBase, ESC, FS, GS, signed16, starNum, type Raster } from './decoder-base.js';
import { cropWidth, unpackRaster } from './receipt.js';

export class EscPosDecoder extends DecoderBase {
  /** GS ( L / GS 8 L graphics stored in the print buffer, waiting to be printed. */
  private graphics: Raster | undefined;

  constructor(bytes: Uint8Array, dotWidth: number) {
    super(bytes, 'escpos', dotWidth);
  }

  protected command(b: number): boolean {
    if (b === ESC) this.escposEsc();
    else if (b === GS) this.escposGs();
    else if (b === FS) this.escposFs();
    else return false;
    return true;
  }

  private escposEsc(): void {
    const { c, p, skip } = this.sequence(2);
    switch (String.fromCharCode(c)) {
      case '@':
        this.reset();
        return skip(0);
      case ' ':
        this.charSpacing = p(0);
        return skip(1);
      case '!': {
        const n = p(0);
        this.style.bold = (n & 0x08) !== 0;
        this.style.height = n & 0x10 ? 2 : 1;
        this.style.width = n & 0x20 ? 2 : 1;
        this.style.underline = (n & 0x80) !== 0;
        return skip(1);
      }
      case '$':
      case '\\':
        this.movePen(c === 0x24, p(0), p(1));
        return skip(2);
      case '-':
        this.style.underline = (p(0) & 0x03) !== 0;
        return skip(1);
      case '2':
        this.lineSpacing = 30;
        return skip(0);
      case '3':
        this.lineSpacing = p(0);
        return skip(1);
      case 'E':
      case 'G':
        this.style.bold = (p(0) & 1) === 1;
        return skip(1);
      case 'J':
        this.lineFeed(p(0));
        return skip(1);
      case 'd':
        this.lineFeed();
        if (p(0) > 1) this.out.feed((p(0) - 1) * this.lineSpacing);
        return skip(1);
      case 'a':
        this.align = starNum(p(0)) % 3;
        return skip(1);
      case 't':
        this.codePage = p(0);
        return skip(1);
      case 'R':
        this.intl = p(0);
        return skip(1);
      case 'i':
      case 'm':
        this.out.cut(true);
        return skip(0);
      case '*':
        return this.escposBitImage();
      case 'p':
        return skip(3);
      case 'c':
        return skip(2);
      case 'D': {
        let k = 2;
        while (this.has(k + 1) && this.byte(k) !== 0) k++;
        this.i += k + 1;
        return;
      }
      case 'W':
        return skip(8);
      case '%': case '=': case '?': case 'M': case 'T': case 'U': case 'V': case 'e': case 'r': case 'u': case '{': case 'S': case 'L':
        return skip('SL'.includes(String.fromCharCode(c)) ? 0 : 1);
      default:
        this.unknown(`ESC 0x${c.toString(16)}`);
        return skip(0);
    }
  }

  /** ESC * m nL nH d…: column-format bit image, 8 or 24 dots tall, printed in the line. */
  private escposBitImage(): void {
    const m = this.byte(2);
    const n = this.byte(3) | (this.byte(4) << 8);
    const tall = m === 32 || m === 33 ? 24 : 8;
    const sx = m === 0 || m === 32 ? 2 : 1;
    const start = this.i + 5;
    const bytesPerColumn = tall / 8;
    const width = n * sx;
    const pixels = new Uint8Array(width * tall);
    for (let col = 0; col < n; col++) {
      for (let k = 0; k < bytesPerColumn; k++) {
        const b = this.bytes[start + col * bytesPerColumn + k] ?? 0;
        for (let bit = 0; bit < 8; bit++) {
          if (!(b & (0x80 >> bit))) continue;
          for (let dx = 0; dx < sx; dx++) pixels[(k * 8 + bit) * width + col * sx + dx] = 1;
        }
      }
    }
    this.i = start + n * bytesPerColumn;
    this.image({ width, height: tall, pixels }, this.areaLeft + this.penX);
    this.skipNextFeed = true;
  }

  /** ESC $ and GS $ set the pen's position (nL nH dots into the print area), ESC \ and GS \ move it (signed). */
  private movePen(absolute: boolean, lo: number, hi: number): void {
    this.penX = absolute ? lo | (hi << 8) : Math.max(0, this.penX + signed16(lo, hi));
  }

  private escposGs(): void {
    const { c, p, skip } = this.sequence(2);
    switch (String.fromCharCode(c)) {
      case '!':
        this.style.width = ((p(0) >> 4) & 7) + 1;
        this.style.height = (p(0) & 7) + 1;
        return skip(1);
      case 'B':
        this.style.invert = (p(0) & 1) === 1;
        return skip(1);
      case 'L':
        this.areaLeft = p(0) | (p(1) << 8);
        return skip(2);
      case 'W':
        this.areaWidth = p(0) | (p(1) << 8);
        return skip(2);
      case '$':
      case '\\':
        this.movePen(c === 0x24, p(0), p(1));
        return skip(2);
      case 'V': {
        const m = p(0);
        this.lineFeedIfPending();
        this.out.cut(m === 1 || m === 49 || m === 66 || m === 98 || m === 104);
        return skip(m >= 65 ? 2 : 1);
      }
      case 'v':
        return this.escposRaster();
      case '8':
        if (p(0) === 0x4c) return this.escposGraphics(7, p(1) | (p(2) << 8) | (p(3) << 16) | (p(4) << 24));
        return this.skipUnknown(`GS 8 0x${p(0).toString(16)}`, 2);
      case '(': {
        const fn = String.fromCharCode(p(0));
        const len = p(1) | (p(2) << 8);
        if (fn === 'L') return this.escposGraphics(5, len);
        if (fn === 'k') return this.escposQr(len);
        return skip(3 + len);
      }
      case 'k': {
        const m = p(0);
        if (m <= 6) {
          let k = 3;
          while (this.has(k + 1) && this.byte(k) !== 0) k++;
          this.i += k + 1;
          return;
        }
        return skip(2 + p(1));
      }
      case '*':
        return skip(2 + p(0) * p(1) * 8);
      case 'a': case 'b': case 'f': case 'h': case 'w': case 'H': case 'I': case 'r': case '/': case 'E': case 'T':
        return skip(1);
      case 'P':
        return skip(2);
      case '^': case 'z':
        return skip(3);
      case ':': case 'c':
        return skip(0);
      case 'g':
        return skip(4);
      default:
        this.unknown(`GS 0x${c.toString(16)}`);
        return skip(0);
    }
  }

  private skipUnknown(what: string, n: number): void {
    this.unknown(what);
    this.i += n;
  }

  /** GS v 0 m xL xH yL yH d…: raster bit image. */
  private escposRaster(): void {
    const m = this.byte(3);
    const xBytes = this.byte(4) | (this.byte(5) << 8);
    const rows = this.byte(6) | (this.byte(7) << 8);
    const start = this.i + 8;
    const img = unpackRaster(this.bytes, start, xBytes, rows, m & 1 ? 2 : 1, m & 2 ? 2 : 1);
    this.i = start + xBytes * rows;
    this.image(img);
  }

  /**
   * GS 8 L / GS ( L graphics: m fn a bx by c xL xH yL yH d… stores (fn 112) a raster in the print
   * buffer, fn 50 prints it. `header` is the bytes before the payload, `len` the payload length.
   */
  private escposGraphics(header: number, len: number): void {
    const at = this.i + header;
    const fn = this.bytes[at + 1] ?? 0;
    if (fn === 112) {
      const bx = this.bytes[at + 3] ?? 1;
      const by = this.bytes[at + 4] ?? 1;
      const w = (this.bytes[at + 6] ?? 0) | ((this.bytes[at + 7] ?? 0) << 8);
      const h = (this.bytes[at + 8] ?? 0) | ((this.bytes[at + 9] ?? 0) << 8);
      const raw = unpackRaster(this.bytes, at + 10, (w + 7) >> 3, h, bx === 2 ? 2 : 1, by === 2 ? 2 : 1);
      this.graphics = cropWidth(raw, w * (bx === 2 ? 2 : 1));
    } else if (fn === 50 || fn === 2) {
      if (this.graphics) this.image(this.graphics);
      this.graphics = undefined;
    }
    this.i = at + len;
  }

  /** GS ( k pL pH cn fn …: 2D codes; QR (cn 49) store and print are recorded. */
  private escposQr(len: number): void {
    const at = this.i + 5;
    const cn = this.bytes[at] ?? 0;
    const fn = this.bytes[at + 1] ?? 0;
    if (cn === 49) {
      if (fn === 67) this.qr.moduleSize = this.bytes[at + 2] ?? 3;
      else if (fn === 69) this.qr.errorCorrection = (['l', 'm', 'q', 'h'] as const)[(this.bytes[at + 2] ?? 48) - 48] ?? 'l';
      else if (fn === 80) this.qr.data = iconv.decode(Buffer.from(this.bytes.subarray(at + 3, this.i + 5 + len)), 'cp932');
      else if (fn === 81) this.printQr();
    }
    this.i = at + len;
  }

  private escposFs(): void {
    const { c, p, skip } = this.sequence(2);
    switch (String.fromCharCode(c)) {
      case 'C':
        this.sjis = starNum(p(0)) === 1;
        return skip(1);
      case '&':
        this.jisKanji = true;
        return skip(0);
      case '.':
        this.jisKanji = false;
        return skip(0);
      case '!':
        this.style.width = p(0) & 0x04 ? 2 : 1;
        this.style.height = p(0) & 0x08 ? 2 : 1;
        this.style.underline = (p(0) & 0x80) !== 0;
        return skip(1);
      case '-':
        this.style.underline = (p(0) & 0x03) !== 0;
        return skip(1);
      case 'S':
        this.kanjiSpacing = p(0) + p(1);
        return skip(2);
      case 'W':
        this.style.width = this.style.height = p(0) & 1 ? 2 : 1;
        return skip(1);
      case '(':
        return skip(3 + (p(1) | (p(2) << 8)));
      case '2':
        return skip(74);
      case '?': case 'p':
        return skip(2);
      default:
        this.unknown(`FS 0x${c.toString(16)}`);
        return skip(0);
    }
  }
}
