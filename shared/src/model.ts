import type { Static } from 'typebox';
import type {
  CounterAvailabilitySchema,
  CounterSchema,
  CounterStateSchema,
  DeviceKindSchema,
  IssuedTicketSchema,
  IssuingModeSchema,
  IssuingStateSchema,
  LocalizedTextSchema,
  PrintInfoSchema,
  QueueCatalogueSchema,
  QueueStatusSchema,
  RoleSchema,
  SiteSchema,
  SiteStatusSchema,
  TicketSchema,
  TicketStatusSchema,
} from './schemas.js';

/** Wire types: what the server sends to pages and integrators, derived from the schemas (schemas.ts). */

export const LANGUAGES = ['ja', 'ja-easy', 'en', 'zh', 'ko', 'pt', 'vi'] as const;
export type Language = (typeof LANGUAGES)[number];
/** Names keyed by language; `ja` and `en` are always present. */
export type LocalizedText = Static<typeof LocalizedTextSchema>;

export type SiteKind = 'ward-office' | 'branch' | 'service-center';

export const TICKET_STATES = ['waiting', 'called', 'serving', 'done', 'no_show', 'cancelled', 'expired'] as const;
export type TicketState = (typeof TICKET_STATES)[number];
export const ACTIVE_TICKET_STATES: readonly TicketState[] = ['waiting', 'called', 'serving'];

/** Availability set by staff; `calling` and `serving` are derived from the current ticket. */
export type CounterAvailability = Static<typeof CounterAvailabilitySchema>;
export type CounterState = Static<typeof CounterStateSchema>;

export type IssuingMode = Static<typeof IssuingModeSchema>;
export type IssuingState = Static<typeof IssuingStateSchema>;

/** A member of staff's role: a clerk serves, a manager also runs the floor, an admin also manages accounts and devices. */
export const ROLES = ['clerk', 'manager', 'admin'] as const;
export type Role = Static<typeof RoleSchema>;
export type DeviceKind = Static<typeof DeviceKindSchema>;

export type ActorKind = Role | 'device' | 'system' | 'kiosk';
export interface Actor {
  kind: ActorKind;
  id: string;
}

export type TicketView = Static<typeof TicketSchema>;
export type CounterView = Static<typeof CounterSchema>;
export type QueueStatusView = Static<typeof QueueStatusSchema>;
export type SiteStatus = Static<typeof SiteStatusSchema>;
export type TicketStatus = Static<typeof TicketStatusSchema>;
export type Site = Static<typeof SiteSchema>;
export type QueueCatalogue = Static<typeof QueueCatalogueSchema>;
export type PrintInfo = Static<typeof PrintInfoSchema>;
export type IssuedTicket = Static<typeof IssuedTicketSchema>;
