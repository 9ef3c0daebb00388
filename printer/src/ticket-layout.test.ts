import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readQr, readQrFromPng } from '../test-support/qr.js';
import { decodeEscPos } from './sim/decode.js';
import { renderReceipt } from './sim/render.js';
import {
  escapeReceiptline,
  escapeReceiptlineProperty,
  isShiftJisPrintable,
  renderTicket,
  renderTicketPng,
  renderTextLineBitmap,
  renderTicketSvg,
  ticketDocument,
  wrapAtSpaces,
  type PrinterProfile,
  type TicketLayoutInput,
  type TicketTranslation,
} from './ticket-layout.js';

const ticket: TicketLayoutInput = {
  officeName: '中央区役所 本庁舎',
  windowName: '証明書の発行',
  label: 'A-012',
  procedure: '住民票の写し',
  issuedAt: '2026年4月6日 10:02',
  ahead: 3,
  estimatedWaitMinutes: 15,
  trackUrl: 'https://madoguchi.example.jp/t/AbCdEf123456',
  note: '番号をお呼びするまでお待ちください',
};

const epson80: PrinterProfile = { model: 'epson', paperWidthMm: 80, kanji: true };
const star80: PrinterProfile = { model: 'star', paperWidthMm: 80, kanji: true };
const PROFILES: PrinterProfile[] = [
  epson80,
  star80,
  { model: 'epson', paperWidthMm: 58, kanji: true },
  { model: 'star', paperWidthMm: 58, kanji: true },
];

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const dotsOf = (p: PrinterProfile): number => (p.paperWidthMm === 58 ? 384 : 576);
const SJIS_UKETSUKE_BANGOU = '8ef3957494d48d86'; // 受付番号

function decode(bytes: Uint8Array, p: PrinterProfile) {
  return decodeEscPos(bytes, { dotWidth: dotsOf(p) });
}

function qrOf(bytes: Uint8Array, p: PrinterProfile): string | undefined {
  return readQr(renderReceipt(decode(bytes, p)));
}

describe('golden bytes', () => {
  const goldenDir = fileURLToPath(new URL('./__golden__/', import.meta.url));
  const update = process.env.UPDATE_GOLDEN === '1';

  /** The golden file holds the bytes as hex, 32 bytes a line. Set UPDATE_GOLDEN=1 to rewrite it. */
  function golden(name: string, bytes: Uint8Array): string {
    const file = `${goldenDir}${name}.hex`;
    const text = (hex(bytes).match(/.{1,64}/g) ?? []).join('\n') + '\n';
    if (update) writeFileSync(file, text);
    if (!existsSync(file)) throw new Error(`missing golden file ${file}; run with UPDATE_GOLDEN=1 to create it`);
    return readFileSync(file, 'utf8');
  }

  for (const p of PROFILES) {
    const name = `ticket-${p.model}-${p.paperWidthMm}`;
    it(`renderTicket() for ${p.model} ${p.paperWidthMm} mm equals ${name}.hex`, () => {
      const bytes = renderTicket(ticket, p);
      const expected = golden(name, bytes);
      expect((hex(bytes).match(/.{1,64}/g) ?? []).join('\n') + '\n').toBe(expected);
    });
  }
});

