import type { IndicatorDefinition, MethodologyDefinition } from '#core/methodology/definition.ts';
import type { IndicatorScore, UnitScore } from '#core/scoring/score.ts';

/** One line of "explain my score": the indicator's definition beside its result. */
export interface IndicatorExplanation extends IndicatorScore {
  code: string;
  name: { vi: string; en: string };
  /** the rule in words, e.g. "6 x ratio" or "min(2, 2 x ratio / 0.8): full at 80%" */
  rule: string;
  unconfirmed?: string | undefined;
}

/** The rule of an indicator in words. */
export function describeRule(i: IndicatorDefinition): string {
  const base =
    i.formula.kind === 'linear'
      ? `${i.points} x ratio`
      : `min(${i.points}, ${i.points} x ratio / ${i.formula.fullAt}): full at ${Math.round(i.formula.fullAt * 100)}%`;
  switch (i.measure.kind) {
    case 'share':
      return `${base}; ratio = ${i.measure.numerator} / ${i.measure.denominator}`;
    case 'complement':
      return `${base}; ratio = max(0, 1 - (${i.measure.subtract.join(' + ')}) / ${i.measure.denominator})`;
    case 'flag':
      return `${base}; ratio = ${i.measure.field} (1 or 0)`;
    case 'provinceLevel':
      return 'measured per province; not applicable to a commune or ward';
  }
}

/**
 * Every indicator of a scored unit with its definition, sorted by the points
 * that could still be gained, most first: where a center should look first.
 */
export function explainScore(m: MethodologyDefinition, score: UnitScore): IndicatorExplanation[] {
  const definitions = new Map(m.groups.flatMap((g) => g.indicators.map((i) => [i.code, i] as const)));
  return Object.entries(score.indicators).map(([code, result]) => {
    const d = definitions.get(code);
    if (!d) throw new Error(`indicator ${code} is not part of methodology ${m.id}`);
    return { code, ...result, name: d.name, rule: describeRule(d), unconfirmed: d.unconfirmed?.en };
  });
}
