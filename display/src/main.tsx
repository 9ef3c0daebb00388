import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Announcer, PAGE_CLOCK } from './announcer';
import { App, type Parts } from './app';
import { installDebug } from './debug';
import { Live } from './live';
import { takeOptions } from './options';
import { counterRef, isWaitingCall } from './scope';
import { SettingsStore, takeSettings } from './settings';
import { Sound } from './sound';
import { setSecondLanguage } from './text';
import { takeDeviceToken } from '@madoguchi/shared/web';
import './styles.css';

const token = takeDeviceToken('display', window.location, window.history, window.localStorage);
const settings = new SettingsStore(takeSettings(window.location, window.history, window.localStorage), window.localStorage);
const options = takeOptions(window.location, window.history, window.localStorage);
setSecondLanguage(options.second);
const debug = installDebug();

// one socket and one announcement queue for the page's lifetime (outside React, so that
// StrictMode's double effects open neither twice)
let parts: Parts | null = null;
if (token) {
  let live: Live | null = null;
  const site = () => live?.getState().site ?? null;
  const sound = new Sound(token, () => live?.getState().device?.site ?? null, debug);
  const announcer = new Announcer({
    speaker: sound,
    settings: settings.get,
    pace: () => ({ backlogEnglish: options.backlogEnglish, maxDelayMs: options.maxDelaySeconds * 1000 }),
    counter: (id) => counterRef(site(), id),
    live: (call) => isWaitingCall(site(), call),
    debug,
    clock: PAGE_CLOCK,
  });
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
