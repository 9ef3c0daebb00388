import { useEffect, useSyncExternalStore } from 'react';
import { DISPLAY } from '@madoguchi/shared';
import type { Announcer } from './announcer';
import { Banner, Emergency } from './components/announcements';
import { Both } from './components/bilingual';
import { Clock } from './components/clock';
import { Offline, SoundBlocked, SoundControl } from './components/controls';
import { History } from './components/history';
import { NowCalling } from './components/now-calling';
import { QueueBoard } from './components/queue-board';
import type { Live } from './live';
import { ALL, counterRef, pastCalls, visibleQueues, waitingCalls } from './scope';
import type { SettingsStore } from './settings';
import type { Sound } from './sound';
import { bilingual, bilingualName, type Bilingual } from './text';

/** Earlier calls given to the history (the stylesheet shows as many as fit). */
const HISTORY_ROWS = 10;

/** What lives as long as the page, made once in main.tsx (null without a device token). */
export interface Parts {
  live: Live;
  announcer: Announcer;
  sound: Sound;
}

export function App({ parts, settings }: { parts: Parts | null; settings: SettingsStore }) {
  if (!parts) return <DeviceProblem text={bilingual('deviceMissing')} />;
  return <Display {...parts} settings={settings} />;
}

function Display({ live, announcer, sound, settings }: Parts & { settings: SettingsStore }) {
  const { site, device, online, refused } = useSyncExternalStore(live.subscribe, live.getState);
  const { blinking, speaking } = useSyncExternalStore(announcer.subscribe, announcer.getState);
  const soundSettings = useSyncExternalStore(settings.subscribe, settings.get);
  const blocked = useSyncExternalStore(sound.subscribe, sound.isBlocked);

  useEffect(() => {
    if (site) document.title = DISPLAY.t('ja', 'documentTitle', { site: site.site.name.ja });
  }, [site]);

  if (refused) return <DeviceProblem text={bilingual('deviceRefused')} />;
  if (!site) {
    return (
      <main className="connecting" role="status">
        <Both text={bilingual('connecting')} />
      </main>
    );
  }

  const scope = device?.scope ?? ALL;
  const waiting = waitingCalls(site, scope);
  const emergencies = site.announcements.filter((a) => a.severity === 'emergency');
  const notices = site.announcements.filter((a) => a.severity === 'info');
  const counter = (id: string) => counterRef(site, id);

  return (
    <div className={`display${notices.length > 0 ? ' with-banner' : ''}`} data-testid="display" data-seq={site.seq}>
      <header className="top">
        <div className="titles">
          <Both className="site-name" text={bilingualName(site.site.name)} />
          <h1 className="title">
            <Both text={bilingual('title')} />
          </h1>
        </div>
        {site.site.demo && <span className="badge-demo">DEMO</span>}
        <Clock timeZone={site.site.timeZone} />
      </header>
      <main className="body" inert={emergencies.length > 0}>
        <NowCalling calls={waiting} counter={counter} blinking={blinking} speaking={speaking} />
        <History calls={pastCalls(site, scope, waiting).slice(0, HISTORY_ROWS)} counter={counter} />
        <QueueBoard queues={visibleQueues(site, scope)} />
      </main>
      {notices.length > 0 && <Banner notices={notices} />}
      <footer className="corner">
        {!online && <Offline />}
        {blocked && (soundSettings.chime || soundSettings.voice) && <SoundBlocked />}
        <SoundControl value={soundSettings} onChange={(patch) => settings.set(patch)} />
      </footer>
      {emergencies.length > 0 && <Emergency announcements={emergencies} />}
    </div>
  );
}

/** The whole page when it cannot work: no device token, or a refused one. */
function DeviceProblem({ text }: { text: Bilingual }) {
  return (
    <main className="device-problem" role="alert">
      <Both text={text} />
    </main>
  );
}
