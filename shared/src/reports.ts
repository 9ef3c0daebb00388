/** Report figures as the API answers them (server/src/domain/report.ts computes them). */

export interface WaitStats {
  count: number;
  mean: number | null;
  median: number | null;
  p90: number | null;
  max: number | null;
}

export interface QueueFigures {
  queue: string;
  issued: number;
  served: number;
  noShows: number;
  cancelled: number;
  expired: number;
  transfersIn: number;
  waits: WaitStats;
  serviceTimes: WaitStats;
  noShowRate: number | null;
}

export interface CounterFigures {
  counter: string;
  /** tickets called here (first calls and calls after a transfer) */
  called: number;
  served: number;
  /** minutes with a citizen called or served at the counter */
  busyMinutes: number;
  /** minutes the counter was open within the period */
  openMinutes: number;
  /** busy ÷ open, or null when it was never open */
  utilisation: number | null;
}
