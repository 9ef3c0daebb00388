// StarPRNT (Star mode) and Star raster mode: what receiptline's starmbcs and stargraphic command
// sets emit, and the other common commands, skipped by their length.
import iconv from 'iconv-lite';
import { DecoderBase, ESC, GS, signed16, starNum } from './decoder-base.js';
import { cropWidth, unpackRaster } from './receipt.js';

interface RasterMode {
  rows: Uint8Array[];
  active: boolean;
  /** Raster lines since the last cut: quitting raster mode then executes the EOT mode. */
  dataSinceCut: boolean;
  /** ESC * r E n: 13 (initial) feed and partial cut, 9 full cut, 1 no cut … */
  eotMode: number;
}

export class StarDecoder extends DecoderBase {
  private starMargins = { left: 0, right: 0 };
  private raster: RasterMode = { rows: [], active: false, dataSinceCut: false, eotMode: 13 };

  constructor(bytes: Uint8Array, dotWidth: number) {
    super(bytes, 'star', dotWidth);
  }

  protected command(b: number): boolean {
    if (b !== ESC) return false;
    this.starEsc();
    return true;
  }

  protected override intercept(b: number): boolean {
    if (!this.raster.active || b === ESC) return false;
    this.rasterByte(b);
    return true;
  }

  protected override control(b: number): void {
    if (b === 0x0e) this.style.width = 2; // SO: double width
    else if (b === 0x14) this.style.width = 1; // DC4: cancel it
  }

  protected override finishJob(): void {
    this.endRaster();
  }

  protected override reset(): void {
    super.reset();
    this.starMargins = { left: 0, right: 0 };
  }

  private starEsc(): void {
    const { c, p, skip } = this.sequence(2);
    if (c === GS) return this.starEscGs();
    if (c === 0x1e) return skip(2); // ESC RS x n
    if (c === 0x0c) {
      // ESC FF NUL: form feed (receiptline's cut in raster mode); ESC FF EOT: execute the EOT mode
      this.endRasterImage();
      if (p(0) === 0x04) this.eot();
      else this.cutNow(true);
      return skip(1);
    }
    if (c === 0x06) return skip(1); // ESC ACK SOH: status request
    if (c === 0x2a && p(0) === 0x72) return this.starRasterCommand();
    switch (String.fromCharCode(c)) {
      case '@':
        this.endRaster();
        this.reset();
        return skip(0);
      case ' ':
        this.charSpacing = starNum(p(0));
        return skip(1);
      case 's':
        this.kanjiSpacing = starNum(p(0)) + starNum(p(1));
        return skip(2);
      case 'z':
        this.lineSpacing = starNum(p(0)) === 1 ? 32 : 24;
        return skip(1);
      case '0':
        this.lineSpacing = 24;
        return skip(0);
      case 'a':
        this.lineFeed();
        if (p(0) > 1) this.out.feed((p(0) - 1) * this.lineSpacing);
        return skip(1);
      case 'J': case 'I':
        this.lineFeed(p(0));
        return skip(1);
      case 'd': {
        const n = starNum(p(0));
        this.lineFeedIfPending();
        this.cutNow(n === 1 || n === 3);
        return skip(1);
      }
      case 'i':
        this.style.height = starNum(p(0)) + 1;
        this.style.width = starNum(p(1)) + 1;
        return skip(2);
      case 'W':
        this.style.width = starNum(p(0)) + 1;
        return skip(1);
      case 'h':
        this.style.height = starNum(p(0)) + 1;
        return skip(1);
      case 'E':
        this.style.bold = true;
        return skip(0);
      case 'F':
        this.style.bold = false;
        return skip(0);
      case '4':
        this.style.invert = true;
        return skip(0);
      case '5':
        this.style.invert = false;
        return skip(0);
      case '-':
        this.style.underline = starNum(p(0)) === 1;
        return skip(1);
      case '_':
        return skip(1);
      case 'l':
        this.starMargins.left = p(0);
        this.applyStarArea();
        return skip(1);
      case 'Q':
        this.starMargins.right = p(0);
        this.applyStarArea();
        return skip(1);
      case '$':
        this.sjis = starNum(p(0)) === 1;
        return skip(1);
      case 'p':
        this.sjis = true;
        return skip(0);
      case 'q':
        this.sjis = false;
        return skip(0);
      case 'R':
        this.intl = starNum(p(0));
        return skip(1);
      case 'b': {
        let k = 6;
        while (this.has(k + 1) && this.byte(k) !== 0x1e) k++;
        this.i += k + 1;
        return;
      }
      case 'M': case 'P': case ':': case 'x': case 'y':
        return skip(0);
      default:
        this.unknown(`ESC 0x${c.toString(16)}`);
        return skip(0);
    }
  }

  private applyStarArea(): void {
    this.areaLeft = this.starMargins.left * 12;
    const right = this.starMargins.right > this.starMargins.left ? this.starMargins.right * 12 : this.dotWidth;
    this.areaWidth = Math.max(12, Math.min(this.dotWidth, right) - this.areaLeft);
  }

