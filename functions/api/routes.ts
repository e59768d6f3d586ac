/**
 * Every route of the HTTP API and the function that serves it. The CDK stack
 * and the local adapter both read this table, so they cannot drift apart.
 */
export type FunctionName = 'api' | 'ingest';

export interface Route {
  method: 'GET' | 'POST';
  path: string;
  function: FunctionName;
}

export const ROUTES = [
  { method: 'POST', path: '/api/ingest', function: 'ingest' },
  { method: 'GET', path: '/api/openapi.json', function: 'api' },
  { method: 'GET', path: '/api/provinces', function: 'api' },
  { method: 'GET', path: '/api/provinces/{province}', function: 'api' },
  { method: 'GET', path: '/api/provinces/{province}/units', function: 'api' },
  { method: 'GET', path: '/api/provinces/{province}/rankings', function: 'api' },
  { method: 'GET', path: '/api/provinces/{province}/summary', function: 'api' },
  { method: 'GET', path: '/api/provinces/{province}/compare', function: 'api' },
  { method: 'GET', path: '/api/provinces/{province}/trend', function: 'api' },
  { method: 'GET', path: '/api/provinces/{province}/units/{unit}/history', function: 'api' },
  { method: 'GET', path: '/api/provinces/{province}/units/{unit}/days/{date}', function: 'api' },
  {
    method: 'GET',
    path: '/api/provinces/{province}/units/{unit}/observations/{period}/{date}',
    function: 'api',
  },
  { method: 'GET', path: '/api/methodologies', function: 'api' },
  { method: 'GET', path: '/api/methodologies/{id}', function: 'api' },
  { method: 'GET', path: '/api/submissions/{id}', function: 'api' },
] as const satisfies readonly Route[];

/** The paths the read API (the api function) answers. */
export type ReadPath = Extract<(typeof ROUTES)[number], { function: 'api' }>['path'];

/** The methods a path is served with: a preflight's answer. */
export function methodsFor(path: string): Route['method'][] {
  return [...new Set(ROUTES.filter((r) => matchRoute(r.method, path)?.route === r).map((r) => r.method))];
}

/** A path whose percent-encoding cannot be decoded (`%E0%A4%A`, a lone `%`). */
export class MalformedPathError extends Error {
  override name = 'MalformedPathError';
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch (error) {
    throw new MalformedPathError(`the path segment "${segment}" is not valid percent-encoding`, {
      cause: error,
    });
  }
}

/**
 * Matches a request path against the table: the route and its path parameters,
 * or undefined. OPTIONS (a browser's preflight) matches a route of any method,
 * answered by the read API. A path parameter that is not valid
 * percent-encoding throws MalformedPathError (400).
 */
export function matchRoute(
  method: string,
  path: string,
): { route: Route; params: Record<string, string> } | undefined {
  if (method === 'OPTIONS') {
    const any = ROUTES.map((r) => matchRoute(r.method, path)).find((m) => m !== undefined);
    return any && { route: { ...any.route, function: 'api' }, params: any.params };
  }
  const parts = path.split('/');
  for (const route of ROUTES) {
    if (route.method !== method) continue;
    const pattern = route.path.split('/');
    if (pattern.length !== parts.length) continue;
    const params: Record<string, string> = {};
    const ok = pattern.every((p, k) => {
      const actual = parts[k] ?? '';
      if (p.startsWith('{') && p.endsWith('}')) {
        if (!actual) return false;
        params[p.slice(1, -1)] = decodeSegment(actual);
        return true;
      }
      return p === actual;
    });
    if (ok) return { route, params };
  }
  return undefined;
}
