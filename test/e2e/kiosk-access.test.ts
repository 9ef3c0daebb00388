/**
 * The kiosk for elderly, disabled and foreign residents (issue 15, items 6, 7 and 9), in Debian's
 * Chromium against the real server (ManualClock): やさしい日本語 breaking only between words, the
 * seated / priority options before the windows, what to do when issuing is paused, the result's
 * return time, the larger-text aid, audio guidance and the arrow keys. axe-core checks every new
 * state. No test sleeps: the page's timers run on Playwright's clock where time matters.
 */
import { CITIZEN, isSpeakable, LANGUAGE_NAMES, LANGUAGES, type Language } from '@madoguchi/shared';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../server/src/adapters/clock/manual-clock.js';
import { parseConfig } from '../../server/src/config-file.js';
import type { InstallationConfig } from '../../server/src/domain/site.js';
import { SAMPLE_CONFIG_TEXT, TWO_SITE_CONFIG_TEXT } from '../../server/src/sample-office.js';
import { expectAccessible, seriousA11yViolations } from './axe.js';
import { KIOSK_SCREEN } from './browser.js';
import { MONDAY_10, sampleOffice, SITE, useBrowserTests, WAIT, type Running as Started } from './harness.js';
import { fakeSpeech, JA_EN } from './fake-speech.js';

/** Saturday 2026-05-16 10:00 JST: the office is closed; it opens again on Monday 18 May at 08:45 */
const SATURDAY_10 = '2026-05-16T01:00:00Z';
const MANAGER = { kind: 'manager', id: 'suzuki' } as const;
const PORTRAIT = { width: 1080, height: 1920 };
const LANDSCAPE = { width: 1920, height: 1080 };
const ORIENTATIONS = [
  ['portrait', PORTRAIT],
  ['landscape', LANDSCAPE],
] as const;

interface Running extends Started {
  token: string;
}

const e2e = useBrowserTests('kiosk-access');

async function start(config = sampleOffice(), now = MONDAY_10): Promise<Running> {
  const r = await e2e.start({ config }, new ManualClock(now));
  return { ...r, token: r.m.auth.createDevice(SITE, 'kiosk', 'kiosk-1').token };
}

interface OpenOptions {
  viewport?: { width: number; height: number };
  /** the page's clock is Playwright's, run by the test */
  clock?: boolean;
  /** more of the address after the token */
  query?: string;
  /** a stand-in speechSynthesis with these voices (none: the browser's own, which has no voice here) */
  voices?: Array<{ lang: string; name: string }>;
}

async function openKiosk(r: Running, o: OpenOptions = {}): Promise<Page> {
  const context = await e2e.newContext({ ...KIOSK_SCREEN, viewport: o.viewport ?? PORTRAIT });
  const page = await context.newPage();
  if (o.clock) await page.clock.install();
  if (o.voices) await page.addInitScript(fakeSpeech(o.voices));
  await page.goto(`${r.url}/kiosk/?token=${r.token}${o.query ?? ''}`);
  await page.locator('.kiosk').waitFor(WAIT);
  return page;
}

const button = (page: Page, name: string | RegExp) => page.getByRole('button', { name, exact: typeof name === 'string' });
const queueButton = (page: Page, id: string) => page.locator(`button[data-queue="${id}"]`);
const serviceButton = (page: Page, id: string) => page.locator(`button[data-service="${id}"]`);
const startHeading = (page: Page, lang: Language = 'ja') => page.getByRole('heading', { name: CITIZEN.t(lang, 'kiosk.queues.heading') });

async function chooseLanguage(page: Page, lang: Language): Promise<void> {
  await button(page, LANGUAGE_NAMES[lang]).click();
  await expect.poll(() => button(page, LANGUAGE_NAMES[lang]).getAttribute('aria-pressed'), WAIT).toBe('true');
}

/** Takes a ticket with both options at the window and procedure given; waits until its screen works. */
async function takeWithOptions(page: Page, lang: Language, queue: string, service: string): Promise<void> {
  await queueButton(page, queue).and(page.locator(':enabled')).waitFor(WAIT);
  await button(page, CITIZEN.t(lang, 'kiosk.options.lowCounter')).click();
  await button(page, CITIZEN.t(lang, 'kiosk.options.priority')).click();
  await queueButton(page, queue).click();
  await serviceButton(page, service).click();
  await page.locator('[data-testid="result-done"]:enabled').waitFor(WAIT);
}

