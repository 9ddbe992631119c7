/**
 * Go's number and time formatting as Prometheus' messages and labels use it: fmt `%g` / `%.Ng`,
 * labels.FormatOpenMetricsFloat (histogram_quantiles' quantile label) and time.RFC3339 in UTC.
 */

/** Decimal digits of |x| (no leading or trailing zeros) with the decimal point after `dp` digits. */
interface Digits {
  digits: string;
  dp: number;
}

/** The shortest digits that read back as x, as Go's strconv (and JavaScript's toString) choose them. */
function shortestDigits(x: number): Digits {
  if (x === 0) return { digits: '', dp: 0 };
  const [mantissa, exp] = Math.abs(x).toExponential().split('e') as [string, string];
  const digits = mantissa.replace('.', '').replace(/0+$/, '');
  return { digits, dp: Number(exp) + 1 };
}

/** The exact decimal expansion of a finite double. */
function exactDigits(x: number): Digits {
  if (x === 0) return { digits: '', dp: 0 };
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, Math.abs(x));
  const bits = view.getBigUint64(0);
  const biased = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  const mantissa = biased === 0 ? fraction : fraction | (1n << 52n);
  const exponent = biased === 0 ? -1074 : biased - 1075;
  let s: string;
  let dp: number;
  if (exponent >= 0) {
    s = (mantissa << BigInt(exponent)).toString();
    dp = s.length;
  } else {
    // mantissa / 2^k = mantissa * 5^k / 10^k
    s = (mantissa * 5n ** BigInt(-exponent)).toString();
    dp = s.length + exponent;
  }
  return { digits: s.replace(/0+$/, ''), dp };
}

/** Rounds to `n` significant digits, half to even on the exact value, as strconv does for a precision. */
function roundDigits(d: Digits, n: number): Digits {
  if (d.digits.length <= n) return d;
  const keep = d.digits.slice(0, n);
  const next = d.digits.charCodeAt(n) - 48;
  const rest = d.digits.slice(n + 1);
  const lastOdd = n > 0 && (keep.charCodeAt(n - 1) - 48) % 2 === 1;
  const up = next > 5 || (next === 5 && (/[1-9]/.test(rest) || lastOdd));
  if (!up) return { digits: keep.replace(/0+$/, ''), dp: d.dp };
  // Increment the kept digits; a carry out of the first digit adds one in front.
  const arr = keep.split('').map(Number);
  let i = arr.length - 1;
  while (i >= 0 && arr[i] === 9) {
    arr[i] = 0;
    i--;
  }
  if (i < 0) return { digits: '1', dp: d.dp + 1 };
  arr[i] = (arr[i] ?? 0) + 1;
  return { digits: arr.join('').replace(/0+$/, ''), dp: d.dp };
}

function formatE(neg: boolean, d: Digits, prec: number): string {
  let s = neg ? '-' : '';
  s += d.digits[0] ?? '0';
  if (prec > 0) s += `.${d.digits.slice(1, prec + 1).padEnd(prec, '0')}`;
  const exp = d.digits.length === 0 ? 0 : d.dp - 1;
  s += exp < 0 ? 'e-' : 'e+';
  return s + String(Math.abs(exp)).padStart(2, '0');
}

function formatF(neg: boolean, d: Digits, prec: number): string {
  let s = neg ? '-' : '';
  s += d.dp > 0 ? d.digits.slice(0, d.dp).padEnd(d.dp, '0') : '0';
  if (prec > 0) {
    s += '.';
    for (let i = 1; i <= prec; i++) {
      const j = d.dp + i - 1;
      s += j >= 0 && j < d.digits.length ? d.digits[j] : '0';
    }
  }
  return s;
}

function nonFinite(x: number): string | undefined {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return '+Inf';
  if (x === -Infinity) return '-Inf';
  return undefined;
}

/**
 * Go's fmt `%g` (shortest digits; `1e+06`, not JavaScript's `1000000`) or `%.Ng` when `precision` is given
 * (rounded half to even on the exact binary value, trailing zeros dropped).
 */
export function goFormatG(x: number, precision?: number): string {
  const special = nonFinite(x);
  if (special !== undefined) return special;
  const neg = x < 0 || Object.is(x, -0);
  const shortest = precision === undefined;
  let prec = shortest ? 0 : Math.max(precision, 1);
  const d = shortest ? shortestDigits(x) : roundDigits(exactDigits(x), prec);
  if (shortest) prec = d.digits.length;
  // strconv's %g rule: exponent form when the decimal exponent is below -4 or at least the precision; a
  // shortest formatting decides with precision 6.
  let eprec = prec;
  if (eprec > d.digits.length && d.digits.length >= d.dp) eprec = d.digits.length;
  if (shortest) eprec = 6;
  const exp = d.dp - 1;
  if (exp < -4 || exp >= eprec) return formatE(neg, d, Math.min(prec, d.digits.length) - 1);
  if (prec > d.dp) prec = d.digits.length;
  return formatF(neg, d, Math.max(prec - d.dp, 0));
}

/** Prometheus' labels.FormatOpenMetricsFloat: Go's shortest %g with ".0" added to integral values. */
export function formatOpenMetricsFloat(x: number): string {
  const special = nonFinite(x);
  if (special !== undefined) return special;
  const s = goFormatG(x);
  return /[.e]/.test(s) ? s : `${s}.0`;
}

/** The proleptic Gregorian date of a day count since 1970-01-01 (Howard Hinnant's civil_from_days). */
export function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** Days from 1970-01-01 to the given proleptic Gregorian date (Hinnant's days_from_civil). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = month > 2 ? month - 3 : month + 9;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Broken-down UTC time of whole seconds since the epoch, as Go's time.Unix(sec, 0).UTC() reports it. */
export interface CivilTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 0 = Sunday. */
  weekday: number;
  /** 1-based day of the year. */
  yearDay: number;
}

export function civilTime(sec: number): CivilTime {
  const days = Math.floor(sec / 86400);
  const secOfDay = sec - days * 86400;
  const { year, month, day } = civilFromDays(days);
  return {
    year,
    month,
    day,
    hour: Math.floor(secOfDay / 3600),
    minute: Math.floor((secOfDay % 3600) / 60),
    second: secOfDay % 60,
    // 1970-01-01 was a Thursday.
    weekday: (((days + 4) % 7) + 7) % 7,
    yearDay: days - daysFromCivil(year, 1, 1) + 1,
  };
}

/** time.Unix(ms/1000, 0).UTC().Format(time.RFC3339), with Go's truncating integer division. */
export function rfc3339(ms: number): string {
  const t = civilTime(Math.trunc(ms / 1000));
  const p2 = (n: number): string => String(n).padStart(2, '0');
  const year = t.year < 0 ? `-${String(-t.year).padStart(4, '0')}` : String(t.year).padStart(4, '0');
  return `${year}-${p2(t.month)}-${p2(t.day)}T${p2(t.hour)}:${p2(t.minute)}:${p2(t.second)}Z`;
}
