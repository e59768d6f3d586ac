import type { Day } from '#core/periods/calendar.ts';
import {
  checkObservation,
  type GroupCode,
  type Observation,
  type ObservationHeader,
  type ObservedMetric,
  type ObservedUnit,
  type PortalTimeType,
  parseHeader,
  parseUnit,
} from '#core/portal/observation.ts';
import type { PortalProvince } from '#core/portal/provinces.ts';
import * as z from '#core/zod.ts';

/**
 * The national portal's evaluation API (docs/portal.md): seven endpoints, each
 * listing the units of a province for a period; joined on `departmentId`
 * they make one observation. Answers are kept raw (as text) until this parse,
 * which takes them whole or refuses them with a message that names the
 * endpoint, the unit and the field at fault.
 */

export const ENDPOINTS = [
  'service-results',
  'transparency',
  'dvc-progress-tree',
  'provide-online-tree',
  'formality-online-payment-tree',
  'dossier-digitized',
  'handling-satisfaction',
] as const;
export type Endpoint = (typeof ENDPOINTS)[number];

/** The period fields of a call. */
export interface PortalPeriod {
  timeType: PortalTimeType;
  year: number;
  quarter?: number | undefined;
  month?: number | undefined;
}

/** One answer of the portal as received: the text of its body, not yet read. */
export interface RawAnswer {
  endpoint: Endpoint;
  /** the body sent */
  request: Record<string, unknown>;
  status: number;
  receivedAt: string;
  body: string;
}

