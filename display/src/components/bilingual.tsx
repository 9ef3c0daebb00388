import { LOCALE_TAGS } from '@madoguchi/shared';
import { secondLanguage, type Bilingual } from '../text';

/**
 * A line in the display's second language. やさしい日本語 is marked `data-easy`: the stylesheet lets
 * it break only at the spaces between its words, never inside one.
 */
export function Second({ text, className }: { text: string; className?: string }) {
  const lang = secondLanguage();
  return (
    <span className={className ? `second ${className}` : 'second'} lang={LOCALE_TAGS[lang]} data-easy={lang === 'ja-easy' || undefined}>
      {text}
    </span>
  );
}

/** Japanese with its second language beneath, the display's way of saying everything (the second line only when it differs). */
export function Both({ text, className }: { text: Bilingual; className?: string }) {
  return (
    <span className={`both${className ? ` ${className}` : ''}`}>
      <span className="ja" lang="ja">
        {text.ja}
      </span>
      {text.second !== text.ja && <Second text={text.second} />}
    </span>
  );
}
