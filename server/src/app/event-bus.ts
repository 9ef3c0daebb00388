import type { SiteEvent } from '@madoguchi/shared';
import type { Publisher } from '../ports/publisher.js';

/** Fans committed events out to listeners (realtime, printers, alerts). */
export class EventBus implements Publisher {
  private readonly listeners = new Set<(e: SiteEvent) => void>();

  publish(event: SiteEvent): void {
    for (const l of this.listeners) {
      try {
        l(event);
      } catch (err) {
        // a failing listener must not stop the others nor the use case that already committed
        this.onListenerError(err, event);
      }
    }
  }

  subscribe(listener: (e: SiteEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onListenerError: (err: unknown, e: SiteEvent) => void = (err) => {
    queueMicrotask(() => {
      throw err;
    });
  };
}
