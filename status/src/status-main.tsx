import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { fetchSites } from './api';
import { CalendarApp } from './calendar-app';
import { askedLangs, pageLang, tr } from './i18n';
import { Live } from './live';
import { StatusApp } from './status-app';
import './styles.css';

/**
 * /status/?site=naka&lang=en&compact=1 — the site from `?site=`, else the first configured one;
 * compact by `?compact=1` (narrow frames become compact by CSS anyway); `?view=calendar` shows the
 * 混雑予測カレンダー alone (docs/status-embed.md).
 */
const params = new URLSearchParams(window.location.search);
const lang = pageLang([...askedLangs(window.location.search), ...navigator.languages]);
const compact = params.get('compact') === '1';
const calendarOnly = params.get('view') === 'calendar';
const root = document.getElementById('root');

async function siteToShow(): Promise<string | null> {
  const asked = params.get('site');
  if (asked) return asked;
  return (await fetchSites())[0]?.id ?? null;
}

if (root) {
  const react = createRoot(root);
  siteToShow().then(
    (site) => {
      if (!site) {
        root.textContent = tr(lang, 'status.unknownSite');
        return;
      }
      if (calendarOnly) {
        react.render(
          <StrictMode>
            <CalendarApp site={site} initialLang={lang} compact={compact} />
          </StrictMode>,
        );
        return;
      }
      // one socket for the page's lifetime (outside React, so StrictMode's double effects do not open two)
      const live = new Live(site);
      react.render(
        <StrictMode>
          <StatusApp site={site} live={live} initialLang={lang} compact={compact} />
        </StrictMode>,
      );
    },
    () => {
      root.textContent = tr(lang, 'error.network');
    },
  );
}
