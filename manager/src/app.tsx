import { lazy, Suspense, useEffect, useRef, useState, useSyncExternalStore, type KeyboardEvent } from 'react';
import { Connecting, Header, StaffApp, useQueueCatalogue, useSiteLive, type SiteSession } from '@madoguchi/shared/web';
import { beep, unlockAudio } from './beep';
import { Admin } from './components/admin';
import { Dashboard } from './components/dashboard';
import { RoleRefused } from './components/role-refused';
import { Tickets } from './components/tickets';
import { messages, named, useT, type MessageKey } from './i18n';
import { Live } from './live';
import { remembered } from './storage';

// the reports bring chart.js: loaded when the tab is first opened, not with the live dashboard
const Reports = lazy(() => import('./components/reports').then((m) => ({ default: m.Reports })));
// the staffing plan and the comparison across sites: also loaded when first opened
const Staffing = lazy(() => import('./components/staffing').then((m) => ({ default: m.Staffing })));
const SitesComparison = lazy(() => import('./components/sites-comparison').then((m) => ({ default: m.SitesComparison })));

const makeLive = (siteId: string) => new Live(siteId);

/**
 * The page: sign in → the site (when the server has several) → the dashboard, today's tickets,
 * reports, the staffing plan, the comparison across sites and (role admin) administration. The
 * socket lives from the choice of the site until sign-out. The session, the site choice and the socket are the staff kit's (shared/web/staff).
 */
export function App() {
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

  return (
    <StaffApp catalogue={messages} remembered={remembered} roles={['manager', 'admin']} refused={(p) => <RoleRefused {...p} />}>
      {(at) => <AtSite key={at.siteId} {...at} />}
    </StaffApp>
  );
}

type Tab = 'dashboard' | 'tickets' | 'reports' | 'staffing' | 'sites' | 'admin';

function AtSite(props: SiteSession) {
  const live = useSiteLive(props.siteId, makeLive);
  if (!live) return <Connecting />;
  return <LiveSite live={live} {...props} />;
}

function LiveSite({ live, siteId, user, onChangeSite, onSignOut, onSessionEnded, onLanguage }: SiteSession & { live: Live }) {
  const { lang, tr } = useT();
  const state = useSyncExternalStore(live.subscribe, live.getState);
  const [tab, setTab] = useState<Tab>('dashboard');
  const [muted, setMutedState] = useState(remembered.muted);
  // the procedures of each queue (report names); without them the reports show ids
  const catalogue = useQueueCatalogue(siteId, null);
  const tabs: Tab[] = user.role === 'admin' ? ['dashboard', 'tickets', 'reports', 'staffing', 'sites', 'admin'] : ['dashboard', 'tickets', 'reports', 'staffing', 'sites'];
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
        {tab === 'staffing' && (
          <Suspense fallback={<p role="status">{tr('loading')}</p>}>
            <Staffing siteId={siteId} snapshot={snapshot} />
          </Suspense>
        )}
        {tab === 'sites' && (
          <Suspense fallback={<p role="status">{tr('loading')}</p>}>
            <SitesComparison month={snapshot.businessDate.slice(0, 7)} />
          </Suspense>
        )}
        {tab === 'admin' && user.role === 'admin' && <Admin siteId={siteId} user={user} snapshot={snapshot} lastButtonStatus={state.lastButtonStatus} onSessionEnded={onSessionEnded} />}
      </main>
    </div>
  );
}
