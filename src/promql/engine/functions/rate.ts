/**
 * Counter and gauge change functions: rate, increase, delta (extrapolated to the window edges, or measured
 * exactly at the edges with the `anchored`/`smoothed` selector modifiers), irate, idelta, deriv,
 * predict_linear, resets and changes. Float samples only; start timestamps (`use-start-timestamps`) are not
 * modelled, so a window needs two samples for a rate.
 */
import { goQuote } from '../../../go/strconv.js';
import type { FunctionCall, FunctionImpl, Point, Sample } from '../types.js';
import {
  annotate,
  durationSeconds,
  kahanInc,
  matrixArg,
  metricName,
  overSeries,
  rangeArgPosition,
  rangeSelectorOf,
  result,
  runtimeFlags,
  scalarArg,
  search,
  windowOf,
} from './common.js';

interface Window {
  readonly start: number;
  readonly end: number;
}

/**
 * Prometheus' extrapolatedRate for floats. The raw change (counter resets added back for counters) is
 * extrapolated from the first/last sample to the window edges, but only when the gap to the edge is within
 * 1.1× the average sample interval; otherwise by half an interval, assuming the series starts or ends inside
 * the window. A counter is never extrapolated below zero.
 */
export function extrapolatedRate(
  points: readonly Point[],
  window: Window,
  isCounter: boolean,
  isRate: boolean,
): number | undefined {
  const n = points.length;
  const first = points[0];
  const last = points[n - 1];
  if (!first || !last || n < 2) return undefined;
  let change = last.v - first.v;
  if (isCounter) {
    for (let i = 1; i < n; i++) {
      const prev = points[i - 1]?.v ?? NaN;
      if ((points[i]?.v ?? NaN) < prev) change += prev;
    }
  }
  let durationToStart = (first.t - window.start) / 1000;
  let durationToEnd = (window.end - last.t) / 1000;
  const sampledInterval = (last.t - first.t) / 1000;
  const averageInterval = sampledInterval / (n - 1);
  const threshold = averageInterval * 1.1;
  if (durationToStart >= threshold) durationToStart = averageInterval / 2;
  if (isCounter) {
    // Where a straight line through the samples would reach zero, if that is closer than the start.
    let durationToZero = durationToStart;
    if (change > 0 && first.v >= 0) durationToZero = sampledInterval * (first.v / change);
    if (durationToZero < durationToStart) durationToStart = durationToZero;
  }
  if (durationToEnd >= threshold) durationToEnd = averageInterval / 2;
  let factor = 1;
  if (sampledInterval !== 0) factor = (sampledInterval + durationToStart + durationToEnd) / sampledInterval;
  if (isRate) factor /= durationSeconds(window.end - window.start);
  return change * factor;
}

/** Linear interpolation at t; across a counter reset the counter is taken to restart from zero. */
function interpolate(p1: Point, p2: Point, t: number, isCounter: boolean): number {
  const y1 = isCounter && p2.v < p1.v ? 0 : p1.v;
  return y1 + ((p2.v - y1) * (t - p1.t)) / (p2.t - p1.t);
}

/**
 * Prometheus' extendedRate (rate/increase/delta over an `anchored` or `smoothed` range). The engine selects
 * extra samples: for `anchored` the lookback delta before the window, for `smoothed` also after it. Anchored
 * takes the last sample at or before the window start as the starting value; smoothed interpolates the values
 * at both window edges. No extrapolation.
 */
export function extendedRate(
  points: readonly Point[],
  window: Window,
  smoothed: boolean,
  isCounter: boolean,
  isRate: boolean,
): number | undefined {
  const at = (i: number): Point => {
    const p = points[i];
    if (!p) throw new Error('internal: point index out of range');
    return p;
  };
  let lastIdx = points.length - 1;
  let firstIdx = Math.max(0, search(lastIdx, (i) => at(i).t > window.start) - 1);
  if (smoothed) lastIdx = search(lastIdx, (i) => at(i).t >= window.end);
  if (at(lastIdx).t <= window.start) return undefined;
  if (smoothed && at(firstIdx).t > window.end) return undefined;

  const left =
    smoothed && at(firstIdx).t < window.start
      ? interpolate(at(firstIdx), at(firstIdx + 1), window.start, isCounter)
      : at(firstIdx).v;
  const right =
    smoothed && lastIdx > 0 && at(lastIdx).t > window.end
      ? interpolate(at(lastIdx - 1), at(lastIdx), window.end, isCounter)
      : at(lastIdx).v;
  let change = right - left;
  if (isCounter) {
    // Resets at the edges are already in the interpolated values; count those strictly inside the window.
    if (at(firstIdx).t <= window.start) firstIdx++;
    if (at(lastIdx).t >= window.end) lastIdx--;
    let prev = left;
    let correction = 0;
    for (let i = firstIdx; i <= lastIdx; i++) {
      const v = at(i).v;
      if (v < prev) correction += prev;
      prev = v;
    }
    if (right < prev) correction += prev;
    change += correction;
  }
  if (isRate) change /= durationSeconds(window.end - window.start);
  return change;
}

const COUNTER_SUFFIXES = ['_total', '_sum', '_count', '_bucket'];

