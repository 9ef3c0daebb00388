import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { readQr } from '../../test-support/qr.js';
import { decodeEscPos, detectDialect } from './decode.js';
import { renderReceipt, toSvg } from './render.js';

const ESC = 0x1b;
const GS = 0x1d;
const FS = 0x1c;
const LF = 0x0a;

function bytes(...parts: Array<number | string | Uint8Array | number[]>): Uint8Array {
  const out: number[] = [];
  for (const p of parts) {
    if (typeof p === 'number') out.push(p);
    else if (typeof p === 'string') out.push(...Buffer.from(p, 'latin1'));
    else out.push(...p);
  }
  return Uint8Array.from(out);
}

const sjis = (s: string): Uint8Array => new Uint8Array(iconv.encode(s, 'cp932'));

describe('decodeEscPos(): ESC/POS text', () => {
  it('decodes Shift_JIS kanji after FS C 1, and single bytes as ASCII', () => {
    const r = decodeEscPos(bytes(ESC, '@', ESC, 't', 1, FS, 'C', '1', ESC, 'R', 8, sjis('受付番号 A-012'), LF), { dialect: 'escpos' });
    expect(r.lines.map((l) => l.text)).toEqual(['受付番号 A-012']);
    const seg = r.lines[0]?.segments ?? [];
    expect(seg[0]).toMatchObject({ text: '受付番号', charWidth: 24, x: 0 });
    expect(seg[1]).toMatchObject({ text: ' A-012', charWidth: 12, x: 96 });
  });

  it('decodes JIS kanji between FS & and FS . when FS C 0 is selected', () => {
    // 受 = JIS 0x3C75
    const r = decodeEscPos(bytes(FS, 'C', 0, FS, '&', 0x3c, 0x75, FS, '.', 'AB', LF), { dialect: 'escpos' });
    expect(r.text).toBe('受AB');
  });

  it('reads half-width katakana and the line-drawing characters of code page 1', () => {
    const r = decodeEscPos(bytes(FS, 'C', 0, FS, '.', ESC, 't', 1, 0xb1, 0xb2, 0x95, 0x95, LF), { dialect: 'escpos' });
    expect(r.text).toBe('ｱｲ──');
  });

  it('applies GS ! sizes, ESC E bold, ESC - underline, GS B invert', () => {
    const r = decodeEscPos(bytes(GS, '!', 0x21, ESC, 'E', 1, ESC, '-', 1, GS, 'B', 1, 'X', LF, GS, '!', 0, ESC, 'E', 0, ESC, '-', 0, GS, 'B', 0, 'y', LF), { dialect: 'escpos' });
    expect(r.lines[0]).toMatchObject({ text: 'X', width: 3, height: 2, bold: true });
    expect(r.lines[0]?.segments[0]).toMatchObject({ underline: true, invert: true, charWidth: 36 });
    expect(r.lines[0]?.dots).toBe(48);
    expect(r.lines[1]).toMatchObject({ text: 'y', width: 1, height: 1 });
    expect(r.lines[1]?.bold).toBeUndefined();
  });

  it('ESC a 1 and ESC a 2 center and right-align the line within GS L / GS W', () => {
    const r = decodeEscPos(bytes(GS, 'L', 0, 0, GS, 'W', 0x40, 0x02, ESC, 'a', 1, 'AB', LF, ESC, 'a', 2, 'AB', LF), { dialect: 'escpos' });
    expect(r.lines[0]).toMatchObject({ align: 'center' });
    expect(r.lines[0]?.segments[0]?.x).toBe((576 - 24) / 2);
    expect(r.lines[1]).toMatchObject({ align: 'right' });
    expect(r.lines[1]?.segments[0]?.x).toBe(576 - 24);
  });

  it('places text at ESC $ / ESC \\ positions and infers the alignment', () => {
    const r = decodeEscPos(bytes(ESC, '$', 0, 0, ESC, '\\', 0x0e, 0x01, 'MID', LF, ESC, '$', 0x00, 0x00, 'L', ESC, '$', 0x34, 0x02, 'R', LF), { dialect: 'escpos' });
    expect(r.lines[0]).toMatchObject({ text: 'MID', align: 'center' });
    expect(r.lines[1]?.text).toMatch(/^L +R$/);
  });

  it('ESC @ forgets the unprinted line and the styles', () => {
    const r = decodeEscPos(bytes(GS, '!', 0x11, 'lost', ESC, '@', 'kept', LF), { dialect: 'escpos' });
    expect(r.lines).toHaveLength(1);
    expect(r.lines[0]).toMatchObject({ text: 'kept', width: 1, height: 1 });
  });

  it('counts GS V cuts, full and partial', () => {
    const r = decodeEscPos(bytes('a', LF, GS, 'V', 'B', 0, GS, 'V', 0, GS, 'V', 49, GS, 'V', 'A', 3), { dialect: 'escpos' });
    expect(r.cuts).toBe(4);
    expect(r.blocks.filter((b) => b.type === 'cut')).toEqual([
      { type: 'cut', partial: true },
      { type: 'cut', partial: false },
      { type: 'cut', partial: true },
      { type: 'cut', partial: false },
    ]);
  });

  it('records unknown commands and goes on', () => {
    const r = decodeEscPos(bytes(ESC, 0x01, 'ok', LF), { dialect: 'escpos' });
    expect(r.unknown).toEqual(['ESC 0x1']);
    expect(r.text).toBe('ok');
  });

  it('skips real-time status requests inside a job', () => {
    const r = decodeEscPos(bytes(0x10, 0x04, 1, 'a', LF), { dialect: 'escpos' });
    expect(r.text).toBe('a');
  });
});

