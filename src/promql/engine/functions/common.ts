/**
 * What every function module shares: argument access, result samples with Prometheus' metric-name dropping,
 * annotations with the position Prometheus reports them at, and the float helpers whose Go behaviour differs
 * from JavaScript's (math.Max/Min, Kahan summation, int64 conversion, byte-order string comparison).
 */
import { atLeast } from '../../../config/version.js';
export { compareGoStrings } from '../../../go/strings.js';
export { compareLabels, labelsKey } from '../labels.js';
import type { Expr, Span, VectorSelector } from '../../ast.js';
import { unwrapParens } from '../../ast.js';
import type { Annotation, EngineOptions, FunctionCall, Labels, Point, RangeSeries, Sample } from '../types.js';

// ---------------------------------------------------------------------------------------------------------
// Engine settings that EngineOptions does not (yet) declare.

/**
 * Prometheus engine settings that change function results. They are read from EngineOptions when the engine
 * sets them (`delayedNameRemoval`, `typeAndUnitLabels`); both default to off, as in a Prometheus server.
 * Prometheus' own test engine (the conformance scripts) runs with delayed name removal on.
 */
export interface RuntimeFlags {
  /** `--enable-feature=promql-delayed-name-removal`: `__name__` stays until the end of the evaluation. */
  readonly delayedNameRemoval: boolean;
  /** `--enable-feature=type-and-unit-labels`: rate()'s counter check looks at `__type__` instead of the name. */
  readonly typeAndUnitLabels: boolean;
}

export function runtimeFlags(options: EngineOptions): RuntimeFlags {
  return {
    delayedNameRemoval: 'delayedNameRemoval' in options && options.delayedNameRemoval === true,
    typeAndUnitLabels: 'typeAndUnitLabels' in options && options.typeAndUnitLabels === true,
  };
}

export function versionAtLeast(call: FunctionCall, since: string): boolean {
  return atLeast(call.options.prometheusVersion, since);
}

// ---------------------------------------------------------------------------------------------------------
// Annotations.

/**
 * An annotation plus the expression Prometheus attaches it to. Prometheus prints annotations as
 * `<message> (<line>:<col>)` with the start of that expression; the engine, which has the query text, appends
 * that suffix. Prometheus also deduplicates annotations by message (ignoring the position).
 */
export interface PositionedAnnotation extends Annotation {
  readonly position: Span;
}

export function annotate(call: FunctionCall, kind: Annotation['kind'], message: string, at: Span): void {
  const a: PositionedAnnotation = { kind, message, position: { from: at.from, to: at.to } };
  call.annotate(a);
}

/** The i-th argument expression as Prometheus' engine sees it: parentheses around arguments are removed. */
export function argNode(call: FunctionCall, i: number): Expr {
  const e = call.node.args[i];
  if (!e) throw new Error(`internal: ${call.node.func}() has no argument ${i}`);
  return unwrapParens(e);
}

/**
 * Where Prometheus reports annotations about a range argument. A subquery argument is replaced by an
 * evaluated selector without a position before the function runs, so those report the query's start.
 */
export function rangeArgPosition(call: FunctionCall, i: number): Span {
  const e = argNode(call, i);
  return e.kind === 'Subquery' ? { from: 0, to: 0 } : e;
}

/** The selector of a range argument written as `selector[range]`, or undefined for a subquery. */
export function rangeSelectorOf(call: FunctionCall, i: number): VectorSelector | undefined {
  const e = argNode(call, i);
  return e.kind === 'MatrixSelector' ? e.selector : undefined;
}

// ---------------------------------------------------------------------------------------------------------
// Arguments. A wrong type means the engine broke the FunctionImpl contract, hence plain Errors.

export function vectorArg(call: FunctionCall, i: number): readonly Sample[] {
  const a = call.args[i];
  if (a?.type !== 'vector') throw new Error(`internal: ${call.node.func}() argument ${i} is not an instant vector`);
  return a.samples;
}

export function matrixArg(call: FunctionCall, i: number): readonly RangeSeries[] {
  const a = call.args[i];
  if (a?.type !== 'matrix') throw new Error(`internal: ${call.node.func}() argument ${i} is not a range vector`);
  return a.series;
}

export function scalarArg(call: FunctionCall, i: number): number {
  const a = call.args[i];
  if (a?.type !== 'scalar') throw new Error(`internal: ${call.node.func}() argument ${i} is not a scalar`);
  return a.v;
}

export function stringArg(call: FunctionCall, i: number): string {
  const a = call.args[i];
  if (a?.type !== 'string') throw new Error(`internal: ${call.node.func}() argument ${i} is not a string`);
  return a.v;
}

/** The selection window of a range argument; rate() and friends cannot work without it. */
export function windowOf(call: FunctionCall): { readonly start: number; readonly end: number } {
  if (!call.window) throw new Error(`internal: ${call.node.func}() called without its range window`);
  return call.window;
}

// ---------------------------------------------------------------------------------------------------------
// Labels and results.

export const METRIC_NAME = '__name__';

/** Prometheus' schema.IsMetadataLabel: the labels dropped together with the metric name. */
const METADATA_LABELS: ReadonlySet<string> = new Set([METRIC_NAME, '__type__', '__unit__']);

export function withoutMetadataLabels(metric: Labels): Labels {
  let drop = false;
  for (const k of METADATA_LABELS) if (k in metric) drop = true;
  if (!drop) return metric;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(metric)) if (!METADATA_LABELS.has(k)) out[k] = v;
  return out;
}

export function metricName(metric: Labels): string {
  return metric[METRIC_NAME] ?? '';
}

