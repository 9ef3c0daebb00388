import { lazy, Suspense, useCallback, useEffect, useRef, useState, useSyncExternalStore, type KeyboardEvent } from 'react';
import { api, type QueueCatalogue, type Site, type User } from './api';
import { beep, unlockAudio } from './beep';
import { Admin } from './components/admin';
import { Dashboard } from './components/dashboard';
import { Header } from './components/header';
import { RoleRefused, SignIn, SitePicker } from './components/sign-in';
import { Tickets } from './components/tickets';
import { LangContext, LOCALE, named, t, useT, type Lang, type MessageKey } from './i18n';
import { Live } from './live';
import { remembered } from './storage';

// the reports bring chart.js: loaded when the tab is first opened, not with the live dashboard
const Reports = lazy(() => import('./components/reports').then((m) => ({ default: m.Reports })));

/**
 * The page: sign in → the site (when the server has several) → the dashboard, today's tickets,
 * reports and (role admin) administration. The socket lives from the choice of the site until
 * sign-out.
 */
export function App() {
  const [lang, setLangState] = useState<Lang>(remembered.lang);
  const [user, setUser] = useState<User | null | undefined>(undefined);
  const toggleLang = useCallback(() => {
    setLangState((l) => {
      const next = l === 'ja' ? 'en' : 'ja';
      remembered.setLang(next);
      return next;
    });
  }, []);

  useEffect(() => {
    document.documentElement.lang = LOCALE[lang];
    document.title = `${t(lang, 'app.title')} — madoguchi`;
  }, [lang]);

  useEffect(() => {
    let stop = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const check = () => {
      api.me().then(
        (u) => !stop && setUser(u),
        () => {
          if (!stop) timer = setTimeout(check, 3_000);
        },
      );
    };
    check();
    return () => {
      stop = true;
      clearTimeout(timer);
    };
  }, []);

  // any click or key lets a later alert sound (browsers keep audio off until a user gesture)
  useEffect(() => {
    const unlock = () => unlockAudio();
    window.addEventListener('pointerdown', unlock);
    window.addEventListener('keydown', unlock);
    return () => {
      window.removeEventListener('pointerdown', unlock);
      window.removeEventListener('keydown', unlock);
    };
  }, []);

  const signOut = useCallback(async () => {
    await api.logout().catch(() => null); // the session may be gone already: signed out either way
    setUser(null);
  }, []);

  let body;
  if (user === undefined) body = <Connecting />;
  else if (user === null) body = <SignIn onSignedIn={setUser} onLanguage={toggleLang} />;
  else if (user.role === 'clerk') body = <RoleRefused user={user} onSignOut={() => void signOut()} onLanguage={toggleLang} />;
  else body = <SignedIn user={user} onSignOut={() => void signOut()} onSessionEnded={() => setUser(null)} onLanguage={toggleLang} />;
  return <LangContext.Provider value={lang}>{body}</LangContext.Provider>;
}

function Connecting() {
  const { tr } = useT();
  return (
    <main className="center" role="status">
      <p>{tr('connecting')}</p>
    </main>
  );
}

interface SignedInProps {
  user: User;
  onSignOut: () => void;
  onSessionEnded: () => void;
  onLanguage: () => void;
}

