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

export const ROUTES: readonly Route[] = [
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
];

/** Matches a request path against the table: the route and its path parameters, or undefined. */
export function matchRoute(
  method: string,
  path: string,
): { route: Route; params: Record<string, string> } | undefined {
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
        params[p.slice(1, -1)] = decodeURIComponent(actual);
        return true;
      }
      return p === actual;
    });
    if (ok) return { route, params };
  }
  return undefined;
}
