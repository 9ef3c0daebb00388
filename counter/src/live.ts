import { StaffLive, type StaffLiveState, type TicketEvent } from '@madoguchi/shared/web';

export interface LiveState extends StaffLiveState {
  /** tickets transferred away, with the counter they left (a transfer clears `ticket.counter`) */
  transfers: ReadonlyMap<number, { fromCounter: string | null; at: string }>;
}

/**
 * The console's live view of a site (the staff kit's StaffLive: snapshot, events, today's tickets),
 * plus where the tickets transferred while the page was open came from (for the recent list).
 */
export class Live extends StaffLive<LiveState> {
  constructor(siteId: string) {
    super(siteId, { ...StaffLive.start(), transfers: new Map() });
  }

  protected override withTicket(e: TicketEvent): Partial<LiveState> {
    if (e.type !== 'ticket:transferred') return {};
    const transfers = new Map(this.state.transfers);
    transfers.set(e.ticket.id, { fromCounter: e.fromCounter, at: e.at });
    return { transfers };
  }
}
