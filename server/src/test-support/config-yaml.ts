/**
 * A configuration file (YAML) with one site, naka, and its certificates queue: what the tests of
 * the file's parsing vary is around it. `header` goes before `sites:` (a byte-order mark,
 * anchors), `schedule` is the queue's, `more` follows the queues in the site (counters, buttons…).
 */
export const nakaYaml = (o: { header?: string; schedule?: string; more?: string } = {}): string => `${o.header ?? ''}sites:
  - id: naka
    name: { ja: 中区役所, en: Naka Ward Office }
    queues:
      - id: certificates
        name: { ja: 証明発行, en: Certificates }
        numbering: { first: 1001, last: 1999 }
        schedule: ${o.schedule ?? '{ weekly: { mon: [["08:45", "17:15"]] } }'}
${o.more ?? ''}`;
