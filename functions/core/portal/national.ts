import { provinceOfPortal } from '#core/portal/provinces.ts';
import { rankByTotal } from '#core/scoring/rank.ts';
import * as z from '#core/zod.ts';

/**
 * The portal's national list: the 34 provinces, each with its total and its
 * six groups, as `service-results` answers it without a province
 * (departmentType ADMINISTRATIVE_UNIT). The country at a glance is ranked
 * from it; it says nothing about communes.
 */

export interface NationalProvince {
  /** the official two-digit code */
  province: string;
  /** the portal's H## code */
  portalCode: string;
  portalName: string;
  total: number;
  groups: Record<string, number>;
  /** the portal's own change figure (scoreDelta), as published */
  scoreDelta: number | null;
}

export interface NationalObservation {
  /** the period's key: 2026, 2026-Q4, 2026-11 */
  period: string;
  observedOn: string;
  /** the country's total as the portal publishes it */
  countryTotal: number | null;
  provinces: NationalProvince[];
}

export class NationalAnswerError extends Error {
  override name = 'NationalAnswerError';
}

const num = z.number();
const NationalBody = z.object({
  code: z.optional(z.string()),
  data: z.object({
    overview: z.optional(z.object({ totalScore: z.nullable(z.optional(num)) })),
    evaluation: z.array(
      z.object({
        departmentCode: z.string(),
        departmentName: z.string(),
        totalScore: num,
        scoreDelta: z.optional(z.nullable(num)),
        groupScores: z.record(z.string(), z.nullable(num)),
        childGroup: z.optional(z.nullable(z.string())),
      }),
    ),
  }),
});

const Request = z.object({
  timeType: z.enum(['year', 'quarter', 'month']),
  year: z.number(),
  quarter: z.optional(z.number()),
  month: z.optional(z.number()),
  departmentType: z.literal('ADMINISTRATIVE_UNIT'),
  rootDepartmentId: z.optional(z.undefined()),
});

/** A file of the national list as captured: the request it answered, the answer, the day. */
const NationalFile = z.object({
  capturedOn: z.iso.date(),
  request: z.object({ endpoint: z.literal('service-results'), body: Request }),
  response: z.unknown(),
});

/** The period key of a portal request: year 2026 -> "2026", quarter 4 -> "2026-Q4", month 11 -> "2026-11". */
export function periodKeyOfRequest(r: z.infer<typeof Request>): string {
  if (r.timeType === 'year') return String(r.year);
  if (r.timeType === 'quarter') return `${r.year}-Q${r.quarter}`;
  return `${r.year}-${String(r.month).padStart(2, '0')}`;
}

/** Whether a text is a captured national list (the file npm start seeds and npm run ingest takes). */
export function isNationalFile(text: string): boolean {
  if (!text.includes('ADMINISTRATIVE_UNIT')) return false;
  try {
    return NationalFile.safeParse(JSON.parse(text)).success;
  } catch {
    return false;
  }
}

/** Reads the national list from the answer's body, for the period and day it was asked for. */
export function readNationalAnswer(body: unknown, request: unknown, observedOn: string): NationalObservation {
  const req = Request.safeParse(request);
  if (!req.success)
    throw new NationalAnswerError(
      'the request is not a national list request (service-results, ADMINISTRATIVE_UNIT)',
    );
  const parsed = NationalBody.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new NationalAnswerError(
      `the national list's answer is not as expected: ${issue?.path.join('.')}: ${issue?.message}`,
    );
  }
  const seen = new Set<string>();
  const provinces = parsed.data.data.evaluation.map((e): NationalProvince => {
    let province: string;
    try {
      province = provinceOfPortal({ portalCode: e.departmentCode }).code;
    } catch {
      throw new NationalAnswerError(
        `the national list names ${e.departmentCode} (${e.departmentName}), which is not one of the 34 provinces`,
      );
    }
    if (seen.has(province))
      throw new NationalAnswerError(`the national list names ${e.departmentCode} twice`);
    seen.add(province);
    const groups: Record<string, number> = {};
    for (const [g, v] of Object.entries(e.groupScores)) if (v !== null) groups[g] = v;
    return {
      province,
      portalCode: e.departmentCode,
      portalName: e.departmentName,
      total: e.totalScore,
      groups,
      scoreDelta: e.scoreDelta ?? null,
    };
  });
  if (!provinces.length) throw new NationalAnswerError('the national list is empty');
  return {
    period: periodKeyOfRequest(req.data),
    observedOn,
    countryTotal: parsed.data.data.overview?.totalScore ?? null,
    provinces,
  };
}

/** Reads a captured national list file (data/portal/national-*.json). */
export function readNationalFile(text: string): NationalObservation {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new NationalAnswerError('the national list file is not JSON');
  }
  const file = NationalFile.safeParse(value);
  if (!file.success)
    throw new NationalAnswerError(
      'the file is not a captured national list (service-results, ADMINISTRATIVE_UNIT)',
    );
  return readNationalAnswer(file.data.response, file.data.request.body, file.data.capturedOn);
}

/** The provinces ranked by total, highest first; ties share a rank (68, 67, 67, 65 rank 1, 2, 2, 4). */
export const rankProvinces = (
  provinces: readonly NationalProvince[],
): (NationalProvince & { rank: number })[] => rankByTotal(provinces, (p) => p.province);
