import { useT } from '../i18n';

/** 予約の方: below the windows, for citizens who booked a slot (the keypad for their code follows). */
export function BookingEntry({ disabled, onChoose }: { disabled: boolean; onChoose: () => void }) {
  const { tr } = useT();
  return (
    <button type="button" className="booking-entry" disabled={disabled} onClick={onChoose} data-testid="booking-entry">
      {tr('kiosk.booking.button')}
    </button>
  );
}
