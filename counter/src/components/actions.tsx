import type { CounterView } from '@madoguchi/shared';
import type { MessageKey } from '../i18n';
import { useT } from '../i18n';
import { keepFocus, shortcutOf, type Action } from '../keys';

interface ActionsProps {
  counter: CounterView;
  pending: string | null;
  onAction: (a: Action) => void;
}

/** Which actions make sense now (the server checks again; these only spare the clerk a refusal). */
export function enabledActions(c: CounterView): ReadonlySet<Action> {
  const on = new Set<Action>(['next', 'language', 'help']);
  if (c.availability === 'paused') on.add('pause');
  if (c.availability !== 'open') return on;
  const t = c.currentTicket;
  on.add('waiting').add('reinstateLast');
  if (!t) on.add('pause').add('close');
  if (t?.state === 'called') on.add('recall').add('start').add('complete').add('noShow').add('transfer');
  if (t?.state === 'serving') on.add('recall').add('complete').add('transfer');
  return on;
}

function ActionButton({ action, label, className, counter, pending, onAction }: { action: Action; label: MessageKey; className?: string } & ActionsProps) {
  const { tr } = useT();
  const s = shortcutOf(action);
  const keys = `${s.label === 'Space' ? 'Space Enter' : s.label} ${s.fkey}`;
  return (
    <button
      type="button"
      className={`action action-${action} ${className ?? ''}`}
      data-action={action}
      aria-keyshortcuts={keys}
      aria-busy={pending === action}
      disabled={!enabledActions(counter).has(action) || pending !== null}
      // a click leaves the focus where it was, so that Space and Enter keep meaning 呼出 afterwards
      onMouseDown={keepFocus}
      onClick={() => onAction(action)}
    >
      <span className="action-label">{tr(label)}</span>
      <span className="action-keys" aria-hidden="true">
        <kbd>{s.label}</kbd>
        <kbd>{s.fkey}</kbd>
      </span>
    </button>
  );
}

/** The big buttons: 呼出 first and largest, then the ticket's actions, then the counter's. */
export function Actions(props: ActionsProps) {
  const { counter } = props;
  const a = counter.availability;
  const nextLabel: MessageKey = a === 'closed' ? 'action.open' : a === 'paused' ? 'action.resume' : 'action.next';
  return (
    <div className="actions">
      <ActionButton action="next" label={nextLabel} className="action-primary" {...props} />
      <div className="actions-ticket">
        <ActionButton action="recall" label="action.recall" {...props} />
        <ActionButton action="start" label="action.start" {...props} />
        <ActionButton action="complete" label="action.complete" {...props} />
        <ActionButton action="noShow" label="action.noShow" {...props} />
        <ActionButton action="transfer" label="action.transfer" {...props} />
      </div>
      <div className="actions-counter">
        <ActionButton action="pause" label={a === 'paused' ? 'action.resume' : 'action.pause'} {...props} />
        <ActionButton action="close" label="action.close" {...props} />
      </div>
    </div>
  );
}
