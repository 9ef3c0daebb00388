import type { ReactNode } from 'react';
import { useT } from '../i18n';

interface HeaderProps {
  /** the office and who is signed in, when known */
  children?: ReactNode;
  /** tools shown before the language switch (the alert sound toggle) */
  tools?: ReactNode;
  onLanguage: () => void;
  onSignOut?: () => void;
  online?: boolean;
}

/** The bar at the top: where and who on the left; sound, language and sign-out on the right. */
export function Header({ children, tools, onLanguage, onSignOut, online = true }: HeaderProps) {
  const { lang, tr } = useT();
  return (
    <header className="header">
      <div className="header-where">
        <span className="app-title">{tr('app.title')}</span>
        {children}
      </div>
      {!online && (
        <span className="badge badge-offline" role="status" data-testid="offline">
          {tr('offline')}
        </span>
      )}
      <div className="header-tools">
        {tools}
        <button type="button" className="tool" onClick={onLanguage} aria-label={tr('language.switch')} lang={lang === 'ja' ? 'en' : 'ja'}>
          {tr('language.other')}
        </button>
        {onSignOut && (
          <button type="button" className="tool" onClick={onSignOut}>
            {tr('signout')}
          </button>
        )}
      </div>
    </header>
  );
}
