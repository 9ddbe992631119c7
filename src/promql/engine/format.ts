// Go's float formatting where the engine's output text must match Prometheus byte for byte:
// `%g` in annotation messages and strconv.FormatFloat(v, 'f', -1, 64) for count_values' label values.

/** Shortest round-trip digits and decimal exponent of |v| (v finite, non-zero): v = 0.d1d2… × 10^point. */
function shortestDigits(v: number): { digits: string; point: number } {
  const [mant, exp] = Math.abs(v).toExponential().split('e') as [string, string];
  const digits = mant.replace('.', '');
  return { digits, point: Number(exp) + 1 };
}

/** strconv.FormatFloat(v, 'f', -1, 64): shortest digits, never an exponent. */
export function formatFloatF(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  const sign = v < 0 || Object.is(v, -0) ? '-' : '';
  if (v === 0) return `${sign}0`;
  const { digits, point } = shortestDigits(v);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** fmt's `%g` of a float64: shortest digits, exponent form when the decimal exponent is < -4 or >= 6. */
export function formatFloatG(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  const sign = v < 0 || Object.is(v, -0) ? '-' : '';
  if (v === 0) return `${sign}0`;
  const { digits, point } = shortestDigits(v);
  const exp = point - 1;
  // strconv's 'g' with the shortest precision decides with eprec = 6 (so 1e6 prints as 1e+06).
  if (exp < -4 || exp >= 6) {
    const mant = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const e = Math.abs(exp).toString().padStart(2, '0');
    return `${sign}${mant}e${exp < 0 ? '-' : '+'}${e}`;
  }
  return formatFloatF(v);
}
