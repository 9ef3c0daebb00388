import type { Texts } from '../catalogue.js';
import type { CitizenKey } from './ja.js';

/**
 * やさしい日本語 — after 出入国在留管理庁・文化庁「在留支援のためのやさしい日本語ガイドライン」: short
 * sentences, common words, mostly hiragana, no honorifics, and a space between words
 * (分かち書き), also after 「、」 and 「。」 inside a text. The pages break these lines only at those
 * spaces (`[data-easy]` in shared/web/base.css): a word cut in two (「いんかんとうろくしょう｜めい」)
 * cannot be read by someone who reads kana word by word.
 *
 * The hardest words, reviewed against the guideline:
 * - ようけん (用件) is an abstract Sino-Japanese noun few learners know: the start screen asks
 *   what the English asks, 「なにを しに きましたか」.
 * - てつづき (手続き) is a word residents meet on every form, but as 「てつづきを する」 it says
 *   little: step 2 asks 「なにを しますか」, and the seated option says what happens, sitting on
 *   a chair to talk (「いすに すわって はなしたい」).
 * - いんかんとうろくしょうめい (印鑑登録証明書, a procedure's name in the configuration) is a
 *   13-kana compound: the guideline keeps a needed word and explains it, so the sample office
 *   names it 「いんかん （はんこ）の しょうめいしょ」, and long names get spaces between words.
 * Counters stay as 人 and 分 next to a digit (their readings change with the number).
 */
