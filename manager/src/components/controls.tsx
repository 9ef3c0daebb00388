import { useState } from 'react';
import type { SiteSnapshot } from '@madoguchi/shared';
import { api } from '../api';
import { useAction } from '../hooks';
import { clockTime, named, useT } from '../i18n';
import { ConfirmDialog } from './modal';
import { NoticeLine } from './notice';

interface Props {
  snapshot: SiteSnapshot;
  siteId: string;
  onSessionEnded: () => void;
}

type Mode = 'auto' | 'open' | 'paused';
const MODES: ReadonlyArray<{ mode: Mode; key: 'issuing.auto' | 'issuing.forceOpen' | 'issuing.pause' }> = [
  { mode: 'auto', key: 'issuing.auto' },
  { mode: 'open', key: 'issuing.forceOpen' },
  { mode: 'paused', key: 'issuing.pause' },
];

/** 発券の制御: per queue or for the whole site, follow the hours, open now, or pause (with a reason). */
export function IssuingControl({ snapshot, siteId, onSessionEnded }: Props) {
  const { lang, tr } = useT();
  const action = useAction(onSessionEnded);
  const [reason, setReason] = useState('');
  const targets: Array<{ id: string | null; name: string; state: SiteSnapshot['issuing'] }> = [
    { id: null, name: tr('issuing.site'), state: snapshot.issuing },
    ...snapshot.queues.map((q) => ({ id: q.id, name: named(q.name, lang, q.id), state: q.issuing })),
  ];
  const set = (queue: string | null, mode: Mode) =>
    void action.run(`${queue ?? 'site'}:${mode}`, () => api.setIssuing(siteId, mode, queue, mode === 'paused' && reason.trim() ? reason.trim() : null), { done: { kind: 'info', key: 'done' } });

  return (
    <section className="panel" aria-labelledby="issuing-heading">
      <h2 id="issuing-heading">{tr('issuing.heading')}</h2>
      <label className="field">
        <span>{tr('issuing.reason')}</span>
        <input value={reason} maxLength={200} onChange={(e) => setReason(e.target.value)} data-testid="issuing-reason" />
      </label>
      <ul className="issuing-list" role="list">
        {targets.map((target) => (
          <li key={target.id ?? 'site'} data-issuing={target.id ?? 'site'} className="issuing-row">
            <span className="issuing-name">{target.name}</span>
            <span className={`state-badge issuing-${target.state}`}>{tr(`issuing.${target.state}`)}</span>
            <span className="button-group" role="group" aria-label={tr('issuing.for', { queue: target.name })}>
              {MODES.map((m) => (
                <button key={m.mode} type="button" className="button small" data-mode={m.mode} disabled={action.busy !== null} onClick={() => set(target.id, m.mode)}>
                  {tr(m.key)}
                </button>
              ))}
            </span>
          </li>
        ))}
      </ul>
      <NoticeLine notice={action.notice} />
    </section>
  );
}

/** お知らせ: post information or an emergency (asked twice), and clear the ones shown. */
export function Announcements({ snapshot, siteId, onSessionEnded }: Props) {
  const { lang, tr } = useT();
  const action = useAction(onSessionEnded);
  const [message, setMessage] = useState('');
  const [severity, setSeverity] = useState<'info' | 'emergency'>('info');
  const [confirming, setConfirming] = useState(false);

  const post = () =>
    void action
      .run('post', () => api.postAnnouncement(siteId, message.trim(), severity), { done: { kind: 'info', key: 'announce.posted' } })
      .then((ok) => {
        setConfirming(false);
        if (ok) {
          setMessage('');
          setSeverity('info');
        }
      });

  return (
    <section className="panel" aria-labelledby="announce-heading" data-testid="announcements">
      <h2 id="announce-heading">{tr('announce.heading')}</h2>
      <form
        className="announce-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (!message.trim()) return;
          if (severity === 'emergency') setConfirming(true);
          else post();
        }}
      >
        <label className="field">
          <span>{tr('announce.message')}</span>
          <textarea value={message} maxLength={500} rows={2} onChange={(e) => setMessage(e.target.value)} name="message" />
        </label>
        <fieldset className="fieldset">
          <legend>{tr('announce.severity')}</legend>
          {(['info', 'emergency'] as const).map((s) => (
            <label key={s} className="check">
              <input type="radio" name="severity" value={s} checked={severity === s} onChange={() => setSeverity(s)} />
              <span>{tr(`announce.${s}`)}</span>
            </label>
          ))}
        </fieldset>
        <button type="submit" className={severity === 'emergency' ? 'button danger' : 'button primary'} disabled={!message.trim() || action.busy !== null} data-testid="announce-post">
          {tr('announce.post')}
        </button>
      </form>
      <NoticeLine notice={action.notice} />
      <h3>{tr('announce.active')}</h3>
      {snapshot.announcements.length === 0 ? (
        <p className="empty">{tr('announce.noneActive')}</p>
      ) : (
        <ul className="announce-list" role="list">
          {snapshot.announcements.map((a) => (
            <li key={a.id} className={`announce announce-${a.severity}`} data-announcement={a.id}>
              <span className={`state-badge badge-${a.severity}`}>{tr(`announce.badge.${a.severity}`)}</span>
              <span className="announce-text">{a.message}</span>
              <span className="announce-time">{clockTime(lang, a.postedAt, snapshot.site.timeZone)}</span>
              <button
                type="button"
                className="button small"
                aria-label={tr('announce.clear.label', { message: a.message })}
                disabled={action.busy !== null}
                onClick={() => void action.run(`clear:${a.id}`, () => api.clearAnnouncement(siteId, a.id))}
              >
                {tr('announce.clear')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {confirming && (
        <ConfirmDialog
          testId="confirm-emergency"
          label={tr('announce.confirm.heading')}
          text={tr('announce.confirm.text')}
          confirm={tr('announce.confirm.send')}
          danger
          busy={action.busy !== null}
          onConfirm={post}
          onClose={() => setConfirming(false)}
        >
          <blockquote className="quote">{message}</blockquote>
        </ConfirmDialog>
      )}
    </section>
  );
}
