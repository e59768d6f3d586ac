import { AsyncLocalStorage } from 'node:async_hooks';
import { LeaseLostError } from '#functions/store/store.ts';

/**
 * One writer per province at a time, without transactions: a lease item taken
 * with a conditional write, renewed while its work runs, released when done.
 * It is fenced: the work runs in an async context that knows its leases, and
 * the store refuses a write for a province whose lease this context lost (a
 * renewal found another owner, or could not renew before expiry), so a writer
 * that stalled past its lease cannot land writes over its successor's.
 */

export interface LeaseTimings {
  /** how long a lease lasts without renewal: how long a dead writer can hold its province */
  leaseMs: number;
  /** how often a held lease is renewed */
  renewMs: number;
  /** how long to wait for a busy province before answering "busy" */
  waitMs: number;
}

/**
 * The lease's timings, from the one number they must fit in: the timeout of
 * the function that takes it. A lease is short (renewal keeps it while work
 * runs), so a crashed writer frees its province within seconds; the wait
 * leaves most of the function's time for the work (a 29 s API function waits
 * at most 11 s, a 15-minute pull the lease's length and a little more).
 */
export function leaseTimings(functionTimeoutSeconds: number): LeaseTimings {
  const leaseMs = 20_000;
  return {
    leaseMs,
    renewMs: leaseMs / 4,
    waitMs: Math.max(1_000, Math.min(leaseMs + 2_000, Math.floor(functionTimeoutSeconds * 1000 * 0.4))),
  };
}

export interface HeldLease {
  province: string;
  owner: string;
  generation: number;
  expiresAt: number;
  lost: boolean;
}

const held = new AsyncLocalStorage<ReadonlyMap<string, HeldLease>>();

/** Runs `work` knowing it holds `lease` (and any lease of the context around it). */
export function runHolding<T>(lease: HeldLease, work: () => Promise<T>): Promise<T> {
  const around = held.getStore() ?? new Map<string, HeldLease>();
  return held.run(new Map([...around, [lease.province, lease]]), work);
}

/** Throws when this context held the province's lease and lost it. Writes outside any lease pass. */
export function fence(province: string): void {
  const lease = held.getStore()?.get(province);
  // an expired lease is lost even when no renewal ran to notice it (a stalled event loop)
  if (lease && (lease.lost || Date.now() >= lease.expiresAt)) {
    throw new LeaseLostError(
      `the lease of province ${province} was lost (generation ${lease.generation}): this writer stops here`,
    );
  }
}
