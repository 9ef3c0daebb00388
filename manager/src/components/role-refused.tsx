import { Header } from '@madoguchi/shared/web';
import type { User } from '../api';
import { useT } from '../i18n';

/** A clerk signed in: this page is not theirs. */
export function RoleRefused({ user, onSignOut, onLanguage }: { user: User; onSignOut: () => void; onLanguage: () => void }) {
  const { tr } = useT();
  return (
    <div className="page">
      <Header onLanguage={onLanguage} onSignOut={onSignOut} />
      <main className="center">
        <div className="refused" role="alert" data-testid="role-refused">
          <p className="refused-main">{tr('role.needed')}</p>
          <p>{tr('role.current', { user: user.username, role: tr(`role.${user.role}`) })}</p>
          <button type="button" className="button primary" onClick={onSignOut}>
            {tr('signout')}
          </button>
        </div>
      </main>
    </div>
  );
}
