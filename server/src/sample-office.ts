/**
 * The embedded default configuration: a sample ward office that runs with no file at all, in
 * demo mode so that a newcomer can try it at any hour. It is YAML text and goes through
 * `parseConfig` like any installation's file. `TWO_SITE_CONFIG_TEXT` (the office and its branch,
 * with schedules in force) is for tests of site separation.
 */

// Hours shared by the queues through YAML anchors; `x-` keys are ignored by the parser.
const SHARED = `
x-weekdays: &weekdays
  mon: [["08:45", "17:15"]]
  tue: [["08:45", "17:15"]]
  wed: [["08:45", "17:15"]]
  thu: [["08:45", "17:15"]]
  fri: [["08:45", "17:15"]]

# 引越しシーズンの日曜開庁 (Sunday openings in the moving season), every year
x-moving-season: &moving-season
  from: "03-20"
  to: "04-10"
  weekdays: [sun]
  hours: [["09:00", "12:00"]]
  overridesClosed: true
`;

const CERTIFICATES = `
      - id: certificates
        name: { ja: 証明発行, ja-easy: しょうめいしょ, en: Certificates, zh: 证明书发行, ko: 증명서 발급, pt: Certidões, vi: Cấp giấy chứng nhận }
        numbering: { first: 1001, last: 1999, width: 4 }
        defaultServiceMinutes: 5
        services:
          - { id: juminhyo, name: { ja: 住民票の写し, ja-easy: じゅうみんひょう, en: Certificate of residence, zh: 住民票副本, ko: 주민표 사본, pt: Certidão de residência, vi: Bản sao phiếu cư trú }, defaultServiceMinutes: 4 }
          - { id: inkan, name: { ja: 印鑑登録証明書, ja-easy: いんかん （はんこ）の しょうめいしょ, en: Seal registration certificate, zh: 印章登记证明, ko: 인감등록증명서, pt: Certidão de registro de carimbo, vi: Giấy chứng nhận đăng ký con dấu }, defaultServiceMinutes: 4 }
          - { id: koseki, name: { ja: 戸籍証明, ja-easy: こせき, en: Family register certificate, zh: 户籍证明, ko: 호적 증명, pt: Certidão de registro familiar, vi: Giấy chứng nhận hộ tịch }, defaultServiceMinutes: 6 }
          - { id: tax, name: { ja: 税証明, ja-easy: ぜいきんの しょうめい, en: Tax certificate, zh: 税务证明, ko: 세금 증명, pt: Certidão de impostos, vi: Giấy chứng nhận thuế }, defaultServiceMinutes: 5 }
        schedule:
          weekly:
            <<: *weekdays
            fri: [["08:45", "19:00"]]  # extended Friday evening
          extended: [*moving-season]
          cutoffMinutes: 15
        alerts: { waitMinutes: 30, waiting: 40 }`;

const FILINGS = `
      - id: filings
        name: { ja: 届出受付, ja-easy: とどけで, en: Filings, zh: 申报受理, ko: 신고 접수, pt: Registros e declarações, vi: Tiếp nhận đăng ký }
        numbering: { first: 2001, last: 2999, width: 4 }
        defaultServiceMinutes: 20
        services:
          - { id: move-in, name: { ja: 転入届, ja-easy: ひっこして きた, en: Moving in, zh: 迁入申报, ko: 전입 신고, pt: Mudança para a cidade, vi: Chuyển đến }, defaultServiceMinutes: 25 }
          - { id: move-out, name: { ja: 転出届, ja-easy: ひっこして いく, en: Moving out, zh: 迁出申报, ko: 전출 신고, pt: Mudança para fora da cidade, vi: Chuyển đi }, defaultServiceMinutes: 15 }
          - { id: change-of-address, name: { ja: 転居届, ja-easy: くの なかで ひっこし, en: Change of address, zh: 住址变更, ko: 전거 신고, pt: Mudança de endereço, vi: Đổi địa chỉ }, defaultServiceMinutes: 15 }
          - { id: marriage, name: { ja: 婚姻届, ja-easy: けっこん, en: Marriage registration, zh: 结婚登记, ko: 혼인 신고, pt: Registro de casamento, vi: Đăng ký kết hôn }, defaultServiceMinutes: 20 }
          - { id: birth, name: { ja: 出生届, ja-easy: あかちゃんが うまれた, en: Birth registration, zh: 出生登记, ko: 출생 신고, pt: Registro de nascimento, vi: Đăng ký khai sinh }, defaultServiceMinutes: 20 }
        schedule:
          weekly: *weekdays
          extended: [*moving-season]
          cutoffMinutes: 15
        booking: { slotMinutes: 30, perSlot: 2, daysAhead: 14, checkInBeforeMinutes: 30, checkInAfterMinutes: 10 }`;

