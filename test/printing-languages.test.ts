import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeEscPos, PrinterSimulator, renderReceipt, renderTextLineBitmap, renderTicket, type DecodedImage, type DecodedReceipt, type PrinterProfile } from '@madoguchi/printer';
import { LANGUAGES, SLIP, type Language } from '@madoguchi/shared';
import { ManualClock } from '../server/src/adapters/clock/manual-clock.js';
import { slipLayoutInput } from '../server/src/adapters/printers/slip-input.js';
import type { PrintPayload } from '../server/src/app/queries.js';
import { parseConfig } from '../server/src/config-file.js';
import { SAMPLE_CONFIG_TEXT } from '../server/src/sample-office.js';
import { createMadoguchi, type Madoguchi } from '../server/src/server.js';
import { MONDAY_10 } from '../server/src/test-support/fixtures.js';
import { readQr } from '../printer/test-support/qr.js';
import { until } from './support/until.js';

/**
 * The slip in the ticket's language, end to end: a ticket taken in Vietnamese, Korean, English or
 * やさしい日本語 at the sample office → print outbox → real TCP → printer simulator, whose decoded
 * receipt has the Japanese slip plus the ticket's language: text where Shift_JIS has it, raster
 * blocks (images of the line) where it does not.
 */

const PROFILES: PrinterProfile[] = [
  { model: 'epson', paperWidthMm: 80, kanji: true },
  { model: 'star', paperWidthMm: 58, kanji: true },
];

const same = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((v, i) => v === b[i]);
const log = (r: DecodedReceipt): string[] => r.log.split('\n');

