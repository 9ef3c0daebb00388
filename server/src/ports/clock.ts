/** The only source of "now" for the core. Tests and the simulator use a ManualClock. */
export interface Clock {
  now(): Date;
}