describe('decodeEscPos(): ESC/POS images and codes', () => {
  // a 10 × 3 image: row 0 all black, row 1 first and last dot, row 2 empty
  const rows = [
    [0xff, 0xc0],
    [0x80, 0x40],
    [0x00, 0x00],
  ].flat();
  const expectPixels = (img: { width: number; pixels: Uint8Array } | undefined, width: number) => {
    expect(img).toBeDefined();
    const at = (x: number, y: number) => img?.pixels[y * (img?.width ?? 0) + x];
    for (let x = 0; x < width; x++) expect(at(x, 0)).toBe(1);
    expect([at(0, 1), at(1, 1), at(width - 1, 1)]).toEqual([1, 0, 1]);
    for (let x = 0; x < width; x++) expect(at(x, 2)).toBe(0);
  };

  it('GS v 0 raster images, dot for dot', () => {
    const r = decodeEscPos(bytes(GS, 'v', '0', 0, 2, 0, 3, 0, rows), { dialect: 'escpos' });
    expect(r.images).toHaveLength(1);
    expect(r.images[0]).toMatchObject({ width: 16, height: 3, x: 0 });
    expect(r.images[0]?.pixels[9]).toBe(1);
    expect(r.images[0]?.pixels[10]).toBe(0);
  });

  it('GS 8 L store + GS ( L print graphics, cropped to their width and placed by ESC a', () => {
    const payload = [48, 112, 48, 1, 1, 49, 10, 0, 3, 0, ...rows];
    const len = payload.length;
    const r = decodeEscPos(bytes(ESC, 'a', 1, GS, '8', 'L', len, 0, 0, 0, payload, GS, '(', 'L', 2, 0, 48, 50), { dialect: 'escpos' });
    expect(r.images[0]).toMatchObject({ width: 10, height: 3, x: 283 });
    expectPixels(r.images[0], 10);
  });

  it('the log lists the receipt in paper order, an image as a raster block between the text lines', () => {
    const payload = [48, 112, 48, 1, 1, 49, 10, 0, 3, 0, ...rows];
    const r = decodeEscPos(
      bytes(FS, 'C', '1', sjis('証明書'), LF, GS, '8', 'L', payload.length, 0, 0, 0, payload, GS, '(', 'L', 2, 0, 48, 50, 'Issued', LF, GS, 'v', '0', 0, 2, 0, 3, 0, rows, GS, 'V', 'B', 0),
      { dialect: 'escpos' },
    );
    expect(r.log).toBe('証明書\n[raster 10×3]\nIssued\n[raster 16×3]\n[cut]');
    expect(r.text).toBe('証明書\nIssued');
  });

  it('GS ( k QR codes are recorded and drawn readable', () => {
    const data = 'https://example.jp/q/A-012';
    const store = [49, 80, 48, ...Buffer.from(data)];
    const r = decodeEscPos(
      bytes(ESC, 'a', 1, GS, '(', 'k', 3, 0, 49, 67, 6, GS, '(', 'k', 3, 0, 49, 69, 49, GS, '(', 'k', store.length & 255, store.length >> 8, store, GS, '(', 'k', 3, 0, 49, 81, 48),
      { dialect: 'escpos' },
    );
    expect(r.qr).toMatchObject({ data, moduleSize: 6, errorCorrection: 'm', align: 'center' });
    expect(readQr(renderReceipt(r))).toBe(data);
  });
});

