import { useCallback, useEffect, useState } from 'react';
import { api, asApiError, type PrintersInfo } from '../api';
import { useAction } from '../hooks';
import { errorText, useT } from '../i18n';
import type { AdminProps } from './admin';
import { printerHealthText } from './devices';
import { NoticeLine } from './notice';

/** プリンター: health and pending jobs of each printer, and which printer each kiosk prints on. */
export function PrintersAdmin({ siteId, onSessionEnded }: AdminProps) {
  const { lang, tr } = useT();
  const action = useAction(onSessionEnded);
  const [info, setInfo] = useState<PrintersInfo | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

  const reload = useCallback(() => {
    api.printers(siteId).then(
      (p) => {
        setInfo(p);
        setLoadError(null);
      },
      (e) => setLoadError(asApiError(e).code),
    );
  }, [siteId]);
  useEffect(reload, [reload]);

  // "" is "as configured": null takes the page's choice away, back to the configuration file
  const assign = (kiosk: string, value: string) => {
    const printer = value === '' ? null : value;
    void action.run(`kiosk:${kiosk}`, () => api.setKioskPrinter(siteId, kiosk, printer), { done: { kind: 'info', key: 'printers.saved', params: { kiosk } } }).then(reload);
  };

  const printerName = (id: string | null | undefined) => (id ? (info?.printers.find((p) => p.id === id)?.name ?? id) : tr('printers.none'));

  return (
    <section className="panel" aria-labelledby="printers-heading">
      <h2 id="printers-heading">{tr('admin.printers')}</h2>
      <NoticeLine notice={action.notice} testId="printers-notice" />
      {loadError && (
        <p className="notice notice-error" role="alert">
          {errorText(lang, loadError)}
        </p>
      )}
      {info && (
        <>
          <div className="table-scroll">
            <table className="table" data-testid="printers">
              <thead>
                <tr>
                  <th scope="col">{tr('printers.col.name')}</th>
                  <th scope="col">{tr('printers.col.transport')}</th>
                  <th scope="col">{tr('printers.col.health')}</th>
                  <th scope="col">{tr('printers.col.pending')}</th>
                </tr>
              </thead>
              <tbody>
                {info.printers.map((p) => (
                  <tr key={p.id} data-printer={p.id}>
                    <th scope="row">{p.name}</th>
                    <td>{p.transport}</td>
                    <td>
                      <span className={`health health-${p.health === 'ok' ? 'ok' : 'bad'}`}>{printerHealthText(lang, p.health)}</span>
                      {p.detail && <span className="small-text"> {p.detail}</span>}
                    </td>
                    <td className="num">{p.pendingJobs}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {info.defaultPrinter !== undefined && <p className="small-text">{tr('printers.defaultPrinter', { printer: printerName(info.defaultPrinter) })}</p>}
          <h3>{tr('printers.kiosks')}</h3>
          {info.kiosks.length === 0 ? (
            <p className="empty">{tr('devices.none')}</p>
          ) : (
            <table className="table" data-testid="kiosk-printers">
              <thead>
                <tr>
                  <th scope="col">{tr('printers.col.kiosk')}</th>
                  <th scope="col">{tr('printers.col.printer')}</th>
                  <th scope="col">{tr('printers.col.source')}</th>
                </tr>
              </thead>
              <tbody>
                {info.kiosks.map((k) => (
                  <tr key={k.device} data-kiosk={k.device}>
                    <th scope="row">{k.device}</th>
                    <td>
                      <select aria-label={tr('printers.assign.label', { kiosk: k.device })} value={k.source === 'override' ? (k.printer ?? '') : ''} disabled={action.busy !== null} onChange={(e) => assign(k.device, e.target.value)}>
                        <option value="">
                          {tr('printers.default')}
                          {k.source !== 'override' && ` (${printerName(k.printer)})`}
                        </option>
                        {info.printers.map((p) => (
                          <option key={p.id} value={p.id}>
                            {p.name}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td>{tr(k.source === 'override' ? 'printers.source.override' : k.source === 'config' ? 'printers.source.config' : 'printers.source.default')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}
