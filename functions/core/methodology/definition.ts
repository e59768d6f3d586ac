import { COUNT_FIELD_NAMES, type CountField } from '#core/records/fields.ts';
import * as z from '#core/zod.ts';

/**
 * A methodology version is data: groups, indicators, points, the quantities each
 * ratio reads, the formula, the no-cases rule, the not-applicable policy and the
 * bands. This schema is the whole vocabulary; adding a version means adding a
 * JSON file under versions/ that passes it.
 */

const nonEmpty = () => z.string().check(z.minLength(1));
const text = z.object({ vi: nonEmpty(), en: nonEmpty() });
const quantity = nonEmpty();

const measure = z.discriminatedUnion('kind', [
  /** ratio = numerator / denominator */
  z.object({ kind: z.literal('share'), numerator: quantity, denominator: quantity }),
  /** ratio = max(0, 1 - (sum of subtract) / denominator): an inverted share */
  z.object({
    kind: z.literal('complement'),
    subtract: z.array(quantity).check(z.minLength(1)),
    denominator: quantity,
  }),
  /** ratio = the 0/1 value of a flag field */
  z.object({ kind: z.literal('flag'), field: quantity }),
  /** measured for the province, not for a commune or ward: scored by the version's not-applicable policy */
  z.object({ kind: z.literal('provinceLevel') }),
]);

const formula = z.discriminatedUnion('kind', [
  /** points = max x ratio */
  z.object({ kind: z.literal('linear') }),
  /** points = min(max, max x ratio / fullAt): full points from the fullAt ratio on */
  z.object({ kind: z.literal('capped'), fullAt: z.number().check(z.gt(0), z.lte(1)) }),
]);

const scoringRule = z.enum(['fullPoints', 'zeroPoints']);

/**
 * Where an indicator's numerator and denominator come from in what the
 * national portal publishes (a unit's observation, see core/portal).
 */
const observed = z.discriminatedUnion('kind', [
  /** a metric of the group endpoints (CKMB, MDSH, MDHL), by its code: the indicator's own unless named */
  z.object({ kind: z.literal('metric'), code: z.optional(z.string().check(z.regex(/^[A-Z][A-Z0-9_]*$/))) }),
  /** two fields of a tree endpoint's unit: dvc-progress-tree (TDGQ) or formality-online-payment-tree (TTTT) */
  z.object({
    kind: z.literal('fields'),
    endpoint: z.enum(['progress', 'payment']),
    numerator: nonEmpty(),
    denominator: nonEmpty(),
  }),
  /** what the published group score leaves after the group's other indicators (a group published without all its inputs) */
  z.object({ kind: z.literal('remainder') }),
]);

const indicator = z.object({
  code: z.string().check(z.regex(/^[A-Z][A-Z0-9_]*$/)),
  name: text,
  points: z.number().check(z.positive()),
  measure,
  formula,
  /** what a zero denominator scores */
  noCases: scoringRule,
  /** a rule public sources do not confirm; shown beside the indicator, in both languages */
  unconfirmed: z.optional(text),
  /** how the indicator is measured from the portal's published figures; a version without it scores daily records only */
  observed: z.optional(observed),
});

const group = z.object({
  code: z.string().check(z.regex(/^[A-Z]{2,8}$/)),
  name: text,
  max: z.number().check(z.positive()),
  indicators: z.array(indicator).check(z.minLength(1)),
  /**
   * "published": scoring an observation takes the group's score as the portal
   * publishes it, because the portal publishes no per-unit inputs for all of it
   */
  observed: z.optional(z.literal('published')),
});

const band = z.object({
  id: z.string().check(z.regex(/^[a-z]+$/)),
  min: z.number().check(z.minimum(0)),
  label: text,
});

const definition = z.object({
  id: z.string().check(z.regex(/^[a-z0-9-]+$/)),
  name: text,
  decision: z.string(),
  effectiveFrom: z.iso.date(),
  maxTotal: z.number().check(z.positive()),
  derived: z.record(z.string().check(z.regex(/^[a-z][A-Za-z]*$/)), z.array(z.string()).check(z.minLength(1))),
  notApplicable: z.object({ policy: scoringRule, note: text }),
  /**
   * "total" (the default): indicators, groups and the total in full precision,
   * each reported rounded half away from zero. "indicator": as the portal does,
   * each indicator's points rounded to 2 decimals, groups and the total the
   * sums of those.
   */
  rounding: z.optional(z.enum(['total', 'indicator'])),
  bands: z.array(band).check(z.minLength(1)),
  groups: z.array(group).check(z.minLength(1)),
});

