import { Task } from '@lit/task';
import { css, html, LitElement, nothing } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { api, type Methodology } from '../lib/api.ts';
import { downloadTable, tableTitle } from '../lib/download.ts';
import { errorView } from '../lib/errors.ts';
import { type ExportFormat, exportButtons } from '../lib/export.ts';
import {
  formatChange,
  formatDay,
  formatInteger,
  formatNumber,
  formatPercent,
  formatPeriod,
  lang,
  t,
  today,
} from '../lib/i18n.ts';
import { bandName, groupMax, groupName } from '../lib/methodology.ts';
import { bandLines, groupStanding, nextBand, unitAbove } from '../lib/standing.ts';
import { type AppState, navigate } from '../lib/state.ts';
import { shared } from '../lib/styles.ts';
import type { RankingAnswer, RankingUnit, UnitHistory } from '../lib/types.ts';
import { quantityName } from '../lib/words.ts';
import { changeHtml } from './si-ranking-view.ts';
import './si-chart.ts';
import '../lib/i18n-views.ts';

/** A share as a percentage with two decimals, for a spreadsheet: 0.6534 -> 65.34. */
const percentOf = (v: number | null | undefined) =>
  v === null || v === undefined ? null : Math.round(v * 10000) / 100;

/** A score's change since an earlier score, in points: "+1,23", or nothing without the earlier one. */
const scoreChange = (now: number, before: number | null | undefined) =>
  before === null || before === undefined ? '' : `${formatChange(now - before)} ${t('points_unit')}`;

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
    provinceLabel: { attribute: false },
  };
  declare ranking: RankingAnswer;
  /** the province's name, for the report card's title block */
  declare provinceLabel: string;
  declare state: AppState;
  /** what the ranking was scored under (given by the shell): names, groups' maxima, bands */
  declare methodology: Methodology | undefined;

  /**
   * The unit with its indicators, for the ranking on screen: a new period,
   * day or unit cancels the request before it and never shows its answer.
   */
  #entry = new Task(this, {
    task: ([province, unit, period, asOf, source, kind], { signal }) =>
      api.unitEntry(province, unit, period, asOf, source, signal, kind),
    args: () =>
      [
        this.state.province,
        this.state.unit,
        this.ranking.period.key,
        this.ranking.asOf ?? '',
        this.ranking.source,
        this.state.kind,
      ] as const,
  });

  /** The unit's history, for the unit and source on screen, the same way. */
  #history = new Task(this, {
    task: ([province, unit, source], { signal }) => api.history(province, unit, source, signal),
    args: () => [this.state.province, this.state.unit, this.ranking.source] as const,
  });

  /** The comparison of this unit with the one just above it and the leader. */
  #compare(u: RankingUnit) {
    const above = unitAbove(this.ranking.units, u)?.unitCode;
    const leader = this.ranking.units[0]?.unitCode;
    const units = [...new Set([u.unitCode, above, leader].filter((c): c is string => Boolean(c)))];
    navigate(this, { view: 'compare', units });
  }

  #back() {
    navigate(this, { view: 'ranking' });
  }

  #indicatorName(code: string): string {
    const i = this.methodology?.groups.flatMap((g) => g.indicators).find((x) => x.code === code);
    return i ? i.name[lang()] : code;
  }

  /** An export's title row: what, of which unit, in which province; of the ranking's period when `ofRanking`. */
  #title(what: string, unit: string, ofRanking = false): string {
    return tableTitle(`${what} · ${unit}`, {
      provinceLabel: this.provinceLabel,
      ranking: ofRanking ? this.ranking : undefined,
    });
  }

  #groupName(code: string): string {
    return groupName(this.methodology, code, lang());
  }

  #groups(u: RankingUnit) {
    const units = this.ranking.units;
    const best = units[0];
    const codes = Object.keys(u.groups);
    const average = (g: string) =>
      units.reduce((s, x) => s + (x.groups[g] ?? 0), 0) / Math.max(1, units.length);
    const max = (g: string) => groupMax(this.methodology, g) ?? 0;
    const computed = u.published?.computed.groups;
    return html`<section class="groups">
      <h2>${t('groups_against_max')}</h2>
      <ul class="group-bars">
        ${codes.map((g) => {
          const points = u.groups[g] ?? 0;
          const standing = groupStanding(points, max(g));
          const share = max(g) ? points / max(g) : 0;
          return html`<li title=${g}>
            <span class="g-name">${this.#groupName(g)}</span>
            <span class="g-bar" aria-hidden="true"><span class=${standing} style="width:${Math.min(100, share * 100)}%"></span></span>
            <span class="g-value">${formatNumber(points)}/${max(g)} · ${formatPercent(share, 0)}</span>
            <span class="g-standing ${standing}">${t(`standing_${standing}`)}</span>
          </li>`;
        })}
      </ul>
    </section>
    <section>
      <h2>${t('groups_vs')}</h2>
      ${exportButtons((format) =>
        downloadTable(
          {
            file: `groups-${u.unitCode}-${this.ranking.period.key}`,
            sheet: t('groups_vs'),
            title: this.#title(t('groups_vs'), u.name, true),
            columns: [
              t('groups'),
              { title: t('this_unit'), kind: 'decimal' },
              { title: t('province_average'), kind: 'decimal' },
              { title: t('best_unit'), kind: 'decimal' },
              t('max'),
              t('group_code'),
            ],
            rows: codes.map((g) => [
              this.#groupName(g),
              u.groups[g],
              Math.round(average(g) * 100) / 100,
              best?.groups[g],
              max(g),
              g,
            ]),
          },
          format,
        ),
      )}
      <div tabindex="0" role="region" aria-label=${t('groups_vs')} class="table-wrap">
        <table class="groups-vs">
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
                <th scope="row" title=${g}>${this.#groupName(g)}</th>
                <td class="num">${formatNumber(u.groups[g])}</td>
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
    const exportRows = (format: ExportFormat) =>
      downloadTable(
        {
          file: `explain-${u.unitCode}-${this.ranking.period.key}`,
          sheet: t('explain'),
          title: this.#title(t('explain'), u.name, true),
          columns: [
            t('indicator'),
            t('groups'),
            { title: t('points'), kind: 'decimal' },
            t('max'),
            { title: t('lost'), kind: 'decimal' },
            { title: t('ratio'), kind: 'decimal' },
            t('inputs'),
            t('indicator_code'),
          ],
          rows: lines.map(([code, i]) => [
            this.#indicatorName(code),
            this.#groupName(i.group),
            i.points,
            i.max,
            i.lost,
            i.ratio === null ? null : Math.round(i.ratio * 10000) / 100,
            Object.entries(i.inputs)
              .map(([k, v]) => `${quantityName(k)}: ${formatInteger(v)}`)
              .join('; '),
            code,
          ]),
        },
        format,
      );
    return html`<section>
      <h2>${t('explain')}</h2>
      ${exportButtons(exportRows)}
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
                <th scope="row" title=${code}>
                  ${this.#indicatorName(code)}
                  ${i.noCases ? html`<span class="note">(${t('no_cases')})</span>` : nothing}
                  ${i.notApplicable ? html`<span class="note">(${t('not_applicable')})</span>` : nothing}
                  ${i.published ? html`<span class="note">(${t('from_published_group')})</span>` : nothing}
                </th>
                <td class="num" data-label=${t('points')}>${formatNumber(i.points)}</td>
                ${portal ? html`<td class="num" data-label=${t('published_points')}>${formatNumber(i.publishedPoints)}</td>` : nothing}
                <td class="num" data-label=${t('max')}>${formatNumber(i.max, 0)}</td>
                <td class="num ${i.lost > 0 ? 'down' : ''}" data-label=${t('lost')}>${formatNumber(i.lost)}</td>
                <td class="num" data-label=${t('ratio')}>${ratio(i.ratio)}</td>
                <td class="inputs" data-label=${t('inputs')}>${Object.entries(i.inputs).map(([k, v]) => html`<span title=${k}>${quantityName(k)}: <b>${formatInteger(v)}</b></span>`)}</td>
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
              .exportTitle=${this.#title(t('history_published'), h.name)}
              .labels=${days.map((d) => formatDay(d.day))}
              .series=${[
                { label: t('published_total'), values: days.map((d) => d.total) },
                { label: t('published_rank'), values: days.map((d) => d.rank), rankAxis: true },
              ]}
              .yTitle=${t('axis_score')}
              .rankTitle=${t('axis_rank')}
              .rankMax=${this.ranking.units.length}
              .lines=${bandLines(this.methodology, lang())}
              .format=${(v: number | null) => formatNumber(v)}
            ></si-chart>`
          : nothing
      }
      ${exportButtons((format) =>
        downloadTable(
          {
            file: `published-${h.unitCode}-${h.daysPeriod}`,
            sheet: t('history_published'),
            title: this.#title(`${t('history_published')} · ${formatPeriod(h.daysPeriod)}`, h.name),
            columns: [
              t('observed_on'),
              { title: t('published_total'), kind: 'decimal' },
              { title: t('points_change'), kind: 'decimal' },
              t('published_rank'),
              t('places_change'),
            ],
            rows: rows.map((r) => [formatDay(r.day), r.total, r.points, r.rank, r.places]),
          },
          format,
        ),
      )}
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
          .exportTitle=${this.#title(t('score_over_time'), h.name)}
          .labels=${months}
          .series=${[
            { label: t('total'), values: h.months.map((m) => m.total) },
            { label: t('rank'), values: h.months.map((m) => m.rank), rankAxis: true },
          ]}
          .yTitle=${t('axis_score')}
          .rankTitle=${t('axis_rank')}
          .rankMax=${this.ranking.units.length}
          .lines=${bandLines(this.methodology, lang())}
          .format=${(v: number | null) => formatNumber(v)}
        ></si-chart>
        <si-chart
          class="no-print"
          .caption=${t('rank_over_time')}
          .exportTitle=${this.#title(t('rank_over_time'), h.name)}
          .labels=${days.map((d) => formatDay(d.day))}
          .series=${[{ label: t('rank'), values: days.map((d) => d.rank), rankAxis: true }]}
          .rankTitle=${t('axis_rank')}
          .rankMax=${this.ranking.units.length}
        ></si-chart>
      </section>
      <section class="key-figures">
        <h2>${t('key_figures')}</h2>
        <si-chart
          .caption=${`${t('online_share')}, ${t('on_time_rate')}`}
          .exportTitle=${this.#title(`${t('online_share')}, ${t('on_time_rate')}`, h.name)}
          .labels=${months}
          .series=${[
            { label: t('online_share'), values: h.months.map((m) => m.keyFigures?.onlineShare ?? null) },
            { label: t('on_time_rate'), values: h.months.map((m) => m.keyFigures?.onTimeRate ?? null) },
          ]}
          .yTitle=${t('axis_share')}
          percent
          .format=${(v: number | null) => formatPercent(v)}
        ></si-chart>
        ${exportButtons((format) =>
          downloadTable(
            {
              file: `key-figures-${h.unitCode}`,
              sheet: t('key_figures'),
              title: this.#title(t('key_figures'), h.name),
              columns: [
                t('month'),
                t('received'),
                { title: `${t('online_share')} (%)`, kind: 'decimal' },
                { title: `${t('on_time_rate')} (%)`, kind: 'decimal' },
                t('rank'),
                { title: t('total'), kind: 'decimal' },
              ],
              rows: h.months.map((m) => [
                formatPeriod(m.period),
                m.keyFigures?.received,
                percentOf(m.keyFigures?.onlineShare),
                percentOf(m.keyFigures?.onTimeRate),
                m.rank,
                m.total,
              ]),
            },
            format,
          ),
        )}
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
                  <div class="value">${unsafeHTML(changeHtml(u.rankChangePeriod, t('change_period')))} <small>${scoreChange(u.total, u.previousPeriod?.total)}</small></div>
                </div>
                <div class="card">
                  <div class="label">${t('change_day')}</div>
                  <div class="value">${unsafeHTML(changeHtml(u.rankChangeDay, t('change_day')))} <small>${scoreChange(u.total, u.previousDay?.total)}</small></div>
                </div>
              </div>`;
  }

  /** The commune leader's question in one line: how far the next band is, and the unit just above. */
  #nextStep(u: RankingUnit) {
    const m = this.methodology;
    const band = nextBand(m, u.total);
    const above = unitAbove(this.ranking.units, u);
    const parts: string[] = [];
    if (band) parts.push(`+${formatNumber(band.gap)} ${t('to_reach')} ${bandName(m, band.id, lang())}`);
    else parts.push(`${t('in_top_band')} (${bandName(m, u.band, lang())})`);
    if (above) {
      // to pass is to score more: a tie shares the place
      const gap = Math.round((above.total - u.total) * 100) / 100 + 0.01;
      parts.push(
        `+${formatNumber(gap)} ${t('to_pass')} ${above.name} (${t('rank').toLowerCase()} ${above.rank})`,
      );
    } else if (u.rank === 1) {
      parts.push(t('first_in_province'));
    }
    return html`<p class="next-step"><strong>${t('next_step')}:</strong> ${parts.join('; ')}.</p>`;
  }

  /** The report card's title block, on paper: what it is, of whom, for when, under which decision, printed when. */
  #titleBlock(u: RankingUnit) {
    const r = this.ranking;
    return html`<div class="title-block print-only">
      <p class="kicker">${t('report_card')} · ${t('decision')}</p>
      <p class="who"><strong>${u.name}</strong> · ${this.provinceLabel}</p>
      <p>
        ${formatPeriod(r.period.key)}${r.asOf ? html` · ${r.source === 'portal' ? t('observed_on') : t('as_of')} ${formatDay(r.asOf)}` : nothing}
        · ${t('methodology_version')} ${r.methodology} · ${t('printed_on')} ${formatDay(today())}
      </p>
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
              ${this.#titleBlock(u)}
              <h2>${u.name} <span class="muted">${t(u.type)} <span class="code" title=${t('unit_code')}>${u.unitCode}</span></span></h2>
              ${u.published ? this.#publishedHeader(u) : this.#cards(u)}
              ${this.#nextStep(u)}
              <p class="actions no-print">
                <button @click=${() => window.print()}>${t('print')}</button>
                <button @click=${() => this.#compare(u)}>${t('compare_with_above')}</button>
              </p>
            </header>
            ${this.#groups(u)} ${this.#explain()}`
          : missing
            ? html`<h2>${missing.name}</h2>
                <p class="state">${t('empty')}</p>`
            : html`<div class="state" role="alert">
                <p>${t('error_not_found')}</p>
                <p><button @click=${() => this.#back()}>${t('back_to_ranking')}</button></p>
              </div>`
      }
      ${u || missing ? this.#charts() : nothing}
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
        white-space: normal;
        width: 38%;
      }
      .explain td.inputs {
        width: 32%;
      }
      .inputs {
        font-size: 0.8rem;
      }
      /* one quantity a line: its name, then its count */
      .inputs span {
        display: block;
      }
      .next-step {
        margin: 0.4rem 0;
        padding: 0.4rem 0.6rem;
        border-left: 4px solid var(--si-accent);
        background: var(--si-surface);
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
      }
      ul.group-bars {
        list-style: none;
        padding: 0;
        margin: 0;
        display: grid;
        grid-template-columns: minmax(9rem, max-content) minmax(4rem, 18rem) max-content max-content;
        gap: 0.35rem 0.8rem;
        align-items: center;
      }
      ul.group-bars li {
        display: contents;
      }
      .g-bar {
        height: 0.8rem;
        background: var(--si-surface);
        border: 1px solid var(--si-border);
      }
      .g-bar span {
        display: block;
        height: 100%;
      }
      .g-bar .meets {
        background: var(--si-up);
      }
      .g-bar .near {
        background: var(--si-accent);
      }
      .g-bar .below {
        background: var(--si-down);
      }
      .g-value {
        font-variant-numeric: tabular-nums;
        text-align: right;
      }
      .g-standing {
        font-size: 0.85rem;
        font-weight: 600;
      }
      .g-standing.meets {
        color: var(--si-up);
      }
      .g-standing.near {
        color: var(--si-accent);
      }
      .g-standing.below {
        color: var(--si-down);
      }
      .title-block p {
        margin: 0.1rem 0;
      }
      .title-block .kicker {
        font-weight: 700;


      }
      .title-block .who {
        font-size: 1.2em;
      }
      /* a phone: the groups' bars under their names, the explanation a card per indicator */
      @media (max-width: 40rem) {
        /* the groups against the average and the leader: headers and names wrap, so the table fits */
        table.groups-vs th {
          white-space: normal;
        }
        table.groups-vs th,
        table.groups-vs td {
          padding: 0.25rem 0.3rem;
        }
        /* the name with its standing on one line, the bar with its points beneath */
        ul.group-bars {
          grid-template-columns: 1fr max-content;
          grid-auto-flow: row dense;
        }
        .g-name,
        .g-bar {
          grid-column: 1;
        }
        .g-name {
          margin-top: 0.3rem;
        }
        .g-value,
        .g-standing {
          grid-column: 2;
        }
        table.explain,
        table.explain tbody,
        table.explain tr,
        table.explain th,
        table.explain td {
          display: block;
        }
        table.explain thead {
          position: absolute;
          width: 1px;
          height: 1px;
          overflow: hidden;
          clip: rect(0 0 0 0);
        }
        table.explain tr {
          display: flex;
          flex-wrap: wrap;
          gap: 0.1rem 0.9rem;
          padding: 0.5rem 0;
          border-bottom: 1px solid var(--si-border);
        }
        table.explain th[scope='row'] {
          flex: 1 1 100%;
          background: none;
          white-space: normal;
          font-weight: 600;
          padding: 0;
        }
        table.explain td {
          border: none;
          padding: 0;
          text-align: left;
        }
        table.explain td::before {
          content: attr(data-label) ': ';
          color: var(--si-muted);
          font-size: 0.8rem;
        }
        table.explain td.inputs {
          flex: 1 1 100%;
        }
        table.explain td.inputs::before {
          display: block;
        }
      }
      @media print {
        :host {
          font-size: 9pt;
        }
        .table-wrap {
          overflow: visible;
        }
        .inputs,
        .note {
          font-size: 7pt;
        }
        .inputs span {
          display: inline;
        }
        .inputs span + span::before {
          content: ' · ';
        }
        .actions {
          display: none;
        }
        /* the report card: scores, groups, the explanation and the score over time on one A4 page */
        .key-figures,
        h2 + button,
        .next-step + .actions {
          display: none;
        }
        .title-block {
          border-bottom: 2px solid var(--si-text);
          padding-bottom: 0.3rem;
          margin-bottom: 0.3rem;
        }
        ul.group-bars {
          gap: 0.1rem 0.6rem;
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
