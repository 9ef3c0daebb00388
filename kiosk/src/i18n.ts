import { CITIZEN } from '@madoguchi/shared';
import { LanguageContext, useText } from '@madoguchi/shared/web';

/** The citizens' catalogue (shared/src/i18n/citizen), in the language chosen for this visit. */
export const { t } = CITIZEN;
export const useT = () => useText(CITIZEN);
/** Provided by the App with the visit's language. */
export { LanguageContext };
