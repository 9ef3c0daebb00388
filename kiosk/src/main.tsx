import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { Live } from './live';
import { takeDeviceToken } from '@madoguchi/shared/web';
import './styles.css';

const token = takeDeviceToken('kiosk', window.location, window.history, window.localStorage);
// one socket for the page's lifetime (outside React, so StrictMode's double effects do not open two)
const live = token ? new Live(token) : null;
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App token={token} live={live} />
    </StrictMode>,
  );
}
