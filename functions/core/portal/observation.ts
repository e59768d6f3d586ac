import { isDay } from '#core/periods/calendar.ts';
import { type Period, parsePeriod, type StandardKind } from '#core/periods/period.ts';
import * as z from '#core/zod.ts';

/**
 * What the national portal published for the units of one province, one
 * period and one day: an observation. Its shape is the documented observation
 * file (one JSON object per line, a header then one line per unit; see
 * docs/portal.md), which is also how the platform keeps each unit's figures:
 * every number as the portal gave it, null where it gave null.
 */

export const GROUP_CODES = ['CKMB', 'TDGQ', 'CLGQ', 'TTTT', 'MDSH', 'MDHL'] as const;
export type GroupCode = (typeof GROUP_CODES)[number];

/** The portal's three kinds of period: its figures are cumulative over each. */
export type PortalTimeType = 'year' | 'quarter' | 'month';

const num = z.nullable(z.number());
const count = z.nullable(z.number().check(z.minimum(0)));
const text = z.string().check(z.minLength(1));

/** `[group, code, numerator, denominator, ratio (percent), score, maxScore, dataQualityStatus]` */
const metricSchema = z.tuple([text, text, count, count, num, num, num, z.nullable(z.string())]);
export type ObservedMetric = z.infer<typeof metricSchema>;

const headerSchema = z.looseObject({
  kind: z.literal('header'),
  source: z.optional(z.string()),
  provincePortalCode: z.string().check(z.regex(/^H\d{2}$/)),
  provinceName: z.optional(z.string()),
  rootDepartmentId: text,
  timeType: z.enum(['year', 'quarter', 'month']),
  year: z.int().check(z.minimum(2025), z.maximum(2100)),
  quarter: z.optional(z.nullable(z.int().check(z.minimum(1), z.maximum(4)))),
  month: z.optional(z.nullable(z.int().check(z.minimum(1), z.maximum(12)))),
  observedOn: z.string().check(z.refine(isDay, 'observedOn must be a day written YYYY-MM-DD')),
  extractedAt: z.optional(z.nullable(z.string())),
  count: z.optional(z.nullable(z.int())),
});
export type ObservationHeader = z.infer<typeof headerSchema>;

const groupsSchema = z.object({
  CKMB: num,
  TDGQ: num,
  /** the portal publishes no per-unit inputs for CLGQ and TTTT: their scores are inputs themselves */
  CLGQ: z.number(),
  TTTT: z.number(),
  MDSH: num,
  MDHL: num,
});

const partScore = z.looseObject({ score: num, maxScore: num, ratio: num });

const unitSchema = z.looseObject({
  kind: z.literal('unit'),
  portalId: text,
  portalCode: z.string().check(z.regex(/^H\d{2}(\.\d+)?$/)),
  name: text,
  childGroup: z.enum(['COMMUNE', 'AGENCY']),
  total: num,
  ratio: z.optional(num),
  rank: z.optional(z.nullable(z.int())),
  groupRank: z.optional(z.nullable(z.int())),
  scoreDelta: z.optional(num),
  groups: groupsSchema,
  progress: z.looseObject({
    totalReceived: count,
    totalOnTime: count,
    totalOverdue: count,
    avgProcessingDays: z.optional(num),
    ratio: num,
    score: num,
    maxScore: num,
  }),
  online: partScore,
  payment: z.looseObject({
    score: num,
    maxScore: num,
    ratio: num,
    totalDossierOnlinePaymentSuccess: count,
    totalDossierFinancialObligation: count,
    totalDossierOnlineFormalityPaymentSuccess: count,
    totalFeeFormality: count,
  }),
  satisfaction: z.looseObject({
    score: num,
    maxScore: num,
    ratio: num,
    totalPetitions: z.optional(count),
    classifiedPetitions: z.optional(count),
    totalDossiers: z.optional(count),
    averageScore: z.optional(num),
  }),
  ckmb: partScore,
  mdsh: partScore,
  metrics: z.array(metricSchema),
});
export type ObservedUnit = z.infer<typeof unitSchema>;

/** One province, one period, one day: every unit the portal listed. */
export interface Observation {
  header: ObservationHeader;
  units: ObservedUnit[];
}

/** An observation that cannot be read; the message names the line and the field. */
export class ObservationFormatError extends Error {
  override name = 'ObservationFormatError';
}

const describe = (error: z.core.$ZodError) =>
  error.issues
    .slice(0, 3)
    .map((i) => `${i.path.length ? i.path.join('.') : '(line)'}: ${i.message}`)
    .join('; ');