function rateLike(isCounter: boolean, isRate: boolean): FunctionImpl {
  return (call) => {
    const window = windowOf(call);
    const sel = rangeSelectorOf(call, 0);
    const extended = sel !== undefined && (sel.anchored || sel.smoothed);
    const out: Sample[] = [];
    const flags = runtimeFlags(call.options);
    // Prometheus checks the counter naming only for rate() and increase(), not delta() (a gauge function).
    const checkCounter = call.node.func === 'rate' || call.node.func === 'increase';
    for (const s of matrixArg(call, 0)) {
      if (s.points.length === 0) continue;
      const v = extended
        ? extendedRate(s.points, window, sel.smoothed, isCounter, isRate)
        : extrapolatedRate(s.points, window, isCounter, isRate);
      if (v === undefined) continue;
      out.push(result(call, s.metric, v, true));
      const name = metricName(s.metric);
      if (!checkCounter || name === '') continue;
      if (flags.typeAndUnitLabels) {
        const type = s.metric['__type__'] ?? '';
        if (type !== 'counter' && type !== 'histogram') {
          const msg = `PromQL info: metric might not be a counter, __type__ label is not set to "counter" or "histogram", got ${goQuote(type)}: ${goQuote(name)}`;
          annotate(call, 'info', msg, rangeArgPosition(call, 0));
        }
      } else if (!COUNTER_SUFFIXES.some((suffix) => name.endsWith(suffix))) {
        const msg = `PromQL info: metric might not be a counter, name does not end in _total/_sum/_count/_bucket: ${goQuote(name)}`;
        annotate(call, 'info', msg, rangeArgPosition(call, 0));
      }
    }
    return out;
  };
}

/** irate/idelta: the last two samples only; irate treats a decrease as a counter reset. */
export function instantValue(points: readonly Point[], isRate: boolean): number | undefined {
  const prev = points[points.length - 2];
  const last = points[points.length - 1];
  if (!prev || !last) return undefined;
  const interval = last.t - prev.t;
  if (interval === 0) return undefined;
  // After a reset the counter restarted from zero, so its current value is the increase.
  let v = isRate && last.v < prev.v ? last.v : last.v - prev.v;
  if (isRate) v /= interval / 1000;
  return v;
}

/**
 * Least-squares fit of value over time (seconds relative to `interceptTime`), with Kahan sums as in
 * Prometheus. A constant series has slope 0 (NaN for a constant infinite value).
 */
export function linearRegression(points: readonly Point[], interceptTime: number): [slope: number, intercept: number] {
  let n = 0;
  let [sumX, cX, sumY, cY, sumXY, cXY, sumX2, cX2] = [0, 0, 0, 0, 0, 0, 0, 0];
  const initY = points[0]?.v ?? NaN;
  let constY = true;
  points.forEach((p, i) => {
    if (constY && i > 0 && p.v !== initY) constY = false;
    n += 1;
    const x = (p.t - interceptTime) / 1e3;
    [sumX, cX] = kahanInc(x, sumX, cX);
    [sumY, cY] = kahanInc(p.v, sumY, cY);
    [sumXY, cXY] = kahanInc(x * p.v, sumXY, cXY);
    [sumX2, cX2] = kahanInc(x * x, sumX2, cX2);
  });
  if (constY) {
    if (initY === Infinity || initY === -Infinity) return [NaN, NaN];
    return [0, initY];
  }
  sumX += cX;
  sumY += cY;
  sumXY += cXY;
  sumX2 += cX2;
  const covXY = sumXY - (sumX * sumY) / n;
  const varX = sumX2 - (sumX * sumX) / n;
  const slope = covXY / varX;
  const intercept = sumY / n - (slope * sumX) / n;
  return [slope, intercept];
}

/**
 * The index to start resets()/changes() from. Over an `anchored` range it is the last sample at or before the
 * window start (the anchor), and without a sample after the start there is no result.
 */
function firstIndex(call: FunctionCall, points: readonly Point[]): number | undefined {
  const sel = rangeSelectorOf(call, 0);
  if (!sel?.anchored) return 0;
  const start = windowOf(call).start;
  const lastAtOrBefore = search(points.length, (i) => (points[i]?.t ?? Infinity) > start) - 1;
  if (lastAtOrBefore + 1 >= points.length) return undefined;
  return Math.max(0, lastAtOrBefore);
}

function countTransitions(isTransition: (prev: number, cur: number) => boolean): FunctionImpl {
  return (call) =>
    overSeries(call, 0, true, (points) => {
      const from = firstIndex(call, points);
      if (from === undefined) return undefined;
      let count = 0;
      for (let i = from + 1; i < points.length; i++) {
        if (isTransition(points[i - 1]?.v ?? NaN, points[i]?.v ?? NaN)) count++;
      }
      return count;
    });
}

export const RATE_FUNCTIONS: ReadonlyMap<string, FunctionImpl> = new Map<string, FunctionImpl>([
  ['rate', rateLike(true, true)],
  ['increase', rateLike(true, false)],
  ['delta', rateLike(false, false)],
  ['irate', (call) => overSeries(call, 0, true, (points) => instantValue(points, true))],
  ['idelta', (call) => overSeries(call, 0, true, (points) => instantValue(points, false))],
  [
    'deriv',
    // Regression around the first sample's time keeps the x values small (prometheus#2674).
    (call) => overSeries(call, 0, true, (points) => (points.length < 2 ? undefined : linearRegression(points, points[0]?.t ?? 0)[0])),
  ],
  [
    'predict_linear',
    (call) => {
      const duration = scalarArg(call, 1);
      return overSeries(call, 0, true, (points) => {
        if (points.length < 2) return undefined;
        // The intercept is at the evaluation time (not the window end, which an offset moves).
        const [slope, intercept] = linearRegression(points, call.ts);
        return slope * duration + intercept;
      });
    },
  ],
  ['resets', countTransitions((prev, cur) => cur < prev)],
  // NaN to NaN is no change, although NaN != NaN.
  ['changes', countTransitions((prev, cur) => cur !== prev && !(Number.isNaN(cur) && Number.isNaN(prev)))],
]);
