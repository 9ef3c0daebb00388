/**
 * LINE end to end (issue 16, "Done means"): the real server builds its LINE sender and webhook
 * from LINE_CHANNEL_SECRET, LINE_CHANNEL_ACCESS_TOKEN, LINE_API_BASE (the local Messaging API)
 * and LINE_ADD_URL; the phone page's sign-up answers a code, the citizen sends it to the
 * official account (a webhook call signed as LINE signs it), and from then on what arrives is
 * what the local Messaging API recorded as pushed to that LINE user.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { closeFakes, LINE_ADD_URL, Rig, RETRY_DELAYS_MS, startFakes, TIMEOUT_MS, type Fakes } from './support/turn-alert-rig.js';
import { until } from './support/until.js';

let fakes: Fakes;
let rig: Rig;
beforeAll(async () => {
  fakes = await startFakes();
});
afterAll(async () => closeFakes(fakes));
beforeEach(async () => {
  rig = await Rig.start(fakes);
});
afterEach(async () => rig.close());

const newUser = () => `U${randomBytes(16).toString('hex')}`;
const textsTo = (userId: string) => fakes.line.pushes.filter((p) => p.to === userId).map((p) => p.messages.map((m) => m.text).join('\n'));
const URL_OF = (token: string) => `http://localhost:3000/t/${token}`;

/** The phone page's sign-up, then the citizen sending the code to the official account: answers the alert's id. */
async function bindLine(token: string, userId: string, thresholds: object = {}): Promise<number> {
  const a = await rig.alert(token, { channel: 'line', ...thresholds });
  expect(a.url).toBe(`${LINE_ADD_URL}${a.code ?? ''}`);
  const replies = fakes.line.replies.length;
  const res = await rig.lineSays(userId, a.code ?? '');
  expect(res.statusCode, res.body).toBe(200);
  await until(() => fakes.line.replies.length === replies + 1, 'the reply in the chat');
  // (a contact the first send finds gone may be deleted already)
  expect(rig.row(a.id)).toMatchObject({ bound: 1, line_code: null });
  return a.id;
}

