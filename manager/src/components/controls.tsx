import { useState } from 'react';
import type { SiteSnapshot } from '@madoguchi/shared';
import { api } from '../api';
import { useAction } from '../hooks';
import { named, useT } from '../i18n';
import { NoticeLine } from './notice';

/** What a panel of the dashboard that acts on the site is given. */
export interface PanelProps {
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
export function IssuingControl({ snapshot, siteId, onSessionEnded }: PanelProps) {
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
