import { useState, type FormEvent } from 'react';
import { asApiError } from '../api-error';
import { staffApi, type User } from '../staff-api';
import { Header } from './header';
import { useStaffText } from './language';

/** Username and password → the session cookie. Refusals come from the page's catalogue. */
export function SignIn({ onSignedIn, onLanguage }: { onSignedIn: (u: User) => void; onLanguage: () => void }) {
  const { tr, errorText } = useStaffText();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ code: string; reason: string | null } | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await staffApi.login(username.trim(), password));
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
              {errorText(error.code, error.reason)}
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
