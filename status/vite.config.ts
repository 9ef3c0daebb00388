import { pageConfig } from '../scripts/lib/vite-page.js';

/**
 * One app, two pages: `index.html` is the public congestion page at /status/ (embeddable in the
 * ward homepage), `ticket.html` the ticket's phone page, served at /t/{token}.
 */
export default pageConfig('status', import.meta.url, { index: './index.html', ticket: './ticket.html' });
