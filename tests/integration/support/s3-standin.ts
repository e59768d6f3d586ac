import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { S3Client } from '@aws-sdk/client-s3';
import { type Signature, signatureOf } from './signature.ts';

/**
 * A stand-in for S3 on this machine, for the parts the platform uses:
 * PutObject (with If-None-Match: *), GetObject and ListObjectsV2, path-style.
 * S3 itself cannot run here; this lets the real SDK client and the real
 * handlers talk HTTP to something that keeps objects as S3 does.
 */
export interface S3StandIn {
  endpoint: string;
  client: S3Client;
  objects: Map<string, Buffer>;
  /** each request's signature, in order */
  signatures: Signature[];
  /** makes the next `count` requests fail with 503 SlowDown */
  failNext(count: number): void;
  close(): Promise<void>;
}

const xml = (body: string) => `<?xml version="1.0" encoding="UTF-8"?>\n${body}`;
const xmlText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

async function bodyOf(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  if (!String(req.headers['content-encoding'] ?? '').includes('aws-chunked')) return raw;
  // aws-chunked: <hex size>[;chunk-signature=...]\r\n<data>\r\n ... 0\r\n<trailers>
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const eol = raw.indexOf('\r\n', at);
    const size = Number.parseInt(raw.subarray(at, eol).toString().split(';')[0] ?? '0', 16);
    if (!size) break;
    parts.push(raw.subarray(eol + 2, eol + 2 + size));
    at = eol + 2 + size + 2;
  }
  return Buffer.concat(parts);
}

export async function startS3StandIn(options: { pageSize?: number } = {}): Promise<S3StandIn> {
  const objects = new Map<string, Buffer>();
  const signatures: Signature[] = [];
  let failing = 0;
  const server: Server = createServer(async (req, res) => {
    signatures.push(signatureOf(req));
    const url = new URL(req.url ?? '/', 'http://localhost');
    const [, bucket = '', ...rest] = url.pathname.split('/');
    const key = decodeURIComponent(rest.join('/'));
    const body = await bodyOf(req);
    if (failing > 0) {
      failing--;
      res.writeHead(503, { 'content-type': 'application/xml' });
      res.end(xml('<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>'));
      return;
    }
    const id = `${bucket}/${key}`;
    if (req.method === 'PUT' && key) {
      if (req.headers['if-none-match'] === '*' && objects.has(id)) {
        res.writeHead(412, { 'content-type': 'application/xml' });
        res.end(
          xml(
            '<Error><Code>PreconditionFailed</Code><Message>At least one of the pre-conditions you specified did not hold</Message></Error>',
          ),
        );
        return;
      }
      objects.set(id, body);
      res.writeHead(200, { etag: '"standin"' });
      res.end();
      return;
    }
    if (req.method === 'GET' && key) {
      const object = objects.get(id);
      if (!object) {
        res.writeHead(404, { 'content-type': 'application/xml' });
        res.end(
          xml(
            `<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message><Key>${xmlText(key)}</Key></Error>`,
          ),
        );
        return;
      }
      res.writeHead(200, { 'content-length': object.length, etag: '"standin"' });
      res.end(object);
      return;
    }
    if (req.method === 'GET' && url.searchParams.get('list-type') === '2') {
      const prefix = url.searchParams.get('prefix') ?? '';
      const max = Math.min(Number(url.searchParams.get('max-keys') ?? 1000), options.pageSize ?? 1000);
      const after = url.searchParams.get('continuation-token') ?? '';
      const keys = [...objects.keys()]
        .filter((k) => k.startsWith(`${bucket}/${prefix}`))
        .map((k) => k.slice(bucket.length + 1))
        .sort()
        .filter((k) => k > after);
      const page = keys.slice(0, max);
      const truncated = keys.length > page.length;
      res.writeHead(200, { 'content-type': 'application/xml' });
      res.end(
        xml(
          `<ListBucketResult><Name>${bucket}</Name><Prefix>${xmlText(prefix)}</Prefix><KeyCount>${page.length}</KeyCount><MaxKeys>${max}</MaxKeys><IsTruncated>${truncated}</IsTruncated>${page
            .map(
              (k) =>
                `<Contents><Key>${xmlText(k)}</Key><Size>${objects.get(`${bucket}/${k}`)?.length ?? 0}</Size></Contents>`,
            )
            .join(
              '',
            )}${truncated ? `<NextContinuationToken>${xmlText(page[page.length - 1] ?? '')}</NextContinuationToken>` : ''}</ListBucketResult>`,
        ),
      );
      return;
    }
    res.writeHead(400, { 'content-type': 'application/xml' });
    res.end(xml('<Error><Code>NotImplemented</Code><Message>not in the stand-in</Message></Error>'));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = new S3Client({
    region: 'ap-southeast-1',
    endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  return {
    endpoint,
    client,
    objects,
    signatures,
    failNext: (count) => {
      failing = count;
    },
    close: async () => {
      client.destroy();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}
