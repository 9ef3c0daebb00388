import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import { api, type QueueCatalogue, type Site, type User } from './api';
import { Console } from './components/console';
import { CounterPicker, SitePicker } from './components/pickers';
import { SignIn } from './components/sign-in';
import { LangContext, LOCALE, t, type Lang } from './i18n';
import { Live } from './live';
import { remembered } from './storage';

/**
 * The page: sign in → the site (when the server has several) → the counter (remembered on this
 * PC) → the console. The socket lives from the choice of the site until sign-out.
 */
export function App() {
  const [lang, setLangState] = useState<Lang>(remembered.lang);
  const [user, setUser] = useState<User | null | undefined>(undefined);
  const setLang = useCallback((l: Lang) => {
    remembered.setLang(l);
    setLangState(l);
  }, []);
  const toggleLang = useCallback(() => setLang(lang === 'ja' ? 'en' : 'ja'), [lang, setLang]);

  useEffect(() => {
    document.documentElement.lang = LOCALE[lang];
    document.title = `${t(lang, 'app.title')} — madoguchi`;
  }, [lang]);

  useEffect(() => {
    let stop = false;
    const check = () => {
      api.me().then(
        (u) => !stop && setUser(u),
        () => !stop && setTimeout(check, 3_000),
      );
    };
    check();
    return () => {
      stop = true;
    };
  }, []);

  let body;
  if (user === undefined) body = <Connecting />;
  else if (user === null) body = <SignIn onSignedIn={setUser} onLanguage={toggleLang} />;
  else body = <SignedIn user={user} onSignedOut={() => setUser(null)} onLanguage={toggleLang} />;
  return <LangContext.Provider value={lang}>{body}</LangContext.Provider>;
}

function Connecting() {
  return (
    <main className="center" role="status">
      <p>{t('ja', 'connecting')}</p>
    </main>
  );
}

function SignedIn({ user, onSignedOut, onLanguage }: { user: User; onSignedOut: () => void; onLanguage: () => void }) {
  const [sites, setSites] = useState<Site[] | null>(null);
  const [siteId, setSiteId] = useState<string | null>(null);

  useEffect(() => {
    let stop = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = () => {
      api.sites().then(
        (list) => {
          if (stop) return;
          setSites(list);
          const kept = remembered.site();
          const pick = list.length === 1 ? list[0]?.id : list.find((s) => s.id === kept)?.id;
          if (pick) setSiteId(pick);
        },
        () => {
          if (!stop) timer = setTimeout(load, 3_000);
        },
      );
    };
    load();
    return () => {
      stop = true;
      clearTimeout(timer);
    };
  }, []);

  const signOut = useCallback(async () => {
    await api.logout().catch(() => null); // the session may be gone already: signed out either way
    onSignedOut();
  }, [onSignedOut]);

  if (!sites) return <Connecting />;
  if (!siteId) {
    return (
      <SitePicker
        sites={sites}
        onChoose={(id) => {
          remembered.setSite(id);
          setSiteId(id);
        }}
        onSignOut={() => void signOut()}
        onLanguage={onLanguage}
      />
    );
  }
  return (
    <AtSite
      key={siteId}
      siteId={siteId}
      user={user}
      onChangeSite={sites.length > 1 ? () => setSiteId(null) : null}
      onSignOut={() => void signOut()}
      onSessionEnded={onSignedOut}
      onLanguage={onLanguage}
    />
  );
}

interface AtSiteProps {
  siteId: string;
  user: User;
  onChangeSite: (() => void) | null;
  onSignOut: () => void;
  onSessionEnded: () => void;
  onLanguage: () => void;
}

function AtSite({ siteId, user, onChangeSite, onSignOut, onSessionEnded, onLanguage }: AtSiteProps) {
  const [live, setLive] = useState<Live | null>(null);
  const [catalogue, setCatalogue] = useState<QueueCatalogue[]>([]);
  const [counterId, setCounterId] = useState<string | null>(() => remembered.counter(siteId));

  // one socket for the site (made in an effect, so StrictMode's second run closes the first)
  useEffect(() => {
    const l = new Live(siteId);
    setLive(l);
    return () => l.close();
  }, [siteId]);

  // the procedures of each queue (for transfers), not in the snapshot
  useEffect(() => {
    let stop = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = () => {
      api.queues(siteId).then(
        (q) => !stop && setCatalogue(q),
        () => {
          if (!stop) timer = setTimeout(load, 10_000);
        },
      );
    };
    load();
    return () => {
      stop = true;
      clearTimeout(timer);
    };
  }, [siteId]);

  if (!live) return <Connecting />;
  return (
    <LiveSite
      live={live}
      siteId={siteId}
      user={user}
      catalogue={catalogue}
      counterId={counterId}
      onCounter={(id) => {
        remembered.setCounter(siteId, id);
        setCounterId(id);
      }}
      onChangeSite={onChangeSite}
      onSignOut={onSignOut}
      onSessionEnded={onSessionEnded}
      onLanguage={onLanguage}
    />
  );
}

interface LiveSiteProps extends Omit<AtSiteProps, 'siteId'> {
  live: Live;
  siteId: string;
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
              await api.setState(siteId, c.id, 'open', { clerk: user.username });
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
