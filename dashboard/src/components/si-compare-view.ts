import { Task } from '@lit/task';
import { css, html, LitElement, nothing } from 'lit';
import { api, type Methodology } from '../lib/api.ts';
import { downloadTable, tableTitle } from '../lib/download.ts';
import { errorView } from '../lib/errors.ts';
import { exportButtons } from '../lib/export.ts';
import { formatNumber, formatPeriod, lang, t } from '../lib/i18n.ts';
import { groupName } from '../lib/methodology.ts';
import { bandLines } from '../lib/standing.ts';
import { type AppState, navigate } from '../lib/state.ts';
import { shared } from '../lib/styles.ts';
import type { RankingAnswer } from '../lib/types.ts';
import './si-chart.ts';
import '../lib/i18n-views.ts';

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
    methodology: { attribute: false },
    provinceLabel: { attribute: false },
  };
  declare ranking: RankingAnswer;
  declare state: AppState;
  /** the groups' names */
  declare methodology: Methodology | undefined;
  /** the province's name, for an export's title */
  declare provinceLabel: string;

  /**
   * The chosen units' histories, for the units and source on screen: a new
   * choice cancels the request before it and never shows its answer. Codes
   * that are not units of the ranking are not asked for: they are named, to be removed.
   */
  #histories = new Task(this, {
    task: ([province, codes, source], { signal }) =>
      Promise.all(
        codes
          .split(',')
          .filter(Boolean)
          .map((u) => api.history(province, u, source, signal)),
      ),
    // plain values: the task runs again only when one of them changes
    args: () =>
      [
        this.state.province,
        this.state.units.filter((u) => this.#known(u)).join(','),
        this.ranking.source,
      ] as const,
  });

  #groupName(code: string): string {
    return groupName(this.methodology, code, lang());
  }

  #known(code: string): boolean {
    return this.ranking.units.some((u) => u.unitCode === code);
  }

  #set(units: string[]) {
    navigate(this, { units });
  }

  override render() {
    const chosen = this.state.units;
    const byCode = new Map(this.ranking.units.map((u) => [u.unitCode, u]));
    const all = [...this.ranking.units].sort((a, b) => a.name.localeCompare(b.name, 'vi'));
    const groups = Object.keys(this.ranking.units[0]?.groups ?? {});
    const unknown = chosen.filter((c) => !this.#known(c));
    const valid = chosen.filter((c) => this.#known(c));
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
      ${
        unknown.length
          ? html`<p class="warning" role="alert">
              ${t('compare_unknown')}: ${unknown.join(', ')}
              <button class="no-print" @click=${() => this.#set(chosen.filter((c) => this.#known(c)))}>${t('compare_remove')}</button>
            </p>`
          : nothing
      }
      <ul class="chosen">
        ${valid.map(
          (code) => html`<li>
            ${byCode.get(code)?.name ?? code}
            <button class="no-print" aria-label="${t('compare_remove')} ${byCode.get(code)?.name ?? code}" @click=${() => this.#set(chosen.filter((c) => c !== code))}>
              ${t('compare_remove')}
            </button>
          </li>`,
        )}
      </ul>
      ${
        valid.length < 2
          ? html`<p class="state">${t('compare_need')}</p>`
          : html`
            <h3>${t('compare_groups')} · ${formatPeriod(this.ranking.period.key)}</h3>
            ${exportButtons((format) =>
              downloadTable(
                {
                  file: `compare-${this.ranking.period.key}`,
                  sheet: t('compare_groups'),
                  title: tableTitle(t('compare_groups'), {
                    provinceLabel: this.provinceLabel,
                    ranking: this.ranking,
                  }),
                  columns: [
                    t('unit_code'),
                    t('unit'),
                    t('rank'),
                    t('total'),
                    ...groups.map((g) => this.#groupName(g)),
                  ],
                  rows: valid.map((c) => {
                    const u = byCode.get(c);
                    return [c, u?.name, u?.rank, u?.total, ...groups.map((g) => u?.groups[g])];
                  }),
                },
                format,
              ),
            )}
            <div class="table-wrap" tabindex="0" role="region" aria-label=${t('compare_groups')}>
              <table class="compare">
                <thead>
                  <tr>
                    <th scope="col">${t('unit')}</th>
                    <th scope="col" class="num">${t('rank')}</th>
                    <th scope="col" class="num">${t('total')}</th>
                    ${groups.map((g) => html`<th scope="col" class="num" title=${g}>${this.#groupName(g)}</th>`)}
                  </tr>
                </thead>
                <tbody>
                  ${valid.map((c) => {
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
            ${this.#histories.render({
              pending: () => html`<p class="state" role="status">${t('loading')}</p>`,
              error: (e) => errorView(e, { retry: () => void this.#histories.run() }),
              complete: (histories) =>
                histories.length
                  ? html`<si-chart
                      .caption=${t('compare_trend')}
                      .exportTitle=${tableTitle(t('compare_trend'), { provinceLabel: this.provinceLabel })}
                      .labels=${histories[0]?.months.map((m) => formatPeriod(m.period)) ?? []}
                      .series=${histories.map((h) => ({ label: h.name, values: h.months.map((m) => m.total) }))}
                      .yTitle=${t('axis_score')}
                      .lines=${bandLines(this.methodology, lang())}
                      .format=${(v: number | null) => formatNumber(v)}
                    ></si-chart>`
                  : nothing,
            })}
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
