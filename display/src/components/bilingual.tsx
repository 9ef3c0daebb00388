import type { Bilingual } from '../text';

/** Japanese with its English beneath, the display's way of saying everything. */
export function Both({ text, className }: { text: Bilingual; className?: string }) {
  return (
    <span className={`both${className ? ` ${className}` : ''}`}>
      <span className="ja" lang="ja">
        {text.ja}
      </span>
      <span className="en" lang="en">
        {text.en}
      </span>
    </span>
  );
}
