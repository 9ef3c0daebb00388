import { useEffect, useRef } from 'react';
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartConfiguration,
} from 'chart.js';

// only what the reports draw: bar and line charts on category × linear axes
Chart.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Legend, Tooltip);

/** Colours that stay apart for colour-blind readers (Okabe–Ito), darkest first. */
export const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000'];

export interface Series {
  label: string;
  data: Array<number | null>;
}

interface ChartProps {
  kind: 'bar' | 'line';
  title: string;
  labels: string[];
  series: Series[];
  /** the value axis' upper bound (100 for percentages), or automatic */
  max?: number;
  testId: string;
}

/**
 * A chart.js chart on a canvas, made after mount and destroyed on unmount or change. The canvas
 * is an image with the chart's title; the same figures are in a table next to it.
 */
export function ChartCanvas({ kind, title, labels, series, max, testId }: ChartProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  const data = JSON.stringify({ kind, labels, series, max });
  useEffect(() => {
    const canvas = ref.current;
    if (!canvas) return;
    const config: ChartConfiguration<'bar' | 'line', Array<number | null>, string> = {
      type: kind,
      data: {
        labels,
        datasets: series.map((s, i) => ({
          label: s.label,
          data: s.data,
          backgroundColor: PALETTE[i % PALETTE.length],
          borderColor: PALETTE[i % PALETTE.length],
          borderWidth: kind === 'line' ? 3 : 0,
          pointRadius: kind === 'line' ? 3 : 0,
          spanGaps: true,
        })),
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        plugins: { legend: { display: series.length > 1, labels: { font: { size: 14 } } } },
        scales: {
          x: { ticks: { font: { size: 13 } } },
          y: { beginAtZero: true, ...(max !== undefined ? { max } : {}), ticks: { font: { size: 13 }, precision: 0 } },
        },
      },
    };
    const chart = new Chart(canvas, config);
    return () => chart.destroy();
    // `data` stands for every input of the chart
  }, [data]);
  return (
    <figure className="chart" data-testid={testId}>
      <figcaption>{title}</figcaption>
      <div className="chart-box">
        <canvas ref={ref} role="img" aria-label={title} />
      </div>
    </figure>
  );
}
