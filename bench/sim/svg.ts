/**
 * Two hand-written SVG charts of a simulated day: the waits through the day per queue (actual
 * and printed estimate), and the printed estimate against the actual wait, next to the naive
 * estimate. Points are drawn as round-capped zero-length path segments, which keeps a chart of
 * thousands of tickets small.
 */
import type { Analysis } from './analysis.js';
import type { SimResult } from './run.js';

const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e'];
const W = 900;
const H = 420;
const PAD = { left: 56, right: 170, top: 40, bottom: 46 };

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const n1 = (x: number): string => (Math.round(x * 10) / 10).toString();

function niceStep(range: number, ticks: number): number {
  const raw = range / ticks;
  const p = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((m) => m * p).find((s) => s >= raw) ?? raw;
}

interface Frame {
  x0: number;
  y0: number;
  w: number;
  h: number;
  xMax: number;
  xMin: number;
  yMax: number;
}

function axes(f: Frame, xLabel: string, yLabel: string, xTick: (v: number) => string): string {
  const out: string[] = [];
  const sx = (v: number) => f.x0 + ((v - f.xMin) / (f.xMax - f.xMin)) * f.w;
  const sy = (v: number) => f.y0 + f.h - (v / f.yMax) * f.h;
  const ys = niceStep(f.yMax, 6);
  for (let v = 0; v <= f.yMax + 1e-9; v += ys) {
    out.push(`<line x1="${f.x0}" x2="${f.x0 + f.w}" y1="${n1(sy(v))}" y2="${n1(sy(v))}" class="grid"/>`);
    out.push(`<text x="${f.x0 - 6}" y="${n1(sy(v) + 4)}" text-anchor="end">${n1(v)}</text>`);
  }
  const xs = niceStep(f.xMax - f.xMin, 8);
  for (let v = Math.ceil(f.xMin / xs) * xs; v <= f.xMax + 1e-9; v += xs) {
    out.push(`<line x1="${n1(sx(v))}" x2="${n1(sx(v))}" y1="${f.y0}" y2="${f.y0 + f.h}" class="grid"/>`);
    out.push(`<text x="${n1(sx(v))}" y="${f.y0 + f.h + 16}" text-anchor="middle">${xTick(v)}</text>`);
  }
  out.push(`<rect x="${f.x0}" y="${f.y0}" width="${f.w}" height="${f.h}" class="frame"/>`);
  out.push(`<text x="${f.x0 + f.w / 2}" y="${f.y0 + f.h + 36}" text-anchor="middle">${esc(xLabel)}</text>`);
  out.push(`<text transform="translate(${f.x0 - 40} ${f.y0 + f.h / 2}) rotate(-90)" text-anchor="middle">${esc(yLabel)}</text>`);
  return out.join('');
}

const dots = (points: Array<[number, number]>): string => points.map(([x, y]) => `M${n1(x)} ${n1(y)}h0`).join('');

function svg(width: number, height: number, title: string, body: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">` +
    '<style>.grid{stroke:#ddd;stroke-width:1}.frame{fill:none;stroke:#888}.pts{fill:none;stroke-linecap:round}text{fill:#333}</style>' +
    `<rect width="${width}" height="${height}" fill="#fff"/>` +
    `<text x="${PAD.left}" y="22" font-size="14" font-weight="bold">${esc(title)}</text>${body}</svg>\n`
  );
}

