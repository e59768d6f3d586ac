import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { round2, roundHalfAway } from '#core/scoring/round.ts';

describe('roundHalfAway', () => {
  it.each([
    [1.005, 1.01],
    [2.675, 2.68],
    [94.585, 94.59],
    [0.125, 0.13],
    [1.004999, 1],
    [89.994999, 89.99],
    [89.995, 90],
    [100, 100],
    [0, 0],
  ])('rounds %d to %d at 2 decimals, halves away from zero', (x, expected) => {
    expect(round2(x)).toBe(expected);
  });

  it('rounds negative halves away from zero too', () => {
    expect(round2(-1.005)).toBe(-1.01);
    expect(round2(-0.125)).toBe(-0.13);
  });

  it('never answers negative zero', () => {
    expect(Object.is(round2(-0.001), 0)).toBe(true);
  });

  it('handles numbers written in exponent form', () => {
    expect(round2(1e-7)).toBe(0);
    expect(round2(1.5e21)).toBe(1.5e21);
  });

  it('rounds to other numbers of decimals', () => {
    expect(roundHalfAway(0.8333335, 6)).toBe(0.833334);
    expect(roundHalfAway(2.5, 0)).toBe(3);
  });
});

describe('roundHalfAway against the decimal text it rounds', () => {
  /** The rule written out: round the digits the number prints as, half away from zero. */
  const byText = (x: number, digits: number) => {
    // numbers of 1e-6 and more print without an exponent
    const [whole = '0', fraction = ''] = String(Math.abs(x)).split('.');
    const kept = `${whole}${fraction.padEnd(digits, '0').slice(0, digits)}`;
    const next = Number(fraction[digits] ?? '0');
    const up = BigInt(kept) + (next >= 5 ? 1n : 0n);
    const value = Number(up) / 10 ** digits;
    return x < 0 && value !== 0 ? -value : value;
  };

  it('gives the digits the decimal text rounds to, on and off the ties', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }),
          fc.integer({ min: -1e8, max: 1e8 }).map((n) => n / 1000),
          fc.integer({ min: -1e6, max: 1e6 }).map((n) => n / 200),
        ),
        fc.constantFrom(2, 6),
        (x, digits) => {
          if (Math.abs(x) < 1e-6) return;
          expect(roundHalfAway(x, digits)).toBe(byText(x, digits));
        },
      ),
      { numRuns: 3000, seed: 20261201 },
    );
  });
});
