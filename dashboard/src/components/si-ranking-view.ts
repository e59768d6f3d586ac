import { css, html, LitElement, nothing } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import type { Methodology } from '../lib/api.ts';
import { type ExportFormat, exportButtons } from '../lib/export.ts';
import {
  fold,
  formatChange,
  formatDay,
  formatInteger,
  formatNumber,
  formatPeriod,
  formatTime,
  lang,
  t,
  today,
} from '../lib/i18n.ts';
import { bandName, groupMax, groupName } from '../lib/methodology.ts';
import { type AppState, type Navigation, navigate } from '../lib/state.ts';
import { shared } from '../lib/styles.ts';
import type { RankingAnswer, RankingUnit, Trend } from '../lib/types.ts';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);

/** A rank change as an arrow and a number, up being good; HTML for the table and, through unsafeHTML, the unit page. */
export function changeHtml(change: number | null, label: string): string {
  if (change === null) return `<span class="muted" title="${escapeHtml(label)}">–</span>`;
  if (change === 0) return `<span class="muted" title="${escapeHtml(label)}">= 0</span>`;
  const up = change > 0;
  // one element, named for screen readers: "+3" rather than "black up-pointing triangle 3"
  const spoken = `${up ? '+' : '−'}${Math.abs(change)}, ${label}`;
  return `<span class="${up ? 'up' : 'down'}" title="${escapeHtml(label)}" role="img" aria-label="${escapeHtml(spoken)}">${up ? '▲' : '▼'}${Math.abs(change)}</span>`;
}

