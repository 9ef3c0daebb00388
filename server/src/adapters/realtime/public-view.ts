import type { ButtonStatus, CounterView, SiteEvent, SiteSnapshot, TicketView } from '@madoguchi/shared';

/**
 * What the public room (displays, kiosks, phones, anonymous sockets) may see: numbers only
 * (docs/product.md §3.8). No procedure, no priority or low-counter flag of a ticket (they tell a
 * stranger that the holder is pregnant, disabled or in a wheelchair), no clerk, no staff free
 * text (a pause reason or an issuing note can name a colleague's sick leave), no device name and
 * no hardware detail (printer errors carry addresses). Every event type is decided here: a new
 * type does not compile until it is.
 */

export const publicTicket = (t: TicketView): TicketView => ({ ...t, service: null, priority: false, lowCounter: false });

export const publicCounter = (c: CounterView): CounterView => ({
  ...c,
  clerk: null,
  reason: null,
  currentTicket: c.currentTicket ? publicTicket(c.currentTicket) : null,
});

const publicButton = (b: ButtonStatus): ButtonStatus => ({
  // the id names the USB device and port; the counter says where it is, which is all a screen needs
  id: `button:${b.counter}`,
  counter: b.counter,
  vendorId: 0,
  productId: 0,
  serial: null,
  path: null,
  connected: b.connected,
  detail: null,
  lastPressAt: b.lastPressAt,
  lastResult: null,
});

export function publicEvent(e: SiteEvent): SiteEvent {
  switch (e.type) {
    case 'ticket:called':
      return { ...e, ticket: publicTicket(e.ticket), counterView: publicCounter(e.counterView) };
    case 'ticket:issued':
    case 'ticket:started':
    case 'ticket:completed':
    case 'ticket:no-show':
    case 'ticket:reinstated':
    case 'ticket:cancelled':
    case 'ticket:transferred':
      return { ...e, ticket: publicTicket(e.ticket) };
    case 'counter:updated':
      return { ...e, counter: publicCounter(e.counter) };
    case 'issuing:changed':
      // the queue's state reaches screens through `queues` (closedReason is a fixed code)
      return { ...e, reason: null };
    case 'printer:status':
      return { ...e, detail: null };
    case 'print:updated':
      // the kiosk page matches its ticket by id and shows the state; the kiosk's name and the failure text are staff's
      return { ...e, kiosk: null, reason: null };
    case 'button:status':
      return { ...e, button: publicButton(e.button) };
    case 'button:unknown':
      // hardware details are for staff; public screens still get the sequence number
      return { ...e, vendorId: 0, productId: 0, serial: null, path: '', product: null };
    case 'day:rolled-over':
    case 'announcement:posted': // announcements are written for the lobby
    case 'announcement:cleared':
      return e;
    default: {
      const unknown: never = e;
      return unknown;
    }
  }
}

export function publicSnapshot(s: SiteSnapshot): SiteSnapshot {
  return {
    ...s,
    counters: s.counters.map(publicCounter),
    printers: s.printers.map((p) => ({ ...p, detail: null })),
  };
}