describe.each(PROFILES.map((p) => [`${p.model} ${p.paperWidthMm} mm`, p] as const))('a slip in the ticket\'s language on %s paper', (_, profile) => {
  let sim: PrinterSimulator;
  let m: Madoguchi;
  let dir: string;
  let kiosk: string;
  const printed: DecodedReceipt[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(`${tmpdir()}/madoguchi-print-lang-`);
    sim = new PrinterSimulator({ port: 0, host: '127.0.0.1', paperWidthMm: profile.paperWidthMm });
    const { port } = await sim.start();
    sim.onReceipt((r) => printed.push(r));
    const sample = parseConfig(SAMPLE_CONFIG_TEXT, 'sample-office.yaml');
    const lobby = { id: 'lobby', name: 'lobby', transport: { kind: 'tcp' as const, host: '127.0.0.1', port }, ...profile };
    m = await createMadoguchi({
      dataDir: dir,
      config: { ...sample, sites: sample.sites.map((s) => ({ ...s, printers: [lobby], defaultPrinter: 'lobby' })) },
      clock: new ManualClock(MONDAY_10),
      logger: false,
      printing: { queue: { retryDelaysMs: [20], timeoutMs: 2000 }, pollMs: 0 },
    });
    kiosk = m.auth.createDevice('naka', 'kiosk', 'kiosk-lang').token;
  });

  afterAll(async () => {
    await m.close();
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Takes a ticket in `language` at the kiosk and returns it with its printed slip. */
  async function slipOf(language?: Language): Promise<{ trackUrl: string; label: string; ahead: number; slip: DecodedReceipt }> {
    const before = printed.length;
    const res = await m.app.inject({
      method: 'POST',
      url: '/api/v1/sites/naka/tickets',
      headers: { authorization: `Bearer ${kiosk}` },
      payload: { queue: 'certificates', service: 'juminhyo', ...(language ? { language } : {}) },
    });
    expect(res.statusCode).toBe(201);
    await until(() => printed.length > before, `the ${language ?? 'Japanese'} slip`);
    const body = res.json<{ trackUrl: string; label: string; ahead: number }>();
    return { ...body, slip: printed[before] as DecodedReceipt };
  }

  /** The decoded image that is exactly `text` as the printer draws a line: the line was printed. */
  const imageOf = (slip: DecodedReceipt, text: string): DecodedImage | undefined => {
    const drawn = renderTextLineBitmap(text, profile);
    return slip.images.find((img) => img.height === drawn.height && same(img.pixels, drawn.pixels));
  };

  it('Vietnamese: the Japanese slip, and under each line its Vietnamese as a raster block; the QR code opens the phone page in Vietnamese', async () => {
    const { slip, label, trackUrl, ahead } = await slipOf('vi');
    for (const s of ['受付番号', label, '証明発行', '住民票の写し', 'お待ちの人数', '発券日時']) expect(slip.text).toContain(s);
    expect(slip.text.replace(/\n/g, '')).toContain(SLIP.t('ja', 'note'));
    // no Vietnamese letter was sent as text: the printer's font has none
    expect(slip.text).not.toMatch(/[ấứệữ]/);

    const lines = log(slip);
    const window = imageOf(slip, 'Cấp giấy chứng nhận');
    expect(window).toBeDefined();
    expect(window?.pixels.some((v) => v === 1)).toBe(true);
    expect(window?.height).toBe(30);
    expect(lines[lines.indexOf('証明発行') + 1]).toBe(`[raster ${sim.dotWidth}×30]`);
    expect(lines[lines.indexOf('住民票の写し') + 1]).toMatch(/^\[raster /);
    expect(imageOf(slip, 'Bản sao phiếu cư trú')).toBeDefined();
    expect(imageOf(slip, SLIP.t('vi', 'ahead', { count: ahead }))).toBeDefined();
    const note = imageOf(slip, SLIP.t('vi', 'note'));
    expect(note?.height).toBe(renderTextLineBitmap(SLIP.t('vi', 'note'), profile).height);
    expect(lines.at(-2)).toBe(`[raster ${sim.dotWidth}×${note?.height}]`); // the note, then the cut
    expect(imageOf(slip, SLIP.t('vi', 'phone'))).toBeDefined();

    expect(readQr(renderReceipt(slip))).toBe(`${trackUrl}?lang=vi`);
    expect(sim.png(sim.entries().at(-1)?.id ?? 0)?.subarray(1, 4).toString()).toBe('PNG');
  });

  it('Korean: the hangul lines are raster blocks too', async () => {
    const { slip, trackUrl } = await slipOf('ko');
    expect(slip.text).not.toMatch(/[\uac00-\ud7a3]/);
    const window = imageOf(slip, '증명서 발급');
    expect(window?.height).toBe(30);
    expect(window?.pixels.some((v) => v === 1)).toBe(true);
    expect(imageOf(slip, SLIP.t('ko', 'note'))).toBeDefined();
    expect(log(slip)[log(slip).indexOf('証明発行') + 1]).toMatch(/^\[raster /);
    expect(readQr(renderReceipt(slip))).toBe(`${trackUrl}?lang=ko`);
  });

  it('English: the added lines are text, the only image is the QR code', async () => {
    const { slip, ahead } = await slipOf('en');
    expect(slip.images).toHaveLength(1);
    const lines = log(slip);
    expect(lines[lines.indexOf('証明発行') + 1]).toBe('Certificates');
    expect(lines[lines.indexOf('住民票の写し') + 1]).toBe('Certificate of residence');
    const text = slip.text.replace(/\n/g, ' ');
    for (const s of [SLIP.t('en', 'ahead', { count: ahead }), SLIP.t('en', 'note'), 'the phone page', 'opens in English']) expect(text).toContain(s);
  });

  it('やさしい日本語: the Japanese slip with the easy note and phone line, as text', async () => {
    const { slip, trackUrl } = await slipOf('ja-easy');
    expect(slip.images).toHaveLength(1);
    expect(slip.text.replace(/\n/g, ' ')).toContain(SLIP.t('ja-easy', 'note'));
    expect(slip.text).not.toContain('しょうめいしょ'); // the window needs no second name
    expect(readQr(renderReceipt(slip))).toBe(`${trackUrl}?lang=ja-easy`);
  });

  it('Japanese, or no language: nothing added, the QR code is the plain address', async () => {
    for (const language of ['ja', undefined] as const) {
      const { slip, trackUrl } = await slipOf(language);
      expect(slip.images).toHaveLength(1);
      expect(slip.text).not.toContain('Certificates');
      expect(readQr(renderReceipt(slip))).toBe(trackUrl);
    }
  });
});

describe('slipLayoutInput()', () => {
  const payload: PrintPayload = {
    jobId: 1,
    printerId: 'lobby',
    officeName: '中区役所',
    windowName: { ja: '証明発行', en: 'Certificates', vi: 'Cấp giấy chứng nhận' },
    label: '1023',
    procedure: { ja: '住民票の写し', en: 'Certificate of residence' },
    issuedAt: Date.parse(MONDAY_10),
    timeZone: 'Asia/Tokyo',
    ahead: 3,
    estimatedWaitMinutes: 14.6,
    token: 'tok',
    language: 'vi',
    slotStart: null,
  };

  it('gives Japanese tickets no translation and keeps their Japanese texts', () => {
    const input = slipLayoutInput({ ...payload, language: 'ja' }, 'https://x.example');
    expect(input).toMatchObject({ windowName: '証明発行', procedure: '住民票の写し', issuedAt: '2026年4月6日 10:00', note: '番号をお呼びするまでお待ちください', trackUrl: 'https://x.example/t/tok', translation: null });
    expect(slipLayoutInput({ ...payload, language: null }, 'https://x.example').translation).toBeNull();
  });

  it('fills the lines of the language; a name missing in it falls back to English, with English as every fallback', () => {
    const t = slipLayoutInput(payload, 'https://x.example').translation;
    expect(t?.window).toEqual({ text: 'Cấp giấy chứng nhận', fallback: 'Certificates' });
    expect(t?.procedure).toEqual({ text: 'Certificate of residence', fallback: 'Certificate of residence' });
    expect(t?.details?.map((d) => d.text)).toEqual([SLIP.t('vi', 'ahead', { count: 3 }), SLIP.t('vi', 'wait', { minutes: 15 }), expect.stringMatching(/^Giờ lấy số: .*2026/)]);
    expect(t?.details?.[0]?.fallback).toBe('People ahead of you: 3');
    expect(slipLayoutInput({ ...payload, estimatedWaitMinutes: null }, '').translation?.details).toHaveLength(2);
  });

  it('marks a booked ticket with its slot, in Japanese and in the ticket’s language (来庁予約)', () => {
    const booked = { ...payload, slotStart: Date.parse('2026-04-06T10:45:00+09:00') };
    const input = slipLayoutInput(booked, 'https://x.example');
    expect(input.booking).toBe('予約 10:45〜');
    expect(input.translation?.booking).toEqual({ text: 'Đã đặt lịch lúc 10:45', fallback: 'Booked for 10:45' });
    const epson = decodeEscPos(renderTicket(input, PROFILES[0]!), { dialect: 'escpos' });
    // Shift_JIS has one wave dash: the decoder reads it back as the full-width tilde
    expect(epson.lines.map((l) => l.text.trim())).toContain('予約 10:45～');
    // the Vietnamese line is drawn as an image of its own (Unifont), under the Japanese one
    expect(epson.images.length).toBeGreaterThan(1);
    // a walk-in's slip has no such line
    expect(slipLayoutInput(payload, 'https://x.example').booking).toBeNull();
    expect(decodeEscPos(renderTicket(slipLayoutInput({ ...payload, language: 'ja' }, ''), PROFILES[0]!), { dialect: 'escpos' }).text).not.toContain('予約');
  });

  it.each(LANGUAGES)('%s prints on every printer without a missing glyph', (language) => {
    for (const profile of [...PROFILES, { model: 'epson', paperWidthMm: 58, kanji: false } as const]) {
      const warnings: string[] = [];
      renderTicket(slipLayoutInput({ ...payload, language, windowName: { ja: '証明発行', en: 'Certificates', [language]: SLIP.t(language, 'note') } }, 'https://x.example'), profile, {
        warn: (w) => warnings.push(w),
      });
      expect(warnings).toEqual([]);
    }
  });
});
