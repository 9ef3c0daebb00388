import { CITIZEN } from '@madoguchi/shared';
import { useText } from '@madoguchi/shared/web';

/** The citizens' catalogue (shared/src/i18n/citizen); components read the visit's language from `LanguageContext`. */
export const { t } = CITIZEN;
export const useT = () => useText(CITIZEN);
