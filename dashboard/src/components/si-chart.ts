import { css, html, LitElement } from 'lit';
import { downloadTable } from '../lib/download.ts';
import { exportButtons } from '../lib/export.ts';
import { formatInteger, formatNumber, formatPercent, lang, t } from '../lib/i18n.ts';
import { shared } from '../lib/styles.ts';
import '../lib/i18n-views.ts';

export interface Series {
  label: string;
  values: (number | null)[];
  /** drawn against the rank axis: reversed (1 at the top), whole places only */
  rankAxis?: boolean;
}

/** A horizontal line across the chart at a value of the main axis: a band's lower limit. */
export interface ReferenceLine {
  value: number;
  label: string;
}

/** Chart.js, loaded on the first chart, with only the parts registered that the dashboard draws with. */
const loadChart = () => import('../lib/chart-parts.ts');

const PALETTE = ['#0b5cad', '#d6604d', '#1b7837', '#762a83', '#8c510a', '#01665e'];

type ChartType = import('../lib/chart-parts.ts').Chart;

/** Draws the reference lines, dashed, each with its label above it at the left. */
const referenceLines = {
  id: 'siReferenceLines',
  afterDatasetsDraw(chart: ChartType, _args: unknown, options: { lines?: ReferenceLine[]; color?: string }) {
    const y = chart.scales.y;
    if (!y || !options.lines?.length) return;
    const { ctx, chartArea } = chart;
    ctx.save();
    ctx.setLineDash([4, 4]);
    ctx.lineWidth = 1;
    ctx.strokeStyle = options.color ?? '#555';
    ctx.fillStyle = options.color ?? '#555';
    ctx.font = '11px system-ui, sans-serif';
    for (const line of options.lines) {
      if (line.value < y.min || line.value > y.max) continue;
      const py = Math.round(y.getPixelForValue(line.value)) + 0.5;
      ctx.beginPath();
      ctx.moveTo(chartArea.left, py);
      ctx.lineTo(chartArea.right, py);
      ctx.stroke();
      ctx.fillText(line.label, chartArea.left + 4, py - 3);
    }
    ctx.restore();
  },
};

/**
 * A line chart with its data as a table beside it: the chart for the eye, the
 * table for screen readers, keyboards and copying. Its numbers are the page's
 * (vi-VN or en-GB), its axes titled; ranks run from 1 at the top in whole
 * places; shares are percentages; the band limits are drawn as reference lines.
 */
export class SiChart extends LitElement {
  static override properties = {
    labels: { attribute: false },
    series: { attribute: false },
    caption: {},
    exportTitle: { attribute: false },
    format: { attribute: false },
    yTitle: {},
    rankTitle: {},
    rankMax: { attribute: false },
    percent: { type: Boolean },
    lines: { attribute: false },
  };
  declare labels: string[];
  declare series: Series[];
  declare caption: string;
  /** the title row of the table's export (what, the province, the period...); the caption when not given */
  declare exportTitle: string;
  declare format: (v: number | null) => string;
  /** the main axis's title (the rank axis has its own) */
  declare yTitle: string;
  declare rankTitle: string;
  /** the number of ranked units: the rank axis runs from 1 to it */
  declare rankMax: number | undefined;
  /** the main axis holds shares (0-1), shown as percentages from 0 to 100% */
  declare percent: boolean;
  /** reference lines on the main axis */
  declare lines: ReferenceLine[];
  #chart: ChartType | undefined;

  /** The Chart.js chart drawn, once it is (for tests and tools that read its scales). */
  get chart(): ChartType | undefined {
    return this.#chart;
  }

  constructor() {
    super();
    this.labels = [];
    this.series = [];
    this.caption = '';
    this.exportTitle = '';
    this.yTitle = '';
    this.rankTitle = '';
    this.rankMax = undefined;
    this.percent = false;
    this.lines = [];
    this.format = (v) => (v === null ? '–' : String(v));
  }

