import { css, html, LitElement, nothing } from 'lit';
import { formatDay, formatPeriod, parseDay, t } from '../lib/i18n.ts';
import { navigate } from '../lib/state.ts';
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
 * custom range) and the "as of" day. It shows what the address says, always:
 * after Back, a link or a language switch, its selects are set again (a
 * select a person has touched no longer follows its options' attributes).
 *
 * @fires si-navigate with { period, asOf }
 */
export class SiPeriodPicker extends LitElement {
  static override properties = {
    period: {},
    asOf: {},
    current: {},
    inForce: {},
    lang: {},
    kind: { state: true },
    invalid: { state: true },
  };

  declare period: string;
  declare asOf: string;
  /** the key of the period shown, when `period` is empty (the default) */
  declare current: string;
  /** the day the ranking shown stands as of: what the "as of" field shows when none is asked for */
  declare inForce: string;
  /** the page's language: the picker's words follow it */
  declare lang: string;
  /** a kind chosen whose period is not picked yet (a custom range being typed) */
  declare kind: Kind | undefined;
  /** the field whose day cannot be read */
  declare invalid: string | undefined;

  constructor() {
    super();
    this.period = '';
    this.asOf = '';
    this.current = '';
    this.inForce = '';
    this.lang = 'vi';
  }

  override willUpdate(changed: Map<string, unknown>): void {
    // a period from elsewhere (Back, a link, the shell's default) is shown as it is
    if (changed.has('period') || changed.has('current')) this.kind = undefined;
  }

  #emit(change: { period?: string; asOf?: string }) {
    this.invalid = undefined;
    navigate(this, change);
  }

  /** A day typed as dd/mm/yyyy, as ISO; undefined (the field marked) when it cannot be read. */
  #day(field: string, text: string): string | undefined {
    const day = parseDay(text);
    if (day === undefined) this.invalid = field;
    return day;
  }

  #dayField(id: string, label: string, value: string, onDay: (day: string) => void, name?: string) {
    const wrong = this.invalid === id;
    return html`<div class="field">
      <label for=${id}>${label}</label>
      <input
        id=${id}
        name=${name ?? id}
        type="text"
        inputmode="numeric"
        autocomplete="off"
        placeholder=${t('day_placeholder')}
        pattern="\\d{1,2}/\\d{1,2}/\\d{4}"
        aria-invalid=${wrong ? 'true' : 'false'}
        aria-describedby=${wrong ? `${id}-error` : nothing}
        .value=${value ? formatDay(value) : ''}
        @change=${(e: Event) => {
          const text = (e.target as HTMLInputElement).value.trim();
          if (!text) return onDay('');
          const day = this.#day(id, text);
          if (day) onDay(day);
        }}
      />
      ${wrong ? html`<span id="${id}-error" class="error">${t('day_invalid')}</span>` : nothing}
    </div>`;
  }

  /** What the selects must show after this render. */
  #shown = { kind: '', key: '' };

  /** A select a person has touched no longer follows its options' `selected`: set its value. */
  override updated(): void {
    const kind = this.renderRoot.querySelector<HTMLSelectElement>('select#kind');
    const period = this.renderRoot.querySelector<HTMLSelectElement>('select#period');
    if (kind) kind.value = this.#shown.kind;
    if (period) period.value = this.#shown.key;
  }

  override render() {
    const key = this.period || this.current;
    const kind = this.kind ?? kindOf(key);
    this.#shown = { kind, key };
    const [from = '', to = ''] = kind === 'custom' ? key.split('..') : [];
    const options = periodsOf(kind === 'custom' || kind === 'all' ? 'month' : kind);
    // a period the list does not hold (one ahead of today's month, in a link) is shown all the same
    if (kind === kindOf(key) && key && !options.includes(key)) options.unshift(key);
    return html`<form
      class="toolbar"
      @submit=${(e: SubmitEvent) => {
        e.preventDefault();
        const data = new FormData(e.target as HTMLFormElement);
        const f = this.#day('from', String(data.get('from') ?? ''));
        const tt = this.#day('to', String(data.get('to') ?? ''));
        if (f && tt) this.#emit({ period: f <= tt ? `${f}..${tt}` : `${tt}..${f}` });
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
              ${options.map((p) => html`<option value=${p} ?selected=${p === key}>${formatPeriod(p)}</option>`)}
            </select>
          </div>`
          : nothing
      }
      ${
        kind === 'custom'
          ? html`${this.#dayField('from', t('from'), from, () => {})}
            ${this.#dayField('to', t('to'), to, () => {})}
            <button type="submit">${t('apply')}</button>`
          : nothing
      }
      ${this.#dayField('as-of', t('as_of'), this.asOf || this.inForce, (day) => this.#emit({ asOf: day }))}
    </form>`;
  }

  static override styles = [
    shared,
    css`
      .toolbar {
        margin: 0.4rem 0;
      }
      input[type='text'] {
        width: 7.5rem;
      }
      .error {
        color: var(--si-down);
        font-size: 0.82rem;
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
