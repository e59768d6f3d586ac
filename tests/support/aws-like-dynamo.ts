import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '#functions/store/dynamo/client.ts';
import { startDynalite } from '#infra/local/dynalite.ts';

/**
 * A DynamoDB that behaves like AWS's, for tests: dynalite is strongly
 * consistent and single-process, DynamoDB is neither. This is a proxy in front
 * of two dynalite servers. Writes and consistent reads go to the primary;
 * eventually consistent reads (GetItem, BatchGetItem, Query and Scan without
 * ConsistentRead) go to a replica that receives each write `lagMs` later, in
 * order. A test can hold any request before it reaches the database (a Lambda
 * paused between its read and its write), and every unconditional write that
 * overwrites a version its writer had not read is reported as a lost update.
 *
 * Writers are told apart by the `x-writer` header: `client(name)` gives a
 * document client that sends it; requests without it are the writer "anonymous".
 */

type Body = Record<string, unknown>;
type AttributeMap = Record<string, unknown>;

export interface ProxiedRequest {
  operation: string;
  body: Body;
  writer: string;
}

export interface LostUpdate {
  writer: string;
  operation: string;
  table: string;
  key: string;
  /** the version the writer last read (0: it read the item as absent) */
  read: number;
  /** the version its write replaced */
  overwritten: number;
}

export interface AwsLikeDynamo {
  endpoint: string;
  /** how far behind the eventually consistent reads are */
  lagMs: number;
  /** holds the next request that matches until `release()`; `reached` resolves when it arrives */
  hold(match: (r: ProxiedRequest) => boolean): { reached: Promise<void>; release(): void };
  /** a document client whose requests carry the writer's name */
  client(writer: string): DynamoDBDocumentClient;
  /** the unconditional writes that replaced a version their writer had not read */
  lostUpdates: LostUpdate[];
  /** the number of reads served stale (from the replica while it lagged) */
  staleReads(): number;
  /** resolves once the replica has every write so far */
  settled(): Promise<void>;
  close(): Promise<void>;
}

const READS = new Set(['GetItem', 'BatchGetItem', 'Query', 'Scan']);
const WRITES = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem']);

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function forward(
  endpoint: string,
  req: IncomingMessage,
  body: string,
): Promise<{ status: number; headers: Record<string, string>; text: string }> {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (v === undefined || k === 'host' || k === 'content-length' || k === 'connection') continue;
    headers[k] = Array.isArray(v) ? v.join(',') : v;
  }
  const answer = await fetch(endpoint, { method: req.method ?? 'POST', headers, body });
  const out: Record<string, string> = {};
  answer.headers.forEach((v, k) => {
    if (k !== 'content-length' && k !== 'connection' && k !== 'transfer-encoding' && k !== 'content-encoding')
      out[k] = v;
  });
  return { status: answer.status, headers: out, text: await answer.text() };
}

/** Sends one request of the DynamoDB JSON protocol to a server. */
async function call(endpoint: string, operation: string, body: Body): Promise<Body> {
  const answer = await fetch(endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.0',
      'x-amz-target': `DynamoDB_20120810.${operation}`,
      authorization:
        'AWS4-HMAC-SHA256 Credential=local/20260101/local/dynamodb/aws4_request, SignedHeaders=host, Signature=x',
      'x-amz-date': '20260101T000000Z',
    },
    body: JSON.stringify(body),
  });
  const text = await answer.text();
  if (!answer.ok) throw new Error(`${operation} on ${endpoint} answered ${answer.status}: ${text}`);
  return text ? (JSON.parse(text) as Body) : {};
}