/** The lowest and highest total of every unit's trend: one scale for all sparklines, so that a 1-point wobble looks like one. */
function trendScale(trend: Trend | undefined): { min: number; max: number } {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const u of Object.values(trend?.units ?? {})) {
    for (const v of u.totals) {
      if (v === null) continue;
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  return min <= max ? { min, max } : { min: 0, max: 100 };
}

function sparklineHtml(
  values: (number | null)[],
  label: string,
  scale: { min: number; max: number },
): string {
  const points = values
    .map((v, k) => [k, v] as const)
    .filter((p): p is readonly [number, number] => p[1] !== null);
  // the same box with or without a line, so that nothing moves when the trend arrives
  if (points.length < 2) return '<span class="spark-empty" aria-hidden="true"></span>';
  const { min, max } = scale;
  const w = 64;
  const h = 18;
  const x = (k: number) => (k / Math.max(1, values.length - 1)) * (w - 2) + 1;
  const y = (v: number) => h - 1 - ((v - min) / Math.max(0.01, max - min)) * (h - 2);
  const d = points.map(([k, v]) => `${x(k).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
  return `<svg class="spark" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" role="img" aria-label="${escapeHtml(label)}"><polyline fill="none" stroke="currentColor" stroke-width="1.5" points="${d}"></polyline></svg>`;
}

const trackPaths = new Map<number, string>();
/** The grey columns behind the group bars, the same for every row. */
function tracks(count: number): string {
  let d = trackPaths.get(count);
  if (d === undefined) {
    d = Array.from({ length: count }, (_, k) => `M${k * 9} 0h7v18h-7z`).join('');
    trackPaths.set(count, d);
  }
  return d;
}

/** Where the portal's figures part, in words: the published total, the sum of its groups, the computed score. */
export function reconciliationText(u: RankingUnit): string {
  const p = u.published;
  if (!p) return '';
  return `${t('published')} ${formatNumber(p.total)} · ${t('sum_of_groups')} ${formatNumber(p.groupsTotal)} · ${t('computed')} ${formatNumber(p.computed.total)}`;
}

/** The published total with its flag where the portal's figures part from the computed score or from each other. */
function totalHtml(u: RankingUnit): string {
  const total = `<strong>${formatNumber(u.total)}</strong>`;
  if (!u.published?.reconciliation.differs) return total;
  const label = `${t('reconciled_flag')}: ${reconciliationText(u)}`;
  return `${total} <span class="flag" role="img" title="${escapeHtml(label)}" aria-label="${escapeHtml(label)}">≠</span>`;
}

/** A rank change with the score's change in points beneath it, where the earlier score is known. */
function changeWithPointsHtml(
  places: number | null,
  points: number | null | undefined,
  label: string,
): string {
  const arrow = changeHtml(places, label);
  return points === null || points === undefined
    ? arrow
    : `${arrow}<span class="pts">${escapeHtml(formatChange(points))}</span>`;
}

const pointsSince = (now: number, before: { total: number | null } | null | undefined) =>
  before?.total === null || before?.total === undefined ? null : now - before.total;

/** What every row of one ranking is drawn with: worked out once per render, not per body of rows. */
interface RowsContext {
  groups: readonly string[];
  trend: Trend | undefined;
  /** the sparklines' common scale */
  scale: { min: number; max: number };
  m: Methodology | undefined;
  /** the portal's published figures: the day change is the change since the previous observation */
  portal: boolean;
}

/**
 * The table's rows as one HTML string: a hundred rows parsed by the browser in
 * one go cost a fraction of building them binding by binding, and the ranking
 * is read far more often than it changes. Every text is escaped.
 */
function rowsHtml(rows: readonly RankingUnit[], context: RowsContext): string {
  const { groups, trend, scale, m } = context;
  const l = lang();
  const labels = {
    period: escapeHtml(t('change_period')),
    day: escapeHtml(context.portal ? t('change_observation_short') : t('change_day')),
  };
  return rows
    .map((u) => {
      // the six groups as one small SVG of two paths: a dozen rectangles as elements cost the page far more
      let fills = '';
      groups.forEach((g, k) => {
        const max = groupMax(m, g);
        const height = max ? Math.round(((u.groups[g] ?? 0) / max) * 18) : 0;
        if (height > 0) fills += `M${k * 9} ${18 - height}h7v${height}h-7z`;
      });
      // the bars named, group by group, for a screen reader and as a tooltip
      const barsLabel = escapeHtml(
        groups
          .map((g) => `${groupName(m, g, l)}: ${formatNumber(u.groups[g])}/${groupMax(m, g) ?? ''}`)
          .join('; '),
      );
      const dayChange = u.published
        ? changeWithPointsHtml(u.rankChangeDay, u.published.totalChangeDay, t('change_observation'))
        : changeWithPointsHtml(u.rankChangeDay, pointsSince(u.total, u.previousDay), t('change_day'));
      const periodChange = changeWithPointsHtml(
        u.rankChangePeriod,
        pointsSince(u.total, u.previousPeriod),
        t('change_period'),
      );
      const code = escapeHtml(u.unitCode);
      const name = escapeHtml(u.name);
      // no white space between cells: a hundred rows of it are a thousand text nodes more to lay out
      return `<tr><td class="num rank">${u.rank}</td><td class="num cp" data-label="${labels.period}">${periodChange}</td><td class="num cd" data-label="${labels.day}">${dayChange}</td><td class="unit"><input type="checkbox" class="pick no-print" data-pick="${code}" aria-label="${escapeHtml(t('pick_to_compare'))}: ${name}"><button class="link" data-unit="${code}">${name}</button> <span class="muted type">${escapeHtml(t(u.type))}</span></td><td class="num total">${totalHtml(u)}</td><td class="band"><span class="badge ${escapeHtml(u.band)}">${escapeHtml(bandName(m, u.band, l))}</span></td><td class="groups-col"><svg class="bars" width="${groups.length * 9}" height="18" viewBox="0 0 ${groups.length * 9} 18" role="img" aria-label="${barsLabel}"><title>${barsLabel}</title><path class="track" d="${tracks(groups.length)}"></path><path class="fill" d="${fills}"></path></svg></td><td class="trend-col">${sparklineHtml(trend?.units[u.unitCode]?.totals ?? [], `${t('trend')} ${u.name}`, scale)}</td></tr>`;
    })
    .join('');
}

/** Renders nothing; starts loading an element's module (once), which then upgrades the element. */
function lazy(load: Promise<unknown>) {
  load.catch((error: unknown) => console.error('a part of the page could not be loaded', error));
  return nothing;
}

/** Rows per table body, and per task while a new ranking is laid out. */
const ROWS_PER_TASK = 20;
/** The first body is smaller: it is laid out with the rest of the page, in the same task. */
const FIRST_ROWS = 10;

/** The first `shown` rows in bodies of ROWS_PER_TASK: a body once rendered is left alone as more arrive. */
function chunks(rows: readonly RankingUnit[], shown: number): RankingUnit[][] {
  const parts: RankingUnit[][] = [];
  const end = Math.min(rows.length, shown);
  for (let k = 0; k < end; k += k === 0 ? FIRST_ROWS : ROWS_PER_TASK) {
    parts.push(rows.slice(k, Math.min(k + (k === 0 ? FIRST_ROWS : ROWS_PER_TASK), end)));
  }
  return parts;
}

/**
 * The province ranking: summary cards, filters, the table (sortable,
 * searchable ignoring diacritics), the data-quality panel and the units
 * without data.
 *
 * @fires si-navigate to change sort, filters, or open a unit
 */
export class SiRankingView extends LitElement {
  static override properties = {
    ranking: { attribute: false },
    state: { attribute: false },
    trend: { attribute: false },
    lastIngestAt: { attribute: false },
    latestDay: { attribute: false },
    methodology: { attribute: false },
    provinceLabel: { attribute: false },
    selected: { state: true },
  };
  /** the province's name, for the printed title */
  declare provinceLabel: string;
  /** the units ticked for a comparison (at most six) */
  declare selected: Set<string>;
  /** the province's latest day with data, for a period that has none */
  declare latestDay: string | null | undefined;
  declare ranking: RankingAnswer;
  /** what the ranking was scored under: the groups' maxima and the bands, as the server gives them */
  declare methodology: Methodology | undefined;
  declare state: AppState;
  declare trend: Trend | undefined;
  /** when the province's data last arrived */
  declare lastIngestAt: string | null;
  /** how many rows the table holds while a new ranking is being laid out */
  #shown = Number.POSITIVE_INFINITY;
  #revealed: RankingAnswer | undefined;

  constructor() {
    super();
    this.selected = new Set();
    this.provinceLabel = '';
  }

  #go(change: Navigation) {
    navigate(this, change);
  }

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('ranking') && this.ranking !== this.#revealed) {
      // a new ranking is laid out a screenful at a time, each in its own task, so
      // that no single task keeps the page from answering; the first screen comes first
      this.#revealed = this.ranking;
      this.#shown = FIRST_ROWS;
      this.#revealMore();
    } else if (changed.has('state')) {
      this.#shown = Number.POSITIVE_INFINITY;
    }
  }

  #revealMore() {
    setTimeout(() => {
      if (this.#shown >= this.ranking.units.length) return;
      this.#shown += ROWS_PER_TASK;
      this.requestUpdate();
      this.#revealMore();
    }, 0);
  }

  /** The rows on screen: filtered and sorted as the URL says. */
  rows(): RankingUnit[] {
    const { q, type, band, sort, dir, flag } = this.state;
    const needle = fold(q.trim());
    const flagged = this.#flagged(flag);
    const rows = this.ranking.units.filter(
      (u) =>
        (!needle || fold(u.name).includes(needle) || u.unitCode.includes(needle)) &&
        (!type || u.type === type) &&
        (!band || u.band === band) &&
        (!flagged || flagged.has(u.unitCode)),
    );
    const value = (u: RankingUnit): number | string => {
      if (sort === 'name') return fold(u.name);
      if (sort === 'total') return u.total;
      if (sort === 'changePeriod') return u.rankChangePeriod ?? -Infinity;
      if (sort === 'changeDay') return u.rankChangeDay ?? -Infinity;
      if (sort in u.groups) return u.groups[sort] ?? 0;
      return u.rank;
    };
    const sign = dir === 'desc' ? -1 : 1;
    return [...rows].sort((a, b) => {
      const va = value(a);
      const vb = value(b);
      return (
        (va < vb ? -1 : va > vb ? 1 : 0) * sign || a.rank - b.rank || a.unitCode.localeCompare(b.unitCode)
      );
    });
  }

  /** The units a data-quality item names; undefined for no such filter. */
  #flagged(flag: AppState['flag']): Set<string> | undefined {
    const s = this.ranking.summary;
    if (flag === 'missing') return new Set(s.missingDays.map((m) => m.unitCode));
    if (flag === 'rejected') return new Set(s.rejectedRows.map((m) => m.unitCode));
    if (flag === 'differs')
      return new Set(
        this.ranking.units.filter((u) => u.published?.reconciliation.differs).map((u) => u.unitCode),
      );
    return undefined;
  }

  /** The ticks follow the choice: rows are HTML laid out once, and a tick never re-lays them (nor moves the focus). */
  override updated(): void {
    // the filters show the address's, after Back too (a touched select no longer follows `selected`)
    const type = this.renderRoot.querySelector<HTMLSelectElement>('select#type');
    const band = this.renderRoot.querySelector<HTMLSelectElement>('select#band');
    if (type) type.value = this.state.type;
    if (band) band.value = this.state.band;
    for (const box of this.renderRoot.querySelectorAll<HTMLInputElement>('input[data-pick]')) {
      box.checked = this.selected.has(box.dataset.pick ?? '');
    }
  }

  #onPick(e: Event) {
    const box = e.target as HTMLInputElement;
    const code = box.getAttribute?.('data-pick');
    if (!code) return;
    const next = new Set(this.selected);
    if (box.checked) {
      if (next.size >= 6) {
        box.checked = false;
        return;
      }
      next.add(code);
    } else next.delete(code);
    this.selected = next;
  }

  /** The bar that appears once units are ticked: compare them, or clear the choice. */
  #compareBar() {
    const n = this.selected.size;
    if (!n) return nothing;
    return html`<div class="compare-bar no-print" role="region" aria-label=${t('nav_compare')}>
      <span>${n} ${t('units_picked')}${n >= 6 ? html` · ${t('at_most_six')}` : nothing}</span>
      <button
        ?disabled=${n < 2}
        @click=${() => this.#go({ view: 'compare', units: [...this.selected] })}
      >
        ${n < 2 ? t('pick_one_more') : t('compare_picked')}
      </button>
      <button class="link" @click=${() => (this.selected = new Set())}>${t('clear_choice')}</button>
    </div>`;
  }

  #header(key: string, label: string, numeric = false) {
    const active = this.state.sort === key;
    const sortState = active ? (this.state.dir === 'asc' ? 'ascending' : 'descending') : 'none';
    return html`<th scope="col" class=${numeric ? 'num' : ''} aria-sort=${sortState}>
      <button
        class="sort"
        @click=${() => this.#go({ sort: key, dir: active && this.state.dir === 'asc' ? 'desc' : 'asc', replace: true })}
      >
        ${label}<span aria-hidden="true">${active ? (this.state.dir === 'asc' ? ' ↑' : ' ↓') : ''}</span>
      </button>
      <span class="print-label" aria-hidden="true">${label}</span>
    </th>`;
  }

  #openUnit(code: string) {
    this.#go({ view: 'unit', unit: code });
  }

  /** One listener for every row: the unit buttons carry their code. */
  #onRowClick(e: Event) {
    const button = (e.target as Element).closest?.('button[data-unit]');
    const code = button?.getAttribute('data-unit');
    if (code) this.#openUnit(code);
  }

  /** The rows on screen, downloaded; the code that writes them is loaded on the first download. */
  async #export(rows: RankingUnit[], format: ExportFormat) {
    const { exportRanking } = await import('../lib/ranking-export.ts');
    await exportRanking(format, {
      ranking: this.ranking,
      rows,
      methodology: this.methodology,
      provinceLabel: this.provinceLabel,
      asOf: this.state.asOf,
      kind: this.state.kind,
    });
  }

  #summary() {
    const s = this.ranking.summary;
    return html`<section class="cards" aria-label=${t('summary_average')}>
      <div class="card"><div class="label">${t('summary_average')}</div><div class="value">${formatNumber(s.average)}</div></div>
      <div class="card"><div class="label">${t('summary_median')}</div><div class="value">${formatNumber(s.median)}</div></div>
      <div class="card">
        <div class="label">${t('summary_quartiles')}</div>
        <div class="value">${formatNumber(s.q1)} – ${formatNumber(s.q3)}</div>
      </div>
      <div class="card">
        <div class="label">${t('summary_bands')}</div>
        <div class="bands">
          ${Object.entries(s.bands).map(
            ([b, n]) =>
              html`<button
                class="badge ${b}"
                aria-pressed=${this.state.band === b ? 'true' : 'false'}
                title=${t('filter_band')}
                @click=${() => this.#go({ band: this.state.band === b ? '' : b, replace: true })}
              >
                ${bandName(this.methodology, b, lang())}: ${n}
              </button> `,
          )}
        </div>
      </div>
      <div class="card"><div class="label">${t('summary_no_data')}</div><div class="value">${formatInteger(s.withoutData.length)}</div></div>
      <div class="card">
        <div class="label">${t('summary_updated')}</div>
        <div class="value small">${formatTime(this.lastIngestAt)}</div>
        <div class="label">${this.ranking.source === 'portal' ? t('observed_on') : t('as_of')} ${formatDay(this.ranking.asOf)}</div>
      </div>
    </section>`;
  }

  /** A period with no data yet, said plainly, with the way to the latest one that has some. */
  #empty(portal: boolean) {
    if (this.state.kind === 'agencies') {
      return html`<div class="state" role="status">
        <p><strong>${formatPeriod(this.ranking.period.key)}</strong>: ${t('no_agencies')}</p>
        <button @click=${() => this.#go({ kind: '' })}>${t('kind_communes')}</button>
      </div>`;
    }
    const latest = this.latestDay;
    const month = latest?.slice(0, 7);
    const elsewhere = month && month !== this.ranking.period.key;
    return html`<div class="state" role="status">
      <p><strong>${formatPeriod(this.ranking.period.key)}</strong>: ${portal ? t('no_published') : t('empty')}</p>
      ${
        !portal && latest
          ? html`<p>${t('latest_data')} ${formatDay(latest)}.</p>
            ${
              elsewhere
                ? html`<button @click=${() => this.#go({ period: month, asOf: '' })}>
                    ${t('see_period')} ${formatPeriod(month)}
                  </button>`
                : nothing
            }`
          : nothing
      }
    </div>`;
  }

  override render() {
    const portal = this.ranking.source === 'portal';
    if (!this.ranking.units.length) return this.#empty(portal);
    const rows = this.rows();
    const context: RowsContext = {
      groups: Object.keys(this.ranking.units[0]?.groups ?? {}),
      trend: this.trend,
      scale: trendScale(this.trend),
      m: this.methodology,
      portal,
    };
    const r = this.ranking;
    return html`
      <div class="title-block print-only">
        <p class="kicker">${t('title')} · ${t('decision')}</p>
        <p class="who"><strong>${t('nav_ranking')} · ${this.provinceLabel}</strong></p>
        <p>
          ${formatPeriod(r.period.key)}${r.asOf ? html` · ${portal ? t('observed_on') : t('as_of')} ${formatDay(r.asOf)}` : nothing}
          · ${portal ? t('source_portal') : t('source_records')} · ${t('methodology_version')} ${r.methodology} · ${t('printed_on')}
          ${formatDay(today())}
        </p>
      </div>
      ${this.#summary()}
      ${portal ? html`<p class="note">${t('published_note')}</p>` : nothing}
      <div class="toolbar no-print">
        <div class="field">
          <label for="search">${t(this.state.kind === 'agencies' ? 'search_agencies' : 'search')}</label>
          <input
            id="search"
            type="search"
            .value=${this.state.q}
            @input=${(e: Event) => this.#go({ q: (e.target as HTMLInputElement).value, replace: true })}
          />
        </div>
        ${
          // departments are one kind: no choice of type among them
          this.state.kind === 'agencies'
            ? nothing
            : html`<div class="field">
          <label for="type">${t('type')}</label>
          <select id="type" @change=${(e: Event) => this.#go({ type: (e.target as HTMLSelectElement).value, replace: true })}>
            <option value="" ?selected=${!this.state.type}>${t('all_types')}</option>
            <option value="commune" ?selected=${this.state.type === 'commune'}>${t('commune')}</option>
            <option value="ward" ?selected=${this.state.type === 'ward'}>${t('ward')}</option>
          </select>
        </div>`
        }
        <div class="field">
          <label for="band">${t('band')}</label>
          <select id="band" @change=${(e: Event) => this.#go({ band: (e.target as HTMLSelectElement).value, replace: true })}>
            <option value="" ?selected=${!this.state.band}>${t('all_bands')}</option>
            ${(this.methodology?.bands ?? []).map((b) => html`<option value=${b.id} ?selected=${this.state.band === b.id}>${b.label[lang()]}</option>`)}
          </select>
        </div>
        ${exportButtons((format) => this.#export(rows, format), '')}
        <span class="muted" role="status">${rows.length} / ${this.ranking.units.length} ${t('units_shown')}</span>
        ${
          this.state.flag
            ? html`<span class="flag-note">${t(`flag_${this.state.flag}`)}
                <button class="link" @click=${() => this.#go({ flag: '', replace: true })}>${t('show_all_units')}</button></span>`
            : nothing
        }
      </div>
      <p class="muted hint no-print">${t('pick_hint')}</p>
      ${this.#compareBar()}
      <div class="ranking-wrap" role="region" aria-label=${t('nav_ranking')}>
        <table class="ranking" @click=${(e: Event) => this.#onRowClick(e)} @change=${(e: Event) => this.#onPick(e)}>
          <colgroup>
            <col class="c-rank" /><col class="c-change" /><col class="c-change" /><col /><col class="c-total" /><col class="c-band" /><col
              class="groups-col"
            /><col class="trend-col" />
          </colgroup>
          <caption>
            ${t('nav_ranking')}${this.state.kind === 'agencies' ? ` · ${t('kind_agencies')}` : ''} · ${formatPeriod(this.ranking.period.key)}
          </caption>
          <thead>
            <tr>
              ${this.#header('rank', t('rank'), true)} ${this.#header('changePeriod', t('change_period'), true)}
              ${this.#header('changeDay', portal ? t('change_observation_short') : t('change_day'), true)} ${this.#header('name', t('unit'))}
              ${this.#header('total', t('total'), true)}
              <th scope="col" class="band-col">${t('band')}</th>
              <th scope="col" class="groups-col">${t('groups')}</th>
              <th scope="col" class="trend-col">${t('trend')}</th>
            </tr>
          </thead>
          ${chunks(rows, this.#shown).map((part) => html`<tbody>${unsafeHTML(rowsHtml(part, context))}</tbody>`)}
        </table>
      </div>
      ${
        // below the table, and laid out after it: the panel waits for the last rows
        rows.length <= this.#shown
          ? html`${lazy(import('./si-quality-panel.ts'))}<si-quality-panel
              .ranking=${this.ranking}
              .state=${this.state}
              .methodology=${this.methodology}
            ></si-quality-panel>`
          : html`<div class="quality-pending"></div>`
      }
    `;
  }

  static override styles = [
    shared,
    css`
      table.ranking {
        /* fixed columns: adding rows never re-measures the whole table */
        table-layout: fixed;
      }
      /* the header stays in view over a hundred rows; its titles wrap inside their columns, never over each other */
      table.ranking thead th {
        position: sticky;
        top: 0;
        z-index: 1;
        white-space: normal;
        vertical-align: bottom;
        line-height: 1.2;
        box-shadow: 0 1px 0 var(--si-border);
      }
      th button.sort {
        text-align: inherit;
      }
      .print-label {
        display: none;
      }
      td.unit {
        overflow-wrap: anywhere;
      }
      input.pick {
        margin: 0 0.4rem 0 0;
        vertical-align: middle;
        width: 1.1rem;
        height: 1.1rem;
      }
      .hint {
        font-size: 0.85rem;
        margin: 0.2rem 0;
      }
      .compare-bar {
        position: sticky;
        bottom: 0;
        z-index: 2;
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem 1rem;
        align-items: center;
        padding: 0.5rem 0.8rem;
        margin: 0.4rem 0;
        background: var(--si-bg);
        border: 2px solid var(--si-accent);
        border-radius: 6px;
      }
      .bands button.badge {
        border: 2px solid transparent;
        cursor: pointer;
        margin: 0.1rem 0;
        font: inherit;
        font-size: 0.8rem;
      }
      .bands button.badge[aria-pressed='true'] {
        border-color: var(--si-text);
      }
      .flag-note {
        font-weight: 600;
      }
      .c-rank {
        width: 3.2rem;
      }
      .c-change {
        width: 6.5rem;
      }
      .c-total {
        width: 5.5rem;
      }
      td.total {
        white-space: nowrap;
      }
      .c-band {
        width: 6.5rem;
      }
      .groups-col {
        width: 5rem;
      }
      .trend-col {
        width: 5rem;
      }
      th button.sort {
        border: none;
        background: none;
        padding: 0;
        font-weight: 600;
        cursor: pointer;
      }
      .type {
        font-size: 0.8rem;
        margin-left: 0.3rem;
      }
      .bars .track {
        fill: var(--si-surface);
      }
      .bars .fill {
        fill: var(--si-accent);
      }
      .spark {
        color: var(--si-accent);
      }
      .spark,
      .spark-empty {
        display: inline-block;
        width: 64px;
        height: 18px;
        vertical-align: middle;
      }
      .value.small {
        font-size: 1rem;
      }
      .quality-pending {
        min-height: 20rem;
      }
      .flag {
        color: var(--si-warn, #8a4b00);
        font-weight: 700;
        cursor: help;
      }
      .pts {
        display: block;
        font-size: 0.75rem;
        color: var(--si-muted);
      }
      .note {
        font-size: 0.9rem;
        color: var(--si-muted);
        margin: 0.3rem 0;
      }
      @media (max-width: 56rem) {
        .groups-col,
        .trend-col {
          display: none;
        }
      }
      /*
       * A phone: each unit a card of two lines, nothing off screen. Rank at the
       * left; the name and the score on the first line; the changes and the band
       * on the second. The header becomes a row of sort buttons.
       */
      @media (max-width: 40rem) {
        .groups-col,
        .trend-col,
        colgroup {
          display: none;
        }
        table.ranking,
        table.ranking tbody,
        table.ranking thead {
          display: block;
        }
        table.ranking caption {
          display: block;
          text-align: left;
        }
        table.ranking thead tr {
          display: flex;
          flex-wrap: wrap;
          gap: 0.3rem;
          padding: 0.3rem 0;
          background: var(--si-bg);
        }
        table.ranking thead th {
          display: block;
          border: 1px solid var(--si-border);
          border-radius: 4px;
          padding: 0.2rem 0.45rem;
          box-shadow: none;
          font-size: 0.85rem;
          position: static;
        }
        table.ranking thead th.groups-col,
        table.ranking thead th.trend-col,
        table.ranking thead th.band-col {
          display: none;
        }
        table.ranking tbody tr {
          display: grid;
          grid-template-columns: 2.4rem 1fr 1fr auto;
          grid-template-areas:
            'rank unit unit total'
            'rank cp cd band';
          gap: 0.15rem 0.5rem;
          align-items: center;
          padding: 0.45rem 0;
          border-bottom: 1px solid var(--si-border);
        }
        table.ranking tbody td {
          border: none;
          padding: 0;
        }
        td.rank {
          grid-area: rank;
          font-size: 1.15rem;
          font-weight: 700;
          text-align: center;
        }
        td.unit {
          grid-area: unit;
        }
        td.total {
          grid-area: total;
          font-size: 1.1rem;
        }
        td.cp {
          grid-area: cp;
          text-align: left;
        }
        td.cd {
          grid-area: cd;
          text-align: left;
        }
        td.band {
          grid-area: band;
          text-align: right;
        }
        td.cp::before,
        td.cd::before {
          content: attr(data-label) ' ';
          font-size: 0.75rem;
          color: var(--si-muted);
        }
        td.cp .pts,
        td.cd .pts {
          display: inline;
          margin-left: 0.3rem;
        }
      }
      /* paper: every unit on one line, the header on every page, no tools */
      @media print {
        :host {
          font-size: 8pt;
        }
        .cards,
        .quality-pending,
        .note,
        caption {
          display: none;
        }
        table.ranking {
          font-size: 8pt;
        }
        table.ranking thead {
          display: table-header-group;
        }
        table.ranking thead th {
          position: static;
        }
        /* Chromium repeats a header's text on every page, not its buttons */
        th button.sort {
          display: none;
        }
        .print-label {
          display: inline;
        }
        .pts {
          display: inline;
          margin-left: 0.3rem;
        }
        table.ranking th,
        table.ranking td {
          padding: 0.05rem 0.3rem;
        }
        table.ranking tr {
          break-inside: avoid;
        }
        td.unit {
          white-space: nowrap;
          overflow: hidden;
          text-overflow: ellipsis;
        }
        .trend-col {
          display: none;
        }
        .spark {
          color: #000;
        }
        .title-block {
          border-bottom: 2px solid var(--si-text);
          margin-bottom: 0.3rem;
        }
        .title-block p {
          margin: 0.05rem 0;
        }
      }
    `,
  ];
}

customElements.define('si-ranking-view', SiRankingView);

declare global {
  interface HTMLElementTagNameMap {
    'si-ranking-view': SiRankingView;
  }
}
