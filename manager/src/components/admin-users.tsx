import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { api, asApiError, ROLES, userErrorCode, type Role, type UserRow } from '../api';
import { useAction } from '../hooks';
import { dateText, errorText, useT } from '../i18n';
import type { AdminProps } from './admin';
import { ConfirmDialog, Modal } from './modal';
import { NoticeLine } from './notice';

/** 職員アカウント: list, add, change role, reset password, delete. */
export function UsersAdmin({ user, snapshot, onSessionEnded }: AdminProps) {
  const { lang, tr } = useT();
  const action = useAction(onSessionEnded);
  const [users, setUsers] = useState<UserRow[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<Role>('clerk');
  const [deleting, setDeleting] = useState<string | null>(null);
  const [resetting, setResetting] = useState<string | null>(null);
  const [showDisabled, setShowDisabled] = useState(false);

  const reload = useCallback(() => {
    api.users().then(
      (u) => {
        setUsers(u);
        setLoadError(null);
      },
      (e) => setLoadError(asApiError(e).code),
    );
  }, []);
  useEffect(reload, [reload]);

  const create = (e: FormEvent) => {
    e.preventDefault();
    const name = username.trim();
    void action
      .run('create', () => api.createUser(name, password, role), { done: { kind: 'info', key: 'users.created', params: { user: name } }, mapCode: (err) => userErrorCode(err, 'create') })
      .then((ok) => {
        if (ok) {
          setUsername('');
          setPassword('');
          reload();
        }
      });
  };

  const changeRole = (name: string, next: Role) =>
    void action.run(`role:${name}`, () => api.updateUser(name, { role: next }), { done: { kind: 'info', key: 'users.updated', params: { user: name } }, mapCode: (err) => userErrorCode(err, 'update') }).then(reload);

  return (
    <section className="panel" aria-labelledby="users-heading">
      <h2 id="users-heading">{tr('admin.users')}</h2>
      <NoticeLine notice={action.notice} testId="users-notice" />
      {loadError && (
        <p className="notice notice-error" role="alert">
          {errorText(lang, loadError)}
        </p>
      )}
      <label className="check">
        <input type="checkbox" checked={showDisabled} onChange={(e) => setShowDisabled(e.target.checked)} />
        <span>{tr('users.showDisabled')}</span>
      </label>
      {users && (
        <div className="table-scroll">
          <table className="table" data-testid="users">
            <thead>
              <tr>
                <th scope="col">{tr('users.col.username')}</th>
                <th scope="col">{tr('users.col.role')}</th>
                <th scope="col">{tr('users.col.created')}</th>
                <th scope="col">{tr('users.col.state')}</th>
                <th scope="col">{tr('users.col.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {users
                .filter((u) => showDisabled || !u.disabled)
                .map((u) => (
                  <tr key={u.username} data-user={u.username}>
                    <th scope="row">
                      {u.username} {u.username === user.username && <span className="small-text">{tr('users.you')}</span>}
                    </th>
                    <td>
                      <select aria-label={tr('users.changeRole.label', { user: u.username })} value={u.role} disabled={action.busy !== null || u.disabled} onChange={(e) => changeRole(u.username, e.target.value as Role)}>
                        {ROLES.map((r) => (
                          <option key={r} value={r}>
                            {tr(`role.${r}`)}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td>{dateText(lang, u.createdAt, snapshot.site.timeZone)}</td>
                    <td data-testid="user-state">
                      {u.disabled ? tr('users.disabled') : tr('users.active')}
                    </td>
                    <td className="row-actions">
                      {!u.disabled && (
                        <>
                          <button type="button" className="button small" aria-label={tr('users.resetPassword.label', { user: u.username })} onClick={() => setResetting(u.username)}>
                            {tr('users.resetPassword')}
                          </button>
                          <button type="button" className="button small danger-outline" aria-label={tr('users.delete.label', { user: u.username })} onClick={() => setDeleting(u.username)}>
                            {tr('users.delete')}
                          </button>
                        </>
                      )}
                    </td>
                  </tr>
                ))}
            </tbody>
          </table>
        </div>
      )}
      <form className="admin-form" onSubmit={create} aria-labelledby="new-user-heading">
        <h3 id="new-user-heading">{tr('users.new')}</h3>
        <label className="field">
          <span>{tr('users.username')}</span>
          <input name="new-username" required minLength={2} maxLength={32} pattern="[a-z0-9][a-z0-9._\-]*" autoComplete="off" autoCapitalize="none" spellCheck={false} value={username} onChange={(e) => setUsername(e.target.value)} />
        </label>
        <label className="field">
          <span>{tr('users.password')}</span>
          <input name="new-password" type="password" required autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        <div className="field">
          <label htmlFor="new-user-role">{tr('users.role')}</label>
          <select id="new-user-role" name="new-role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {tr(`role.${r}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button primary" disabled={action.busy !== null}>
          {tr('users.create')}
        </button>
      </form>
      {deleting && (
        <ConfirmDialog
          testId="confirm-delete-user"
          label={tr('users.delete.heading', { user: deleting })}
          text={tr('users.delete.text')}
          confirm={tr('users.delete')}
          danger
          busy={action.busy !== null}
          onConfirm={() =>
            void action
              .run(`delete:${deleting}`, () => api.deleteUser(deleting), { done: { kind: 'info', key: 'users.deleted', params: { user: deleting } }, mapCode: (err) => userErrorCode(err, 'delete') })
              .then(() => {
                setDeleting(null);
                reload();
              })
          }
          onClose={() => setDeleting(null)}
        />
      )}
      {resetting && <ResetPassword username={resetting} onClose={() => setResetting(null)} onSave={(pw) => action.run(`password:${resetting}`, () => api.updateUser(resetting, { password: pw }), { done: { kind: 'info', key: 'users.updated', params: { user: resetting } }, mapCode: (err) => userErrorCode(err, 'update') })} />}
    </section>
  );
}

function ResetPassword({ username, onSave, onClose }: { username: string; onSave: (password: string) => Promise<boolean>; onClose: () => void }) {
  const { tr } = useT();
  const [password, setPassword] = useState('');
  return (
    <Modal label={tr('users.resetPassword.label', { user: username })} onClose={onClose} testId="reset-password">
      <form
        className="admin-form"
        onSubmit={(e) => {
          e.preventDefault();
          void onSave(password).then(onClose);
        }}
      >
        <label className="field">
          <span>{tr('users.newPassword')}</span>
          <input type="password" required autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} data-autofocus="" />
        </label>
        <div className="dialog-buttons">
          <button type="submit" className="button primary">
            {tr('save')}
          </button>
          <button type="button" className="button" onClick={onClose}>
            {tr('cancel')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
