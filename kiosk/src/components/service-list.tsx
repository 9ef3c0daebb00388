import { localized } from '@madoguchi/shared';
import type { QueueCatalogue } from '../api';
import { useT } from '../i18n';
import { StepHead } from './step-head';

interface ServiceListProps {
  queue: QueueCatalogue;
  disabled: boolean;
  onChoose: (service: string | null) => void;
  onBack: () => void;
}

/** Step 2 (when the window type has procedures): the procedure, or "other / not sure". */
export function ServiceList({ queue, disabled, onChoose, onBack }: ServiceListProps) {
  const { lang, tr } = useT();
  return (
    <section className="step" aria-labelledby="services-heading">
      <StepHead id="services-heading" disabled={disabled} onBack={onBack}>
        <span className="step-queue">{localized(queue.name, lang)}</span>
        {tr('kiosk.services.heading')}
      </StepHead>
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
