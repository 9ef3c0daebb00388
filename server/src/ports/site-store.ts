import type { AnnouncementTexts, IssuingMode } from '@madoguchi/shared';

/** The site's open business day and the last sequence number its event log handed out. */
export interface SiteDay {
  businessDate: string | null;
  seq: number;
}

export interface IssuingOverride {
  /** null for the whole site */
  queueId: string | null;
  mode: IssuingMode;
  reason: string | null;
  at: number;
}

export interface Announcement {
  id: number;
  siteId: string;
  /** the Japanese text */
  message: string;
  /** the other languages' texts */
  texts: AnnouncementTexts;
  severity: 'info' | 'emergency';
  postedAt: number;
  clearedAt: number | null;
}

/** A site's own rows: its business day and sequence, the manager's issuing overrides, announcements. */
export interface SiteStore {
  /** registers a site (idempotent) */
  ensureSite(siteId: string): void;
  siteDay(siteId: string): SiteDay;
  setBusinessDate(siteId: string, date: string): void;
  /** increments and returns the site's event sequence */
  nextSeq(siteId: string): number;

  issuingOverrides(siteId: string): IssuingOverride[];
  setIssuingOverride(siteId: string, o: IssuingOverride): void;

  insertAnnouncement(a: Omit<Announcement, 'id' | 'clearedAt'>): number;
  clearAnnouncement(siteId: string, id: number, at: number): boolean;
  activeAnnouncements(siteId: string): Announcement[];
}
