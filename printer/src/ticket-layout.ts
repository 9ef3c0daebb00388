// The ticket (番号札) as a receiptline document, and that document as printer bytes or an SVG/PNG
// preview. Business rules (what the number is, how the wait is estimated, how times are formatted)
// belong to the caller: this module only lays out the strings it is given.
import iconv from 'iconv-lite';
import * as receiptline from 'receiptline';
import { createRasterCommand } from './raster/raster-command.js';

export type TicketLabelKey = 'number' | 'ahead' | 'wait' | 'minutes' | 'people' | 'issued' | 'scan';

export interface TicketLayoutInput {
  officeName: string;
  windowName: string;
  /** The ticket number as shown, e.g. "A-012". */
  label: string;
  procedure?: string | null;
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

/** The ticket as a receiptline document (markup), with every caller-supplied string escaped. */
export function ticketDocument(input: TicketLayoutInput, profile: PrinterProfile): string {
  const labels = labelsOf(input);
  const cpl = charactersPerLine(profile);
  const e = (t: string | null | undefined): string => escapeReceiptline(clean(t));
  const lines: string[] = [];
  lines.push(`"${e(input.officeName)}"`);
  lines.push(sized(clean(input.windowName), cpl, 3));
  lines.push('-');
  lines.push(e(labels.number));
  lines.push(sized(clean(input.label), cpl, 7));
  const procedure = clean(input.procedure);
  if (procedure) lines.push(`"${e(procedure)}"`);
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

  lines.push('');
  lines.push(`{code:${escapeReceiptlineProperty(input.trackUrl)}; option:qrcode,${qrCellSize(input.trackUrl, profile)},m}`);
  lines.push('');
  lines.push(e(labels.scan));
  const note = clean(input.note);
  if (note) lines.push(e(note));
  return lines.join('\n');
}

/** Every string of the ticket that the printer's font must be able to print. */
function ticketTexts(input: TicketLayoutInput): string {
  const labels = labelsOf(input);
  return [input.officeName, input.windowName, input.label, input.procedure ?? '', input.issuedAt, input.note, ...Object.values(labels)].map(clean).join('');
}

function toBytes(commands: string): Uint8Array {
  return new Uint8Array(Buffer.from(commands, 'binary'));
}

/** The ticket drawn as a 1-bit image at the printer's dot width (what the raster fallback prints). */
export function renderTicketBitmap(input: TicketLayoutInput, profile: PrinterProfile): { width: number; height: number; pixels: Uint8Array; png: Buffer } {
  const raster = createRasterCommand();
  receiptline.transform(ticketDocument(input, profile), { command: raster.command, cpl: charactersPerLine(profile), encoding: 'cp932', cutting: false });
  const bitmap = raster.result();
  // a little paper below the last line, as the printer feeds before cutting
  bitmap.ensureHeight(bitmap.height + 24);
  return { width: bitmap.width, height: bitmap.height, pixels: bitmap.pixels(), png: bitmap.toPng() };
}

/** PNG preview of the ticket (the raster rendering, with Unifont glyphs). */
export function renderTicketPng(input: TicketLayoutInput, profile: PrinterProfile): Buffer {
  return renderTicketBitmap(input, profile).png;
}

/**
 * The ticket as printer bytes. Kanji printers get text in Shift_JIS (Epson: ESC/POS with `FS C 1`;
 * Star: StarPRNT with `ESC $ 1`), the number at 6× size and the QR code as a graphic, then a
 * partial cut. Without a kanji font — or when a text has characters outside Shift_JIS, such as
 * hangul — the whole ticket is one raster image (Epson `GS v 0`, Star raster mode).
 */
export function renderTicket(input: TicketLayoutInput, profile: PrinterProfile): Uint8Array {
  const cpl = charactersPerLine(profile);
  if (!profile.kanji || !isShiftJisPrintable(ticketTexts(input))) {
    const { png } = renderTicketBitmap(input, profile);
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
    receiptline.transform(ticketDocument(input, profile), {
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
