import { COUNTER } from '@madoguchi/shared';
import { staffCatalogue, useText } from '@madoguchi/shared/web';

export { duration, named, PAUSE_REASONS } from '@madoguchi/shared/web';
export type { CounterKey as MessageKey, Language } from '@madoguchi/shared';

/** The console's catalogue (shared/src/i18n/counter.ts) with the staff kit's refusals and pause reasons. */
export const messages = staffCatalogue(COUNTER);
export const { t, errorText, reasonText } = messages;
export const useT = () => useText(messages);
