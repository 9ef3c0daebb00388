import { pageConfig } from '../scripts/lib/vite-page.js';

/** The page is served by the madoguchi server at /kiosk/ (server/src/adapters/http/pages.ts). */
export default pageConfig('kiosk', import.meta.url);
