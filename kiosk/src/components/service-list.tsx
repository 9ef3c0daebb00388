import { useEffect, useRef } from 'react';
import { localized } from '@madoguchi/shared';
import type { QueueCatalogue } from '../api';
import { useT } from '../i18n';

interface ServiceListProps {
  queue: QueueCatalogue;
  disabled: boolean;
  onChoose: (service: string | null) => void;
  onBack: () => void;
}

/** Step 2 (when the window type has procedures): the procedure, or "other / not sure". */
export function ServiceList({ queue, disabled, onChoose, onBack }: ServiceListProps) {
  const { lang, tr } = useT();
  const heading = useRef<HTMLHeadingElement>(null);
  // the keyboard's place moves to the new step (its buttons come next in the tab order)
  useEffect(() => heading.current?.focus(), []);
  return (
    <section className="step" aria-labelledby="services-heading">
      <div className="step-head">
        <button type="button" className="back" onClick={onBack} disabled={disabled}>
          {tr('kiosk.back')}
        </button>
        <h2 id="services-heading" className="step-heading" tabIndex={-1} ref={heading}>
          <span className="step-queue">{localized(queue.name, lang)}</span>
          {tr('kiosk.services.heading')}
        </h2>
      </div>
      <div className="services">
        {queue.services.map((s) => (
          <button key={s.id} type="button" className="service" data-service={s.id} disabled={disabled} onClick={() => onChoose(s.id)}>
            {localized(s.name, lang)}
          </button>
        ))}
        <button type="button" className="service service-other" data-service="" disabled={disabled} onClick={() => onChoose(null)}>
          {tr('kiosk.services.other')}
        </button>
      </div>
    </section>
  );
}
