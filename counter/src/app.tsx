import { useEffect, useState, useSyncExternalStore } from 'react';
import { Connecting, StaffApp, useQueueCatalogue, useSiteLive, type SiteSession } from '@madoguchi/shared/web';
import { api, type QueueCatalogue } from './api';
import { Console } from './components/console';
import { CounterPicker } from './components/pickers';
import { messages } from './i18n';
import { shortcutOf } from './keys';
import { Live } from './live';
import { remembered } from './storage';

const languageKey = shortcutOf('language');
const makeLive = (siteId: string) => new Live(siteId);

/**
 * The page: sign in → the site (when the server has several) → the counter (remembered on this
 * PC) → the console. The socket lives from the choice of the site until sign-out. The frame (the
 * language, the session, the site) is the staff kit's (shared/web/staff).
 */
export function App() {
  return (
    <StaffApp catalogue={messages} remembered={remembered} languageShortcut={`${languageKey.label} ${languageKey.fkey}`}>
      {(at) => <AtSite key={at.siteId} {...at} />}
    </StaffApp>
  );
}

function AtSite({ siteId, ...rest }: SiteSession) {
  const live = useSiteLive(siteId, makeLive);
  // the procedures of each queue (for transfers)
  const catalogue = useQueueCatalogue(siteId, 10_000);
  const [counterId, setCounterId] = useState<string | null>(() => remembered.counter(siteId));

  if (!live) return <Connecting />;
  return (
    <LiveSite
      live={live}
      siteId={siteId}
      catalogue={catalogue}
      counterId={counterId}
      onCounter={(id) => {
        remembered.setCounter(siteId, id);
        setCounterId(id);
      }}
      {...rest}
    />
  );
}

interface LiveSiteProps extends SiteSession {
  live: Live;
  catalogue: QueueCatalogue[];
  counterId: string | null;
  onCounter: (id: string | null) => void;
}

function LiveSite({ live, siteId, user, catalogue, counterId, onCounter, onChangeSite, onSignOut, onSessionEnded, onLanguage }: LiveSiteProps) {
  const state = useSyncExternalStore(live.subscribe, live.getState);
  const [opening, setOpening] = useState(false);

  useEffect(() => {
    if (state.refused) onSessionEnded();
  }, [state.refused, onSessionEnded]);

  const snapshot = state.site;
  if (!snapshot) return <Connecting />;
  const counter = counterId ? snapshot.counters.find((c) => c.id === counterId) : undefined;

  if (!counter || opening) {
    return (
      <CounterPicker
        snapshot={snapshot}
        user={user}
        busy={opening}
        onChoose={async (c) => {
          // choosing a closed counter opens it: the clerk signs in to it
          if (c.availability === 'closed') {
            setOpening(true);
            try {
              await api.setState(siteId, c.id, 'open');
            } catch {
              // the console shows the counter as closed, with its own "open" button
            } finally {
              setOpening(false);
            }
          }
          onCounter(c.id);
        }}
        onChangeSite={onChangeSite}
        onSignOut={onSignOut}
        onLanguage={onLanguage}
      />
    );
  }
  return (
    <Console
      live={state}
      siteId={siteId}
      counter={counter}
      user={user}
      catalogue={catalogue}
      onChangeCounter={() => onCounter(null)}
      onSignOut={onSignOut}
      onSessionEnded={onSessionEnded}
      onLanguage={onLanguage}
    />
  );
}