/**
 * A function result for one series. With `dropName`, Prometheus marks the sample for name removal: without
 * delayed name removal it strips `__name__`/`__type__`/`__unit__` right away, with it the labels stay and the
 * engine strips them at the end (Sample.dropName).
 */
export function result(call: FunctionCall, metric: Labels, v: number, dropName: boolean): Sample {
  if (!dropName) return { metric, t: call.ts, v };
  const m = runtimeFlags(call.options).delayedNameRemoval ? metric : withoutMetadataLabels(metric);
  return { metric: m, t: call.ts, v, dropName: true };
}

/** Whether a range argument's series was already marked for name removal (a subquery over such results). */
export function seriesDropsName(s: RangeSeries): boolean {
  return 'dropName' in s && s.dropName === true;
}

/** Samples of a labels-only result such as vector() or time(): no labels, nothing to drop. */
export function bareSample(call: FunctionCall, v: number): Sample {
  return { metric: {}, t: call.ts, v };
}

/**
 * Applies a per-series computation over the range argument at index `i`, skipping series without points (the
 * engine never calls Prometheus' function for those) and results of `undefined` (no output for that series).
 */
export function overSeries(
  call: FunctionCall,
  i: number,
  dropName: boolean,
  fn: (points: readonly Point[], series: RangeSeries) => number | undefined,
): Sample[] {
  const out: Sample[] = [];
  for (const s of matrixArg(call, i)) {
    if (s.points.length === 0) continue;
    const v = fn(s.points, s);
    if (v === undefined) continue;
    out.push(result(call, s.metric, v, dropName || seriesDropsName(s)));
  }
  return out;
}




// ---------------------------------------------------------------------------------------------------------
// Go float semantics.

const isInf = (x: number): boolean => x === Infinity || x === -Infinity;

/** Go's math.Max: +Inf wins even over NaN, and +0 beats -0. */
export function goMax(x: number, y: number): number {
  if (x === Infinity || y === Infinity) return Infinity;
  if (Number.isNaN(x) || Number.isNaN(y)) return NaN;
  if (x === 0 && y === 0) return Object.is(x, -0) ? y : x;
  return x > y ? x : y;
}

/** Go's math.Min: -Inf wins even over NaN, and -0 beats +0. */
export function goMin(x: number, y: number): number {
  if (x === -Infinity || y === -Infinity) return -Infinity;
  if (Number.isNaN(x) || Number.isNaN(y)) return NaN;
  if (x === 0 && y === 0) return Object.is(x, -0) ? x : y;
  return x < y ? x : y;
}

/** The smallest positive normal float64. */
const MIN_NORMAL = 2.2250738585072014e-308;

/** Prometheus' util/almost.Equal: relative difference below epsilon; NaN equals NaN. */
export function almostEqual(a: number, b: number, epsilon: number): boolean {
  if (Number.isNaN(a) && Number.isNaN(b)) return true;
  if (a === b) return true;
  const absSum = Math.abs(a) + Math.abs(b);
  const diff = Math.abs(a - b);
  if (a === 0 || b === 0 || absSum < MIN_NORMAL) return diff < epsilon * MIN_NORMAL;
  return diff / Math.min(absSum, Number.MAX_VALUE) < epsilon;
}

/**
 * Prometheus' kahansum.Inc (Kahan-Babuska-Neumaier): adds `inc` to `sum` and returns the new sum and
 * compensation. An infinite sum resets the compensation, so Inf results stay Inf instead of becoming NaN.
 */
export function kahanInc(inc: number, sum: number, c: number): [number, number] {
  const t = sum + inc;
  if (isInf(t)) return [t, 0];
  if (Math.abs(sum) >= Math.abs(inc)) return [t, c + (sum - t + inc)];
  return [t, c + (inc - t + sum)];
}

/**
 * Go's int64(f) on amd64: truncation toward zero; NaN and values outside the int64 range give the "integer
 * indefinite" value -2^63 (the conversion is implementation-defined in Go; amd64 is what Prometheus ships).
 */
export function goInt64(f: number): number {
  if (Number.isNaN(f) || f >= 2 ** 63 || f < -(2 ** 63)) return -(2 ** 63);
  return Math.trunc(f);
}

/** time.Duration(ms).Seconds(): whole seconds plus the nanosecond remainder / 1e9, as Go computes it. */
export function durationSeconds(ms: number): number {
  const sec = Math.trunc(ms / 1000);
  const nsec = (ms - sec * 1000) * 1e6;
  return sec + nsec / 1e9;
}

/**
 * Go's sort.Search: the first index in [0, n) where pred holds, by bisection, assuming pred is false then
 * true. Kept as a bisection (not a scan) so that inputs breaking that assumption (NaN) give Go's answer.
 */
export function search(n: number, pred: (i: number) => boolean): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (pred(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * Prometheus' quantile over plain values (quantile_over_time, mad_over_time): linear interpolation between the
 * two nearest ranks; NaN for no values or a NaN q, -Inf/+Inf for q below 0/above 1. NaN values sort first.
 */
export function quantileOf(q: number, values: readonly number[]): number {
  if (values.length === 0 || Number.isNaN(q)) return NaN;
  if (q < 0) return -Infinity;
  if (q > 1) return Infinity;
  const sorted = [...values].sort((a, b) => {
    if (Number.isNaN(a)) return Number.isNaN(b) ? 0 : -1;
    if (Number.isNaN(b)) return 1;
    return a < b ? -1 : a > b ? 1 : 0;
  });
  const n = sorted.length;
  const rank = q * (n - 1);
  const lower = Math.max(0, Math.floor(rank));
  const upper = Math.min(n - 1, lower + 1);
  const weight = rank - Math.floor(rank);
  return (sorted[lower] ?? NaN) * (1 - weight) + (sorted[upper] ?? NaN) * weight;
}
