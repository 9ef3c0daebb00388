import { useId, useState } from 'react';
import { useT } from '../i18n';

/**
 * 予約の受付: a citizen who booked tells the clerk their 6-digit code; the booking is checked in
 * and its ticket issued (marked booked) as at the kiosk. The outcome is the console's notice.
 */
export function CheckInForm({ disabled, onCheckIn }: { disabled: boolean; onCheckIn: (code: string) => Promise<boolean> }) {
  const { tr } = useT();
  const [code, setCode] = useState('');
  const id = useId();
  const valid = /^[0-9]{6}$/.test(code);
  return (
    <section className="panel check-in" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{tr('checkin.heading')}</h2>
      <form
        className="check-in-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (!valid || disabled) return;
          void onCheckIn(code).then((ok) => ok && setCode(''));
        }}
      >
        <label htmlFor={`${id}-code`}>{tr('checkin.code')}</label>
        <input
          id={`${id}-code`}
          inputMode="numeric"
          autoComplete="off"
          pattern="[0-9]{6}"
          maxLength={6}
          value={code}
          onChange={(e) => setCode(e.target.value.replace(/[^0-9]/g, '').slice(0, 6))}
          data-testid="checkin-code"
        />
        <button type="submit" className="small" disabled={!valid || disabled} data-testid="checkin-submit">
          {tr('checkin.submit')}
        </button>
      </form>
    </section>
  );
}