describe('renderTicket() for kanji printers', () => {
  it('Epson: Shift_JIS text after ESC t 1, FS C 1, ESC R 8, the number at 6×6, a partial cut', () => {
    const h = hex(renderTicket(ticket, epson80));
    expect(h).toContain(SJIS_UKETSUKE_BANGOU);
    expect(h).toContain('1b7401' + '1c4331' + '1b5208'); // ESC t 1, FS C 1, ESC R 8
    expect(h.indexOf('1c4331')).toBeLessThan(h.indexOf(SJIS_UKETSUKE_BANGOU));
    expect(h).toContain('1d2155' + '1b7401' + '1c4331' + '1b5208' + hex(Buffer.from('A-012'))); // GS ! 0x55 = 6 × 6
    expect(h).toContain('1d564200'); // GS V B 0: feed and partial cut
    expect(h.startsWith('1b40')).toBe(true); // ESC @
  });

  it('Star: StarPRNT with ESC $ 1 Shift_JIS kanji, ESC i 5 5 for the number, ESC d 3 partial cut', () => {
    const h = hex(renderTicket(ticket, star80));
    expect(h).toContain(SJIS_UKETSUKE_BANGOU);
    expect(h).toContain('1b2431' + '1b5238'); // ESC $ 1, ESC R 8
    expect(h).not.toContain('1c4331');
    expect(h).toContain('1b690505');
    expect(h).toContain('1b6433');
  });

  for (const p of PROFILES) {
    it(`the decoded ${p.model} ${p.paperWidthMm} mm ticket has every field, the number largest, one cut`, () => {
      const r = decode(renderTicket(ticket, p), p);
      expect(r.dialect).toBe(p.model === 'epson' ? 'escpos' : 'star');
      const find = (s: string) => r.lines.find((l) => l.text.includes(s));
      expect(find('中央区役所 本庁舎')?.bold).toBe(true);
      expect(find('証明書の発行')).toMatchObject({ align: 'center', width: 2, height: 2 });
      expect(find('受付番号')?.align).toBe('center');
      expect(find('A-012')).toMatchObject({ text: 'A-012', align: 'center', width: 6, height: 6 });
      expect(find('住民票の写し')).toBeDefined();
      expect(find('お待ちの人数')?.text).toMatch(/お待ちの人数 +3人$/);
      expect(find('待ち時間の目安')?.text).toMatch(/待ち時間の目安 +15分$/);
      expect(r.text).toMatch(/発券日時 +2026年4月6日 10:02/);
      expect(r.text.replace(/\n/g, '')).toContain('番号をお呼びするまでお待ちください');
      expect(Math.max(...r.lines.map((l) => l.height))).toBe(6);
      expect(r.cuts).toBe(1);
      expect(r.blocks.at(-1)).toEqual({ type: 'cut', partial: true });
      expect(r.unknown).toEqual([]);
    });

    it(`the QR code printed on the ${p.model} ${p.paperWidthMm} mm ticket reads back as the track URL`, () => {
      const bytes = renderTicket(ticket, p);
      expect(qrOf(bytes, p)).toBe(ticket.trackUrl);
      const img = decode(bytes, p).images[0];
      expect(img && img.x + img.width).toBeLessThanOrEqual(dotsOf(p));
    });
  }

  it('a smaller size is chosen for a long number so it stays on one line', () => {
    const p: PrinterProfile = { model: 'epson', paperWidthMm: 58, kanji: true };
    const r = decode(renderTicket({ ...ticket, label: 'A-1023456' }, p), p);
    const line = r.lines.find((l) => l.text.includes('A-1023456'));
    expect(line).toMatchObject({ width: 3, height: 3 });
  });

  it('leaves out the procedure and the wait when there are none', () => {
    const r = decode(renderTicket({ ...ticket, procedure: null, estimatedWaitMinutes: null }, epson80), epson80);
    expect(r.text).not.toContain('住民票の写し');
    expect(r.text).not.toContain('待ち時間の目安');
    expect(r.text).toContain('お待ちの人数');
  });

  it('prints the labels it is given instead of the Japanese defaults', () => {
    const labels = { number: 'Your number', ahead: 'Waiting before you', people: '', wait: 'Estimated wait', minutes: ' min', issued: 'Issued', scan: 'Scan to follow your turn' };
    const r = decode(renderTicket({ ...ticket, labels, language: 'en' }, epson80), epson80);
    for (const s of ['Your number', 'Estimated wait', '15 min', 'Issued', 'Scan to follow your turn']) expect(r.text).toContain(s);
    expect(r.text).toMatch(/Waiting before you +3$/m);
  });
});

