import type { SiteEvent } from '@madoguchi/shared';

/** Receives events after their transaction has committed. */
export interface Publisher {
  publish(event: SiteEvent): void;
}