/**
 * The words of every やさしい日本語 text on the page (split at its spaces) that the browser laid out
 * on more than one line: each word's Range gives one rectangle per line it is on.
 */
const brokenWords = (page: Page): Promise<string[]> =>
  page.evaluate<string[]>(`(() => {
    const broken = [];
    const walker = document.createTreeWalker(document.querySelector('[data-easy]'), NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent;
      let at = 0;
      for (const word of text.split(' ')) {
        if (word.length > 1) {
          const range = document.createRange();
          range.setStart(node, at);
          range.setEnd(node, at + word.length);
          const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
          if (tops.size > 1) broken.push(word);
        }
        at += word.length + 1;
      }
    }
    return broken;
  })()`);

/**
 * What does not fit: the document or the main area scrolls, an element of the page lies outside
 * the viewport, or a button's or heading's text runs out of its box.
 */
const overflow = (page: Page): Promise<string[]> =>
  page.evaluate<string[]>(`(() => {
    const problems = [];
    const W = window.innerWidth;
    const H = window.innerHeight;
    const root = document.documentElement;
    if (root.scrollHeight > H || root.scrollWidth > W) problems.push('document ' + root.scrollWidth + '×' + root.scrollHeight);
    const main = document.querySelector('main');
    if (main && (main.scrollHeight > main.clientHeight || main.scrollWidth > main.clientWidth)) problems.push('main scrolls ' + main.scrollWidth + '×' + main.scrollHeight + ' in ' + main.clientWidth + '×' + main.clientHeight);
    for (const el of document.querySelectorAll('.kiosk *')) {
      const b = el.getBoundingClientRect();
      if (b.width === 0 && b.height === 0) continue;
      const name = el.tagName.toLowerCase() + '.' + String(el.className.baseVal ?? el.className).split(' ')[0];
      if (b.top < -0.5 || b.left < -0.5 || b.bottom > H + 0.5 || b.right > W + 0.5) problems.push(name + ' outside at ' + [b.left, b.top, b.right, b.bottom].map(Math.round).join(','));
      if (el.matches('button, h1, h2, p') && (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1)) problems.push(name + ' text runs out: ' + el.textContent.slice(0, 30));
    }
    return problems;
  })()`);

const spoken = (page: Page) => page.evaluate<Array<{ text: string; lang: string }>>('window.__spoken');
const spokenTexts = async (page: Page) => (await spoken(page)).map((s) => s.text);
/** the focused button's words, without its icon (hidden from screen readers) */
const focused = (page: Page) =>
  page.evaluate<string>(`(() => {
    const copy = document.activeElement.cloneNode(true);
    for (const hidden of copy.querySelectorAll('[aria-hidden="true"]')) hidden.remove();
    return copy.textContent.trim();
  })()`);

