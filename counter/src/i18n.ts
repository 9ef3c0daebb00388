import { createContext, useContext } from 'react';
import type { LocalizedText } from '@madoguchi/shared';

/**
 * The console's own catalogue (staff-facing, Japanese and English). The citizens' catalogues in
 * shared/ speak to citizens ("ask a member of staff"); a clerk needs other words. The same keys
 * and `{placeholders}` in both languages (checked by the type below).
 */
const ja = {
  'app.title': '窓口',
  'language.other': 'English',
  'language.switch': '言語の切り替え',
  connecting: '接続しています…',
  offline: '接続が切れています。再接続しています…',

  'signin.heading': '職員サインイン',
  'signin.username': 'ユーザー名',
  'signin.password': 'パスワード',
  'signin.submit': 'サインイン',
  'signin.busy': '確認しています…',
  signout: 'サインアウト',

  'site.choose': '庁舎を選んでください',
  'counter.choose': '窓口を選んでください',
  'counter.change': '窓口を変更',
  'counter.clerk': '担当 {name}',
  'counter.state.closed': '閉鎖中',
  'counter.state.open': '受付可',
  'counter.state.calling': '呼出中',
  'counter.state.serving': '対応中',
  'counter.state.paused': '休止中',
  'counter.closed': 'この窓口は閉じています',
  'counter.paused': '休止中：{reason}',

  'current.heading': '現在の番号',
  'current.none': '対応中の番号はありません',
  'current.state.called': '呼出中',
  'current.state.serving': '対応中',
  'current.sinceCall': '呼出から {time}',
  'current.serving': '対応時間 {time}',
  'current.recalls': '再呼出 {count}回',
  'ticket.priority': '優先',
  'ticket.lowCounter': 'ローカウンター',
  'ticket.transferred': '回付',

  'action.next': '呼出',
  'action.recall': '再呼出',
  'action.start': '受付開始',
  'action.complete': '完了',
  'action.noShow': '不在',
  'action.transfer': '回付',
  'action.pause': '休止',
  'action.resume': '再開',
  'action.close': '窓口を閉じる',
  'action.open': '窓口を開ける',
  'action.waiting': '番号を選んで呼ぶ',
  'action.reinstateLast': '直前の不在を戻す',
  'action.language': 'English',
  'action.help': 'キー操作',
  'action.callThis': '呼ぶ',
  'action.callThis.label': '{label}番を呼ぶ',
  'action.reinstate': '戻す',
  'action.reinstate.label': '{label}番を待ちに戻す',
  cancel: 'やめる',
  close: '閉じる',

  'pause.heading': '休止の理由',
  'pause.break': '休憩',
  'pause.phone': '電話対応',
  'pause.paperwork': '書類確認',

  'transfer.heading': '{label}番の回付先',
  'transfer.queue': '窓口種別を選んでください',
  'transfer.service': '手続きを選んでください',
  'transfer.noService': '手続きを指定しない',
  'transfer.back': '窓口種別に戻る',

  'confirmNoShow.heading': '不在にして次を呼びますか？',
  'confirmNoShow.text': '{label}番はまだ来ていません（再呼出 {count}回）。',
  'confirmNoShow.confirm': '不在にして呼ぶ',
  'confirmNoShow.recall': '再呼出する',

  'close.heading': 'この窓口を閉じますか？',
  'close.confirm': '閉じる',

  'queues.heading': '待ち状況',
  'queues.waiting': '待ち {count}人',
  'queues.wait': '目安 約{minutes}分',
  'queues.wait.none': '待ちなし',
  'waiting.heading': 'お待ちの番号',
  'waiting.none': 'お待ちの方はいません',
  'waiting.waited': '{minutes}分',
  'recent.heading': 'この窓口の最近の番号',
  'recent.none': 'まだありません',
  'recent.done': '完了',
  'recent.no_show': '不在',
  'recent.transferred': '回付 → {queue}',
  'recent.other': '{state}',

  'notice.nobody': 'お待ちの方はいません',
  'notice.reinstated': '{label}番を待ちに戻しました',
  'notice.transferred': '{label}番を{queue}に回付しました',
  'notice.noNoShow': '戻せる不在の番号はありません',

  'help.heading': 'キーボード操作',
  'help.note': 'F13〜F24 はキーボード型の呼出ボタン用です。',

  'error.LOGIN_FAILED': 'ユーザー名またはパスワードが違います。',
  'error.LOCKED_OUT': 'サインインの失敗が続いたため、一時的にロックされています。約{minutes}分後にもう一度お試しください。',
  'error.RATE_LIMITED': '操作が多すぎます。少し待ってからもう一度お試しください。',
  'error.UNAUTHORIZED': 'サインインの有効期限が切れました。もう一度サインインしてください。',
  'error.FORBIDDEN': 'この操作をする権限がありません。',
  'error.COUNTER_NOT_OPEN': '窓口が開いていません。「窓口を開ける」を押してください。',
  'error.COUNTER_BUSY': '対応中の番号があります。完了するか回付してから操作してください。',
  'error.NO_CURRENT_TICKET': '対応中の番号がありません。',
  'error.INVALID_TRANSITION': 'その番号には今この操作はできません。画面の状態を確認してください。',
  'error.CONFLICT': 'この窓口ではその番号を扱えません。',
  'error.NOT_FOUND': '見つかりませんでした。画面を更新してください。',
  'error.NOT_SAME_DAY': '前の営業日の番号は戻せません。',
  'error.VALIDATION': '入力内容を確認してください。',
  'error.NETWORK': 'サーバーに接続できませんでした。もう一度お試しください。',
  'error.INTERNAL': 'システムに問題が起きています。管理者に連絡してください。',
  'error.generic': '操作できませんでした（{code}）。',
};

