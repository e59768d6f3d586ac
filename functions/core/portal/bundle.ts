import type { Day } from '#core/periods/calendar.ts';
import { ENDPOINTS, joinAnswers, type PortalPeriod, type RawAnswer } from '#core/portal/answers.ts';
import { type Observation, ObservationFormatError, parseObservationFile } from '#core/portal/observation.ts';
import { portalProvince, provinceOfPortal } from '#core/portal/provinces.ts';
import * as z from '#core/zod.ts';

/**
 * The portal's raw answers for one province as one file: what the daily pull
 * fetches and archives, and what `npm run portal:fetch` writes on a machine
 * the portal lets in. It goes in through every way in (the file drop,
 * `npm run ingest`, POST /api/ingest) exactly as the pull's own answers do.
 * Each answer keeps its body as the text received: nothing is read until the
 * whole file is safe in the archive.
 */
export interface PortalBundle {
  kind: 'portal-answers';
  version: 1;
  /** the official province code */
  province: string;
  provincePortalCode: string;
  rootDepartmentId: string;
  /** the day the answers were fetched, in Vietnam: the observation day */
  observedOn: Day;
  fetchedAt: string;
  /** what fetched them: the pull, or portal:fetch on a named machine */
  fetchedBy: string;
  periods: { period: PortalPeriod; answers: RawAnswer[] }[];
}

const bundleSchema = z.object({
  kind: z.literal('portal-answers'),
  version: z.literal(1),
  province: z.string().check(z.regex(/^\d{2}$/)),
  provincePortalCode: z.string(),
  rootDepartmentId: z.string(),
  observedOn: z.iso.date(),
  fetchedAt: z.string(),
  fetchedBy: z.string(),
  periods: z
    .array(
      z.object({
        period: z.object({
          timeType: z.enum(['year', 'quarter', 'month']),
          year: z.int().check(z.minimum(2025), z.maximum(2100)),
          quarter: z.optional(z.nullable(z.int().check(z.minimum(1), z.maximum(4)))),
          month: z.optional(z.nullable(z.int().check(z.minimum(1), z.maximum(12)))),
        }),
        answers: z.array(
          z.object({
            endpoint: z.enum(ENDPOINTS),
            request: z.record(z.string(), z.unknown()),
            status: z.int(),
            receivedAt: z.string(),
            body: z.string(),
          }),
        ),
      }),
    )
    .check(z.minLength(1)),
});

/** The observations of a bundle: each period's seven answers joined. */
export function observationsOfBundle(bundle: PortalBundle): Observation[] {
  const province = provinceOfPortal({
    portalCode: bundle.provincePortalCode,
    rootDepartmentId: bundle.rootDepartmentId,
  });
  if (province.code !== bundle.province) {
    throw new ObservationFormatError(
      `the answers name province ${bundle.province} but ask for ${bundle.provincePortalCode}, which is province ${province.code}`,
    );
  }
  return bundle.periods.map(({ period, answers }) =>
    joinAnswers(answers, {
      province,
      period: {
        timeType: period.timeType,
        year: period.year,
        quarter: period.quarter ?? undefined,
        month: period.month ?? undefined,
      },
      observedOn: bundle.observedOn,
      extractedAt: bundle.fetchedAt,
      source: `national public service portal evaluation API, fetched by ${bundle.fetchedBy}`,
    }),
  );
}

/** A new bundle for a province (answers added per period by the caller). */
export function newBundle(
  province: string,
  observedOn: Day,
  fetchedAt: string,
  fetchedBy: string,
): PortalBundle {
  const p = portalProvince(province);
  return {
    kind: 'portal-answers',
    version: 1,
    province,
    provincePortalCode: p.portalCode,
    rootDepartmentId: p.rootDepartmentId,
    observedOn,
    fetchedAt,
    fetchedBy,
    periods: [],
  };
}

/** What a submission of the portal's figures holds, and in which of its two forms. */
export interface PortalSubmission {
  format: 'portal-answers' | 'observations';
  observations: Observation[];
}

const BUNDLE_START = /^\s*\{\s*"kind"\s*:\s*"portal-answers"/;
const HEADER_LINE = /^\s*\{[^\n]*"kind"\s*:\s*"header"/;

/** Which form of the portal's figures a body looks like, without reading it; undefined for daily records. */
export function sniffPortal(text: string): PortalSubmission['format'] | undefined {
  const start = text.replace(/^\uFEFF/, '').slice(0, 4096);
  if (BUNDLE_START.test(start)) return 'portal-answers';
  if (HEADER_LINE.test(start)) return 'observations';
  return undefined;
}

/**
 * Reads a body as the portal's figures when it is one of their two forms: a
 * bundle of raw answers (a JSON object whose first key is "kind":
 * "portal-answers"), or an observation file (JSON lines whose first line is a
 * "header"). Undefined for anything else (daily records). A body that is one
 * of those forms but faulty throws, naming the fault.
 */
export function readPortalSubmission(text: string): PortalSubmission | undefined {
  const body = text.replace(/^\uFEFF/, '');
  if (BUNDLE_START.test(body)) {
    let value: unknown;
    try {
      value = JSON.parse(body);
    } catch (error) {
      throw new ObservationFormatError(
        `the portal's answers are not JSON: ${error instanceof Error ? error.message : error}`,
        { cause: error },
      );
    }
    const parsed = bundleSchema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ObservationFormatError(
        `the portal's answers are not as portal:fetch writes them: ${issue?.path.join('.') || '(file)'}: ${issue?.message}`,
      );
    }
    return { format: 'portal-answers', observations: observationsOfBundle(parsed.data as PortalBundle) };
  }
  const firstLine = body.slice(0, body.indexOf('\n') === -1 ? body.length : body.indexOf('\n')).trim();
  if (firstLine.startsWith('{')) {
    let first: unknown;
    try {
      first = JSON.parse(firstLine);
    } catch {
      return undefined;
    }
    if ((first as { kind?: unknown } | null)?.kind === 'header') {
      return { format: 'observations', observations: parseObservationFile(body) };
    }
  }
  return undefined;
}

/** The official province a body of the portal's figures names, when it is one; undefined for daily records. */
export function provinceOfSubmission(text: string): string | undefined {
  const form = sniffPortal(text);
  if (!form) return undefined;
  const body = text.replace(/^\uFEFF/, '');
  try {
    if (form === 'portal-answers')
      return String((JSON.parse(body) as { province?: unknown }).province ?? '') || undefined;
    const header = JSON.parse(
      body.slice(0, body.indexOf('\n') === -1 ? body.length : body.indexOf('\n')),
    ) as {
      provincePortalCode?: string;
      rootDepartmentId?: string;
    };
    return provinceOfPortal({
      portalCode: header.provincePortalCode,
      rootDepartmentId: header.rootDepartmentId,
    }).code;
  } catch {
    // the ingestion names what is wrong with it
    return undefined;
  }
}
