/**
 * What every benchmark returns: figures in the shape of bench/results.md's table (value, anchor
 * measured in the same run, ratio, target, met or missed and why), and notes on method.
 */
export interface Figure {
  what: string;
  value: string;
  /** the anchor measured in the same run, or '—' when the target has none */
  anchor: string;
  ratio: string;
  target: string;
  /** null: not measured in this run */
  met: boolean | null;
  /** one sentence: how it was met, or why it was missed / not measured */
  why: string;
}

export interface Section {
  title: string;
  figures: Figure[];
  /** markdown lines: the method and the details behind the figures */
  notes: string[];
}

export interface Summary {
  n: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentiles of a sample. */
export function summarise(samples: readonly number[]): Summary {
  const s = [...samples].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))] ?? Number.NaN;
  return { n: s.length, mean: s.reduce((a, b) => a + b, 0) / Math.max(1, s.length), p50: q(0.5), p95: q(0.95), p99: q(0.99), max: s[s.length - 1] ?? Number.NaN };
}

export const median = (xs: readonly number[]): number => summarise(xs).p50;

export const ms = (v: number, digits = 1): string => `${v.toFixed(digits)} ms`;
export const mb = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(1)} MB`;
export const perS = (v: number): string => `${Math.round(v).toLocaleString('en-US')}/s`;
export const times = (v: number): string => `${v.toFixed(2)}×`;
export const pct = (v: number): string => `${(v * 100).toFixed(0)} %`;

/** A figure that could not be measured in this run, with the reason. */
export function notMeasured(what: string, target: string, why: string): Figure {
  return { what, value: '—', anchor: '—', ratio: '—', target, met: null, why };
}

/** A section's notes: each note a paragraph, except table rows, which stay together. */
export function sectionMarkdown(s: Section): string[] {
  const out = [`## ${s.title}`, ''];
  s.notes.forEach((n, i) => {
    const table = n.startsWith('|');
    // a paragraph before a table needs a blank line; rows of one table stay together
    if (table || n === '') out.push(n);
    else out.push(n, '');
    if (table && !s.notes[i + 1]?.startsWith('|')) out.push('');
  });
  if (out[out.length - 1] !== '') out.push('');
  return out;
}

export function tableMarkdown(figures: readonly Figure[]): string[] {
  const cell = (v: string) => v.replace(/\|/g, '\\|');
  return [
    '| figure | value | anchor (same run) | ratio | target | result |',
    '|---|---|---|---|---|---|',
    ...figures.map((f) =>
      `| ${[f.what, f.value, f.anchor, f.ratio, f.target, `${f.met === null ? '**not measured**' : f.met ? '**met**' : '**missed**'} — ${f.why}`].map(cell).join(' | ')} |`,
    ),
  ];
}

/** Prints a section when a benchmark module is run on its own. */
export function printSection(s: Section): void {
  console.log([...tableMarkdown(s.figures), '', ...sectionMarkdown(s)].join('\n'));
}

/** True when `import.meta.url` is the script node was started with. */
export const isMain = (url: string): boolean => url === `file://${process.argv[1]}`;
