import type { AnnouncementTexts, ButtonAction, CounterAvailability, CounterView, DeviceKind, DeviceRow, IssuingMode, Role, UserRow } from '@madoguchi/shared';
import type { BookingRow, BookingsList } from '@madoguchi/shared';
import { apiCall, sitePath, type ApiError } from '@madoguchi/shared/web';

/**
 * The staff HTTP API the floor manager's page calls (docs: /docs on the server), typed from the
 * route map. The session is the HttpOnly cookie set by the sign-in; same-origin requests carry it
 * and the Origin header the server checks on writes.
 */

/** A refused request: `code` from shared/errors.ts, or `NETWORK` when no answer came. */
export { ApiError, asApiError, ROLES, sitePath } from '@madoguchi/shared/web';
export type {
  BookingRow,
  BookingsList,
  ButtonsInfo,
  CounterFigures,
  DailyReport,
  DeviceKind,
  DeviceRow,
  MonthlyReport,
  PrintersInfo,
  QueueCatalogue,
  QueueFigures,
  Role,
  Site,
  User,
  UserRow,
  WaitStats as Stats,
  SitesComparison,
  SiteComparison,
  Staffing,
  StaffingHour,
  ForecastAccuracy,
  HistorySpan,
} from '@madoguchi/shared';

const enc = encodeURIComponent;
const atCounter = (site: string, counter: string) => ({ site, counter });

/** The addresses of the CSV downloads (plain links: the browser sends the cookie). */
export const csv = {
  dailyTickets: (s: string, date: string) => `${sitePath(s)}/reports/daily.csv?date=${enc(date)}`,
  dailySummary: (s: string, date: string) => `${sitePath(s)}/reports/daily-summary.csv?date=${enc(date)}`,
  monthlyTickets: (s: string, month: string) => `${sitePath(s)}/reports/monthly.csv?month=${enc(month)}`,
  monthlySummary: (s: string, month: string) => `${sitePath(s)}/reports/monthly-summary.csv?month=${enc(month)}`,
  sitesComparison: (month: string) => `/api/v1/reports/sites.csv?month=${enc(month)}`,
};

