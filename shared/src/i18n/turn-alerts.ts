import { defineCatalogue, type Texts } from './catalogue.js';

/**
 * The turn-near alerts' messages (Web Push, e-mail, LINE) in the ticket's language, and the LINE
 * chat's replies. Short on purpose: a feature phone's screen shows a title of about 30 characters
 * and one or two sentences. `{label}` is the ticket number, `{counter}` the counter's name in the
 * same language.
 */
const ja = {
  'near.title': '{label}番 まもなく順番です',
  'near.body': 'あと{ahead}人、約{minutes}分です。窓口の近くにお戻りください。',
  'near.bodyAhead': 'あと{ahead}人です。窓口の近くにお戻りください。',
  'called.title': '{label}番をお呼びしています',
  'called.body': '{counter}へお越しください。',
  'recalled.title': '{label}番を再度お呼びしています',
  'recalled.body': '{counter}へお越しください。',
  'ended.title': '{label}番のお知らせを終わります',
  'ended.no_show': 'お呼びしましたがお見えになりませんでした。受付でお尋ねください。',
  'ended.cancelled': 'この番号札は取り消されました。',
  'ended.expired': '本日の受付は終了しました。',
  'line.bound': '{label}番のお知らせをこのLINEに送ります。止めるときは「停止」と送ってください。',
  'line.stopped': 'お知らせを止めました。',
};

export type TurnAlertKey = keyof typeof ja;

const jaEasy: Texts<TurnAlertKey> = {
  'near.title': '{label}ばん もうすぐ あなたの ばんです',
  'near.body': 'まえに {ahead}にん、だいたい {minutes}ふんです。まどぐちの ちかくに もどって ください。',
  'near.bodyAhead': 'まえに {ahead}にん います。まどぐちの ちかくに もどって ください。',
  'called.title': '{label}ばんを よんで います',
  'called.body': '{counter}に きて ください。',
  'recalled.title': '{label}ばんを もう いちど よんで います',
  'recalled.body': '{counter}に きて ください。',
  'ended.title': '{label}ばんの おしらせを おわります',
  'ended.no_show': 'よびましたが、いませんでした。うけつけで きいて ください。',
  'ended.cancelled': 'この ばんごうは とりけしに なりました。',
  'ended.expired': 'きょうの うけつけは おわりました。',
  'line.bound': '{label}ばんの おしらせを この LINEに おくります。とめる ときは「停止」と おくって ください。',
  'line.stopped': 'おしらせを とめました。',
};

const en: Texts<TurnAlertKey> = {
  'near.title': 'No. {label}: your turn is near',
  'near.body': '{ahead} ahead of you, about {minutes} min. Please come back near the counters.',
  'near.bodyAhead': '{ahead} ahead of you. Please come back near the counters.',
  'called.title': 'No. {label} is being called',
  'called.body': 'Please go to {counter}.',
  'recalled.title': 'No. {label} is called again',
  'recalled.body': 'Please go to {counter}.',
  'ended.title': 'No. {label}: alerts end',
  'ended.no_show': 'You were called but did not come. Please ask at reception.',
  'ended.cancelled': 'This ticket was cancelled.',
  'ended.expired': 'Today’s service has ended.',
  'line.bound': 'Alerts for No. {label} will come to this chat. Send "stop" to end them.',
  'line.stopped': 'Alerts stopped.',
};

const zh: Texts<TurnAlertKey> = {
  'near.title': '{label}号 快轮到您了',
  'near.body': '前面还有{ahead}人，约{minutes}分钟。请回到窗口附近。',
  'near.bodyAhead': '前面还有{ahead}人。请回到窗口附近。',
  'called.title': '正在叫{label}号',
  'called.body': '请到{counter}。',
  'recalled.title': '再次叫{label}号',
  'recalled.body': '请到{counter}。',
  'ended.title': '{label}号的通知结束',
  'ended.no_show': '叫号时您不在。请到接待处询问。',
  'ended.cancelled': '此号码已取消。',
  'ended.expired': '今天的受理已结束。',
  'line.bound': '{label}号的通知将发送到此LINE。要停止，请发送“停止”。',
  'line.stopped': '已停止通知。',
};

