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
        name: { ja: 証明発行, ja-easy: しょうめいしょ, en: Certificates }
        numbering: { first: 1001, last: 1999, width: 4 }
        defaultServiceMinutes: 5
        services:
          - { id: juminhyo, name: { ja: 住民票の写し, en: Certificate of residence }, defaultServiceMinutes: 4 }
          - { id: inkan, name: { ja: 印鑑登録証明書, en: Seal registration certificate }, defaultServiceMinutes: 4 }
          - { id: koseki, name: { ja: 戸籍証明, en: Family register certificate }, defaultServiceMinutes: 6 }
          - { id: tax, name: { ja: 税証明, en: Tax certificate }, defaultServiceMinutes: 5 }
        schedule:
          weekly:
            <<: *weekdays
            fri: [["08:45", "19:00"]]  # extended Friday evening
          extended: [*moving-season]
          cutoffMinutes: 15
        alerts: { waitMinutes: 30, waiting: 40 }`;

const FILINGS = `
      - id: filings
        name: { ja: 届出受付, ja-easy: とどけで, en: Filings }
        numbering: { first: 2001, last: 2999, width: 4 }
        defaultServiceMinutes: 20
        services:
          - { id: move-in, name: { ja: 転入届, en: Moving in }, defaultServiceMinutes: 25 }
          - { id: move-out, name: { ja: 転出届, en: Moving out }, defaultServiceMinutes: 15 }
          - { id: change-of-address, name: { ja: 転居届, en: Change of address }, defaultServiceMinutes: 15 }
          - { id: marriage, name: { ja: 婚姻届, en: Marriage registration }, defaultServiceMinutes: 20 }
          - { id: birth, name: { ja: 出生届, en: Birth registration }, defaultServiceMinutes: 20 }
        schedule:
          weekly: *weekdays
          extended: [*moving-season]
          cutoffMinutes: 15`;

const INSURANCE = `
      - id: insurance
        name: { ja: 保険年金, ja-easy: ほけん・ねんきん, en: Health insurance & pension }
        numbering: { first: 3001, last: 3999, width: 4 }
        defaultServiceMinutes: 15
        services:
          - { id: kokuho, name: { ja: 国民健康保険, en: National Health Insurance } }
          - { id: nenkin, name: { ja: 国民年金, en: National Pension } }
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