  override async firstUpdated(): Promise<void> {
    const { Chart } = await loadChart();
    const canvas = this.renderRoot.querySelector('canvas');
    if (!canvas || !this.isConnected) return;
    const style = getComputedStyle(this);
    const color = style.color;
    const main = this.series.some((s) => !s.rankAxis);
    const values = this.series.filter((s) => !s.rankAxis).flatMap((s) => s.values.filter((v) => v !== null));
    // the score's axis: the data with room around it, so that a band limit near it shows, never beyond 0-100
    const low = values.length ? Math.min(...values) : 0;
    const high = values.length ? Math.max(...values) : 100;
    const near = this.lines.map((l) => l.value).filter((v) => v >= low - 10 && v <= high + 10);
    // the main axis's numbers: whole points, or whole percentages
    const tick = (v: number | string) =>
      this.percent ? formatPercent(Number(v), 0) : formatNumber(Number(v), 0);
    this.#chart = new Chart(canvas, {
      type: 'line',
      data: this.#data(),
      plugins: [referenceLines],
      options: {
        locale: lang() === 'vi' ? 'vi-VN' : 'en-GB',
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        interaction: { mode: 'index', intersect: false },
        plugins: {
          legend: { labels: { color } },
          tooltip: {
            callbacks: {
              label: (item) => {
                const v = item.parsed.y;
                const s = this.series[item.datasetIndex];
                return `${s?.label}: ${s?.rankAxis ? formatInteger(v) : this.format(v)}`;
              },
            },
          },
          // @ts-expect-error: the options of the chart's own plugin
          siReferenceLines: { lines: this.lines, color },
        },
        scales: {
          x: { ticks: { color, maxRotation: 45, autoSkipPadding: 8 } },
          y: {
            display: main,
            position: 'left',
            title: { display: Boolean(this.yTitle), text: this.yTitle, color },
            ticks: { color, callback: tick },
            ...(this.percent
              ? { min: 0, max: 1 }
              : {
                  min: Math.max(0, Math.floor((Math.min(low, ...near) - 3) / 5) * 5),
                  max: Math.min(100, Math.ceil((Math.max(high, ...near) + 3) / 5) * 5),
                }),
          },
          rank: {
            display: this.series.some((s) => s.rankAxis),
            position: main ? 'right' : 'left',
            reverse: true,
            min: 1,
            ...(this.rankMax ? { max: this.rankMax } : {}),
            title: { display: Boolean(this.rankTitle), text: this.rankTitle, color },
            // whole places only: no rank 1.5
            ticks: {
              color,
              precision: 0,
              callback: (v) => (Number.isInteger(Number(v)) ? formatInteger(Number(v)) : ''),
            },
            grid: { drawOnChartArea: !main },
          },
        },
      },
    });
  }

  #data() {
    return {
      labels: this.labels,
      datasets: this.series.map((s, k) => ({
        label: s.label,
        data: s.values,
        borderColor: PALETTE[k % PALETTE.length],
        backgroundColor: PALETTE[k % PALETTE.length],
        yAxisID: s.rankAxis ? 'rank' : 'y',
        spanGaps: true,
        borderDash: s.rankAxis ? [4, 3] : [],
      })),
    };
  }

  override willUpdate(changed: Map<string, unknown>): void {
    if (this.#chart && (changed.has('labels') || changed.has('series'))) {
      this.#chart.data = this.#data();
      this.#chart.update('none');
    }
  }

  #print = window.matchMedia('print');

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('beforeprint', this.#fit);
    window.addEventListener('afterprint', this.#fit);
    this.#print.addEventListener('change', this.#fit);
  }

  /** Redraws at the size the page gives it, on paper and back: its labels keep their size instead of shrinking with the picture. */
  #fit = () => this.#chart?.resize();

  override disconnectedCallback(): void {
    window.removeEventListener('beforeprint', this.#fit);
    window.removeEventListener('afterprint', this.#fit);
    this.#print.removeEventListener('change', this.#fit);
    this.#chart?.destroy();
    this.#chart = undefined;
    super.disconnectedCallback();
  }

  override render() {
    return html`<figure>
      <figcaption>${this.caption}</figcaption>
      <div class="canvas" aria-hidden="true"><canvas></canvas></div>
      <details>
        <summary>${t('show_table')}</summary>
        ${exportButtons(
          (format) =>
            downloadTable(
              {
                file: this.caption || 'chart',
                title: this.exportTitle || this.caption,
                columns: [t('period'), ...this.series.map((s) => s.label)],
                rows: this.labels.map((label, k) => [label, ...this.series.map((s) => s.values[k] ?? null)]),
              },
              format,
            ),
          '',
        )}
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">${this.caption}</caption>
            <thead>
              <tr>
                <th scope="col">${t('period')}</th>
                ${this.series.map((s) => html`<th scope="col" class="num">${s.label}</th>`)}
              </tr>
            </thead>
            <tbody>
              ${this.labels.map(
                (label, k) => html`<tr>
                  <th scope="row">${label}</th>
                  ${this.series.map((s) => html`<td class="num">${s.rankAxis ? formatInteger(s.values[k]) : this.format(s.values[k] ?? null)}</td>`)}
                </tr>`,
              )}
            </tbody>
          </table>
        </div>
      </details>
    </figure>`;
  }

  static override styles = [
    shared,
    css`
      figure {
        margin: 0.5rem 0 1rem;
      }
      figcaption {
        font-weight: 600;
        margin-bottom: 0.3rem;
      }
      .canvas {
        position: relative;
        height: 240px;
      }
      details {
        margin-top: 0.4rem;
      }
      /* on paper a chart has the paper's size, not the screen's: redrawn at 680 x 150 px (an A4 or
         Letter page's width), its labels keep their size instead of shrinking with a picture */
      @media print {
        .canvas {
          height: 150px;
          width: 680px;
          max-width: 100%;
        }
        details {
          display: none;
        }
      }
    `,
  ];
}

customElements.define('si-chart', SiChart);

declare global {
  interface HTMLElementTagNameMap {
    'si-chart': SiChart;
  }
}