export async function startAwsLikeDynamo(options: { lagMs?: number } = {}): Promise<AwsLikeDynamo> {
  const primary = await startDynalite();
  const replica = await startDynalite();
  const lagMs = options.lagMs ?? 200;
  /** each table's key attribute names */
  const keySchemas = new Map<string, string[]>();
  const primaryVersion = new Map<string, number>();
  const replicaVersion = new Map<string, number>();
  const lastRead = new Map<string, Map<string, number>>();
  const lostUpdates: LostUpdate[] = [];
  const holds: { match: (r: ProxiedRequest) => boolean; arrived: () => void; gate: Promise<void> }[] = [];
  let stale = 0;
  // the replica's queue: writes applied in order, each once its time has come
  let replication: Promise<void> = Promise.resolve();

  const keyOf = (table: string, item: AttributeMap) => {
    const names = keySchemas.get(table) ?? ['pk', 'sk'];
    return `${table}|${JSON.stringify(names.map((n) => item[n]))}`;
  };
  const keyAttributes = (table: string, item: AttributeMap) =>
    Object.fromEntries((keySchemas.get(table) ?? ['pk', 'sk']).map((n) => [n, item[n]]));
  const remember = (writer: string, key: string, version: number) => {
    let reads = lastRead.get(writer);
    if (!reads) {
      reads = new Map();
      lastRead.set(writer, reads);
    }
    reads.set(key, version);
  };

  /** Copies a key's state on the primary to the replica, `lagMs` after the write. */
  const replicate = (table: string, key: AttributeMap, version: number) => {
    const due = Date.now() + lagMs;
    replication = replication.then(async () => {
      const wait = due - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const now = await call(primary.endpoint, 'GetItem', {
        TableName: table,
        Key: key,
        ConsistentRead: true,
      });
      if (now.Item) await call(replica.endpoint, 'PutItem', { TableName: table, Item: now.Item });
      else await call(replica.endpoint, 'DeleteItem', { TableName: table, Key: key });
      const id = keyOf(table, key);
      replicaVersion.set(id, Math.max(replicaVersion.get(id) ?? 0, version));
    });
    replication.catch(() => undefined);
  };

  /** Notes a write to a key: its new version, a lost update if it replaced an unread version, its replication. */
  const wrote = (
    writer: string,
    operation: string,
    table: string,
    item: AttributeMap,
    conditional: boolean,
  ) => {
    const id = keyOf(table, item);
    const before = primaryVersion.get(id) ?? 0;
    const read = lastRead.get(writer)?.get(id);
    if (!conditional && read !== undefined && before > read) {
      lostUpdates.push({ writer, operation, table, key: id, read, overwritten: before });
    }
    const version = before + 1;
    primaryVersion.set(id, version);
    remember(writer, id, version);
    replicate(table, keyAttributes(table, item), version);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const text = await readBody(req);
    const target = String(req.headers['x-amz-target'] ?? '');
    const operation = target.split('.').pop() ?? '';
    const writer = String(req.headers['x-writer'] ?? 'anonymous');
    const body = (text ? JSON.parse(text) : {}) as Body;
    const hold = holds.find((h) => h.match({ operation, body, writer }));
    if (hold) {
      holds.splice(holds.indexOf(hold), 1);
      hold.arrived();
      await hold.gate;
    }
    const table = String(body.TableName ?? '');
    if (operation === 'CreateTable') {
      const schema = (body.KeySchema as { AttributeName: string; KeyType: string }[]).map(
        (k) => k.AttributeName,
      );
      keySchemas.set(table, schema);
      await forward(replica.endpoint, req, text);
    } else if (operation === 'DeleteTable') {
      await forward(replica.endpoint, req, text);
    }
    const consistent =
      operation === 'BatchGetItem'
        ? Object.values((body.RequestItems ?? {}) as Record<string, { ConsistentRead?: boolean }>).every(
            (r) => r.ConsistentRead === true,
          )
        : body.ConsistentRead === true;
    const fromReplica = READS.has(operation) && !consistent;
    const answer = await forward(fromReplica ? replica.endpoint : primary.endpoint, req, text);
    res.writeHead(answer.status, answer.headers);
    res.end(answer.text);
    if (answer.status !== 200) return;
    const out = (answer.text ? JSON.parse(answer.text) : {}) as Body;
    const versions = fromReplica ? replicaVersion : primaryVersion;
    if (READS.has(operation)) {
      if (fromReplica) {
        // a read served stale: some key it could see has a newer version on the primary
        const behind = [...primaryVersion].some(
          ([k, v]) => k.startsWith(`${table}|`) && (replicaVersion.get(k) ?? 0) < v,
        );
        if (behind) stale++;
      }
      if (operation === 'GetItem') {
        const id = keyOf(table, body.Key as AttributeMap);
        remember(writer, id, out.Item ? (versions.get(id) ?? 0) : (versions.get(id) ?? 0));
      } else if (operation === 'BatchGetItem') {
        for (const [t, request] of Object.entries(
          (body.RequestItems ?? {}) as Record<string, { Keys: AttributeMap[] }>,
        )) {
          for (const k of request.Keys) {
            const id = keyOf(t, k);
            remember(writer, id, versions.get(id) ?? 0);
          }
        }
      } else {
        for (const item of (out.Items ?? []) as AttributeMap[]) {
          const id = keyOf(table, item);
          remember(writer, id, versions.get(id) ?? 0);
        }
      }
      return;
    }
    if (!WRITES.has(operation)) return;
    if (operation === 'BatchWriteItem') {
      const unprocessed = JSON.stringify(out.UnprocessedItems ?? {});
      for (const [t, requests] of Object.entries(
        (body.RequestItems ?? {}) as Record<
          string,
          { PutRequest?: { Item: AttributeMap }; DeleteRequest?: { Key: AttributeMap } }[]
        >,
      )) {
        for (const r of requests) {
          if (unprocessed.includes(JSON.stringify(r))) continue;
          const item = r.PutRequest?.Item ?? r.DeleteRequest?.Key;
          if (item) wrote(writer, operation, t, item, false);
        }
      }
      return;
    }
    const item = (operation === 'PutItem' ? body.Item : body.Key) as AttributeMap;
    // an UpdateItem changes the attributes it names, atomically: it replaces nothing it did not read
    const guarded = typeof body.ConditionExpression === 'string' || operation === 'UpdateItem';
    wrote(writer, operation, table, item, guarded);
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/x-amz-json-1.0' });
      res.end(JSON.stringify({ __type: 'InternalFailure', message: String(error) }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clients: DynamoDBDocumentClient[] = [];

  return {
    endpoint,
    lagMs,
    lostUpdates,
    hold(match) {
      let arrived = () => {};
      let release = () => {};
      const reached = new Promise<void>((r) => {
        arrived = r;
      });
      const gate = new Promise<void>((r) => {
        release = r;
      });
      holds.push({ match, arrived, gate });
      return { reached, release };
    },
    client(writer) {
      const c = createDocumentClient({ region: 'local', endpoint });
      c.middlewareStack.add(
        (next) => async (args) => {
          const request = args.request as { headers?: Record<string, string> };
          if (request.headers) request.headers['x-writer'] = writer;
          return next(args);
        },
        { step: 'build', name: 'writerHeader' },
      );
      clients.push(c);
      return c;
    },
    staleReads: () => stale,
    settled: async () => {
      await replication;
    },
    close: async () => {
      for (const c of clients) c.destroy();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await replication.catch(() => undefined);
      await primary.close();
      await replica.close();
    },
  };
}

/** A consistent read of one item on the double's primary, for assertions. */
export async function readNow(client: DynamoDBDocumentClient, table: string, key: AttributeMap) {
  return (await client.send(new GetCommand({ TableName: table, Key: key, ConsistentRead: true }))).Item;
}
