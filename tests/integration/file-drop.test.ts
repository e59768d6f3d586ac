import type { S3Event } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateRecords } from '#core/generator/generate.ts';
import { portalProvince } from '#core/portal/provinces.ts';
import { registry } from '#core/registry/registry.ts';
import { S3Archive } from '#functions/archive/s3-archive.ts';
import { PortalClient } from '#functions/portal/client.ts';
import { csvOf } from '../support/csv.ts';
import { startPortalStandin } from '../support/portal-standin.ts';
import { workbookOf } from '../support/xlsx.ts';
import { startPlatform, type TestPlatform } from './support/platform.ts';
import { type S3StandIn, startS3StandIn } from './support/s3-standin.ts';

/**
 * The archive bucket and the file drop, with the real handlers on the
 * embedded DynamoDB and the real S3 client talking to a stand-in for S3.
 */

const BUCKET = 'archive';
let p: TestPlatform;
let s3: S3StandIn;

beforeAll(async () => {
  p = await startPlatform();
  s3 = await startS3StandIn({ pageSize: 10 });
  process.env.ARCHIVE_BUCKET = BUCKET;
  process.env.S3_ENDPOINT = s3.endpoint;
});

afterAll(async () => {
  await s3?.close();
  await p?.close();
});

const dropEvent = (...keys: string[]): S3Event =>
  ({
    Records: keys.map((key) => ({
      eventName: 'ObjectCreated:Put',
      s3: {
        bucket: { name: BUCKET },
        object: { key: encodeURIComponent(key).replace(/%2F/g, '/').replace(/%20/g, '+') },
      },
    })),
  }) as unknown as S3Event;

const object = (key: string) => s3.objects.get(`${BUCKET}/${key}`);
const json = (key: string) => JSON.parse(object(key)?.toString() ?? 'null');
const csvFor = (from: string, to: string) =>
  Buffer.from(csvOf([...generateRecords({ registry, province: '82', from, to, seed: 4 })]));

describe('the S3 archive', () => {
  it('keeps a body under submissions/<day>/<province>/ and gives it back by submission id', async () => {
    const archive = new S3Archive(s3.client, BUCKET);
    const id = '20251127T060001Z-aaaaaaaaaaaa';
    const key = await archive.put(id, '82', Buffer.from('unitCode,date\n'), 'csv');
    expect(key).toBe(`20251127/82/${id}.csv`);
    expect(object(`submissions/${key}`)?.toString()).toBe('unitCode,date\n');
    expect((await archive.get(id))?.toString()).toBe('unitCode,date\n');
    expect(await archive.get('20251127T060001Z-bbbbbbbbbbbb')).toBeUndefined();
  });

  it('never replaces a body it already holds', async () => {
    const archive = new S3Archive(s3.client, BUCKET);
    const id = '20251127T070000Z-cccccccccccc';
    await archive.put(id, '82', Buffer.from('first'), 'json');
    await expect(archive.put(id, '82', Buffer.from('second'), 'json')).rejects.toThrow(
      /PreconditionFailed|pre-conditions/,
    );
    expect((await archive.get(id))?.toString()).toBe('first');
  });

  it('finds a submission on a busy day, past the first page of the listing', async () => {
    const archive = new S3Archive(s3.client, BUCKET);
    for (let k = 0; k < 25; k++) {
      await archive.put(
        `20251128T0800${String(k).padStart(2, '0')}Z-${'d'.repeat(12)}`,
        '82',
        Buffer.from(`n${k}`),
        'csv',
      );
    }
    expect((await archive.get(`20251128T080024Z-${'d'.repeat(12)}`))?.toString()).toBe('n24');
  });
});

