import type { SiteSnapshot } from '@madoguchi/shared';
import { named, useT } from '../i18n';

/** A labelled choice of the site's window types, with a first option for all of them. */
export function QueueSelect(props: { id: string; label: string; allLabel: string; value: string; onChange: (queue: string) => void; snapshot: SiteSnapshot }) {
  const { lang } = useT();
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      <select id={props.id} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        <option value="">{props.allLabel}</option>
        {props.snapshot.queues.map((q) => (
          <option key={q.id} value={q.id}>
            {named(q.name, lang, q.id)}
          </option>
        ))}
      </select>
    </div>
  );
}