/** The manager's own calls; the session, sites, queues and tickets are `staffApi`'s (shared/web). */
export const api = {
  dashboard: (site: string) => apiCall('GET /api/v1/sites/:site/dashboard', { params: { site } }),

  setCounterState: async (s: string, c: string, state: CounterAvailability, reason?: string): Promise<CounterView> =>
    (await apiCall('PUT /api/v1/sites/:site/counters/:counter', { params: atCounter(s, c), body: reason ? { state, reason } : { state } })).counter,
  movePreview: (s: string, c: string, queues: readonly string[], primaryQueue: string | null) =>
    apiCall('GET /api/v1/sites/:site/counters/:counter/move-preview', { params: atCounter(s, c), query: { queues: queues.join(','), ...(primaryQueue ? { primaryQueue } : {}) } }),
  moveCounter: async (s: string, c: string, queues: readonly string[], primaryQueue: string | null): Promise<CounterView> =>
    (await apiCall('PUT /api/v1/sites/:site/counters/:counter', { params: atCounter(s, c), body: { queues: [...queues], primaryQueue } })).counter,
  setIssuing: (site: string, state: IssuingMode, queue: string | null, reason: string | null) =>
    apiCall('PUT /api/v1/sites/:site/issuing', { params: { site }, body: { state, ...(queue ? { queue } : {}), ...(reason ? { reason } : {}) } }),
  postAnnouncement: async (site: string, message: string, severity: 'info' | 'emergency', texts: AnnouncementTexts): Promise<number> =>
    (await apiCall('POST /api/v1/sites/:site/announcements', { params: { site }, body: { message, severity, texts } })).id,
  clearAnnouncement: (site: string, id: number) => apiCall('DELETE /api/v1/sites/:site/announcements/:id', { params: { site, id } }),

  reinstate: (site: string, id: number) => apiCall('POST /api/v1/sites/:site/tickets/:id/reinstate', { params: { site, id } }),
  cancel: (site: string, id: number) => apiCall('POST /api/v1/sites/:site/tickets/:id/cancel', { params: { site, id } }),
  reprint: (site: string, id: number) => apiCall('POST /api/v1/sites/:site/tickets/:id/reprint', { params: { site, id }, body: {} }),
  discardPrintJob: (site: string, id: number) => apiCall('POST /api/v1/sites/:site/print-jobs/:id/discard', { params: { site, id } }),

  dailyReport: (site: string, date: string) => apiCall('GET /api/v1/sites/:site/reports/daily', { params: { site }, query: { date } }),
  monthlyReport: (site: string, month: string) => apiCall('GET /api/v1/sites/:site/reports/monthly', { params: { site }, query: { month } }),

  users: async (): Promise<UserRow[]> => (await apiCall('GET /api/v1/users', {})).users,
  /** `sites`: null for every site */
  createUser: (username: string, password: string, role: Role, sites: string[] | null = null) =>
    apiCall('POST /api/v1/users', { body: { username, password, role, ...(sites ? { sites } : {}) } }),
  updateUser: (username: string, change: { role?: Role; password?: string; sites?: string[] | null }) => apiCall('PUT /api/v1/users/:username', { params: { username }, body: change }),
  deleteUser: (username: string) => apiCall('DELETE /api/v1/users/:username', { params: { username } }),

  devices: async (site: string): Promise<DeviceRow[]> => (await apiCall('GET /api/v1/sites/:site/devices', { params: { site } })).devices,
  createDevice: (site: string, kind: DeviceKind, name: string) => apiCall('POST /api/v1/sites/:site/devices', { params: { site }, body: { kind, name } }),
  revokeDevice: (site: string, id: number) => apiCall('DELETE /api/v1/sites/:site/devices/:id', { params: { site, id } }),

  printers: (site: string) => apiCall('GET /api/v1/sites/:site/printers', { params: { site } }),
  /** `null`: back to the configuration file */
  setKioskPrinter: (site: string, device: string, printer: string | null) => apiCall('PUT /api/v1/sites/:site/kiosks/:device/printer', { params: { site, device }, body: { printer } }),

  buttons: (site: string) => apiCall('GET /api/v1/sites/:site/buttons', { params: { site } }),
  learnButton: (site: string, counter: string, action: ButtonAction | null) =>
    apiCall('POST /api/v1/sites/:site/buttons/learn', { params: { site }, body: action ? { counter, action } : { counter } }),
  unbindButton: (site: string, id: string) => apiCall('DELETE /api/v1/sites/:site/buttons/bindings/:id', { params: { site, id } }),
};

/** A refusal of the user routes, told more precisely than its bare code. */
export function userErrorCode(e: ApiError, action: 'create' | 'update' | 'delete'): string {
  if (e.code === 'VALIDATION' && e.field?.includes('password')) return 'WEAK_PASSWORD';
  if (e.code === 'VALIDATION' && e.field?.includes('username')) return 'BAD_USERNAME';
  if (e.status === 409 && action === 'create') return 'USER_EXISTS';
  if (e.status === 409) return 'USER_PROTECTED';
  return e.code;
}

/** The staffing plan (per queue and hour, with the forecast's accuracy) and the comparison across sites. */
export const planning = {
  staffing: (site: string, date: string, targetWaitMinutes: number) => apiCall('GET /api/v1/sites/:site/staffing', { params: { site }, query: { date, targetWaitMinutes } }),
  sites: (month: string) => apiCall('GET /api/v1/reports/sites', { query: { month } }),
  history: (site: string) => apiCall('GET /api/v1/sites/:site/history', { params: { site } }),
};

/** 来庁予約: the day's bookings and closures, cancel one with a reason, close booking for a day and reopen it. */
export const bookings = {
  ofDay: (site: string, date: string): Promise<BookingsList> => apiCall('GET /api/v1/sites/:site/bookings', { params: { site }, query: { date } }),
  cancel: (site: string, code: string, reason: string): Promise<BookingRow> => apiCall('POST /api/v1/sites/:site/bookings/:code/cancel', { params: { site, code }, body: { reason } }),
  /** `queue` null: every queue of the site; answers how many open bookings it cancelled */
  closeDay: (site: string, date: string, queue: string | null, reason: string) =>
    apiCall('PUT /api/v1/sites/:site/booking-closures/:date', { params: { site, date }, body: queue ? { queue, reason } : { reason } }),
  reopenDay: (site: string, date: string, queue: string | null) =>
    apiCall('DELETE /api/v1/sites/:site/booking-closures/:date', { params: { site, date }, query: queue ? { queue } : {} }),
};
