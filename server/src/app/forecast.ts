import { counterShare, estimateWaitMinutes, serviceTimeModel, type ServiceTimeModel } from '../domain/estimate.js';
import { queueOrder } from '../domain/selection.js';
import type { SiteDef } from '../domain/site.js';
import type { TicketStore, WaitingTicket } from '../ports/ticket-store.js';
import { effectiveQueues } from './views.js';

const SAMPLE_LIMIT = 300;

/** Everything needed to estimate waits in a site's queues, read once per use case. */
export class SiteForecast {
  private readonly model: ServiceTimeModel;
  private readonly waitingByQueue = new Map<string, WaitingTicket[]>();
  private readonly capacity = new Map<string, { counters: number; busy: number }>();

  constructor(store: TicketStore, private readonly site: SiteDef, businessDate: string) {
    this.model = serviceTimeModel(store.serviceSamples(site.id, businessDate, SAMPLE_LIMIT), {
      queueMinutes: (q) => site.queues.find((x) => x.id === q)?.defaultServiceMinutes ?? 10,
      serviceMinutes: (q, s) =>
        site.queues.find((x) => x.id === q)?.services.find((x) => x.id === s)?.defaultServiceMinutes,
    });
    const queueIds = site.queues.map((q) => q.id);
    for (const w of store.waiting(site.id, queueIds)) {
      const list = this.waitingByQueue.get(w.queueId) ?? [];
      list.push(w);
      this.waitingByQueue.set(w.queueId, list);
    }
    const rows = store.counters(site.id);
    for (const q of queueIds) {
      let open = 0;
      let planned = 0;
      let busy = 0;
      for (const def of site.counters) {
        const row = rows.find((r) => r.id === def.id);
        if (!row) continue;
        const share = counterShare(effectiveQueues(def, row), q);
        planned += share;
        if (row.availability === 'open') {
          open += share;
          if (row.currentTicketId !== null) busy += share;
        }
      }
      // before opening, estimate with the counters planned for the queue
      this.capacity.set(q, { counters: open > 0 ? open : planned, busy: open > 0 ? busy : 0 });
    }
  }

  waiting(queueId: string): number {
    return this.waitingByQueue.get(queueId)?.length ?? 0;
  }

  /** People ahead of a waiting ticket, and its estimated wait. */
  forTicket(queueId: string, ticketId: number): { ahead: number; estimatedWaitMinutes: number } {
    const order = queueOrder(this.waitingByQueue.get(queueId) ?? []) as WaitingTicket[];
    const idx = order.findIndex((t) => t.id === ticketId);
    const ahead = idx < 0 ? order.length : idx;
    return { ahead, estimatedWaitMinutes: this.estimate(queueId, order.slice(0, ahead)) };
  }

  /** The estimated wait of a ticket taken now (behind everyone waiting). */
  forNewTicket(queueId: string): { ahead: number; estimatedWaitMinutes: number } {
    const order = this.waitingByQueue.get(queueId) ?? [];
    return { ahead: order.length, estimatedWaitMinutes: this.estimate(queueId, order) };
  }

  private estimate(queueId: string, ahead: readonly WaitingTicket[]): number {
    const cap = this.capacity.get(queueId) ?? { counters: 0, busy: 0 };
    return estimateWaitMinutes({
      ahead: ahead.map((t) => this.model.minutes(queueId, t.serviceId)),
      counters: cap.counters,
      busy: cap.busy,
      meanMinutes: this.model.minutes(queueId, null),
    });
  }
}
