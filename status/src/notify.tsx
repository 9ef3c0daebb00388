import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { addAlert, ApiError, fetchAlerts, stopAlert, type TicketAlerts, type TurnAlertChannel } from './api';
import { tr, type Language } from './i18n';
import { LineCodes } from './line-codes';
import { pushSupported, subscribePush } from './push';

/**
 * 知らせる / Notify me (docs/product.md §8 "Turn-near alerts"): the channels the installation
 * offers, when to be told (a few presets around the defaults), what is kept and when it is
 * deleted, the alerts already set — by channel, never the contact — and a way to stop each.
 */

interface Threshold {
  ahead: number;
  minutes: number;
}

/** the choices: a closer and a farther one around the installation's defaults */
function presets(defaults: Threshold): Threshold[] {
  const all = [{ ahead: 3, minutes: 5 }, defaults, { ahead: 10, minutes: 20 }];
  const unique = all.filter((p, i) => all.findIndex((q) => q.ahead === p.ahead && q.minutes === p.minutes) === i);
  return unique.sort((a, b) => a.ahead - b.ahead);
}

const CHANNEL_KEY = { webpush: 'notify.channel.webpush', email: 'notify.channel.email', line: 'notify.channel.line' } as const;

/** A refusal in the citizen's words: never the API's code. */
function refusalText(lang: Language, e: unknown, channel?: TurnAlertChannel): string {
  if (!(e instanceof ApiError)) return tr(lang, 'notify.error.failed');
  switch (e.status) {
    case 0:
      return tr(lang, 'error.network');
    case 400:
      if (e.code === 'PUSH_ENDPOINT_NOT_ALLOWED') return tr(lang, 'notify.error.push');
      return channel === 'email' && e.field === 'address' ? tr(lang, 'notify.error.address') : tr(lang, 'notify.error.failed');
    case 404:
      return tr(lang, 'notify.error.missing');
    case 409:
      return tr(lang, 'notify.error.notWaiting');
    case 429:
      return e.reason === 'alerts_per_ticket' ? tr(lang, 'notify.error.tooMany') : tr(lang, 'notify.error.rate');
    default:
      return tr(lang, 'notify.error.failed');
  }
}

type Notice = { kind: 'done'; text: string } | { kind: 'refused'; text: string; field?: 'address' };

interface Props {
  token: string;
  lang: Language;
  /** whether new alerts may be set (the ticket waits); the set ones can be stopped until it ends */
  waiting: boolean;
  /** when the ticket was last fetched: a LINE alert waiting for its code is looked at again then */
  fetchedAt: string;
}

