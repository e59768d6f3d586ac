import { css, html, LitElement, nothing } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import type { Methodology } from '../lib/api.ts';
import { downloadCsv } from '../lib/export.ts';
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
} from '../lib/i18n.ts';
import { bandName, groupMax } from '../lib/methodology.ts';
import type { AppState } from '../lib/state.ts';
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

function sparklineHtml(values: (number | null)[], label: string): string {
  const points = values
    .map((v, k) => [k, v] as const)
    .filter((p): p is readonly [number, number] => p[1] !== null);
  // the same box with or without a line, so that nothing moves when the trend arrives
  if (points.length < 2) return '<span class="spark-empty" aria-hidden="true"></span>';
  const min = Math.min(...points.map((p) => p[1]));
  const max = Math.max(...points.map((p) => p[1]));
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

/** The change since the previous observation: places, and the published total's points beneath. */
function observationChangeHtml(u: RankingUnit): string {
  const places = changeHtml(u.rankChangeDay, t('change_observation'));
  const points = u.published?.totalChangeDay;
  return points === null || points === undefined
    ? places
    : `${places}<span class="pts">${escapeHtml(formatChange(points))}</span>`;
}

/**
 * The table's rows as one HTML string: a hundred rows parsed by the browser in
 * one go cost a fraction of building them binding by binding, and the ranking
 * is read far more often than it changes. Every text is escaped.
 */
function rowsHtml(
  rows: readonly RankingUnit[],
  groups: readonly string[],
  trend: Trend | undefined,
  m: Methodology | undefined,
): string {
  const l = lang();
  return rows
    .map((u) => {
      // the six groups as one small SVG of two paths: a dozen rectangles as elements cost the page far more
      let fills = '';
      groups.forEach((g, k) => {
        const max = groupMax(m, g);
        const height = max ? Math.round(((u.groups[g] ?? 0) / max) * 18) : 0;
        if (height > 0) fills += `M${k * 9} ${18 - height}h7v${height}h-7z`;
      });
      const barsLabel = groups
        .map((g) => `${g} ${formatNumber(u.groups[g])}/${groupMax(m, g) ?? ''}`)
        .join(', ');
      // no white space between cells: a hundred rows of it are a thousand text nodes more to lay out
      const dayChange = u.published ? observationChangeHtml(u) : changeHtml(u.rankChangeDay, t('change_day'));
      return `<tr><td class="num">${u.rank}</td><td class="num">${changeHtml(u.rankChangePeriod, t('change_period'))}</td><td class="num">${dayChange}</td><td><button class="link" data-unit="${escapeHtml(u.unitCode)}">${escapeHtml(u.name)}</button> <span class="muted type">${escapeHtml(t(u.type))}</span></td><td class="num total">${totalHtml(u)}</td><td><span class="badge ${escapeHtml(u.band)}">${escapeHtml(bandName(m, u.band, l))}</span></td><td class="groups-col"><svg class="bars" width="${groups.length * 9}" height="18" viewBox="0 0 ${groups.length * 9} 18" role="img" aria-label="${escapeHtml(barsLabel)}"><path class="track" d="${tracks(groups.length)}"></path><path class="fill" d="${fills}"></path></svg></td><td class="trend-col">${sparklineHtml(trend?.units[u.unitCode]?.totals ?? [], `${t('trend')} ${u.name}`)}</td></tr>`;
    })
    .join('');
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
    methodology: { attribute: false },
  };
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

  #go(change: Partial<AppState> & { replace?: boolean }) {
    this.dispatchEvent(new CustomEvent('si-navigate', { detail: change, bubbles: true, composed: true }));
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
    const { q, type, band, sort, dir } = this.state;
    const needle = fold(q.trim());
    const rows = this.ranking.units.filter(
      (u) =>
        (!needle || fold(u.name).includes(needle) || u.unitCode.includes(needle)) &&
        (!type || u.type === type) &&
        (!band || u.band === band),
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

  async #export(rows: RankingUnit[]) {
    const groups = Object.keys(rows[0]?.groups ?? this.ranking.units[0]?.groups ?? {});
    const portal = this.ranking.source === 'portal';
    await downloadCsv(
      `ranking-${this.ranking.province}-${this.ranking.period.key}${portal ? `-portal-${this.ranking.asOf}` : ''}.csv`,
      [
        'rank',
        'unitCode',
        'name',
        'type',
        'total',
        'band',
        'rankChangePeriod',
        'rankChangeDay',
        ...groups,
        ...(portal
          ? [
              'source',
              'observedOn',
              'portalCode',
              'totalChangeDay',
              'publishedGroupsTotal',
              'computedTotal',
              'computedRank',
            ]
          : []),
      ],
      rows.map((u) => [
        u.rank,
        u.unitCode,
        u.name,
        u.type,
        u.total,
        u.band,
        u.rankChangePeriod,
        u.rankChangeDay,
        ...groups.map((g) => u.groups[g]),
        ...(u.published
          ? [
              'portal',
              u.published.observedOn,
              u.published.portalCode,
              u.published.totalChangeDay,
              u.published.groupsTotal,
              u.published.computed.total,
              u.published.computed.rank,
            ]
          : []),
      ]),
    );
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
          ${Object.entries(s.bands).map(([b, n]) => html`<span class="badge ${b}">${bandName(this.methodology, b, lang())}: ${n}</span> `)}
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

  /** The portal's side of data quality: where published and computed part, and units not matched. */
  #publishedQuality() {
    const r = this.ranking;
    const differing = r.units.filter((u) => u.published?.reconciliation.differs);
    const counts = r.reconciliation;
    const more = (n: number) =>
      n > 0 ? html`<li class="muted">${t('and_more')} ${n} ${t('more_units')}</li>` : nothing;
    return html`
      <div>
        <h3>${t('reconciliation')}</h3>
        <ul class="counts">
          <li>${t('pages_differ')}: <strong>${counts?.pagesDiffer ?? 0}</strong></li>
          <li>${t('total_differs')}: <strong>${counts?.totalDiffers ?? 0}</strong></li>
          <li>${t('groups_differ')}: <strong>${counts?.groupsDiffer ?? 0}</strong></li>
        </ul>
        ${
          differing.length
            ? html`<ul class="differing">
              ${differing.slice(0, 20).map(
                (u) => html`<li>
                  <button class="link" @click=${() => this.#openUnit(u.unitCode)}>${u.name}</button>: ${reconciliationText(u)}
                  ${(u.published?.reconciliation.groups ?? []).map(
                    (g) =>
                      html`<br /><span class="muted">${g.group}: ${t('published')} ${formatNumber(g.published)},
                        ${t('computed')} ${formatNumber(g.computed)}</span>`,
                  )}
                </li>`,
              )}
              ${more(differing.length - 20)}
            </ul>`
            : html`<p class="muted">${t('none')}</p>`
        }
      </div>
      <div>
        <h3>${t('unsettled')}</h3>
        ${
          r.unsettled?.length
            ? html`<ul>
              ${r.unsettled.map(
                (u) => html`<li>
                  ${u.portalName} <span class="muted">(${u.portalCode})</span>: ${t(u.status)}${
                    u.candidates.length ? html`, ${t('may_be')} ${u.candidates.join(', ')}` : nothing
                  }
                </li>`,
              )}
            </ul>`
            : html`<p class="muted">${t('none')}</p>`
        }
      </div>
    `;
  }

  #quality() {
    const name = (code: string) =>
      this.ranking.units.find((u) => u.unitCode === code)?.name ??
      this.ranking.unranked.find((u) => u.unitCode === code)?.name ??
      code;
    const portal = this.ranking.source === 'portal';
    return html`<section class="quality" aria-labelledby="quality-title">
      <h2 id="quality-title">${t('data_quality')}</h2>
      <div class="quality-grid">
        ${portal ? this.#publishedQuality() : this.#recordsQuality(name)}
        <div>
          <h3>${t('unranked')}</h3>
          ${
            this.ranking.unranked.length
              ? html`<ul>
                ${this.ranking.unranked.map((u) => html`<li>${u.name}</li>`)}
              </ul>`
              : html`<p class="muted">${t('none')}</p>`
          }
        </div>
      </div>
    </section>`;
  }

  /** The daily records' side of data quality: days missing, rows rejected. */
  #recordsQuality(name: (code: string) => string) {
    const s = this.ranking.summary;
    return html`
        <div>
          <h3>${t('missing_days')}</h3>
          ${
            s.missingDays.length
              ? html`<ul>
                ${s.missingDays.slice(0, 20).map((m) => html`<li>${name(m.unitCode)}: ${m.missing} ${t('days')}</li>`)}
              </ul>`
              : html`<p class="muted">${t('none')}</p>`
          }
        </div>
        <div>
          <h3>${t('rejected_rows')}</h3>
          ${
            s.rejectedRows.length
              ? html`<ul>
                ${s.rejectedRows.slice(0, 20).map((m) => html`<li>${name(m.unitCode)}: ${m.rows} ${t('rows')}</li>`)}
              </ul>`
              : html`<p class="muted">${t('none')}</p>`
          }
        </div>
    `;
  }

  override render() {
    const portal = this.ranking.source === 'portal';
    if (!this.ranking.units.length) {
      return html`<p class="state">${portal ? t('no_published') : t('empty')}</p>
        ${this.#quality()}`;
    }
    const rows = this.rows();
    const groups = Object.keys(this.ranking.units[0]?.groups ?? {});
    const trend = this.trend;
    return html`
      ${this.#summary()}
      ${portal ? html`<p class="note">${t('published_note')}</p>` : nothing}
      <div class="toolbar no-print">
        <div class="field">
          <label for="search">${t('search')}</label>
          <input
            id="search"
            type="search"
            .value=${this.state.q}
            @input=${(e: Event) => this.#go({ q: (e.target as HTMLInputElement).value, replace: true })}
          />
        </div>
        <div class="field">
          <label for="type">${t('type')}</label>
          <select id="type" @change=${(e: Event) => this.#go({ type: (e.target as HTMLSelectElement).value, replace: true })}>
            <option value="" ?selected=${!this.state.type}>${t('all_types')}</option>
            <option value="commune" ?selected=${this.state.type === 'commune'}>${t('commune')}</option>
            <option value="ward" ?selected=${this.state.type === 'ward'}>${t('ward')}</option>
          </select>
        </div>
        <div class="field">
          <label for="band">${t('band')}</label>
          <select id="band" @change=${(e: Event) => this.#go({ band: (e.target as HTMLSelectElement).value, replace: true })}>
            <option value="" ?selected=${!this.state.band}>${t('all_bands')}</option>
            ${(this.methodology?.bands ?? []).map((b) => html`<option value=${b.id} ?selected=${this.state.band === b.id}>${b.label[lang()]}</option>`)}
          </select>
        </div>
        <button @click=${() => void this.#export(rows)}>${t('export_csv')}</button>
        <span class="muted" role="status">${rows.length} / ${this.ranking.units.length} ${t('units_shown')}</span>
      </div>
      <div class="table-wrap" tabindex="0" role="region" aria-label=${t('nav_ranking')}>
        <table class="ranking" @click=${(e: Event) => this.#onRowClick(e)}>
          <colgroup>
            <col class="c-rank" /><col class="c-change" /><col class="c-change" /><col /><col class="c-total" /><col class="c-band" /><col
              class="groups-col"
            /><col class="trend-col" />
          </colgroup>
          <caption>
            ${t('nav_ranking')} · ${formatPeriod(this.ranking.period.key)}
          </caption>
          <thead>
            <tr>
              ${this.#header('rank', t('rank'), true)} ${this.#header('changePeriod', t('change_period'), true)}
              ${this.#header('changeDay', portal ? t('change_observation_short') : t('change_day'), true)} ${this.#header('name', t('unit'))}
              ${this.#header('total', t('total'), true)}
              <th scope="col">${t('band')}</th>
              <th scope="col" class="groups-col">${t('groups')}</th>
              <th scope="col" class="trend-col">${t('trend')}</th>
            </tr>
          </thead>
          ${chunks(rows, this.#shown).map((part) => html`<tbody>${unsafeHTML(rowsHtml(part, groups, trend, this.methodology))}</tbody>`)}
        </table>
      </div>
      ${
        // below the table, and laid out after it: the panel waits for the last rows
        rows.length <= this.#shown ? this.#quality() : html`<div class="quality-pending"></div>`
      }
    `;
  }

  static override styles = [
    shared,
    css`
      table.ranking {
        /* fixed columns: adding rows never re-measures the whole table */
        table-layout: fixed;
        min-width: 40rem;
      }
      .c-rank {
        width: 3.5rem;
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
      .quality {
        /* below the table: laid out only when scrolled near */
        content-visibility: auto;
        contain-intrinsic-size: auto 20rem;
      }
      .quality-grid {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr));
        gap: 1rem;
      }
      .quality ul {
        margin: 0;
        padding-left: 1.2rem;
      }
      .quality ul.counts {
        list-style: none;
        padding: 0;
        margin-bottom: 0.5rem;
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
      @media (max-width: 40rem) {
        .groups-col,
        .trend-col {
          display: none;
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
