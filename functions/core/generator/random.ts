import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

/**
 * Seeded random draws for the synthetic data generator. Each stream is keyed
 * by text (seed, unit, day), so a unit's day comes out the same whatever range
 * it is generated in.
 */
export class Random {
  readonly #rng: ReturnType<typeof xoroshiro128plus>;

  constructor(...key: (string | number)[]) {
    this.#rng = xoroshiro128plus(hash(key.join('|')));
  }

  /** uniform in [0, 1) */
  next(): number {
    return uniformFloat64(this.#rng);
  }

  /** uniform in [min, max) */
  between(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** true with probability p */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** standard normal, by Box-Muller */
  normal(): number {
    const u = 1 - this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }

  /** Poisson count with mean `lambda` (normal approximation for large means). */
  poisson(lambda: number): number {
    if (lambda <= 0) return 0;
    if (lambda > 40) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * this.normal()));
    const limit = Math.exp(-lambda);
    let k = 0;
    let p = this.next();
    while (p > limit) {
      k++;
      p *= this.next();
    }
    return k;
  }

  /** successes among `n` trials of probability `p` (normal approximation for large n) */
  binomial(n: number, p: number): number {
    if (n <= 0 || p <= 0) return 0;
    if (p >= 1) return n;
    if (n > 40) {
      const draw = Math.round(n * p + Math.sqrt(n * p * (1 - p)) * this.normal());
      return Math.min(n, Math.max(0, draw));
    }
    let k = 0;
    for (let t = 0; t < n; t++) if (this.next() < p) k++;
    return k;
  }
}

/** FNV-1a, 32 bits: spreads a text key over the generator's seed space. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let k = 0; k < text.length; k++) {
    h ^= text.charCodeAt(k);
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}
