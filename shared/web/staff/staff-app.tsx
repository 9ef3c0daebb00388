import type { ReactNode } from 'react';
import type { Language } from '@madoguchi/shared';
import { Connecting } from './connecting';
import { StaffKit, useLanguage, type KitCatalogue } from './language';
import { useStaffSession } from './session';
import { SignIn } from './sign-in';
import { SiteChoice } from './site-choice';
import type { Role, User } from '../staff-api';

/** Where a signed-in member of staff is: what a page's view of a site is given. */
export interface SiteSession {
  siteId: string;
  user: User;
  /** back to the choice of the site; null when the server has only one */
  onChangeSite: (() => void) | null;
  onSignOut: () => void;
  /** the server refused the session (a 401, the socket refused): back to the sign-in */
  onSessionEnded: () => void;
  onLanguage: () => void;
}

interface StaffAppProps {
  /** the page's wording */
  catalogue: KitCatalogue;
  /** what the page remembers on this PC: its language and the site chosen last */
  remembered: { lang(): string | null; setLang(lang: Language): void; site(): string | null; setSite(site: string | null): void };
  /** the language switch's keyboard shortcut (see StaffKit) */
  languageShortcut?: string;
  /** the roles the page is for (all when not given); anyone else signed in is shown `refused` */
  roles?: readonly Role[];
  refused?: (p: { user: User; onSignOut: () => void; onLanguage: () => void }) => ReactNode;
  /** the page at the chosen site */
  children: (at: SiteSession) => ReactNode;
}

/**
 * A staff page's frame: its language (remembered on this PC), the session (sign-in, sign-out, a
 * refused session), the roles it is for and the choice of the site; then the page itself.
 */
export function StaffApp({ catalogue, remembered, languageShortcut, roles, refused, children }: StaffAppProps) {
  const { lang, toggle: onLanguage } = useLanguage(remembered, catalogue);
  const { user, onSignedIn, signOut, onSessionEnded } = useStaffSession();

  let body: ReactNode;
  if (user === undefined) body = <Connecting />;
  else if (user === null) body = <SignIn onSignedIn={onSignedIn} onLanguage={onLanguage} />;
  else if (roles && !roles.includes(user.role)) body = refused?.({ user, onSignOut: signOut, onLanguage }) ?? null;
  else {
    body = (
      <SiteChoice user={user} remembered={remembered} onSignOut={signOut} onLanguage={onLanguage}>
        {(siteId, onChangeSite) => children({ siteId, user, onChangeSite, onSignOut: signOut, onSessionEnded, onLanguage })}
      </SiteChoice>
    );
  }
  return (
    <StaffKit lang={lang} catalogue={catalogue} languageShortcut={languageShortcut}>
      {body}
    </StaffKit>
  );
}
