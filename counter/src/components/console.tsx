import { useEffect, useRef, useState } from 'react';
import type { CounterView, TicketView } from '@madoguchi/shared';
import { Header } from '@madoguchi/shared/web';
import { api, type QueueCatalogue, type User } from '../api';
import { errorText, named, t, useT, type Language } from '../i18n';
import { actionOfKey, shortcutOf, type Action } from '../keys';
import type { LiveState } from '../live';
import { Actions, enabledActions } from './actions';
import { CheckInForm } from './check-in';
import { CurrentTicket } from './current';
import { CloseDialog, ConfirmNoShow, HelpDialog, PauseDialog, TransferDialog } from './dialogs';
import { QueuePanel, recentOf, RecentList, waitingOf, WaitingList } from './lists';
import { asApiError } from '@madoguchi/shared/web';

type Dialog =
  | { kind: 'confirmNoShow'; label: string; recalls: number; retry: () => void }
  | { kind: 'transfer'; ticket: TicketView }
  | { kind: 'pause' }
  | { kind: 'close' }
  | { kind: 'help' };

/** Kept as data, so that it is shown in whatever language is chosen now. */
type Notice = { kind: 'error'; code: string; reason: string | null } | { kind: 'info' | 'problem'; text: (lang: Language) => string };

type Pending = Action | 'call' | 'reinstate' | 'pausing' | 'checkin' | null;

const helpKey = shortcutOf('help');
const helpShortcut = `${helpKey.label} ${helpKey.fkey}`;

/** actions that only change the page (no request): never held back by one in flight */
const LOCAL_ACTIONS: ReadonlySet<Action> = new Set(['language', 'help', 'waiting']);

interface ConsoleProps {
  live: LiveState;
  siteId: string;
  counter: CounterView;
  user: User;
  catalogue: QueueCatalogue[];
  onChangeCounter: () => void;
  onSignOut: () => void;
  onSessionEnded: () => void;
  onLanguage: () => void;
}

/**
 * The clerk's console at one counter. What it shows comes from the live snapshot (so two
 * consoles at the same counter show the same ticket); what it does goes through the HTTP API,
 * one request at a time, and the result comes back as events.
 */
