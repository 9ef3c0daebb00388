import { useT } from '../i18n';

export interface TicketOptions {
  priority: boolean;
  lowCounter: boolean;
}

export const NO_OPTIONS: TicketOptions = { priority: false, lowCounter: false };

/** "I need to sit" (low counter) and "priority": toggles kept until the ticket is taken. */
export function Options({ value, onChange }: { value: TicketOptions; onChange: (v: TicketOptions) => void }) {
  const { tr } = useT();
  return (
    <section className="options" aria-labelledby="options-heading">
      <h2 id="options-heading" className="options-heading">
        {tr('kiosk.options.heading')}
      </h2>
      <div className="options-row">
        <button type="button" className="option" aria-pressed={value.lowCounter} onClick={() => onChange({ ...value, lowCounter: !value.lowCounter })}>
          <span className="check" aria-hidden="true" />
          {tr('kiosk.options.lowCounter')}
        </button>
        <button type="button" className="option" aria-pressed={value.priority} onClick={() => onChange({ ...value, priority: !value.priority })}>
          <span className="check" aria-hidden="true" />
          {tr('kiosk.options.priority')}
        </button>
      </div>
    </section>
  );
}
