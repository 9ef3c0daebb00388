// The ticket (番号札) as a receiptline document, and that document as printer bytes or an SVG/PNG
// preview. Business rules (what the number is, how the wait is estimated, how times are formatted)
// belong to the caller: this module only lays out the strings it is given.
import iconv from 'iconv-lite';
import * as receiptline from 'receiptline';
import { Bitmap } from './raster/bitmap.js';
import { unifont } from './raster/font.js';
import { createRasterCommand } from './raster/raster-command.js';

export type TicketLabelKey = 'number' | 'ahead' | 'wait' | 'minutes' | 'people' | 'issued' | 'scan';

export interface TicketLayoutInput {
  officeName: string;
  windowName: string;
  /** The ticket number as shown, e.g. "A-012". */
  label: string;
  procedure?: string | null;
  /** A booked ticket's slot, already worded, e.g. "予約 10:45〜" (来庁予約); printed under the procedure. */
  booking?: string | null;
  /** Already formatted local time, e.g. "2026年4月6日 10:02". */
  issuedAt: string;
  ahead: number;
  /** null: no estimate; the line is left out. */
  estimatedWaitMinutes: number | null;
  trackUrl: string;
  note: string;
  /** BCP 47 tag of the texts (default "ja"); used as the SVG preview's lang. */
  language?: string;
  labels?: Partial<Record<TicketLabelKey, string>>;
  /** Lines in the ticket's own language, each printed under its Japanese counterpart. */
  translation?: TicketTranslation | null;
}

/** One line in the ticket's language, and what is printed instead when no font here can draw it. */
export interface TranslatedLine {
  text: string;
  /** Printed instead (with a warning) when `text` has a character the raster font lacks: English. */
  fallback?: string | null;
}

/**
 * The ticket's lines in the language it was taken in. Each line is printed as text when the
 * printer's font has every character (Shift_JIS on a kanji printer), else drawn as an image of
 * its own (GNU Unifont: hangul, Vietnamese, simplified Chinese); the Japanese lines stay text.
 */
export interface TicketTranslation {
  /** BCP 47 tag of the lines, for warnings. */
  language: string;
  /** Under the window name. */
  window?: TranslatedLine | null;
  /** Under the procedure. */
  procedure?: TranslatedLine | null;
  /** Under the booking line. */
  booking?: TranslatedLine | null;
  /** Under the people ahead, the wait and the issue time: the same facts in the language. */
  details?: readonly TranslatedLine[];
  /** Under the line below the QR code: the language the phone page opens in. */
  phone?: TranslatedLine | null;
  /** Under the note. */
  note?: TranslatedLine | null;
}

export interface RenderOptions {
  /** Told when a translated line cannot be drawn and its fallback (or nothing) is printed instead. */
  warn?: (message: string) => void;
}

export interface PrinterProfile {
  model: 'epson' | 'star';
  paperWidthMm: 58 | 80;
  /** false: the printer has no kanji font, so the whole ticket is sent as a raster image. */
  kanji: boolean;
}

export const DEFAULT_TICKET_LABELS: Readonly<Record<TicketLabelKey, string>> = {
  number: '受付番号',
  ahead: 'お待ちの人数',
  wait: '待ち時間の目安',
  minutes: '分',
  people: '人',
  issued: '発券日時',
  scan: 'スマートフォンで呼出状況を確認できます',
};

/** Characters per line of font A (12 × 24 dots) on each paper width: 384 and 576 dots. */
export function charactersPerLine(profile: Pick<PrinterProfile, 'paperWidthMm'>): 32 | 48 {
  return profile.paperWidthMm === 58 ? 32 : 48;
}

/** Printable width in dots (203 dpi heads): 384 for 58 mm paper, 576 for 80 mm. */
export function dotWidth(profile: Pick<PrinterProfile, 'paperWidthMm'>): 384 | 576 {
  return profile.paperWidthMm === 58 ? 384 : 576;
}

