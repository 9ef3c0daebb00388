import { defineCatalogue, type Texts } from './catalogue.js';
import { LANGUAGES } from './languages.js';

/**
 * The printed slip's words in the ticket's language (server/src/adapters/printers). Every slip is
 * Japanese first, as the printer lays it out; a ticket taken in another language gets these lines
 * beneath their Japanese counterparts: people ahead, the wait, the issue time, a line under the
 * QR code saying which language the phone page opens in, and the note. やさしい日本語 readers read
 * the Japanese slip, so they get only the note and the phone line in their own words. Queue and
 * procedure names come from the configuration. The Japanese `note` is also the Japanese slip's note.
 */
const ja = {
  ahead: 'お待ちの人数：{count}人',
  wait: '待ち時間の目安：約{minutes}分',
  issued: '発券日時：{time}',
  phone: 'QRコードを読み取ると、スマートフォンの画面が日本語で開きます',
  note: '番号をお呼びするまでお待ちください',
  booked: '予約 {time}〜',
};

export type SlipKey = keyof typeof ja;

const jaEasy: Texts<SlipKey> = {
  ahead: 'まって いる ひと：{count}にん',
  wait: 'まつ じかん：だいたい {minutes}ふん',
  issued: 'ばんごうを とった じかん：{time}',
  phone: 'QRコードを よむと、スマートフォンに やさしい にほんごで でます',
  note: 'ばんごうを よぶまで まって ください',
  booked: 'よやく {time}から',
};

const en: Texts<SlipKey> = {
  ahead: 'People ahead of you: {count}',
  wait: 'Estimated wait: about {minutes} min',
  issued: 'Issued: {time}',
  phone: 'Scan the code: the phone page opens in English',
  note: 'Please wait until your number is called',
  booked: 'Booked for {time}',
};

const zh: Texts<SlipKey> = {
  ahead: '您前面的等候人数：{count}人',
  wait: '预计等候时间：约{minutes}分钟',
  issued: '取号时间：{time}',
  phone: '扫描二维码，手机页面将以中文显示',
  note: '在叫到您的号码之前，请稍候',
  booked: '预约 {time}起',
};

const ko: Texts<SlipKey> = {
  ahead: '앞에 기다리는 사람: {count}명',
  wait: '예상 대기 시간: 약 {minutes}분',
  issued: '발권 시각: {time}',
  phone: 'QR 코드를 읽으면 휴대폰 화면이 한국어로 열립니다',
  note: '번호를 부를 때까지 기다려 주십시오',
  booked: '예약 {time}부터',
};

const pt: Texts<SlipKey> = {
  ahead: 'Pessoas na sua frente: {count}',
  wait: 'Espera estimada: cerca de {minutes} min',
  issued: 'Emitida em: {time}',
  phone: 'Leia o código: a página no celular abre em português',
  note: 'Aguarde até que seu número seja chamado',
  booked: 'Agendado para {time}',
};

const vi: Texts<SlipKey> = {
  ahead: 'Số người đang chờ trước bạn: {count}',
  wait: 'Thời gian chờ dự kiến: khoảng {minutes} phút',
  issued: 'Giờ lấy số: {time}',
  phone: 'Quét mã QR: trang trên điện thoại sẽ mở bằng tiếng Việt',
  note: 'Vui lòng chờ cho đến khi số của bạn được gọi',
  booked: 'Đã đặt lịch lúc {time}',
};

export const SLIP = /* @__PURE__ */ defineCatalogue<SlipKey>({
  name: 'slip',
  texts: { ja, 'ja-easy': jaEasy, en, zh, ko, pt, vi },
  complete: LANGUAGES,
});
