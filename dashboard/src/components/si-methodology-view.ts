import { css, html, LitElement, nothing } from 'lit';
import type { Methodology } from '../lib/api.ts';
import { downloadCsv } from '../lib/export.ts';
import { lang, t } from '../lib/i18n.ts';
import { methodologyInForce } from '../lib/methodology.ts';
import type { AppState } from '../lib/state.ts';
import { shared } from '../lib/styles.ts';

type IndicatorDef = Methodology['groups'][number]['indicators'][number];

function rule(i: IndicatorDef): string {
  const base =
    i.formula.kind === 'capped'
      ? `min(${i.points}, ${i.points} × r / ${i.formula.fullAt})`
      : `${i.points} × r`;
  switch (i.measure.kind) {
    case 'share':
      return `${base}; r = ${i.measure.numerator} / ${i.measure.denominator}`;
    case 'complement':
      return `${base}; r = max(0, 1 − (${(i.measure.subtract ?? []).join(' + ')}) / ${i.measure.denominator})`;
    case 'flag':
      return `${base}; r = ${i.measure.field}`;
    default:
      return t('not_applicable');
  }
}

/** The methodology in force, from the API: groups, indicators, rules, bands. */
export class SiMethodologyView extends LitElement {
  static override properties = {
    state: { attribute: false },
    methodology: { state: true },
    error: { state: true },
  };
  declare state: AppState;
  declare methodology: Methodology | undefined;
  declare error: string | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    methodologyInForce().then(
      (m) => {
        this.methodology = m;
      },
      (e: unknown) => {
        this.error = e instanceof Error ? e.message : String(e);
      },
    );
  }

  override render() {
    const m = this.methodology;
    if (this.error) return html`<p class="state" role="alert">${t('error')}: ${this.error}</p>`;
    if (!m) return html`<p class="state" role="status">${t('loading')}</p>`;
    const l = lang();
    return html`
      <h2>${t('methodology_title')}</h2>
      <p>${m.name[l]} · ${t('methodology_version')} <code>${m.id}</code></p>
      <button
        @click=${() =>
          void downloadCsv(
            `methodology-${m.id}.csv`,
            ['group', 'indicator', 'name', 'points', 'rule', 'unconfirmed'],
            m.groups.flatMap((g) =>
              g.indicators.map((i) => [g.code, i.code, i.name[l], i.points, rule(i), i.unconfirmed ?? '']),
            ),
          )}
      >
        ${t('export_csv')}
      </button>
      ${m.groups.map(
        (g) => html`<section>
          <h3>${g.name[l]} (${g.code}) · ${g.max}</h3>
          <div class="table-wrap" tabindex="0" role="region" aria-label=${`${g.name[l]} (${g.code})`}>
            <table>
              <thead>
                <tr>
                  <th scope="col">${t('indicator')}</th>
                  <th scope="col" class="num">${t('max')}</th>
                  <th scope="col">${t('rule')}</th>
                </tr>
              </thead>
              <tbody>
                ${g.indicators.map(
                  (i) => html`<tr>
                    <th scope="row">${i.name[l]} <span class="muted code">${i.code}</span></th>
                    <td class="num">${i.points}</td>
                    <td>
                      <code>${rule(i)}</code>
                      ${i.unconfirmed ? html`<div class="muted">${t('unconfirmed')}: ${i.unconfirmed}</div>` : nothing}
                    </td>
                  </tr>`,
                )}
              </tbody>
            </table>
          </div>
        </section>`,
      )}
      <h3>${t('bands_title')}</h3>
      <ul>
        ${m.bands.map((b) => html`<li><span class="badge ${b.id}">${b.label[l]}</span> ${t('from_score')} ${b.min}</li>`)}
      </ul>
    `;
  }

  static override styles = [
    shared,
    css`
      code {
        font-size: 0.85rem;
        word-break: break-word;
      }
      .code {
        font-size: 0.75rem;
        font-weight: normal;
      }
      th[scope='row'] {
        font-weight: normal;
      }
    `,
  ];
}

customElements.define('si-methodology-view', SiMethodologyView);

declare global {
  interface HTMLElementTagNameMap {
    'si-methodology-view': SiMethodologyView;
  }
}