function SignedIn({ user, onSignOut, onSessionEnded, onLanguage }: SignedInProps) {
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

  if (!sites) return <Connecting />;
  if (!siteId) {
    return (
      <SitePicker
        sites={sites}
        onChoose={(id) => {
          remembered.setSite(id);
          setSiteId(id);
        }}
        onSignOut={onSignOut}
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
      onSignOut={onSignOut}
      onSessionEnded={onSessionEnded}
      onLanguage={onLanguage}
    />
  );
}

type Tab = 'dashboard' | 'tickets' | 'reports' | 'admin';

interface AtSiteProps extends SignedInProps {
  siteId: string;
  onChangeSite: (() => void) | null;
}

function AtSite(props: AtSiteProps) {
  const [live, setLive] = useState<Live | null>(null);
  // one socket for the site (made in an effect, so StrictMode's second run closes the first)
  useEffect(() => {
    const l = new Live(props.siteId);
    setLive(l);
    return () => l.close();
  }, [props.siteId]);
  if (!live) return <Connecting />;
  return <LiveSite live={live} {...props} />;
}

function LiveSite({ live, siteId, user, onChangeSite, onSignOut, onSessionEnded, onLanguage }: AtSiteProps & { live: Live }) {
  const { lang, tr } = useT();
  const state = useSyncExternalStore(live.subscribe, live.getState);
  const [tab, setTab] = useState<Tab>('dashboard');
  const [muted, setMutedState] = useState(remembered.muted);
  const [catalogue, setCatalogue] = useState<QueueCatalogue[]>([]);
  const tabs: Tab[] = user.role === 'admin' ? ['dashboard', 'tickets', 'reports', 'admin'] : ['dashboard', 'tickets', 'reports'];
  const tabRefs = useRef(new Map<Tab, HTMLButtonElement>());
  const content = useRef<HTMLElement>(null);

  // each view starts at its top (the views share one scrolling area)
  useEffect(() => {
    content.current?.scrollTo({ top: 0 });
  }, [tab]);

  useEffect(() => {
    if (state.refused) onSessionEnded();
  }, [state.refused, onSessionEnded]);

  // a new alert key: a short beep, unless muted (the alert is shown either way)
  const heard = useRef(state.newAlerts);
  useEffect(() => {
    if (state.newAlerts === heard.current) return;
    heard.current = state.newAlerts;
    if (!muted) beep();
  }, [state.newAlerts, muted]);

  // the procedures of each queue (report names), not in the snapshot
  useEffect(() => {
    let stop = false;
    api.queues(siteId).then(
      (q) => !stop && setCatalogue(q),
      () => undefined, // the reports show ids instead of names
    );
    return () => {
      stop = true;
    };
  }, [siteId]);

  const snapshot = state.site;
  if (!snapshot) return <Connecting />;

  const onTabKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const i = tabs.indexOf(tab);
    let next: Tab | undefined;
    if (e.key === 'ArrowRight') next = tabs[(i + 1) % tabs.length];
    else if (e.key === 'ArrowLeft') next = tabs[(i - 1 + tabs.length) % tabs.length];
    else if (e.key === 'Home') next = tabs[0];
    else if (e.key === 'End') next = tabs[tabs.length - 1];
    if (!next) return;
    e.preventDefault();
    setTab(next);
    tabRefs.current.get(next)?.focus();
  };

  const soundButton = (
    <button
      type="button"
      className={`tool${muted ? ' tool-muted' : ''}`}
      aria-pressed={!muted}
      data-testid="sound"
      onClick={() => {
        remembered.setMuted(!muted);
        setMutedState(!muted);
      }}
    >
      {muted ? tr('alerts.sound.off') : tr('alerts.sound.on')}
    </button>
  );

  return (
    <div className="page">
      <Header onLanguage={onLanguage} onSignOut={onSignOut} online={state.online} tools={soundButton}>
        {onChangeSite ? (
          <button type="button" className="tool tool-light" onClick={onChangeSite} title={tr('site.change')}>
            {named(snapshot.site.name, lang)}
          </button>
        ) : (
          <span className="where">{named(snapshot.site.name, lang)}</span>
        )}
        <span className="who">
          {user.username} · {tr(`role.${user.role}`)}
        </span>
      </Header>
      <nav className="tabs" role="tablist" aria-label={tr('tab.label')} onKeyDown={onTabKey}>
        {tabs.map((id) => (
          <button
            key={id}
            ref={(el) => {
              if (el) tabRefs.current.set(id, el);
              else tabRefs.current.delete(id);
            }}
            type="button"
            role="tab"
            id={`tab-${id}`}
            aria-selected={tab === id}
            aria-controls={`panel-${id}`}
            tabIndex={tab === id ? 0 : -1}
            className="tab"
            data-tab={id}
            onClick={() => setTab(id)}
          >
            {tr(`tab.${id}` as MessageKey)}
            {id === 'dashboard' && state.alerts.length > 0 && (
              <span className="tab-count" aria-label={`${tr('alerts.heading')} ${tr('alerts.count', { n: state.alerts.length })}`}>
                {state.alerts.length}
              </span>
            )}
          </button>
        ))}
      </nav>
      <main ref={content} className="content" role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
        {tab === 'dashboard' && <Dashboard live={live} state={state} siteId={siteId} onSessionEnded={onSessionEnded} />}
        {tab === 'tickets' && <Tickets state={state} siteId={siteId} onSessionEnded={onSessionEnded} />}
        {tab === 'reports' && (
          <Suspense fallback={<p role="status">{tr('loading')}</p>}>
            <Reports siteId={siteId} snapshot={snapshot} catalogue={catalogue} />
          </Suspense>
        )}
        {tab === 'admin' && user.role === 'admin' && <Admin siteId={siteId} user={user} snapshot={snapshot} lastButtonStatus={state.lastButtonStatus} onSessionEnded={onSessionEnded} />}
      </main>
    </div>
  );
}
