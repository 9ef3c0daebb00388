import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { askedLangs } from './i18n';
import { TicketApp } from './ticket-app';
import './styles.css';

/** The token from /t/{token} (the ticket's QR code); `?token=` for the Vite dev server. */
function tokenOf(loc: Location): string {
  const m = /^\/t\/([^/?#]+)/.exec(loc.pathname);
  if (m?.[1]) {
    try {
      return decodeURIComponent(m[1]);
    } catch {
      return '';
    }
  }
  return new URLSearchParams(loc.search).get('token') ?? '';
}

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <TicketApp token={tokenOf(window.location)} asked={askedLangs(window.location.search)} browser={navigator.languages} />
    </StrictMode>,
  );
}
