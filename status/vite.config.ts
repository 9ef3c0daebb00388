import { pageConfig } from '../scripts/lib/vite-page.js';

/**
 * One app, three pages: `index.html` is the public congestion page at /status/ (embeddable in the
 * ward homepage, with its booking form), `ticket.html` the ticket's phone page, served at
 * /t/{token}, and `booking.html` a booking's own page, served at /b/{token}.
 */
export default pageConfig('status', import.meta.url, { index: './index.html', ticket: './ticket.html', booking: './booking.html' });
