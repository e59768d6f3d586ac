import { api, type Methodology } from './api.ts';

let cached: Promise<Methodology> | undefined;

/** The methodology in force, fetched once per page. */
export function methodologyInForce(): Promise<Methodology> {
  cached ??= api.methodology().catch((error: unknown) => {
    cached = undefined;
    throw error;
  });
  return cached;
}
