import type { Methodology } from './api.ts';
import { formatNumber, lang, t } from './i18n.ts';
import './i18n-views.ts';
import { QUANTITIES } from '#core/records/words.ts';

/**
 * The words a person reads where the data has names for machines: the
 * quantities an indicator is computed from (the record contract's fields,
 * and the portal's), and the rules of the methodology.
 */
export { QUANTITIES };

/** A quantity's name in the page's language; its machine name only when none is known. */
export function quantityName(name: string): string {
  return QUANTITIES[name]?.[lang()] ?? name;
}

/** Whether the dashboard has words for a quantity (a test holds every quantity the API sends to it). */
export const knownQuantity = (name: string): boolean => name in QUANTITIES;

type IndicatorDef = Methodology['groups'][number]['indicators'][number];

/** An indicator's rule in words: what the ratio is, and how it becomes points. */
export function ruleText(i: IndicatorDef): string {
  const q = quantityName;
  let ratio: string;
  switch (i.measure.kind) {
    case 'share':
      ratio = `${t('rule_ratio')} = ${q(i.measure.numerator ?? '')} ${t('rule_over')} ${q(i.measure.denominator ?? '')}`;
      break;
    case 'complement':
      ratio = `${t('rule_ratio')} = ${t('rule_less')} (${(i.measure.subtract ?? []).map(q).join(' + ')}) ${t('rule_over')} ${q(i.measure.denominator ?? '')}`;
      break;
    case 'flag':
      return `${t('rule_flag')}: ${q(i.measure.field ?? '')}`;
    default:
      return t('not_applicable');
  }
  // points grow in step with the share up to where the methodology gives them in full
  const fullAt = i.formula.kind === 'capped' && i.formula.fullAt ? i.formula.fullAt : 1;
  const points = `${t('rule_grows')} ${i.points} ${t('points_unit')} ${t('rule_from_share')} ${formatNumber(fullAt * 100, 0)}%`;
  return `${ratio}; ${points}`;
}

/** What an indicator scores with nothing to count. */
export function noCasesText(i: IndicatorDef): string {
  return i.noCases === 'fullPoints' ? t('rule_no_cases_full') : t('rule_no_cases_zero');
}
