import { describe, expect, it } from 'vitest';
import {
  ENDPOINTS,
  type Endpoint,
  joinAnswers,
  PortalAnswerError,
  type RawAnswer,
} from '#core/portal/answers.ts';
import { type PortalBundle, readPortalSubmission, sniffPortal } from '#core/portal/bundle.ts';
import { ObservationFormatError, observationFileText } from '#core/portal/observation.ts';
import { portalProvince } from '#core/portal/provinces.ts';
import { answerOf, readObservation } from '../support/portal-standin.ts';

/** The seven answers the portal gives for Gia Lai's observation, as the stand-in builds them. */
const observation = readObservation();
const context = {
  province: portalProvince('52'),
  period: { timeType: 'year' as const, year: 2026 },
  observedOn: '2026-10-01',
  extractedAt: '2026-10-01T21:33:24Z',
  source: 'a test',
};

function answers(change: (endpoint: Endpoint, body: string) => string = (_e, b) => b): RawAnswer[] {
  return ENDPOINTS.map((endpoint) => ({
    endpoint,
    request: { timeType: 'year', year: 2026 },
    status: 200,
    receivedAt: '2026-10-01T21:33:24Z',
    body: change(endpoint, JSON.stringify(answerOf(endpoint, observation.units))),
  }));
}

const failure = (list: RawAnswer[]) => {
  try {
    joinAnswers(list, context);
  } catch (error) {
    return error as PortalAnswerError;
  }
  throw new Error('joined without a fault');
};

describe('joinAnswers', () => {
  it('joins the seven answers on departmentId into the observation they were built from', () => {
    const joined = joinAnswers(answers(), context);
    expect(joined.header).toMatchObject({
      provincePortalCode: 'H21',
      timeType: 'year',
      year: 2026,
      count: 135,
    });
    const strip = ({ rank: _r, groupRank: _g, ...u }: (typeof observation.units)[number]) => u;
    expect(joined.units).toEqual(observation.units.map(strip));
  });

  it('refuses the whole observation when a unit is missing from one endpoint, naming both', () => {
    const error = failure(
      answers((endpoint, body) => {
        if (endpoint !== 'dossier-digitized') return body;
        const a = JSON.parse(body);
        a.data.evaluation = a.data.evaluation.filter(
          (u: { departmentCode: string }) => u.departmentCode !== 'H21.227',
        );
        return JSON.stringify(a);
      }),
    );
    expect(error).toBeInstanceOf(PortalAnswerError);
    expect(error.endpoint).toBe('dossier-digitized');
    expect(error.message).toMatch(/dossier-digitized does not list unit H21.227 \(UBND xã Vân Canh\)/);
  });

  it('names the endpoint, the unit and the field of a renamed field', () => {
    const error = failure(
      answers((endpoint, body) =>
        endpoint === 'formality-online-payment-tree'
          ? body.replaceAll('"totalFeeFormality":', '"feeFormalities":')
          : body,
      ),
    );
    expect(error.message).toMatch(
      /^formality-online-payment-tree: unit H21\.227 \(UBND xã Vân Canh\): totalFeeFormality/,
    );
  });

  it('names the endpoint of an answer that is not JSON', () => {
    const error = failure(
      answers((endpoint, body) => (endpoint === 'transparency' ? body.slice(0, 500) : body)),
    );
    expect(error.message).toMatch(/^transparency: the answer is not JSON/);
  });

  it('refuses a partial page: fewer units than the answer says there are', () => {
    const error = failure(
      answers((endpoint, body) => {
        if (endpoint !== 'service-results') return body;
        const a = JSON.parse(body);
        a.data.totalElements = a.data.evaluation.length;
        a.data.evaluation = a.data.evaluation.slice(0, 60);
        return JSON.stringify(a);
      }),
    );
    expect(error.message).toMatch(/^service-results: a partial page: it lists 60 of the 135 units/);
  });

  it('refuses an answer the portal marked as failed, and a missing endpoint', () => {
    const failed = failure(
      answers((endpoint, body) =>
        endpoint === 'handling-satisfaction'
          ? JSON.stringify({ code: 'ERROR', message: 'Hệ thống bận' })
          : body,
      ),
    );
    expect(failed.message).toBe('handling-satisfaction: the portal answered code "ERROR": Hệ thống bận');
    const missing = failure(answers().filter((a) => a.endpoint !== 'provide-online-tree'));
    expect(missing.message).toMatch(/no answer from provide-online-tree/);
  });

  it('refuses an answer the portal gave with an error status', () => {
    const list = answers();
    (list[2] as RawAnswer).status = 502;
    expect(failure(list).message).toBe(`${list[2]?.endpoint}: the portal answered HTTP 502`);
  });
});

describe('the forms of the portal figures a submission may take', () => {
  const bundle: PortalBundle = {
    kind: 'portal-answers',
    version: 1,
    province: '52',
    provincePortalCode: 'H21',
    rootDepartmentId: portalProvince('52').rootDepartmentId,
    observedOn: '2026-10-01',
    fetchedAt: '2026-10-01T01:00:00Z',
    fetchedBy: 'a test',
    periods: [{ period: { timeType: 'year', year: 2026 }, answers: answers() }],
  };

  it('tells a bundle and an observation file from daily records without reading them', () => {
    expect(sniffPortal(JSON.stringify(bundle))).toBe('portal-answers');
    expect(sniffPortal(observationFileText([observation]))).toBe('observations');
    expect(sniffPortal('unitCode,date,received\n')).toBeUndefined();
    expect(sniffPortal('[{"unitCode":"30208"}]')).toBeUndefined();
    expect(sniffPortal('{"records":[]}')).toBeUndefined();
  });

  it('reads a bundle into one observation per period', () => {
    const read = readPortalSubmission(JSON.stringify(bundle));
    expect(read?.format).toBe('portal-answers');
    expect(read?.observations).toHaveLength(1);
    expect(read?.observations[0]?.units).toHaveLength(135);
    expect(read?.observations[0]?.header.source).toMatch(/fetched by a test/);
  });

  it('refuses a bundle whose province and ids do not agree, or that is not as portal:fetch writes it', () => {
    expect(() => readPortalSubmission(JSON.stringify({ ...bundle, province: '82' }))).toThrow(
      /name province 82 but ask for H21, which is province 52/,
    );
    expect(() => readPortalSubmission(JSON.stringify({ ...bundle, periods: [] }))).toThrow(
      ObservationFormatError,
    );
    expect(() => readPortalSubmission(`${JSON.stringify(bundle).slice(0, 200)}`)).toThrow(/are not JSON/);
  });

  it('reads an observation file, and names the line at fault in a broken one', () => {
    const text = observationFileText([observation]);
    expect(readPortalSubmission(text)?.observations[0]?.units).toHaveLength(135);
    const lines = text.split('\n');
    lines[5] = lines[5]?.replace('"portalCode":"', '"portalCode":"X') ?? '';
    expect(() => readPortalSubmission(lines.join('\n'))).toThrow(/^line 6: portalCode/);
    expect(() => readPortalSubmission(text.replace('"count":135', '"count":136'))).toThrow(
      /says it holds 136 units but lists 135/,
    );
  });
});
