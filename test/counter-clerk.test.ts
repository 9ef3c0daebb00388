/**
 * Clerks act only as themselves (issue #13, item 9): the clerk's name on a counter comes from the
 * session, and a clerk pauses, resumes or closes only the counter they are signed in to.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectError, PASSWORD, request, SITE, startServer, type TestServer } from './support/server.js';

let s: TestServer;
let sato: string;

beforeEach(async () => {
  s = await startServer();
  await s.m.auth.createUser('sato', PASSWORD, 'clerk');
  sato = (await s.m.auth.login('sato', PASSWORD, 'bearer')).token;
});

afterEach(async () => {
  await s?.close();
});

const put = (token: string, counter: string, body: unknown) => request(s.app, 'PUT', `/api/v1/sites/${SITE}/counters/${counter}`, { token, body });
const counterOf = (id: string) => s.m.engine.counters(SITE).find((c) => c.id === id);

describe('a clerk at a counter', () => {
  it('signs in under their own name: a clerk name in the body other than theirs is refused, and nothing changes', async () => {
    expectError(await put(s.clerk.bearer, '1', { state: 'open', clerk: 'yamada' }), 403, 'FORBIDDEN', 'clerk');
    expect(counterOf('1')).toMatchObject({ state: 'closed', clerk: null });
    const opened = await put(s.clerk.bearer, '1', { state: 'open' });
    expect(opened.statusCode, opened.body).toBe(200);
    expect(opened.json()).toMatchObject({ counter: { state: 'open', clerk: 'tanaka' } });
    // the old page's own name in the body still works
    expect((await put(sato, '3', { state: 'open', clerk: 'sato' })).json()).toMatchObject({ counter: { clerk: 'sato' } });
  });

  it('cannot pause, resume, close or take over a counter another clerk is signed in to; a manager can', async () => {
    expect((await put(sato, '1', { state: 'open' })).statusCode).toBe(200);
    for (const state of ['paused', 'closed', 'open']) {
      expectError(await put(s.clerk.bearer, '1', { state, reason: '休憩' }), 403, 'FORBIDDEN', 'counter');
    }
    expect(counterOf('1')).toMatchObject({ state: 'open', clerk: 'sato' });
    // sato pauses and resumes it; the manager closes it, then it is free to sign in to
    expect((await put(sato, '1', { state: 'paused', reason: 'break' })).json()).toMatchObject({ counter: { state: 'paused', clerk: 'sato' } });
    expect((await put(sato, '1', { state: 'open' })).json()).toMatchObject({ counter: { state: 'open', clerk: 'sato' } });
    expect((await put(s.manager.bearer, '1', { state: 'closed' })).json()).toMatchObject({ counter: { state: 'closed', clerk: null } });
    expect((await put(s.clerk.bearer, '1', { state: 'open' })).json()).toMatchObject({ counter: { state: 'open', clerk: 'tanaka' } });
  });

  it('a counter a manager opened without a clerk is free: the clerk who pauses it signs in to it', async () => {
    expect((await put(s.manager.bearer, '1', { state: 'open' })).json()).toMatchObject({ counter: { clerk: null } });
    expect((await put(s.clerk.bearer, '1', { state: 'paused', reason: 'phone' })).json()).toMatchObject({ counter: { state: 'paused', clerk: 'tanaka' } });
    expectError(await put(sato, '1', { state: 'open' }), 403, 'FORBIDDEN');
  });

  it('only a manager signs a clerk out (clerk: null), and nobody signs someone else in', async () => {
    expect((await put(sato, '1', { state: 'open' })).statusCode).toBe(200);
    expectError(await put(s.clerk.bearer, '1', { state: 'open', clerk: null }), 403, 'FORBIDDEN', 'clerk');
    expectError(await put(s.manager.bearer, '1', { state: 'open', clerk: 'tanaka' }), 403, 'FORBIDDEN', 'clerk');
    expect((await put(s.manager.bearer, '1', { state: 'open', clerk: null })).json()).toMatchObject({ counter: { state: 'open', clerk: null } });
  });
});
