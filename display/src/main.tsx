import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Announcer } from './announcer';
import { App, type Parts } from './app';
import { installDebug } from './debug';
import { Live } from './live';
import { counterRef } from './scope';
import { SettingsStore, takeSettings } from './settings';
import { Sound } from './sound';
import { takeDeviceToken } from '@madoguchi/shared/web';
import './styles.css';

const token = takeDeviceToken('display', window.location, window.history, window.localStorage);
const settings = new SettingsStore(takeSettings(window.location, window.history, window.localStorage), window.localStorage);
const debug = installDebug();

// one socket and one announcement queue for the page's lifetime (outside React, so that
// StrictMode's double effects open neither twice)
let parts: Parts | null = null;
if (token) {
  let live: Live | null = null;
  const sound = new Sound(token, () => live?.getState().device?.site ?? null, debug);
  const announcer = new Announcer({ sound, settings: settings.get, counter: (id) => counterRef(live?.getState().site ?? null, id), debug });
  live = new Live(token, (call) => announcer.enqueue(call));
  parts = { live, announcer, sound };
}

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App parts={parts} settings={settings} />
    </StrictMode>,
  );
}
