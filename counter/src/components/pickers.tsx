import type { CounterView, SiteSnapshot } from '@madoguchi/shared';
import { Header } from '@madoguchi/shared/web';
import type { User } from '../api';
import { named, t, useT } from '../i18n';

interface CounterPickerProps {
  snapshot: SiteSnapshot;
  user: User;
  busy: boolean;
  onChoose: (c: CounterView) => void;
  onChangeSite: (() => void) | null;
  onSignOut: () => void;
  onLanguage: () => void;
}

/** Every counter of the site, its queues and who sits there now; the choice is remembered on this PC. */
export function CounterPicker({ snapshot, user, busy, onChoose, onChangeSite, onSignOut, onLanguage }: CounterPickerProps) {
  const { lang, tr } = useT();
  const queueName = (id: string) => named(snapshot.queues.find((q) => q.id === id)?.name, lang, id);
  return (
    <div className="page">
      <Header onLanguage={onLanguage} onSignOut={onSignOut}>
        {onChangeSite ? (
          <button type="button" className="tool tool-light" onClick={onChangeSite}>
            {named(snapshot.site.name, lang)}
          </button>
        ) : (
          <span className="where">{named(snapshot.site.name, lang)}</span>
        )}
        <span className="who">{user.username}</span>
      </Header>
      <main className="picker">
        <h1>{tr('counter.choose')}</h1>
        <div className="choices" aria-busy={busy}>
          {snapshot.counters.map((c) => (
            <button key={c.id} type="button" className={`choice state-${c.state}`} data-counter={c.id} disabled={busy} onClick={() => onChoose(c)}>
              <span className="choice-name">{named(c.name, lang, c.id)}</span>
              <span className="choice-queues">{c.queues.map(queueName).join('・')}</span>
              <span className="choice-state">
                {t(lang, `counter.state.${c.state}`)}
                {c.clerk && ` · ${tr('counter.clerk', { name: c.clerk })}`}
              </span>
            </button>
          ))}
        </div>
      </main>
    </div>
  );
}
