import { useEffect, useRef, useState } from 'react';
import { localized, type MessageKey } from '@madoguchi/shared';
import type { IssuedTicket } from '../api';
import { roundMinutes, useT } from '../i18n';
import { QrCode } from './qr-code';

export type PrintState = 'pending' | 'printed' | 'failed' | 'discarded' | 'none';

const PRINT_TEXT: Record<PrintState, MessageKey> = {
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
  /** seconds until the kiosk returns to the start by itself */
  returnAfter: number;
  /** the "back" button waits this long (ms), so that the rest of a double tap cannot press it */
  armAfter: number;
  /** the "back to the start" button */
  onDismiss: () => void;
  onTimeout: () => void;
}

/** The issued number, very large, with people ahead, the estimated wait, the QR code and the slip's fate. */
export function Result({ ticket, queueName, serviceName, print, returnAfter, armAfter, onDismiss, onTimeout }: ResultProps) {
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
  useEffect(() => {
    const end = performance.now() + returnAfter * 1000;
    const done = setTimeout(onTimeout, returnAfter * 1000);
    const tick = setInterval(() => setLeft(Math.max(0, Math.ceil((end - performance.now()) / 1000))), 1000);
    return () => {
      clearTimeout(done);
      clearInterval(tick);
    };
  }, [returnAfter, onTimeout]);

  const wait = ticket.ahead === 0 || ticket.estimatedWaitMinutes < 1 ? tr('kiosk.result.wait.none') : tr('kiosk.result.wait', { minutes: roundMinutes(ticket.estimatedWaitMinutes) });
  return (
    <section className={`result print-${print}`} aria-labelledby="result-heading" data-testid="result">
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
        {(ticket.priority || ticket.lowCounter) && (
          <div className="result-flags">
            {ticket.priority && <span className="flag">{tr('kiosk.result.flags.priority')}</span>}
            {ticket.lowCounter && <span className="flag">{tr('kiosk.result.flags.lowCounter')}</span>}
          </div>
        )}
        <p className="result-ahead">{ticket.ahead === 0 ? tr('kiosk.result.ahead.none') : tr('kiosk.result.ahead', { count: ticket.ahead })}</p>
        <p className="result-wait">{wait}</p>
        <p className={`print-message print-message-${print}`} role={print === 'failed' ? 'alert' : 'status'} data-testid="print-message" data-print={print}>
          {tr(PRINT_TEXT[print])}
        </p>
      </div>
      <div className="result-side">
        <QrCode text={ticket.trackUrl} label={tr('kiosk.result.qr.label')} />
        <p className="result-qr">{tr('kiosk.result.qr')}</p>
        <p className="result-note">{tr('kiosk.result.note')}</p>
        <button type="button" className="done" onClick={onDismiss} disabled={!armed} ref={doneButton}>
          {tr('kiosk.result.close')}
        </button>
        <p className="result-returning" aria-live="off">
          {tr('kiosk.result.returning', { seconds: left })}
        </p>
      </div>
    </section>
  );
}
