/**
 * The *_over_time aggregations of each series' samples in the window. All drop the metric name except
 * first_over_time and last_over_time, which act like an offset and keep it. absent_over_time lives in
 * vector.ts with absent().
 */
import { goFormatG } from './format.js';
import type { FunctionImpl, Point } from '../types.js';
import { annotate, argNode, kahanInc, matrixArg, overSeries, quantileOf, scalarArg } from './common.js';

/**
 * Prometheus' avg_over_time: a Kahan-compensated sum divided by the count, switching to an incremental mean
 * once the running sum would overflow (so large finite inputs still average to a finite value).
 */
export function average(points: readonly Point[]): number {
  let sum = points[0]?.v ?? NaN;
  let count = 1;
  let mean = 0;
  let c = 0;
  let incremental = false;
  for (let i = 1; i < points.length; i++) {
    const v = points[i]?.v ?? NaN;
    count = i + 1;
    if (!incremental) {
      const [newSum, newC] = kahanInc(v, sum, c);
      if (newSum !== Infinity && newSum !== -Infinity) {
        sum = newSum;
        c = newC;
        continue;
      }
      incremental = true;
      mean = sum / (count - 1);
      c /= count - 1;
    }
    const q = (count - 1) / count;
    [mean, c] = kahanInc(v / count, q * mean, q * c);
  }
  if (incremental) return mean + c;
  return sum / count + c / count;
}

export function sum(points: readonly Point[]): number {
  let s = 0;
  let c = 0;
  for (const p of points) [s, c] = kahanInc(p.v, s, c);
  // An infinite sum has no meaningful compensation (it would turn Inf into NaN).
  if (s === Infinity || s === -Infinity) return s;
  return s + c;
}

/** Population variance by Welford's method with Kahan-compensated running mean and sum of squares. */
export function variance(points: readonly Point[]): number {
  let count = 0;
  let mean = 0;
  let cMean = 0;
  let aux = 0;
  let cAux = 0;
  for (const p of points) {
    count++;
    const delta = p.v - (mean + cMean);
    [mean, cMean] = kahanInc(delta / count, mean, cMean);
    [aux, cAux] = kahanInc(delta * (p.v - (mean + cMean)), aux, cAux);
  }
  return (aux + cAux) / count;
}

/**
 * The value (or its time) preferred by `better` over the window. NaN only wins when every value is NaN; ties
 * go to the later sample for the ts_of_* variants (their comparisons include equality).
 */
function pick(points: readonly Point[], better: (cur: number, best: number) => boolean, timestamp: boolean): number {
  let best = points[0]?.v ?? NaN;
  let bestT = points[0]?.t ?? 0;
  for (const p of points) {
    if (better(p.v, best) || Number.isNaN(best)) {
      best = p.v;
      bestT = p.t;
    }
  }
  return timestamp ? bestT / 1000 : best;
}

/** Median absolute deviation from the median; any NaN makes it NaN (Prometheus 3.14 behaviour). */
export function mad(points: readonly Point[]): number {
  const values = points.map((p) => p.v);
  if (values.some((v) => Number.isNaN(v))) return NaN;
  const median = quantileOf(0.5, values);
  return quantileOf(
    0.5,
    values.map((v) => Math.abs(v - median)),
  );
}

const over = (fn: (points: readonly Point[]) => number, dropName = true): FunctionImpl =>
  (call) => overSeries(call, 0, dropName, fn);

export const OVER_TIME_FUNCTIONS: ReadonlyMap<string, FunctionImpl> = new Map<string, FunctionImpl>([
  ['avg_over_time', over(average)],
  ['sum_over_time', over(sum)],
  ['count_over_time', over((points) => points.length)],
  ['min_over_time', over((points) => pick(points, (cur, best) => cur < best, false))],
  ['max_over_time', over((points) => pick(points, (cur, best) => cur > best, false))],
  ['ts_of_min_over_time', over((points) => pick(points, (cur, best) => cur <= best, true))],
  ['ts_of_max_over_time', over((points) => pick(points, (cur, best) => cur >= best, true))],
  ['ts_of_first_over_time', over((points) => (points[0]?.t ?? NaN) / 1000)],
  ['ts_of_last_over_time', over((points) => (points[points.length - 1]?.t ?? NaN) / 1000)],
  ['first_over_time', over((points) => points[0]?.v ?? NaN, false)],
  ['last_over_time', over((points) => points[points.length - 1]?.v ?? NaN, false)],
  ['stdvar_over_time', over(variance)],
  ['stddev_over_time', over((points) => Math.sqrt(variance(points)))],
  ['present_over_time', over(() => 1)],
  ['mad_over_time', over(mad)],
  [
    'quantile_over_time',
    (call) => {
      const q = scalarArg(call, 0);
      // Warned once per series with samples (and deduplicated by message), not when nothing is selected.
      if ((Number.isNaN(q) || q < 0 || q > 1) && matrixArg(call, 1).some((s) => s.points.length > 0)) {
        annotate(call, 'warning', `PromQL warning: quantile value should be between 0 and 1, got ${goFormatG(q)}`, argNode(call, 0));
      }
      return overSeries(call, 1, true, (points) => quantileOf(q, points.map((p) => p.v)));
    },
  ],
]);
