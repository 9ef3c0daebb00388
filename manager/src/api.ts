import type { ButtonAction, CounterFigures, CounterView, Dashboard, MovePreview, QueueFigures, TicketView, WaitStats as Stats } from '@madoguchi/shared';
import { callApi, must, sitePath, type ApiError, type Role } from '@madoguchi/shared/web';

/**
 * The staff HTTP API the floor manager's page calls (docs: /docs on the server). The session is
 * the HttpOnly cookie set by the sign-in; same-origin requests carry it and the Origin header the
 * server checks on writes.
 */

/** A refused request: `code` from shared/errors.ts, or `NETWORK` when no answer came. */
export { ApiError, asApiError, ROLES, sitePath } from '@madoguchi/shared/web';
export type { QueueCatalogue, Role, Site, User } from '@madoguchi/shared/web';

export type { CounterFigures, QueueFigures, WaitStats as Stats } from '@madoguchi/shared';

/**
 * The daily report; `counters` and `transfers` are newer than the rest (optional here, so that a
 * server without them still shows the day).
 */
export interface DailyReport {
  date: string;
  issued: number;
  served: number;
  noShows: number;
  arrivalsByHour: number[];
  queues: QueueFigures[];
  services: Array<{ queue: string; service: string; served: number; waits: Stats; serviceTimes: Stats }>;
  satisfaction: Array<{ queue: string; answers: number; mean: number | null }>;
  counters?: CounterFigures[];
  transfers?: Array<{ from: string; to: string; count: number }> | number;
}

export interface MonthlyReport extends Omit<DailyReport, 'date'> {
  month: string;
  days: Array<{ date: string; issued: number; served: number; noShows: number; meanWait: number | null }>;
}

export interface UserRow {
  username: string;
  role: Role;
  createdAt: string;
  /** deleted accounts are disabled, kept for the audit log */
  disabled?: boolean;
  /** the sites the user may act on; null: every site */
  sites?: string[] | null;
}

export type DeviceKind = 'kiosk' | 'display' | 'counter';
export interface DeviceRow {
  id: number;
  kind: DeviceKind;
  name: string;
  createdAt: string;
  revokedAt: string | null;
}

export interface PrintersInfo {
  printers: Array<{ id: string; name: string; transport: string; model?: string; paperWidthMm?: number; health: string; detail: string | null; pendingJobs: number }>;
  /** each kiosk's printer: set on this page (`override`), by the configuration file, or the site's default */
  kiosks: Array<{ device: string; printer: string | null; source: string }>;
  defaultPrinter?: string | null;
}

export interface ButtonsInfo {
  /** false when the server runs without call buttons (node-hid could not load, or turned off) */
  enabled?: boolean;
  /** HID devices plugged in now */
  devices: Array<{ key: string; vendorId: number; productId: number; serial: string | null; path: string | null; bound: boolean; product?: string | null }>;
  /** `codes`: key code → action */
  bindings: Array<{ id: string; counter: string; vendorId: number; productId: number; serial: string | null; path: string | null; codes?: Record<string, string>; source: string }>;
}

const call = callApi;

const enc = encodeURIComponent;
const counterPath = (s: string, c: string) => `${sitePath(s)}/counters/${enc(c)}`;

/** The addresses of the CSV downloads (plain links: the browser sends the cookie). */
export const csv = {
  dailyTickets: (s: string, date: string) => `${sitePath(s)}/reports/daily.csv?date=${enc(date)}`,
  dailySummary: (s: string, date: string) => `${sitePath(s)}/reports/daily-summary.csv?date=${enc(date)}`,
  monthlyTickets: (s: string, month: string) => `${sitePath(s)}/reports/monthly.csv?month=${enc(month)}`,
  monthlySummary: (s: string, month: string) => `${sitePath(s)}/reports/monthly-summary.csv?month=${enc(month)}`,
};

