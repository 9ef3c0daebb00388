/**
 * A local SMTP relay for tests (smtp-server on 127.0.0.1, a free port): it receives what the
 * e-mail sender sends, decodes the headers and text it needs (RFC 2047 subjects, base64 or
 * quoted-printable UTF-8 text) and records each message. It can require a user and password
 * (as SMTP_URL would carry them) and refuse chosen recipients with a code (550 no such user,
 * 451 try later).
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  from: string;
  to: string[];
  subject: string;
  text: string;
  /** the raw header block, unfolded */
  headers: string;
}

export class FakeSmtp {
  private constructor(
    private readonly server: SMTPServer,
    readonly port: number,
    private readonly credentials: { user: string; pass: string } | null,
    readonly received: ReceivedMail[],
    private readonly refusals: Map<string, number>,
  ) {}

  static async start(credentials: { user: string; pass: string } | null = null): Promise<FakeSmtp> {
    const received: ReceivedMail[] = [];
    const refusals = new Map<string, number>();
    const server = new SMTPServer({
      logger: false,
      disabledCommands: credentials ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
      authOptional: !credentials,
      allowInsecureAuth: true,
      onAuth(auth, _session, callback) {
        if (credentials && auth.username === credentials.user && auth.password === credentials.pass) return callback(null, { user: auth.username });
        return callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
      },
      onRcptTo(address, _session, callback) {
        const code = refusals.get(address.address.toLowerCase());
        if (code === undefined) return callback();
        return callback(Object.assign(new Error(code >= 500 ? 'No such user here' : 'Try again later'), { responseCode: code }));
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          received.push(parseMail(Buffer.concat(chunks).toString('utf8'), session.envelope));
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.server.address() as AddressInfo;
    return new FakeSmtp(server, port, credentials, received, refusals);
  }

  /** SMTP_URL for this relay (with the credentials when it wants them). */
  get url(): string {
    const auth = this.credentials ? `${encodeURIComponent(this.credentials.user)}:${encodeURIComponent(this.credentials.pass)}@` : '';
    return `smtp://${auth}127.0.0.1:${this.port}`;
  }

  /** Makes RCPT TO for `address` answer `code` (550, 451…); null accepts it again. */
  refuse(address: string, code: number | null): void {
    if (code === null) this.refusals.delete(address.toLowerCase());
    else this.refusals.set(address.toLowerCase(), code);
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** The envelope, the decoded subject and text, and the unfolded header block of one received mail. */
function parseMail(raw: string, envelope: { mailFrom: false | { address: string }; rcptTo: Array<{ address: string }> }): ReceivedMail {
  const split = raw.indexOf('\r\n\r\n');
  const headers = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const body = raw.slice(split + 4);
  const header = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(headers)?.[1] ?? '';
  const encoding = header('Content-Transfer-Encoding').toLowerCase();
  const text = encoding === 'base64' ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8') : encoding === 'quoted-printable' ? decodeQuotedPrintable(body) : body;
  return {
    from: envelope.mailFrom ? envelope.mailFrom.address : '',
    to: envelope.rcptTo.map((r) => r.address),
    subject: decodeEncodedWords(header('Subject')),
    text: text.replace(/\r\n/g, '\n'),
    headers,
  };
}

/** RFC 2047: `=?UTF-8?B?…?=` and `=?UTF-8?Q?…?=` words, the space between two of them dropped. */
export function decodeEncodedWords(value: string): string {
  return value
    .replace(/(\?=)\s+(=\?)/g, '$1$2')
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_all, charset: string, kind: string, data: string) => {
      if (!/^utf-8$/i.test(charset)) throw new Error(`an encoded word in ${charset}, not UTF-8`);
      if (kind.toUpperCase() === 'B') return Buffer.from(data, 'base64').toString('utf8');
      return decodeQuotedPrintable(data.replace(/_/g, ' '));
    });
}

function decodeQuotedPrintable(s: string): string {
  const bytes: number[] = [];
  const soft = s.replace(/=\r?\n/g, '');
  for (let i = 0; i < soft.length; i += 1) {
    if (soft[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(soft.slice(i + 1, i + 3))) {
      bytes.push(parseInt(soft.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(soft[i] ?? '', 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}
