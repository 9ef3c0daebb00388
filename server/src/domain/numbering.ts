import { DomainError } from '@madoguchi/shared';
import type { Numbering } from './site.js';

export interface NumberingState {
  lastNumber: number | null;
  cycle: number;
}

export const formatLabel = (n: Numbering, num: number): string => n.prefix + String(num).padStart(n.width, '0');

/**
 * The next number of a queue's business day. Strictly increasing; when the range is exhausted
 * it wraps (if configured) to the lowest number not active now, in a new cycle.
 */
export function nextNumber(
  n: Numbering,
  state: NumberingState,
  isActive: (num: number) => boolean,
): { number: number; cycle: number } {
  const candidate = state.lastNumber === null ? n.first : Math.max(n.first, state.lastNumber + 1);
  if (candidate <= n.last) {
    if (state.cycle === 0 || !isActive(candidate)) return { number: candidate, cycle: state.cycle };
    // in a wrapped cycle, skip numbers still in use
    for (let num = candidate + 1; num <= n.last; num++) if (!isActive(num)) return { number: num, cycle: state.cycle };
  }
  if (!n.wrap) {
    throw new DomainError('NUMBERS_EXHAUSTED', `numbers ${n.first}–${n.last} are used up for today`);
  }
  for (let num = n.first; num <= n.last; num++) {
    if (!isActive(num)) return { number: num, cycle: state.cycle + 1 };
  }
  throw new DomainError('NUMBERS_EXHAUSTED', `every number ${n.first}–${n.last} is in use`);
}
