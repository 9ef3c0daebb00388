/**
 * The pages without scripts (issue 15 item 8): GET /status/plain and GET /t/{token}/plain, the
 * server-rendered HTML the scripted pages' <noscript> leads to. Same data as the JSON routes,
 * all seven languages (`?lang=`, then Accept-Language), every configured name escaped, cache
 * headers like the JSON routes', a reload every 30 s, and a 404 page in the visitor's language.
 */
import { readFileSync } from 'node:fs';
import type { LightMyRequestResponse } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { LANGUAGE_NAMES, LANGUAGES, PLAIN, STATUS } from '@madoguchi/shared';
import { escapeHtml } from '../server/src/adapters/http/plain-pages/html.js';
import { acceptLanguages, plainLanguage } from '../server/src/adapters/http/plain-pages/language.js';
import { pointNoscriptHop, statusHopHref, ticketHopHref } from '../server/src/adapters/http/plain-pages/noscript.js';
import { config, counter, queue, site } from '../server/src/test-support/fixtures.js';
import { expectError, OTHER_SITE, request, SITE, startServer, type TestServer } from './support/server.js';

const MANAGER = { kind: 'manager', id: 'suzuki' } as const;
const CLERK = { kind: 'clerk', id: 'tanaka' } as const;

let s: TestServer | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});

async function server(opts: Parameters<typeof startServer>[0] = {}): Promise<TestServer> {
  s = await startServer(opts);
  return s;
}

const get = (t: TestServer, url: string, headers: Record<string, string> = {}) => request(t.app, 'GET', url, { headers });

