/**
 * E-mail end to end (issue 16, "Done means"): the real server builds its nodemailer sender from
 * SMTP_URL and MAIL_FROM, an address is signed up through the HTTP API as the phone page does,
 * and what arrives is what the local SMTP relay received (subject decoded from its RFC 2047
 * encoded words, the base64 text decoded). A relay that drops or holds the connection is a TCP
 * relay in front of it, switched by the test.
 */
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { closeFakes, MAIL_FROM, Rig, RETRY_DELAYS_MS, startFakes, TIMEOUT_MS, type Fakes } from './support/turn-alert-rig.js';
import { expectError } from './support/server.js';
import { until } from './support/until.js';

let fakes: Fakes;
let rig: Rig | undefined;
beforeAll(async () => {
  fakes = await startFakes();
});
afterAll(async () => closeFakes(fakes));
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

const mailsTo = (address: string) => fakes.smtp.received.filter((m) => m.to.includes(address));
const URL_OF = (token: string) => `http://localhost:3000/t/${token}`;

/** A TCP relay in front of the fake SMTP server: passes connections on, drops them at once, or holds them silent. */
class Relay {
  mode: 'pass' | 'drop' | 'hang' = 'pass';
  readonly held: Socket[] = [];
  /** connections it dropped */
  dropped = 0;
  private constructor(private readonly server: Server) {}

