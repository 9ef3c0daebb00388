/**
 * The display's own words, in Japanese with English beneath (the screen shows both at once,
 * so it has no language switch). Window-type states come from the shared catalogues
 * (`issuingText`); queue and counter names from the configuration.
 */
export interface Bilingual {
  ja: string;
  en: string;
}

export const TEXT = {
  title: { ja: '呼出番号のご案内', en: 'Now calling' },
  nowCalling: { ja: 'ただいまお呼びしている番号', en: 'Now calling' },
  history: { ja: 'これまでにお呼びした番号', en: 'Recently called' },
  noCalls: { ja: '番号をお呼びするまでお待ちください', en: 'Please wait until your number is called' },
  queues: { ja: '待ち状況', en: 'Waiting' },
  noWait: { ja: 'すぐにご案内できます', en: 'No wait' },
  unknownWait: { ja: '待ち時間は未定です', en: 'Wait time not known' },
  recall: { ja: '再呼出', en: 'Recall' },
  notice: { ja: 'お知らせ', en: 'Notice' },
  emergency: { ja: '緊急のお知らせ', en: 'Emergency' },
  emergencyFollow: { ja: '職員の指示に従ってください', en: 'Please follow the instructions of staff' },
  offline: { ja: '通信が切れています・自動で再接続します', en: 'Connection lost — reconnecting' },
  connecting: { ja: '接続しています…', en: 'Connecting…' },
  soundBlocked: { ja: '音が出せません・画面に一度触れてください', en: 'Sound is blocked: touch the screen once' },
  sound: { ja: '音の設定', en: 'Sound' },
  chime: { ja: 'チャイム', en: 'Chime' },
  voice: { ja: '音声', en: 'Voice' },
  on: { ja: '入', en: 'on' },
  off: { ja: '切', en: 'off' },
  deviceMissing: { ja: 'この画面は呼出表示として登録されていません。職員にお知らせください。', en: 'This screen is not registered as a lobby display. Please tell a member of staff.' },
  deviceRefused: { ja: 'この呼出表示の登録が無効になっています。職員にお知らせください。', en: 'The registration of this lobby display is no longer valid. Please tell a member of staff.' },
} as const satisfies Record<string, Bilingual>;

export const waitingText = (n: number): Bilingual => ({ ja: `待ち ${n}人`, en: `${n} waiting` });
export const waitText = (minutes: number): Bilingual => ({ ja: `目安 約${minutes}分`, en: `About ${minutes} min` });

/** Minutes for display: at least 1 when there is a wait at all. */
export const roundMinutes = (m: number): number => Math.max(1, Math.round(m));
