import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Endpoint } from '#core/portal/answers.ts';
import { type Observation, type ObservedUnit, parseObservationFile } from '#core/portal/observation.ts';

/**
 * A stand-in for the national portal's evaluation API (docs/portal.md), for
 * tests and the bench: it answers the seven endpoints in the documented
 * shapes, built from a real observation (by default Gia Lai's 135 communes
 * on 2026-10-01), and misbehaves on demand: HTTP errors, no answer, a reset
 * connection, a partial page, malformed JSON, a renamed field, a unit missing
 * from one endpoint. Every request is logged with its time and body.
 */

export type Misbehaviour =
  | { kind: 'status'; status: number; retryAfter?: number }
  | { kind: 'timeout' }
  | { kind: 'reset' }
  | { kind: 'partial' }
  | { kind: 'malformed' }
  | { kind: 'rename'; from: string; to: string }
  | { kind: 'drop-unit'; portalCode: string };

export interface StandinRequest {
  endpoint: string;
  body: Record<string, unknown>;
  startedAt: number;
  endedAt: number;
}

export interface PortalStandin {
  /** the evaluation API's base URL: PORTAL_URL */
  url: string;
  requests: StandinRequest[];
  /** misbehaves on the next `times` requests to `endpoint` (any endpoint when omitted) */
  misbehave(m: Misbehaviour, options?: { endpoint?: Endpoint; times?: number }): void;
  /** serves other figures from now on */
  serve(observation: Observation): void;
  close(): Promise<void>;
}

export const GIA_LAI_OBSERVATION = 'data/portal/gia-lai-2026-10-01.jsonl';

export function readObservation(file = GIA_LAI_OBSERVATION): Observation {
  const [observation] = parseObservationFile(readFileSync(file, 'utf8'));
  if (!observation) throw new Error(`${file} holds no observation`);
  return observation;
}

const department = (u: ObservedUnit) => ({
  departmentId: u.portalId,
  departmentName: u.name,
  departmentCode: u.portalCode,
});

const metrics = (u: ObservedUnit, group: string) =>
  u.metrics
    .filter((m) => m[0] === group)
    .map(([, code, numerator, denominator, ratio, score, maxScore, dataQualityStatus]) => ({
      code,
      name: code,
      numerator,
      denominator,
      ratio,
      score,
      maxScore,
      ...(dataQualityStatus ? { dataQualityStatus, dataQualityMessage: 'Mẫu số tạm tính' } : {}),
    }));

