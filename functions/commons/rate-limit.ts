/**
 * A token bucket per key: `burst` requests at once, refilled at `perSecond`.
 * The ingest handler keys it by the token's hash once the token is known,
 * else by the source address, so that one sender (or one leaked token, or
 * one guesser of tokens) cannot flood the platform: on AWS it stands
 * beside the HTTP API's stage and route throttling, within each function
 * instance; on one machine it is the only limit. Memory is bounded: the
 * least recently seen keys are forgotten first.
 */
export interface RateLimit {
  perSecond: number;
  burst: number;
}

export class RateLimiter {
  readonly #buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    readonly limit: RateLimit,
    readonly now: () => number = Date.now,
    readonly maxKeys = 10_000,
  ) {}

  /** Whether `key` may send one request now, without taking it: 0 when it may, else the seconds to wait. */
  peek(key: string): number {
    const bucket = this.#buckets.get(key);
    if (!bucket) return 0;
    const tokens = Math.min(
      this.limit.burst,
      bucket.tokens + ((this.now() - bucket.at) / 1000) * this.limit.perSecond,
    );
    return tokens >= 1 ? 0 : Math.max(1, Math.ceil((1 - tokens) / this.limit.perSecond));
  }

  /** Takes one request for `key`: 0 when it may go on, else the seconds to wait. */
  take(key: string): number {
    const now = this.now();
    const bucket = this.#buckets.get(key) ?? { tokens: this.limit.burst, at: now };
    this.#buckets.delete(key);
    bucket.tokens = Math.min(
      this.limit.burst,
      bucket.tokens + ((now - bucket.at) / 1000) * this.limit.perSecond,
    );
    bucket.at = now;
    let wait = 0;
    if (bucket.tokens >= 1) bucket.tokens -= 1;
    else wait = Math.max(1, Math.ceil((1 - bucket.tokens) / this.limit.perSecond));
    this.#buckets.set(key, bucket);
    if (this.#buckets.size > this.maxKeys) {
      const oldest = this.#buckets.keys().next().value;
      if (oldest !== undefined) this.#buckets.delete(oldest);
    }
    return wait;
  }
}
