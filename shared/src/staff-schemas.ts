import { Type, type Static } from 'typebox';
import { ButtonActionSchema, DeviceKindSchema, IssuingModeSchema, Nullable, PrinterHealthSchema, RoleSchema } from './schemas.js';

/**
 * The staff and administration answers (sign-in, accounts, devices, printers, call buttons), as
 * the server sends them and the counter console and manager page read them.
 */

/** The sites a member of staff may act on; null: every site. */
const StaffSites = Nullable(Type.Array(Type.String()));

/** A member of staff as a sign-in or an account change answers. */
export const StaffSchema = Type.Object({ username: Type.String(), role: RoleSchema });
export type Staff = Static<typeof StaffSchema>;

/** The signed-in member of staff, with the sites they may act on. */
export const UserSchema = Type.Object({ username: Type.String(), role: RoleSchema, sites: StaffSites });
export type User = Static<typeof UserSchema>;

/** How long a kiosk's result screen stays by default (s): time to take out a phone and scan the QR code. */
export const DEFAULT_RESULT_SECONDS = 30;

/**
 * The device a token belongs to; a display limited by the configuration carries its scope (null:
 * all), a kiosk its settings from the configuration (`resultSeconds`, per site or per kiosk).
 */
export const DeviceSchema = Type.Object({
  id: Type.Integer(),
  kind: DeviceKindSchema,
  site: Type.String(),
  name: Type.String(),
  display: Type.Optional(Type.Object({ queues: Nullable(Type.Array(Type.String())), counters: Nullable(Type.Array(Type.String())) })),
  kiosk: Type.Optional(Type.Object({ resultSeconds: Type.Integer({ minimum: 1 }) })),
});
export type Device = Static<typeof DeviceSchema>;

/** `GET /api/v1/auth/me`: who the session or token is, a member of staff or a device. */
export const MeSchema = Type.Object({ user: Nullable(UserSchema), device: Nullable(DeviceSchema) });
export type Me = Static<typeof MeSchema>;

/** An account as the administrator's list shows it; deleted accounts are disabled, kept for the audit log. */
export const UserRowSchema = Type.Object({ username: Type.String(), role: RoleSchema, createdAt: Type.String(), disabled: Type.Boolean(), sites: StaffSites });
export type UserRow = Static<typeof UserRowSchema>;

export const DeviceRowSchema = Type.Object({ id: Type.Integer(), kind: DeviceKindSchema, name: Type.String(), createdAt: Type.String(), revokedAt: Nullable(Type.String()) });
export type DeviceRow = Static<typeof DeviceRowSchema>;

/** A new device token: shown only in this answer. */
export const CreatedDeviceSchema = Type.Object({ id: Type.Integer(), token: Type.String() });

/** Which printer a kiosk prints on: set on the manager page (`override`), by the configuration file, or the site's default. */
export const KioskPrinterSchema = Type.Object({ device: Type.String(), printer: Nullable(Type.String()), source: Type.String() });
export type KioskPrinter = Static<typeof KioskPrinterSchema>;

export const PrintersInfoSchema = Type.Object({
  printers: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      transport: Type.String(),
      model: Type.String(),
      paperWidthMm: Type.Integer(),
      health: PrinterHealthSchema,
      detail: Nullable(Type.String()),
      pendingJobs: Type.Integer(),
    }),
  ),
  kiosks: Type.Array(KioskPrinterSchema),
  defaultPrinter: Nullable(Type.String()),
});
export type PrintersInfo = Static<typeof PrintersInfoSchema>;

/** What a button's last press did: the ticket it applied to (null: nobody waiting), or why it was refused. */
export const ButtonPressResultSchema = Type.Object({
  at: Type.String(),
  action: ButtonActionSchema,
  ok: Type.Boolean(),
  label: Nullable(Type.String()),
  /** the refusal's error code (CONFIRM_NO_SHOW, COUNTER_NOT_OPEN…), null when it worked */
  code: Nullable(Type.String()),
});

/** A call button bound to a counter: the USB device, by serial or by port. */
const ButtonBinding = {
  /** the device's identity, also the actor of its presses: `button:0c45:7403:1-1.2` */
  id: Type.String(),
  counter: Type.String(),
  vendorId: Type.Integer(),
  productId: Type.Integer(),
  serial: Nullable(Type.String()),
  /** the physical USB port, e.g. "1-1.2", when bound by port */
  path: Nullable(Type.String()),
};

/** A bound call button as the manager sees it: one per binding (device and counter). */
export const ButtonStatusSchema = Type.Object({
  ...ButtonBinding,
  connected: Type.Boolean(),
  /** why it cannot be read (permissions…), or null */
  detail: Nullable(Type.String()),
  lastPressAt: Nullable(Type.String()),
  lastResult: Nullable(ButtonPressResultSchema),
});

export const ButtonsInfoSchema = Type.Object({
  /** false when the server runs without call buttons (node-hid could not load, or turned off) */
  enabled: Type.Boolean(),
  /** HID devices plugged in now */
  devices: Type.Array(
    Type.Object({
      key: Type.String(),
      vendorId: Type.Integer(),
      productId: Type.Integer(),
      serial: Nullable(Type.String()),
      path: Type.String(),
      product: Nullable(Type.String()),
      bound: Type.Boolean(),
    }),
  ),
  /** `codes`: key code → action */
  bindings: Type.Array(
    Type.Object({ ...ButtonBinding, codes: Type.Record(Type.String(), Type.String()), source: Type.String() }),
  ),
  statuses: Type.Array(ButtonStatusSchema),
});
export type ButtonsInfo = Static<typeof ButtonsInfoSchema>;

/** Learn mode started: the next key pressed is bound to the counter and action. */
export const LearnReplySchema = Type.Object({ counter: Type.String(), action: ButtonActionSchema, timeoutMs: Type.Integer() });

export const IssuingReplySchema = Type.Object({ state: IssuingModeSchema, queue: Nullable(Type.String()) });
