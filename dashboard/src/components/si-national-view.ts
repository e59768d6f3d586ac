import { Task } from '@lit/task';
import { css, html, LitElement, nothing } from 'lit';
import type { NationalAnswer } from '#functions/api/answers.ts';
import { api, type Methodology } from '../lib/api.ts';
import { downloadCsv, downloadWorkbook } from '../lib/download.ts';
import { errorView } from '../lib/errors.ts';
import { type ExportFormat, exportButtons } from '../lib/export.ts';
import { formatDay, formatNumber, formatPeriod, lang, provinceName, t } from '../lib/i18n.ts';
import { groupName, methodologyInForce } from '../lib/methodology.ts';
import { type AppState, navigate } from '../lib/state.ts';
import { shared } from '../lib/styles.ts';
import '../lib/i18n-views.ts';

type Row = NationalAnswer['provinces'][number];

/**
 * The country at a glance: the 34 provinces as the national portal ranks
 * them, with their six groups and their change since the observation
 * before; the province the dashboard opens on is marked, and a province whose
 * ranking the platform holds links to it. On a phone, a card per province.
 */
export class SiNationalView extends LitElement {
  static override properties = {
    state: { attribute: false },
  };
  declare state: AppState;

  #data = new Task(this, {
    task: async (_args: readonly [], { signal }) =>
      Promise.all([api.national(signal), methodologyInForce()] as const),
    args: () => [] as const,
  });

  #open(province: string) {
    navigate(this, { province, view: 'ranking', period: '', asOf: '', unit: '', units: [], source: '' });
  }

  #change(row: Row) {
    if (row.totalChange === null) return html`<span class="muted">–</span>`;
    const places = row.rankChange ?? 0;
    const label = `${t('points_change')}: ${row.totalChange > 0 ? '+' : ''}${formatNumber(row.totalChange)}; ${t('places_change')}: ${places > 0 ? '+' : ''}${places}`;
    return html`<span title=${label}>
      <span class=${row.totalChange > 0 ? 'up' : row.totalChange < 0 ? 'down' : 'muted'}
        >${row.totalChange > 0 ? '+' : row.totalChange < 0 ? '−' : '±'}${formatNumber(Math.abs(row.totalChange))}</span
      >
      ${
        places
          ? html`<span class=${places > 0 ? 'up' : 'down'} role="img" aria-label=${`${places > 0 ? '+' : '−'}${Math.abs(places)} ${t('national_places')}`}
              >${places > 0 ? '▲' : '▼'}${Math.abs(places)}</span
            >`
          : nothing
      }
    </span>`;
  }

  async #export(format: ExportFormat, answer: NationalAnswer, m: Methodology) {
    const { nationalWorkbook } = await import('#functions/api/workbooks.ts');
    const sheets = nationalWorkbook(answer, m, lang());
    const file = `national-${answer.period}-${answer.observedOn}`;
    if (format === 'xlsx') return downloadWorkbook(file, sheets);
    const [sheet] = sheets;
    if (sheet) await downloadCsv(`${file}.csv`, sheet.columns, sheet.rows);
  }

  #table(answer: NationalAnswer, m: Methodology) {
    const l = lang();
    const groups = m.groups.map((g) => g.code);
    return html`
      <h2>${t('national_title')}</h2>
      <p class="line">
        <strong>${formatPeriod(answer.period)}</strong> · ${t('national_published')} ${formatDay(answer.observedOn)}
        ${answer.previousObservedOn ? html`· ${t('national_changes_since')} ${formatDay(answer.previousObservedOn)}` : nothing}
        ${answer.countryTotal !== null ? html`· ${t('national_average')} ${formatNumber(answer.countryTotal)}` : nothing}
      </p>
      <p class="muted">${t('national_note')}</p>
      ${exportButtons((format) => this.#export(format, answer, m))}
      <div class="table-wrap" tabindex="0" role="region" aria-label=${t('national_title')}>
        <table class="national">
          <caption class="visually-hidden">${t('national_title')} · ${formatPeriod(answer.period)}</caption>
          <thead>
            <tr>
              <th scope="col" class="num">${t('rank')}</th>
              <th scope="col">${t('national_province')}</th>
              <th scope="col" class="num">${t('total')}</th>
              <th scope="col" class="num">${t('national_change')}</th>
              ${groups.map((g) => html`<th scope="col" class="num group" title=${g}>${groupName(m, g, l)}</th>`)}
            </tr>
          </thead>
          <tbody>
            ${answer.provinces.map((row) => {
              const mine = row.province === answer.defaultProvince;
              const name = provinceName(row);
              return html`<tr class=${mine ? 'mine' : ''} aria-current=${mine ? 'true' : 'false'}>
                <td class="num rank">${row.rank}</td>
                <th scope="row" class="name">
                  ${
                    row.sources.length
                      ? html`<button class="link" @click=${() => this.#open(row.province)}>${name}</button>`
                      : html`<span>${name}</span>`
                  }
                  ${mine ? html`<span class="badge-mine">${t('national_default')}</span>` : nothing}
                </th>
                <td class="num total"><strong>${formatNumber(row.total)}</strong></td>
                <td class="num change">${this.#change(row)}</td>
                ${groups.map(
                  (g) =>
                    html`<td class="num group" data-label=${groupName(m, g, l)}>${formatNumber(row.groups[g])}</td>`,
                )}
              </tr>`;
            })}
          </tbody>
        </table>
      </div>
      <p class="muted">${t('national_links')}</p>
    `;
  }

  override render() {
    return this.#data.render({
      pending: () => html`<p class="state" role="status">${t('loading')}</p>`,
      error: (e) => errorView(e, { retry: () => void this.#data.run() }),
      complete: ([answer, m]) => this.#table(answer, m),
    });
  }

  static override styles = [
    shared,
    css`
      .line {
        margin: 0.2rem 0;
      }
      table.national th.name {
        text-align: left;
        font-weight: normal;
      }
      /* the six groups' names wrap: the whole table in the width of a laptop's screen */
      table.national thead th {
        white-space: normal;
        vertical-align: bottom;
      }
      tr.mine {
        background: var(--si-highlight, #fff4d6);
      }
      tr.mine th.name {
        font-weight: bold;
      }
      .badge-mine {
        margin-left: 0.4rem;
        font-size: 0.8em;
        border: 1px solid currentColor;
        border-radius: 3px;
        padding: 0 0.25rem;
        white-space: nowrap;
      }
      .change span + span {
        margin-left: 0.3rem;
      }
      /* on paper: the whole table on the page's width, its header on every page */
      @media print {
        :host {
          font-size: 8pt;
        }
        .table-wrap {
          overflow: visible;
        }
        table.national {
          font-size: 8pt;
        }
        table.national thead {
          display: table-header-group;
        }
        table.national th {
          white-space: normal;
          position: static;
        }
        tr.mine {
          print-color-adjust: exact;
        }
      }
      /* a phone: each province a card, its groups as labelled lines */
      @media (max-width: 40rem) {
        table.national,
        table.national tbody {
          display: block;
        }
        table.national thead {
          display: none;
        }
        table.national tbody tr {
          display: grid;
          grid-template-columns: 2.2rem minmax(0, 1fr) auto;
          grid-template-areas:
            'rank name total'
            'rank change change'
            'rank groups groups';
          gap: 0.15rem 0.5rem;
          padding: 0.5rem 0.25rem;
          border-bottom: 1px solid var(--si-border);
        }
        table.national td,
        table.national th {
          display: block;
          border: none;
          padding: 0;
          text-align: left;
        }
        td.rank {
          grid-area: rank;
          font-weight: bold;
          font-size: 1.1rem;
        }
        table.national th.name {
          grid-area: name;
          background: none;
          position: static;
          white-space: normal;
        }
        .badge-mine {
          display: block;
          width: fit-content;
          margin: 0.15rem 0 0;
        }
        table.national td.total {
          grid-area: total;
          text-align: right;
        }
        td.change {
          grid-area: change;
        }
        table.national td.group {
          grid-column: 2 / 4;
          display: flex;
          justify-content: space-between;
          gap: 0.5rem;
          font-size: 0.85rem;
        }
        td.group::before {
          content: attr(data-label);
          color: var(--si-muted);
        }
      }
    `,
  ];
}

customElements.define('si-national-view', SiNationalView);

declare global {
  interface HTMLElementTagNameMap {
    'si-national-view': SiNationalView;
  }
}
