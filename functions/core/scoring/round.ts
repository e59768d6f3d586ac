/**
 * Rounds to `digits` decimals, half away from zero, on the decimal value the
 * number prints as: 1.005 rounds to 1.01 (binary arithmetic would give 1.00).
 */
export function roundHalfAway(x: number, digits = 2): number {
  if (!Number.isFinite(x)) return x;
  const magnitude = Math.abs(x);
  // away from a tie, rounding the binary value gives the same digits: only ties need the decimal text
  const scale = 10 ** digits;
  const scaled = magnitude * scale;
  const fraction = scaled - Math.floor(scaled);
  if (Math.abs(fraction - 0.5) > 1e-6 && scaled < 1e9) {
    const fast = Math.round(scaled) / scale;
    const signedFast = x < 0 ? -fast : fast;
    return signedFast === 0 ? 0 : signedFast;
  }
  const text = String(magnitude);
  const rounded = text.includes('e')
    ? Math.round(magnitude * 10 ** digits) / 10 ** digits
    : Number(`${Math.round(Number(`${text}e${digits}`))}e-${digits}`);
  const signed = x < 0 ? -rounded : rounded;
  return signed === 0 ? 0 : signed;
}

/** Rounds for display: scores to 2 decimals. */
export const round2 = (x: number): number => roundHalfAway(x, 2);
