import { useState, type FormEvent } from 'react';
import { api, asApiError, type Site, type User } from '../api';
import { unlockAudio } from '../beep';
import { errorText, named, useT } from '../i18n';
import { Header } from './header';

/** Username and password → the session cookie. Refusals come from the catalogue. */
export function SignIn({ onSignedIn, onLanguage }: { onSignedIn: (u: User) => void; onLanguage: () => void }) {
  const { lang, tr } = useT();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ code: string; reason: string | null } | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    unlockAudio(); // a user gesture: later alerts may sound
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await api.login(username.trim(), password));
    } catch (err) {
      const a = asApiError(err);
      // a wrong password and an unknown user are the same refusal (and say nothing more)
      setError({ code: a.code === 'UNAUTHORIZED' ? 'LOGIN_FAILED' : a.code, reason: a.reason });
      setPassword('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="page">
      <Header onLanguage={onLanguage} />
      <main className="center">
        <form className="sign-in" onSubmit={(e) => void submit(e)} aria-labelledby="sign-in-heading">
          <h1 id="sign-in-heading">{tr('signin.heading')}</h1>
          <label>
            <span>{tr('signin.username')}</span>
            <input name="username" autoComplete="username" autoCapitalize="none" spellCheck={false} required value={username} onChange={(e) => setUsername(e.target.value)} autoFocus />
          </label>
          <label>
            <span>{tr('signin.password')}</span>
            <input name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
          </label>
          {error && (
            <p className="form-error" role="alert" data-testid="sign-in-error">
              {errorText(lang, error.code, error.reason)}
            </p>
          )}
          <button type="submit" className="button primary big" disabled={busy}>
            {busy ? tr('signin.busy') : tr('signin.submit')}
          </button>
        </form>
      </main>
    </div>
  );
}

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

export function SitePicker({ sites, onChoose, onSignOut, onLanguage }: { sites: Site[]; onChoose: (id: string) => void; onSignOut: () => void; onLanguage: () => void }) {
  const { lang, tr } = useT();
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