export const jaEasy: Texts<CitizenKey> = {
  'language.switch': 'ことば',

  'kiosk.title': 'ばんごうの かみ',
  'kiosk.demo': 'れんしゅうよう',
  'kiosk.connecting': 'じゅんびを しています',
  'kiosk.offline': 'つながって いません',
  'kiosk.offline.refused': 'いま ばんごうの かみを だせません。 すこし まって ください。 または しょくいんに きいて ください。',
  'kiosk.device.missing': 'この きかいは つかえません。 しょくいんに いって ください。',
  'kiosk.device.unauthorized': 'この きかいは つかえません。 しょくいんに いって ください。',
  'kiosk.queues.heading': 'なにを しに きましたか',
  'kiosk.queues.none': 'いま ばんごうの かみを だせる まどぐちは ありません',
  'kiosk.queue.waiting': 'まっている ひと {count}人',
  'kiosk.queue.wait': 'まつ じかん やく {minutes}分',
  'kiosk.queue.wait.none': 'すぐ よびます',
  'kiosk.queue.wait.unknown': 'まつ じかんは わかりません',
  'kiosk.queue.nextOpening': 'つぎに はじまる ひ {time}',
  'kiosk.services.heading': 'なにを しますか',
  'kiosk.services.other': 'ほか・わからない',
  'kiosk.back': 'もどる',
  'kiosk.options.heading': 'ひつような ひとは えらんで ください',
  'kiosk.options.lowCounter': 'いすに すわって はなしたい',
  'kiosk.options.priority': 'さきに よんで ほしい （にんしん、 しょうがい、 おとしより など）',
  'kiosk.issuing': 'ばんごうの かみを だして います',
  'kiosk.result.heading': 'あなたの ばんごう',
  'kiosk.result.ahead': 'あなたの まえに {count}人 います',
  'kiosk.result.ahead.none': 'あなたの まえに まっている ひとは いません',
  'kiosk.result.wait': 'まつ じかん やく {minutes}分',
  'kiosk.result.wait.none': 'すぐ よびます',
  'kiosk.result.note': 'ばんごうを よぶまで まって ください',
  'kiosk.result.qr': 'スマートフォンで よむと じゅんばんが わかります',
  'kiosk.result.qr.label': 'じゅんばんが わかる QRコード',
  'kiosk.result.flags.priority': 'さきに よぶ',
  'kiosk.result.flags.lowCounter': 'いすに すわる まどぐち',
  'kiosk.result.close': 'はじめに もどる',
  'kiosk.result.returning': '{seconds}びょうで はじめに もどります',
  'kiosk.result.noted': 'ばんごうを メモしました',
  'kiosk.print.pending': 'ばんごうの かみが でます。 とって ください。',
  'kiosk.print.printed': 'ばんごうの かみを とって ください。',
  'kiosk.print.none': 'この ばんごうを おぼえて ください。',
  'kiosk.print.failed':
    'ごめんなさい。 きかいが こわれて いて、 ばんごうの かみが でません。 この ばんごうを かいて ください。 または しゃしんを とって ください。 しょくいんは しって います。',
  'kiosk.announcement': 'おしらせ',
  'kiosk.emergency.heading': 'たいへんです。 おしらせが あります',
  'kiosk.emergency.stopped': 'いま ばんごうの かみは だせません。 しょくいんの いうことを きいて ください。',
  'kiosk.message.close': 'とじる',
  'kiosk.askStaff': 'しょくいんに きいて ください',
  'kiosk.largeText': 'もじを おおきく',
  'kiosk.audio': 'こえで あんない',
  'kiosk.audio.keys': 'やじるしの キーで えらんで、 エンターキーを おして ください。',
  'kiosk.audio.selected': 'えらんで います',
  'kiosk.booking.button': 'よやくの ひと',
  'kiosk.booking.heading': 'よやく ばんごう（6けた）を いれて ください',
  'kiosk.booking.entered': 'いれた ばんごう',
  'kiosk.booking.delete': '1つ けす',
  'kiosk.booking.ok': 'うけつけ',
  'kiosk.booking.flag': 'よやく',
  'kiosk.booking.tooEarly': 'まだ うけつけの じかんでは ありません。{time}から うけつけ できます。',
  'kiosk.booking.notFound': 'この よやく ばんごうは ありません。ばんごうを みて、もういちど いれて ください。',

  'issuing.closed_day': 'きょうは やすみです',
  'issuing.outside_hours': 'いまは うけつけの じかんでは ありません',
  'issuing.cutoff': 'きょうの うけつけは おわりました',
  'issuing.closed': 'うけつけは おわりました',
  'issuing.paused': 'いまは すこし とめて います',
  'issuing.emergency': 'たいへんな ことが あったので とめて います',

  'error.VALIDATION': 'ばんごうの かみが でませんでした。 もういちど おして ください。',
  'error.UNAUTHORIZED': 'この きかいは つかえません。 しょくいんに いって ください。',
  'error.FORBIDDEN': 'この きかいは つかえません。 しょくいんに いって ください。',
  'error.NOT_FOUND': 'その まどぐちは ありません。 はじめから やりなおして ください。',
  'error.RATE_LIMITED': 'こんで います。 すこし まって、 もういちど おして ください。',
  'error.ISSUING_CLOSED': 'いまは うけつけの じかんでは ありません。',
  'error.ISSUING_PAUSED': 'いまは すこし とめて います。',
  'error.EMERGENCY': 'たいへんな ことが あったので とめて います。 しょくいんの いうことを きいて ください。',
  'error.IDEMPOTENCY_MISMATCH': 'ばんごうの かみが でませんでした。 はじめから やりなおして ください。',
  'error.NUMBERS_EXHAUSTED': 'きょうの ばんごうは おわりました。 しょくいんに きいて ください。',
  'error.INTERNAL': 'きかいが こわれて います。 しょくいんに きいて ください。',
  'error.NETWORK': 'つながりませんでした。 もういちど おして ください。 または しょくいんに きいて ください。',
  'error.TOO_EARLY': 'まだ うけつけの じかんでは ありません。',
  'error.TOO_LATE': 'うけつけの じかんが おわりました。しょくいんに きいて ください。',
  'error.ALREADY_CHECKED_IN': 'この よやくは もう うけつけ しました。ばんごうの かみが ない ときは しょくいんに きいて ください。',
  'error.generic': 'ばんごうの かみが でませんでした。 しょくいんに きいて ください。',
};
