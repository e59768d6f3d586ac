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

const indicator = z.object({
  code: z.string().check(z.regex(/^[A-Z][A-Z0-9_]*$/)),
  name: text,
  points: z.number().check(z.positive()),
  measure,
  formula,
  /** what a zero denominator scores */
  noCases: scoringRule,
  /** a rule public sources do not confirm; shown beside the indicator */
  unconfirmed: z.optional(z.string()),
});

const group = z.object({
  code: z.string().check(z.regex(/^[A-Z]{2,8}$/)),
  name: text,
  max: z.number().check(z.positive()),
  indicators: z.array(indicator).check(z.minLength(1)),
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
  notApplicable: z.object({ policy: scoringRule, note: z.string() }),
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
    for (const g of m.groups) {
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
