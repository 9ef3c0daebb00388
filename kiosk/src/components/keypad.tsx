import { useEffect, useRef } from 'react';
import { useT } from '../i18n';
import { StepHead } from './step-head';

export const CODE_LENGTH = 6;

interface KeypadProps {
  code: string;
  disabled: boolean;
  onChange: (code: string) => void;
  onSubmit: () => void;
  onBack: () => void;
}

/**
 * 予約の方: the booking code typed on large on-screen keys (or a hardware keyboard: digits,
 * Backspace, Enter), shown in six boxes; OK works once all six are in.
 */
export function Keypad({ code, disabled, onChange, onSubmit, onBack }: KeypadProps) {
  const { tr } = useT();
  const latest = useRef({ code, disabled, onChange, onSubmit });
  latest.current = { code, disabled, onChange, onSubmit };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const { code: c, disabled: off, onChange: change, onSubmit: submit } = latest.current;
      if (off || e.altKey || e.ctrlKey || e.metaKey) return;
      if (/^[0-9]$/.test(e.key)) {
        e.preventDefault();
        if (c.length < CODE_LENGTH) change(c + e.key);
      } else if (e.key === 'Backspace') {
        e.preventDefault();
        change(c.slice(0, -1));
      } else if (e.key === 'Enter' && !(e.target instanceof HTMLButtonElement)) {
        // Enter on a focused key presses that key; elsewhere it is OK
        e.preventDefault();
        if (c.length === CODE_LENGTH) submit();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const press = (digit: string) => {
    if (code.length < CODE_LENGTH) onChange(code + digit);
  };
  const boxes = Array.from({ length: CODE_LENGTH }, (_, i) => code[i] ?? '');
  return (
    <section className="step keypad-step" aria-labelledby="keypad-heading">
      <StepHead id="keypad-heading" disabled={disabled} onBack={onBack}>
        {tr('kiosk.booking.heading')}
      </StepHead>
      <div className="keypad-body">
        <div className="code-display" role="status" aria-label={tr('kiosk.booking.entered')} data-testid="code-display" data-code={code}>
          {boxes.map((d, i) => (
            <span key={i} className={`code-box${d ? ' filled' : ''}${i === code.length ? ' next' : ''}`} aria-hidden="true">
              {d}
            </span>
          ))}
          {/* what a screen reader says: the digits entered, one by one */}
          <span className="sr-only">{code.split('').join(' ')}</span>
        </div>
        <div className="keypad" data-testid="keypad">
          {['1', '2', '3', '4', '5', '6', '7', '8', '9'].map((d) => (
            <button key={d} type="button" className="key" disabled={disabled || code.length >= CODE_LENGTH} onClick={() => press(d)}>
              {d}
            </button>
          ))}
          <button type="button" className="key key-delete" disabled={disabled || code.length === 0} onClick={() => onChange(code.slice(0, -1))} data-testid="key-delete">
            <span className="key-delete-icon" aria-hidden="true">
              ⌫
            </span>
            {tr('kiosk.booking.delete')}
          </button>
          <button type="button" className="key" disabled={disabled || code.length >= CODE_LENGTH} onClick={() => press('0')}>
            0
          </button>
          <button type="button" className="key key-ok" disabled={disabled || code.length < CODE_LENGTH} onClick={onSubmit} data-testid="key-ok">
            {tr('kiosk.booking.ok')}
          </button>
        </div>
      </div>
    </section>
  );
}
