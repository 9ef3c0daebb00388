import { useEffect, useRef, useState } from 'react';
import { localized, type CitizenKey } from '@madoguchi/shared';
import type { IssuedTicket } from '../api';
import { useT } from '../i18n';
import { useIdle } from '../idle';
import { ticketLines } from '../texts';
import { QrCode } from '@madoguchi/shared/web/qr-code';

export type PrintState = 'pending' | 'printed' | 'failed' | 'discarded' | 'none';

export const PRINT_TEXT: Record<PrintState, CitizenKey> = {
  pending: 'kiosk.print.pending',
  printed: 'kiosk.print.printed',
  failed: 'kiosk.print.failed',
  discarded: 'kiosk.print.none',
  none: 'kiosk.print.none',
};

interface ResultProps {
  ticket: IssuedTicket;
  queueName: Parameters<typeof localized>[0] | null;
  serviceName: Parameters<typeof localized>[0] | null;
  print: PrintState;
  /** checked in with a booking code: marked 予約 */
  booked?: boolean;
  /**
   * The slip did not print: the number is the citizen's only record of it. The screen then stays
   * until "I have noted the number" is tapped (or `returnAfter` passes without any touch), shows
   * no countdown, and a touch elsewhere does not dismiss it (app.tsx).
   */
  hold: boolean;
  /** seconds until the kiosk returns to the start by itself (when held: seconds without a touch) */
  returnAfter: number;
  /** the "back" button waits this long (ms), so that the rest of a double tap cannot press it */
  armAfter: number;
  /** the "back to the start" button */
  onDismiss: () => void;
  onTimeout: () => void;
}

/** The issued number, very large, with people ahead, the estimated wait, the QR code and the slip's fate. */
export function Result({ ticket, queueName, serviceName, print, booked = false, hold, returnAfter, armAfter, onDismiss, onTimeout }: ResultProps) {
  const { lang, tr } = useT();
  const [left, setLeft] = useState(returnAfter);
  const [armed, setArmed] = useState(false);
  const doneButton = useRef<HTMLButtonElement>(null);
  // keyboard users land on "back to the start" as soon as it works
  useEffect(() => {
    if (armed) doneButton.current?.focus();
  }, [armed]);
  useEffect(() => {
    const timer = setTimeout(() => setArmed(true), armAfter);
    return () => clearTimeout(timer);
  }, [armAfter]);
  // held (the slip did not print): no countdown, only a long while without any touch returns to the start
  useIdle(hold, returnAfter * 1000, onTimeout);
  useEffect(() => {
    if (hold) return;
    const end = performance.now() + returnAfter * 1000;
    const done = setTimeout(onTimeout, returnAfter * 1000);
    const tick = setInterval(() => setLeft(Math.max(0, Math.ceil((end - performance.now()) / 1000))), 1000);
    return () => {
      clearTimeout(done);
      clearInterval(tick);
    };
  }, [hold, returnAfter, onTimeout]);

  const { ahead, wait } = ticketLines(lang, ticket);
  const printMessage = (
    <p className={`print-message print-message-${print}`} role={print === 'failed' ? 'alert' : 'status'} data-testid="print-message" data-print={print}>
      {tr(PRINT_TEXT[print])}
    </p>
  );
  return (
    <section className={`result print-${print}${hold ? ' result-held' : ''}`} aria-labelledby="result-heading" data-testid="result">
      {/* without a slip the apology and what to do come first, across the screen (styles.css) */}
      {hold && printMessage}
      <div className="result-main">
        <h2 id="result-heading" className="result-heading">
          {tr('kiosk.result.heading')}
        </h2>
        {queueName && (
          <div className="result-queue">
            {localized(queueName, lang)}
            {serviceName && <span className="result-service">{localized(serviceName, lang)}</span>}
          </div>
        )}
        <div className="result-number" data-testid="ticket-number">
          {ticket.label}
        </div>
        {(ticket.priority || ticket.lowCounter || booked) && (
          <div className="result-flags">
            {booked && (
              <span className="flag flag-booked" data-testid="booked-flag">
                {tr('kiosk.booking.flag')}
              </span>
            )}
            {ticket.priority && <span className="flag">{tr('kiosk.result.flags.priority')}</span>}
            {ticket.lowCounter && <span className="flag">{tr('kiosk.result.flags.lowCounter')}</span>}
          </div>
        )}
        <p className="result-ahead">{ahead}</p>
        <p className="result-wait">{wait}</p>
        {!hold && printMessage}
      </div>
      <div className="result-side">
        <QrCode text={ticket.trackUrl} label={tr('kiosk.result.qr.label')} />
        <p className="result-qr">{tr('kiosk.result.qr')}</p>
        <p className="result-note">{tr('kiosk.result.note')}</p>
        <button type="button" className={hold ? 'done done-noted' : 'done'} onClick={onDismiss} disabled={!armed} ref={doneButton} data-testid="result-done">
          {tr(hold ? 'kiosk.result.noted' : 'kiosk.result.close')}
        </button>
        {!hold && (
          <p className="result-returning" aria-live="off">
            {tr('kiosk.result.returning', { seconds: left })}
          </p>
        )}
      </div>
    </section>
  );
}
