import { html, nothing, type TemplateResult } from 'lit';
import { ApiError } from './api.ts';
import { t } from './i18n.ts';

/**
 * What went wrong, in the page's language: the server's own words (English,
 * for operators) stay behind a "details" toggle, never in place of the message.
 */
export function problemText(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 404) return t('error_not_found');
    if (error.status === 400) return t('error_bad_request');
    if (error.status === 429 || error.status === 503) return t('error_busy');
    return t('error');
  }
  if (error instanceof TypeError) return t('error_network');
  return t('error');
}

/** A failed load: the message, a retry, a way back to the ranking, and the server's detail folded away. */
export function errorView(
  error: unknown,
  options: { retry?: () => void; back?: () => void } = {},
): TemplateResult {
  const detail = error instanceof Error ? error.message : String(error);
  return html`<div class="state" role="alert">
    <p>${problemText(error)}</p>
    <p>
      ${options.retry ? html`<button @click=${options.retry}>${t('retry')}</button>` : nothing}
      ${options.back ? html`<button @click=${options.back}>${t('back_to_ranking')}</button>` : nothing}
    </p>
    <details class="detail"><summary>${t('technical_detail')}</summary><code lang="en">${detail}</code></details>
  </div>`;
}
