import { issuingText, localized, type LocalizedText } from '@madoguchi/shared';

/**
 * The status and phone pages' own words, in Japanese and English (the two languages docs/product.md
 * §4 "Public status" gives these pages; queue and counter names come from the configuration, window
 * states from the shared catalogues through `issuingText`). Same keys and `{placeholders}` in both (typed below).
 */
const ja = {
  'lang.other': 'English',
  'lang.switch': '言語の切り替え',
  loading: '読み込んでいます…',
  offline: '接続が切れています。自動で再接続します…',
  'error.network': '情報を取得できませんでした。しばらくしてから再度お試しください。',

  'status.title': '窓口の混雑状況',
  'status.asOf': '{time} 現在',
  'status.live': '自動更新',
  'status.queue': '窓口',
  'status.waiting': '待ち人数',
  'status.people': '{n}人',
  'status.wait': '待ち時間の目安',
  'status.minutes': '約{n}分',
  'status.noWait': '待ちなし',
  'status.unknownWait': '—',
  'status.lastCalled': '最後に呼んだ番号',
  'status.noneCalled': 'なし',
  'status.open': '受付中',
  'status.nextOpening': '次の受付開始 {when}',
  'status.unknownSite': 'この庁舎は見つかりません。',
  'status.note': '待ち人数・待ち時間は目安です。受付番号のみを表示しています。',

  'ticket.title': '受付番号のご案内',
  'ticket.number': '受付番号',
  'ticket.ahead': 'あなたの前に {n}人',
  'ticket.next': 'まもなくお呼びします',
  'ticket.estimate': '待ち時間の目安 約{n}分',
  'ticket.waitNote': '番号をお呼びするまでお待ちください。この画面は自動で更新されます。',
  'ticket.called': 'お呼びしています',
  'ticket.goTo': '{counter}へお越しください',
  'ticket.serving': '{counter}でご案内中です',
  'ticket.servingNoCounter': 'ご案内中です',
  'ticket.done': 'ご来庁ありがとうございました',
  'ticket.no_show': 'お呼びしましたがお越しになりませんでした。お近くの職員にお声がけください。',
  'ticket.cancelled': 'この番号札は取り消されました。',
  'ticket.expired': 'この番号札は本日の受付終了により無効になりました。',
  'ticket.notFound': 'この番号札は見つかりません。番号札のQRコードをもう一度読み取ってください。',
  'ticket.alert.enable': '呼出を音とバイブで知らせる',
  'ticket.alert.on': '呼出時に音とバイブでお知らせします',
  'ticket.updated': '{time} 更新',
  'feedback.question': '本日の窓口での対応はいかがでしたか？',
  'feedback.hint': '任意・匿名です。1回タップするだけで送信されます。',
  'feedback.1': 'とても不満',
  'feedback.2': '不満',
  'feedback.3': 'ふつう',
  'feedback.4': '満足',
  'feedback.5': 'とても満足',
  'feedback.thanks': 'ご回答ありがとうございました。今後のサービス向上に役立てます。',
  'feedback.failed': '送信できませんでした。もう一度タップしてください。',
} as const;

type Catalogue = { readonly [K in keyof typeof ja]: string };