export function NotifyMe({ token, lang, waiting, fetchedAt }: Props) {
  const [info, setInfo] = useState<TicketAlerts | null>(null);
  const [open, setOpen] = useState(false);
  const [choice, setChoice] = useState<number | null>(null);
  const [busy, setBusy] = useState<TurnAlertChannel | number | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [address, setAddress] = useState('');
  const [codes, setCodes] = useState(() => new LineCodes(token));
  const ids = useId();

  const reload = useCallback(async () => {
    try {
      const next = await fetchAlerts(token);
      setInfo(next);
      setCodes((c) => c.keepOnly(next.alerts.filter((a) => a.channel === 'line' && !a.bound).map((a) => a.id)));
    } catch {
      // the ticket's own view says what went wrong; the section waits for the next answer
    }
  }, [token]);
  useEffect(() => {
    void reload();
  }, [reload]);
  // a LINE code is bound in the chat, and the near message sent by the server, outside this page:
  // while one is still to come the alerts are looked at again with each fetch of the ticket
  const pending = info?.alerts.some((a) => !a.bound || !a.nearSent) ?? false;
  useEffect(() => {
    if (pending) void reload();
  }, [fetchedAt, pending, reload]);
  // set alerts show the section open on a later visit
  const hasAlerts = (info?.alerts.length ?? 0) > 0;
  useEffect(() => {
    if (hasAlerts) setOpen(true);
  }, [hasAlerts]);

  if (!info || info.offered.length === 0) return null;
  const choices = presets(info.defaults);
  const picked = choices[choice ?? choices.findIndex((p) => p.ahead === info.defaults.ahead && p.minutes === info.defaults.minutes)] ?? info.defaults;
  const offered = info.offered.filter((c) => c !== 'webpush' || pushSupported());

  const signUp = async (channel: TurnAlertChannel, make: () => Promise<Parameters<typeof addAlert>[1] | 'denied' | 'failed'>): Promise<void> => {
    setBusy(channel);
    setNotice(null);
    try {
      const body = await make();
      if (body === 'denied') return setNotice({ kind: 'refused', text: tr(lang, 'notify.error.denied') });
      if (body === 'failed') return setNotice({ kind: 'refused', text: tr(lang, 'notify.error.push') });
      const created = await addAlert(token, body);
      if (created.code !== undefined && created.url !== undefined) setCodes((c) => c.with(created.id, { code: created.code ?? '', url: created.url ?? '' }));
      if (channel === 'email') setAddress('');
      setNotice({ kind: 'done', text: tr(lang, 'notify.added') });
      await reload();
    } catch (e) {
      const field = channel === 'email' && e instanceof ApiError && e.status === 400 && e.field === 'address' ? ('address' as const) : undefined;
      setNotice({ kind: 'refused', text: refusalText(lang, e, channel), ...(field ? { field } : {}) });
    } finally {
      setBusy(null);
    }
  };
  const stop = async (id: number): Promise<void> => {
    setBusy(id);
    setNotice(null);
    try {
      await stopAlert(token, id);
      setCodes((c) => c.without(id));
      setNotice({ kind: 'done', text: tr(lang, 'notify.stopped') });
    } catch (e) {
      // 404: stopped already (another tab, or the ticket ended)
      if (!(e instanceof ApiError && e.status === 404)) setNotice({ kind: 'refused', text: refusalText(lang, e) });
    } finally {
      setBusy(null);
      await reload();
    }
  };
  const sendEmail = (ev: FormEvent<HTMLFormElement>): void => {
    ev.preventDefault();
    const input = ev.currentTarget.elements.namedItem('address');
    // the browser's own bubble would speak the browser's language, not the page's
    if (input instanceof HTMLInputElement && !input.validity.valid) {
      setNotice({ kind: 'refused', text: tr(lang, 'notify.error.address'), field: 'address' });
      input.focus();
      return;
    }
    void signUp('email', async () => ({ channel: 'email', address: address.trim(), ...picked }));
  };
  // permission is asked inside subscribePush, in this tap's wake
  const subscribeHere = (): void =>
    void signUp('webpush', async () => {
      const subscription = await subscribePush();
      return typeof subscription === 'string' ? subscription : { channel: 'webpush', subscription, ...picked };
    });
  const addressError = notice?.kind === 'refused' && notice.field === 'address';
  const lineCodes = info.alerts.flatMap((a) => {
    const c = a.channel === 'line' && !a.bound ? codes.get(a.id) : undefined;
    return c ? [{ id: a.id, ...c }] : [];
  });

  return (
    <details className="notify" data-testid="notify" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{tr(lang, 'notify.title')}</summary>
      <p className="hint">{tr(lang, 'notify.intro')}</p>
      {lineCodes.map((c) => (
        <div key={c.id} className="line-code" data-testid="line-code">
          <p className="line-code-label">{tr(lang, 'notify.line.code')}</p>
          <p className="line-code-value" lang="en">
            {c.code}
          </p>
          <p>{tr(lang, 'notify.line.explain')}</p>
          <a className="button line-open" href={c.url} target="_blank" rel="noopener noreferrer">
            {tr(lang, 'notify.line.open')}
          </a>
        </div>
      ))}
      {info.alerts.length > 0 && (
        <section aria-labelledby={`${ids}-set`} className="notify-set">
          <h2 id={`${ids}-set`}>{tr(lang, 'notify.set')}</h2>
          <ul data-testid="notify-set">
            {info.alerts.map((a) => (
              <li key={a.id} data-channel={a.channel}>
                <span className="notify-what">
                  <strong>{tr(lang, CHANNEL_KEY[a.channel])}</strong> {tr(lang, 'notify.item', { n: a.ahead, m: a.minutes })}
                  {!a.bound && <span className="notify-state"> · {tr(lang, 'notify.item.waitingCode')}</span>}
                  {a.nearSent && <span className="notify-state"> · {tr(lang, 'notify.item.sent')}</span>}
                </span>
                <button type="button" className="notify-stop" disabled={busy !== null} onClick={() => void stop(a.id)}>
                  {tr(lang, 'notify.stop', { channel: tr(lang, CHANNEL_KEY[a.channel]) })}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
      {waiting && (
        <>
          <fieldset className="notify-when">
            <legend>{tr(lang, 'notify.when')}</legend>
            {choices.map((p, i) => (
              <label key={`${p.ahead}-${p.minutes}`}>
                <input type="radio" name={`${ids}-when`} checked={p === picked} onChange={() => setChoice(i)} />
                {tr(lang, 'notify.preset', { n: p.ahead, m: p.minutes })}
                {p.ahead === info.defaults.ahead && p.minutes === info.defaults.minutes && ` ${tr(lang, 'notify.recommended')}`}
              </label>
            ))}
          </fieldset>
          <fieldset className="notify-how" disabled={busy !== null}>
            <legend>{tr(lang, 'notify.how')}</legend>
            {offered.includes('webpush') && (
              <button type="button" data-testid="notify-webpush" onClick={subscribeHere}>
                {tr(lang, 'notify.webpush')}
              </button>
            )}
            {offered.includes('email') && (
              <form className="notify-email" noValidate onSubmit={sendEmail}>
                <label htmlFor={`${ids}-address`}>{tr(lang, 'notify.email.label')}</label>
                <input
                  id={`${ids}-address`}
                  name="address"
                  type="email"
                  autoComplete="email"
                  inputMode="email"
                  required
                  maxLength={254}
                  value={address}
                  onChange={(e) => setAddress(e.target.value)}
                  aria-invalid={addressError || undefined}
                  aria-describedby={addressError ? `${ids}-notice` : undefined}
                />
                <button type="submit" data-testid="notify-email">
                  {tr(lang, 'notify.email.send')}
                </button>
              </form>
            )}
            {offered.includes('line') && (
              <button type="button" data-testid="notify-line" onClick={() => void signUp('line', async () => ({ channel: 'line', ...picked }))}>
                {tr(lang, 'notify.line')}
              </button>
            )}
          </fieldset>
        </>
      )}
      {notice?.kind === 'refused' && (
        <p id={`${ids}-notice`} className="notify-notice refused" role="alert" data-testid="notify-refused">
          {notice.text}
        </p>
      )}
      <p className="notify-notice" role="status" data-testid="notify-done">
        {notice?.kind === 'done' ? notice.text : ''}
      </p>
      <p className="hint notify-privacy">{tr(lang, 'notify.privacy')}</p>
    </details>
  );
}
