/**
 * Alertmanager's time intervals (timeinterval/timeinterval.go): parsing with its error messages, and whether an
 * instant falls inside, so tests can assert "muted at night" without a running Alertmanager.
 *
 * Times are `HH:MM` (`24:00` ends a day), start before end: a range cannot wrap midnight, so a night is two
 * ranges (`22:00`–`24:00` and `00:00`–`07:00`). Ranges are inclusive `a:b` or single values; weekdays and
 * months take names, days of the month may count from the end (`-1` is the last day).
 */
import type { AmTimeIntervalSpec } from './model.js';

export interface InclusiveRange {
  readonly begin: number;
  readonly end: number;
}

export interface TimeInterval {
  readonly times?: readonly { readonly startMinute: number; readonly endMinute: number }[];
  readonly weekdays?: readonly InclusiveRange[];
  readonly daysOfMonth?: readonly InclusiveRange[];
  readonly months?: readonly InclusiveRange[];
  readonly years?: readonly InclusiveRange[];
  readonly location?: string;
}

export type TimeIntervalResult = { ok: true; interval: TimeInterval } | { ok: false; error: string; field: string; index?: number };

const DAYS: Readonly<Record<string, number>> = { sunday: 0, monday: 1, tuesday: 2, wednesday: 3, thursday: 4, friday: 5, saturday: 6 };
const MONTHS: Readonly<Record<string, number>> = {
  january: 1, february: 2, march: 3, april: 4, may: 5, june: 6, july: 7, august: 8, september: 9, october: 10, november: 11, december: 12,
};
const MONTH_NAMES = Object.fromEntries(Object.entries(MONTHS).map(([k, v]) => [v, k]));

const VALID_TIME = /^((([01][0-9])|(2[0-3])):[0-5][0-9])$|(^24:00$)/;

class IntervalError extends Error {}

/** Go's strconv.Atoi, with its error text. */
function atoi(s: string): number {
  if (!/^[+-]?[0-9]+$/.test(s)) throw new IntervalError(`strconv.Atoi: parsing ${JSON.stringify(s)}: invalid syntax`);
  return Number(s);
}

function rangeFromString(input: string, member: (s: string) => number): InclusiveRange {
  const lower = input.toLowerCase();
  if (lower.includes(':')) {
    const parts = lower.split(':');
    if (parts.length !== 2) throw new IntervalError(`couldn't parse range ${lower}, invalid format`);
    return { begin: member(parts[0]!), end: member(parts[1]!) };
  }
  const v = member(lower);
  return { begin: v, end: v };
}

function weekday(input: string): InclusiveRange {
  const r = rangeFromString(input, (s) => {
    const d = DAYS[s];
    if (d === undefined) throw new IntervalError(`${s} is not a valid weekday`);
    return d;
  });
  if (r.begin > r.end) throw new IntervalError('start day cannot be before end day');
  if (r.begin < 0 || r.begin > 6 || r.end < 0 || r.end > 6) throw new IntervalError(`${input} is not a valid day of the week: out of range`);
  return r;
}

function dayOfMonth(input: string): InclusiveRange {
  const r = rangeFromString(input, atoi);
  if (r.begin === 0 || r.begin < -31 || r.begin > 31) throw new IntervalError(`${r.begin} is not a valid day of the month: out of range`);
  if (r.end === 0 || r.end < -31 || r.end > 31) throw new IntervalError(`${r.end} is not a valid day of the month: out of range`);
  if (r.begin < 0 && r.end > 0) throw new IntervalError('end day must be negative if start day is negative');
  const b = r.begin < 0 ? 28 + r.begin : r.begin;
  const e = r.end < 0 ? 28 + r.end : r.end;
  if (b > e) throw new IntervalError(`end day ${r.end} is always before start day ${r.begin}`);
  return r;
}

function month(input: string): InclusiveRange {
  const r = rangeFromString(input, (s) => {
    const m = MONTHS[s];
    if (m !== undefined) return m;
    try {
      return atoi(s);
    } catch {
      throw new IntervalError(`${s} is not a valid month`);
    }
  });
  if (r.begin > r.end) throw new IntervalError(`end month ${MONTH_NAMES[r.end] ?? ''} is before start month ${MONTH_NAMES[r.begin] ?? ''}`);
  return r;
}

function year(input: string): InclusiveRange {
  const r = rangeFromString(input, atoi);
  if (r.begin > r.end) throw new IntervalError(`end year ${r.end} is before start year ${r.begin}`);
  return r;
}