export type MessageKey = keyof typeof ja;

const en: Record<MessageKey, string> = {
  'app.title': 'Counter',
  'language.other': '日本語',
  'language.switch': 'Switch language',
  connecting: 'Connecting…',
  offline: 'Connection lost. Reconnecting…',

  'signin.heading': 'Staff sign-in',
  'signin.username': 'User name',
  'signin.password': 'Password',
  'signin.submit': 'Sign in',
  'signin.busy': 'Checking…',
  signout: 'Sign out',

  'site.choose': 'Choose the office',
  'counter.choose': 'Choose your counter',
  'counter.change': 'Change counter',
  'counter.clerk': 'Clerk {name}',
  'counter.state.closed': 'Closed',
  'counter.state.open': 'Open',
  'counter.state.calling': 'Calling',
  'counter.state.serving': 'Serving',
  'counter.state.paused': 'Paused',
  'counter.closed': 'This counter is closed',
  'counter.paused': 'Paused: {reason}',

  'current.heading': 'Current ticket',
  'current.none': 'No current ticket',
  'current.state.called': 'Called',
  'current.state.serving': 'Serving',
  'current.sinceCall': '{time} since the call',
  'current.serving': 'Serving for {time}',
  'current.recalls': 'Recalled {count}×',
  'ticket.priority': 'Priority',
  'ticket.lowCounter': 'Low counter',
  'ticket.transferred': 'Transferred',

  'action.next': 'Call next',
  'action.recall': 'Recall',
  'action.start': 'Start',
  'action.complete': 'Complete',
  'action.noShow': 'No-show',
  'action.transfer': 'Transfer',
  'action.pause': 'Pause',
  'action.resume': 'Resume',
  'action.close': 'Close counter',
  'action.open': 'Open counter',
  'action.waiting': 'Choose a ticket to call',
  'action.reinstateLast': 'Reinstate the last no-show',
  'action.language': '日本語',
  'action.help': 'Shortcuts',
  'action.callThis': 'Call',
  'action.callThis.label': 'Call {label}',
  'action.reinstate': 'Reinstate',
  'action.reinstate.label': 'Put {label} back in the queue',
  cancel: 'Cancel',
  close: 'Close',

  'pause.heading': 'Reason for the pause',
  'pause.break': 'Break',
  'pause.phone': 'On the phone',
  'pause.paperwork': 'Checking documents',

  'transfer.heading': 'Transfer {label}',
  'transfer.queue': 'Choose the queue',
  'transfer.service': 'Choose the procedure',
  'transfer.noService': 'No particular procedure',
  'transfer.back': 'Back to the queues',

  'confirmNoShow.heading': 'Mark as no-show and call the next?',
  'confirmNoShow.text': '{label} has not come yet (recalled {count}×).',
  'confirmNoShow.confirm': 'No-show, then call',
  'confirmNoShow.recall': 'Recall instead',

  'close.heading': 'Close this counter?',
  'close.confirm': 'Close',

  'queues.heading': 'Waiting',
  'queues.waiting': '{count} waiting',
  'queues.wait': 'about {minutes} min',
  'queues.wait.none': 'no wait',
  'waiting.heading': 'Waiting tickets',
  'waiting.none': 'Nobody is waiting',
  'waiting.waited': '{minutes} min',
  'recent.heading': 'Recent tickets at this counter',
  'recent.none': 'None yet',
  'recent.done': 'Done',
  'recent.no_show': 'No-show',
  'recent.transferred': 'Transferred → {queue}',
  'recent.other': '{state}',

  'notice.nobody': 'Nobody is waiting',
  'notice.reinstated': '{label} is back in the queue',
  'notice.transferred': '{label} transferred to {queue}',
  'notice.noNoShow': 'There is no no-show to reinstate',

  'help.heading': 'Keyboard shortcuts',
  'help.note': 'F13–F24 are for keyboard-type call buttons.',

  'error.LOGIN_FAILED': 'Wrong user name or password.',
  'error.LOCKED_OUT': 'Too many failed sign-ins: the account is locked for now. Try again in about {minutes} min.',
  'error.RATE_LIMITED': 'Too many requests. Wait a moment and try again.',
  'error.UNAUTHORIZED': 'Your session has ended. Please sign in again.',
  'error.FORBIDDEN': 'You are not allowed to do this.',
  'error.COUNTER_NOT_OPEN': 'The counter is not open. Press “Open counter”.',
  'error.COUNTER_BUSY': 'A ticket is still being served. Complete or transfer it first.',
  'error.NO_CURRENT_TICKET': 'There is no current ticket.',
  'error.INVALID_TRANSITION': 'That ticket cannot do this now. Check its state on the screen.',
  'error.CONFLICT': 'This counter does not serve that ticket.',
  'error.NOT_FOUND': 'Not found. Reload the page.',
  'error.NOT_SAME_DAY': 'Tickets of an earlier business day cannot be reinstated.',
  'error.VALIDATION': 'Check what you entered.',
  'error.NETWORK': 'Could not reach the server. Try again.',
  'error.INTERNAL': 'The system has a problem. Contact the administrator.',
  'error.generic': 'That did not work ({code}).',
};