/** Waits through the day: each ticket's actual wait by issue time, and 15-minute means of the actual and printed waits. */
export function waitsChart(r: SimResult, a: Analysis): string {
  const start = r.day.from;
  const hours = (at: number) => (at - start) / 3_600_000;
  const xMax = Math.ceil(hours(r.day.until));
  const yMax = Math.max(10, ...a.points.map((p) => Math.max(p.actual, p.estimate))) * 1.05;
  const f: Frame = { x0: PAD.left, y0: PAD.top, w: W - PAD.left - PAD.right, h: H - PAD.top - PAD.bottom, xMin: 0, xMax, yMax };
  const sx = (h: number) => f.x0 + (h / xMax) * f.w;
  const sy = (m: number) => f.y0 + f.h - (m / yMax) * f.h;
  const startHour = new Date(start).toLocaleTimeString('ja-JP', { timeZone: r.day.timeZone, hour: '2-digit', minute: '2-digit' });
  const [h0 = 0, m0 = 0] = startHour.split(':').map(Number);
  const clock = (v: number) => {
    const m = h0 * 60 + m0 + Math.round(v * 60);
    return `${Math.floor(m / 60)}:${String(m % 60).padStart(2, '0')}`;
  };
  const body: string[] = [axes(f, 'issue time', 'wait (minutes)', clock)];
  const legend: string[] = [];
  r.queues.forEach((q, i) => {
    const color = COLORS[i % COLORS.length] ?? '#000';
    const ps = a.points.filter((p) => p.queue === q.id);
    body.push(`<path class="pts" stroke="${color}" stroke-opacity="0.25" stroke-width="3" d="${dots(ps.map((p) => [sx(hours(p.issuedAt)), sy(p.actual)]))}"/>`);
    const bins = new Map<number, { actual: number; estimate: number; n: number }>();
    for (const p of ps) {
      const b = Math.floor(hours(p.issuedAt) * 4);
      const s = bins.get(b) ?? { actual: 0, estimate: 0, n: 0 };
      s.actual += p.actual;
      s.estimate += p.estimate;
      s.n += 1;
      bins.set(b, s);
    }
    const sorted = [...bins.entries()].sort((x, y) => x[0] - y[0]);
    const line = (pick: (s: { actual: number; estimate: number; n: number }) => number) =>
      sorted.map(([b, s], k) => `${k === 0 ? 'M' : 'L'}${n1(sx((b + 0.5) / 4))} ${n1(sy(pick(s) / s.n))}`).join('');
    body.push(`<path fill="none" stroke="${color}" stroke-width="2" d="${line((s) => s.actual)}"/>`);
    body.push(`<path fill="none" stroke="${color}" stroke-width="2" stroke-dasharray="5 4" d="${line((s) => s.estimate)}"/>`);
    const ly = PAD.top + 10 + i * 20;
    legend.push(`<line x1="${W - PAD.right + 16}" x2="${W - PAD.right + 40}" y1="${ly}" y2="${ly}" stroke="${color}" stroke-width="2"/><text x="${W - PAD.right + 46}" y="${ly + 4}">${esc(q.id)}</text>`);
  });
  const ly = PAD.top + 10 + r.queues.length * 20 + 10;
  legend.push(
    `<line x1="${W - PAD.right + 16}" x2="${W - PAD.right + 40}" y1="${ly}" y2="${ly}" stroke="#333" stroke-width="2"/><text x="${W - PAD.right + 46}" y="${ly + 4}">actual, 15-min mean</text>`,
    `<line x1="${W - PAD.right + 16}" x2="${W - PAD.right + 40}" y1="${ly + 18}" y2="${ly + 18}" stroke="#333" stroke-width="2" stroke-dasharray="5 4"/><text x="${W - PAD.right + 46}" y="${ly + 22}">printed estimate</text>`,
    `<path class="pts" stroke="#333" stroke-opacity="0.4" stroke-width="3" d="M${W - PAD.right + 28} ${ly + 36}h0"/><text x="${W - PAD.right + 46}" y="${ly + 40}">one ticket</text>`,
  );
  return svg(W, H, `Waits through the day — ${r.tickets.length} tickets, ${r.day.date}`, body.join('') + legend.join(''));
}

/** The printed estimate against the actual wait (left), and the naive estimate (right). */
export function estimateChart(r: SimResult, a: Analysis): string {
  const max = Math.max(10, ...a.points.map((p) => Math.max(p.actual, p.estimate, p.naive))) * 1.05;
  const panel = (W - PAD.left - 40 - 30) / 2;
  const frames: Array<{ f: Frame; title: string; value: (p: Analysis['points'][number]) => number }> = [
    { f: { x0: PAD.left, y0: PAD.top + 14, w: panel, h: panel * 0.8, xMin: 0, xMax: max, yMax: max }, title: 'printed estimate (model)', value: (p) => p.estimate },
    { f: { x0: PAD.left + panel + 70, y0: PAD.top + 14, w: panel, h: panel * 0.8, xMin: 0, xMax: max, yMax: max }, title: 'naive: ahead × mean service ÷ open counters', value: (p) => p.naive },
  ];
  const plotBottom = PAD.top + 14 + panel * 0.8 + PAD.bottom;
  const height = plotBottom + 18 * r.queues.length + 8;
  const body: string[] = [];
  for (const { f, title, value } of frames) {
    const sx = (v: number) => f.x0 + (v / max) * f.w;
    const sy = (v: number) => f.y0 + f.h - (v / max) * f.h;
    body.push(axes(f, 'actual wait (minutes)', 'estimated wait (minutes)', n1));
    body.push(`<text x="${f.x0}" y="${f.y0 - 6}" font-weight="bold">${esc(title)}</text>`);
    body.push(`<line x1="${sx(0)}" y1="${sy(0)}" x2="${n1(sx(max))}" y2="${n1(sy(max))}" stroke="#999" stroke-dasharray="3 3"/>`);
    r.queues.forEach((q, i) => {
      const color = COLORS[i % COLORS.length] ?? '#000';
      const ps = a.points.filter((p) => p.queue === q.id);
      body.push(`<path class="pts" stroke="${color}" stroke-opacity="0.35" stroke-width="3.5" d="${dots(ps.map((p) => [sx(p.actual), sy(value(p))]))}"/>`);
    });
  }
  const legend = r.queues
    .map((q, i) => {
      const acc = a.accuracy.find((x) => x.queue === q.id);
      const x = PAD.left;
      const y = plotBottom + 12 + i * 18;
      const text = acc ? `${q.id}: MAE ${n1(acc.model.mae)} vs naive ${n1(acc.naive.mae)} min (mean wait ${n1(acc.meanActual)})` : q.id;
      return `<path class="pts" stroke="${COLORS[i % COLORS.length] ?? '#000'}" stroke-width="6" d="M${x} ${y - 4}h0"/><text x="${x + 8}" y="${y}">${esc(text)}</text>`;
    })
    .join('');
  return svg(W, Math.round(height), 'Estimated wait at issue vs actual wait (issue → first call)', body.join('') + legend);
}
