/**
 * Estimated wait (docs/product.md §3.7). A ticket is called when a counter serving its queue is free
 * and everyone ahead of it has been called. The model schedules the tickets ahead, in call order,
 * onto the counters as they come free:
 *
 * - each counter comes free after what it is doing now: the remaining service of its citizen
 *   given how long it has already lasted, the walk of a citizen just called, or the rest of a
 *   pause; an idle open counter is free now;
 * - each ticket ahead occupies a counter for its procedure's service time (recent-weighted,
 *   configured defaults before data exists) plus the walk from the lobby to the counter, scaled
 *   by what the day's log shows about the queue's pace and order (wait-history.ts);
 * - a counter that serves several queues gives this queue only its share of its time.
 *
 * The domain is pure: the app layer gathers the observations (forecast.ts).
 */

export interface ServiceSample {
  queueId: string;
  serviceId: string | null;
  seconds: number;
}

export interface ServiceTimeModel {
  /** expected service minutes of a ticket of this queue and procedure */
  minutes(queueId: string, serviceId: string | null): number;
  /** coefficient of variation of a queue's service times around their procedures' means */
  cv(queueId: string): number;
}

export interface ServiceDefaults {
  queueMinutes(queueId: string): number;
  serviceMinutes(queueId: string, serviceId: string): number | undefined;
}

/**
 * Each sample weighs this much less than the one after it (half-life about 23 samples): recent
 * enough to follow a slower afternoon, smooth enough that a few long services do not swing
 * everyone's estimate (an exponential mean with weight 0.3 on the newest sample moves by ±25 %
 * on service times as variable as a counter's).
 */
const DECAY = 0.97;
/** the configured default counts as this many samples, ageing like the oldest one */
const PRIOR_WEIGHT = 3;
/** service times vary this much before there are samples to tell (lognormal) */
const DEFAULT_CV = 0.6;
const MIN_CV_SAMPLES = 8;

/** Weighted mean of samples ordered oldest first, starting from a prior that fades with age. */
function recentMean(values: readonly number[], prior: number): number {
  let sum = 0;
  let weights = 0;
  let w = 1;
  for (let i = values.length - 1; i >= 0; i--) {
    sum += w * (values[i] ?? 0);
    weights += w;
    w *= DECAY;
  }
  const wp = PRIOR_WEIGHT * w;
  return (sum + wp * prior) / (weights + wp);
}

/** Builds the model from samples ordered oldest first. */
export function serviceTimeModel(samples: readonly ServiceSample[], defaults: ServiceDefaults): ServiceTimeModel {
  const byQueue = new Map<string, number[]>();
  const byService = new Map<string, number[]>();
  const add = (map: Map<string, number[]>, key: string, v: number): void => {
    const list = map.get(key);
    if (list) list.push(v);
    else map.set(key, [v]);
  };
  const serviceKey = (queueId: string, serviceId: string): string => `${queueId}\u0000${serviceId}`;
  for (const s of samples) {
    const min = Math.max(s.seconds, 1) / 60;
    add(byQueue, s.queueId, min);
    if (s.serviceId) add(byService, serviceKey(s.queueId, s.serviceId), min);
  }
  const memo = new Map<string, number>();
  const compute = (queueId: string, serviceId: string | null): number => {
    const queueDefault = Math.max(defaults.queueMinutes(queueId), 0.1);
    const queueMean = recentMean(byQueue.get(queueId) ?? [], queueDefault);
    if (!serviceId) return queueMean;
    // the procedure's configured default, scaled by how the queue runs against its own default
    const prior = ((defaults.serviceMinutes(queueId, serviceId) ?? queueDefault) * queueMean) / queueDefault;
    return recentMean(byService.get(serviceKey(queueId, serviceId)) ?? [], prior);
  };
  const minutes = (queueId: string, serviceId: string | null): number => {
    const key = `${queueId}\u0000${serviceId ?? ''}`;
    let v = memo.get(key);
    if (v === undefined) {
      v = compute(queueId, serviceId);
      memo.set(key, v);
    }
    return v;
  };
  const cvs = new Map<string, number>();
  return {
    minutes,
    cv(queueId) {
      let cv = cvs.get(queueId);
      if (cv === undefined) {
        // spread of log(sample / its procedure's mean): the lognormal σ, free of the procedure mix
        const logs = samples
          .filter((s) => s.queueId === queueId)
          .map((s) => Math.log(Math.max(s.seconds, 1) / 60 / minutes(queueId, s.serviceId)));
        if (logs.length < MIN_CV_SAMPLES) cv = DEFAULT_CV;
        else {
          const m = logs.reduce((a, b) => a + b, 0) / logs.length;
          const variance = logs.reduce((a, b) => a + (b - m) ** 2, 0) / (logs.length - 1);
          cv = Math.min(2, Math.sqrt(Math.exp(variance) - 1));
        }
        cvs.set(queueId, cv);
      }
      return cv;
    },
  };
}