  private starEscGs(): void {
    const { c, p, skip } = this.sequence(3);
    switch (String.fromCharCode(c)) {
      case 'a':
        this.align = starNum(p(0)) % 3;
        return skip(1);
      case 'A':
        this.penX = p(0) | (p(1) << 8);
        return skip(2);
      case 'R':
        this.penX = Math.max(0, this.penX + signed16(p(0), p(1)));
        return skip(2);
      case 't':
        this.codePage = p(0) === 0 || p(0) === 2 ? 1 : ({ 1: 0, 0x20: 16, 0x0a: 17, 0x05: 18, 0x04: 19 } as Record<number, number>)[p(0)] ?? 0;
        return skip(1);
      case '\u0003':
        return skip(3);
      case 'S': {
        // ESC GS S m xL xH yL yH n d…: raster image
        const xBytes = p(1) | (p(2) << 8);
        const rows = p(3) | (p(4) << 8);
        const start = this.i + 9;
        this.image(unpackRaster(this.bytes, start, xBytes, rows));
        this.i = start + xBytes * rows;
        return;
      }
      case 'y':
        return this.starQr();
      default:
        this.unknown(`ESC GS 0x${c.toString(16)}`);
        return skip(0);
    }
  }

  /** ESC GS y S 0|1|2 n (model, level, cell), ESC GS y D 1 m nL nH d… (data), ESC GS y P (print). */
  private starQr(): void {
    const sub = String.fromCharCode(this.byte(3));
    if (sub === 'S') {
      const which = starNum(this.byte(4));
      const n = starNum(this.byte(5));
      if (which === 1) this.qr.errorCorrection = (['l', 'm', 'q', 'h'] as const)[n] ?? 'l';
      if (which === 2) this.qr.moduleSize = n;
      this.i += 6;
    } else if (sub === 'D') {
      const len = this.byte(6) | (this.byte(7) << 8);
      this.qr.data = iconv.decode(Buffer.from(this.bytes.subarray(this.i + 8, this.i + 8 + len)), 'cp932');
      this.i += 8 + len;
    } else if (sub === 'P') {
      this.printQr();
      this.i += 4;
    } else {
      this.unknown(`ESC GS y ${sub}`);
      this.i += 4;
    }
  }

  /** ESC * r X [n NUL]: raster mode commands; parameters are ASCII decimals ended by NUL. */
  private starRasterCommand(): void {
    const letter = String.fromCharCode(this.byte(3));
    this.i += 4;
    let param = '';
    if (!'ABC'.includes(letter)) {
      if (letter === 'm') this.i += 1; // ESC * r m l|r n NUL
      while (this.i < this.bytes.length && this.byte(0) !== 0) {
        param += String.fromCharCode(this.byte(0));
        this.i += 1;
      }
      this.i += 1;
    }
    const n = Number.parseInt(param, 10);
    switch (letter) {
      case 'A':
        this.lineFeedIfPending();
        this.raster = { rows: [], active: true, dataSinceCut: false, eotMode: 13 };
        return;
      case 'B':
        this.endRaster();
        return;
      case 'C':
        this.raster.rows = [];
        return;
      case 'E':
        this.raster.eotMode = Number.isNaN(n) || n === 0 ? 13 : n;
        return;
      case 'Y':
        for (let k = 0; k < (Number.isNaN(n) ? 0 : n); k++) this.raster.rows.push(new Uint8Array(0));
        this.raster.dataSinceCut = true;
        return;
      default:
        return;
    }
  }

  /** Bytes in raster mode outside ESC: `b n1 n2 d…` is one raster line. */
  private rasterByte(b: number): void {
    if (b === 0x62 && this.has(3)) {
      const len = this.byte(1) | (this.byte(2) << 8);
      this.raster.rows.push(this.bytes.slice(this.i + 3, this.i + 3 + len));
      this.raster.dataSinceCut = true;
      this.i += 3 + len;
      return;
    }
    this.i += 1;
  }

  private endRasterImage(): void {
    const rows = this.raster.rows;
    if (rows.length === 0) return;
    const bytesPerRow = Math.max(1, ...rows.map((r) => r.length));
    const packed = new Uint8Array(bytesPerRow * rows.length);
    rows.forEach((r, y) => packed.set(r, y * bytesPerRow));
    const img = cropWidth(unpackRaster(packed, 0, bytesPerRow, rows.length), Math.min(bytesPerRow * 8, this.dotWidth));
    this.out.image({ x: 0, ...img });
    this.raster.rows = [];
  }

  private eot(): void {
    const m = this.raster.eotMode;
    if (m === 8 || m === 9 || m === 36 || m === 37) this.cutNow(false);
    else if (m === 12 || m === 13) this.cutNow(true);
  }

  private cutNow(partial: boolean): void {
    this.out.cut(partial);
    this.raster.dataSinceCut = false;
  }

  /** Quitting raster mode executes the EOT mode when raster data is still in the buffer. */
  private endRaster(): void {
    if (!this.raster.active) return;
    this.endRasterImage();
    if (this.raster.dataSinceCut) this.eot();
    this.raster = { rows: [], active: false, dataSinceCut: false, eotMode: 13 };
  }
}
