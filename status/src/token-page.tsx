import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';

/**
 * The secret of a page reached by its own link — `/t/{token}` (a ticket's QR code) or `/b/{token}`
 * (a booking's) — from the path; `?token=` for the Vite dev server.
 */
export function tokenOf(loc: Location, prefix: 't' | 'b'): string {
  const m = new RegExp(`^/${prefix}/([^/?#]+)`).exec(loc.pathname);
  if (m?.[1]) {
    try {
      return decodeURIComponent(m[1]);
    } catch {
      return '';
    }
  }
  return new URLSearchParams(loc.search).get('token') ?? '';
}

/** Renders a page into #root. */
export function mount(page: ReactNode): void {
  const root = document.getElementById('root');
  if (root) createRoot(root).render(<StrictMode>{page}</StrictMode>);
}
