import { pageConfig } from '../scripts/lib/vite-page.js';

/** The page is served by the madoguchi server at /counter/ (server/src/adapters/http/pages.ts). */
export default pageConfig('counter', import.meta.url);
