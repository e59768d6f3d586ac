import { css, html, LitElement, nothing } from 'lit';
import { api } from '../lib/api.ts';
import { downloadCsv } from '../lib/export.ts';
import { formatNumber, formatPeriod, t } from '../lib/i18n.ts';
import type { AppState } from '../lib/state.ts';
import { shared } from '../lib/styles.ts';
import type { RankingAnswer, UnitHistory } from '../lib/types.ts';
import './si-chart.ts';

/**
 * Two to six units side by side: their scores month by month on one chart,
 * their groups in one table.
 *
 * @fires si-navigate to change the units compared
 */
export class SiCompareView extends LitElement {
  static override properties = {
    ranking: { attribute: false },
    state: { attribute: false },
    histories: { state: true },
  };
  declare ranking: RankingAnswer;
  declare state: AppState;
  declare histories: UnitHistory[];
  #loaded = '';

  constructor() {
    super();
    this.histories = [];
  }

  override willUpdate(): void {
    const key = `${this.state.province}|${this.state.units.join(',')}|${this.ranking.source}`;
    if (key === this.#loaded) return;
    this.#loaded = key;
    Promise.all(this.state.units.map((u) => api.history(this.state.province, u, this.ranking.source))).then(
      (h) => {
        this.histories = h;
      },
      () => {
        this.histories = [];
      },
    );
  }

  #set(units: string[]) {
    this.dispatchEvent(new CustomEvent('si-navigate', { detail: { units }, bubbles: true, composed: true }));
  }

  override render() {
    const chosen = this.state.units;
    const byCode = new Map(this.ranking.units.map((u) => [u.unitCode, u]));
    const all = [...this.ranking.units].sort((a, b) => a.name.localeCompare(b.name, 'vi'));
    const groups = Object.keys(this.ranking.units[0]?.groups ?? {});
    const months = this.histories[0]?.months.map((m) => formatPeriod(m.period)) ?? [];
    return html`
      <h2>${t('compare_title')}</h2>
      <form
        class="toolbar no-print"
        @submit=${(e: SubmitEvent) => {
          e.preventDefault();
          const code = String(new FormData(e.target as HTMLFormElement).get('unit') ?? '');
          if (code && !chosen.includes(code) && chosen.length < 6) this.#set([...chosen, code]);
        }}
      >
        <div class="field">
          <label for="unit">${t('compare_pick')}</label>
          <select id="unit" name="unit">
            ${all.filter((u) => !chosen.includes(u.unitCode)).map((u) => html`<option value=${u.unitCode}>${u.name}</option>`)}
          </select>
        </div>
        <button type="submit" ?disabled=${chosen.length >= 6}>${t('compare_add')}</button>
      </form>
      <ul class="chosen">
        ${chosen.map(
          (code) => html`<li>
            ${byCode.get(code)?.name ?? code}
            <button aria-label="${t('compare_remove')} ${byCode.get(code)?.name ?? code}" @click=${() => this.#set(chosen.filter((c) => c !== code))}>
              ${t('compare_remove')}
            </button>
          </li>`,
        )}
      </ul>
      ${
        chosen.length < 2
          ? html`<p class="state">${t('compare_need')}</p>`
          : html`
            <h3>${t('compare_groups')} · ${formatPeriod(this.ranking.period.key)}</h3>
            <button
              class="no-print"
              @click=${() =>
                void downloadCsv(
                  `compare-${this.ranking.period.key}.csv`,
                  ['unitCode', 'name', 'rank', 'total', ...groups],
                  chosen.map((c) => {
                    const u = byCode.get(c);
                    return [c, u?.name, u?.rank, u?.total, ...groups.map((g) => u?.groups[g])];
                  }),
                )}
            >
              ${t('export_csv')}
            </button>
            <div class="table-wrap" tabindex="0" role="region" aria-label=${t('compare_groups')}>
              <table class="compare">
                <thead>
                  <tr>
                    <th scope="col">${t('unit')}</th>
                    <th scope="col" class="num">${t('rank')}</th>
                    <th scope="col" class="num">${t('total')}</th>
                    ${groups.map((g) => html`<th scope="col" class="num">${g}</th>`)}
                  </tr>
                </thead>
                <tbody>
                  ${chosen.map((c) => {
                    const u = byCode.get(c);
                    return html`<tr>
                      <th scope="row">${u?.name ?? c}</th>
                      <td class="num">${u?.rank ?? '–'}</td>
                      <td class="num">${formatNumber(u?.total)}</td>
                      ${groups.map((g) => html`<td class="num">${formatNumber(u?.groups[g])}</td>`)}
                    </tr>`;
                  })}
                </tbody>
              </table>
            </div>
            ${
              this.histories.length
                ? html`<si-chart
                  .caption=${t('compare_trend')}
                  .labels=${months}
                  .series=${this.histories.map((h) => ({ label: h.name, values: h.months.map((m) => m.total) }))}
                  .format=${(v: number | null) => formatNumber(v)}
                ></si-chart>`
                : nothing
            }
          `
      }
    `;
  }

  static override styles = [
    shared,
    css`
      .chosen {
        list-style: none;
        padding: 0;
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
      }
      .chosen li {
        background: var(--si-surface);
        padding: 0.3rem 0.5rem;
        border-radius: 4px;
      }
    `,
  ];
}

customElements.define('si-compare-view', SiCompareView);

declare global {
  interface HTMLElementTagNameMap {
    'si-compare-view': SiCompareView;
  }
}