  static async start(target: number): Promise<Relay> {
    const server = createServer();
    const relay = new Relay(server);
    server.on('connection', (socket) => {
      if (relay.mode === 'drop') {
        relay.dropped += 1;
        return void socket.destroy();
      }
      if (relay.mode === 'hang') return void relay.held.push(socket);
      const upstream = createConnection(target, '127.0.0.1');
      socket.pipe(upstream).pipe(socket);
      const end = () => {
        socket.destroy();
        upstream.destroy();
      };
      socket.on('error', end).on('close', end);
      upstream.on('error', end).on('close', end);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return relay;
  }

  get url(): string {
    return `smtp://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    for (const s of this.held) s.destroy();
    this.server.close();
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

describe('e-mail through the real server', () => {
  let r: Rig;
  beforeEach(async () => {
    r = rig = await Rig.start(fakes);
  });

  it('near arrives once with its Japanese subject intact when calls at other counters cross the threshold; called names the counter', async () => {
    const ahead = [];
    for (let i = 0; i < 4; i++) ahead.push(await r.issue());
    const mine = await r.issue(); // no language: Japanese
    const address = 'hanako.yamada@example.jp';
    await r.alert(mine.token, { channel: 'email', address, ahead: 2, minutes: 0 });
    await r.open('1');
    await r.open('2');
    expect(await r.act('1', 'call-next')).toBe(ahead[0]?.id);
    await r.settled();
    expect(mailsTo(address)).toEqual([]);
    expect(await r.act('2', 'call-next')).toBe(ahead[1]?.id);
    await until(() => mailsTo(address).length === 1, 'the near mail');
    const [near] = mailsTo(address);
    expect(near?.from).toBe(MAIL_FROM);
    expect(near?.subject).toBe(`${mine.label}番 まもなく順番です`);
    expect(near?.text).toMatch(new RegExp(`^あと2人、約\\d+分です。窓口の近くにお戻りください。\\n\\n${URL_OF(mine.token)}\\n$`));
    for (const counter of ['1', '2']) {
      await r.act(counter, 'complete');
      await r.act(counter, 'call-next');
    }
    await r.settled();
    expect(mailsTo(address)).toHaveLength(1);
    await r.act('2', 'complete');
    expect(await r.act('2', 'call-next')).toBe(mine.id);
    await until(() => mailsTo(address).length === 2, 'the called mail');
    expect(mailsTo(address)[1]).toMatchObject({ subject: `${mine.label}番をお呼びしています`, text: `2番窓口へお越しください。\n\n${URL_OF(mine.token)}\n` });
  });

  it('a cancelled ticket’s alerts stop: the ended mail, then nothing while the queue moves', async () => {
    const first = await r.issue();
    const mine = await r.issue('pt');
    const address = 'joao@example.com.br';
    const a = await r.alert(mine.token, { channel: 'email', address, ahead: 0, minutes: 0 });
    await r.cancel(mine.id);
    await until(() => mailsTo(address).length === 1, 'the ended mail');
    expect(mailsTo(address)[0]).toMatchObject({ subject: `Nº ${mine.label}: fim dos avisos`, text: `Esta senha foi cancelada.\n\n${URL_OF(mine.token)}\n` });
    await r.open('1');
    expect(await r.act('1', 'call-next')).toBe(first.id);
    await r.act('1', 'complete');
    await r.settled();
    expect(mailsTo(address)).toHaveLength(1);
    expect(r.row(a.id)).toMatchObject({ contact: null, ended_at: expect.any(String) });
  });

  it('the address is gone when the ticket ends and at the day’s rollover (tables and backup)', async () => {
    const served = await r.issue();
    const waiting = await r.issue('en');
    const a = await r.alert(served.token, { channel: 'email', address: 'served.citizen@example.jp' });
    const b = await r.alert(waiting.token, { channel: 'email', address: 'waiting.citizen@example.jp' });
    await r.settled();
    await r.open('1');
    await r.act('1', 'call-next');
    await r.act('1', 'no-show');
    await r.settled();
    expect(mailsTo('served.citizen@example.jp').map((m) => m.subject)).toEqual([
      `${served.label}番 まもなく順番です`,
      `${served.label}番をお呼びしています`,
      `${served.label}番のお知らせを終わります`,
    ]);
    expect(r.row(a.id)).toMatchObject({ contact: null, ended_at: expect.any(String) });
    expect(r.tablesText()).not.toContain('served.citizen');
    expect(r.tablesText()).toContain('waiting.citizen');
    const backup = await r.backupText();
    expect(backup).not.toContain('served.citizen');
    expect(backup).not.toContain('waiting.citizen');

    await r.nextDay();
    await until(() => mailsTo('waiting.citizen@example.jp').length === 2, 'the end-of-day mail');
    expect(mailsTo('waiting.citizen@example.jp')[1]?.text).toBe(`Today’s service has ended.\n\n${URL_OF(waiting.token)}\n`);
    await until(() => r.row(b.id)?.contact === null, 'the housekeeping to delete the contact');
    expect(r.deliveries(b.id)).toEqual([]);
    expect(r.tablesText()).not.toContain('citizen@');
    // nor in the files on disk: the day's end empties the write-ahead log, which kept old pages
    expect(r.filesText()).not.toContain('citizen@');
  });

  it('a relay answering 451 is retried after 5 s, 30 s and 2 min, then dropped; issue and calls answer meanwhile', async () => {
    const ahead = [];
    for (let i = 0; i < 3; i++) ahead.push(await r.issue());
    const mine = await r.issue();
    const address = 'greylisted@example.jp';
    fakes.smtp.refuse(address, 451);
    const a = await r.alert(mine.token, { channel: 'email', address });
    await r.settled();
    expect(r.deliveries(a.id)).toEqual([{ kind: 'near', state: 'pending', attempts: 1, last_reason: 'the relay answered 451 to RCPT TO' }]);
    await r.open('1');
    for (const [i, wait] of RETRY_DELAYS_MS.entries()) {
      await r.advance(wait - 1);
      expect(r.deliveries(a.id)[0]?.attempts).toBe(i + 1);
      await r.issue();
      expect(await r.act('1', 'call-next')).toBe(ahead[i]?.id);
      await r.act('1', 'complete');
      await r.advance(1);
      expect(r.deliveries(a.id)[0]?.attempts).toBe(i + 2);
    }
    expect(r.deliveries(a.id)).toEqual([{ kind: 'near', state: 'failed', attempts: 4, last_reason: 'the relay answered 451 to RCPT TO' }]);
    fakes.smtp.refuse(address, null);
    await r.advance(3_600_000);
    expect(mailsTo(address)).toEqual([]);
  });

  it('a mailbox the relay says does not exist (550) is deleted at once, and nothing more is sent', async () => {
    const mine = await r.issue();
    const address = 'no.such.user@example.jp';
    fakes.smtp.refuse(address, 550);
    const a = await r.alert(mine.token, { channel: 'email', address });
    await r.settled();
    expect(r.row(a.id)).toMatchObject({ contact: null, ended_at: expect.any(String) });
    expect(r.deliveries(a.id)).toEqual([{ kind: 'near', state: 'dropped', attempts: 1, last_reason: 'gone: the relay answered 550 to RCPT TO: no such mailbox' }]);
    expect(r.tablesText()).not.toContain('no.such.user');
    fakes.smtp.refuse(address, null);
    await r.open('1');
    await r.act('1', 'call-next');
    await r.advance(3_600_000);
    expect(mailsTo(address)).toEqual([]);
  });

  it('an address that is not one mailbox is refused and nothing is sent', async () => {
    const mine = await r.issue();
    for (const address of ['a@example.jp, mallory@example.com', 'a@example.jp\r\nBcc: mallory@example.com', 'not-an-address']) {
      expectError(await r.signUp(mine.token, { channel: 'email', address }), 400, 'VALIDATION');
    }
    await r.settled();
    expect(fakes.smtp.received.filter((m) => m.to.includes('mallory@example.com') || m.to.includes('a@example.jp'))).toEqual([]);
  });
});

describe('e-mail through a relay that drops or holds the connection', () => {
  let relay: Relay;
  let r: Rig;
  beforeEach(async () => {
    relay = await Relay.start(fakes.smtp.port);
    r = rig = await Rig.start(fakes, { smtpUrl: relay.url });
  });
  afterEach(async () => {
    await rig?.close();
    rig = undefined;
    await relay.close();
  });

  it('a dropped connection is retried, and the mail arrives once the relay takes it', async () => {
    const mine = await r.issue();
    const address = 'dropped@example.jp';
    relay.mode = 'drop';
    const a = await r.alert(mine.token, { channel: 'email', address });
    await until(() => r.deliveries(a.id)[0]?.last_reason !== null, 'the failed attempt');
    expect(relay.dropped).toBeGreaterThan(0);
    expect(r.deliveries(a.id)).toEqual([{ kind: 'near', state: 'pending', attempts: 1, last_reason: expect.stringMatching(/^the relay could not be reached/) }]);
    relay.mode = 'pass';
    await r.advance(RETRY_DELAYS_MS[0]);
    await until(() => mailsTo(address).length === 1, 'the retried mail');
    expect(r.deliveries(a.id)).toEqual([{ kind: 'near', state: 'sent', attempts: 2, last_reason: null }]);
  });

  it('while the relay holds the connection silent, issues and calls answer before it does; the send times out', async () => {
    await r.open('1');
    const ahead = [];
    for (let i = 0; i < 4; i++) ahead.push(await r.issue());
    const mine = await r.issue();
    relay.mode = 'hang';
    const a = await r.alert(mine.token, { channel: 'email', address: 'held@example.jp' });
    await until(() => relay.held.length > 0, 'the connection to the silent relay');
    for (let i = 0; i < 5; i++) await r.issue();
    for (const t of ahead) {
      expect(await r.act('1', 'call-next')).toBe(t.id);
      await r.act('1', 'complete');
    }
    expect(r.deliveries(a.id)).toEqual([{ kind: 'near', state: 'pending', attempts: 1, last_reason: null }]);
    expect(mailsTo('held@example.jp')).toEqual([]);
    expect(r.timers.fire(TIMEOUT_MS)).toBe(1);
    await until(() => r.deliveries(a.id)[0]?.last_reason === 'timeout', 'the timeout to be recorded');
    expect(r.deliveries(a.id)[0]).toMatchObject({ state: 'pending', attempts: 1 });
  });
});