export type Lang = 'ja' | 'en';
const CATALOGUES: Record<Lang, Record<MessageKey, string>> = { ja, en };
export const LOCALE: Record<Lang, string> = { ja: 'ja-JP', en: 'en-US' };

export type Params = Readonly<Record<string, string | number>>;

export function t(lang: Lang, key: MessageKey, params?: Params): string {
  const text = CATALOGUES[lang][key];
  return params ? text.replace(/\{(\w+)\}/g, (whole, name: string) => String(params[name] ?? whole)) : text;
}

const hasKey = (k: string): k is MessageKey => Object.hasOwn(ja, k);

/** A refusal as text: the error code through the catalogue, never the server's English message. */
export function errorText(lang: Lang, code: string, reason: string | null = null): string {
  if (code === 'LOCKED_OUT') {
    const seconds = Number(reason);
    return t(lang, 'error.LOCKED_OUT', { minutes: Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds / 60) : 15 });
  }
  const key = `error.${code}`;
  return hasKey(key) ? t(lang, key) : t(lang, 'error.generic', { code });
}

/** A configured name (queue, procedure, counter) in the console's language. */
export const named = (text: LocalizedText | undefined | null, lang: Lang, fallback = ''): string => (text ? (text[lang] ?? text.ja) : fallback);

/** Pause reasons are sent as these codes and shown through the catalogue (other text as it is). */
export const PAUSE_REASONS = ['break', 'phone', 'paperwork'] as const;
export function reasonText(lang: Lang, reason: string | null): string {
  if (!reason) return '';
  const key = `pause.${reason}`;
  return hasKey(key) ? t(lang, key) : reason;
}

/** 3:07, or 1:02:09 past an hour. */
export function duration(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

export const LangContext = createContext<Lang>('ja');

export function useT(): { lang: Lang; tr: (key: MessageKey, params?: Params) => string } {
  const lang = useContext(LangContext);
  return { lang, tr: (key, params) => t(lang, key, params) };
}