function parseTime(s: string): number {
  if (!VALID_TIME.test(s)) throw new IntervalError(`couldn't parse timestamp ${s}, invalid format`);
  const [h, m] = s.split(':').map(Number);
  return h! * 60 + m!;
}

/** Whether the IANA zone is known (Go's time.LoadLocation; `Local` and `UTC` always are). */
export function isKnownLocation(name: string): boolean {
  if (name === '' || name === 'UTC' || name === 'Local') return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** One entry of a time interval's `time_intervals`, parsed as Alertmanager does; the first error wins. */
export function parseTimeInterval(spec: AmTimeIntervalSpec): TimeIntervalResult {
  let field = 'times';
  let index: number | undefined;
  try {
    const out: { -readonly [K in keyof TimeInterval]: TimeInterval[K] } = {};
    if (spec.times) {
      out.times = spec.times.map((t, i) => {
        index = i;
        if (!t.start_time || !t.end_time) throw new IntervalError('both start and end times must be provided');
        const start = parseTime(t.start_time);
        const end = parseTime(t.end_time);
        if (start >= end) throw new IntervalError('start time cannot be equal or greater than end time');
        return { startMinute: start, endMinute: end };
      });
    }
    const list = (name: keyof AmTimeIntervalSpec & string, values: readonly string[] | undefined, f: (s: string) => InclusiveRange): InclusiveRange[] | undefined => {
      field = name;
      return values?.map((v, i) => {
        index = i;
        return f(v);
      });
    };
    const weekdays = list('weekdays', spec.weekdays, weekday);
    const days = list('days_of_month', spec.days_of_month, dayOfMonth);
    const months = list('months', spec.months, month);
    const years = list('years', spec.years, year);
    if (weekdays) out.weekdays = weekdays;
    if (days) out.daysOfMonth = days;
    if (months) out.months = months;
    if (years) out.years = years;
    if (spec.location !== undefined) {
      field = 'location';
      index = undefined;
      if (!isKnownLocation(spec.location)) throw new IntervalError(`unknown time zone ${spec.location}`);
      out.location = spec.location;
    }
    return { ok: true, interval: out };
  } catch (e) {
    if (e instanceof IntervalError) return { ok: false, error: e.message, field, ...(index !== undefined ? { index } : {}) };
    throw e;
  }
}

interface CivilTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly weekday: number;
  readonly minuteOfDay: number;
}

/** The wall-clock time at `date` in `zone` (UTC when absent, as Alertmanager evaluates without a location). */
function civil(date: Date, zone: string | undefined): CivilTime {
  const tz = zone === undefined || zone === '' || zone === 'UTC' ? 'UTC' : zone === 'Local' ? undefined : zone;
  const parts = new Intl.DateTimeFormat('en-US', {
    ...(tz ? { timeZone: tz } : {}),
    year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', weekday: 'short', hourCycle: 'h23',
  }).formatToParts(date);
  const get = (t: string): string => parts.find((p) => p.type === t)?.value ?? '0';
  const weekdays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  return {
    year: Number(get('year')),
    month: Number(get('month')),
    day: Number(get('day')),
    weekday: weekdays.indexOf(get('weekday')),
    minuteOfDay: Number(get('hour')) * 60 + Number(get('minute')),
  };
}

const daysIn = (y: number, m: number): number => new Date(Date.UTC(y, m, 0)).getUTCDate();
const clamp = (n: number, min: number, max: number): number => (n <= min ? min : n >= max ? max : n);

/** TimeInterval.ContainsTime. */
export function containsTime(ti: TimeInterval, date: Date): boolean {
  const t = civil(date, ti.location);
  if (ti.times && !ti.times.some((r) => t.minuteOfDay >= r.startMinute && t.minuteOfDay < r.endMinute)) return false;
  if (ti.daysOfMonth) {
    const n = daysIn(t.year, t.month);
    const inside = ti.daysOfMonth.some((r) => {
      let begin = r.begin < 0 ? n + r.begin + 1 : r.begin;
      let end = r.end < 0 ? n + r.end + 1 : r.end;
      if (begin > n) return false;
      begin = clamp(begin, -n, n);
      end = clamp(end, -n, n);
      return t.day >= begin && t.day <= end;
    });
    if (!inside) return false;
  }
  if (ti.months && !ti.months.some((r) => t.month >= r.begin && t.month <= r.end)) return false;
  if (ti.weekdays && !ti.weekdays.some((r) => t.weekday >= r.begin && t.weekday <= r.end)) return false;
  if (ti.years && !ti.years.some((r) => t.year >= r.begin && t.year <= r.end)) return false;
  return true;
}