/** Checks a header object; throws an ObservationFormatError naming `where`. */
export function parseHeader(value: unknown, where: string): ObservationHeader {
  const parsed = headerSchema.safeParse(value);
  if (!parsed.success) throw new ObservationFormatError(`${where}: ${describe(parsed.error)}`);
  const h = parsed.data;
  if (h.timeType === 'quarter' && !h.quarter)
    throw new ObservationFormatError(`${where}: a quarter's observation names its quarter (1-4)`);
  if (h.timeType === 'month' && !h.month)
    throw new ObservationFormatError(`${where}: a month's observation names its month (1-12)`);
  return h;
}

/** Checks a unit object; throws an ObservationFormatError naming `where`. */
export function parseUnit(value: unknown, where: string): ObservedUnit {
  const parsed = unitSchema.safeParse(value);
  if (!parsed.success) throw new ObservationFormatError(`${where}: ${describe(parsed.error)}`);
  return parsed.data;
}

/** The period an observation covers, as the platform names periods (2026, 2026-Q4, 2026-11). */
export function observedPeriod(
  h: Pick<ObservationHeader, 'timeType' | 'year' | 'quarter' | 'month'>,
): Period {
  const pad = (n: number) => String(n).padStart(2, '0');
  switch (h.timeType) {
    case 'year':
      return parsePeriod(String(h.year));
    case 'quarter':
      return parsePeriod(`${h.year}-Q${h.quarter}`);
    case 'month':
      return parsePeriod(`${h.year}-${pad(h.month ?? 0)}`);
  }
}

/** The portal's period fields for a period key of kind year, quarter or month. */
export function portalPeriodOf(period: Period): {
  timeType: PortalTimeType;
  year: number;
  quarter?: number;
  month?: number;
} {
  const year = Number(period.key.slice(0, 4));
  const kind = period.kind as StandardKind | 'custom' | 'all';
  if (kind === 'year') return { timeType: 'year', year };
  if (kind === 'quarter') return { timeType: 'quarter', year, quarter: Number(period.key.slice(6)) };
  if (kind === 'month') return { timeType: 'month', year, month: Number(period.key.slice(5)) };
  throw new ObservationFormatError(
    `the portal publishes years, quarters and months; ${period.key} is none of them`,
  );
}

/**
 * Reads an observation file: JSON lines, each observation a header followed by
 * its units (a file may hold several). Throws an ObservationFormatError
 * naming the line at the first fault: an observation is taken whole or not at all.
 */
export function parseObservationFile(text: string): Observation[] {
  const observations: Observation[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  let current: Observation | undefined;
  lines.forEach((line, k) => {
    if (!line.trim()) return;
    const where = `line ${k + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      throw new ObservationFormatError(
        `${where} is not JSON: ${error instanceof Error ? error.message : error}`,
        { cause: error },
      );
    }
    const kind = (value as { kind?: unknown } | null)?.kind;
    if (kind === 'header') {
      current = { header: parseHeader(value, where), units: [] };
      observations.push(current);
    } else if (kind === 'unit') {
      if (!current) throw new ObservationFormatError(`${where}: a unit line comes before any header line`);
      current.units.push(parseUnit(value, where));
    } else {
      throw new ObservationFormatError(`${where}: each line is a "header" or a "unit" (its "kind")`);
    }
  });
  if (!observations.length)
    throw new ObservationFormatError('the observation file holds no header line and no unit');
  for (const o of observations) checkObservation(o);
  return observations;
}

/** Faults of an observation as a whole: no units, a unit twice, a count that does not match. */
export function checkObservation(o: Observation): void {
  const { header, units } = o;
  const label = `the observation of ${header.provincePortalCode} for ${observedPeriod(header).key} on ${header.observedOn}`;
  if (!units.length) throw new ObservationFormatError(`${label} lists no unit`);
  if (typeof header.count === 'number' && header.count !== units.length) {
    throw new ObservationFormatError(
      `${label} says it holds ${header.count} units but lists ${units.length}`,
    );
  }
  const seen = new Set<string>();
  for (const u of units) {
    if (seen.has(u.portalId)) throw new ObservationFormatError(`${label} lists ${u.portalCode} twice`);
    seen.add(u.portalId);
  }
}

/** The observation file's text for observations: what `parseObservationFile` reads back. */
export function observationFileText(observations: readonly Observation[]): string {
  return observations
    .flatMap((o) => [
      JSON.stringify({ ...o.header, count: o.units.length }),
      ...o.units.map((u) => JSON.stringify(u)),
    ])
    .join('\n')
    .concat('\n');
}

/** A metric of a unit by its code. */
export function metricOf(unit: ObservedUnit, code: string): ObservedMetric | undefined {
  return unit.metrics.find((m) => m[1] === code);
}
