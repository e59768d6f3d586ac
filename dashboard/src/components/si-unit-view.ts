import { Task } from '@lit/task';
import { css, html, LitElement, nothing } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { api, type Methodology } from '../lib/api.ts';
import { errorView } from '../lib/errors.ts';
import { downloadCsv } from '../lib/export.ts';
import {
  formatChange,
  formatDay,
  formatInteger,
  formatNumber,
  formatPercent,
  formatPeriod,
  lang,
  t,
} from '../lib/i18n.ts';
import { bandName, groupMax } from '../lib/methodology.ts';
import type { AppState } from '../lib/state.ts';
import { shared } from '../lib/styles.ts';
import type { RankingAnswer, RankingUnit, UnitHistory } from '../lib/types.ts';
import { changeHtml } from './si-ranking-view.ts';
import './si-chart.ts';

/**
 * One unit: its score and rank over time, its groups against the province
 * average and the leader, "explain my score" (every indicator, most points
 * to gain first), and its key figures over time. Prints as a one-page report card.
 *
 * @fires si-navigate to go back to the ranking
 */
export class SiUnitView extends LitElement {
  static override properties = {
    ranking: { attribute: false },
    state: { attribute: false },
    methodology: { attribute: false },
  };
  declare ranking: RankingAnswer;
  declare state: AppState;
  /** what the ranking was scored under (given by the shell): names, groups' maxima, bands */
  declare methodology: Methodology | undefined;

