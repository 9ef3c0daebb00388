import type { PrinterHealth, PrintJobState } from '@madoguchi/shared';

export interface PrintJob {
  id: number;
  siteId: string;
  ticketId: number;
  printerId: string;
  kiosk: string | null;
  state: PrintJobState;
  reason: string | null;
  attempts: number;
  ahead: number;
  estimatedWaitMinutes: number | null;
  language: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface PrinterHealthRow {
  siteId: string;
  id: string;
  health: PrinterHealth;
  detail: string | null;
  updatedAt: number;
}

/**
 * Devices and printers: the slips to print and how each went, the printers' last health, and the
 * kiosks moved to another printer at runtime. (Learned call-button bindings: `ButtonBindingStore`.)
 */
export interface DeviceStore {
  insertPrintJob(j: Omit<PrintJob, 'id'>): number;
  updatePrintJob(j: PrintJob): void;
  printJob(siteId: string, id: number): PrintJob | undefined;
  pendingPrintJobs(siteId: string): PrintJob[];
  latestPrintJob(siteId: string, ticketId: number): PrintJob | undefined;
  /** the business day's tickets whose latest slip failed (not printed again, not given up), with their labels */
  failedPrintJobs(siteId: string, businessDate: string): Array<PrintJob & { label: string }>;

  printerHealth(siteId: string): PrinterHealthRow[];
  savePrinterHealth(row: PrinterHealthRow): void;

  /** kiosks moved to another printer at runtime (over the configuration's `kiosks`) */
  kioskPrinters(siteId: string): Array<{ device: string; printerId: string }>;
  /** null sets the kiosk back to the configuration */
  setKioskPrinter(siteId: string, device: string, printerId: string | null, at: number, by: string): void;
}
