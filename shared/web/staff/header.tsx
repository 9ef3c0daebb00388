import type { ReactNode } from 'react';
import { LANGUAGE_NAMES, otherLanguage } from '@madoguchi/shared';
import { useLanguageShortcut, useStaffText } from './language';

/** For mousedown on keyboard-driven controls: a click does not move the focus (keyboard focus still does). */
export const keepFocus = (e: { preventDefault(): void }): void => e.preventDefault();

interface HeaderProps {
  /** the office, the counter and who is signed in, when known */
  children?: ReactNode;
  /** the page's own tools, before the language switch (the manager's alert sound) */
  tools?: ReactNode;
  onLanguage: () => void;
  /** the console's help, after the language switch: a keyboard tool like the switch */
  help?: { label: string; shortcut: string; onOpen: () => void };
  onSignOut?: () => void;
  online?: boolean;
}

/** The bar at the top: where and who on the left; the page's tools, language, help and sign-out on the right. */
export function Header({ children, tools, onLanguage, help, onSignOut, online = true }: HeaderProps) {
  const { lang, tr } = useStaffText();
  // the console's switch has a shortcut (see StaffKit)
  const languageShortcut = useLanguageShortcut();
  // its name is what it shows (the other language's name: WCAG 2.5.3, label in name); what it does is its title
  const languageSwitch = languageShortcut
    ? { title: tr('language.switch'), 'aria-keyshortcuts': languageShortcut, onMouseDown: keepFocus }
    : { title: tr('language.switch') };
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
        <button type="button" className="tool" onClick={onLanguage} {...languageSwitch} lang={otherLanguage(lang)}>
          {LANGUAGE_NAMES[otherLanguage(lang)]}
        </button>
        {help && (
          <button type="button" className="tool" onMouseDown={keepFocus} onClick={help.onOpen} aria-keyshortcuts={help.shortcut}>
            {help.label}
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
