import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { staffApi } from '@madoguchi/shared/web';
import { api, asApiError, ROLES, userErrorCode, type Role, type Site, type UserRow } from '../api';
import { useAction } from '../hooks';
import { dateText, errorText, named, useT } from '../i18n';
import type { AdminProps } from './admin';
import { ConfirmDialog, Modal, SaveCancel } from './modal';
import { NoticeLine } from './notice';
import { RowAction, Table } from './table';

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
  // the sites a clerk or manager may be bound to; none ticked: every site
  const [allSites, setAllSites] = useState<Site[]>([]);
  const [newSites, setNewSites] = useState<string[]>([]);
  const [editingSites, setEditingSites] = useState<UserRow | null>(null);
  useEffect(() => {
    staffApi.sites().then(setAllSites, (e: unknown) => setLoadError(asApiError(e).code));
  }, []);
  const multiSite = allSites.length > 1;
  const sitesText = (sites: string[] | null | undefined) =>
    sites ? sites.map((id) => named(allSites.find((x) => x.id === id)?.name, lang, id)).join('、') : tr('users.sites.all');

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
      .run('create', () => api.createUser(name, password, role, role !== 'admin' && newSites.length > 0 ? newSites : null), { done: { kind: 'info', key: 'users.created', params: { user: name } }, mapCode: (err) => userErrorCode(err, 'create') })
      .then((ok) => {
        if (ok) {
          setUsername('');
          setPassword('');
          setNewSites([]);
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
        <Table testId="users" columns={[tr('users.col.username'), tr('users.col.role'), multiSite && tr('users.col.sites'), tr('users.col.created'), tr('users.col.state'), tr('users.col.actions')]}>
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
                {multiSite && (
                  <td data-testid="user-sites">
                    {sitesText(u.role === 'admin' ? null : u.sites)}
                    {!u.disabled && u.role !== 'admin' && (
                      <>
                        {' '}
                        <RowAction text={tr('users.editSites')} label={tr('users.editSites.label', { user: u.username })} onClick={() => setEditingSites(u)} />
                      </>
                    )}
                  </td>
                )}
                <td>{dateText(lang, u.createdAt, snapshot.site.timeZone)}</td>
                <td data-testid="user-state">
                  {u.disabled ? tr('users.disabled') : tr('users.active')}
                </td>
                <td className="row-actions">
                  {!u.disabled && (
                    <>
                      <RowAction text={tr('users.resetPassword')} label={tr('users.resetPassword.label', { user: u.username })} onClick={() => setResetting(u.username)} />
                      <RowAction text={tr('users.delete')} label={tr('users.delete.label', { user: u.username })} danger onClick={() => setDeleting(u.username)} />
                    </>
                  )}
                </td>
              </tr>
            ))}
        </Table>
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
        {multiSite && role !== 'admin' && <SiteBoxes legend={tr('users.sites')} sites={allSites} chosen={newSites} onChange={setNewSites} name="new-sites" />}
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
      {editingSites && (
        <EditSites
          user={editingSites}
          sites={allSites}
          onClose={() => setEditingSites(null)}
          onSave={(sites) =>
            action
              .run(`sites:${editingSites.username}`, () => api.updateUser(editingSites.username, { sites }), {
                done: { kind: 'info', key: 'users.updated', params: { user: editingSites.username } },
                mapCode: (err) => userErrorCode(err, 'update'),
              })
              .then((ok) => {
                reload();
                return ok;
              })
          }
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
        <SaveCancel onCancel={onClose} />
      </form>
    </Modal>
  );
}

/** Check boxes for the sites a user may act on; none ticked means every site. */
function SiteBoxes({ legend, sites, chosen, onChange, name }: { legend: string; sites: Site[]; chosen: string[]; onChange: (sites: string[]) => void; name: string }) {
  const { lang } = useT();
  return (
    <fieldset className="field">
      <legend>{legend}</legend>
      {sites.map((x) => (
        <label key={x.id} className="check">
          <input
            type="checkbox"
            name={name}
            value={x.id}
            checked={chosen.includes(x.id)}
            onChange={(e) => onChange(e.target.checked ? [...chosen, x.id] : chosen.filter((id) => id !== x.id))}
          />
          <span>{named(x.name, lang, x.id)}</span>
        </label>
      ))}
    </fieldset>
  );
}

function EditSites({ user, sites, onSave, onClose }: { user: UserRow; sites: Site[]; onSave: (sites: string[] | null) => Promise<boolean>; onClose: () => void }) {
  const { tr } = useT();
  const [chosen, setChosen] = useState<string[]>(user.sites ?? []);
  return (
    <Modal label={tr('users.editSites.label', { user: user.username })} onClose={onClose} testId="edit-sites">
      <form
        className="admin-form"
        onSubmit={(e) => {
          e.preventDefault();
          void onSave(chosen.length > 0 ? chosen : null).then(onClose);
        }}
      >
        <SiteBoxes legend={tr('users.sites')} sites={sites} chosen={chosen} onChange={setChosen} name="user-sites" />
        <SaveCancel onCancel={onClose} />
      </form>
    </Modal>
  );
}
