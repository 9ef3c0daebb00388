import { describe, it, expect } from 'vitest';
import { DomainError } from '@madoguchi/shared';
import { formatLabel, nextNumber, type NumberingState } from './numbering.js';
import type { Numbering } from './site.js';

const certificates: Numbering = { prefix: '', first: 1001, last: 1999, width: 4, wrap: false };
const small = (wrap: boolean): Numbering => ({ prefix: 'A-', first: 1, last: 5, width: 3, wrap });
const none = (): boolean => false;
const activeSet =
  (...nums: number[]) =>
  (n: number): boolean =>
    nums.includes(n);

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected a throw');
}

describe('formatLabel()', () => {
  it('formatLabel() zero-pads the number to the width and puts the prefix in front', () => {
    expect(formatLabel(small(false), 23)).toBe('A-023');
    expect(formatLabel(small(false), 1)).toBe('A-001');
    expect(formatLabel(certificates, 1023)).toBe('1023');
    expect(formatLabel({ ...certificates, width: 6 }, 1023)).toBe('001023');
  });

  it('formatLabel() never truncates a number wider than the width', () => {
    expect(formatLabel({ ...certificates, width: 2 }, 1023)).toBe('1023');
  });
});

describe('nextNumber()', () => {
  it('nextNumber() starts the business day at the first number in cycle 0', () => {
    expect(nextNumber(certificates, { lastNumber: null, cycle: 0 }, none)).toEqual({ number: 1001, cycle: 0 });
  });

  it('nextNumber() increments by one from the last number', () => {
    expect(nextNumber(certificates, { lastNumber: 1001, cycle: 0 }, none)).toEqual({ number: 1002, cycle: 0 });
    expect(nextNumber(certificates, { lastNumber: 1998, cycle: 0 }, none)).toEqual({ number: 1999, cycle: 0 });
  });

  it('nextNumber() is strictly increasing over a run of issues within a cycle', () => {
    let state: NumberingState = { lastNumber: null, cycle: 0 };
    const issued: number[] = [];
    for (let i = 0; i < 5; i++) {
      const { number, cycle } = nextNumber(small(false), state, none);
      issued.push(number);
      state = { lastNumber: number, cycle };
    }
    expect(issued).toEqual([1, 2, 3, 4, 5]);
  });

  it('nextNumber() throws NUMBERS_EXHAUSTED past the last number when wrapping is off', () => {
    const e = thrown(() => nextNumber(certificates, { lastNumber: 1999, cycle: 0 }, none));
    expect(e).toBeInstanceOf(DomainError);
    expect((e as DomainError).code).toBe('NUMBERS_EXHAUSTED');
  });

  it('nextNumber() without wrapping throws NUMBERS_EXHAUSTED even when low numbers are free', () => {
    expect(() => nextNumber(small(false), { lastNumber: 5, cycle: 0 }, none)).toThrow(DomainError);
  });

  it('nextNumber() with wrapping goes to the lowest number not active and starts a new cycle', () => {
    expect(nextNumber(small(true), { lastNumber: 5, cycle: 0 }, activeSet(1, 2, 4))).toEqual({ number: 3, cycle: 1 });
    expect(nextNumber(small(true), { lastNumber: 5, cycle: 0 }, none)).toEqual({ number: 1, cycle: 1 });
  });

  it('nextNumber() in a wrapped cycle skips numbers that are still active', () => {
    expect(nextNumber(small(true), { lastNumber: 1, cycle: 1 }, activeSet(2, 3))).toEqual({ number: 4, cycle: 1 });
    expect(nextNumber(small(true), { lastNumber: 1, cycle: 1 }, none)).toEqual({ number: 2, cycle: 1 });
  });

  it('nextNumber() in a wrapped cycle wraps again when every higher number is active', () => {
    expect(nextNumber(small(true), { lastNumber: 3, cycle: 1 }, activeSet(1, 4, 5))).toEqual({ number: 2, cycle: 2 });
  });

  it('nextNumber() with wrapping throws NUMBERS_EXHAUSTED when every number is active', () => {
    const e = thrown(() => nextNumber(small(true), { lastNumber: 5, cycle: 0 }, activeSet(1, 2, 3, 4, 5)));
    expect(e).toBeInstanceOf(DomainError);
    expect((e as DomainError).code).toBe('NUMBERS_EXHAUSTED');
  });

  it('nextNumber() in cycle 0 does not consult active numbers (they cannot have been issued yet)', () => {
    expect(nextNumber(small(true), { lastNumber: 2, cycle: 0 }, activeSet(3))).toEqual({ number: 3, cycle: 0 });
  });
});