export function Console({ live, siteId, counter, user, catalogue, onChangeCounter, onSignOut, onSessionEnded, onLanguage }: ConsoleProps) {
  const { lang, tr } = useT();
  const snapshot = live.site;
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [pending, setPending] = useState<Pending>(null);
  const inFlight = useRef<Pending>(null);
  /** a different key pressed while a request is in flight runs after it (the same key again is a repeat: dropped) */
  const queued = useRef<Action | null>(null);
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);

  const queueNames = (id: string) => named(snapshot?.queues.find((q) => q.id === id)?.name ?? catalogue.find((q) => q.id === id)?.name, lang, id);
  const current = counter.currentTicket;
  const waiting = waitingOf(counter, live.tickets);
  const recent = recentOf(counter, live.tickets, live.transfers);

  /** One request at a time; a refusal is explained from the catalogue; CONFIRM_NO_SHOW asks first. */
  const run = async (name: Pending, request: () => Promise<unknown>, confirmed?: () => void): Promise<void> => {
    if (inFlight.current) return;
    inFlight.current = name;
    setPending(name);
    setNotice(null);
    try {
      await request();
    } catch (e) {
      const err = asApiError(e);
      if (err.status === 401) onSessionEnded();
      else if (err.code === 'CONFIRM_NO_SHOW' && confirmed && current) setDialog({ kind: 'confirmNoShow', label: current.label, recalls: current.recalls, retry: confirmed });
      else setNotice({ kind: 'error', code: err.code, reason: err.reason });
    } finally {
      inFlight.current = null;
      setPending(null);
    }
  };

  const callNext = (confirmNoShow = false): Promise<void> =>
    run(
      'next',
      async () => {
        const ticket = await api.callNext(siteId, counter.id, confirmNoShow);
        if (!ticket) setNotice({ kind: 'info', text: (l) => t(l, 'notice.nobody') });
      },
      confirmNoShow ? undefined : () => void callNext(true),
    );

  const callTicket = (ticket: TicketView, confirmNoShow = false): Promise<void> =>
    run('call', () => api.callTicket(siteId, counter.id, ticket.id, confirmNoShow), confirmNoShow ? undefined : () => void callTicket(ticket, true));

  const reinstate = (ticket: TicketView): Promise<void> =>
    run('reinstate', async () => {
      await api.reinstate(siteId, ticket.id);
      setNotice({ kind: 'info', text: (l) => t(l, 'notice.reinstated', { label: ticket.label }) });
    });

  /** 予約の受付 by code: the notice says the ticket issued, or why not (too early: from when). */
  const checkInBooking = async (code: string): Promise<boolean> => {
    let ok = false;
    await run('checkin', async () => {
      try {
        const ticket = await api.checkIn(siteId, code);
        ok = true;
        setNotice({ kind: 'info', text: (l) => t(l, 'checkin.done', { code, label: ticket.label }) });
      } catch (e) {
        const err = asApiError(e);
        const timeZone = snapshot?.site.timeZone ?? 'Asia/Tokyo';
        const opensAt = err.nextOpening;
        if (err.code === 'TOO_EARLY' && opensAt) {
          setNotice({ kind: 'problem', text: (l) => t(l, 'checkin.tooEarly', { time: new Intl.DateTimeFormat(l === 'en' ? 'en-US' : 'ja-JP', { hour: 'numeric', minute: '2-digit', timeZone }).format(new Date(opensAt)) }) });
        } else if (err.code === 'NOT_FOUND') {
          setNotice({ kind: 'problem', text: (l) => t(l, 'checkin.notFound') });
        } else throw e;
      }
    });
    return ok;
  };

  /** `by`: the action that asked for it, so that a repeat of the same key is recognised as one */
  const setState = (by: Pending, state: 'open' | 'paused' | 'closed', reason?: string): Promise<void> =>
    run(by, () => api.setState(siteId, counter.id, state, state === 'paused' && reason ? { reason } : {}));

  const perform = (action: Action): void => {
    if (action === 'language') return onLanguage();
    if (action === 'help') return setDialog({ kind: 'help' });
    if (action === 'waiting') {
      document.querySelector<HTMLButtonElement>('[data-testid="waiting"] button:enabled')?.focus();
      return;
    }
    if (!enabledActions(counter).has(action)) {
      // said by the keyboard while it makes no sense: explain instead of asking the server
      const code = counter.availability !== 'open' ? 'COUNTER_NOT_OPEN' : current ? 'COUNTER_BUSY' : 'NO_CURRENT_TICKET';
      setNotice({ kind: 'error', code, reason: null });
      return;
    }
    switch (action) {
      case 'next':
        if (counter.availability === 'closed' || counter.availability === 'paused') void setState('next', 'open');
        else void callNext();
        return;
      case 'recall':
        void run('recall', () => api.recall(siteId, counter.id));
        return;
      case 'start':
        void run('start', () => api.start(siteId, counter.id));
        return;
      case 'complete':
        void run('complete', () => api.complete(siteId, counter.id));
        return;
      case 'noShow':
        void run('noShow', () => api.noShow(siteId, counter.id));
        return;
      case 'transfer':
        if (current) setDialog({ kind: 'transfer', ticket: current });
        return;
      case 'pause':
        if (counter.availability === 'paused') void setState('pause', 'open');
        else setDialog({ kind: 'pause' });
        return;
      case 'close':
        setDialog({ kind: 'close' });
        return;
      case 'reinstateLast': {
        const last = recent.find((e) => e.ticket.state === 'no_show' && !e.transferredTo);
        if (last) void reinstate(last.ticket);
        else setNotice({ kind: 'info', text: (l) => t(l, 'notice.noNoShow') });
        return;
      }
    }
  };

  // the keyboard: the latest `perform` through a ref, one listener for the console's lifetime
  const performRef = useRef(perform);
  performRef.current = perform;
  const dialogOpen = dialog !== null;
  useEffect(() => {
    if (dialogOpen) return; // a dialog has its own keys (digits, Enter, Escape)
    const onKey = (e: KeyboardEvent) => {
      const action = actionOfKey(e);
      if (!action) return;
      e.preventDefault();
      if (inFlight.current && !LOCAL_ACTIONS.has(action)) {
        if (action !== inFlight.current) queued.current = action;
        return;
      }
      performRef.current(action);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [dialogOpen]);
  // the queued key, once the request before it is done and its outcome rendered
  useEffect(() => {
    const next = queued.current;
    if (pending !== null || !next) return;
    queued.current = null;
    if (!dialogOpen) performRef.current(next);
  }, [pending, dialogOpen]);

  const closeDialog = () => setDialog(null);
  const counterQueues = snapshot ? counter.queues.map((id) => snapshot.queues.find((q) => q.id === id)).filter((q) => q !== undefined) : [];

  return (
    <div className="page console">
      <Header onLanguage={onLanguage} help={{ label: tr('action.help'), shortcut: helpShortcut, onOpen: () => setDialog({ kind: 'help' }) }} onSignOut={onSignOut} online={live.online}>
        <span className="where">{snapshot ? named(snapshot.site.name, lang) : ''}</span>
        <button type="button" className="tool tool-light counter-name" onClick={onChangeCounter} title={tr('counter.change')} data-testid="counter-name">
          {named(counter.name, lang, counter.id)}
        </button>
        <span className={`state-badge badge-${counter.state}`} data-testid="counter-state">
          {t(lang, `counter.state.${counter.state}`)}
        </span>
        <span className="who">{tr('counter.clerk', { name: counter.clerk ?? user.username })}</span>
      </Header>
      <main className="console-main">
        <div className="console-left">
          <CurrentTicket counter={counter} catalogue={catalogue} queueNames={queueNames} offsetMs={live.offsetMs} timeZone={snapshot?.site.timeZone ?? 'Asia/Tokyo'} />
          <div className="notice-area" aria-live="polite">
            {notice && (
              <p className={`notice notice-${notice.kind === 'info' ? 'info' : 'error'}`} role={notice.kind === 'info' ? 'status' : 'alert'} data-testid="notice">
                {notice.kind === 'error' ? errorText(lang, notice.code, notice.reason) : notice.text(lang)}
              </p>
            )}
          </div>
          <Actions counter={counter} pending={pending} onAction={perform} />
          <CheckInForm disabled={pending !== null} onCheckIn={checkInBooking} />
        </div>
        <div className="console-right">
          <QueuePanel queues={counterQueues} />
          <WaitingList
            tickets={waiting}
            timeZone={snapshot?.site.timeZone ?? 'Asia/Tokyo'}
            catalogue={catalogue}
            queueNames={queueNames}
            now={now + live.offsetMs}
            disabled={pending !== null || counter.availability !== 'open'}
            onCall={(tk) => void callTicket(tk)}
          />
          <RecentList entries={recent} timeZone={snapshot?.site.timeZone ?? 'Asia/Tokyo'} queueNames={queueNames} disabled={pending !== null} onReinstate={(tk) => void reinstate(tk)} />
        </div>
      </main>
      {dialog?.kind === 'confirmNoShow' && (
        <ConfirmNoShow
          label={dialog.label}
          recalls={dialog.recalls}
          onConfirm={() => {
            closeDialog();
            dialog.retry();
          }}
          onRecall={() => {
            closeDialog();
            void run('recall', () => api.recall(siteId, counter.id));
          }}
          onClose={closeDialog}
        />
      )}
      {dialog?.kind === 'transfer' && (
        <TransferDialog
          label={dialog.ticket.label}
          fromQueue={dialog.ticket.queue}
          catalogue={catalogue}
          onTransfer={(queue, service) => {
            const label = dialog.ticket.label;
            closeDialog();
            void run('transfer', async () => {
              await api.transfer(siteId, counter.id, queue, service);
              setNotice({ kind: 'info', text: (l) => t(l, 'notice.transferred', { label, queue: named(catalogue.find((q) => q.id === queue)?.name, l, queue) }) });
            });
          }}
          onClose={closeDialog}
        />
      )}
      {dialog?.kind === 'pause' && (
        <PauseDialog
          onPause={(reason) => {
            closeDialog();
            void setState('pausing', 'paused', reason);
          }}
          onClose={closeDialog}
        />
      )}
      {dialog?.kind === 'close' && (
        <CloseDialog
          onConfirm={() => {
            closeDialog();
            void setState('close', 'closed');
          }}
          onClose={closeDialog}
        />
      )}
      {dialog?.kind === 'help' && <HelpDialog onClose={closeDialog} />}
    </div>
  );
}
