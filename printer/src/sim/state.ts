export type SimulatorState = 'ok' | 'near_end' | 'paper_out' | 'cover_open' | 'offline';

export const SIMULATOR_STATES: readonly SimulatorState[] = ['ok', 'near_end', 'paper_out', 'cover_open', 'offline'];