describe('escaping', () => {
  it('escapeReceiptline() puts a backslash before each markup character', () => {
    expect(escapeReceiptline('\\|{}-=~_"^`')).toBe('\\\\\\|\\{\\}\\-\\=\\~\\_\\"\\^\\`');
    expect(escapeReceiptline('住民票 (写し)')).toBe('住民票 (写し)');
  });

  it('escapeReceiptline() keeps leading and trailing spaces as ~ and turns line breaks into spaces', () => {
    expect(escapeReceiptline('  a b ')).toBe('~~a b~');
    expect(escapeReceiptline('a\nb\r\nc\td\u0007')).toBe('a b c d');
  });

  it('escapeReceiptlineProperty() writes the characters that end a property as \\xHH', () => {
    expect(escapeReceiptlineProperty('https://x.jp/a;b|c{d}\\e')).toBe('https://x.jp/a\\x3bb\\x7cc\\x7bd\\x7d\\x5ce');
    expect(escapeReceiptlineProperty(' a ')).toBe('\\x20a\\x20');
  });

  it('markup in a procedure name prints literally: no QR code, no columns, no size change, no cut', () => {
    const procedure = '{code:x} | ^^^big^^^ "b" _u_ `i` ~ = -';
    for (const p of [epson80, star80]) {
      const r = decode(renderTicket({ ...ticket, procedure }, p), p);
      const line = r.lines.find((l) => l.text.includes('{code:x}'));
      expect(line?.text).toBe(procedure);
      expect(line?.height).toBe(1);
      expect(r.images).toHaveLength(1);
      expect(r.cuts).toBe(1);
    }
  });

  it('a line break in a field cannot start a new markup line', () => {
    const r = decode(renderTicket({ ...ticket, procedure: '住民票\n{code:https://evil.example/}\n=' }, epson80), epson80);
    expect(r.text).toContain('住民票 {code:https://evil.example/} =');
    expect(r.images).toHaveLength(1);
    expect(r.cuts).toBe(1);
  });

  it('a track URL with ; | { } still encodes exactly in the QR code', () => {
    const trackUrl = 'https://x.example.jp/t/a;b|c{d}?e=1&f=~';
    for (const p of PROFILES) expect(qrOf(renderTicket({ ...ticket, trackUrl }, p), p)).toBe(trackUrl);
  });

  it('the document has exactly one code property: the track URL', () => {
    const doc = ticketDocument({ ...ticket, officeName: '{code:a}', windowName: '{image:b}', note: '{command:c}' }, epson80);
    expect(doc.match(/^\{code:/gm)).toHaveLength(1);
    expect(doc).not.toMatch(/^\{(image|command):/m);
  });
});

describe('raster fallback (kanji: false)', () => {
  for (const model of ['epson', 'star'] as const) {
    for (const paperWidthMm of [58, 80] as const) {
      const p: PrinterProfile = { model, paperWidthMm, kanji: false };
      it(`${model} ${paperWidthMm} mm: the whole ticket is one image, its QR code reads back, then a cut`, () => {
        const bytes = renderTicket(ticket, p);
        const h = hex(bytes);
        expect(h).not.toContain(SJIS_UKETSUKE_BANGOU);
        expect(h).not.toContain('1c4331');
        expect(h).toContain(model === 'epson' ? '1d7630' : '1b2a7241'); // GS v 0 / ESC * r A
        const r = decode(bytes, p);
        expect(r.lines.filter((l) => l.text !== '')).toEqual([]);
        expect(r.images).toHaveLength(1);
        expect(r.images[0]?.width).toBe(dotsOf(p));
        expect(r.cuts).toBe(1);
        expect(qrOf(bytes, p)).toBe(ticket.trackUrl);
      });
    }
  }

  it('a kanji printer gets the raster ticket when a text has characters outside Shift_JIS', () => {
    expect(isShiftJisPrintable('受付番号 A-012 ①髙～\\')).toBe(true);
    expect(isShiftJisPrintable('번호표')).toBe(false);
    const bytes = renderTicket({ ...ticket, labels: { number: '번호표' } }, epson80);
    expect(hex(bytes)).toContain('1d7630');
    expect(decode(bytes, epson80).lines.filter((l) => l.text !== '')).toEqual([]);
  });

  it('an em dash or minus sign is printed as its CP932 look-alike instead of forcing the raster ticket', () => {
    const bytes = renderTicket({ ...ticket, procedure: '転入届—本人 −' }, epson80);
    expect(decode(bytes, epson80).text).toContain('転入届―本人 －');
  });
});

describe('lines in the ticket\'s language', () => {
  const vi: TicketTranslation = {
    language: 'vi-VN',
    window: { text: 'Cấp giấy chứng nhận', fallback: 'Certificates' },
    procedure: { text: 'Bản sao phiếu cư trú', fallback: 'Certificate of residence' },
    details: [{ text: 'Số người đang chờ trước bạn: 3' }, { text: 'Thời gian chờ dự kiến: khoảng 15 phút' }, { text: 'Giờ lấy số: 10:02 6 thg 4, 2026' }],
    phone: { text: 'Quét mã QR: trang trên điện thoại sẽ mở bằng tiếng Việt' },
    note: { text: 'Vui lòng chờ cho đến khi số của bạn được gọi' },
  };
  const ko: TicketTranslation = {
    language: 'ko-KR',
    window: { text: '증명서 발급' },
    details: [{ text: '앞에 기다리는 사람: 3명' }],
    phone: { text: 'QR 코드를 읽으면 휴대폰 화면이 한국어로 열립니다' },
    note: { text: '번호를 부를 때까지 기다려 주십시오' },
  };
  const en: TicketTranslation = {
    language: 'en-US',
    window: { text: 'Certificates' },
    details: [{ text: 'People ahead of you: 3' }, { text: 'Estimated wait: about 15 min' }],
    phone: { text: 'Scan the code: the phone page opens in English' },
    note: { text: 'Please wait until your number is called' },
  };
  const lineOf = (t: TicketTranslation['window']): string => t?.text ?? '';
  const logLines = (bytes: Uint8Array, p: PrinterProfile): string[] => decode(bytes, p).log.split('\n');
  const same = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((v, i) => v === b[i]);

  for (const p of PROFILES) {
    it(`${p.model} ${p.paperWidthMm} mm, Vietnamese: each line is a raster block under its Japanese line, the Japanese stays Shift_JIS text`, () => {
      const bytes = renderTicket({ ...ticket, translation: vi }, p);
      const r = decode(bytes, p);
      const log = logLines(bytes, p);
      // the Japanese slip is all there, as text
      for (const s of ['受付番号', '証明書の発行', '住民票の写し', 'お待ちの人数', '発券日時']) expect(r.text).toContain(s);
      expect(hex(bytes)).toContain(SJIS_UKETSUKE_BANGOU);
      const rasterAfter = (japanese: string): string | undefined => log[log.findIndex((l) => l.includes(japanese)) + 1];
      expect(rasterAfter('証明書の発行')).toMatch(/^\[raster \d+×30\]$/);
      expect(rasterAfter('住民票の写し')).toMatch(/^\[raster /);
      expect(rasterAfter('発券日時')).toMatch(/^\[raster /);
      expect(log.at(-2)).toMatch(/^\[raster /); // the note, before the cut
      // every Vietnamese line is one image: the QR code plus seven lines, each the line's own drawing
      expect(r.images).toHaveLength(8);
      for (const line of [vi.window, vi.procedure, ...(vi.details ?? []), vi.phone, vi.note]) {
        const drawn = renderTextLineBitmap(lineOf(line), p);
        expect(drawn.pixels.some((v) => v === 1)).toBe(true);
        expect(drawn.height % 30).toBe(0);
        expect(r.images.some((img) => img.width === dotsOf(p) && img.height === drawn.height && same(img.pixels, drawn.pixels)), lineOf(line)).toBe(true);
      }
      expect(qrOf(bytes, p)).toBe(ticket.trackUrl);
      expect(r.cuts).toBe(1);
    });

    it(`${p.model} ${p.paperWidthMm} mm, Korean: hangul lines are raster blocks too`, () => {
      const bytes = renderTicket({ ...ticket, translation: ko }, p);
      const r = decode(bytes, p);
      expect(r.images).toHaveLength(5);
      expect(r.text).not.toMatch(/[\uac00-\ud7a3]/);
      const drawn = renderTextLineBitmap('증명서 발급', p);
      expect(r.images.some((img) => same(img.pixels, drawn.pixels))).toBe(true);
    });

    it(`${p.model} ${p.paperWidthMm} mm, English: the lines are text, no raster block but the QR code`, () => {
      const bytes = renderTicket({ ...ticket, translation: en }, p);
      const r = decode(bytes, p);
      expect(r.images).toHaveLength(1);
      const text = r.text.replace(/\n/g, ' ');
      for (const line of [en.window, ...(en.details ?? []), en.note]) expect(text).toContain(lineOf(line));
      expect(r.lines.find((l) => l.text === 'Certificates')?.align).toBe('center');
      expect(r.log.split('\n').indexOf('Certificates')).toBe(r.log.split('\n').indexOf('証明書の発行') + 1);
    });
  }

  it('a Japanese ticket is the same bytes with or without an empty translation (the golden files hold it)', () => {
    for (const p of PROFILES) expect(hex(renderTicket({ ...ticket, translation: null }, p))).toBe(hex(renderTicket(ticket, p)));
  });

  it('long lines break at the spaces between words, within the paper width', () => {
    const p: PrinterProfile = { model: 'epson', paperWidthMm: 58, kanji: true };
    const r = decode(renderTicket({ ...ticket, translation: en }, p), p);
    expect(r.lines.map((l) => l.text)).toEqual(expect.arrayContaining(['Scan the code: the phone page', 'opens in English']));
    expect(wrapAtSpaces('ばんごうを よぶまで まって ください', 12, (s) => Array.from(s).length * 2)).toEqual(['ばんごうを', 'よぶまで', 'まって', 'ください']);
    expect(wrapAtSpaces('在叫到您的号码之前请稍候', 16, (s) => Array.from(s).length * 2)).toEqual(['在叫到您的号码之', '前请稍候']);
    // a two-row Vietnamese line is one image two text rows high
    expect(renderTextLineBitmap(lineOf(vi.phone), p).height).toBe(60);
  });

  it('a line with a character the raster font lacks prints its English fallback instead, and says so', () => {
    const warnings: string[] = [];
    const translation: TicketTranslation = { language: 'vi-VN', window: { text: 'Cấp giấy \ue000', fallback: 'Certificates' }, note: { text: '\ue001' } };
    const bytes = renderTicket({ ...ticket, translation }, epson80, { warn: (m) => warnings.push(m) });
    const r = decode(bytes, epson80);
    expect(r.text).toContain('Certificates');
    expect(r.images).toHaveLength(1);
    expect(warnings).toEqual([expect.stringContaining('U+E000'), expect.stringContaining('U+E001')]);
    expect(warnings[1]).toContain('left out');
  });

  it('without a kanji font the translated lines are drawn into the one ticket image', () => {
    const p: PrinterProfile = { model: 'star', paperWidthMm: 80, kanji: false };
    const r = decode(renderTicket({ ...ticket, translation: vi }, p), p);
    expect(r.images).toHaveLength(1);
    expect(qrOf(renderTicket({ ...ticket, translation: vi }, p), p)).toBe(ticket.trackUrl);
    expect(r.images[0]?.height).toBeGreaterThan(decode(renderTicket(ticket, p), p).images[0]?.height ?? 0);
  });
});

describe('previews', () => {
  it('renderTicketSvg() is receiptline SVG with the texts and the language of the labels', () => {
    const svg = renderTicketSvg({ ...ticket, language: 'en' }, epson80);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('lang="en"');
    expect(svg).toContain('証');
    expect(svg).toContain('width="576px"');
  });

  it('renderTicketPng() is the raster ticket; its QR code reads back', () => {
    const png = renderTicketPng(ticket, { model: 'epson', paperWidthMm: 58, kanji: true });
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(readQrFromPng(png)).toBe(ticket.trackUrl);
  });
});
