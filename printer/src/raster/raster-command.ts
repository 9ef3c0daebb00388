// A receiptline command set that draws the receipt into a 1-bit bitmap instead of emitting printer
// commands: receiptline still does the layout (columns, wrapping, sizes, QR), and the result is the
// same ticket as the kanji one, as an image. Used for printers without a kanji font and for PNG
// previews. Geometry follows receiptline's own SVG command set: 12-dot characters, 24-dot lines.
import { PNG } from 'pngjs';
import * as receiptline from 'receiptline';
import { Bitmap } from './bitmap.js';
import { unifont } from './font.js';

const CHAR_WIDTH = 12;
const LINE_HEIGHT = 24;

interface Run {
  cp: number;
  x: number;
  cellWidth: number;
  widthScale: number;
  heightScale: number;
  em: boolean;
  ul: boolean;
  iv: boolean;
}

interface RasterState {
  bitmap: Bitmap;
  y: number;
  lineMargin: number;
  lineAlign: number;
  lineWidth: number;
  lineHeight: number;
  textPosition: number;
  widthScale: number;
  heightScale: number;
  em: boolean;
  ul: boolean;
  iv: boolean;
  feedMinimum: number;
  spacing: boolean;
  runs: Run[];
}

/** Width of a character in receiptline columns: 1 for Unifont's half-width glyphs, 2 for full-width. */
function columns(ch: string): number {
  const cp = ch.codePointAt(0) ?? 0x20;
  if (cp < 0x20) return 0;
  return unifont().glyph(cp).width > 8 ? 2 : 1;
}

export interface RasterCommand {
  command: receiptline.BaseCommand;
  /** The bitmap drawn so far (complete after transform() returns). */
  result(): Bitmap;
}

/** A fresh command object for one receiptline.transform() call. */
export function createRasterCommand(): RasterCommand {
  let s: RasterState | undefined;
  const st = (): RasterState => {
    if (!s) throw new Error('raster command used before open()');
    return s;
  };

  const flushLine = (): void => {
    const t = st();
    const h = t.lineHeight * LINE_HEIGHT;
    const font = unifont();
    for (const r of t.runs) {
      const glyph = font.glyph(r.cp);
      const gh = r.heightScale * LINE_HEIGHT;
      const gw = Math.round((glyph.width * 1.5) * r.widthScale);
      const top = t.y + h - gh;
      const left = Math.floor(r.x + (r.cellWidth - gw) / 2);
      t.bitmap.drawGlyph(glyph, left, top, gw, gh, r.em);
      if (r.ul) t.bitmap.fillRect(Math.floor(r.x), top + gh - 2, Math.ceil(r.cellWidth), 2);
      if (r.iv) t.bitmap.invertRect(Math.floor(r.x), top, Math.ceil(r.cellWidth), gh);
    }
    t.y += Math.max(h, t.feedMinimum);
    t.bitmap.ensureHeight(t.y);
    t.lineHeight = 1;
    t.textPosition = 0;
    t.runs = [];
  };

  const blitCentered = (width: number, height: number, ink: (x: number, y: number) => boolean): void => {
    const t = st();
    const left = Math.floor(t.lineMargin * CHAR_WIDTH + ((t.lineWidth * CHAR_WIDTH - width) * t.lineAlign) / 2);
    t.bitmap.ensureHeight(t.y + height);
    for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) if (ink(x, y)) t.bitmap.set(left + x, t.y + y);
    t.y += height;
  };

  const impl: Partial<receiptline.BaseCommand> = {
    charWidth: CHAR_WIDTH,
    measureText: (text: string) => Array.from(text).reduce((a, c) => a + columns(c), 0),
    arrayFrom: (text: string) => Array.from(text),
    open(printer: receiptline.Printer): string {
      const cpl = printer.cpl ?? 48;
      s = {
        bitmap: new Bitmap(cpl * CHAR_WIDTH),
        y: 0,
        lineMargin: 0,
        lineAlign: 0,
        lineWidth: cpl,
        lineHeight: 1,
        textPosition: 0,
        widthScale: 1,
        heightScale: 1,
        em: false,
        ul: false,
        iv: false,
        feedMinimum: CHAR_WIDTH * (printer.spacing ? 2.5 : 2),
        spacing: !!printer.spacing,
        runs: [],
      };
      return '';
    },
    close(): string {
      const t = st();
      if (t.runs.length > 0) flushLine();
      t.bitmap.ensureHeight(t.y);
      return '';
    },
    area(left: number, width: number): string {
      st().lineMargin = left;
      st().lineWidth = width;
      return '';
    },
    align(align: number): string {
      st().lineAlign = align;
      return '';
    },
    absolute(position: number): string {
      st().textPosition = position;
      return '';
    },
    relative(position: number): string {
      st().textPosition += position;
      return '';
    },
    hr(width: number): string {
      const t = st();
      t.bitmap.fillRect(t.lineMargin * CHAR_WIDTH, t.y + CHAR_WIDTH - 1, width * CHAR_WIDTH, 2);
      return '';
    },
    vrlf(vr: boolean): string {
      const t = st();
      t.feedMinimum = CHAR_WIDTH * (!vr && t.spacing ? 2.5 : 2);
      flushLine();
      return '';
    },
    cut: () => '',
    ul(): string {
      st().ul = true;
      return '';
    },
    em(): string {
      st().em = true;
      return '';
    },
    iv(): string {
      st().iv = true;
      return '';
    },
    wh(wh: number): string {
      const t = st();
      t.widthScale = wh < 2 ? wh + 1 : wh - 1;
      t.heightScale = wh < 3 ? wh : wh - 1;
      t.lineHeight = Math.max(t.lineHeight, t.heightScale);
      return '';
    },
    normal(): string {
      const t = st();
      t.widthScale = 1;
      t.heightScale = 1;
      t.em = t.ul = t.iv = false;
      return '';
    },
    text(text: string): string {
      const t = st();
      for (const c of Array.from(text)) {
        const q = columns(c) * t.widthScale;
        const cp = c.codePointAt(0) ?? 0x20;
        if (c !== ' ') {
          t.runs.push({
            cp,
            x: (t.lineMargin + t.textPosition) * CHAR_WIDTH,
            cellWidth: q * CHAR_WIDTH,
            widthScale: t.widthScale,
            heightScale: t.heightScale,
            em: t.em,
            ul: t.ul,
            iv: t.iv,
          });
        }
        t.textPosition += q;
      }
      return '';
    },
    lf(): string {
      flushLine();
      return '';
    },
    command: () => '',
    image(image: string): string {
      const png = PNG.sync.read(Buffer.from(image, 'base64'));
      blitCentered(png.width, png.height, (x, y) => {
        const i = (y * png.width + x) * 4;
        const lum = (png.data[i] ?? 255) * 0.299 + (png.data[i + 1] ?? 255) * 0.587 + (png.data[i + 2] ?? 255) * 0.114;
        const alpha = (png.data[i + 3] ?? 255) / 255;
        return 255 - (255 - lum) * alpha < 128;
      });
      return '';
    },
    qrcode(symbol: receiptline.QRCode): string {
      if (symbol.data.length === 0) return '';
      const matrix = receiptline.qrcode.generate(symbol);
      const c = symbol.cell;
      const size = matrix.length * c;
      blitCentered(size, size, (x, y) => matrix[Math.floor(y / c)]?.[Math.floor(x / c)] === 1);
      return '';
    },
  };
  const command = Object.assign({}, receiptline.commands.base, impl) as receiptline.BaseCommand;
  return {
    command,
    result: () => st().bitmap,
  };
}
