import { useState } from 'react';
import type { ButtonStatusChanged, SiteSnapshot } from '@madoguchi/shared';
import type { User } from '../api';
import { useT, type MessageKey } from '../i18n';
import { ButtonsAdmin } from './admin-buttons';
import { DevicesAdmin } from './admin-devices';
import { PrintersAdmin } from './admin-printers';
import { UsersAdmin } from './admin-users';

type Section = 'users' | 'devices' | 'printers' | 'buttons';
const SECTIONS: ReadonlyArray<{ id: Section; key: MessageKey }> = [
  { id: 'users', key: 'admin.users' },
  { id: 'devices', key: 'admin.devices' },
  { id: 'printers', key: 'admin.printers' },
  { id: 'buttons', key: 'admin.buttons' },
];

export interface AdminProps {
  siteId: string;
  user: User;
  snapshot: SiteSnapshot;
  lastButtonStatus: ButtonStatusChanged | null;
  onSessionEnded: () => void;
}

/** Role admin: staff accounts, device tokens, the kiosks' printers and the call buttons. */
export function Admin(props: AdminProps) {
  const { tr } = useT();
  const [section, setSection] = useState<Section>('users');
  return (
    <div className="admin">
      <nav className="subnav" aria-label={tr('admin.heading')}>
        {SECTIONS.map((s) => (
          <button key={s.id} type="button" className="subnav-item" aria-current={section === s.id ? 'page' : undefined} data-section={s.id} onClick={() => setSection(s.id)}>
            {tr(s.key)}
          </button>
        ))}
      </nav>
      {section === 'users' && <UsersAdmin {...props} />}
      {section === 'devices' && <DevicesAdmin {...props} />}
      {section === 'printers' && <PrintersAdmin {...props} />}
      {section === 'buttons' && <ButtonsAdmin {...props} />}
    </div>
  );
}