function isControl(c: string): boolean {
  const d = c.charCodeAt(0);
  return d < 0x20 || d === 0x7f;
}

function dropControls(text: string): string {
  return Array.from(text)
    .filter((c) => !isControl(c))
    .join('');
}

/**
 * Escapes text for a receiptline text column so that it prints literally: markup characters get a
 * backslash, line breaks and tabs become spaces (a line break would start a new document line),
 * other control characters are dropped, and leading/trailing spaces become `~` (receiptline trims
 * and reads them as alignment otherwise).
 */
export function escapeReceiptline(text: string): string {
  return dropControls(text.replace(/\r\n|[\r\n\t\v\f\u0085\u2028\u2029]/g, ' '))
    .replace(/[\\|{}\-=~_"^`]/g, (c) => `\\${c}`)
    .replace(/^ +| +$/g, (m) => '~'.repeat(m.length));
}

/**
 * Escapes a value inside a receiptline property (`{code:…}`): there only `\xHH` escapes survive,
 * so the characters that would end the value, the member or the column are written that way.
 */
export function escapeReceiptlineProperty(value: string): string {
  const hex = (c: string): string => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;
  const escaped = Array.from(value, (c) => (isControl(c) || '\\{}|;'.includes(c) ? hex(c) : c)).join('');
  return escaped.replace(/^[\t ]+|[\t ]+$/g, (m) => Array.from(m, hex).join(''));
}

/** Receiptline's own mapping of a few characters for Japanese code pages, before Shift_JIS encoding. */
function sjisForm(text: string): string {
  return text.replace(/\\/g, '\u00a5').replace(/\u203e/g, '~').replace(/\u301c/g, '\uff5e');
}

/** Whether every character of the text exists in Shift_JIS (CP932), i.e. the printer's kanji font. */
export function isShiftJisPrintable(text: string): boolean {
  const t = sjisForm(dropControls(text));
  return sjisForm(iconv.decode(iconv.encode(t, 'cp932'), 'cp932')) === t;
}

/** Unicode characters that JIS-based text uses where CP932 has a look-alike (the "wave dash" family). */
const CP932_LOOKALIKES: Readonly<Record<string, string>> = {
  '—': '―', // EM DASH → HORIZONTAL BAR
  '−': '－', // MINUS SIGN → FULLWIDTH HYPHEN-MINUS
  '‖': '∥', // DOUBLE VERTICAL LINE → PARALLEL TO
  '¢': '￠',
  '£': '￡',
  '¬': '￢',
};

/** Display width in half-width columns (kanji and kana count 2, like the printer's font). */
function columnsOf(text: string): number {
  return Array.from(text).reduce((a, c) => {
    const d = c.codePointAt(0) ?? 0;
    return a + (d < 0x80 || d === 0xa0 || d === 0xa5 || d === 0x203e || (d > 0xff60 && d < 0xffa0) ? 1 : 2);
  }, 0);
}

/** Receiptline size markup (number of `^`) and its width multiplier. */
const SIZES = [
  { carets: 7, width: 6 },
  { carets: 6, width: 5 },
  { carets: 5, width: 4 },
  { carets: 4, width: 3 },
  { carets: 3, width: 2 },
  { carets: 2, width: 1 },
] as const;

function sized(text: string, cpl: number, maxCarets: number): string {
  const w = columnsOf(text);
  const size = SIZES.find((s) => s.carets <= maxCarets && w * s.width <= cpl) ?? SIZES[SIZES.length - 1];
  const marks = '^'.repeat(size?.carets ?? 2);
  return `${marks}${escapeReceiptline(text)}${marks}`;
}

function clean(text: string | null | undefined): string {
  return (text ?? '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\u2014\u2212\u2016\u00a2\u00a3\u00ac]/g, (c) => CP932_LOOKALIKES[c] ?? c);
}

function qrCellSize(url: string, profile: PrinterProfile): number {
  const modules = receiptline.qrcode.generate({ data: url, type: 'qrcode', cell: 3, level: 'm' }).length;
  const target = Math.floor((dotWidth(profile) * 0.55) / Math.max(modules, 1));
  return Math.max(3, Math.min(8, target));
}

function labelsOf(input: TicketLayoutInput): Record<TicketLabelKey, string> {
  const labels = { ...DEFAULT_TICKET_LABELS };
  for (const [k, v] of Object.entries(input.labels ?? {}) as Array<[TicketLabelKey, string | undefined]>) {
    if (typeof v === 'string' && k in labels) labels[k] = v;
  }
  return labels;
}

/** The first of the line's characters that Unifont cannot draw, if any. */
function missingGlyph(text: string): string | undefined {
  const font = unifont();
  return Array.from(text).find((c) => c !== ' ' && !font.has(c.codePointAt(0) ?? 0));
}

/** Columns of a character as Unifont draws it: 1 for its half-width glyphs, 2 for full-width. */
function unifontColumns(text: string): number {
  const font = unifont();
  return Array.from(text).reduce((a, c) => a + (font.glyph(c.codePointAt(0) ?? 0x20).width > 8 ? 2 : 1), 0);
}

/**
 * Breaks a line into rows of at most `cpl` columns at the spaces between words (receiptline would
 * break inside a word, and やさしい日本語 must only break between words); a word longer than a row,
 * or a language written without spaces, is broken between characters.
 */
export function wrapAtSpaces(text: string, cpl: number, measure: (s: string) => number): string[] {
  const rows: string[] = [];
  let row = '';
  for (const word of text.split(' ').filter((w) => w !== '')) {
    const joined = row === '' ? word : `${row} ${word}`;
    if (measure(joined) <= cpl) {
      row = joined;
      continue;
    }
    if (row !== '') rows.push(row);
    row = '';
    for (const c of Array.from(word)) {
      if (row !== '' && measure(row + c) > cpl) {
        rows.push(row);
        row = '';
      }
      row += c;
    }
  }
  if (row !== '') rows.push(row);
  return rows;
}

const codePoint = (c: string): string => `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;

/** Dots of a row of text: 24-dot glyphs, 30-dot rows (the printers' default line spacing). */
const GLYPH_DOTS = 24;
const TEXT_ROW_DOTS = 30;

/**
 * A line of text drawn as an image at the printer's dot width, centred, broken at spaces. Each
 * row is spaced like a printed text line (the glyphs at the bottom of a 30-dot row), so hangul,
 * which fills Unifont's whole cell, does not touch the line above.
 */
export function renderTextLineBitmap(text: string, profile: Pick<PrinterProfile, 'paperWidthMm'>): { width: number; height: number; pixels: Uint8Array; png: Buffer } {
  const cpl = charactersPerLine(profile);
  const rows = wrapAtSpaces(clean(text), cpl, unifontColumns).map(escapeReceiptline);
  const raster = createRasterCommand();
  receiptline.transform(rows.join('\n'), { command: raster.command, cpl, encoding: 'cp932', cutting: false });
  const drawn = raster.result();
  const spaced = new Bitmap(drawn.width, Math.ceil(drawn.height / GLYPH_DOTS) * TEXT_ROW_DOTS);
  for (let y = 0; y < drawn.height; y++) {
    const to = Math.floor(y / GLYPH_DOTS) * TEXT_ROW_DOTS + (TEXT_ROW_DOTS - GLYPH_DOTS) + (y % GLYPH_DOTS);
    for (let x = 0; x < drawn.width; x++) if (drawn.get(x, y)) spaced.set(x, to);
  }
  return { width: spaced.width, height: spaced.height, pixels: spaced.pixels(), png: spaced.toPng() };
}

/**
 * The markup of a translated line: text when the printer prints every character itself (or when
 * the whole ticket is an image anyway), else the line as an image. A character Unifont lacks
 * would print as a box: the fallback line is printed instead and `warn` is told.
 */
function translatedMarkup(line: TranslatedLine | null | undefined, language: string, profile: PrinterProfile, warn: RenderOptions['warn']): string[] {
  if (!line) return [];
  const candidates = [...new Set([clean(line.text), clean(line.fallback)])].filter((t) => t !== '');
  for (const [i, text] of candidates.entries()) {
    const cpl = charactersPerLine(profile);
    if (profile.kanji && isShiftJisPrintable(text)) return wrapAtSpaces(text, cpl, columnsOf).map(escapeReceiptline);
    const missing = missingGlyph(text);
    if (missing === undefined) {
      if (!profile.kanji) return wrapAtSpaces(text, cpl, unifontColumns).map(escapeReceiptline);
      return [`{image:${renderTextLineBitmap(text, profile).png.toString('base64')}}`];
    }
    const instead = i + 1 < candidates.length ? 'printing its fallback instead' : 'the line is left out';
    warn?.(`slip line in ${language} has ${codePoint(missing)}, which the printer cannot print: ${instead} (${text})`);
  }
  return [];
}

/** The ticket as a receiptline document (markup), with every caller-supplied string escaped. */
export function ticketDocument(input: TicketLayoutInput, profile: PrinterProfile, options: RenderOptions = {}): string {
  const labels = labelsOf(input);
  const cpl = charactersPerLine(profile);
  const e = (t: string | null | undefined): string => escapeReceiptline(clean(t));
  const tr = input.translation;
  const translated = (line: TranslatedLine | null | undefined): string[] => (tr ? translatedMarkup(line, tr.language, profile, options.warn) : []);
  const lines: string[] = [];
  lines.push(`"${e(input.officeName)}"`);
  lines.push(sized(clean(input.windowName), cpl, 3));
  lines.push(...translated(tr?.window));
  lines.push('-');
  lines.push(e(labels.number));
  lines.push(sized(clean(input.label), cpl, 7));
  const procedure = clean(input.procedure);
  if (procedure) lines.push(`"${e(procedure)}"`);
  lines.push(...translated(tr?.procedure));
  const booking = clean(input.booking);
  if (booking) lines.push(`"${e(booking)}"`);
  lines.push(...translated(tr?.booking));
  lines.push('-');

  // units keep their own spacing: "3人", "15分", "15 min"
  const unit = (u: string): string => u.replace(/\s+/g, ' ');
  const ahead = Number.isFinite(input.ahead) ? Math.max(0, Math.trunc(input.ahead)) : 0;
  const rows: Array<[string, string]> = [[clean(labels.ahead), clean(`${ahead}${unit(labels.people)}`)]];
  if (input.estimatedWaitMinutes !== null && Number.isFinite(input.estimatedWaitMinutes)) {
    rows.push([clean(labels.wait), clean(`${Math.max(0, Math.round(input.estimatedWaitMinutes))}${unit(labels.minutes)}`)]);
  }
  const issued: [string, string] = [clean(labels.issued), clean(input.issuedAt)];
  const labelWidth = Math.max(...[...rows, issued].map(([l]) => columnsOf(l)));
  const valueWidth = cpl - labelWidth - 1;
  const issuedFits = columnsOf(issued[1]) <= valueWidth;
  if (issuedFits) rows.push(issued);
  if (labelWidth < cpl / 2) {
    lines.push(`{width:${labelWidth},*}`);
    for (const [l, v] of rows) lines.push(`|${e(l)} | "${e(v)}"|`);
    lines.push('{width:auto}');
  } else {
    for (const [l, v] of rows) lines.push(`${e(l)} "${e(v)}"`);
  }
  if (!issuedFits) lines.push(`${e(issued[0])} ${e(issued[1])}`);
  for (const line of tr?.details ?? []) lines.push(...translated(line));

  lines.push('');
  lines.push(`{code:${escapeReceiptlineProperty(input.trackUrl)}; option:qrcode,${qrCellSize(input.trackUrl, profile)},m}`);
  lines.push('');
  lines.push(e(labels.scan));
  lines.push(...translated(tr?.phone));
  const note = clean(input.note);
  if (note) lines.push(e(note));
  lines.push(...translated(tr?.note));
  return lines.join('\n');
}

/** Every Japanese string of the ticket that the printer's font must be able to print (translated lines choose per line). */
function ticketTexts(input: TicketLayoutInput): string {
  const labels = labelsOf(input);
  return [input.officeName, input.windowName, input.label, input.procedure ?? '', input.issuedAt, input.note, ...Object.values(labels)].map(clean).join('');
}

function toBytes(commands: string): Uint8Array {
  return new Uint8Array(Buffer.from(commands, 'binary'));
}

/** The ticket drawn as a 1-bit image at the printer's dot width (what the raster fallback prints). */
export function renderTicketBitmap(input: TicketLayoutInput, profile: PrinterProfile, options: RenderOptions = {}): { width: number; height: number; pixels: Uint8Array; png: Buffer } {
  const raster = createRasterCommand();
  receiptline.transform(ticketDocument(input, profile, options), { command: raster.command, cpl: charactersPerLine(profile), encoding: 'cp932', cutting: false });
  const bitmap = raster.result();
  // a little paper below the last line, as the printer feeds before cutting
  bitmap.ensureHeight(bitmap.height + 24);
  return { width: bitmap.width, height: bitmap.height, pixels: bitmap.pixels(), png: bitmap.toPng() };
}

/** PNG preview of the ticket (the raster rendering, with Unifont glyphs). */
export function renderTicketPng(input: TicketLayoutInput, profile: PrinterProfile, options: RenderOptions = {}): Buffer {
  return renderTicketBitmap(input, profile, options).png;
}

/**
 * The ticket as printer bytes. Kanji printers get text in Shift_JIS (Epson: ESC/POS with `FS C 1`;
 * Star: StarPRNT with `ESC $ 1`), the number at 6× size and the QR code as a graphic, then a
 * partial cut. Without a kanji font — or when a Japanese text has characters outside Shift_JIS —
 * the whole ticket is one raster image (Epson `GS v 0`, Star raster mode). Translated lines
 * outside Shift_JIS (hangul, Vietnamese) are images of their own among the text lines.
 */
export function renderTicket(input: TicketLayoutInput, profile: PrinterProfile, options: RenderOptions = {}): Uint8Array {
  const cpl = charactersPerLine(profile);
  if (!profile.kanji || !isShiftJisPrintable(ticketTexts(input))) {
    const { png } = renderTicketBitmap(input, profile, options);
    return toBytes(
      receiptline.transform(`{image:${png.toString('base64')}}`, {
        command: profile.model === 'epson' ? 'generic' : 'stargraphic',
        cpl,
        encoding: 'cp932',
        cutting: true,
        gradient: false,
      }),
    );
  }
  return toBytes(
    receiptline.transform(ticketDocument(input, profile, options), {
      command: profile.model === 'epson' ? 'escpos' : 'starmbcs',
      encoding: profile.model === 'epson' ? 'cp932' : 'shiftjis',
      cpl,
      cutting: true,
      gradient: false,
      spacing: false,
    }),
  );
}

/** SVG preview of the ticket, as receiptline draws it (the browser's Japanese font). */
export function renderTicketSvg(input: TicketLayoutInput, profile: PrinterProfile): string {
  const svg = receiptline.transform(ticketDocument(input, profile), { command: 'svg', encoding: 'cp932', cpl: charactersPerLine(profile) });
  const lang = (input.language ?? 'ja').replace(/[^A-Za-z0-9-]/g, '');
  return lang && lang !== 'ja' ? svg.replace(' lang="ja"', ` lang="${lang}"`) : svg;
}
