import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { QueueCatalogue } from '../api';
import { named, PAUSE_REASONS, useT, type MessageKey } from '../i18n';
import { SHORTCUTS, type Action } from '../keys';

/**
 * A modal <dialog>: the browser keeps the focus inside, Escape closes it, and the focus goes back
 * where it was. Digit keys 1–9 press the dialog's numbered choices.
 */
function Modal({ label, onClose, children, testId, step }: { label: string; onClose: () => void; children: ReactNode; testId: string; step?: string }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);
  // the first choice of each step takes the focus (Enter presses it)
  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('[data-autofocus]')?.focus();
  }, [step]);
  const onKeyDown = (e: KeyboardEvent<HTMLDialogElement>) => {
    if (e.ctrlKey || e.altKey || e.metaKey || e.repeat || !/^[1-9]$/.test(e.key)) return;
    const choice = ref.current?.querySelector<HTMLButtonElement>(`button[data-choice="${e.key}"]:enabled`);
    if (choice) {
      e.preventDefault();
      choice.click();
    }
  };
  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-label={label}
      data-testid={testId}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      onKeyDown={onKeyDown}
    >
      <h2 className="dialog-heading">{label}</h2>
      {children}
    </dialog>
  );
}

function Choice({ n, children, onClick, autoFocus, className }: { n: number; children: ReactNode; onClick: () => void; autoFocus?: boolean; className?: string }) {
  return (
    <button type="button" className={`choice-button ${className ?? ''}`} data-choice={n <= 9 ? String(n) : undefined} data-autofocus={autoFocus ? '' : undefined} onClick={onClick}>
      {n <= 9 && (
        <kbd className="choice-key" aria-hidden="true">
          {n}
        </kbd>
      )}
      <span>{children}</span>
    </button>
  );
}

function CancelButton({ onClose }: { onClose: () => void }) {
  const { tr } = useT();
  return (
    <button type="button" className="cancel" onClick={onClose}>
      {tr('cancel')} <kbd aria-hidden="true">Esc</kbd>
    </button>
  );
}

/** call-next answered CONFIRM_NO_SHOW: the current ticket was not recalled enough to end it by itself. */
export function ConfirmNoShow({ label, recalls, onConfirm, onRecall, onClose }: { label: string; recalls: number; onConfirm: () => void; onRecall: () => void; onClose: () => void }) {
  const { tr } = useT();
  return (
    <Modal label={tr('confirmNoShow.heading')} onClose={onClose} testId="confirm-no-show">
      <p className="dialog-text">{tr('confirmNoShow.text', { label, count: recalls })}</p>
      <div className="dialog-choices">
        <Choice n={1} onClick={onConfirm} autoFocus className="danger">
          {tr('confirmNoShow.confirm')}
        </Choice>
        <Choice n={2} onClick={onRecall}>
          {tr('confirmNoShow.recall')}
        </Choice>
      </div>
      <CancelButton onClose={onClose} />
    </Modal>
  );
}

/** 回付: the target queue, then (when it has any) its procedure. */
export function TransferDialog({ label, fromQueue, catalogue, onTransfer, onClose }: { label: string; fromQueue: string; catalogue: QueueCatalogue[]; onTransfer: (queue: string, service: string | null) => void; onClose: () => void }) {
  const { lang, tr } = useT();
  const [queue, setQueue] = useState<QueueCatalogue | null>(null);
  const targets = catalogue.filter((q) => q.id !== fromQueue);
  return (
    <Modal label={tr('transfer.heading', { label })} onClose={onClose} testId="transfer" step={queue?.id ?? ''}>
      {!queue ? (
        <>
          <p className="dialog-text">{tr('transfer.queue')}</p>
          <div className="dialog-choices">
            {targets.map((q, i) => (
              <Choice
                key={q.id}
                n={i + 1}
                autoFocus={i === 0}
                onClick={() => {
                  if (q.services.length === 0) onTransfer(q.id, null);
                  else setQueue(q);
                }}
              >
                {named(q.name, lang, q.id)}
              </Choice>
            ))}
          </div>
        </>
      ) : (
        <>
          <p className="dialog-text">
            {named(queue.name, lang, queue.id)} — {tr('transfer.service')}
          </p>
          <div className="dialog-choices">
            {queue.services.map((s, i) => (
              <Choice key={s.id} n={i + 1} autoFocus={i === 0} onClick={() => onTransfer(queue.id, s.id)}>
                {named(s.name, lang, s.id)}
              </Choice>
            ))}
            <Choice n={queue.services.length + 1} onClick={() => onTransfer(queue.id, null)}>
              {tr('transfer.noService')}
            </Choice>
          </div>
          <button type="button" className="cancel" onClick={() => setQueue(null)}>
            {tr('transfer.back')}
          </button>
        </>
      )}
      <CancelButton onClose={onClose} />
    </Modal>
  );
}

export function PauseDialog({ onPause, onClose }: { onPause: (reason: string) => void; onClose: () => void }) {
  const { tr } = useT();
  return (
    <Modal label={tr('pause.heading')} onClose={onClose} testId="pause">
      <div className="dialog-choices">
        {PAUSE_REASONS.map((r, i) => (
          <Choice key={r} n={i + 1} autoFocus={i === 0} onClick={() => onPause(r)}>
            {tr(`pause.${r}`)}
          </Choice>
        ))}
      </div>
      <CancelButton onClose={onClose} />
    </Modal>
  );
}

export function CloseDialog({ onConfirm, onClose }: { onConfirm: () => void; onClose: () => void }) {
  const { tr } = useT();
  return (
    <Modal label={tr('close.heading')} onClose={onClose} testId="close-counter">
      <div className="dialog-choices">
        <Choice n={1} onClick={onConfirm} autoFocus className="danger">
          {tr('close.confirm')}
        </Choice>
      </div>
      <CancelButton onClose={onClose} />
    </Modal>
  );
}

const ACTION_TEXT: Record<Action, MessageKey> = {
  next: 'action.next',
  recall: 'action.recall',
  noShow: 'action.noShow',
  complete: 'action.complete',
  start: 'action.start',
  transfer: 'action.transfer',
  pause: 'action.pause',
  close: 'action.close',
  waiting: 'action.waiting',
  reinstateLast: 'action.reinstateLast',
  language: 'action.language',
  help: 'action.help',
};

export function HelpDialog({ onClose }: { onClose: () => void }) {
  const { tr } = useT();
  return (
    <Modal label={tr('help.heading')} onClose={onClose} testId="help">
      <table className="shortcuts">
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.action}>
              <th scope="row">{s.action === 'pause' ? `${tr('action.pause')} / ${tr('action.resume')}` : tr(ACTION_TEXT[s.action])}</th>
              <td>
                {s.keys.map((k) => (
                  <kbd key={k}>{k === ' ' ? 'Space' : k.toUpperCase()}</kbd>
                ))}
              </td>
              <td>
                <kbd>{s.fkey}</kbd>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="dialog-text small-text">{tr('help.note')}</p>
      <button type="button" className="cancel" onClick={onClose} data-autofocus="">
        {tr('close')} <kbd aria-hidden="true">Esc</kbd>
      </button>
    </Modal>
  );
}