/** The answers are not what the portal documents: nothing of them is stored. */
export class PortalAnswerError extends Error {
  override name = 'PortalAnswerError';
  constructor(
    readonly endpoint: Endpoint | undefined,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** The body of a call for one province and period (API.md: one page holds every unit). */
export function requestBody(rootDepartmentId: string, period: PortalPeriod): Record<string, unknown> {
  return {
    timeType: period.timeType,
    year: period.year,
    ...(period.timeType === 'quarter' ? { quarter: period.quarter } : {}),
    ...(period.timeType === 'month' ? { month: period.month } : {}),
    rootDepartmentId,
    currentPage: 1,
    pageSize: 300,
  };
}

const num = z.nullable(z.number());
const count = z.nullable(z.number().check(z.minimum(0)));
const id = z.string().check(z.minLength(1));
const department = {
  departmentId: id,
  departmentName: z.optional(z.nullable(z.string())),
  departmentCode: z.optional(z.nullable(z.string())),
};
const metric = z.looseObject({
  code: id,
  name: z.optional(z.nullable(z.string())),
  numerator: count,
  denominator: count,
  ratio: num,
  score: z.optional(num),
  maxScore: num,
  dataQualityStatus: z.optional(z.nullable(z.string())),
});
const scored = { totalScore: z.optional(num), totalMaxScore: z.optional(num), ratio: z.optional(num) };

const UNIT_SCHEMAS = {
  'service-results': z.looseObject({
    ...department,
    departmentName: z.string().check(z.minLength(1)),
    departmentCode: z.string().check(z.regex(/^H\d{2}(\.\d+)?$/)),
    childGroup: z.enum(['COMMUNE', 'AGENCY']),
    totalScore: num,
    ratio: z.optional(num),
    scoreDelta: z.optional(num),
  }),
  transparency: z.looseObject({ ...department, ...scored, metrics: z.array(metric) }),
  'dossier-digitized': z.looseObject({ ...department, ...scored, metrics: z.array(metric) }),
  'handling-satisfaction': z.looseObject({
    ...department,
    ...scored,
    totalPetitions: z.optional(count),
    classifiedPetitions: z.optional(count),
    totalDossiers: z.optional(count),
    averageScore: z.optional(num),
    metrics: z.array(metric),
  }),
  'dvc-progress-tree': z.looseObject({
    ...department,
    totalReceived: count,
    totalOnTime: count,
    totalOverdue: count,
    totalCompleted: z.optional(count),
    avgProcessingDays: z.optional(num),
    ratio: z.optional(num),
    score: z.optional(num),
    totalScore: z.optional(num),
    maxScore: z.optional(num),
  }),
  'provide-online-tree': z.looseObject({ ...department, ...scored, totalScore: z.number() }),
  'formality-online-payment-tree': z.looseObject({
    ...department,
    ...scored,
    totalScore: z.number(),
    totalDossierOnlinePaymentSuccess: count,
    totalDossierFinancialObligation: count,
    totalDossierOnlineFormalityPaymentSuccess: count,
    totalFeeFormality: count,
  }),
} as const;

type UnitOf<E extends Endpoint> = z.infer<(typeof UNIT_SCHEMAS)[E]>;

/** The list of units in an answer: `data.evaluation` or, for the tree endpoints, `data.children`. */
const LIST_FIELD: Record<Endpoint, 'evaluation' | 'children'> = {
  'service-results': 'evaluation',
  transparency: 'evaluation',
  'dossier-digitized': 'evaluation',
  'handling-satisfaction': 'evaluation',
  'dvc-progress-tree': 'children',
  'provide-online-tree': 'children',
  'formality-online-payment-tree': 'children',
};

/** Counts an answer may carry of the units it has in all: a page holding fewer is partial. */
const TOTAL_FIELDS = ['total', 'totalElements', 'totalRecords', 'totalItems'];

function unitsOf<E extends Endpoint>(answer: RawAnswer & { endpoint: E }): Map<string, UnitOf<E>> {
  const { endpoint } = answer;
  const fail = (message: string, cause?: unknown) =>
    new PortalAnswerError(endpoint, `${endpoint}: ${message}`, cause === undefined ? undefined : { cause });
  if (answer.status < 200 || answer.status > 299) throw fail(`the portal answered HTTP ${answer.status}`);
  let envelope: unknown;
  try {
    envelope = JSON.parse(answer.body);
  } catch (error) {
    throw fail(
      `the answer is not JSON (${error instanceof Error ? error.message : error}); ${answer.body.length} characters received`,
      error,
    );
  }
  const e = envelope as { code?: unknown; message?: unknown; data?: unknown } | null;
  if (!e || typeof e !== 'object') throw fail('the answer is not a JSON object');
  if (e.code !== undefined && e.code !== 'OK') {
    throw fail(`the portal answered code ${JSON.stringify(e.code)}: ${String(e.message ?? '')}`.trim());
  }
  const data = e.data as Record<string, unknown> | null | undefined;
  if (!data || typeof data !== 'object') throw fail('the answer has no "data" object');
  const field = LIST_FIELD[endpoint];
  const list = data[field];
  if (!Array.isArray(list)) throw fail(`the answer has no list "data.${field}"`);
  for (const name of TOTAL_FIELDS) {
    const total = data[name];
    if (typeof total === 'number' && total > list.length) {
      throw fail(`a partial page: it lists ${list.length} of the ${total} units it says there are`);
    }
  }
  const schema = UNIT_SCHEMAS[endpoint];
  const units = new Map<string, UnitOf<E>>();
  list.forEach((item, k) => {
    const parsed = schema.safeParse(item);
    if (!parsed.success) {
      const who = unitLabel(item, k);
      const issue = parsed.error.issues[0];
      const path = issue?.path.join('.') || '(unit)';
      throw fail(`unit ${who}: ${path}: ${issue?.message ?? 'not as documented'}`);
    }
    const unit = parsed.data as UnitOf<E>;
    if (units.has(unit.departmentId)) throw fail(`unit ${unitLabel(item, k)} is listed twice`);
    units.set(unit.departmentId, unit);
  });
  return units;
}

function unitLabel(item: unknown, position: number): string {
  const i = (item ?? {}) as { departmentCode?: unknown; departmentName?: unknown; departmentId?: unknown };
  const code = typeof i.departmentCode === 'string' ? i.departmentCode : `at position ${position + 1}`;
  return typeof i.departmentName === 'string' ? `${code} (${i.departmentName})` : code;
}

function metricsOf(group: GroupCode, list: readonly z.infer<typeof metric>[]): ObservedMetric[] {
  return list.map((m) => [
    group,
    m.code,
    m.numerator,
    m.denominator,
    m.ratio,
    m.score ?? null,
    m.maxScore,
    m.dataQualityStatus ?? null,
  ]);
}

export interface ObservationContext {
  province: PortalProvince;
  period: PortalPeriod;
  /** the day the answers were received, in Vietnam */
  observedOn: Day;
  extractedAt: string;
  source: string;
}

/**
 * Joins the seven answers of one province and period into an observation.
 * Every unit service-results lists must be in every other answer, and no
 * other: a unit missing from one endpoint refuses the whole observation.
 */
export function joinAnswers(answers: readonly RawAnswer[], ctx: ObservationContext): Observation {
  const byEndpoint = new Map<Endpoint, RawAnswer>();
  for (const a of answers) {
    if (byEndpoint.has(a.endpoint))
      throw new PortalAnswerError(a.endpoint, `${a.endpoint}: answered twice for one period`);
    byEndpoint.set(a.endpoint, a);
  }
  const missing = ENDPOINTS.filter((e) => !byEndpoint.has(e));
  if (missing.length) {
    throw new PortalAnswerError(
      missing[0],
      `no answer from ${missing.join(', ')}: an observation needs all seven`,
    );
  }
  const read = <E extends Endpoint>(e: E) => unitsOf({ ...(byEndpoint.get(e) as RawAnswer), endpoint: e });
  const results = read('service-results');
  const parts = {
    transparency: read('transparency'),
    'dvc-progress-tree': read('dvc-progress-tree'),
    'provide-online-tree': read('provide-online-tree'),
    'formality-online-payment-tree': read('formality-online-payment-tree'),
    'dossier-digitized': read('dossier-digitized'),
    'handling-satisfaction': read('handling-satisfaction'),
  };
  for (const [endpoint, units] of Object.entries(parts) as [
    Endpoint,
    Map<string, { departmentCode?: string | null }>,
  ][]) {
    for (const [departmentId, u] of units) {
      if (!results.has(departmentId)) {
        throw new PortalAnswerError(
          endpoint,
          `${endpoint} lists unit ${u.departmentCode ?? departmentId}, which service-results does not: the answers do not cover the same units`,
        );
      }
    }
  }
  const header: ObservationHeader = parseHeader(
    {
      kind: 'header',
      source: ctx.source,
      provincePortalCode: ctx.province.portalCode,
      provinceName: ctx.province.portalName,
      rootDepartmentId: ctx.province.rootDepartmentId,
      timeType: ctx.period.timeType,
      year: ctx.period.year,
      quarter: ctx.period.quarter ?? null,
      month: ctx.period.month ?? null,
      observedOn: ctx.observedOn,
      extractedAt: ctx.extractedAt,
      count: results.size,
    },
    'the answers',
  );
  const units: ObservedUnit[] = [];
  for (const [departmentId, r] of results) {
    const who = `${r.departmentCode} (${r.departmentName})`;
    const part = <E extends keyof typeof parts>(endpoint: E) => {
      const found = parts[endpoint].get(departmentId);
      if (!found) {
        throw new PortalAnswerError(
          endpoint,
          `${endpoint} does not list unit ${who}, which service-results lists: the answers do not cover the same units`,
        );
      }
      return found as UnitOf<E>;
    };
    const ckmb = part('transparency');
    const progress = part('dvc-progress-tree');
    const online = part('provide-online-tree');
    const payment = part('formality-online-payment-tree');
    const mdsh = part('dossier-digitized');
    const mdhl = part('handling-satisfaction');
    const progressScore = progress.score ?? progress.totalScore ?? null;
    units.push(
      parseUnit(
        {
          kind: 'unit',
          portalId: departmentId,
          portalCode: r.departmentCode,
          name: r.departmentName,
          childGroup: r.childGroup,
          total: r.totalScore,
          ratio: r.ratio ?? null,
          scoreDelta: r.scoreDelta ?? null,
          groups: {
            CKMB: ckmb.totalScore ?? null,
            TDGQ: progressScore,
            CLGQ: online.totalScore,
            TTTT: payment.totalScore,
            MDSH: mdsh.totalScore ?? null,
            MDHL: mdhl.totalScore ?? null,
          },
          progress: {
            totalReceived: progress.totalReceived,
            totalOnTime: progress.totalOnTime,
            totalOverdue: progress.totalOverdue,
            avgProcessingDays: progress.avgProcessingDays ?? null,
            ratio: progress.ratio ?? null,
            score: progressScore,
            maxScore: progress.maxScore ?? null,
            ...pick(progress, ['totalCompleted']),
          },
          online: {
            score: online.totalScore,
            maxScore: online.totalMaxScore ?? null,
            ratio: online.ratio ?? null,
          },
          payment: {
            score: payment.totalScore,
            maxScore: payment.totalMaxScore ?? null,
            ratio: payment.ratio ?? null,
            totalDossierOnlinePaymentSuccess: payment.totalDossierOnlinePaymentSuccess,
            totalDossierFinancialObligation: payment.totalDossierFinancialObligation,
            totalDossierOnlineFormalityPaymentSuccess: payment.totalDossierOnlineFormalityPaymentSuccess,
            totalFeeFormality: payment.totalFeeFormality,
            // kept when the portal gives them: the public reconstructions read them (docs/scoring.md)
            ...pick(payment, ['totalFeeDossierFormality', 'totalFeeDossierFormalityDistinct']),
          },
          satisfaction: {
            score: mdhl.totalScore ?? null,
            maxScore: mdhl.totalMaxScore ?? null,
            ratio: mdhl.ratio ?? null,
            totalPetitions: mdhl.totalPetitions ?? null,
            classifiedPetitions: mdhl.classifiedPetitions ?? null,
            totalDossiers: mdhl.totalDossiers ?? null,
            averageScore: mdhl.averageScore ?? null,
          },
          ckmb: {
            score: ckmb.totalScore ?? null,
            maxScore: ckmb.totalMaxScore ?? null,
            ratio: ckmb.ratio ?? null,
          },
          mdsh: {
            score: mdsh.totalScore ?? null,
            maxScore: mdsh.totalMaxScore ?? null,
            ratio: mdsh.ratio ?? null,
          },
          metrics: [
            ...metricsOf('CKMB', ckmb.metrics),
            ...metricsOf('MDSH', mdsh.metrics),
            ...metricsOf('MDHL', mdhl.metrics),
          ],
        },
        `unit ${who}`,
      ),
    );
  }
  const observation = { header, units };
  checkObservation(observation);
  return observation;
}

function pick(from: Record<string, unknown>, keys: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of keys) if (typeof from[k] === 'number') out[k] = from[k];
  return out;
}
