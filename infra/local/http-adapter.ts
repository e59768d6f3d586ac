import { isUtf8 } from 'node:buffer';
import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { type FunctionName, MalformedPathError, matchRoute } from '#functions/api/routes.ts';
import { DASHBOARD_CSP, problem, type Result, SECURITY_HEADERS } from '#functions/commons/http.ts';

/**
 * The local stand-in for API Gateway and CloudFront: turns each request under
 * /api into the API Gateway v2 event the Lambda handler would get, writes the
 * handler's answer back, and serves the dashboard's static files.
 */

export type Handler = (event: APIGatewayProxyEventV2) => Promise<Result>;

/** Bodies above this are refused before they are read whole (API Gateway's own limit is 10 MB). */
const MAX_REQUEST_BYTES = 10 * 1024 * 1024;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

const STATIC_HEADERS = {
  ...SECURITY_HEADERS,
  'content-security-policy': DASHBOARD_CSP,
};

class TooLargeError extends Error {}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_REQUEST_BYTES) throw new TooLargeError();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_REQUEST_BYTES) throw new TooLargeError();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** The API Gateway v2 (payload format 2.0) event for a request. */
export function toEvent(
  req: IncomingMessage,
  url: URL,
  body: Buffer,
  routeKey: string,
  pathParameters: Record<string, string>,
): APIGatewayProxyEventV2 {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers))
    if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(',') : v;
  const query: Record<string, string> = {};
  for (const [k, v] of url.searchParams) query[k] = k in query ? `${query[k]},${v}` : v;
  // text bodies travel as text, everything else (and text that is not UTF-8) as base64, as API Gateway does
  const text =
    /^(text\/|application\/(json|.*\+json|csv))/.test(headers['content-type'] ?? 'text/plain') &&
    isUtf8(body);
  const now = new Date();
  return {
    version: '2.0',
    routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    headers,
    queryStringParameters: Object.keys(query).length ? query : undefined,
    pathParameters: Object.keys(pathParameters).length ? pathParameters : undefined,
    body: body.length ? (text ? body.toString('utf8') : body.toString('base64')) : undefined,
    isBase64Encoded: body.length > 0 && !text,
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      domainName: url.host,
      domainPrefix: 'local',
      http: {
        method: req.method ?? 'GET',
        path: url.pathname,
        protocol: `HTTP/${req.httpVersion}`,
        sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
  };
}

const COMPRESSIBLE = /^(text\/|application\/(json|problem\+json|javascript)|image\/svg)/;

/** Whether to gzip an answer, as CloudFront does in front of the API and the dashboard. */
function wantsGzip(req: IncomingMessage | undefined, type: string | undefined, size: number): boolean {
  return (
    size > 1024 &&
    COMPRESSIBLE.test(type ?? '') &&
    /\bgzip\b/.test(String(req?.headers['accept-encoding'] ?? ''))
  );
}

function send(res: ServerResponse, result: Result, req?: IncomingMessage): void {
  let body: Buffer | undefined;
  if (result.body !== undefined)
    body = result.isBase64Encoded ? Buffer.from(result.body, 'base64') : Buffer.from(result.body);
  const headers = { ...result.headers };
  if (body && wantsGzip(req, headers['content-type'], body.length)) {
    body = gzipSync(body, { level: 6 });
    headers['content-encoding'] = 'gzip';
    headers.vary = headers.vary ? `${headers.vary}, Accept-Encoding` : 'Accept-Encoding';
  }
  res.writeHead(result.statusCode ?? 200, headers);
  res.end(body);
}

async function serveStatic(
  req: IncomingMessage,
  res: ServerResponse,
  root: string,
  pathname: string,
): Promise<void> {
  const relative = normalize(decodeURIComponent(pathname)).replace(/^([/\\])+/, '');
  let file = join(root, relative);
  if (!file.startsWith(root + sep) && file !== root) {
    send(res, problem(400, 'Bad Request', 'the path leaves the site'));
    return;
  }
  let info = await stat(file).catch(() => undefined);
  if (info?.isDirectory()) {
    file = join(file, 'index.html');
    info = await stat(file).catch(() => undefined);
  }
  if (!info && !extname(relative)) {
    // the dashboard routes in the browser: any page path gets its index
    file = join(root, 'index.html');
    info = await stat(file).catch(() => undefined);
  }
  if (!info) {
    send(res, problem(404, 'Not Found', `no file ${pathname}`));
    return;
  }
  const type = TYPES[extname(file)] ?? 'application/octet-stream';
  const immutable = /[.-][A-Za-z0-9_-]{8,}\.(js|css|woff2)$/.test(file);
  const headers: Record<string, string> = {
    ...STATIC_HEADERS,
    'content-type': type,
    'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
  };
  if (wantsGzip(req, type, info.size)) {
    send(
      res,
      { statusCode: 200, headers, body: (await readFile(file)).toString('base64'), isBase64Encoded: true },
      req,
    );
    return;
  }
  res.writeHead(200, { ...headers, 'content-length': String(info.size) });
  createReadStream(file).pipe(res);
}

export interface AdapterOptions {
  handlers: Record<FunctionName, Handler>;
  /** the dashboard's built files */
  staticDir: string;
}

export function createLocalServer(options: AdapterOptions): Server {
  return createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
    try {
      if (!url.pathname.startsWith('/api/') && url.pathname !== '/api') {
        if (req.method !== 'GET' && req.method !== 'HEAD') {
          send(res, problem(405, 'Method Not Allowed', `${req.method} is not served here`));
          return;
        }
        await serveStatic(req, res, options.staticDir, url.pathname);
        return;
      }
      let match: ReturnType<typeof matchRoute>;
      try {
        match = matchRoute(req.method ?? 'GET', url.pathname);
      } catch (error) {
        if (!(error instanceof MalformedPathError)) throw error;
        req.resume();
        const requestId = randomUUID();
        send(
          res,
          problem(400, 'Bad Request', error.message, { instance: `urn:request:${requestId}`, requestId }),
        );
        return;
      }
      if (!match) {
        req.resume();
        send(res, problem(404, 'Not Found', `no route ${req.method} ${url.pathname}; see /api/openapi.json`));
        return;
      }
      const body = await readBody(req);
      const event = toEvent(req, url, body, `${match.route.method} ${match.route.path}`, match.params);
      send(res, await options.handlers[match.route.function](event), req);
    } catch (error) {
      if (error instanceof TooLargeError) {
        send(
          res,
          problem(
            413,
            'Payload Too Large',
            `the body is over ${MAX_REQUEST_BYTES} bytes`,
            {},
            { connection: 'close' },
          ),
        );
        req.destroy();
        return;
      }
      console.error(error);
      if (!res.headersSent) send(res, problem(500, 'Internal Server Error', 'the local adapter failed'));
      else res.end();
    }
  });
}
