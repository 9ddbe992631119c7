/**
 * time(), timestamp() and the calendar functions (UTC). Without an argument a calendar function reads the
 * evaluation time and returns one sample without labels; with one it reads each sample's value as Unix
 * seconds and drops the metric name.
 */
import type { FunctionCall, FunctionImpl, Sample } from '../types.js';
import { bareSample, goInt64, result, vectorArg } from './common.js';
import { daysFromCivil } from '../../../go/time.js';
import { civilTime, type CivilTime } from './format.js';

/** Days in the month of t: Go computes it as 32 minus the day that "day 32" of the month normalises to. */
function daysInMonth(t: CivilTime): number {
  const nextMonth = t.month === 12 ? daysFromCivil(t.year + 1, 1, 1) : daysFromCivil(t.year, t.month + 1, 1);
  return nextMonth - daysFromCivil(t.year, t.month, 1);
}

function calendar(f: (t: CivilTime) => number): FunctionImpl {
  return (call: FunctionCall): Sample[] => {
    // Go's integer division truncates toward zero, also for times before 1970.
    if (call.args.length === 0) return [bareSample(call, f(civilTime(Math.trunc(call.ts / 1000))))];
    // int64(value): fractions are truncated; NaN and out-of-range values follow Go on amd64.
    return vectorArg(call, 0).map((s) => result(call, s.metric, f(civilTime(goInt64(s.v))), true));
  };
}

export const TIME_FUNCTIONS: ReadonlyMap<string, FunctionImpl> = new Map<string, FunctionImpl>([
  ['time', (call) => [bareSample(call, call.ts / 1000)]],
  [
    'timestamp',
    // Sample.t: for a plain selector argument the engine passes the stored sample's time (Prometheus'
    // special case); for any other argument it is the evaluation time.
    (call) => vectorArg(call, 0).map((s) => result(call, s.metric, s.t / 1000, true)),
  ],
  // Needs --enable-feature=use-start-timestamps and stored start timestamps, which this engine does not
  // model; Prometheus without them returns nothing as well.
  ['start_timestamp', () => []],
  ['year', calendar((t) => t.year)],
  ['month', calendar((t) => t.month)],
  ['day_of_month', calendar((t) => t.day)],
  ['day_of_week', calendar((t) => t.weekday)],
  ['day_of_year', calendar((t) => t.yearDay)],
  ['days_in_month', calendar(daysInMonth)],
  ['hour', calendar((t) => t.hour)],
  ['minute', calendar((t) => t.minute)],
]);
