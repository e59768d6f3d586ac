import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateRecords } from '#core/generator/generate.ts';
import { registry } from '#core/registry/registry.ts';
import { FolderArchive } from '#functions/archive/archive.ts';
import { submitBody } from '#functions/services/submit-file.ts';
import { csvOf } from '../support/csv.ts';
import { expectMatchesOpenApi } from './support/openapi.ts';
import { startPlatform, type TestPlatform } from './support/platform.ts';

/**
 * Faults in the middle of an ingestion, injected into the real handlers' own
 * DynamoDB client: the sender is told 503 with Retry-After and the
 * submission's id, the body stays in the archive, and a replay finishes the
 * submission with nothing lost and nothing doubled.
 */

let p: TestPlatform;
let token: string;
/** a name for each injected fault's middleware */
let faults = 0;

beforeAll(async () => {
  p = await startPlatform();
  token = await p.token('82');
});

afterAll(async () => {
  await p?.close();
});

/** Makes the handlers' client fail the `nth` call of a command (and only that one) with `error`. */
async function failNth(command: RegExp, nth: number, error: () => Error): Promise<() => void> {
  const { platform } = await import('#functions/handlers/platform.ts');
  const stack = platform().client.middlewareStack;
  let seen = 0;
  const name = `fault-${command}-${nth}-${++faults}`;
  stack.add(
    (next, context) => async (args) => {
      if (command.test(context.commandName ?? '') && ++seen === nth) throw error();
      return next(args);
    },
    { step: 'initialize', name },
  );
  return () => stack.remove(name);
}

const throttled = () =>
  Object.assign(new Error('Rate of requests exceeds the allowed throughput.'), {
    name: 'ThrottlingException',
  });

const post = (body: string) =>
  fetch(`${p.base}/api/ingest`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
    body,
  });

describe('a fault in the middle of an ingestion', () => {
  it('answers 503 with Retry-After and the submission, keeps the body, and a replay finishes it once', async () => {
    const records = [
      ...generateRecords({ registry, province: '82', from: '2025-10-01', to: '2025-10-02', seed: 9 }),
    ];
    // each record is created by a conditional put: the 30th fails, after others were written
    const restore = await failNth(/^Put/, 30, throttled);
    const answer = await post(csvOf(records));
    restore();
    expect(answer.status).toBe(503);
    expect(answer.headers.get('retry-after')).toBe('5');
    expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = (await answer.json()) as { submission: string; detail: string };
    expect(problem.detail).toMatch(/is archived but could not be finished/);
    expectMatchesOpenApi('/api/ingest', 'post', 503, answer.headers.get('content-type') ?? '', problem);
    // the occurrence is the submission: where its receipt will be once it is finished
    expect((problem as { instance?: string }).instance).toBe(`/api/submissions/${problem.submission}`);

    // part of it is in: not all
    const written = await p.store.monthRecords('82', '2025-10');
    expect(written.length).toBeGreaterThan(0);
    expect(written.length).toBeLessThan(records.length);

    // the body is in the archive exactly as sent
    const archive = new FolderArchive(process.env.ARCHIVE_DIR as string);
    const found = await archive.find(problem.submission);
    expect(found?.body.toString()).toBe(csvOf(records));
    expect(found?.province).toBe('82');

    // what npm run replay does
    const receipt = await submitBody(
      { store: p.store, archive },
      found?.province ?? '',
      found?.body ?? Buffer.alloc(0),
      `${problem.submission}.csv`,
      'replay',
    );
    expect(receipt.counts).toEqual({
      rows: records.length,
      created: records.length - written.length,
      revised: 0,
      unchanged: written.length,
      rejected: 0,
    });
    expect(await p.store.monthRecords('82', '2025-10')).toHaveLength(records.length);
    for (const r of records.slice(0, 5)) {
      expect(await p.store.recordHistory('82', r.unitCode, r.date)).toHaveLength(1);
    }
    // and the ranking has every unit the records name, once the replicas have it (the API reads eventually consistently)
    await p.aws?.settled();
    const ranking = (await (await fetch(`${p.base}/api/provinces/82/rankings?period=2025-10`)).json()) as {
      units: unknown[];
    };
    expect(ranking.units).toHaveLength(new Set(records.map((r) => r.unitCode)).size);
  });

  it('writes nothing when the body cannot be archived, and says so', async () => {
    const { ingestPlatform } = await import('#functions/handlers/ingest-platform.ts');
    const platform = ingestPlatform();
    const put = platform.archive.put.bind(platform.archive);
    platform.archive.put = async () => {
      throw new Error('disk full');
    };
    try {
      const records = [
        ...generateRecords({ registry, province: '82', from: '2025-11-01', to: '2025-11-01', seed: 9 }),
      ];
      const answer = await post(csvOf(records));
      expect(answer.status).toBe(503);
      expect(answer.headers.get('retry-after')).toBe('5');
      expect(((await answer.json()) as { detail: string }).detail).toMatch(
        /could not be archived, so nothing of it was written/,
      );
      expect(await p.store.monthRecords('82', '2025-11')).toHaveLength(0);
    } finally {
      platform.archive.put = put;
    }
  });
});

describe('a fault of the database under a read', () => {
  it('answers 503 with Retry-After when DynamoDB fails on its side, not a bare 500', async () => {
    const serverFault = () =>
      Object.assign(new Error('Internal server error'), {
        name: 'InternalServerError',
        $fault: 'server',
        $metadata: { httpStatusCode: 500 },
      });
    const restore = await failNth(/./, 1, serverFault);
    try {
      // a unit's history: not in the read cache from the tests above
      const answer = await fetch(`${p.base}/api/provinces/82/units/28249/history`);
      expect(answer.status).toBe(503);
      expect(answer.headers.get('retry-after')).toBe('5');
      expect(((await answer.json()) as { detail: string }).detail).toMatch(/failed; try again shortly/);
    } finally {
      restore();
    }
    // the next read, with the database back, is answered
    expect((await fetch(`${p.base}/api/provinces/82/units/28249/history`)).status).toBe(200);
  });
});
