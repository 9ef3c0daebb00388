import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import type { ButtonAction } from '@madoguchi/shared';
import { api, asApiError, type ButtonsInfo } from '../api';
import { useAction, useNow } from '../hooks';
import { errorText, named, useT } from '../i18n';
import type { AdminProps } from './admin';
import { ConfirmDialog } from './modal';
import { NoticeLine } from './notice';

const ACTIONS: readonly ButtonAction[] = ['next', 'recall', 'no-show', 'complete'];
const hex = (n: number) => n.toString(16).padStart(4, '0');
const isButtonAction = (a: string): a is ButtonAction => (ACTIONS as readonly string[]).includes(a);

/**
 * 呼出ボタン: the USB devices seen, the bindings, and learn mode — the next press of a button
 * that is not bound yet binds it to the chosen counter; the result comes as a `button:status`
 * event.
 */
export function ButtonsAdmin({ siteId, snapshot, lastButtonStatus, onSessionEnded }: AdminProps) {
  const { lang, tr } = useT();
  const action = useAction(onSessionEnded);
  const [info, setInfo] = useState<ButtonsInfo | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [counter, setCounter] = useState(snapshot.counters[0]?.id ?? '');
  const [buttonAction, setButtonAction] = useState<ButtonAction>('next');
  const [learning, setLearning] = useState<{ counter: string; until: number; seq: number } | null>(null);
  const [unbinding, setUnbinding] = useState<ButtonsInfo['bindings'][number] | null>(null);
  const now = useNow(1_000);
  const counterName = (id: string) => named(snapshot.counters.find((c) => c.id === id)?.name, lang, id);
  const actionName = (a: string) => (isButtonAction(a) ? tr(`buttons.action.${a}`) : a);
  const codesText = (codes: Record<string, string> | undefined) =>
    codes && Object.keys(codes).length > 0
      ? Object.entries(codes)
          .map(([code, a]) => `${code} → ${actionName(a)}`)
          .join('、')
      : tr('none');

  const reload = useCallback(() => {
    api.buttons(siteId).then(
      (b) => {
        setInfo(b);
        setLoadError(null);
      },
      (e) => setLoadError(asApiError(e).code),
    );
  }, [siteId]);
  useEffect(reload, [reload]);

  // learn mode ends with the button's status event (bound), or when its time is up
  const learningRef = useRef(learning);
  learningRef.current = learning;
  useEffect(() => {
    const l = learningRef.current;
    if (!l || !lastButtonStatus || lastButtonStatus.seq <= l.seq || lastButtonStatus.button.counter !== l.counter) return;
    setLearning(null);
    action.setNotice({ kind: 'info', key: 'buttons.learn.bound', params: { counter: counterName(l.counter) } });
    reload();
    // counterName and action are stable enough: this runs on a new status event only
  }, [lastButtonStatus]);
  useEffect(() => {
    if (learning && now > learning.until) {
      setLearning(null);
      action.setNotice({ kind: 'info', key: 'buttons.learn.timeout' });
      reload();
    }
  }, [now, learning, action, reload]);

  const learn = (e: FormEvent) => {
    e.preventDefault();
    const seq = snapshot.seq;
    void action.run('learn', async () => {
      const r = await api.learnButton(siteId, counter, buttonAction);
      setLearning({ counter: r.counter, until: Date.now() + r.timeoutMs, seq });
    });
  };

  return (
    <section className="panel" aria-labelledby="buttons-heading">
      <h2 id="buttons-heading">{tr('admin.buttons')}</h2>
      <NoticeLine notice={action.notice} testId="buttons-notice" />
      {loadError && (
        <p className="notice notice-error" role="alert">
          {errorText(lang, loadError)}
        </p>
      )}
      <form className="admin-form" onSubmit={learn} aria-labelledby="learn-heading">
        <h3 id="learn-heading">{tr('buttons.learn')}</h3>
        <div className="field">
          <label htmlFor="learn-counter">{tr('buttons.learn.counter')}</label>
          <select id="learn-counter" value={counter} onChange={(e) => setCounter(e.target.value)}>
            {snapshot.counters.map((c) => (
              <option key={c.id} value={c.id}>
                {named(c.name, lang, c.id)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="learn-action">{tr('buttons.learn.action')}</label>
          <select id="learn-action" value={buttonAction} onChange={(e) => setButtonAction(e.target.value as ButtonAction)}>
            {ACTIONS.map((a) => (
              <option key={a} value={a}>
                {tr(`buttons.action.${a}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button primary" disabled={action.busy !== null || learning !== null || !counter}>
          {tr('buttons.learn.start')}
        </button>
        {learning && (
          <p className="notice notice-info" role="status" data-testid="learning">
            {tr('buttons.learn.waiting', { seconds: Math.max(0, Math.ceil((learning.until - now) / 1000)) })}
          </p>
        )}
      </form>
      {info?.enabled === false && (
        <p className="notice notice-warn" data-testid="buttons-disabled">
          {tr('buttons.disabled')}
        </p>
      )}
      {info && (
        <>
          <h3>{tr('buttons.bindings')}</h3>
          {info.bindings.length === 0 ? (
            <p className="empty">{tr('buttons.none')}</p>
          ) : (
            <table className="table" data-testid="button-bindings">
              <thead>
                <tr>
                  <th scope="col">{tr('buttons.col.counter')}</th>
                  <th scope="col">{tr('buttons.col.codes')}</th>
                  <th scope="col">{tr('buttons.col.device')}</th>
                  <th scope="col">{tr('buttons.col.source')}</th>
                  <th scope="col">{tr('buttons.col.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {info.bindings.map((b) => (
                  <tr key={String(b.id)} data-binding={b.id}>
                    <th scope="row">{counterName(b.counter)}</th>
                    <td>{codesText(b.codes)}</td>
                    <td className="mono">
                      {hex(b.vendorId)}:{hex(b.productId)} {b.serial ?? b.path ?? ''}
                    </td>
                    <td>{tr(b.source === 'config' ? 'printers.source.config' : 'printers.source.override')}</td>
                    <td>
                      {b.source !== 'config' && (
                        <button type="button" className="button small danger-outline" aria-label={tr('buttons.unbind.label', { counter: counterName(b.counter) })} onClick={() => setUnbinding(b)}>
                          {tr('buttons.unbind')}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <h3>{tr('buttons.devices')}</h3>
          {info.devices.length === 0 ? (
            <p className="empty">{tr('buttons.none')}</p>
          ) : (
            <table className="table" data-testid="button-devices">
              <thead>
                <tr>
                  <th scope="col">{tr('buttons.col.device')}</th>
                  <th scope="col">{tr('buttons.col.bound')}</th>
                </tr>
              </thead>
              <tbody>
                {info.devices.map((d) => (
                  <tr key={d.key} data-button-device={d.key}>
                    <th scope="row" className="mono">
                      {hex(d.vendorId)}:{hex(d.productId)} {d.product ?? ''} {d.serial ?? d.path ?? ''}
                    </th>
                    <td>{tr(d.bound ? 'buttons.bound' : 'buttons.unbound')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
      {unbinding && (
        <ConfirmDialog
          testId="confirm-unbind"
          label={tr('buttons.unbind.label', { counter: counterName(unbinding.counter) })}
          text={`${hex(unbinding.vendorId)}:${hex(unbinding.productId)} ${unbinding.serial ?? unbinding.path ?? ''}`}
          confirm={tr('buttons.unbind')}
          danger
          busy={action.busy !== null}
          onConfirm={() =>
            void action.run(`unbind:${unbinding.id}`, () => api.unbindButton(siteId, unbinding.id)).then(() => {
              setUnbinding(null);
              reload();
            })
          }
          onClose={() => setUnbinding(null)}
        />
      )}
    </section>
  );
}
