import { defineCatalogue } from '../catalogue.js';
import { en } from './en.js';
import { ja, type ManagerKey } from './ja.js';

export type { ManagerKey };

/** The floor manager's page (manager/): its texts in ja.ts and en.ts. */
export const MANAGER = /* @__PURE__ */ defineCatalogue<ManagerKey>({ name: 'manager', texts: { ja, en }, complete: ['ja', 'en'] });
