import { css, html, LitElement, nothing } from 'lit';
import { formatPeriod, t } from '../lib/i18n.ts';
import { shared } from '../lib/styles.ts';

type Kind = 'month' | 'quarter' | 'half' | 'year' | 'all' | 'custom';

function kindOf(key: string): Kind {
  if (/^\d{4}-\d{2}$/.test(key)) return 'month';
  if (/^\d{4}-Q\d$/.test(key)) return 'quarter';
  if (/^\d{4}-H\d$/.test(key)) return 'half';
  if (/^\d{4}$/.test(key)) return 'year';
  if (key === 'all') return 'all';
  return 'custom';
}

/** Every period of a kind from July 2025 to this month, newest first. */
function periodsOf(kind: Kind, today = new Date()): string[] {
  const keys: string[] = [];
  const endY = today.getFullYear();
  const endM = today.getMonth() + 1;
  for (let y = 2025; y <= endY; y++) {
    const first = y === 2025 ? 7 : 1;
    const last = y === endY ? endM : 12;
    if (kind === 'year') keys.push(String(y));
    for (let m = first; m <= last; m++) {
      if (kind === 'month') keys.push(`${y}-${String(m).padStart(2, '0')}`);
      if (kind === 'quarter' && m % 3 === 1) keys.push(`${y}-Q${(m + 2) / 3}`);
      if (kind === 'quarter' && m === first && m % 3 !== 1) keys.push(`${y}-Q${Math.ceil(m / 3)}`);
      if (kind === 'half' && (m === 1 || m === 7)) keys.push(`${y}-H${m === 1 ? 1 : 2}`);
    }
  }
  return [...new Set(keys)].reverse();
}

/**
 * Chooses the period (month, quarter, half-year, year, since July 2025, or a
 * custom range) and the "as of" day.
 *
 * @fires si-navigate with { period, asOf }
 */
export class SiPeriodPicker extends LitElement {
  static override properties = {
    period: {},
    asOf: {},
    current: {},
    kind: { state: true },
  };

  declare period: string;
  declare asOf: string;
  /** the key of the period shown, when `period` is empty (the default) */
  declare current: string;
  declare kind: Kind | undefined;

  constructor() {
    super();
    this.period = '';
    this.asOf = '';
    this.current = '';
  }

  #emit(change: { period?: string; asOf?: string }) {
    this.dispatchEvent(new CustomEvent('si-navigate', { detail: change, bubbles: true, composed: true }));
  }

  override render() {
    const key = this.period || this.current;
    const kind = this.kind ?? kindOf(key);
    const [from = '', to = ''] = kind === 'custom' ? key.split('..') : [];
    return html`<form
      class="toolbar"
      @submit=${(e: SubmitEvent) => {
        e.preventDefault();
        const data = new FormData(e.target as HTMLFormElement);
        const f = String(data.get('from') ?? '');
        const tt = String(data.get('to') ?? '');
        if (f && tt) this.#emit({ period: `${f}..${tt}` });
      }}
    >
      <div class="field">
        <label for="kind">${t('period_kind')}</label>
        <select
          id="kind"
          @change=${(e: Event) => {
            const k = (e.target as HTMLSelectElement).value as Kind;
            this.kind = k;
            if (k === 'all') this.#emit({ period: 'all' });
            else if (k !== 'custom') this.#emit({ period: periodsOf(k)[0] ?? '' });
          }}
        >
          ${(['month', 'quarter', 'half', 'year', 'all', 'custom'] as Kind[]).map(
            (k) => html`<option value=${k} ?selected=${k === kind}>${t(`kind_${k}`)}</option>`,
          )}
        </select>
      </div>
      ${
        kind !== 'custom' && kind !== 'all'
          ? html`<div class="field">
            <label for="period">${t('period')}</label>
            <select id="period" @change=${(e: Event) => this.#emit({ period: (e.target as HTMLSelectElement).value })}>
              ${periodsOf(kind).map((p) => html`<option value=${p} ?selected=${p === key}>${formatPeriod(p)}</option>`)}
            </select>
          </div>`
          : nothing
      }
      ${
        kind === 'custom'
          ? html`<div class="field">
              <label for="from">${t('from')}</label>
              <input id="from" type="date" name="from" min="2025-07-01" .value=${from} required />
            </div>
            <div class="field">
              <label for="to">${t('to')}</label>
              <input id="to" type="date" name="to" min="2025-07-01" .value=${to} required />
            </div>
            <button type="submit">${t('apply')}</button>`
          : nothing
      }
      <div class="field">
        <label for="as-of">${t('as_of')}</label>
        <input
          id="as-of"
          type="date"
          min="2025-07-01"
          .value=${this.asOf}
          @change=${(e: Event) => this.#emit({ asOf: (e.target as HTMLInputElement).value })}
        />
      </div>
    </form>`;
  }

  static override styles = [
    shared,
    css`
      .toolbar {
        margin: 0.4rem 0;
      }
    `,
  ];
}

customElements.define('si-period-picker', SiPeriodPicker);

declare global {
  interface HTMLElementTagNameMap {
    'si-period-picker': SiPeriodPicker;
  }
}