/** The documented answer of an endpoint for the units of an observation. */
export function answerOf(endpoint: string, units: readonly ObservedUnit[]): unknown {
  const list = (key: 'evaluation' | 'children', items: unknown[]) => ({
    code: 'OK',
    message: 'OK',
    data:
      key === 'children'
        ? { parent: { departmentName: 'UBND tỉnh' }, children: items }
        : { evaluation: items },
  });
  switch (endpoint) {
    case 'service-results':
      return list(
        'evaluation',
        units.map((u) => ({
          ...department(u),
          childGroup: u.childGroup,
          totalScore: u.total,
          ratio: u.ratio ?? u.total,
          scoreDelta: u.scoreDelta ?? null,
          groupScores: u.groups,
        })),
      );
    case 'transparency':
      return list(
        'evaluation',
        units.map((u) => ({
          ...department(u),
          totalScore: u.ckmb.score,
          totalMaxScore: 18,
          ratio: u.ckmb.ratio,
          metrics: metrics(u, 'CKMB'),
        })),
      );
    case 'dossier-digitized':
      return list(
        'evaluation',
        units.map((u) => ({
          ...department(u),
          totalScore: u.mdsh.score,
          totalMaxScore: 22,
          ratio: u.mdsh.ratio,
          metrics: metrics(u, 'MDSH'),
        })),
      );
    case 'handling-satisfaction':
      return list(
        'evaluation',
        units.map((u) => ({
          ...department(u),
          totalScore: u.satisfaction.score,
          totalMaxScore: 18,
          ratio: u.satisfaction.ratio,
          totalPetitions: u.satisfaction.totalPetitions,
          classifiedPetitions: u.satisfaction.classifiedPetitions,
          totalDossiers: u.satisfaction.totalDossiers,
          averageScore: u.satisfaction.averageScore,
          metrics: metrics(u, 'MDHL'),
        })),
      );
    case 'dvc-progress-tree':
      return list(
        'children',
        units.map((u) => ({
          ...department(u),
          totalReceived: u.progress.totalReceived,
          totalOnTime: u.progress.totalOnTime,
          totalOverdue: u.progress.totalOverdue,
          ...('totalCompleted' in u.progress ? { totalCompleted: u.progress.totalCompleted } : {}),
          avgProcessingDays: u.progress.avgProcessingDays,
          ratio: u.progress.ratio,
          score: u.progress.score,
          maxScore: 20,
        })),
      );
    case 'provide-online-tree':
      return list(
        'children',
        units.map((u) => ({
          ...department(u),
          totalScore: u.online.score,
          totalMaxScore: 12,
          ratio: u.online.ratio,
        })),
      );
    case 'formality-online-payment-tree':
      return list(
        'children',
        units.map((u) => ({
          ...department(u),
          totalScore: u.payment.score,
          totalMaxScore: 10,
          ratio: u.payment.ratio,
          totalDossierOnlinePaymentSuccess: u.payment.totalDossierOnlinePaymentSuccess,
          totalDossierFinancialObligation: u.payment.totalDossierFinancialObligation,
          totalDossierOnlineFormalityPaymentSuccess: u.payment.totalDossierOnlineFormalityPaymentSuccess,
          totalFeeFormality: u.payment.totalFeeFormality,
        })),
      );
    default:
      return undefined;
  }
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** The portal's real national list (data/portal/national-2026-09-17.json), as the stand-in answers it. */
const NATIONAL = JSON.parse(readFileSync('data/portal/national-2026-09-17.json', 'utf8')) as {
  response: unknown;
};

export async function startPortalStandin(
  observation: Observation = readObservation(),
): Promise<PortalStandin> {
  let served = observation;
  const requests: StandinRequest[] = [];
  const queue: { m: Misbehaviour; endpoint?: Endpoint | undefined; left: number }[] = [];
  const server: Server = createServer((request, response) => {
    const startedAt = Date.now();
    void readBody(request).then((text) => {
      const endpoint = (request.url ?? '').split('/').pop() ?? '';
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(text) as Record<string, unknown>;
      } catch {
        // logged as empty
      }
      const entry: StandinRequest = { endpoint, body, startedAt, endedAt: startedAt };
      requests.push(entry);
      response.on('close', () => {
        entry.endedAt = Date.now();
      });
      const k = queue.findIndex((q) => q.left > 0 && (!q.endpoint || q.endpoint === endpoint));
      const trouble = k === -1 ? undefined : queue[k];
      if (trouble) trouble.left--;
      const m = trouble?.m;
      if (m?.kind === 'timeout') return; // never answers
      if (m?.kind === 'reset') {
        request.socket.destroy();
        return;
      }
      if (m?.kind === 'status') {
        response.writeHead(m.status, {
          'content-type': 'text/html',
          ...(m.retryAfter ? { 'retry-after': String(m.retryAfter) } : {}),
        });
        response.end('<html>Request rejected</html>');
        return;
      }
      if (endpoint === 'service-results' && body.departmentType === 'ADMINISTRATIVE_UNIT') {
        // the national list: the portal's real answer of 2026-09-17
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify(NATIONAL.response));
        return;
      }
      let units = served.units;
      if (m?.kind === 'drop-unit') units = units.filter((u) => u.portalCode !== m.portalCode);
      const answer = answerOf(endpoint, units) as { data: Record<string, unknown> } | undefined;
      if (!answer) {
        response.writeHead(404, { 'content-type': 'application/json' });
        response.end('{"code":"NOT_FOUND"}');
        return;
      }
      if (m?.kind === 'partial') {
        // half the units on the page, and the count of all of them beside it
        const key = 'evaluation' in answer.data ? 'evaluation' : 'children';
        const all = answer.data[key] as unknown[];
        answer.data[key] = all.slice(0, Math.floor(all.length / 2));
        answer.data.totalElements = all.length;
      }
      let text2 = JSON.stringify(answer);
      if (m?.kind === 'rename') text2 = text2.replaceAll(`"${m.from}":`, `"${m.to}":`);
      if (m?.kind === 'malformed') text2 = text2.slice(0, Math.floor(text2.length / 2));
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(text2);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/api/v1/reporting/evaluation`,
    requests,
    misbehave: (m, options = {}) => queue.push({ m, endpoint: options.endpoint, left: options.times ?? 1 }),
    serve: (o) => {
      served = o;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