  /**
   * The unit with its indicators, for the ranking on screen: a new period,
   * day or unit cancels the request before it and never shows its answer.
   */
  #entry = new Task(this, {
    task: ([province, unit, period, asOf, source], { signal }) =>
      api.unitEntry(province, unit, period, asOf, source, signal),
    args: () =>
      [
        this.state.province,
        this.state.unit,
        this.ranking.period.key,
        this.ranking.asOf ?? '',
        this.ranking.source,
      ] as const,
  });

  /** The unit's history, for the unit and source on screen, the same way. */
  #history = new Task(this, {
    task: ([province, unit, source], { signal }) => api.history(province, unit, source, signal),
    args: () => [this.state.province, this.state.unit, this.ranking.source] as const,
  });

  #back() {
    this.dispatchEvent(
      new CustomEvent('si-navigate', { detail: { view: 'ranking' }, bubbles: true, composed: true }),
    );
  }

  #indicatorName(code: string): string {
    const i = this.methodology?.groups.flatMap((g) => g.indicators).find((x) => x.code === code);
    return i ? i.name[lang()] : code;
  }

  #groupName(code: string): string {
    const g = this.methodology?.groups.find((x) => x.code === code);
    return g ? `${g.name[lang()]} (${code})` : code;
  }

  #groups(u: RankingUnit) {
    const units = this.ranking.units;
    const best = units[0];
    const codes = Object.keys(u.groups);
    const average = (g: string) =>
      units.reduce((s, x) => s + (x.groups[g] ?? 0), 0) / Math.max(1, units.length);
    const max = (g: string) => groupMax(this.methodology, g) ?? 0;
    const computed = u.published?.computed.groups;
    return html`<section>
      <h2>${t('groups_vs')}</h2>
      <button
        class="no-print"
        @click=${() =>
          void downloadCsv(
            `groups-${u.unitCode}-${this.ranking.period.key}.csv`,
            ['group', 'unit', 'provinceAverage', 'leader', 'max'],
            codes.map((g) => [g, u.groups[g], Math.round(average(g) * 100) / 100, best?.groups[g], max(g)]),
          )}
      >
        ${t('export_csv')}
      </button>
      <div tabindex="0" role="region" aria-label=${t('groups_vs')} class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">${t('groups')}</th>
              <th scope="col" class="num">${computed ? t('published') : t('this_unit')}</th>
              ${computed ? html`<th scope="col" class="num">${t('computed')}</th>` : nothing}
              <th scope="col" class="num">${t('province_average')}</th>
              <th scope="col" class="num">${t('best_unit')}${best ? html` <span class="muted">(${best.name})</span>` : nothing}</th>
              <th scope="col" class="num">${t('max')}</th>
            </tr>
          </thead>
          <tbody>
            ${codes.map(
              (g) => html`<tr>
                <th scope="row">${this.#groupName(g)}</th>
                <td class="num">
                  <span class="meter" aria-hidden="true"><span style="width:${max(g) ? ((u.groups[g] ?? 0) / max(g)) * 100 : 0}%"></span></span>
                  ${formatNumber(u.groups[g])}
                </td>
                ${
                  computed
                    ? html`<td class="num ${Math.abs((computed[g] ?? 0) - (u.groups[g] ?? 0)) > 0.01 ? 'down' : ''}">
                        ${formatNumber(computed[g])}
                      </td>`
                    : nothing
                }
                <td class="num">${formatNumber(average(g))}</td>
                <td class="num">${formatNumber(best?.groups[g])}</td>
                <td class="num">${max(g)}</td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
    </section>`;
  }

  #explain() {
    return this.#entry.render({
      pending: () => html`<p class="state" role="status">${t('loading')}</p>`,
      error: (e) => errorView(e, { retry: () => void this.#entry.run() }),
      complete: (u) => this.#explanation(u),
    });
  }

  #explanation(u: RankingUnit | undefined) {
    if (!u?.indicators) return html`<p class="state">${t('empty')}</p>`;
    const lines = Object.entries(u.indicators).sort((a, b) => b[1].lost - a[1].lost);
    const ratio = (r: number | null) => (r === null ? '–' : formatPercent(r));
    const portal = u.published !== undefined;
    const exportRows = () =>
      downloadCsv(
        `explain-${u.unitCode}-${this.ranking.period.key}.csv`,
        ['indicator', 'group', 'points', 'max', 'lost', 'ratio', 'inputs'],
        lines.map(([code, i]) => [
          code,
          i.group,
          i.points,
          i.max,
          i.lost,
          i.ratio,
          Object.entries(i.inputs)
            .map(([k, v]) => `${k}=${v}`)
            .join('; '),
        ]),
      );
    return html`<section>
      <h2>${t('explain')}</h2>
      <button class="no-print" @click=${() => void exportRows()}>${t('export_csv')}</button>
      <div tabindex="0" role="region" aria-label=${t('explain')} class="table-wrap">
        <table class="explain">
          <thead>
            <tr>
              <th scope="col">${t('indicator')}</th>
              <th scope="col" class="num">${t('points')}</th>
              ${portal ? html`<th scope="col" class="num">${t('published_points')}</th>` : nothing}
              <th scope="col" class="num">${t('max')}</th>
              <th scope="col" class="num">${t('lost')}</th>
              <th scope="col" class="num">${t('ratio')}</th>
              <th scope="col">${t('inputs')}</th>
            </tr>
          </thead>
          <tbody>
            ${lines.map(
              ([code, i]) => html`<tr>
                <th scope="row">
                  ${this.#indicatorName(code)} <span class="muted code">${code}</span>
                  ${i.noCases ? html`<span class="note">(${t('no_cases')})</span>` : nothing}
                  ${i.notApplicable ? html`<span class="note">(${t('not_applicable')})</span>` : nothing}
                  ${i.published ? html`<span class="note">(${t('from_published_group')})</span>` : nothing}
                </th>
                <td class="num">${formatNumber(i.points)}</td>
                ${portal ? html`<td class="num">${formatNumber(i.publishedPoints)}</td>` : nothing}
                <td class="num">${formatNumber(i.max, 0)}</td>
                <td class="num ${i.lost > 0 ? 'down' : ''}">${formatNumber(i.lost)}</td>
                <td class="num">${ratio(i.ratio)}</td>
                <td class="inputs">${Object.entries(i.inputs).map(([k, v]) => html`<span>${k}: ${formatInteger(v)}</span> `)}</td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
    </section>`;
  }

  /** The portal's figures day by day: published score and rank on each observation, with the change from the one before. */
  #publishedHistory(h: UnitHistory) {
    const days = h.days;
    const rows = days.map((d, k) => {
      const before = k > 0 ? days[k - 1] : undefined;
      return {
        ...d,
        points: before && d.total !== null && before.total !== null ? d.total - before.total : null,
        places: before && d.rank !== null && before.rank !== null ? before.rank - d.rank : null,
      };
    });
    return html`<section>
      <h2>${t('history_published')} · ${formatPeriod(h.daysPeriod)}</h2>
      ${
        days.length > 1
          ? html`<si-chart
              .caption=${t('history_published')}
              .labels=${days.map((d) => formatDay(d.day))}
              .series=${[
                { label: t('published_total'), values: days.map((d) => d.total) },
                { label: t('published_rank'), values: days.map((d) => d.rank), rankAxis: true },
              ]}
              .format=${(v: number | null) => formatNumber(v)}
            ></si-chart>`
          : nothing
      }
      <button
        class="no-print"
        @click=${() =>
          void downloadCsv(
            `published-${h.unitCode}-${h.daysPeriod}.csv`,
            ['observedOn', 'total', 'totalChange', 'rank', 'rankChange'],
            rows.map((r) => [r.day, r.total, r.points, r.rank, r.places]),
          )}
      >
        ${t('export_csv')}
      </button>
      <div tabindex="0" role="region" aria-label=${t('history_published')} class="table-wrap">
        <table class="published-days">
          <thead>
            <tr>
              <th scope="col">${t('observed_on')}</th>
              <th scope="col" class="num">${t('published_total')}</th>
              <th scope="col" class="num">${t('points_change')}</th>
              <th scope="col" class="num">${t('published_rank')}</th>
              <th scope="col" class="num">${t('places_change')}</th>
            </tr>
          </thead>
          <tbody>
            ${[...rows].reverse().map(
              (r) => html`<tr>
                <th scope="row">${formatDay(r.day)}</th>
                <td class="num">${formatNumber(r.total)}</td>
                <td class="num ${r.points !== null && r.points < 0 ? 'down' : ''}">${formatChange(r.points)}</td>
                <td class="num">${r.rank ?? '–'}</td>
                <td class="num">${unsafeHTML(changeHtml(r.places, t('change_observation')))}</td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
    </section>`;
  }

  #charts() {
    return this.#history.render({
      pending: () => html`<p class="state" role="status">${t('loading')}</p>`,
      error: (e) => errorView(e, { retry: () => void this.#history.run(), back: () => this.#back() }),
      complete: (h) => this.#historyOf(h),
    });
  }

  #historyOf(h: UnitHistory) {
    if (h.source === 'portal') return this.#publishedHistory(h);
    const months = h.months.map((m) => formatPeriod(m.period));
    const dayStep = Math.max(1, Math.floor(h.days.length / 120));
    const days = h.days.filter((_, k) => k % dayStep === 0 || k === h.days.length - 1);
    return html`
      <section>
        <si-chart
          .caption=${t('score_over_time')}
          .labels=${months}
          .series=${[
            { label: t('total'), values: h.months.map((m) => m.total) },
            { label: t('rank'), values: h.months.map((m) => m.rank), rankAxis: true },
          ]}
          .format=${(v: number | null) => formatNumber(v)}
        ></si-chart>
        <si-chart
          class="no-print"
          .caption=${t('rank_over_time')}
          .labels=${days.map((d) => formatDay(d.day))}
          .series=${[{ label: t('rank'), values: days.map((d) => d.rank), rankAxis: true }]}
        ></si-chart>
      </section>
      <section class="key-figures">
        <h2>${t('key_figures')}</h2>
        <si-chart
          .caption=${`${t('online_share')}, ${t('on_time_rate')}`}
          .labels=${months}
          .series=${[
            { label: t('online_share'), values: h.months.map((m) => m.keyFigures?.onlineShare ?? null) },
            { label: t('on_time_rate'), values: h.months.map((m) => m.keyFigures?.onTimeRate ?? null) },
          ]}
          .format=${(v: number | null) => formatPercent(v)}
        ></si-chart>
        <button
          class="no-print"
          @click=${() =>
            void downloadCsv(
              `key-figures-${h.unitCode}.csv`,
              ['month', 'received', 'onlineShare', 'onTimeRate', 'rank', 'total'],
              h.months.map((m) => [
                m.period,
                m.keyFigures?.received,
                m.keyFigures?.onlineShare,
                m.keyFigures?.onTimeRate,
                m.rank,
                m.total,
              ]),
            )}
        >
          ${t('export_csv')}
        </button>
        <div tabindex="0" role="region" aria-label=${t('key_figures')} class="table-wrap key-table">
          <table>
            <thead>
              <tr>
                <th scope="col">${t('month')}</th>
                <th scope="col" class="num">${t('received')}</th>
                <th scope="col" class="num">${t('online_share')}</th>
                <th scope="col" class="num">${t('on_time_rate')}</th>
                <th scope="col" class="num">${t('rank')}</th>
                <th scope="col" class="num">${t('total')}</th>
              </tr>
            </thead>
            <tbody>
              ${h.months.map(
                (m) => html`<tr>
                  <th scope="row">${formatPeriod(m.period)}</th>
                  <td class="num">${formatInteger(m.keyFigures?.received)}</td>
                  <td class="num">${formatPercent(m.keyFigures?.onlineShare)}</td>
                  <td class="num">${formatPercent(m.keyFigures?.onTimeRate)}</td>
                  <td class="num">${m.rank ?? '–'}</td>
                  <td class="num">${formatNumber(m.total)}</td>
                </tr>`,
              )}
            </tbody>
          </table>
        </div>
      </section>
    `;
  }

  /** The headline of a unit ranked from its daily records. */
  #cards(u: RankingUnit) {
    return html`<div class="cards">
                <div class="card"><div class="label">${t('rank')}</div><div class="value">${u.rank}/${this.ranking.units.length}</div></div>
                <div class="card"><div class="label">${t('total')}</div><div class="value">${formatNumber(u.total)}</div></div>
                <div class="card"><div class="label">${t('band')}</div><div class="value"><span class="badge ${u.band}">${bandName(this.methodology, u.band, lang())}</span></div></div>
                <div class="card">
                  <div class="label">${t('change_period')}</div>
                  <div class="value">${unsafeHTML(changeHtml(u.rankChangePeriod, t('change_period')))}</div>
                </div>
                <div class="card">
                  <div class="label">${t('change_day')}</div>
                  <div class="value">${unsafeHTML(changeHtml(u.rankChangeDay, t('change_day')))}</div>
                </div>
              </div>`;
  }

  /** The headline of a unit the portal ranks: its published score and rank first, the computed score beside. */
  #publishedHeader(u: RankingUnit) {
    const p = u.published;
    if (!p) return nothing;
    const r = p.reconciliation;
    const difference = r.totalDifference;
    return html`<p class="source-line">
        ${t('source_label')}: ${t('source_portal')} · ${p.portalName} (${p.portalCode}) · ${t('observed_on')}
        ${formatDay(p.observedOn)}
      </p>
      <div class="cards">
        <div class="card"><div class="label">${t('published_rank')}</div><div class="value">${u.rank}/${this.ranking.units.length}</div></div>
        <div class="card"><div class="label">${t('published_total')}</div><div class="value">${formatNumber(u.total)}</div></div>
        <div class="card"><div class="label">${t('band')}</div><div class="value"><span class="badge ${u.band}">${bandName(this.methodology, u.band, lang())}</span></div></div>
        <div class="card">
          <div class="label">${t('change_observation')}</div>
          <div class="value">${unsafeHTML(changeHtml(u.rankChangeDay, t('change_observation')))} <small>${formatChange(p.totalChangeDay)}</small></div>
        </div>
        <div class="card">
          <div class="label">${t('computed_total')}</div>
          <div class="value">${formatNumber(p.computed.total)}</div>
          <div class="label">${t('sum_of_groups')} ${formatNumber(p.groupsTotal)}</div>
          <div class="label ${r.differs ? 'down' : ''}">
            ${
              r.differs && difference !== null
                ? html`${t('published')} − ${t('computed')}: ${formatChange(difference)}`
                : t('agrees')
            }
          </div>
        </div>
      </div>`;
  }

  override render() {
    const u = this.ranking.units.find((x) => x.unitCode === this.state.unit);
    const missing = this.ranking.unranked.find((x) => x.unitCode === this.state.unit);
    return html`
      <p class="no-print"><button class="link" @click=${() => this.#back()}>← ${t('back')}</button></p>
      ${
        u
          ? html`<header class="unit">
              <h2>${u.name} <span class="muted">${t(u.type)} · ${u.unitCode}</span></h2>
              ${u.published ? this.#publishedHeader(u) : this.#cards(u)}
              <button class="no-print" @click=${() => window.print()}>${t('print')}</button>
            </header>
            ${this.#groups(u)} ${this.#explain()}`
          : html`<h2>${missing?.name ?? this.state.unit}</h2>
            <p class="state">${t('empty')}</p>`
      }
      ${this.#charts()}
    `;
  }

  static override styles = [
    shared,
    css`
      .code {
        font-size: 0.75rem;
      }
      .source-line {
        margin: 0.2rem 0;
        color: var(--si-muted);
        font-size: 0.9rem;
      }
      .card small {
        font-size: 0.8rem;
      }
      .note {
        font-size: 0.8rem;
        color: var(--si-muted);
        font-weight: normal;
      }
      .explain th[scope='row'] {
        font-weight: normal;
      }
      .inputs {
        font-size: 0.8rem;
      }
      .inputs span {
        white-space: nowrap;
      }
      .meter {
        display: inline-block;
        width: 4rem;
        height: 0.5rem;
        background: var(--si-surface);
        margin-right: 0.4rem;
        vertical-align: middle;
      }
      .meter span {
        display: block;
        height: 100%;
        background: var(--si-accent);
      }
      @media print {
        :host {
          font-size: 9pt;
        }
        .table-wrap {
          overflow: visible;
        }
        .inputs span {
          white-space: normal;
        }
        /* the report card: scores, groups, the explanation and the score over time on one A4 page */
        .key-figures,
        h2 + button {
          display: none;
        }
        h2 {
          font-size: 11pt;
          margin: 0.4rem 0 0.2rem;
        }
        .cards {
          grid-template-columns: repeat(5, 1fr);
          gap: 0.3rem;
          margin: 0.3rem 0;
        }
        .card {
          padding: 0.2rem 0.4rem;
        }
        .card .value {
          font-size: 11pt;
        }
        table {
          font-size: 7.5pt;
        }
        th,
        td {
          padding: 0.05rem 0.25rem;
        }
      }
    `,
  ];
}

customElements.define('si-unit-view', SiUnitView);

declare global {
  interface HTMLElementTagNameMap {
    'si-unit-view': SiUnitView;
  }
}
