import { LANGUAGES } from './languages.js';
import { defineCatalogue, type Texts } from './catalogue.js';

/**
 * The few words of the plain pages (the status and phone pages as server-rendered HTML, for
 * browsers that run no scripts: feature phones, a call center's plain browser) that the status
 * pages' catalogue (status.ts) does not have: how often the page renews itself and the links to
 * renew it now, to stop and to resume that, and the other offices. Everything else on those pages
 * is status.ts's.
 */
const ja = {
  'plain.refresh': 'この画面は{seconds}秒ごとに自動で更新されます。',
  'plain.reload': '今すぐ更新する',
  'plain.stop': '自動更新を止める',
  'plain.stopped': 'この画面は自動では更新されません。',
  'plain.resume': '{seconds}秒ごとに自動で更新する',
  'plain.sites': 'ほかの庁舎',
} as const;

export type PlainKey = keyof typeof ja;

const jaEasy: Texts<PlainKey> = {
  'plain.refresh': 'この がめんは {seconds}びょう ごとに あたらしく なります。',
  'plain.reload': 'いま あたらしく する',
  'plain.stop': 'じどうで あたらしく するのを やめる',
  'plain.stopped': 'この がめんは じどうでは あたらしく なりません。',
  'plain.resume': '{seconds}びょう ごとに じどうで あたらしく する',
  'plain.sites': 'ほかの やくしょ',
};

const en: Texts<PlainKey> = {
  'plain.refresh': 'This page updates itself every {seconds} seconds.',
  'plain.reload': 'Update now',
  'plain.stop': 'Stop updating automatically',
  'plain.stopped': 'This page does not update by itself.',
  'plain.resume': 'Update automatically every {seconds} seconds',
  'plain.sites': 'Other offices',
};

const zh: Texts<PlainKey> = {
  'plain.refresh': '本页面每{seconds}秒自动更新。',
  'plain.reload': '立即更新',
  'plain.stop': '停止自动更新',
  'plain.stopped': '本页面不会自动更新。',
  'plain.resume': '每{seconds}秒自动更新',
  'plain.sites': '其他办事处',
};

const ko: Texts<PlainKey> = {
  'plain.refresh': '이 화면은 {seconds}초마다 자동으로 업데이트됩니다.',
  'plain.reload': '지금 업데이트',
  'plain.stop': '자동 업데이트 끄기',
  'plain.stopped': '이 화면은 자동으로 업데이트되지 않습니다.',
  'plain.resume': '{seconds}초마다 자동으로 업데이트',
  'plain.sites': '다른 청사',
};

const pt: Texts<PlainKey> = {
  'plain.refresh': 'Esta página é atualizada automaticamente a cada {seconds} segundos.',
  'plain.reload': 'Atualizar agora',
  'plain.stop': 'Parar a atualização automática',
  'plain.stopped': 'Esta página não é atualizada automaticamente.',
  'plain.resume': 'Atualizar automaticamente a cada {seconds} segundos',
  'plain.sites': 'Outros locais de atendimento',
};

const vi: Texts<PlainKey> = {
  'plain.refresh': 'Trang này tự động cập nhật mỗi {seconds} giây.',
  'plain.reload': 'Cập nhật ngay',
  'plain.stop': 'Dừng tự động cập nhật',
  'plain.stopped': 'Trang này không tự động cập nhật.',
  'plain.resume': 'Tự động cập nhật mỗi {seconds} giây',
  'plain.sites': 'Các văn phòng khác',
};

export const PLAIN = /* @__PURE__ */ defineCatalogue<PlainKey>({ name: 'plain', texts: { ja, 'ja-easy': jaEasy, en, zh, ko, pt, vi }, complete: LANGUAGES });
