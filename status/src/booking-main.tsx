import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BookingApp } from './booking-app';
import { askedLangs } from './i18n';
import './styles.css';

/** The token from /b/{token} (the booking's QR code and link); `?token=` for the Vite dev server. */
function tokenOf(loc: Location): string {
  const m = /^\/b\/([^/?#]+)/.exec(loc.pathname);
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
      <BookingApp token={tokenOf(window.location)} asked={askedLangs(window.location.search)} browser={navigator.languages} />
    </StrictMode>,
  );
}
