import { describe, expect, it } from 'vitest';
import { DEFAULT_OPTIONS, takeOptions } from './options';

/** The parts of the page's location, history and storage that takeOptions uses. */
function page(href: string, stored: Record<string, string> = {}) {
  const items = new Map(Object.entries(stored));
  const storage = { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v) } as Storage;
  let address = href;
  const history = { state: null, replaceState: (_s: unknown, _t: string, url: string) => void (address = url) } as unknown as History;
  return { loc: { href } as Location, history, storage, items, address: () => address };
}

describe('display options', () => {
  it('are English, short English in a backlog and 20 s behind at most, unless set', () => {
    const p = page('http://x/display/');
    expect(takeOptions(p.loc, p.history, p.storage)).toEqual({ second: 'en', backlogEnglish: 'short', maxDelaySeconds: 20 });
    expect(p.items.size).toBe(0);
  });

  it('are taken from the address, kept, and the address cleaned of them', () => {
    const p = page('http://x/display/?second=vi&backlogEnglish=off&maxDelay=15&other=1');
    expect(takeOptions(p.loc, p.history, p.storage)).toEqual({ second: 'vi', backlogEnglish: 'off', maxDelaySeconds: 15 });
    expect(p.address()).toBe('/display/?other=1');
    const again = page('http://x/display/', Object.fromEntries(p.items));
    expect(takeOptions(again.loc, again.history, again.storage)).toEqual({ second: 'vi', backlogEnglish: 'off', maxDelaySeconds: 15 });
  });

  it('ignore a value the page does not know (Japanese as second line, a limit out of 10–120 s), keeping the rest', () => {
    const p = page('http://x/display/?second=ja&backlogEnglish=loud&maxDelay=3', { 'madoguchi.display.options': JSON.stringify({ second: 'ko', maxDelaySeconds: 30 }) });
    expect(takeOptions(p.loc, p.history, p.storage)).toEqual({ ...DEFAULT_OPTIONS, second: 'ko', maxDelaySeconds: 30 });
    const damaged = page('http://x/display/', { 'madoguchi.display.options': '{' });
    expect(takeOptions(damaged.loc, damaged.history, damaged.storage)).toEqual(DEFAULT_OPTIONS);
  });
});
