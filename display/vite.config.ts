import { pageConfig } from '../scripts/lib/vite-page.js';

/** The page is served by the madoguchi server at /display/ (server/src/adapters/http/pages.ts). */
export default pageConfig('display', import.meta.url);
