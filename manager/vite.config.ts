import { pageConfig } from '../scripts/lib/vite-page.js';

export default pageConfig('manager', import.meta.url);
