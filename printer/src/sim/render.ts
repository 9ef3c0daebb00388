// Draws a decoded receipt as the paper would look: a 1-bit image at the printer's dot width.
// Images are copied dot for dot (so a printed QR code decodes), text is drawn with Unifont glyphs in
// the printer's 12 × 24 cells, native QR codes are regenerated, cuts are a dashed line.
import * as receiptline from 'receiptline';
import { Bitmap, encodePng } from '../raster/bitmap.js';
import { unifont } from '../raster/font.js';
import type { DecodedLine, DecodedReceipt } from './receipt.js';

export interface RenderedReceipt {
  width: number;
  height: number;
  /** 1 byte per pixel, 1 = black. */
  pixels: Uint8Array;
}

function drawLine(bitmap: Bitmap, line: DecodedLine, top: number): void {
  const font = unifont();
  const baseline = top + line.dots;
  for (const s of line.segments) {
    const h = 24 * s.height;
    const y = baseline - h;
    let x = s.x;
    for (const ch of Array.from(s.text)) {
      if (ch !== ' ') {
        const glyph = font.glyph(ch.codePointAt(0) ?? 0x20);
        const gw = Math.min(s.charWidth, Math.round(glyph.width * 1.5 * s.width));
        bitmap.drawGlyph(glyph, x + Math.floor((s.charWidth - gw) / 2), y, gw, h, s.bold);
      }
      if (s.underline) bitmap.fillRect(x, baseline - 2, s.charWidth, 2);
      if (s.invert) bitmap.invertRect(x, y, s.charWidth, h);
      x += s.charWidth;
    }
  }
}

/** Renders the receipt at `dotWidth` (default: the width it was decoded for; 384 for 58 mm, 576 for 80 mm). */
export function renderReceipt(receipt: DecodedReceipt, dotWidth = receipt.dotWidth): RenderedReceipt {
  const bitmap = new Bitmap(dotWidth);
  let y = 0;
  for (const block of receipt.blocks) {
    switch (block.type) {
      case 'line': {
        const line = receipt.lines[block.index];
        if (!line) break;
        bitmap.ensureHeight(y + line.dots);
        drawLine(bitmap, line, y);
        y += line.dots;
        break;
      }
      case 'image': {
        const img = receipt.images[block.index];
        if (!img) break;
        bitmap.blit(img.x, y, img);
        y += img.height;
        break;
      }
      case 'qr': {
        const qr = receipt.qrCodes[block.index];
        if (!qr || qr.data.length === 0) break;
        const matrix = receiptline.qrcode.generate({ data: qr.data, type: 'qrcode', cell: qr.moduleSize, level: qr.errorCorrection });
        const size = matrix.length * qr.moduleSize;
        const align = qr.align === 'center' ? 1 : qr.align === 'right' ? 2 : 0;
        const x = qr.areaLeft + Math.max(0, Math.floor(((qr.areaWidth - size) * align) / 2));
        bitmap.ensureHeight(y + size);
        matrix.forEach((row, r) =>
          row.forEach((v, c) => {
            if (v === 1) bitmap.fillRect(x + c * qr.moduleSize, y + r * qr.moduleSize, qr.moduleSize, qr.moduleSize);
          }),
        );
        y += size;
        break;
      }
      case 'feed':
        y += block.dots;
        bitmap.ensureHeight(y);
        break;
      case 'cut':
        y += 8;
        bitmap.ensureHeight(y + 1);
        for (let x = 0; x < dotWidth; x += 8) bitmap.fillRect(x, y, 4, 1);
        y += 9;
        bitmap.ensureHeight(y);
        break;
    }
  }
  bitmap.ensureHeight(Math.max(1, y));
  return { width: bitmap.width, height: bitmap.height, pixels: bitmap.pixels() };
}

/** The receipt as a PNG, black on white. */
export function toPng(receipt: DecodedReceipt, dotWidth?: number): Buffer {
  const r = renderReceipt(receipt, dotWidth);
  return encodePng(r.width, r.height, r.pixels);
}

function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] ?? c);
}

/** The receipt as SVG: text as <text> in the browser's font, images as embedded PNGs. */
export function toSvg(receipt: DecodedReceipt, dotWidth = receipt.dotWidth): string {
  const parts: string[] = [];
  let y = 0;
  for (const block of receipt.blocks) {
    if (block.type === 'line') {
      const line = receipt.lines[block.index];
      if (!line) continue;
      for (const s of line.segments) {
        if (s.text.trim() === '') continue;
        const chars = Array.from(s.text);
        const size = 24 * s.height;
        const weight = s.bold ? ' font-weight="bold"' : '';
        const deco = s.underline ? ' text-decoration="underline"' : '';
        if (s.invert) parts.push(`<rect x="${s.x}" y="${y + line.dots - size}" width="${chars.length * s.charWidth}" height="${size}"/>`);
        parts.push(
          `<text x="${s.x}" y="${y + line.dots - size * 0.15}" font-size="${size}" textLength="${chars.length * s.charWidth}" lengthAdjust="spacingAndGlyphs"${weight}${deco}${s.invert ? ' fill="#fff"' : ''}>${escapeXml(s.text)}</text>`,
        );
      }
      y += line.dots;
    } else if (block.type === 'image') {
      const img = receipt.images[block.index];
      if (!img) continue;
      const png = encodePng(img.width, img.height, img.pixels).toString('base64');
      parts.push(`<image x="${img.x}" y="${y}" width="${img.width}" height="${img.height}" style="image-rendering:pixelated" href="data:image/png;base64,${png}"/>`);
      y += img.height;
    } else if (block.type === 'qr') {
      const qr = receipt.qrCodes[block.index];
      if (!qr) continue;
      const matrix = receiptline.qrcode.generate({ data: qr.data, type: 'qrcode', cell: qr.moduleSize, level: qr.errorCorrection });
      const size = matrix.length * qr.moduleSize;
      const align = qr.align === 'center' ? 1 : qr.align === 'right' ? 2 : 0;
      const x = qr.areaLeft + Math.max(0, Math.floor(((qr.areaWidth - size) * align) / 2));
      let d = '';
      matrix.forEach((row, r) => row.forEach((v, c) => (d += v === 1 ? `M${x + c * qr.moduleSize},${y + r * qr.moduleSize}h${qr.moduleSize}v${qr.moduleSize}h-${qr.moduleSize}z` : '')));
      parts.push(`<path d="${d}"/>`);
      y += size;
    } else if (block.type === 'feed') {
      y += block.dots;
    } else {
      parts.push(`<line x1="0" x2="${dotWidth}" y1="${y + 8}" y2="${y + 8}" stroke="#000" stroke-dasharray="4 4"/>`);
      y += 17;
    }
  }
  const height = Math.max(1, y);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${dotWidth}" height="${height}" viewBox="0 0 ${dotWidth} ${height}">` +
    `<rect width="100%" height="100%" fill="#fff"/><g font-family="monospace" fill="#000">${parts.join('')}</g></svg>\n`
  );
}
