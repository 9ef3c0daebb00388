import { useStaffText } from './language';

/** Shown while the page waits for the server (the session, the sites, the socket's first snapshot). */
export function Connecting() {
  const { tr } = useStaffText();
  return (
    <main className="center" role="status">
      <p>{tr('connecting')}</p>
    </main>
  );
}
