import { useEffect, useState, type ReactNode } from 'react';
import { sitesFor, staffApi, type Site, type User } from '../staff-api';
import { named } from './catalogue';
import { Connecting } from './connecting';
import { Header } from './header';
import { useStaffText } from './language';
import { retrying } from './session';

interface SiteChoiceProps {
  /** the signed-in member of staff: only their sites are offered */
  user: User;
  /** the site chosen last on this PC (the page's localStorage) */
  remembered: { site(): string | null; setSite(site: string | null): void };
  onSignOut: () => void;
  onLanguage: () => void;
  /** the page at the chosen site; `onChangeSite` is null when the server has only one */
  children: (siteId: string, onChangeSite: (() => void) | null) => ReactNode;
}

/**
 * The office the signed-in staff work at, among the sites they may act on: the only one, the one
 * chosen last on this PC, or a choice (GET /api/v1/sites, asked again every 3 s until the server
 * answers).
 */
export function SiteChoice({ user, remembered, onSignOut, onLanguage, children }: SiteChoiceProps) {
  const [sites, setSites] = useState<Site[] | null>(null);
  const [siteId, setSiteId] = useState<string | null>(null);

  useEffect(
    () =>
      retrying(
        staffApi.sites,
        (all) => {
          const list = sitesFor(user, all);
          setSites(list);
          const kept = remembered.site();
          const pick = list.length === 1 ? list[0]?.id : list.find((s) => s.id === kept)?.id;
          if (pick) setSiteId(pick);
        },
        3_000,
      ),
    [remembered, user],
  );

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
  return children(siteId, sites.length > 1 ? () => setSiteId(null) : null);
}

interface SitePickerProps {
  sites: Site[];
  onChoose: (id: string) => void;
  onSignOut: () => void;
  onLanguage: () => void;
}

export function SitePicker({ sites, onChoose, onSignOut, onLanguage }: SitePickerProps) {
  const { lang, tr } = useStaffText();
  return (
    <div className="page">
      <Header onLanguage={onLanguage} onSignOut={onSignOut} />
      <main className="picker">
        <h1>{tr('site.choose')}</h1>
        <div className="choices">
          {sites.map((s) => (
            <button key={s.id} type="button" className="choice" data-site={s.id} onClick={() => onChoose(s.id)}>
              <span className="choice-name">{named(s.name, lang, s.id)}</span>
            </button>
          ))}
        </div>
      </main>
    </div>
  );
}
