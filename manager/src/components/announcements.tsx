import { useState } from 'react';
import { ANNOUNCEMENT_LANGUAGES, announcementLanguages, LOCALE_TAGS, type AnnouncementLanguage, type AnnouncementTexts, type Language } from '@madoguchi/shared';
import { api } from '../api';
import { useAction } from '../hooks';
import { clockTime, useT } from '../i18n';
import type { PanelProps } from './controls';
import { ConfirmDialog } from './modal';
import { NoticeLine } from './notice';

/** The languages the form offers at once (product.md §8: English and やさしい日本語 at least); the others are behind "more languages". */
const FIRST_LANGUAGES: readonly AnnouncementLanguage[] = ['en', 'ja-easy'];
const MORE_LANGUAGES = ANNOUNCEMENT_LANGUAGES.filter((l) => !FIRST_LANGUAGES.includes(l));

type Drafts = Partial<Record<AnnouncementLanguage, string>>;

/** The texts to send: the ones written, trimmed (an empty field is no text: its readers get the fallback). */
function textsOf(drafts: Drafts): AnnouncementTexts {
  const texts: AnnouncementTexts = {};
  for (const lang of ANNOUNCEMENT_LANGUAGES) {
    const text = drafts[lang]?.trim();
    if (text) texts[lang] = text;
  }
  return texts;
}

/**
 * お知らせ: post information or an emergency (asked twice), written in Japanese and, optionally,
 * in the citizens' other languages; clear the ones shown, each with the languages it has.
 */
export function Announcements({ snapshot, siteId, onSessionEnded }: PanelProps) {
  const { lang, tr } = useT();
  const action = useAction(onSessionEnded);
  const [message, setMessage] = useState('');
  const [drafts, setDrafts] = useState<Drafts>({});
  const [severity, setSeverity] = useState<'info' | 'emergency'>('info');
  const [confirming, setConfirming] = useState(false);
  const texts = textsOf(drafts);
  // what the confirmation quotes: every text that will be shown
  const written: Array<[Language, string]> = [['ja', message.trim()], ...ANNOUNCEMENT_LANGUAGES.flatMap((l): Array<[Language, string]> => (texts[l] ? [[l, texts[l]]] : []))];

  const post = () =>
    void action
      .run('post', () => api.postAnnouncement(siteId, message.trim(), severity, texts), { done: { kind: 'info', key: 'announce.posted' } })
      .then((ok) => {
        setConfirming(false);
        if (ok) {
          setMessage('');
          setDrafts({});
          setSeverity('info');
        }
      });

  const field = (l: AnnouncementLanguage) => (
    <label key={l} className="field">
      <span>{tr(`announce.lang.${l}`)}</span>
      <textarea value={drafts[l] ?? ''} maxLength={500} rows={2} lang={LOCALE_TAGS[l]} name={`text-${l}`} onChange={(e) => setDrafts({ ...drafts, [l]: e.target.value })} />
    </label>
  );

  return (
    <section className="panel" aria-labelledby="announce-heading" data-testid="announcements">
      <h2 id="announce-heading">{tr('announce.heading')}</h2>
      <form
        className="announce-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (!message.trim()) return;
          if (severity === 'emergency') setConfirming(true);
          else post();
        }}
      >
        <label className="field">
          <span>{tr('announce.message')}</span>
          <textarea value={message} maxLength={500} rows={2} lang="ja" required onChange={(e) => setMessage(e.target.value)} name="message" />
        </label>
        <fieldset className="fieldset" aria-describedby="announce-languages-hint">
          <legend>{tr('announce.languages')}</legend>
          <p id="announce-languages-hint" className="small-text">
            {tr('announce.languages.hint')}
          </p>
          {FIRST_LANGUAGES.map(field)}
          <details className="announce-more">
            <summary>{tr('announce.moreLanguages')}</summary>
            <div className="announce-more-fields">{MORE_LANGUAGES.map(field)}</div>
          </details>
        </fieldset>
        <fieldset className="fieldset">
          <legend>{tr('announce.severity')}</legend>
          {(['info', 'emergency'] as const).map((s) => (
            <label key={s} className="check">
              <input type="radio" name="severity" value={s} checked={severity === s} onChange={() => setSeverity(s)} />
              <span>{tr(`announce.${s}`)}</span>
            </label>
          ))}
        </fieldset>
        <button type="submit" className={severity === 'emergency' ? 'button danger' : 'button primary'} disabled={!message.trim() || action.busy !== null} data-testid="announce-post">
          {tr('announce.post')}
        </button>
      </form>
      <NoticeLine notice={action.notice} />
      <h3>{tr('announce.active')}</h3>
      {snapshot.announcements.length === 0 ? (
        <p className="empty">{tr('announce.noneActive')}</p>
      ) : (
        <ul className="announce-list" role="list">
          {snapshot.announcements.map((a) => (
            <li key={a.id} className={`announce announce-${a.severity}`} data-announcement={a.id}>
              <span className={`state-badge badge-${a.severity}`}>{tr(`announce.badge.${a.severity}`)}</span>
              <span className="announce-text" lang="ja">
                {a.message}
              </span>
              <span className="announce-time">{clockTime(lang, a.postedAt, snapshot.site.timeZone)}</span>
              <Languages langs={announcementLanguages(a.texts)} />
              <button
                type="button"
                className="button small"
                aria-label={tr('announce.clear.label', { message: a.message })}
                disabled={action.busy !== null}
                onClick={() => void action.run(`clear:${a.id}`, () => api.clearAnnouncement(siteId, a.id))}
              >
                {tr('announce.clear')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {confirming && (
        <ConfirmDialog
          testId="confirm-emergency"
          label={tr('announce.confirm.heading')}
          text={tr('announce.confirm.text')}
          confirm={tr('announce.confirm.send')}
          danger
          busy={action.busy !== null}
          onConfirm={post}
          onClose={() => setConfirming(false)}
        >
          <dl className="announce-quotes">
            {written.map(([l, text]) => (
              <div key={l}>
                <dt>{tr(`announce.lang.${l}`)}</dt>
                <dd className="quote" lang={LOCALE_TAGS[l]}>
                  {text}
                </dd>
              </div>
            ))}
          </dl>
        </ConfirmDialog>
      )}
    </section>
  );
}

/** The languages an announcement was written in, as small tags after "Languages". */
function Languages({ langs }: { langs: readonly Language[] }) {
  const { tr } = useT();
  return (
    <span className="announce-langs">
      {tr('announce.languagesShown')}
      {langs.map((l) => (
        <span key={l} className="lang-tag" data-lang={l}>
          {tr(`announce.lang.${l}`)}
        </span>
      ))}
    </span>
  );
}