/** The manager's own calls; the session, sites, queues and tickets are `staffApi`'s (shared/web). */
export const api = {
  dashboard: (s: string) => must(call<Dashboard>('GET', `${sitePath(s)}/dashboard`)),

  setCounterState: async (s: string, c: string, state: 'open' | 'paused' | 'closed', reason?: string): Promise<CounterView> =>
    (await must(call<{ counter: CounterView }>('PUT', counterPath(s, c), reason ? { state, reason } : { state }))).counter,
  movePreview: (s: string, c: string, queues: readonly string[], primaryQueue: string | null) =>
    must(call<MovePreview>('GET', `${counterPath(s, c)}/move-preview?queues=${queues.map(enc).join(',')}${primaryQueue ? `&primaryQueue=${enc(primaryQueue)}` : ''}`)),
  moveCounter: async (s: string, c: string, queues: readonly string[], primaryQueue: string | null): Promise<CounterView> =>
    (await must(call<{ counter: CounterView }>('PUT', counterPath(s, c), { queues, primaryQueue }))).counter,
  setIssuing: (s: string, state: 'auto' | 'open' | 'paused', queue: string | null, reason: string | null) =>
    call<unknown>('PUT', `${sitePath(s)}/issuing`, { state, ...(queue ? { queue } : {}), ...(reason ? { reason } : {}) }),
  postAnnouncement: async (s: string, message: string, severity: 'info' | 'emergency'): Promise<number> =>
    (await must(call<{ id: number }>('POST', `${sitePath(s)}/announcements`, { message, severity }))).id,
  clearAnnouncement: (s: string, id: number) => call<null>('DELETE', `${sitePath(s)}/announcements/${id}`),

  reinstate: (s: string, id: number) => call<{ ticket: TicketView }>('POST', `${sitePath(s)}/tickets/${id}/reinstate`),
  cancel: (s: string, id: number) => call<{ ticket: TicketView }>('POST', `${sitePath(s)}/tickets/${id}/cancel`),
  reprint: (s: string, id: number) => call<unknown>('POST', `${sitePath(s)}/tickets/${id}/reprint`, {}),
  discardPrintJob: (s: string, id: number) => call<null>('POST', `${sitePath(s)}/print-jobs/${id}/discard`),

  dailyReport: (s: string, date: string) => must(call<DailyReport>('GET', `${sitePath(s)}/reports/daily?date=${enc(date)}`)),
  monthlyReport: (s: string, month: string) => must(call<MonthlyReport>('GET', `${sitePath(s)}/reports/monthly?month=${enc(month)}`)),

  users: async (): Promise<UserRow[]> => (await call<{ users: UserRow[] }>('GET', '/api/v1/users'))?.users ?? [],
  /** `sites`: null for every site */
  createUser: (username: string, password: string, role: Role, sites: string[] | null = null) =>
    call<unknown>('POST', '/api/v1/users', { username, password, role, ...(sites ? { sites } : {}) }),
  updateUser: (username: string, change: { role?: Role; password?: string; sites?: string[] | null }) => call<unknown>('PUT', `/api/v1/users/${enc(username)}`, change),
  deleteUser: (username: string) => call<null>('DELETE', `/api/v1/users/${enc(username)}`),

  devices: async (s: string): Promise<DeviceRow[]> => (await call<{ devices: DeviceRow[] }>('GET', `${sitePath(s)}/devices`))?.devices ?? [],
  createDevice: (s: string, kind: DeviceKind, name: string) => must(call<{ id: number; token: string }>('POST', `${sitePath(s)}/devices`, { kind, name })),
  revokeDevice: (s: string, id: number) => call<null>('DELETE', `${sitePath(s)}/devices/${id}`),

  printers: async (s: string): Promise<PrintersInfo> => (await call<PrintersInfo>('GET', `${sitePath(s)}/printers`)) ?? { printers: [], kiosks: [] },
  /** `null`: back to the configuration file */
  setKioskPrinter: (s: string, device: string, printer: string | null) => call<unknown>('PUT', `${sitePath(s)}/kiosks/${enc(device)}/printer`, { printer }),

  buttons: async (s: string): Promise<ButtonsInfo> => (await call<ButtonsInfo>('GET', `${sitePath(s)}/buttons`)) ?? { devices: [], bindings: [] },
  learnButton: (s: string, counter: string, action: ButtonAction | null) =>
    must(call<{ counter: string; action: string; timeoutMs: number }>('POST', `${sitePath(s)}/buttons/learn`, action ? { counter, action } : { counter })),
  unbindButton: (s: string, id: string) => call<null>('DELETE', `${sitePath(s)}/buttons/bindings/${enc(String(id))}`),
};

/** A refusal of the user routes, told more precisely than its bare code. */
export function userErrorCode(e: ApiError, action: 'create' | 'update' | 'delete'): string {
  if (e.code === 'VALIDATION' && e.field?.includes('password')) return 'WEAK_PASSWORD';
  if (e.code === 'VALIDATION' && e.field?.includes('username')) return 'BAD_USERNAME';
  if (e.status === 409 && action === 'create') return 'USER_EXISTS';
  if (e.status === 409) return 'USER_PROTECTED';
  return e.code;
}
