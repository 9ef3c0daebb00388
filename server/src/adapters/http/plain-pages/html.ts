import { LOCALE_TAGS, type Language } from '@madoguchi/shared';

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * A value as HTML text: `& < > " '` become entities, so a configured name, a label or a link
 * never turns into markup, in element text and in a quoted attribute alike. Every value a plain
 * page interpolates goes through it.
 */
export function escapeHtml(value: string | number): string {
  return String(value).replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

/**
 * Large text (18 px, nothing under 16 px), dark on white (contrast ≥ 7:1), one column that fits a
 * 240 px feature-phone screen; browsers that ignore CSS still get a readable page. やさしい日本語 breaks
 * only at the spaces between its words.
 */
const STYLE = `
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { margin: 0 auto; padding: 12px; max-width: 44em; font: 18px/1.5 sans-serif; color: #111; background: #fff; }
h1 { font-size: 1.5em; line-height: 1.25; margin: 0 0 .25em; }
h2 { font-size: 1.2em; margin: 1.25em 0 .25em; }
p { margin: .5em 0; }
a { color: #0645ad; }
table { border-collapse: collapse; width: 100%; margin: .75em 0; }
th, td { border: 1px solid #555; padding: 6px; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
thead th { background: #e8e8e8; }
tbody th { background: #e6eef8; }
.easy { word-break: keep-all; }
.figure { font-size: 1.25em; font-weight: bold; }
.number { font-size: 2.5em; font-weight: bold; line-height: 1.1; margin: 0; }
.called { border: 4px solid #9b1c00; background: #fff1e6; padding: 8px 12px; margin: .75em 0; }
.called h2 { margin-top: 0; color: #7a1600; }
nav ul { list-style: none; padding: 0; margin: 0; }
nav li { display: inline-block; margin: 0 1em .5em 0; }
`;

export interface PlainDocument {
  lang: Language;
  title: string;
  /** the page's content (already escaped markup) */
  body: string;
  /** kept out of search engines (a ticket's page) */
  noindex?: boolean;
}

/** A whole HTML document around a plain page's content. */
export function plainDocument(d: PlainDocument): string {
  return [
    '<!doctype html>',
    `<html lang="${LOCALE_TAGS[d.lang]}"${d.lang === 'ja-easy' ? ' class="easy"' : ''}>`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    d.noindex ? '<meta name="robots" content="noindex">' : '',
    `<title>${escapeHtml(d.title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    d.body,
    '</body>',
    '</html>',
  ]
    .filter((line) => line !== '')
    .join('\n');
}

/** `?name=value&…` of the given values (undefined ones left out), or '' when there are none. */
export function queryString(params: Readonly<Record<string, string | undefined>>): string {
  const q = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value !== undefined) q.set(name, value);
  const s = q.toString();
  return s ? `?${s}` : '';
}