describe('decodeEscPos(): Star', () => {
  it('is detected from ESC GS / ESC RS sequences', () => {
    expect(detectDialect(bytes(ESC, '@', ESC, 0x1e, 'a', 0))).toBe('star');
    expect(detectDialect(bytes(ESC, '@', GS, 'a', 0))).toBe('escpos');
    // image data of an Epson job may contain ESC GS: only the head of the job counts
    const image = bytes(ESC, '@', GS, 'a', 0, GS, 'v', '0', 0, 8, 0, 8, 0, new Array(64).fill(0), ESC, GS);
    expect(detectDialect(image)).toBe('escpos');
  });

  it('decodes ESC $ 1 kanji, ESC i sizes, ESC E / ESC F bold, ESC GS a alignment, ESC d cut', () => {
    const r = decodeEscPos(
      bytes(ESC, '@', ESC, GS, 'a', 1, ESC, '$', '1', ESC, 'i', 1, 2, ESC, 'E', sjis('番号'), LF, ESC, 'F', ESC, 'i', 0, 0, ESC, GS, 'a', 0, 'x', LF, ESC, 'd', '3'),
      { dialect: 'star' },
    );
    expect(r.lines[0]).toMatchObject({ text: '番号', width: 3, height: 2, bold: true, align: 'center' });
    expect(r.lines[1]).toMatchObject({ text: 'x', width: 1, height: 1, align: 'left' });
    expect(r.blocks.at(-1)).toEqual({ type: 'cut', partial: true });
  });

  it('ESC GS S raster images and raster mode (ESC * r) lines with the EOT cut', () => {
    const img = decodeEscPos(bytes(ESC, GS, 'S', 1, 1, 0, 2, 0, 0, 0xf0, 0x0f), { dialect: 'star' });
    expect(img.images[0]).toMatchObject({ width: 8, height: 2 });
    expect([...(img.images[0]?.pixels ?? [])]).toEqual([1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1]);
    expect(img.log).toBe('[raster 8×2]');

    const raster = decodeEscPos(bytes(ESC, 0x1e, 'a', 0, ESC, '*', 'r', 'A', ESC, '*', 'r', 'P', '0', 0, 'b', 1, 0, 0x80, ESC, '*', 'r', 'Y', '2', 0, 'b', 1, 0, 0x01, ESC, '*', 'r', 'B'), {
      dialect: 'auto',
      dotWidth: 384,
    });
    expect(raster.dialect).toBe('star');
    expect(raster.images[0]).toMatchObject({ width: 8, height: 4, x: 0 });
    expect(raster.images[0]?.pixels[0]).toBe(1);
    expect(raster.images[0]?.pixels[3 * 8 + 7]).toBe(1);
    expect(raster.cuts).toBe(1);
  });

  it('raster mode with EOT mode 1 (no cut) does not cut', () => {
    const r = decodeEscPos(bytes(ESC, '*', 'r', 'A', ESC, '*', 'r', 'E', '1', 0, 'b', 1, 0, 0xff, ESC, '*', 'r', 'B'), { dialect: 'star' });
    expect(r.cuts).toBe(0);
  });
});

describe('toSvg()', () => {
  it('draws the text and images of a receipt', () => {
    const r = decodeEscPos(bytes(ESC, 'E', 1, 'A&B', LF, GS, 'v', '0', 0, 1, 0, 1, 0, 0xff), { dialect: 'escpos' });
    const svg = toSvg(r);
    expect(svg).toContain('>A&amp;B</text>');
    expect(svg).toContain('font-weight="bold"');
    expect(svg).toContain('data:image/png;base64,');
  });
});