const ko: Texts<TurnAlertKey> = {
  'near.title': '{label}번 곧 차례입니다',
  'near.body': '앞에 {ahead}명, 약 {minutes}분 남았습니다. 창구 근처로 돌아와 주십시오.',
  'near.bodyAhead': '앞에 {ahead}명 남았습니다. 창구 근처로 돌아와 주십시오.',
  'called.title': '{label}번을 부르고 있습니다',
  'called.body': '{counter}(으)로 와 주십시오.',
  'recalled.title': '{label}번을 다시 부르고 있습니다',
  'recalled.body': '{counter}(으)로 와 주십시오.',
  'ended.title': '{label}번 알림을 마칩니다',
  'ended.no_show': '호출했지만 오지 않으셨습니다. 접수처에 문의해 주십시오.',
  'ended.cancelled': '이 번호표는 취소되었습니다.',
  'ended.expired': '오늘 접수는 끝났습니다.',
  'line.bound': '{label}번 알림을 이 LINE으로 보냅니다. 멈추려면 "stop"을 보내 주십시오.',
  'line.stopped': '알림을 멈췄습니다.',
};

const pt: Texts<TurnAlertKey> = {
  'near.title': 'Nº {label}: sua vez está perto',
  'near.body': 'Faltam {ahead} pessoas, cerca de {minutes} min. Volte para perto dos guichês.',
  'near.bodyAhead': 'Faltam {ahead} pessoas. Volte para perto dos guichês.',
  'called.title': 'Nº {label} está sendo chamado',
  'called.body': 'Dirija-se ao {counter}.',
  'recalled.title': 'Nº {label} chamado de novo',
  'recalled.body': 'Dirija-se ao {counter}.',
  'ended.title': 'Nº {label}: fim dos avisos',
  'ended.no_show': 'Você foi chamado, mas não veio. Informe-se na recepção.',
  'ended.cancelled': 'Esta senha foi cancelada.',
  'ended.expired': 'O atendimento de hoje terminou.',
  'line.bound': 'Os avisos do nº {label} virão para este chat. Envie "stop" para pará-los.',
  'line.stopped': 'Avisos parados.',
};

const vi: Texts<TurnAlertKey> = {
  'near.title': 'Số {label}: sắp đến lượt bạn',
  'near.body': 'Còn {ahead} người, khoảng {minutes} phút. Vui lòng quay lại gần quầy.',
  'near.bodyAhead': 'Còn {ahead} người. Vui lòng quay lại gần quầy.',
  'called.title': 'Đang gọi số {label}',
  'called.body': 'Vui lòng đến {counter}.',
  'recalled.title': 'Gọi lại số {label}',
  'recalled.body': 'Vui lòng đến {counter}.',
  'ended.title': 'Số {label}: kết thúc thông báo',
  'ended.no_show': 'Bạn đã được gọi nhưng không đến. Vui lòng hỏi tại quầy tiếp nhận.',
  'ended.cancelled': 'Số này đã bị hủy.',
  'ended.expired': 'Việc tiếp nhận hôm nay đã kết thúc.',
  'line.bound': 'Thông báo cho số {label} sẽ gửi đến LINE này. Gửi "stop" để dừng.',
  'line.stopped': 'Đã dừng thông báo.',
};

export const TURN_ALERTS = /* @__PURE__ */ defineCatalogue<TurnAlertKey>({
  name: 'turn-alerts',
  texts: { ja, 'ja-easy': jaEasy, en, zh, ko, pt, vi },
  complete: ['ja', 'ja-easy', 'en', 'zh', 'ko', 'pt', 'vi'],
});