const en: Catalogue = {
  'lang.other': '日本語',
  'lang.switch': 'Switch language',
  loading: 'Loading…',
  offline: 'Connection lost — reconnecting…',
  'error.network': 'Could not get the information. Please try again later.',

  'status.title': 'Waiting at the counters',
  'status.asOf': 'As of {time}',
  'status.live': 'Live',
  'status.queue': 'Window',
  'status.waiting': 'Waiting',
  'status.people': '{n}',
  'status.wait': 'Estimated wait',
  'status.minutes': '{n} min',
  'status.noWait': 'No wait',
  'status.unknownWait': '—',
  'status.lastCalled': 'Last called',
  'status.noneCalled': 'none',
  'status.open': 'Open',
  'status.nextOpening': 'Opens {when}',
  'status.unknownSite': 'This office was not found.',
  'status.note': 'Waiting figures are estimates. Only ticket numbers are shown.',

  'ticket.title': 'Your ticket',
  'ticket.number': 'Your number',
  'ticket.ahead': '{n} ahead of you',
  'ticket.next': 'You will be called shortly',
  'ticket.estimate': 'Estimated wait about {n} min',
  'ticket.waitNote': 'Please wait until your number is called. This page updates by itself.',
  'ticket.called': 'Your number is called',
  'ticket.goTo': 'Please go to {counter}',
  'ticket.serving': 'Being served at {counter}',
  'ticket.servingNoCounter': 'Being served',
  'ticket.done': 'Thank you for your visit',
  'ticket.no_show': 'We called your number but you were not there. Please speak to a member of staff.',
  'ticket.cancelled': 'This ticket has been cancelled.',
  'ticket.expired': 'This ticket is no longer valid: the day’s service has ended.',
  'ticket.notFound': 'This ticket was not found. Please scan the QR code on your ticket again.',
  'ticket.alert.enable': 'Alert me with sound and vibration',
  'ticket.alert.on': 'You will be alerted with sound and vibration',
  'ticket.updated': 'Updated {time}',
  'feedback.question': 'How was our service today?',
  'feedback.hint': 'Optional and anonymous. One tap sends your answer.',
  'feedback.1': 'Very poor',
  'feedback.2': 'Poor',
  'feedback.3': 'Fair',
  'feedback.4': 'Good',
  'feedback.5': 'Very good',
  'feedback.thanks': 'Thank you for your answer. It helps us improve.',
  'feedback.failed': 'Could not send. Please tap again.',
};

export type Lang = 'ja' | 'en';
export type Key = keyof typeof ja;
const CATALOGUES: Record<Lang, Catalogue> = { ja, en };

export function tr(lang: Lang, key: Key, params?: Readonly<Record<string, string | number>>): string {
  const text = CATALOGUES[lang][key];
  return params ? text.replace(/\{(\w+)\}/g, (whole, name: string) => String(params[name] ?? whole)) : text;
}

export const name = (text: LocalizedText, lang: Lang): string => localized(text, lang);
export const closedText = (lang: Lang, reason: string | null | undefined): string => issuingText(lang, reason);

/** Minutes for display: at least 1 when there is a wait at all. */
export const roundMinutes = (m: number): number => Math.max(1, Math.round(m));

const STORE_KEY = 'madoguchi.status.lang';

/** `?lang=` first, then the visitor's last choice, then the browser's language (Japanese unless it says English). */
export function initialLang(search: string, navigatorLanguages: readonly string[]): Lang {
  const q = new URLSearchParams(search).get('lang');
  if (q === 'ja' || q === 'en') return q;
  try {
    const stored = window.localStorage.getItem(STORE_KEY);
    if (stored === 'ja' || stored === 'en') return stored;
  } catch {
    // storage may be refused inside a third-party frame: the browser's language decides
  }
  const first = navigatorLanguages[0]?.toLowerCase() ?? 'ja';
  return first.startsWith('en') ? 'en' : 'ja';
}

export function rememberLang(lang: Lang): void {
  try {
    window.localStorage.setItem(STORE_KEY, lang);
  } catch {
    // inside a frame whose storage is blocked the choice lasts for this visit only
  }
}

const LOCALE: Record<Lang, string> = { ja: 'ja-JP', en: 'en-US' };

export function formatTime(lang: Lang, iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat(LOCALE[lang], { timeZone, hour: 'numeric', minute: '2-digit' }).format(new Date(iso));
}

/** The next opening, such as 「5月18日(月) 8:45」 or "Mon, May 18, 8:45 AM". */
export function formatOpening(lang: Lang, iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat(LOCALE[lang], { timeZone, month: 'short', day: 'numeric', weekday: 'short', hour: 'numeric', minute: '2-digit' }).format(new Date(iso));
}