/** A ticket taken as the kiosk takes it; its token is the phone page's address. */
async function take(t: TestServer, q = 'certificates', language?: string): Promise<{ label: string; token: string }> {
  const res = await request(t.app, 'POST', `/api/v1/sites/${SITE}/tickets`, { token: t.kiosk.token, body: { queue: q, ...(language ? { language } : {}) } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ label: string; token: string }>();
}

function expectHtml(res: LightMyRequestResponse, status: number, htmlLang: string): void {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
  expect(res.body).toMatch(/^<!doctype html>/);
  expect(res.body).toContain(`<html lang="${htmlLang}"`);
}

/** the page's own reload (the `Refresh` header), or null */
const refreshOf = (res: LightMyRequestResponse): string | null => (res.headers.refresh === undefined ? null : String(res.headers.refresh));

describe('escapeHtml', () => {
  it('turns every character that could open markup or close an attribute into an entity', () => {
    expect(escapeHtml(`<script>alert("x")</script> & 'y'`)).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;');
    expect(escapeHtml('中区役所 1003')).toBe('中区役所 1003');
    expect(escapeHtml(42)).toBe('42');
    expect(escapeHtml('&amp;')).toBe('&amp;amp;');
  });
});

describe('the plain pages’ language', () => {
  it('reads Accept-Language by q, leaving out * and q=0', () => {
    expect(acceptLanguages('vi-VN,vi;q=0.9,en-US;q=0.8,en;q=0.7')).toEqual(['vi-VN', 'vi', 'en-US', 'en']);
    expect(acceptLanguages('en;q=0.5, ko, *;q=0.1, fr;q=0')).toEqual(['ko', 'en']);
    expect(acceptLanguages(undefined)).toEqual([]);
  });

  it('takes ?lang= first, then the browser’s first language it offers, else Japanese', () => {
    expect(plainLanguage('pt', 'vi')).toBe('pt');
    expect(plainLanguage('ja-easy', 'en')).toBe('ja-easy');
    expect(plainLanguage(undefined, 'fr-FR, zh-TW;q=0.8, en;q=0.5')).toBe('zh');
    expect(plainLanguage('xx', 'de')).toBe('ja');
  });
});

describe('the noscript hop of the scripted pages', () => {
  const source = (file: string) => readFileSync(new URL(`../status/${file}`, import.meta.url), 'utf8');

  it('both pages hold it, and the server points it at the plain page with what the request asked', () => {
    const status = pointNoscriptHop(source('index.html'), statusHopHref({ site: 'kita', lang: 'en', compact: '1' }));
    expect(status).toContain('<noscript><meta http-equiv="refresh" content="0; url=/status/plain?site=kita&amp;lang=en" /></noscript>');
    const ticket = pointNoscriptHop(source('ticket.html'), ticketHopHref('tok_A-1', { lang: 'vi' }));
    expect(ticket).toContain('<noscript><meta http-equiv="refresh" content="0; url=/t/tok_A-1/plain?lang=vi" /></noscript>');
  });

  it('carries only what the plain page accepts, so the hop never ends in a 400', () => {
    expect(statusHopHref({})).toBe('/status/plain');
    expect(statusHopHref({ site: '../x"><b>', lang: ['en', 'vi'] })).toBe('/status/plain');
    expect(ticketHopHref('a/b"c', { lang: 'vi"><b>' })).toBe('/t/a%2Fb%22c/plain');
  });
});

describe('GET /status/plain — 混雑状況 without scripts', () => {
  it('shows each window type’s waiting, estimated wait and last called number, as the JSON status does', async () => {
    const t = await server();
    const [first] = [await take(t), await take(t), await take(t)];
    t.m.engine.setCounterState(SITE, '1', 'open', MANAGER);
    t.m.engine.callNext(SITE, '1', CLERK);
    const json = (await get(t, `/api/v1/sites/${SITE}/status`)).json<{ queues: Array<{ id: string; waiting: number; estimatedWaitMinutes: number }> }>();
    const certificates = json.queues.find((q) => q.id === 'certificates');
    expect(certificates?.waiting).toBe(2);

    const res = await get(t, `/status/plain?site=${SITE}&lang=en`);
    expectHtml(res, 200, 'en-US');
    const row = /<tbody id="queue-certificates">(.*?)<\/tbody>/s.exec(res.body)?.[1] ?? '';
    expect(row).toContain('certificates — Open');
    expect(row).toContain(`<td class="figure">2</td><td class="figure">${STATUS.t('en', 'status.minutes', { n: Math.round(certificates?.estimatedWaitMinutes ?? 0) })}</td><td class="figure">${first?.label}</td>`);
    const filings = /<tbody id="queue-filings">(.*?)<\/tbody>/s.exec(res.body)?.[1] ?? '';
    expect(filings).toContain(`<td class="figure">0</td><td class="figure">No wait</td><td class="figure">none</td>`);
    expect(res.body).toContain('<h1>Waiting at the counters</h1>');
    expect(res.body).toContain('<th scope="col">Waiting</th><th scope="col">Estimated wait</th><th scope="col">Last called</th>');
  });

  it('reloads itself every 30 s, is as cacheable as the JSON status, and varies by Accept-Language', async () => {
    const t = await server();
    const res = await get(t, '/status/plain');
    expectHtml(res, 200, 'ja-JP');
    expect(refreshOf(res)).toBe('30');
    // never in the document itself (a reload the reader cannot stop, to a checker): the header only
    expect(res.body).not.toMatch(/http-equiv/i);
    expect(res.body).toContain(`<p>${PLAIN.t('ja', 'plain.refresh', { seconds: 30 })} <a href="/status/plain?site=${SITE}&amp;lang=ja&amp;refresh=off">${PLAIN.t('ja', 'plain.stop')}</a></p>`);
    expect(res.headers['cache-control']).toBe((await get(t, `/api/v1/sites/${SITE}/status`)).headers['cache-control']);
    expect(res.headers.vary).toMatch(/accept-language/i);
    // the status page may be framed by the ward homepage; so may its plain version
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'self'");
  });

  it('stops reloading when the visitor asks, and its links keep that choice', async () => {
    const t = await server();
    const res = await get(t, `/status/plain?site=${SITE}&lang=en&refresh=off`);
    expectHtml(res, 200, 'en-US');
    expect(refreshOf(res)).toBeNull();
    expect(res.body).toContain(`<p>This page does not update by itself. <a href="/status/plain?site=${SITE}&amp;lang=en">Update automatically every 30 seconds</a></p>`);
    expect(res.body).toContain(`<a href="/status/plain?site=${SITE}&amp;lang=en&amp;refresh=off">Update now</a>`);
    expect(res.body).toContain(`<a href="/status/plain?site=${SITE}&amp;lang=vi&amp;refresh=off" lang="vi-VN"`);
    expect(res.body).toContain(`<a href="/status/plain?site=${OTHER_SITE}&amp;lang=en&amp;refresh=off">`);
    expectError(await get(t, '/status/plain?refresh=sometimes'), 400, 'VALIDATION', 'refresh');
  });

  it('shows the first site without ?site= and links the others', async () => {
    const t = await server();
    const res = await get(t, '/status/plain?lang=en');
    expect(res.body).toContain('<p class="figure">naka</p>');
    expect(res.body).toContain(`<h2 id="sites">Other offices</h2><ul><li><a href="/status/plain?site=${OTHER_SITE}&amp;lang=en">${OTHER_SITE}</a></li></ul>`);
    const other = await get(t, `/status/plain?site=${OTHER_SITE}&lang=en`);
    expect(other.body).toContain(`<p class="figure">${OTHER_SITE}</p>`);
  });

  it('speaks ?lang= first, then the browser’s language, and links all seven languages', async () => {
    const t = await server();
    const vi = await get(t, '/status/plain', { 'accept-language': 'vi-VN,vi;q=0.9,en;q=0.8' });
    expectHtml(vi, 200, 'vi-VN');
    expect(vi.body).toContain(PLAIN.t('vi', 'plain.refresh', { seconds: 30 }));
    const ko = await get(t, '/status/plain?lang=ko', { 'accept-language': 'vi' });
    expectHtml(ko, 200, 'ko-KR');
    expect(ko.body).toContain(PLAIN.t('ko', 'plain.refresh', { seconds: 30 }));
    const easy = await get(t, `/status/plain?site=${SITE}&lang=ja-easy`);
    expect(easy.body).toContain('<html lang="ja-JP" class="easy">');
    expect(easy.body).toContain(PLAIN.t('ja-easy', 'plain.refresh', { seconds: 30 }));
    for (const l of LANGUAGES) {
      if (l === 'ja-easy') expect(easy.body).toContain(`<strong lang="ja-JP" aria-current="true">${LANGUAGE_NAMES[l]}</strong>`);
      else expect(easy.body).toMatch(new RegExp(`<a href="/status/plain\\?site=${SITE}&amp;lang=${l}" lang="[^"]+" hreflang="[^"]+">${LANGUAGE_NAMES[l]}</a>`));
    }
  });

  it('escapes every configured name: a hostile site, window type or counter name stays text', async () => {
    const hostile = `<script>alert("x")</script><img src=x onerror=alert(1)>&'`;
    const escaped = escapeHtml(hostile);
    const t = await server({
      config: config(
        site(SITE, {
          name: { ja: hostile, en: hostile },
          queues: [queue('certificates', 1001, { name: { ja: `証明${hostile}`, en: `Cert${hostile}` } })],
          counters: [counter('1', ['certificates'], { name: { ja: `窓口${hostile}`, en: `Desk${hostile}` } })],
        }),
        site(OTHER_SITE, { name: { ja: `北${hostile}`, en: `North${hostile}` } }),
      ),
    });
    const { token } = await take(t);
    t.m.engine.setCounterState(SITE, '1', 'open', MANAGER);
    t.m.engine.callNext(SITE, '1', CLERK);
    const pages = [await get(t, `/status/plain?site=${SITE}&lang=en`), await get(t, `/status/plain?site=${OTHER_SITE}`), await get(t, `/t/${token}/plain?lang=en`)];
    for (const res of pages) {
      expect(res.statusCode).toBe(200);
      expect(res.body).not.toContain('<script');
      expect(res.body).not.toContain('<img');
      expect(res.body).not.toContain(hostile);
    }
    expect(pages[0]?.body).toContain(`<p class="figure">${escaped}</p>`);
    expect(pages[0]?.body).toContain(`<title>Waiting at the counters — ${escaped}</title>`);
    expect(pages[0]?.body).toContain(`Cert${escaped} — Open`);
    expect(pages[1]?.body).toContain(`>${escaped}</a>`);
    expect(pages[2]?.body).toContain(`Please go to Desk${escaped}`);
  });

  it('answers an unknown site with a 404 page in the visitor’s language, and an odd one with 400', async () => {
    const t = await server();
    const en = await get(t, '/status/plain?site=nowhere', { 'accept-language': 'en-GB' });
    expectHtml(en, 404, 'en-US');
    expect(en.body).toContain(STATUS.t('en', 'status.unknownSite'));
    expect(refreshOf(en)).toBeNull();
    const ja = await get(t, '/status/plain?site=nowhere');
    expectHtml(ja, 404, 'ja-JP');
    expect(ja.body).toContain(STATUS.t('ja', 'status.unknownSite'));
    expectError(await get(t, '/status/plain?site=%3Cb%3E'), 400, 'VALIDATION', 'site');
    expectError(await get(t, '/status/plain?lang=%22%3E%3Cb%3E'), 400, 'VALIDATION', 'lang');
  });
});

describe('GET /t/{token}/plain — the phone page without scripts', () => {
  it('shows the number, the people ahead and the estimate while waiting, never cached, reloading every 30 s', async () => {
    const t = await server();
    t.m.engine.setCounterState(SITE, '1', 'open', MANAGER);
    await take(t);
    const mine = await take(t);
    const json = (await get(t, `/api/v1/tickets/${mine.token}`)).json<{ ahead: number; estimatedWaitMinutes: number }>();
    expect(json.ahead).toBe(1);
    expect(json.estimatedWaitMinutes).toBeGreaterThan(0);
    const res = await get(t, `/t/${mine.token}/plain?lang=en`);
    expectHtml(res, 200, 'en-US');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.body).toContain('<meta name="robots" content="noindex">');
    expect(refreshOf(res)).toBe('30');
    expect(res.body).toContain(`<p class="number" id="number">${mine.label}</p>`);
    expect(res.body).toContain('Your number · certificates');
    expect(res.body).toContain(`<p class="figure" id="ahead">${STATUS.t('en', 'ticket.ahead', { n: 1 })}</p>`);
    expect(res.body).toContain(`<p class="figure" id="estimate">${STATUS.t('en', 'ticket.estimate', { n: Math.max(1, Math.round(json.estimatedWaitMinutes)) })}</p>`);
    // the language links keep the ticket
    expect(res.body).toContain(`<a href="/t/${mine.token}/plain?lang=vi" lang="vi-VN" hreflang="vi-VN">Tiếng Việt</a>`);
  });

  it('tells a called citizen which counter to go to, in their language', async () => {
    const t = await server();
    const mine = await take(t);
    t.m.engine.setCounterState(SITE, '1', 'open', MANAGER);
    t.m.engine.callNext(SITE, '1', CLERK);
    const ja = await get(t, `/t/${mine.token}/plain`);
    expectHtml(ja, 200, 'ja-JP');
    expect(ja.body).toContain(`<section class="called" id="called" aria-labelledby="called-head"><h2 id="called-head">${STATUS.t('ja', 'ticket.called')}</h2>`);
    expect(ja.body).toContain(STATUS.t('ja', 'ticket.goTo', { counter: '1番窓口' }));
    const en = await get(t, `/t/${mine.token}/plain`, { 'accept-language': 'en-US,en;q=0.9' });
    expect(en.body).toContain('Please go to Counter 1');
    expect(refreshOf(en)).toBe('30');
    const still = await get(t, `/t/${mine.token}/plain?lang=en&refresh=off`);
    expect(refreshOf(still)).toBeNull();
    expect(still.body).toContain(`<a href="/t/${mine.token}/plain?lang=en">Update automatically every 30 seconds</a>`);
  });

  it('opens in the language the ticket was taken in, unless ?lang= asks otherwise', async () => {
    const t = await server();
    const mine = await take(t, 'certificates', 'vi');
    const page = await get(t, `/t/${mine.token}/plain`, { 'accept-language': 'ja-JP,ja;q=0.9' });
    expectHtml(page, 200, 'vi-VN');
    expect(page.body).toContain(STATUS.t('vi', 'ticket.number'));
    expectHtml(await get(t, `/t/${mine.token}/plain?lang=en`), 200, 'en-US');
  });

  it('stops reloading once the ticket’s story has ended', async () => {
    const t = await server();
    const mine = await take(t);
    t.m.engine.setCounterState(SITE, '1', 'open', MANAGER);
    t.m.engine.callNext(SITE, '1', CLERK);
    t.m.engine.start(SITE, '1', CLERK);
    const serving = await get(t, `/t/${mine.token}/plain?lang=en`);
    expect(serving.body).toContain(STATUS.t('en', 'ticket.serving', { counter: 'Counter 1' }));
    expect(refreshOf(serving)).toBe('30');
    t.m.engine.complete(SITE, '1', CLERK);
    const done = await get(t, `/t/${mine.token}/plain?lang=en`);
    expect(done.body).toContain(STATUS.t('en', 'ticket.done'));
    expect(refreshOf(done)).toBeNull();
    expect(done.body).not.toContain('Update automatically');
  });

  it('answers an unknown token with a 404 page in the visitor’s language, never cached', async () => {
    const t = await server();
    const ja = await get(t, '/t/no-such-token/plain');
    expectHtml(ja, 404, 'ja-JP');
    expect(ja.body).toContain(STATUS.t('ja', 'ticket.notFound'));
    expect(ja.headers['cache-control']).toBe('no-store');
    const vi = await get(t, '/t/no-such-token/plain?lang=vi');
    expectHtml(vi, 404, 'vi-VN');
    expect(vi.body).toContain(STATUS.t('vi', 'ticket.notFound'));
    // longer than any token: refused before the route runs
    expectError(await get(t, `/t/${'x'.repeat(129)}/plain`), 400, 'VALIDATION');
  });
});
