import { useEffect, useState } from 'react';
import type { CounterView, MovePreview, SiteSnapshot } from '@madoguchi/shared';
import { api, asApiError } from '../api';
import { useAction } from '../hooks';
import { errorText, minutesText, named, useT } from '../i18n';
import { Modal } from './modal';
import { NoticeLine } from './notice';

interface Props {
  counter: CounterView;
  snapshot: SiteSnapshot;
  siteId: string;
  onDone: () => void;
  onSessionEnded: () => void;
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

/**
 * 窓口の担当変更: the queues a counter serves (and the one it drains first). Every change of the
 * choice asks the server for the estimated effect first; the move is made only on confirmation.
 */
export function MoveDialog({ counter, snapshot, siteId, onDone, onSessionEnded }: Props) {
  const { lang, tr } = useT();
  const [queues, setQueues] = useState<string[]>(counter.queues);
  const [primary, setPrimary] = useState<string | null>(counter.primaryQueue);
  const [preview, setPreview] = useState<MovePreview | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const action = useAction(onSessionEnded);
  const counterName = named(counter.name, lang, counter.id);
  const queueName = (id: string) => named(snapshot.queues.find((q) => q.id === id)?.name, lang, id);
  // keep the site's queue order, whatever the order of the clicks
  const ordered = snapshot.queues.map((q) => q.id).filter((id) => queues.includes(id));
  const primaryQueue = primary && ordered.includes(primary) ? primary : null;
  const unchanged = sameSet(ordered, counter.queues) && primaryQueue === counter.primaryQueue;
  const key = `${ordered.join(',')}|${primaryQueue ?? ''}`;

  useEffect(() => {
    if (ordered.length === 0) {
      setPreview(null);
      return;
    }
    let stop = false;
    setPreview(null);
    setPreviewError(null);
    const timer = setTimeout(() => {
      api.movePreview(siteId, counter.id, ordered, primaryQueue).then(
        (p) => !stop && setPreview(p),
        (e) => {
          if (stop) return;
          const err = asApiError(e);
          if (err.status === 401) onSessionEnded();
          setPreviewError(err.code);
        },
      );
    }, 150);
    return () => {
      stop = true;
      clearTimeout(timer);
    };
    // `key` says everything the preview depends on
  }, [key, siteId, counter.id]);

  const toggle = (id: string) => setQueues((qs) => (qs.includes(id) ? qs.filter((q) => q !== id) : [...qs, id]));
  const confirm = () =>
    void action.run('move', () => api.moveCounter(siteId, counter.id, ordered, primaryQueue)).then((ok) => {
      if (ok) onDone();
    });

  return (
    <Modal label={tr('move.heading', { counter: counterName })} onClose={onDone} testId="move-counter" wide>
      <fieldset className="fieldset">
        <legend>{tr('move.queues')}</legend>
        <div className="checks">
          {snapshot.queues.map((q, i) => (
            <label key={q.id} className="check">
              <input type="checkbox" name="queue" value={q.id} checked={queues.includes(q.id)} onChange={() => toggle(q.id)} data-autofocus={i === 0 ? '' : undefined} />
              <span>{named(q.name, lang, q.id)}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <div className="field">
        <label htmlFor="move-primary">{tr('move.primary')}</label>
        <select id="move-primary" value={primaryQueue ?? ''} onChange={(e) => setPrimary(e.target.value || null)} data-testid="move-primary">
          <option value="">{tr('move.primary.none')}</option>
          {ordered.map((id) => (
            <option key={id} value={id}>
              {queueName(id)}
            </option>
          ))}
        </select>
      </div>
      <section className="preview" aria-live="polite" aria-busy={ordered.length > 0 && !preview && !previewError} data-testid="move-preview">
        <h3>{tr('move.preview')}</h3>
        {ordered.length === 0 ? (
          <p className="small-text">{tr('move.preview.none')}</p>
        ) : previewError ? (
          <p className="notice notice-error" role="alert">
            {errorText(lang, previewError)}
          </p>
        ) : !preview ? (
          <p className="small-text">{tr('move.preview.loading')}</p>
        ) : (
          <>
            <table className="table preview-table">
              <thead>
                <tr>
                  <th scope="col">{tr('move.preview.queue')}</th>
                  <th scope="col">{tr('move.preview.waiting')}</th>
                  <th scope="col">{tr('move.preview.counters')}</th>
                  <th scope="col">{tr('move.preview.before')}</th>
                  <th scope="col">{tr('move.preview.after')}</th>
                </tr>
              </thead>
              <tbody>
                {preview.queues.map((q) => (
                  <tr key={q.id} data-queue={q.id} className={q.before !== q.after ? 'changed' : undefined}>
                    <th scope="row">{queueName(q.id)}</th>
                    <td className="num">{q.waiting}</td>
                    <td className="num">
                      {fmt(q.countersBefore)} → {fmt(q.countersAfter)}
                    </td>
                    <td className="num" data-testid="preview-before">
                      {minutesText(lang, q.before)}
                    </td>
                    <td className="num num-strong" data-testid="preview-after">
                      {minutesText(lang, q.after)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p className="small-text" data-testid="preview-next">
              {tr('move.preview.next', { before: preview.nextTicket.before ?? tr('none'), after: preview.nextTicket.after ?? tr('none') })}
            </p>
          </>
        )}
      </section>
      <NoticeLine notice={action.notice} />
      <div className="dialog-buttons">
        <button type="button" className="button primary" disabled={unchanged || ordered.length === 0 || (!preview && !previewError) || action.busy !== null} onClick={confirm} data-testid="move-confirm">
          {unchanged ? tr('move.unchanged') : tr('move.confirm')}
        </button>
        <button type="button" className="button" onClick={onDone}>
          {tr('cancel')}
        </button>
      </div>
    </Modal>
  );
}

const fmt = (n: number) => String(Math.round(n * 10) / 10);
