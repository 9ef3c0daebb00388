/**
 * First estimated-wait model (product.md §3.7): the work ahead of a ticket (recent-weighted
 * service time of each ticket's procedure, configured defaults before data exists), plus the
 * remaining work at busy counters, shared among the counters open for the queue.
 */

export interface ServiceSample {
  queueId: string;
  serviceId: string | null;
  seconds: number;
}

/** Weight of the newest sample in the exponentially weighted mean. */
const ALPHA = 0.3;

export interface ServiceTimeModel {
  /** expected service minutes of a ticket of this queue and procedure */
  minutes(queueId: string, serviceId: string | null): number;
}

export interface ServiceDefaults {
  queueMinutes(queueId: string): number;
  serviceMinutes(queueId: string, serviceId: string): number | undefined;
}

function ewma(values: readonly number[], prior: number): number {
  let m = prior;
  for (const v of values) m = ALPHA * v + (1 - ALPHA) * m;
  return m;
}

/** Builds the model from samples ordered oldest first. */
export function serviceTimeModel(samples: readonly ServiceSample[], defaults: ServiceDefaults): ServiceTimeModel {
  const byQueue = new Map<string, number[]>();
  const byService = new Map<string, number[]>();
  for (const s of samples) {
    const min = s.seconds / 60;
    byQueue.set(s.queueId, [...(byQueue.get(s.queueId) ?? []), min]);
    if (s.serviceId) {
      const k = `${s.queueId}\u0000${s.serviceId}`;
      byService.set(k, [...(byService.get(k) ?? []), min]);
    }
  }
  return {
    minutes(queueId, serviceId) {
      const queueDefault = Math.max(defaults.queueMinutes(queueId), 0.1);
      const queueMean = ewma(byQueue.get(queueId) ?? [], queueDefault);
      if (!serviceId) return queueMean;
      // the procedure's configured default, scaled by how the queue runs against its own default
      const prior = ((defaults.serviceMinutes(queueId, serviceId) ?? queueDefault) * queueMean) / queueDefault;
      return ewma(byService.get(`${queueId}\u0000${serviceId}`) ?? [], prior);
    },
  };
}

export interface WaitInput {
  /** expected service minutes of each ticket ahead, in call order */
  ahead: readonly number[];
  /** counters serving the queue, weighted by the share of their time it gets */
  counters: number;
  /** counters of the queue busy with a citizen now */
  busy: number;
  /** mean service minutes of the queue, for the work left at busy counters */
  meanMinutes: number;
}

export function estimateWaitMinutes(input: WaitInput): number {
  const counters = Math.max(input.counters, 0.5);
  const work = input.ahead.reduce((a, b) => a + b, 0) + Math.min(input.busy, counters) * (input.meanMinutes / 2);
  return Math.max(0, Math.round(work / counters));
}

/** The naive estimate the model must beat: ahead × mean / counters. */
export const naiveWaitMinutes = (ahead: number, meanMinutes: number, counters: number): number =>
  Math.round((ahead * meanMinutes) / Math.max(counters, 1));

/**
 * How much of a counter's time a queue gets: a counter with a primary queue gives it its
 * full attention (the others get what is left over), otherwise it splits evenly.
 */
export function counterShare(counter: { queues: readonly string[]; primaryQueue?: string | null }, queueId: string): number {
  if (!counter.queues.includes(queueId)) return 0;
  if (counter.primaryQueue) return counter.primaryQueue === queueId ? 1 : 0.25 / Math.max(1, counter.queues.length - 1);
  return 1 / counter.queues.length;
}
