import { describe, it, expect } from 'vitest';
import { DomainError, TICKET_STATES, type TicketState } from '@madoguchi/shared';
import { canTransition, sortKeyAtFront, sortKeyByIssue, transition, TRANSITIONS, type TicketAction } from './ticket.js';
import { queueOrder, type Candidate } from './selection.js';

/**
 * docs/product.md §2, written out independently of TRANSITIONS and read the other way round (by
 * state, as a clerk meets it): the actions each state allows, and where each action leads.
 */
const ALLOWED: Record<TicketState, TicketAction[]> = {
  waiting: ['call', 'cancel', 'expire'],
  called: ['recall', 'start', 'complete', 'no-show', 'transfer', 'cancel', 'expire'],
  serving: ['recall', 'complete', 'transfer'],
  no_show: ['reinstate', 'cancel'],
  done: [],
  cancelled: [],
  expired: [],
};
const LEADS_TO: Record<TicketAction, TicketState> = {
  call: 'called',
  recall: 'called',
  start: 'serving',
  complete: 'done',
  'no-show': 'no_show',
  transfer: 'waiting',
  reinstate: 'waiting',
  cancel: 'cancelled',
  expire: 'expired',
};
const ACTIONS = Object.keys(LEADS_TO) as TicketAction[];

describe('ticket state machine', () => {
  it('TRANSITIONS lists exactly the actions of the state machine', () => {
    expect(Object.keys(TRANSITIONS).sort()).toEqual([...ACTIONS].sort());
  });

  for (const action of ACTIONS) {
    const to = LEADS_TO[action];
    for (const state of TICKET_STATES) {
      if (ALLOWED[state].includes(action)) {
        it(`transition() ${action} from ${state} leads to ${to}`, () => {
          expect(canTransition(state, action)).toBe(true);
          expect(transition({ state, label: '1001' }, action)).toBe(to);
        });
      } else {
        it(`transition() refuses ${action} from ${state} with INVALID_TRANSITION`, () => {
          expect(canTransition(state, action)).toBe(false);
          let error: unknown;
          try {
            transition({ state, label: '1001' }, action);
          } catch (e) {
            error = e;
          }
          expect(error).toBeInstanceOf(DomainError);
          expect((error as DomainError).code).toBe('INVALID_TRANSITION');
          expect((error as DomainError).message).toContain('1001');
        });
      }
    }
  }

  it('transition() never leaves a terminal state (done, cancelled, expired)', () => {
    for (const state of ['done', 'cancelled', 'expired'] as const) {
      for (const action of ACTIONS) expect(canTransition(state, action)).toBe(false);
    }
  });
});

describe('sort keys', () => {
  it('sortKeyAtFront() sorts before any sortKeyByIssue()', () => {
    for (const placement of [0, 1, 1000, 1_000_000]) {
      for (const issue of [0, 1, 42, 1_000_000, 100_000_000]) {
        expect(sortKeyAtFront(placement)).toBeLessThan(sortKeyByIssue(issue));
      }
    }
  });

  it('sortKeyAtFront() keeps front placements in the order they were placed', () => {
    expect(sortKeyAtFront(1)).toBeLessThan(sortKeyAtFront(2));
    expect(sortKeyAtFront(7)).toBeLessThan(sortKeyAtFront(300));
  });

  it('sortKeyByIssue() orders tickets by issue sequence, so a transfer slots in by its original issue', () => {
    expect(sortKeyByIssue(3)).toBeLessThan(sortKeyByIssue(4));
  });

  it('queueOrder() puts reinstated tickets (front keys) ahead of issued ones, earliest placement first', () => {
    const c = (id: number, sortKey: number): Candidate => ({ id, queueId: 'q', priority: false, lowCounter: false, sortKey });
    const order = queueOrder([c(1, sortKeyByIssue(1)), c(2, sortKeyAtFront(2)), c(3, sortKeyByIssue(3)), c(4, sortKeyAtFront(1))]);
    expect(order.map((t) => t.id)).toEqual([4, 2, 1, 3]);
  });
});
