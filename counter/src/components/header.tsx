import type { ReactNode } from 'react';
import { useT } from '../i18n';
import { keepFocus } from '../keys';

interface HeaderProps {
  /** the office, the counter and who is signed in, when known */
  children?: ReactNode;
  onLanguage: () => void;
  onHelp?: () => void;
  onSignOut?: () => void;
  online?: boolean;
}

/** The bar at the top: where and who on the left; language, help and sign-out on the right. */
export function Header({ children, onLanguage, onHelp, onSignOut, online = true }: HeaderProps) {
  const { tr } = useT();
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
        <button type="button" className="tool" onMouseDown={keepFocus} onClick={onLanguage} title={tr('language.switch')} aria-keyshortcuts="L F23" lang={tr('language.other') === 'English' ? 'en' : 'ja'}>
          {tr('language.other')}
        </button>
        {onHelp && (
          <button type="button" className="tool" onMouseDown={keepFocus} onClick={onHelp} aria-keyshortcuts="H F24">
            {tr('action.help')}
          </button>
        )}
        {onSignOut && (
          <button type="button" className="tool" onClick={onSignOut}>
            {tr('signout')}
          </button>
        )}
      </div>
    </header>
  );
}
