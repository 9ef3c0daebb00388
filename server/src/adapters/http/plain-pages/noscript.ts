import { ID_PATTERN } from '../../../domain/site.js';
import { escapeHtml } from './html.js';
import { LANG_TAG_PATTERN } from './language.js';
import { plainStatusPath } from './status-page.js';
import { plainTicketPath } from './ticket-page.js';

/**
 * The scripted pages' way to their plain versions. status/index.html and status/ticket.html hold
 * `<noscript><meta http-equiv="refresh" content="0; url=plain" /></noscript>`: a browser that
 * runs no scripts follows it at once. `plain` relative to /status/ is already the plain status
 * page; the server fills in what a static file cannot know — the ticket's token, the `?site=` and
 * `?lang=` asked for — when it serves these files (pages.ts).
 */
const HOP = /(<meta http-equiv="refresh" content="0; url=)plain(")/;

/** The page's HTML with its noscript hop leading to `href`. */
export function pointNoscriptHop(html: string, href: string): string {
  return html.replace(HOP, (_whole, before: string, after: string) => `${before}${escapeHtml(href)}${after}`);
}

const SITE = new RegExp(ID_PATTERN);
const LANG = new RegExp(LANG_TAG_PATTERN);

/** A query parameter carried to the plain page when the plain page accepts it (else that page decides: never a 400). */
function carried(query: unknown, name: string, pattern: RegExp): string | undefined {
  const value = (query as Partial<Record<string, unknown>> | undefined)?.[name];
  return typeof value === 'string' && value.length <= 35 && pattern.test(value) ? value : undefined;
}

/** `/status/?site=kita&lang=en` → `/status/plain?site=kita&lang=en`. */
export const statusHopHref = (query: unknown): string => plainStatusPath(carried(query, 'site', SITE), carried(query, 'lang', LANG));

/** `/t/{token}?lang=vi` → `/t/{token}/plain?lang=vi`. */
export const ticketHopHref = (token: string, query: unknown): string => plainTicketPath(token, carried(query, 'lang', LANG));
