import { LANGUAGES } from './languages.js';
import { defineCatalogue, type Texts } from './catalogue.js';

/**
 * The few words of the plain pages (the status and phone pages as server-rendered HTML, for
 * browsers that run no scripts: feature phones, a call center's plain browser) that the status
 * pages' catalogue (status.ts) does not have: how often the page renews itself, a link to renew it
 * now, and the other offices. Everything else on those pages is status.ts's.
 */
const ja = {
  'plain.refresh': 'この画面は{seconds}秒ごとに自動で更新されます。',
  'plain.reload': '今すぐ更新する',
  'plain.sites': 'ほかの庁舎',
} as const;

export type PlainKey = keyof typeof ja;

const jaEasy: Texts<PlainKey> = {
  'plain.refresh': 'この がめんは {seconds}びょう ごとに あたらしく なります。',
  'plain.reload': 'いま あたらしく する',
  'plain.sites': 'ほかの やくしょ',
};

const en: Texts<PlainKey> = {
  'plain.refresh': 'This page updates itself every {seconds} seconds.',
  'plain.reload': 'Update now',
  'plain.sites': 'Other offices',
};

const zh: Texts<PlainKey> = {
  'plain.refresh': '本页面每{seconds}秒自动更新。',
  'plain.reload': '立即更新',
  'plain.sites': '其他办事处',
};

const ko: Texts<PlainKey> = {
  'plain.refresh': '이 화면은 {seconds}초마다 자동으로 업데이트됩니다.',
  'plain.reload': '지금 업데이트',
  'plain.sites': '다른 청사',
};

const pt: Texts<PlainKey> = {
  'plain.refresh': 'Esta página é atualizada automaticamente a cada {seconds} segundos.',
  'plain.reload': 'Atualizar agora',
  'plain.sites': 'Outros locais de atendimento',
};

const vi: Texts<PlainKey> = {
  'plain.refresh': 'Trang này tự động cập nhật mỗi {seconds} giây.',
  'plain.reload': 'Cập nhật ngay',
  'plain.sites': 'Các văn phòng khác',
};

export const PLAIN = /* @__PURE__ */ defineCatalogue<PlainKey>({ name: 'plain', texts: { ja, 'ja-easy': jaEasy, en, zh, ko, pt, vi }, complete: LANGUAGES });
