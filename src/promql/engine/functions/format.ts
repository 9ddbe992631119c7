/**
 * Go's number and time formatting as Prometheus' messages and labels use it: fmt `%g` / `%.Ng`,
 * labels.FormatOpenMetricsFloat (histogram_quantiles' quantile label) and time.RFC3339 in UTC.
 */
import { formatGoFloat } from '../../../go/strconv.js';
import { civilFromDays, daysFromCivil } from '../../../go/time.js';

/**
 * Go's fmt `%g` (shortest digits; `1e+06`, not JavaScript's `1000000`) or `%.Ng` when `precision` is given
 * (rounded half to even on the exact binary value, trailing zeros dropped).
 */
export function goFormatG(x: number, precision?: number): string {
  return formatGoFloat(x, 'g', precision === undefined ? -1 : Math.max(precision, 1));
}

/** Prometheus' labels.FormatOpenMetricsFloat: Go's shortest %g with ".0" added to integral values. */
export function formatOpenMetricsFloat(x: number): string {
  const s = goFormatG(x);
  return !Number.isFinite(x) || /[.e]/.test(s) ? s : `${s}.0`;
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
