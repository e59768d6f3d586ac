import { createHash, randomBytes } from 'node:crypto';
import { registry } from '#core/registry/registry.ts';
import { UnauthenticatedError } from '#functions/services/errors.ts';
import type { Store, TokenScope } from '#functions/store/store.ts';

/**
 * Ingest tokens: 32 random bytes, shown once; the store keeps only their
 * SHA-256, so a leaked table leaks no token. Each is scoped to one province
 * and optionally some of its units.
 */

const PREFIX = 'sit_';

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export class TokenScopeError extends Error {
  override name = 'TokenScopeError';
}

export async function createToken(
  store: Store,
  province: string,
  units?: readonly string[],
  label?: string,
): Promise<string> {
  registry.requireProvince(province);
  for (const code of units ?? []) {
    const unit = registry.unit(code);
    if (!unit) throw new TokenScopeError(`unit ${code} is not in the official list`);
    if (unit.provinceCode !== province) {
      throw new TokenScopeError(`unit ${code} (${unit.fullName}) is not in province ${province}`);
    }
  }
  const token = PREFIX + randomBytes(32).toString('base64url');
  const scope: TokenScope = {
    province,
    units: units?.length ? [...units] : undefined,
    label,
    createdAt: new Date().toISOString(),
  };
  await store.putToken(hashToken(token), scope);
  return token;
}

/**
 * The hash of the token in an "Authorization: Bearer <token>" header, or
 * undefined when there is none: what a token is looked up, and rate-limited, by.
 */
export function bearerTokenHash(authorization: string | undefined): string | undefined {
  const token = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
  return token ? hashToken(token) : undefined;
}

/** The scope of a presented token, given its hash (bearerTokenHash); 401 when absent or unknown. */
export async function authenticate(store: Store, tokenHash: string | undefined): Promise<TokenScope> {
  if (!tokenHash) {
    throw new UnauthenticatedError(
      'an ingest token is required: send the header "Authorization: Bearer <token>"',
    );
  }
  // the lookup is by hash: the token itself is never compared nor stored
  const scope = await store.token(tokenHash);
  if (!scope)
    throw new UnauthenticatedError('the ingest token is not known; create one with npm run token -- create');
  return scope;
}
