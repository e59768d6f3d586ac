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
