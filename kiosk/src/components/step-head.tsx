import { useEffect, useRef, type ReactNode } from 'react';
import { useT } from '../i18n';

interface StepHeadProps {
  /** the heading's id, which the step's section names itself by (aria-labelledby) */
  id: string;
  disabled: boolean;
  onBack: () => void;
  children: ReactNode;
}

/**
 * A step's head: the back button and the step's question. The keyboard's focus (and a screen
 * reader) moves to the question when the step opens; its buttons come next in the tab order.
 */
export function StepHead({ id, disabled, onBack, children }: StepHeadProps) {
  const { tr } = useT();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <div className="step-head">
      <button type="button" className="back" onClick={onBack} disabled={disabled}>
        {tr('kiosk.back')}
      </button>
      <h2 id={id} className="step-heading" tabIndex={-1} ref={heading}>
        {children}
      </h2>
    </div>
  );
}