describe('the file drop', () => {
  it('ingests a file put under drop/<province>/ and writes its receipt beside it', async () => {
    const { handler } = await import('#functions/handlers/file-drop.ts');
    s3.objects.set(`${BUCKET}/drop/82/tháng 7 ngày 1-2.csv`, csvFor('2025-07-01', '2025-07-02'));
    await handler(dropEvent('drop/82/tháng 7 ngày 1-2.csv'));

    const receipt = json('receipts/82/tháng 7 ngày 1-2.csv.receipt.json');
    expect(receipt.counts).toMatchObject({ created: receipt.counts.rows, rejected: 0 });
    expect(receipt.counts.rows).toBeGreaterThan(150);
    // the body went to the archive first, exactly as dropped
    // the receipt names the submission's key in the archive: no bucket, no path of a machine
    expect(receipt.archive).toMatch(new RegExp(`^\\d{8}/82/${receipt.id}\\.csv$`));
    expect(object(`submissions/${receipt.archive}`)).toEqual(object('drop/82/tháng 7 ngày 1-2.csv'));
    // and into the database, recomputed
    expect((await p.store.meta('82')).latestDay).toBe('2025-07-02');
    expect(await p.store.snapshot('82', 'qd766-2026', '2025-07')).toBeDefined();
    expect((await p.store.receipt(receipt.id))?.counts).toEqual(receipt.counts);
  });

  it("ingests the portal's answers dropped as a file, as the pull's own", async () => {
    const { handler } = await import('#functions/handlers/file-drop.ts');
    const portal = await startPortalStandin();
    try {
      const client = new PortalClient({ baseUrl: portal.url, pauseMs: 0 });
      const bundle = await client.fetchBundle(
        portalProvince('52'),
        [{ timeType: 'year', year: 2026 }],
        'a test',
      );
      s3.objects.set(`${BUCKET}/drop/52/portal-52.json`, Buffer.from(JSON.stringify(bundle)));
      await handler(dropEvent('drop/52/portal-52.json'));
    } finally {
      await portal.close();
    }
    const receipt = json('receipts/52/portal-52.json.receipt.json');
    expect(receipt).toMatchObject({ format: 'portal-answers', counts: { created: 135, rejected: 0 } });
    expect((await p.store.portalMeta('52')).periods).toEqual(['2026']);
  });

  it('tells the sender beside the file what is wrong with it, and retries nothing', async () => {
    const { handler } = await import('#functions/handlers/file-drop.ts');
    s3.objects.set(`${BUCKET}/drop/82/latin1.csv`, Buffer.from([0x75, 0x6e, 0x69, 0x74, 0xe9, 0x0a]));
    s3.objects.set(`${BUCKET}/drop/99/x.csv`, csvFor('2025-07-03', '2025-07-03'));
    s3.objects.set(`${BUCKET}/drop/stray.csv`, csvFor('2025-07-03', '2025-07-03'));
    await handler(dropEvent('drop/82/latin1.csv', 'drop/99/x.csv', 'drop/stray.csv'));

    expect(json('receipts/82/latin1.csv.error.json')).toMatchObject({
      file: 'drop/82/latin1.csv',
      fault: 'invalid',
      detail: expect.stringMatching(/not UTF-8/),
    });
    expect(json('receipts/99/x.csv.error.json')).toMatchObject({
      fault: 'invalid',
      detail: expect.stringMatching(/unknown province "99"/),
    });
    expect(json('receipts/misplaced/drop/stray.csv.error.json')).toMatchObject({
      fault: 'invalid',
      detail: expect.stringMatching(/drop\/<province>\/<file>/),
    });
    expect((await p.store.meta('82')).latestDay).toBe('2025-07-02');
  });

  it('throws on a fault of the platform, so that Lambda retries the event', async () => {
    const { handler } = await import('#functions/handlers/file-drop.ts');
    s3.objects.set(`${BUCKET}/drop/82/later.csv`, csvFor('2025-07-03', '2025-07-03'));
    // more failures than the SDK's own three attempts
    s3.failNext(10);
    await expect(handler(dropEvent('drop/82/later.csv'))).rejects.toThrow(
      /reduce your request rate|SlowDown/,
    );
    s3.failNext(0);
    expect(object('receipts/82/later.csv.receipt.json')).toBeUndefined();
    // the retry Lambda makes goes through
    await handler(dropEvent('drop/82/later.csv'));
    expect(json('receipts/82/later.csv.receipt.json').counts.created).toBeGreaterThan(90);
  });

  it('ingests an Excel workbook dropped as drop/<province>/<name>.xlsx; tells a broken one beside it', async () => {
    const { handler } = await import('#functions/handlers/file-drop.ts');
    const body = await workbookOf(
      [...generateRecords({ registry, province: '82', from: '2025-07-05', to: '2025-07-05', seed: 4 })].slice(
        0,
        5,
      ),
    );
    s3.objects.set(`${BUCKET}/drop/82/số liệu.xlsx`, body);
    s3.objects.set(`${BUCKET}/drop/82/not.xlsx`, Buffer.from('PK\u0003\u0004 broken'));
    await handler(dropEvent('drop/82/số liệu.xlsx', 'drop/82/not.xlsx'));
    const receipt = json('receipts/82/số liệu.xlsx.receipt.json');
    expect(receipt).toMatchObject({ format: 'xlsx', counts: { rows: 5, created: 5, rejected: 0 } });
    expect(receipt.rows.map((r: { row: number }) => r.row)).toEqual([2, 3, 4, 5, 6]);
    expect(object(`submissions/${receipt.archive}`)).toEqual(body);
    expect(json('receipts/82/not.xlsx.error.json')).toMatchObject({
      fault: 'invalid',
      detail: expect.stringMatching(/not an Excel workbook \(\.xlsx\): it cannot be unpacked/),
    });
  });
});