/** Standard normal distribution function (Abramowitz & Stegun 26.2.17, error < 7.5e-8). */
function normalCdf(z: number): number {
  const t = 1 / (1 + 0.2316419 * Math.abs(z));
  const poly = t * (0.31938153 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
  const tail = 0.3989422804014327 * Math.exp((-z * z) / 2) * poly;
  return z >= 0 ? 1 - tail : tail;
}

/**
 * Expected remaining minutes of a service that has lasted `elapsed` minutes, for lognormal
 * service times of the given mean and coefficient of variation: E[S − a | S > a]. A long
 * service is expected to go on a while yet, not to end at once.
 */
export function remainingServiceMinutes(mean: number, cv: number, elapsed: number): number {
  if (elapsed <= 0) return mean;
  if (cv <= 0) return Math.max(0, mean - elapsed);
  const s2 = Math.log(1 + cv * cv);
  const s = Math.sqrt(s2);
  const mu = Math.log(mean) - s2 / 2;
  const la = Math.log(elapsed);
  const survive = normalCdf((mu - la) / s);
  // far in the tail the ratio underflows: the residual then grows roughly like a·σ²/ln(a/e^μ)
  if (survive < 1e-9) return (elapsed * s2) / Math.max(la - mu, s2);
  const partial = mean * normalCdf((mu + s2 - la) / s);
  return Math.max(0, partial / survive - elapsed);
}

export interface CounterCapacity {
  /** minutes until it can call a ticket of the queue (0: now) */
  freeIn: number;
  /** the share of its time the queue gets, 0 < share ≤ 1 */
  share: number;
}

export interface WaitInput {
  /** counter minutes each ticket ahead takes (service and walk), in call order */
  ahead: readonly number[];
  /** the counters that will call tickets of the queue */
  counters: readonly CounterCapacity[];
}

/** a queue nobody serves yet is estimated as if half a counter served it */
const NOBODY: CounterCapacity = { freeIn: 0, share: 0.5 };

/**
 * Minutes until each place of a line is called, unrounded: element k is the wait of the ticket
 * behind the first k of `ahead` (so the last is the wait behind all of them). One pass gives every
 * place's wait, where asking place by place would repeat the line's head for each.
 */
export function expectedWaitsByPlace(input: WaitInput): number[] {
  const counters = input.counters.filter((c) => c.share > 0);
  const pool = (counters.length > 0 ? counters : [NOBODY]).map((c) => ({ free: Math.max(0, c.freeIn), share: Math.min(1, c.share) }));
  const earliest = () => {
    let best = pool[0];
    for (const c of pool) if (best && c.free < best.free) best = c;
    if (!best) throw new Error('no counter');
    return best;
  };
  const waits = [earliest().free];
  for (const minutes of input.ahead) {
    const c = earliest();
    c.free += Math.max(0, minutes) / c.share;
    waits.push(earliest().free);
  }
  return waits;
}

/** Minutes until the ticket behind `ahead` is called, unrounded. */
export function expectedWaitMinutes(input: WaitInput): number {
  const waits = expectedWaitsByPlace(input);
  return waits[waits.length - 1] ?? 0;
}

/** Whole minutes, as shown: never below zero. */
export const roundedWait = (minutes: number): number => Math.max(0, Math.round(minutes));

export function estimateWaitMinutes(input: WaitInput): number {
  return roundedWait(expectedWaitMinutes(input));
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