const INSURANCE = `
      - id: insurance
        name: { ja: 保険年金, ja-easy: ほけんと ねんきん, en: Health insurance & pension, zh: 保险・年金, ko: 보험・연금, pt: Seguro de saúde e pensão, vi: Bảo hiểm y tế và lương hưu }
        numbering: { first: 3001, last: 3999, width: 4 }
        defaultServiceMinutes: 15
        services:
          - { id: kokuho, name: { ja: 国民健康保険, ja-easy: こくみん けんこう ほけん, en: National Health Insurance, zh: 国民健康保险, ko: 국민건강보험, pt: Seguro Nacional de Saúde, vi: Bảo hiểm y tế quốc dân } }
          - { id: nenkin, name: { ja: 国民年金, ja-easy: こくみん ねんきん, en: National Pension, zh: 国民年金, ko: 국민연금, pt: Pensão Nacional, vi: Lương hưu quốc dân } }
        schedule:
          weekly: *weekdays
          cutoffMinutes: 15`;

const counter = (n: number, queues: string, extra = ''): string =>
  `\n      - { id: "${n}", name: { ja: ${n}番窓口, en: Counter ${n} }, queues: [${queues}]${extra} }`;

const NAKA_COUNTERS =
  counter(1, 'certificates') +
  counter(2, 'certificates') +
  counter(3, 'certificates') +
  counter(4, 'certificates') +
  counter(5, 'filings') +
  counter(6, 'filings', ', lowCounter: true') +
  counter(7, 'filings', ', lowCounter: true') +
  counter(8, 'filings, certificates', ', primaryQueue: filings') +
  counter(9, 'insurance') +
  counter(10, 'insurance', ', lowCounter: true');

// npm start runs the project's printer simulator in-process; every kiosk prints there
const DEMO_PRINTER = `
    printers:
      - { id: lobby, name: 1F lobby kiosk printer, transport: { kind: simulator }, model: epson, paperWidthMm: 80 }
    defaultPrinter: lobby`;

const naka = (demo: boolean): string => `
  - id: naka
    name: { ja: 中区役所, en: Naka Ward Office }
    kind: ward-office
    timeZone: Asia/Tokyo
    demo: ${demo}
    queues:${CERTIFICATES}${FILINGS}${INSURANCE}
    counters:${NAKA_COUNTERS}${demo ? DEMO_PRINTER : ''}`;

export const SAMPLE_CONFIG_TEXT = `# madoguchi — sample ward office (embedded default)
${SHARED}
sites:${naka(true)}
`;

export const TWO_SITE_CONFIG_TEXT = `# madoguchi — a ward office and its branch (tests of site separation)
${SHARED}
sites:${naka(false)}

  - id: naka-branch
    name: { ja: 中区役所 北支所, en: Naka Ward North Branch }
    kind: branch
    demo: false
    queues:${CERTIFICATES}${INSURANCE}
    counters:${counter(1, 'certificates')}${counter(2, 'insurance, certificates', ', primaryQueue: insurance, lowCounter: true')}
`;
