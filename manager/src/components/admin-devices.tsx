import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { api, asApiError, type DeviceKind, type DeviceRow } from '../api';
import { useAction } from '../hooks';
import { dateText, errorText, useT } from '../i18n';
import type { AdminProps } from './admin';
import { ConfirmDialog, Modal } from './modal';
import { NoticeLine } from './notice';
import { RowAction, Table } from './table';

const KINDS: readonly DeviceKind[] = ['kiosk', 'display', 'counter'];

/** The address a device opens once (the page keeps the token and takes it out of the address bar). */
function deviceUrl(kind: DeviceKind, token: string): string | null {
  if (kind === 'counter') return null; // counter devices (button agents) send the token as a bearer
  return `${window.location.origin}/${kind}/?token=${encodeURIComponent(token)}`;
}

/** 端末トークン: issue (shown once, with a copy button and the device's address) and revoke. */
export function DevicesAdmin({ siteId, snapshot, onSessionEnded }: AdminProps) {
  const { lang, tr } = useT();
  const action = useAction(onSessionEnded);
  const [devices, setDevices] = useState<DeviceRow[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [kind, setKind] = useState<DeviceKind>('kiosk');
  const [issued, setIssued] = useState<{ name: string; kind: DeviceKind; token: string } | null>(null);
  const [revoking, setRevoking] = useState<DeviceRow | null>(null);
  const [showRevoked, setShowRevoked] = useState(false);

  const reload = useCallback(() => {
    api.devices(siteId).then(
      (d) => {
        setDevices(d);
        setLoadError(null);
      },
      (e) => setLoadError(asApiError(e).code),
    );
  }, [siteId]);
  useEffect(reload, [reload]);

  const create = (e: FormEvent) => {
    e.preventDefault();
    const n = name.trim();
    let token = '';
    void action
      .run('create', async () => {
        token = (await api.createDevice(siteId, kind, n)).token;
      })
      .then((ok) => {
        if (!ok) return;
        setIssued({ name: n, kind, token });
        setName('');
        reload();
      });
  };

  const shown = (devices ?? []).filter((d) => showRevoked || !d.revokedAt);
  const tz = snapshot.site.timeZone;
  return (
    <section className="panel" aria-labelledby="devices-admin-heading">
      <h2 id="devices-admin-heading">{tr('admin.devices')}</h2>
      <NoticeLine notice={action.notice} testId="devices-notice" />
      {loadError && (
        <p className="notice notice-error" role="alert">
          {errorText(lang, loadError)}
        </p>
      )}
      <label className="check">
        <input type="checkbox" checked={showRevoked} onChange={(e) => setShowRevoked(e.target.checked)} />
        <span>{tr('devices.showRevoked')}</span>
      </label>
      {devices && (
        <Table testId="devices-list" columns={[tr('devices.col.name'), tr('devices.col.kind'), tr('devices.col.created'), tr('devices.col.state'), tr('devices.col.actions')]}>
          {shown.map((d) => (
            <tr key={d.id} data-device={d.name} data-device-id={d.id}>
              <th scope="row">{d.name}</th>
              <td>{tr(`devices.kind.${d.kind}`)}</td>
              <td>{dateText(lang, d.createdAt, tz)}</td>
              <td data-testid="device-state">{d.revokedAt ? tr('devices.revoked', { time: dateText(lang, d.revokedAt, tz) }) : tr('devices.active')}</td>
              <td className="row-actions">
                {!d.revokedAt && (
                  <RowAction text={tr('devices.revoke')} label={tr('devices.revoke.label', { name: d.name })} danger onClick={() => setRevoking(d)} />
                )}
              </td>
            </tr>
          ))}
        </Table>
      )}
      <form className="admin-form" onSubmit={create} aria-labelledby="new-device-heading">
        <h3 id="new-device-heading">{tr('devices.new')}</h3>
        <label className="field">
          <span>{tr('devices.name')}</span>
          <input name="device-name" required maxLength={64} value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <div className="field">
          <label htmlFor="new-device-kind">{tr('devices.kind')}</label>
          <select id="new-device-kind" name="device-kind" value={kind} onChange={(e) => setKind(e.target.value as DeviceKind)}>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {tr(`devices.kind.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button primary" disabled={action.busy !== null}>
          {tr('devices.create')}
        </button>
      </form>
      {issued && <TokenOnce {...issued} onClose={() => setIssued(null)} />}
      {revoking && (
        <ConfirmDialog
          testId="confirm-revoke"
          label={tr('devices.revoke.heading', { name: revoking.name })}
          text={tr('devices.revoke.text')}
          confirm={tr('devices.revoke')}
          danger
          busy={action.busy !== null}
          onConfirm={() =>
            void action.run(`revoke:${revoking.id}`, () => api.revokeDevice(siteId, revoking.id), { done: { kind: 'info', key: 'devices.revoked.notice', params: { name: revoking.name } } }).then(() => {
              setRevoking(null);
              reload();
            })
          }
          onClose={() => setRevoking(null)}
        />
      )}
    </section>
  );
}

/** The new token, shown once: copy it (or the device's address) before closing. */
function TokenOnce({ name, kind, token, onClose }: { name: string; kind: DeviceKind; token: string; onClose: () => void }) {
  const { tr } = useT();
  const [copied, setCopied] = useState<'token' | 'url' | 'failed' | null>(null);
  const url = deviceUrl(kind, token);
  const copy = (text: string, what: 'token' | 'url') => {
    navigator.clipboard.writeText(text).then(
      () => setCopied(what),
      () => setCopied('failed'),
    );
  };
  return (
    <Modal label={tr('devices.token.heading', { name })} onClose={onClose} testId="device-token" wide>
      <p className="notice notice-warn">{tr('devices.token.once')}</p>
      <label className="field">
        <span>{tr('devices.token.value')}</span>
        <input readOnly value={token} className="mono" data-testid="device-token-value" onFocus={(e) => e.currentTarget.select()} />
      </label>
      <button type="button" className="button" onClick={() => copy(token, 'token')} data-autofocus="">
        {tr('devices.copy')}
      </button>
      {url && (
        <>
          <label className="field">
            <span>{tr('devices.token.url')}</span>
            <input readOnly value={url} className="mono" data-testid="device-token-url" onFocus={(e) => e.currentTarget.select()} />
          </label>
          <button type="button" className="button" onClick={() => copy(url, 'url')}>
            {tr('devices.copy.url')}
          </button>
        </>
      )}
      <p aria-live="polite" className="small-text">
        {copied === 'failed' ? tr('devices.copy.failed') : copied ? tr('devices.copied') : ''}
      </p>
      <div className="dialog-buttons">
        <button type="button" className="button primary" onClick={onClose}>
          {tr('close')}
        </button>
      </div>
    </Modal>
  );
}
