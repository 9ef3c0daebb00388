import { formatDateTime, issuingText, localized, roundMinutes, STATUS, type Language, type QueueStatusView, type SiteStatus } from '@madoguchi/shared';
import type { SiteDef } from '../../../domain/site.js';
import { escapeHtml, plainDocument, queryString } from './html.js';
import { formatClock, languageNav, textsIn } from './language.js';
import { PLAIN_REFRESH_SECONDS, refreshControls, refreshParam, type PlainPage, type Refresh } from './refresh.js';

/** Where the plain status page is: of a site (else the first), in a language (else the visitor's), reloading or not. */
export const plainStatusPath = (site?: string, lang?: string, refresh: Refresh = 'on'): string =>
  `/status/plain${queryString({ site, lang, refresh: refreshParam(refresh) })}`;

export interface StatusPageInput {
  lang: Language;
  site: SiteDef;
  /** every configured site: the others are linked */
  sites: readonly SiteDef[];
  status: SiteStatus;
  refresh: Refresh;
}

/**
 * 混雑状況 without scripts: what the status page shows (per window type the people waiting, the
 * estimated wait, the last called number, open or closed and the next opening), as one table. A
 * window type is a group of rows headed by its name and state, so the table keeps three columns
 * and fits a 240 px screen.
 */
export function renderStatusPage({ lang, site, sites, status, refresh }: StatusPageInput): PlainPage {
  const { t, p } = textsIn(lang);
  const here = (l: Language, r: Refresh = refresh) => plainStatusPath(site.id, l, r);
  const others = sites.filter((s) => s.id !== site.id);
  const body = [
    '<main>',
    `<h1>${t('status.title')}</h1>`,
    `<p class="figure">${escapeHtml(localized(status.site.name, lang))}</p>`,
    `<p>${t('status.asOf', { time: formatClock(lang, status.at, site.timeZone) })} · <a href="${escapeHtml(here(lang))}">${p('plain.reload')}</a></p>`,
    '<table>',
    `<thead><tr><th scope="col">${t('status.waiting')}</th><th scope="col">${t('status.wait')}</th><th scope="col">${t('status.lastCalled')}</th></tr></thead>`,
    ...status.queues.map((q) => queueRows(q, lang, site.timeZone)),
    '</table>',
    `<p>${t('status.note')}</p>`,
    refreshControls(lang, refresh, (r) => here(lang, r)),
    '</main>',
    languageNav(lang, (l) => here(l)),
    others.length === 0
      ? ''
      : `<nav aria-labelledby="sites"><h2 id="sites">${p('plain.sites')}</h2><ul>${others
          .map((s) => `<li><a href="${escapeHtml(plainStatusPath(s.id, lang, refresh))}">${escapeHtml(localized(s.name, lang))}</a></li>`)
          .join('')}</ul></nav>`,
  ].join('\n');
  const html = plainDocument({ lang, title: `${STATUS.t(lang, 'status.title')} — ${localized(status.site.name, lang)}`, body });
  return { html, refreshSeconds: refresh === 'on' ? PLAIN_REFRESH_SECONDS : null };
}

function queueRows(q: QueueStatusView, lang: Language, timeZone: string): string {
  const { t } = textsIn(lang);
  const open = q.issuing === 'open';
  const state = open ? t('status.open') : escapeHtml(issuingText(lang, q.issuing === 'closed' ? q.closedReason : q.issuing));
  const wait =
    q.estimatedWaitMinutes === null ? t('status.unknownWait') : q.waiting === 0 || q.estimatedWaitMinutes < 0.5 ? t('status.noWait') : t('status.minutes', { n: roundMinutes(q.estimatedWaitMinutes) });
  const next = !open && q.nextOpening ? `<tr><td colspan="3">${t('status.nextOpening', { when: formatDateTime(lang, q.nextOpening, timeZone) })}</td></tr>` : '';
  return [
    `<tbody id="queue-${escapeHtml(q.id)}">`,
    `<tr><th scope="rowgroup" colspan="3">${escapeHtml(localized(q.name, lang))} — ${state}</th></tr>`,
    `<tr><td class="figure">${t('status.people', { n: q.waiting })}</td><td class="figure">${wait}</td><td class="figure">${q.lastCalled === null ? t('status.noneCalled') : escapeHtml(q.lastCalled)}</td></tr>`,
    next,
    '</tbody>',
  ].join('');
}

/** The page for a site that does not exist (404), in the visitor's language. */
export function renderUnknownSite(lang: Language): string {
  const { t } = textsIn(lang);
  return plainDocument({ lang, title: STATUS.t(lang, 'status.title'), body: `<main>\n<h1>${t('status.title')}</h1>\n<p>${t('status.unknownSite')}</p>\n</main>` });
}
