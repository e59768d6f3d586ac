import { css, html, LitElement } from 'lit';
import { downloadCsv } from '../lib/export.ts';
import { t } from '../lib/i18n.ts';
import { shared } from '../lib/styles.ts';

export interface Series {
  label: string;
  values: (number | null)[];
  /** a second y axis, reversed, for ranks */
  rankAxis?: boolean;
}

/** Chart.js, loaded on the first chart, with only the parts registered that the dashboard draws with. */
const loadChart = () => import('../lib/chart-parts.ts');

const PALETTE = ['#0b5cad', '#d6604d', '#1b7837', '#762a83', '#8c510a', '#01665e'];

/**
 * A line chart with its data as a table beside it: the chart for the eye, the
 * table for screen readers, keyboards and copying.
 */
export class SiChart extends LitElement {
  static override properties = {
    labels: { attribute: false },
    series: { attribute: false },
    caption: {},
    format: { attribute: false },
  };
  declare labels: string[];
  declare series: Series[];
  declare caption: string;
  declare format: (v: number | null) => string;
  #chart: import('../lib/chart-parts.ts').Chart | undefined;

  constructor() {
    super();
    this.labels = [];
    this.series = [];
    this.caption = '';
    this.format = (v) => (v === null ? '–' : String(v));
  }

  override async firstUpdated(): Promise<void> {
    const { Chart } = await loadChart();
    const canvas = this.renderRoot.querySelector('canvas');
    if (!canvas) return;
    const style = getComputedStyle(this);
    this.#chart = new Chart(canvas, {
      type: 'line',
      data: this.#data(),
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        interaction: { mode: 'index', intersect: false },
        plugins: { legend: { labels: { color: style.color } } },
        scales: {
          y: { position: 'left' },
          rank: {
            position: 'right',
            reverse: true,
            display: this.series.some((s) => s.rankAxis),
            grid: { drawOnChartArea: false },
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

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('beforeprint', this.#fit);
  }

  /** Redraws at the size the page gives it, before printing. */
  #fit = () => this.#chart?.resize();

  override disconnectedCallback(): void {
    window.removeEventListener('beforeprint', this.#fit);
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
        <button
          @click=${() =>
            void downloadCsv(
              `${this.caption || 'chart'}.csv`,
              [t('period'), ...this.series.map((s) => s.label)],
              this.labels.map((label, k) => [label, ...this.series.map((s) => s.values[k] ?? null)]),
            )}
        >
          ${t('export_csv')}
        </button>
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
                  ${this.series.map((s) => html`<td class="num">${s.rankAxis ? (s.values[k] ?? '–') : this.format(s.values[k] ?? null)}</td>`)}
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
      @media print {
        .canvas {
          height: 130px;
        }
        /* a chart drawn for the screen shrinks to the page instead of running off it */
        canvas {
          max-width: 100% !important;
          max-height: 130px !important;
          object-fit: contain;
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