describe('kiosk for every citizen (issue 15)', () => {
  it('やさしい日本語 breaks only at the spaces between words, on every screen, both orientations, with and without larger text', async () => {
    const r = await start();
    const problems: string[] = [];
    for (const [orientation, viewport] of ORIENTATIONS) {
      for (const large of [false, true]) {
        const page = await openKiosk(r, { viewport });
        await chooseLanguage(page, 'ja-easy');
        if (large) await page.getByTestId('large-text').click();
        const where = `${orientation}${large ? ' large' : ''}`;
        await startHeading(page, 'ja-easy').waitFor(WAIT);
        problems.push(...(await brokenWords(page)).map((w) => `${where} start: ${w}`));
        await queueButton(page, 'certificates').and(page.locator(':enabled')).waitFor(WAIT);
        await button(page, CITIZEN.t('ja-easy', 'kiosk.options.priority')).click();
        await queueButton(page, 'certificates').click();
        await serviceButton(page, 'inkan').waitFor(WAIT);
        // the procedure's name as the guideline would have it, split into words
        expect(await serviceButton(page, 'inkan').textContent()).toBe('いんかん （はんこ）の しょうめいしょ');
        problems.push(...(await brokenWords(page)).map((w) => `${where} procedures: ${w}`));
        await serviceButton(page, 'inkan').click();
        await page.getByTestId('result').waitFor(WAIT);
        problems.push(...(await brokenWords(page)).map((w) => `${where} result: ${w}`));
      }
    }
    expect(problems).toEqual([]);
  });

  it('the reviewed やさしい日本語 says what the start screen and the procedures ask without ようけん or てつづき', async () => {
    const r = await start();
    const page = await openKiosk(r, { viewport: LANDSCAPE });
    await chooseLanguage(page, 'ja-easy');
    await startHeading(page, 'ja-easy').waitFor(WAIT);
    expect(await page.locator('[data-easy]').count()).toBe(1);
    const text = await page.locator('.kiosk').innerText();
    expect(text).toContain('なにを しに きましたか');
    expect(text).not.toMatch(/ようけん|てつづき/);
    await expectAccessible(page, 'kiosk in やさしい日本語');
    // back in Japanese the mark goes: Japanese breaks anywhere, as it should
    await chooseLanguage(page, 'ja');
    expect(await page.locator('[data-easy]').count()).toBe(0);
  });

  for (const [orientation, viewport] of ORIENTATIONS) {
    it(`the seated and priority options come before the windows and procedures (${orientation}), on screen without scrolling`, async () => {
      const r = await start();
      const page = await openKiosk(r, { viewport });
      const options = page.locator('section.options');
      await queueButton(page, 'certificates').waitFor(WAIT);
      const before = async (choices: string) => {
        const o = await options.boundingBox();
        const boxes = await Promise.all((await page.locator(choices).all()).map((b) => b.boundingBox()));
        const first = Math.min(...boxes.map((b) => b?.y ?? 0));
        const left = Math.min(...boxes.map((b) => b?.x ?? 0));
        // above every choice, or beside them on their left
        const placed = o !== null && (o.y + o.height <= first || o.x + o.width <= left);
        return { placed, visible: o !== null && o.y + o.height <= viewport.height };
      };
      expect(await before('button.queue')).toEqual({ placed: true, visible: true });
      // before them in the reading and keyboard order too
      expect(await page.evaluate('document.querySelector("section.options").compareDocumentPosition(document.querySelector("button.queue")) & Node.DOCUMENT_POSITION_FOLLOWING')).toBeTruthy();
      await queueButton(page, 'certificates').and(page.locator(':enabled')).waitFor(WAIT);
      await queueButton(page, 'certificates').click();
      await serviceButton(page, 'juminhyo').waitFor(WAIT);
      expect(await before('button.service')).toEqual({ placed: true, visible: true });
    });
  }

  it('when a manager pauses issuing, the screen says to ask staff; when closed, it gives the next opening', async () => {
    const r = await start();
    const page = await openKiosk(r);
    await queueButton(page, 'certificates').waitFor(WAIT);
    // one window paused: its button says what to do
    r.m.engine.setIssuing(SITE, { mode: 'paused', queue: 'certificates', reason: 'システム点検' }, MANAGER);
    await expect.poll(() => queueButton(page, 'certificates').textContent(), WAIT).toContain(CITIZEN.t('ja', 'issuing.paused'));
    expect(await queueButton(page, 'certificates').getByTestId('ask-staff').textContent()).toBe(CITIZEN.t('ja', 'kiosk.askStaff'));
    // every window paused: the screen says so and what to do, in the citizen's language
    r.m.engine.setIssuing(SITE, { mode: 'paused', reason: 'システム点検' }, MANAGER);
    await page.getByRole('heading', { name: CITIZEN.t('ja', 'kiosk.queues.none') }).waitFor(WAIT);
    expect(await page.getByTestId('closed-help').textContent()).toBe(CITIZEN.t('ja', 'kiosk.askStaff'));
    await expectAccessible(page, 'kiosk, issuing paused');
    for (const lang of ['en', 'ja-easy', 'vi'] as const) {
      await chooseLanguage(page, lang);
      expect(await page.getByTestId('closed-help').textContent()).toBe(CITIZEN.t(lang, 'kiosk.askStaff'));
    }

    // a closed day: the next opening instead
    const closed = await start(parseConfig(TWO_SITE_CONFIG_TEXT, 'two-sites.yaml'), SATURDAY_10);
    const saturday = await openKiosk(closed);
    await saturday.getByTestId('closed-help').waitFor(WAIT);
    expect(await saturday.getByTestId('closed-help').textContent()).toMatch(/^次の受付開始 5月18日\(月\) 8:45/);
    expect(await saturday.getByTestId('ask-staff').count()).toBe(0);
  });

  it('the result screen returns to the start after 30 s by default', async () => {
    const r = await start();
    const page = await openKiosk(r, { clock: true });
    await queueButton(page, 'certificates').and(page.locator(':enabled')).waitFor(WAIT);
    await queueButton(page, 'certificates').click();
    await serviceButton(page, 'juminhyo').click();
    await page.getByTestId('ticket-number').waitFor(WAIT);
    expect(await page.locator('.result-returning').textContent()).toBe(CITIZEN.t('ja', 'kiosk.result.returning', { seconds: 30 }));
    await page.clock.runFor(20_000);
    expect(await page.getByTestId('result').count()).toBe(1);
    await page.clock.runFor(11_000);
    await startHeading(page).waitFor(WAIT);
    expect(await page.getByTestId('result').count()).toBe(0);
  });

  it('the return time is set in the configuration, per site and per kiosk; out-of-range values are refused', async () => {
    /** the result screen's countdown and when it leaves, for a kiosk named `device` */
    const returnsAfter = async (config: InstallationConfig, device: string): Promise<string | null> => {
      const r = await e2e.start({ config }, new ManualClock(MONDAY_10));
      const page = await openKiosk({ ...r, token: r.m.auth.createDevice(SITE, 'kiosk', device).token }, { clock: true });
      await queueButton(page, 'certificates').and(page.locator(':enabled')).waitFor(WAIT);
      await queueButton(page, 'certificates').click();
      await serviceButton(page, 'juminhyo').click();
      await page.getByTestId('ticket-number').waitFor(WAIT);
      const shown = await page.locator('.result-returning').textContent();
      await page.clock.runFor(40_000);
      expect(await page.getByTestId('result').count()).toBe(1);
      await page.clock.runFor(6_000);
      await startHeading(page).waitFor(WAIT);
      return shown;
    };
    const lobby = { id: 'lobby', name: 'lobby', transport: { kind: 'file', path: join(e2e.tmpDir('madoguchi-kiosk-access-'), 'lobby.bin') }, model: 'epson', paperWidthMm: 80, kanji: true } as const;
    // the site's setting
    expect(await returnsAfter(sampleOffice(() => ({ resultSeconds: 45 })), 'kiosk-1')).toBe(CITIZEN.t('ja', 'kiosk.result.returning', { seconds: 45 }));
    // a kiosk's own, over the site's
    const own = sampleOffice(() => ({ resultSeconds: 20, printers: [lobby], defaultPrinter: 'lobby', kiosks: [{ device: 'kiosk-door', printer: 'lobby', resultSeconds: 45 }] }));
    expect(await returnsAfter(own, 'kiosk-door')).toBe(CITIZEN.t('ja', 'kiosk.result.returning', { seconds: 45 }));

    const yaml = (seconds: number) => SAMPLE_CONFIG_TEXT.replace('    timeZone: Asia/Tokyo', `    timeZone: Asia/Tokyo\n    resultSeconds: ${seconds}`);
    expect(parseConfig(yaml(60), 'office.yaml').sites[0]?.resultSeconds).toBe(60);
    for (const bad of [5, 301]) expect(() => parseConfig(yaml(bad), 'office.yaml')).toThrow(/office\.yaml: sites\[0\]\.resultSeconds: /);
  });

  for (const [orientation, viewport] of ORIENTATIONS) {
    it(`the larger-text aid enlarges the text, and every screen still fits (${orientation}) with every option and language`, async () => {
      // seven tickets from one kiosk in a minute: past the default burst limit
      const r = await start(sampleOffice(() => ({ issueLimit: { burst: 20, perMinute: 60 } })));
      const problems: string[] = [];
      const page = await openKiosk(r, { viewport });
      await queueButton(page, 'certificates').waitFor(WAIT);
      const sizes = () => page.evaluate<number[]>('[".option", ".site-name", ".language", ".options-heading"].map((s) => parseFloat(getComputedStyle(document.querySelector(s)).fontSize))');
      const normal = await sizes();
      const aid = page.getByTestId('large-text');
      expect(await aid.getAttribute('aria-pressed')).toBe('false');
      await aid.click();
      expect(await aid.getAttribute('aria-pressed')).toBe('true');
      const large = await sizes();
      large.forEach((size, i) => expect(size).toBeCloseTo(normal[i]! * 1.25, 0));
      await expectAccessible(page, `kiosk with larger text (${orientation})`);
      for (const lang of LANGUAGES) {
        await chooseLanguage(page, lang);
        await startHeading(page, lang).waitFor(WAIT);
        problems.push(...(await overflow(page)).map((p) => `${orientation} ${lang} start: ${p}`));
        // both options; the most procedures (証明発行), then the longest names (保険年金 › 国民健康保険) and their result
        await queueButton(page, 'certificates').and(page.locator(':enabled')).waitFor(WAIT);
        await button(page, CITIZEN.t(lang, 'kiosk.options.lowCounter')).click();
        await button(page, CITIZEN.t(lang, 'kiosk.options.priority')).click();
        await queueButton(page, 'certificates').click();
        await serviceButton(page, 'inkan').waitFor(WAIT);
        problems.push(...(await overflow(page)).map((p) => `${orientation} ${lang} certificates: ${p}`));
        await page.locator('button.back').click();
        await queueButton(page, 'insurance').and(page.locator(':enabled')).click();
        await serviceButton(page, 'kokuho').waitFor(WAIT);
        problems.push(...(await overflow(page)).map((p) => `${orientation} ${lang} insurance: ${p}`));
        if (lang === 'ja') problems.push(...(await seriousA11yViolations(page)).map((p) => `${orientation} procedures axe: ${p}`));
        await serviceButton(page, 'kokuho').click();
        await page.locator('[data-testid="result-done"]:enabled').waitFor(WAIT);
        problems.push(...(await overflow(page)).map((p) => `${orientation} ${lang} result: ${p}`));
        if (lang === 'ja') problems.push(...(await seriousA11yViolations(page)).map((p) => `${orientation} result axe: ${p}`));
        // back at the start the visit is over (Japanese, normal text): the next language's visit turns the aid on again
        await page.getByTestId('result-done').click();
        await startHeading(page).waitFor(WAIT);
        await page.getByTestId('large-text').click();
      }
      problems.push(...(await seriousA11yViolations(page)).map((p) => `${orientation} axe: ${p}`));
      expect(problems).toEqual([]);
    }, 240_000);
  }

  it('with larger text, the screen of a number whose slip did not print still fits both orientations with both options, in every language', async () => {
    const missing = join(e2e.tmpDir('madoguchi-kiosk-access-print-'), 'missing', 'lobby.bin');
    const lobby = { id: 'lobby', name: 'lobby', transport: { kind: 'file', path: missing }, model: 'epson', paperWidthMm: 80, kanji: true } as const;
    const r = await start(sampleOffice(() => ({ printers: [lobby], defaultPrinter: 'lobby' })));
    r.m.engine.recordPrinterHealth(SITE, 'lobby', 'paper_out', null);
    const problems: string[] = [];
    for (const [orientation, viewport] of ORIENTATIONS) {
      const page = await openKiosk(r, { viewport });
      await page.getByTestId('large-text').click();
      await takeWithOptions(page, 'ja', 'insurance', 'kokuho');
      await page.locator('[data-print="failed"]').waitFor(WAIT);
      for (const lang of LANGUAGES) {
        await chooseLanguage(page, lang);
        await expect.poll(() => page.getByTestId('print-message').textContent(), WAIT).toBe(CITIZEN.t(lang, 'kiosk.print.failed'));
        problems.push(...(await overflow(page)).map((p) => `${orientation} ${lang}: ${p}`));
      }
      problems.push(...(await seriousA11yViolations(page)).map((p) => `${orientation} axe: ${p}`));
    }
    expect(problems).toEqual([]);
  }, 60_000);

  it('audio guidance reads the screen in the chosen language, and the result (number, window, wait) by itself', async () => {
    const r = await start();
    const page = await openKiosk(r, { voices: [...JA_EN, { lang: 'pt-BR', name: 'stand-in Portuguese' }] });
    await queueButton(page, 'certificates').waitFor(WAIT);
    const audio = button(page, CITIZEN.t('ja', 'kiosk.audio'));
    expect(await spoken(page)).toEqual([]);
    await audio.click();
    expect(await audio.getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => spokenTexts(page), WAIT).toContain(CITIZEN.t('ja', 'kiosk.audio.keys'));
    const first = await spoken(page);
    expect(first.map((s) => s.text)).toContain(CITIZEN.t('ja', 'kiosk.queues.heading'));
    expect(first.some((s) => s.text.startsWith('証明発行、待ち '))).toBe(true);
    expect(new Set(first.map((s) => s.lang))).toEqual(new Set(['ja-JP']));
    await expectAccessible(page, 'kiosk with audio guidance on');

    // another language: the screen again, in it
    await chooseLanguage(page, 'pt');
    await expect.poll(() => spokenTexts(page), WAIT).toContain(CITIZEN.t('pt', 'kiosk.queues.heading'));
    expect((await spoken(page)).at(-1)?.lang).toBe('pt-BR');

    // the result is spoken without a press
    await takeWithOptions(page, 'pt', 'certificates', 'juminhyo');
    const label = await page.getByTestId('ticket-number').textContent();
    await expect.poll(() => spokenTexts(page), WAIT).toContain(`${CITIZEN.t('pt', 'kiosk.result.heading')}, ${label}`);
    const said = await spokenTexts(page);
    expect(said).toContain('Certidões, Certidão de residência');
    expect(said.some((t) => t.startsWith('Tempo de espera') || t === CITIZEN.t('pt', 'kiosk.result.wait.none'))).toBe(true);
    await expectAccessible(page, 'kiosk result with audio guidance on');

    // switched off, nothing more is said
    const count = (await spoken(page)).length;
    await page.getByTestId('audio-guidance').click();
    await page.getByTestId('result-done').click();
    await startHeading(page).waitFor(WAIT);
    expect((await spoken(page)).length).toBe(count);
  });

  it('without a voice for the language, audio guidance plays the server’s espeak-ng clips (English for languages the clips lack)', async () => {
    const r = await start();
    // Debian's headless Chromium has no voice at all
    const page = await openKiosk(r);
    await queueButton(page, 'certificates').waitFor(WAIT);
    const clips: Array<{ lang: string | null; text: string; status: number }> = [];
    page.on('response', (res) => {
      if (!res.url().includes('/voice.wav?')) return;
      const q = new URL(res.url()).searchParams;
      clips.push({ lang: q.get('lang'), text: q.get('text') ?? '', status: res.status() });
    });
    await page.getByTestId('audio-guidance').click();
    await expect.poll(() => clips.length, WAIT).toBeGreaterThan(0);
    // Japanese as kana (the やさしい日本語 texts, numbers read out), which the route accepts
    expect(clips[0]).toEqual({ lang: 'ja', text: expect.stringContaining('ひつような ひとは えらんで ください') as string, status: 200 });
    expect(clips.every((c) => isSpeakable(c.text))).toBe(true);

    await chooseLanguage(page, 'zh');
    await expect.poll(() => clips.some((c) => c.lang === 'en'), WAIT).toBe(true);
    expect(clips.find((c) => c.lang === 'en')).toEqual({ lang: 'en', text: 'If you need it', status: 200 });
  });

  it('the arrow keys move the focus between the buttons, round the ends; with audio guidance on, each is named', async () => {
    const r = await start();
    const page = await openKiosk(r, { voices: JA_EN });
    await queueButton(page, 'certificates').and(page.locator(':enabled')).waitFor(WAIT);
    await page.keyboard.press('ArrowDown');
    expect(await focused(page)).toBe(CITIZEN.t('ja', 'kiosk.audio'));
    await page.keyboard.press('ArrowRight');
    expect(await focused(page)).toBe(CITIZEN.t('ja', 'kiosk.largeText'));
    await page.keyboard.press('ArrowDown');
    expect(await focused(page)).toBe(LANGUAGE_NAMES.ja);
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowLeft');
    expect(await focused(page)).toBe(CITIZEN.t('ja', 'kiosk.audio'));
    // round from the first to the last: the last window
    await page.keyboard.press('ArrowUp');
    expect(await page.evaluate('document.activeElement?.dataset.queue')).toBe('insurance');
    // a disabled window is passed over
    r.m.engine.setIssuing(SITE, { mode: 'paused', queue: 'filings', reason: '点検' }, MANAGER);
    await expect.poll(() => queueButton(page, 'filings').isDisabled(), WAIT).toBe(true);
    await page.keyboard.press('ArrowUp');
    expect(await page.evaluate('document.activeElement?.dataset.queue')).toBe('certificates');

    // audio guidance on: the key press on a button names it
    await page.getByTestId('audio-guidance').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => spokenTexts(page), WAIT).toContain(CITIZEN.t('ja', 'kiosk.audio.keys'));
    await page.keyboard.press('ArrowRight');
    await expect.poll(async () => (await spokenTexts(page)).at(-1), WAIT).toBe(CITIZEN.t('ja', 'kiosk.largeText'));
    // Enter presses the focused button
    await page.keyboard.press('Enter');
    expect(await page.getByTestId('large-text').getAttribute('aria-pressed')).toBe('true');
  });
});