export const methodologySchema = definition.check(
  z.superRefine((m: z.infer<typeof definition>, ctx) => {
    const fields = new Set<string>(COUNT_FIELD_NAMES);
    for (const [name, parts] of Object.entries(m.derived)) {
      if (fields.has(name))
        ctx.addIssue({ code: 'custom', message: `derived quantity "${name}" shadows a field` });
      for (const p of parts) {
        if (!fields.has(p))
          ctx.addIssue({ code: 'custom', message: `derived "${name}" sums unknown field "${p}"` });
      }
    }
    const known = (q: string) => fields.has(q) || q in m.derived;
    const codes = new Set<string>();
    let total = 0;
    const bound = m.groups.flatMap((g) => g.indicators).filter((i) => i.observed).length;
    if (bound > 0 && bound < m.groups.reduce((n, g) => n + g.indicators.length, 0)) {
      ctx.addIssue({
        code: 'custom',
        message: 'either every indicator says how it is observed at the portal, or none does',
      });
    }
    for (const g of m.groups) {
      const remainders = g.indicators.filter((i) => i.observed?.kind === 'remainder').length;
      if (g.observed === 'published' ? remainders !== 1 : remainders !== 0) {
        ctx.addIssue({
          code: 'custom',
          message: `group ${g.code}: a group taken as published has exactly one "remainder" indicator, and only such a group has one`,
        });
      }
      const sum = g.indicators.reduce((s, i) => s + i.points, 0);
      if (Math.abs(sum - g.max) > 1e-9) {
        ctx.addIssue({
          code: 'custom',
          message: `group ${g.code}: indicators add up to ${sum}, not its max ${g.max}`,
        });
      }
      total += g.max;
      for (const i of g.indicators) {
        if (codes.has(i.code)) ctx.addIssue({ code: 'custom', message: `indicator ${i.code} appears twice` });
        codes.add(i.code);
        for (const r of measureQuantities(i.measure)) {
          if (!known(r))
            ctx.addIssue({ code: 'custom', message: `indicator ${i.code} reads unknown quantity "${r}"` });
        }
      }
    }
    if (Math.abs(total - m.maxTotal) > 1e-9) {
      ctx.addIssue({ code: 'custom', message: `groups add up to ${total}, not maxTotal ${m.maxTotal}` });
    }
    const mins = m.bands.map((b) => b.min);
    if (mins.some((v, k) => k > 0 && v >= (mins[k - 1] ?? Number.POSITIVE_INFINITY)) || mins.at(-1) !== 0) {
      ctx.addIssue({
        code: 'custom',
        message: 'bands must run from the highest minimum down to a last band at 0',
      });
    }
  }),
);

export type MethodologyDefinition = z.infer<typeof methodologySchema>;
export type IndicatorDefinition = MethodologyDefinition['groups'][number]['indicators'][number];
export type GroupDefinition = MethodologyDefinition['groups'][number];
export type Band = MethodologyDefinition['bands'][number];

/** A methodology definition that does not pass the schema. */
export class MethodologyError extends Error {
  override name = 'MethodologyError';
}

/** Validates a definition read from data; throws a MethodologyError naming every fault. */
export function parseMethodology(data: unknown): MethodologyDefinition {
  const parsed = methodologySchema.safeParse(data);
  if (!parsed.success) {
    const id = typeof data === 'object' && data && 'id' in data ? String(data.id) : '(no id)';
    throw new MethodologyError(`methodology ${id} is invalid: ${z.prettifyError(parsed.error)}`, {
      cause: parsed.error,
    });
  }
  return parsed.data;
}

const resolved = new WeakMap<MethodologyDefinition, Map<string, readonly CountField[]>>();

/** Resolves a quantity name to the count fields it sums (cached: scoring asks this millions of times). */
export function quantityFields(m: MethodologyDefinition, q: string): readonly CountField[] {
  let byName = resolved.get(m);
  if (!byName) {
    byName = new Map();
    resolved.set(m, byName);
  }
  let fields = byName.get(q);
  if (!fields) {
    fields = (m.derived[q] ?? [q]) as CountField[];
    byName.set(q, fields);
  }
  return fields;
}

/** The quantities a measure reads, in the order an explanation lists them. */
export function measureQuantities(measure: IndicatorDefinition['measure']): string[] {
  switch (measure.kind) {
    case 'share':
      return [measure.numerator, measure.denominator];
    case 'complement':
      return [...measure.subtract, measure.denominator];
    case 'flag':
      return [measure.field];
    case 'provinceLevel':
      return [];
  }
}

/** Whether a version can score the portal's published figures: every indicator says how it is observed. */
export function scoresObservations(m: MethodologyDefinition): boolean {
  return m.groups.every((g) => g.indicators.every((i) => i.observed !== undefined));
}