describe('LINE through the real server', () => {
  it('binds by the code sent in the chat; near arrives once when calls at other counters cross the threshold; called names the counter', async () => {
    const ahead = [];
    for (let i = 0; i < 4; i++) ahead.push(await rig.issue());
    const mine = await rig.issue('zh');
    const user = newUser();
    const id = await bindLine(mine.token, user, { ahead: 2, minutes: 0 });
    expect(rig.row(id)?.contact).toBe(JSON.stringify({ channel: 'line', userId: user }));
    expect(fakes.line.replies.at(-1)?.messages).toEqual([{ type: 'text', text: `${mine.label}号的通知将发送到此LINE。要停止，请发送“停止”。` }]);
    await rig.open('1');
    await rig.open('2');
    expect(await rig.act('1', 'call-next')).toBe(ahead[0]?.id);
    await rig.settled();
    expect(textsTo(user)).toEqual([]);
    expect(await rig.act('2', 'call-next')).toBe(ahead[1]?.id);
    await until(() => textsTo(user).length === 1, 'the near push');
    expect(textsTo(user)[0]).toMatch(new RegExp(`^${mine.label}号 快轮到您了\\n前面还有2人，约\\d+分钟。请回到窗口附近。\\n${URL_OF(mine.token)}$`));
    for (const counter of ['1', '2']) {
      await rig.act(counter, 'complete');
      await rig.act(counter, 'call-next');
    }
    await rig.settled();
    expect(textsTo(user)).toHaveLength(1);
    await rig.act('1', 'complete');
    expect(await rig.act('1', 'call-next')).toBe(mine.id);
    await until(() => textsTo(user).length === 2, 'the called push');
    // no name for the counter in Chinese: the English one
    expect(textsTo(user)[1]).toBe(`正在叫${mine.label}号\n请到Counter 1。\n${URL_OF(mine.token)}`);
    expect(fakes.line.unauthorized).toBe(0);
  });

  it('a cancelled ticket’s alerts stop: the ended text, then nothing while the queue moves', async () => {
    const first = await rig.issue();
    const mine = await rig.issue('vi');
    const user = newUser();
    const id = await bindLine(mine.token, user, { ahead: 0, minutes: 0 });
    await rig.cancel(mine.id);
    await until(() => textsTo(user).length === 1, 'the ended push');
    expect(textsTo(user)[0]).toBe(`Số ${mine.label}: kết thúc thông báo\nSố này đã bị hủy.\n${URL_OF(mine.token)}`);
    await rig.open('1');
    expect(await rig.act('1', 'call-next')).toBe(first.id);
    await rig.act('1', 'complete');
    await rig.settled();
    expect(textsTo(user)).toHaveLength(1);
    expect(rig.row(id)).toMatchObject({ contact: null, ended_at: expect.any(String) });
  });

  it('「停止」 in the chat stops them', async () => {
    const mine = await rig.issue();
    const user = newUser();
    const id = await bindLine(mine.token, user, { ahead: 0, minutes: 0 });
    await until(() => textsTo(user).length === 1, 'the near push (nobody is ahead)');
    expect((await rig.lineSays(user, '停止')).statusCode).toBe(200);
    await until(() => fakes.line.replies.at(-1)?.messages[0]?.text === 'お知らせを止めました。', 'the reply');
    expect(rig.row(id)).toMatchObject({ contact: null, ended_at: expect.any(String) });
    await rig.open('1');
    expect(await rig.act('1', 'call-next')).toBe(mine.id);
    await rig.settled();
    expect(textsTo(user)).toHaveLength(1);
  });

  it('a ticket already near when its code is sent is told at once', async () => {
    const mine = await rig.issue('en');
    const a = await rig.alert(mine.token, { channel: 'line' }); // nobody ahead: near, but nobody to tell yet
    expect(rig.row(a.id)?.near_sent).toBe(0);
    const user = newUser();
    expect((await rig.lineSays(user, a.code ?? '')).statusCode).toBe(200);
    await until(() => textsTo(user).length === 1, 'the near push after binding');
    expect(textsTo(user)[0]).toBe(`No. ${mine.label}: your turn is near\n0 ahead of you. Please come back near the counters.\n${URL_OF(mine.token)}`);
    expect(rig.row(a.id)?.near_sent).toBe(1);
  });

  it('the LINE user is gone when the ticket ends and at the day’s rollover (tables and backup)', async () => {
    const served = await rig.issue();
    const waiting = await rig.issue('en');
    const servedUser = newUser();
    const waitingUser = newUser();
    const a = await bindLine(served.token, servedUser);
    const b = await bindLine(waiting.token, waitingUser);
    await rig.settled();
    await rig.open('1');
    await rig.act('1', 'call-next');
    await rig.act('1', 'start');
    await rig.act('1', 'complete');
    await rig.settled();
    expect(textsTo(servedUser)).toHaveLength(2); // near, called
    expect(rig.row(a)).toMatchObject({ contact: null, line_code: null, ended_at: expect.any(String) });
    expect(rig.tablesText()).not.toContain(servedUser);
    expect(rig.tablesText()).toContain(waitingUser);
    const backup = await rig.backupText();
    expect(backup).not.toContain(servedUser);
    expect(backup).not.toContain(waitingUser);

    await rig.nextDay();
    await until(() => textsTo(waitingUser).length === 2, 'the end-of-day push');
    expect(textsTo(waitingUser)[1]).toBe(`No. ${waiting.label}: alerts end\nToday’s service has ended.\n${URL_OF(waiting.token)}`);
    await until(() => rig.row(b)?.contact === null, 'the housekeeping to delete the contact');
    expect(rig.deliveries(b)).toEqual([]);
    expect(rig.tablesText()).not.toContain(waitingUser);
    // nor in the files on disk: the day's end empties the write-ahead log, which kept old pages
    expect(rig.filesText()).not.toContain(waitingUser);
    expect(rig.filesText()).not.toContain(servedUser);
  });

  it('a code not yet sent is gone with its ticket: sending it later binds nothing', async () => {
    const mine = await rig.issue();
    const a = await rig.alert(mine.token, { channel: 'line' });
    await rig.cancel(mine.id);
    await rig.settled();
    expect(rig.row(a.id)).toMatchObject({ line_code: null, contact: null, ended_at: expect.any(String) });
    const user = newUser();
    expect((await rig.lineSays(user, a.code ?? '')).statusCode).toBe(200);
    expect(rig.tablesText()).not.toContain(user);
  });

  it('LINE answering 500 is retried after 5 s, 30 s and 2 min, then dropped; issue and calls answer meanwhile', async () => {
    const ahead = [];
    for (let i = 0; i < 3; i++) ahead.push(await rig.issue());
    const mine = await rig.issue();
    const user = newUser();
    fakes.line.fail(user, 'server-error');
    const id = await bindLine(mine.token, user);
    await rig.settled();
    expect(rig.deliveries(id)).toEqual([{ kind: 'near', state: 'pending', attempts: 1, last_reason: expect.stringContaining('500') }]);
    await rig.open('1');
    for (const [i, wait] of RETRY_DELAYS_MS.entries()) {
      await rig.advance(wait - 1);
      expect(rig.deliveries(id)[0]?.attempts).toBe(i + 1);
      await rig.issue();
      expect(await rig.act('1', 'call-next')).toBe(ahead[i]?.id);
      await rig.act('1', 'complete');
      await rig.advance(1);
      expect(rig.deliveries(id)[0]?.attempts).toBe(i + 2);
    }
    expect(rig.deliveries(id)).toEqual([{ kind: 'near', state: 'failed', attempts: 4, last_reason: expect.stringContaining('500') }]);
    expect(JSON.stringify(rig.deliveries(id))).not.toContain(user);
    fakes.line.fail(user, null);
    await rig.advance(3_600_000);
    expect(textsTo(user)).toEqual([]);
  });

  it('a LINE user who no longer follows the account is deleted at once, and nothing more is sent', async () => {
    const mine = await rig.issue();
    const user = newUser();
    fakes.line.fail(user, 'unfollowed');
    const id = await bindLine(mine.token, user);
    await rig.settled();
    expect(rig.row(id)).toMatchObject({ contact: null, ended_at: expect.any(String) });
    expect(rig.deliveries(id)).toEqual([{ kind: 'near', state: 'dropped', attempts: 1, last_reason: expect.stringMatching(/^gone: /) }]);
    expect(rig.tablesText()).not.toContain(user);
    fakes.line.fail(user, null);
    await rig.open('1');
    await rig.act('1', 'call-next');
    await rig.advance(3_600_000);
    expect(textsTo(user)).toEqual([]);
  });

  it('a webhook call not signed with the channel secret binds nothing', async () => {
    const mine = await rig.issue();
    const a = await rig.alert(mine.token, { channel: 'line', ahead: 0, minutes: 0 });
    const mallory = newUser();
    const res = await rig.lineSays(mallory, a.code ?? '', 'not-the-channel-secret');
    expect(res.statusCode).toBe(401);
    expect(rig.row(a.id)).toMatchObject({ contact: null, line_code: a.code });
    await rig.open('1');
    await rig.act('1', 'call-next');
    await rig.settled();
    expect(textsTo(mallory)).toEqual([]);
  });

  it('while LINE holds the push unanswered, issues and calls answer before it does; the send times out', async () => {
    // a LINE_API_BASE that accepts connections and never answers
    const held: Socket[] = [];
    const silent = createServer((socket) => void held.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    await rig.close();
    rig = await Rig.start(fakes, { lineApiBase: base });
    try {
      await rig.open('1');
      const ahead = [];
      for (let i = 0; i < 4; i++) ahead.push(await rig.issue());
      const mine = await rig.issue();
      const a = await rig.alert(mine.token, { channel: 'line' });
      expect((await rig.lineSays(newUser(), a.code ?? '')).statusCode).toBe(200);
      expect(rig.row(a.id)?.bound).toBe(1);
      // the chat's reply and the near push both wait on the silent LINE
      await until(() => held.length === 2, 'the near push to reach the silent LINE');
      for (let i = 0; i < 5; i++) await rig.issue();
      for (const t of ahead) {
        expect(await rig.act('1', 'call-next')).toBe(t.id);
        await rig.act('1', 'complete');
      }
      expect(rig.deliveries(a.id)).toEqual([{ kind: 'near', state: 'pending', attempts: 1, last_reason: null }]);
      expect(rig.timers.fire(TIMEOUT_MS)).toBe(1);
      await until(() => rig.deliveries(a.id)[0]?.last_reason === 'timeout', 'the timeout to be recorded');
      expect(rig.deliveries(a.id)[0]).toMatchObject({ state: 'pending', attempts: 1 });
    } finally {
      for (const socket of held) socket.destroy();
      silent.close();
    }
  });
});
