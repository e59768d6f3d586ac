import { html } from 'lit';
import { t } from './i18n.ts';

/**
 * The download buttons every table has: CSV and Excel. What they write is in
 * download.ts, loaded with the views that use it; the ranking page loads its
 * own on the first download (ranking-export.ts).
 */
export type ExportFormat = 'csv' | 'xlsx';

/** The two download buttons of a table, CSV and Excel; `download` makes the file when one is pressed, from the rows on screen then. */
export function exportButtons(download: (format: ExportFormat) => Promise<unknown>, className = 'no-print') {
  return html`<span class="exports ${className}">
    <button @click=${() => void download('csv')}>${t('export_csv')}</button>
    <button @click=${() => void download('xlsx')}>${t('export_xlsx')}</button>
  </span>`;
}
