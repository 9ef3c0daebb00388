import { localized, roundMinutes, STATUS, type Language, type TicketStatus } from '@madoguchi/shared';
import type { SiteDef } from '../../../domain/site.js';
import { escapeHtml, plainDocument, queryString } from './html.js';
import { formatClock, languageNav, textsIn } from './language.js';
import { PLAIN_REFRESH_SECONDS, refreshControls, refreshParam, type PlainPage, type Refresh } from './refresh.js';

/** Where the plain phone page of a ticket is, in a language (else the visitor's), reloading or not. */
export const plainTicketPath = (token: string, lang?: string, refresh: Refresh = 'on'): string =>
  `/t/${encodeURIComponent(token)}/plain${queryString({ lang, refresh: refreshParam(refresh) })}`;

/** States after which nothing more happens to a ticket: its page stops reloading itself (a no-show may still be reinstated). */
const FINAL = new Set<TicketStatus['state']>(['done', 'cancelled', 'expired']);

export interface TicketPageInput {
  lang: Language;
  token: string;
  ticket: TicketStatus;
  /** the ticket's site, for the names of its window type and counter and its time zone */
  site: SiteDef;
  /** now, ISO */
  at: string;
  refresh: Refresh;
}

/**
 * 受付番号のご案内 without scripts: the number, its window type, and by state the people ahead
 * and the estimated wait, the call to a counter, service, or how the ticket ended. It reloads
 * itself until the ticket's story has ended.
 */
export function renderTicketPage({ lang, token, ticket, site, at, refresh }: TicketPageInput): PlainPage {
  const { t, p } = textsIn(lang);
  const final = FINAL.has(ticket.state);
  const queue = site.queues.find((q) => q.id === ticket.queue);
  const counter = (id: string): string => {
    const def = site.counters.find((c) => c.id === id);
    return def ? localized(def.name, lang) : STATUS.t(lang, 'ticket.counter', { id });
  };
  const body = [
    '<main>',
    `<h1>${t('ticket.title')}</h1>`,
    `<p>${t('ticket.number')}${queue ? ` · ${escapeHtml(localized(queue.name, lang))}` : ''}</p>`,
    `<p class="number" id="number">${escapeHtml(ticket.label)}</p>`,
    stateBlock(ticket, lang, counter),
    `<p>${t('ticket.updated', { time: formatClock(lang, at, site.timeZone) })} · <a href="${escapeHtml(plainTicketPath(token, lang, refresh))}">${p('plain.reload')}</a></p>`,
    final ? '' : refreshControls(lang, refresh, (r) => plainTicketPath(token, lang, r)),
    '</main>',
    languageNav(lang, (l) => plainTicketPath(token, l, refresh)),
  ].join('\n');
  const html = plainDocument({ lang, title: `${STATUS.t(lang, 'ticket.title')} ${ticket.label}`, body, noindex: true });
  return { html, refreshSeconds: !final && refresh === 'on' ? PLAIN_REFRESH_SECONDS : null };
}

function stateBlock(ticket: TicketStatus, lang: Language, counter: (id: string) => string): string {
  const { t } = textsIn(lang);
  switch (ticket.state) {
    case 'waiting': {
      const estimate = ticket.estimatedWaitMinutes !== null && ticket.estimatedWaitMinutes > 0 ? `<p class="figure" id="estimate">${t('ticket.estimate', { n: roundMinutes(ticket.estimatedWaitMinutes) })}</p>` : '';
      const ahead = ticket.ahead ? t('ticket.ahead', { n: ticket.ahead }) : t('ticket.next');
      return `<p class="figure" id="ahead">${ahead}</p>${estimate}<p>${t('ticket.waitNote')}</p>`;
    }
    case 'called':
      return `<section class="called" id="called" aria-labelledby="called-head"><h2 id="called-head">${t('ticket.called')}</h2><p class="figure">${t('ticket.goTo', { counter: counter(ticket.counter ?? '') })}</p></section>`;
    case 'serving':
      return `<p class="figure">${ticket.counter ? t('ticket.serving', { counter: counter(ticket.counter) }) : t('ticket.servingNoCounter')}</p>`;
    case 'done':
      return `<p class="figure">${t('ticket.done')}</p>`;
    default:
      return `<p class="figure">${t(`ticket.${ticket.state}`)}</p>`;
  }
}

/** The page for a token that names no ticket (404), in the visitor's language. */
export function renderUnknownTicket(lang: Language): string {
  const { t } = textsIn(lang);
  return plainDocument({ lang, title: STATUS.t(lang, 'ticket.title'), body: `<main>\n<h1>${t('ticket.title')}</h1>\n<p>${t('ticket.notFound')}</p>\n</main>`, noindex: true });
}
