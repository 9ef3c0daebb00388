import type { Notice } from '../hooks';
import { errorText, useT } from '../i18n';

/** The result of the last action of a panel: an error (role alert) or a confirmation. */
export function NoticeLine({ notice, testId }: { notice: Notice | null; testId?: string }) {
  const { lang, tr } = useT();
  if (!notice) return <div className="notice-area" aria-live="polite" data-testid={testId} />;
  return (
    <div className="notice-area" aria-live="polite" data-testid={testId}>
      {notice.kind === 'error' ? (
        <p className="notice notice-error" role="alert">
          {errorText(lang, notice.code, notice.reason)}
        </p>
      ) : (
        <p className="notice notice-info" role="status">
          {tr(notice.key, notice.params)}
        </p>
      )}
    </div>
  );
}
