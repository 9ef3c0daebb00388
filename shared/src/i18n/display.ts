import { defineCatalogue, type Texts } from './catalogue.js';

/**
 * The lobby display's own words (display/). The screen shows Japanese with English beneath, both
 * at once, so it has no language switch; window states come from the citizens' catalogue
 * (`issuingText`), queue and counter names from the configuration.
 */
const ja = {
  documentTitle: '呼出表示 — {site}',
  counter: '{id}番窓口',
  title: '呼出番号のご案内',
  nowCalling: 'ただいまお呼びしている番号',
  history: 'これまでにお呼びした番号',
  noCalls: '番号をお呼びするまでお待ちください',
  queues: '待ち状況',
  noWait: 'すぐにご案内できます',
  unknownWait: '待ち時間は未定です',
  recall: '再呼出',
  notice: 'お知らせ',
  emergency: '緊急のお知らせ',
  emergencyFollow: '職員の指示に従ってください',
  offline: '通信が切れています・自動で再接続します',
  connecting: '接続しています…',
  soundBlocked: '音が出せません・画面に一度触れてください',
  sound: '音の設定',
  chime: 'チャイム',
  voice: '音声',
  on: '入',
  off: '切',
  deviceMissing: 'この画面は呼出表示として登録されていません。職員にお知らせください。',
  deviceRefused: 'この呼出表示の登録が無効になっています。職員にお知らせください。',
  waiting: '待ち {count}人',
  wait: '目安 約{minutes}分',
};

export type DisplayKey = keyof typeof ja;

const en: Texts<DisplayKey> = {
  documentTitle: 'Lobby display — {site}',
  counter: 'Counter {id}',
  title: 'Now calling',
  nowCalling: 'Now calling',
  history: 'Recently called',
  noCalls: 'Please wait until your number is called',
  queues: 'Waiting',
  noWait: 'No wait',
  unknownWait: 'Wait time not known',
  recall: 'Recall',
  notice: 'Notice',
  emergency: 'Emergency',
  emergencyFollow: 'Please follow the instructions of staff',
  offline: 'Connection lost — reconnecting',
  connecting: 'Connecting…',
  soundBlocked: 'Sound is blocked: touch the screen once',
  sound: 'Sound',
  chime: 'Chime',
  voice: 'Voice',
  on: 'on',
  off: 'off',
  deviceMissing: 'This screen is not registered as a lobby display. Please tell a member of staff.',
  deviceRefused: 'The registration of this lobby display is no longer valid. Please tell a member of staff.',
  waiting: '{count} waiting',
  wait: 'About {minutes} min',
};

export const DISPLAY = /* @__PURE__ */ defineCatalogue<DisplayKey>({ name: 'display', texts: { ja, en }, complete: ['ja', 'en'] });
