/**
 * Native histogram samples in function calls. The function implementations of this folder work on floats;
 * the engine calls them through `callWithHistograms`, which
 * - computes the functions Prometheus defines for histograms (histogram_count/sum/avg/stddev/stdvar/fraction/
 *   quantile, rate/increase/delta/irate/idelta, resets/changes, sum/avg/last/first_over_time and the
 *   functions that only look at whether and when samples exist) for histogram samples, and
 * - hands every other function only the float samples, as Prometheus' float functions ignore histograms
 *   (with an info for range functions whose range mixes floats and histograms).
 */
import { goQuote } from '../../../go/strconv.js';
import type { FloatHistogram } from '../histogram.js';
import {
  addHistograms,
  allBuckets,
  compactHistogram,
  detectReset,
  divideHistogram,
  HistogramError,
  histogramsEqual,
  reduceResolution,
  scaleHistogram,
  usesCustomBuckets,
} from '../histogram.js';
import type { FunctionCall, FunctionImpl, Point, RangeSeries, Sample, Value } from '../types.js';
import { annotate, argNode, durationSeconds, kahanInc, labelsKey, metricName, rangeArgPosition, result, scalarArg, windowOf } from './common.js';

const hasHistograms = (args: readonly Value[]): boolean =>
  args.some((a) => (a.type === 'vector' ? a.samples.some((s) => s.h) : a.type === 'matrix' ? a.series.some((s) => s.points.some((p) => p.h)) : false));

const withArgs = (call: FunctionCall, args: readonly Value[]): FunctionCall => ({ ...call, args });

const histogramSample = (call: FunctionCall, s: { metric: Sample['metric'] }, h: FloatHistogram, dropName = true): Sample => ({
  ...result(call, s.metric, 0, dropName),
  h,
});

/** The arguments with histogram samples left out (series left with no points are dropped). */
function floatsOnly(args: readonly Value[]): Value[] {
  return args.map((a): Value => {
    if (a.type === 'vector') return { type: 'vector', samples: a.samples.filter((s) => !s.h) };
    if (a.type === 'matrix') {
      const series: RangeSeries[] = [];
      for (const s of a.series) {
        const points = s.points.filter((p) => !p.h);
        if (points.length > 0) series.push(points.length === s.points.length ? s : { ...s, points });
      }
      return { type: 'matrix', series };
    }
    return a;
  });
}

/** Histogram samples turned into floats of value 0, for functions that only look at presence and time. */
function presenceOnly(args: readonly Value[]): Value[] {
  const flat = (p: Point): Point => (p.h ? { t: p.t, v: 0 } : p);
  return args.map((a): Value => {
    if (a.type === 'vector') return { type: 'vector', samples: a.samples.map((s) => (s.h ? { metric: s.metric, t: s.t, v: 0, ...(s.dropName ? { dropName: true } : {}) } : s)) };
    if (a.type === 'matrix') return { type: 'matrix', series: a.series.map((s) => ({ ...s, points: s.points.map(flat) })) };
    return a;
  });
}

const matrixIndex = (call: FunctionCall): number => call.args.findIndex((a) => a.type === 'matrix');

type NativeImpl = (call: FunctionCall, floatImpl: FunctionImpl) => readonly Sample[];

/** Float impl for float-only series, `onHistograms` for histogram-only series; mixed series get `onMixed`. */
function perSeries(
  onHistograms: (call: FunctionCall, s: RangeSeries) => Sample | undefined,
  onMixed: 'warn-drop' | 'info-floats' | ((call: FunctionCall, s: RangeSeries) => Sample | undefined),
): NativeImpl {
  return (call, floatImpl) => {
    const mi = matrixIndex(call);
    const series = (call.args[mi] as Extract<Value, { type: 'matrix' }>).series;
    const floatSeries: RangeSeries[] = [];
    const out: Sample[] = [];
    for (const s of series) {
      const nh = s.points.filter((p) => p.h).length;
      if (nh === 0) {
        floatSeries.push(s);
      } else if (nh === s.points.length) {
        const r = onHistograms(call, s);
        if (r) out.push(r);
      } else if (onMixed === 'warn-drop') {
        annotate(call, 'warning', `PromQL warning: encountered a mix of histograms and floats for metric name ${goQuote(metricName(s.metric))}`, rangeArgPosition(call, mi));
      } else if (onMixed === 'info-floats') {
        annotate(call, 'info', `PromQL info: ignored histograms in a range containing both floats and histograms for metric name ${goQuote(metricName(s.metric))}`, rangeArgPosition(call, mi));
        floatSeries.push({ ...s, points: s.points.filter((p) => !p.h) });
      } else {
        const r = onMixed(call, s);
        if (r) out.push(r);
      }
    }
    const args = call.args.map((a, i): Value => (i === mi ? { type: 'matrix', series: floatSeries } : a));
    return [...floatImpl(withArgs(call, args)), ...out];
  };
}

const histogramsOf = (s: RangeSeries): FloatHistogram[] => s.points.map((p) => p.h).filter((h): h is FloatHistogram => h !== undefined);

function mixedSchemasWarning(call: FunctionCall, s: { metric: Sample['metric'] }, i: number): void {
  annotate(call, 'warning', `PromQL warning: vector contains a mix of histograms with exponential and custom buckets schemas for metric name ${goQuote(metricName(s.metric))}`, rangeArgPosition(call, i));
}

/** Sums histograms; undefined (after a warning) when exponential and custom buckets are mixed. */
function sumHistograms(call: FunctionCall, s: { metric: Sample['metric'] }, hs: readonly FloatHistogram[], i: number): FloatHistogram | undefined {
  let acc = hs[0] as FloatHistogram;
  for (const h of hs.slice(1)) {
    try {
      const r = addHistograms(acc, h);
      if (r.nhcbBoundsReconciled) annotate(call, 'info', 'PromQL info: mismatched custom buckets were reconciled during aggregation', rangeArgPosition(call, i));
      acc = r.h;
    } catch (err) {
      if (!(err instanceof HistogramError)) throw err;
      mixedSchemasWarning(call, s, i);
      return undefined;
    }
  }
  return acc;
}

// ---- rate, increase, delta ----

function histogramRate(call: FunctionCall, s: RangeSeries, isCounter: boolean, isRate: boolean): Sample | undefined {
  const pts = s.points;
  if (pts.length < 2) return undefined;
  const mi = matrixIndex(call);
  const name = metricName(s.metric);
  const hs = histogramsOf(s);
  let prev = hs[0] as FloatHistogram;
  const last = hs[hs.length - 1] as FloatHistogram;
  const pos = rangeArgPosition(call, mi);
  if (isCounter && (prev.counterResetHint === 'gauge' || last.counterResetHint === 'gauge')) {
    annotate(call, 'warning', `PromQL warning: this native histogram metric is not a counter: ${goQuote(name)}`, pos);
  }
  if (isCounter && detectReset(hs[1] as FloatHistogram, prev)) {
    const second = hs[1] as FloatHistogram;
    prev = { schema: second.schema, count: 0, sum: 0, zeroThreshold: 0, zeroCount: 0, positive: [], negative: [], counterResetHint: 'unknown', ...(second.customValues ? { customValues: second.customValues } : {}) };
  }
  const custom = usesCustomBuckets(prev);
  if (usesCustomBuckets(last) !== custom) {
    mixedSchemasWarning(call, s, mi);
    return undefined;
  }
  let minSchema = Math.min(last.schema, prev.schema);
  for (const h of hs.slice(1, -1)) {
    if (!isCounter) continue;
    if (h.counterResetHint === 'gauge') annotate(call, 'warning', `PromQL warning: this native histogram metric is not a counter: ${goQuote(name)}`, pos);
    minSchema = Math.min(minSchema, h.schema);
    if (usesCustomBuckets(h) !== custom) {
      mixedSchemasWarning(call, s, mi);
      return undefined;
    }
  }
  let h: FloatHistogram;
  try {
    h = addHistograms(reduceResolution(last, minSchema), prev, true).h;
    if (isCounter) {
      for (let i = 1; i < hs.length; i++) {
        const cur = hs[i] as FloatHistogram;
        if (detectReset(cur, prev)) h = addHistograms(h, prev).h;
        prev = cur;
      }
    }
  } catch (err) {
    if (!(err instanceof HistogramError)) throw err;
    mixedSchemasWarning(call, s, mi);
    return undefined;
  }
  if (!isCounter && ((hs[0] as FloatHistogram).counterResetHint !== 'gauge' || last.counterResetHint !== 'gauge')) {
    annotate(call, 'warning', `PromQL warning: this native histogram metric is not a gauge: ${goQuote(name)}`, pos);
  }
  h = compactHistogram({ ...h, counterResetHint: 'gauge' });

  // Extrapolation as for floats.
  const window = windowOf(call);
  const first = pts[0] as Point;
  const lastP = pts[pts.length - 1] as Point;
  let durationToStart = (first.t - window.start) / 1000;
  let durationToEnd = (window.end - lastP.t) / 1000;
  const sampledInterval = (lastP.t - first.t) / 1000;
  const averageInterval = sampledInterval / (pts.length - 1);
  const threshold = averageInterval * 1.1;
  if (durationToStart >= threshold) durationToStart = averageInterval / 2;
  if (isCounter) {
    let durationToZero = durationToStart;
    const firstCount = (hs[0] as FloatHistogram).count;
    if (h.count > 0 && firstCount >= 0) durationToZero = sampledInterval * (firstCount / h.count);
    if (durationToZero < durationToStart) durationToStart = durationToZero;
  }
  if (durationToEnd >= threshold) durationToEnd = averageInterval / 2;
  let factor = 1;
  if (sampledInterval !== 0) factor = (sampledInterval + durationToStart + durationToEnd) / sampledInterval;
  if (isRate) factor /= durationSeconds(window.end - window.start);
  return histogramSample(call, s, scaleHistogram(h, factor));
}

function rateImpl(isCounter: boolean, isRate: boolean): NativeImpl {
  return (call, floatImpl) => {
    const mi = matrixIndex(call);
    const sel = argNode(call, mi);
    if (sel.kind === 'MatrixSelector' && (sel.selector.anchored || sel.selector.smoothed)) {
      return floatImpl(withArgs(call, floatsOnly(call.args)));
    }
    return perSeries((c, s) => histogramRate(c, s, isCounter, isRate), 'warn-drop')(call, floatImpl);
  };
}

/** irate/idelta of the last two samples when both are histograms. */
function instantHistogram(isRate: boolean): NativeImpl {
  const one = (call: FunctionCall, s: RangeSeries): Sample | undefined => {
    const n = s.points.length;
    if (n < 2) return undefined;
    const prev = s.points[n - 2] as Point;
    const last = s.points[n - 1] as Point;
    const mi = matrixIndex(call);
    if (!prev.h || !last.h) {
      annotate(call, 'warning', `PromQL warning: encountered a mix of histograms and floats for metric name ${goQuote(metricName(s.metric))}`, rangeArgPosition(call, mi));
      return undefined;
    }
    if (!isRate && (prev.h.counterResetHint !== 'gauge' || last.h.counterResetHint !== 'gauge')) {
      annotate(call, 'warning', `PromQL warning: this native histogram metric is not a gauge: ${goQuote(metricName(s.metric))}`, rangeArgPosition(call, mi));
    }
    if (isRate && (prev.h.counterResetHint === 'gauge' || last.h.counterResetHint === 'gauge')) {
      annotate(call, 'warning', `PromQL warning: this native histogram metric is not a counter: ${goQuote(metricName(s.metric))}`, rangeArgPosition(call, mi));
    }
    let h: FloatHistogram;
    try {
      h = isRate && detectReset(last.h, prev.h) ? last.h : addHistograms(last.h, prev.h, true).h;
    } catch (err) {
      if (!(err instanceof HistogramError)) throw err;
      mixedSchemasWarning(call, s, mi);
      return undefined;
    }
    h = compactHistogram({ ...h, counterResetHint: 'gauge' });
    if (isRate) {
      const dt = (last.t - prev.t) / 1000;
      if (dt === 0) return undefined;
      h = divideHistogram(h, dt);
    }
    return histogramSample(call, s, h);
  };
  return (call, floatImpl) => {
    // Series ending in two floats go to the float implementation; anything else is decided here.
    const mi = matrixIndex(call);
    const series = (call.args[mi] as Extract<Value, { type: 'matrix' }>).series;
    const floatSeries: RangeSeries[] = [];
    const out: Sample[] = [];
    for (const s of series) {
      const tail = s.points.slice(-2);
      if (tail.every((p) => !p.h)) floatSeries.push({ ...s, points: s.points.filter((p) => !p.h) });
      else {
        const r = one(call, s);
        if (r) out.push(r);
      }
    }
    const args = call.args.map((a, i): Value => (i === mi ? { type: 'matrix', series: floatSeries } : a));
    return [...floatImpl(withArgs(call, args)), ...out];
  };
}

/** resets/changes over a sequence that may mix floats and histograms. */
function transitions(isReset: boolean): NativeImpl {
  return (call) => {
    const out: Sample[] = [];
    for (const s of (call.args[matrixIndex(call)] as Extract<Value, { type: 'matrix' }>).series) {
      if (s.points.length === 0) continue;
      let n = 0;
      for (let i = 1; i < s.points.length; i++) {
        const a = s.points[i - 1] as Point;
        const b = s.points[i] as Point;
        if (isReset) {
          if (a.h && b.h) n += detectReset(b.h, a.h) ? 1 : 0;
          else if (!a.h && !b.h) n += b.v < a.v ? 1 : 0;
          else n += b.h ? 0 : 1;
        } else if (a.h && b.h) n += histogramsEqual(a.h, b.h) ? 0 : 1;
        else if (!a.h && !b.h) n += b.v !== a.v && !(Number.isNaN(a.v) && Number.isNaN(b.v)) ? 1 : 0;
        else n += 1;
      }
      out.push(result(call, s.metric, n, true));
    }
    return out;
  };
}

// ---- *_over_time ----

const sumOverTime = (avg: boolean) =>
  perSeries((call, s) => {
    const hs = histogramsOf(s);
    const sum = sumHistograms(call, s, hs, matrixIndex(call));
    if (!sum) return undefined;
    return histogramSample(call, s, compactHistogram(avg ? divideHistogram(sum, hs.length) : sum));
  }, 'warn-drop');

function pick(which: 'first' | 'last'): NativeImpl {
  return (call, floatImpl) => {
    const mi = matrixIndex(call);
    const series = (call.args[mi] as Extract<Value, { type: 'matrix' }>).series;
    const floatSeries: RangeSeries[] = [];
    const out: Sample[] = [];
    for (const s of series) {
      const p = which === 'first' ? s.points[0] : s.points[s.points.length - 1];
      if (p?.h) out.push({ ...result(call, s.metric, 0, false), h: p.h });
      else if (p) floatSeries.push({ ...s, points: s.points.filter((x) => !x.h) });
    }
    const args = call.args.map((a, i): Value => (i === mi ? { type: 'matrix', series: floatSeries } : a));
    return [...floatImpl(withArgs(call, args)), ...out];
  };
}

// ---- histogram_* on instant vectors ----

function variance(h: FloatHistogram): number {
  const mean = h.sum / h.count;
  let v = 0;
  let c = 0;
  for (const b of allBuckets(h)) {
    if (b.count === 0) continue;
    let val: number;
    if (usesCustomBuckets(h)) val = (b.upper + b.lower) / 2;
    else if (b.lower <= 0 && b.upper >= 0) val = 0;
    else {
      val = Math.sqrt(b.upper * b.lower);
      if (b.upper < 0) val = -val;
    }
    const d = val - mean;
    [v, c] = kahanInc(b.count * d * d, v, c);
  }
  return (v + c) / h.count;
}

function simpleHistogramFunc(f: (h: FloatHistogram) => number): NativeImpl {
  return (call) => {
    const out: Sample[] = [];
    for (const s of vectorSamples(call, 0)) if (s.h) out.push(result(call, s.metric, f(s.h), true));
    return out;
  };
}

function vectorSamples(call: FunctionCall, i: number): readonly Sample[] {
  const a = call.args[i];
  return a?.type === 'vector' ? a.samples : [];
}

/** promql/quantile.go HistogramQuantile for a native histogram. */
export function nativeQuantile(q: number, h: FloatHistogram, onNaNInfo: (skew: boolean) => void): number {
  if (q < 0) return -Infinity;
  if (q > 1) return Infinity;
  if (h.count === 0 || Number.isNaN(q)) return NaN;
  const forward = Number.isNaN(h.sum) || q < 0.5;
  const buckets = forward ? allBuckets(h) : allBuckets(h).reverse();
  let rank = forward ? q * h.count : (1 - q) * h.count;
  let count = 0;
  let idx = -1;
  let lower = NaN;
  let upper = NaN;
  let bcount = 0;
  for (let i = 0; i < buckets.length; i++) {
    const b = buckets[i] as (typeof buckets)[number];
    idx = i;
    lower = b.lower;
    upper = b.upper;
    bcount = b.count;
    if (b.count === 0) continue;
    count += b.count;
    if (count >= rank) break;
  }
  const custom = usesCustomBuckets(h);
  if (!custom && lower < 0 && upper > 0) {
    if (h.negative.length === 0 && h.positive.length > 0) lower = 0;
    else if (h.positive.length === 0 && h.negative.length > 0) upper = 0;
  } else if (custom) {
    if (lower === -Infinity) {
      if (upper <= 0) return upper;
      lower = 0;
    } else if (upper === Infinity) return lower;
  }
  if (count > h.count) count = h.count;
  if (count < rank) {
    if (Number.isNaN(h.sum)) {
      onNaNInfo(false);
      return NaN;
    }
    return upper;
  }
  if (forward) rank -= count - bcount;
  else rank = count - rank;
  if (Number.isNaN(h.sum)) {
    for (let i = idx + 1; i < buckets.length; i++) count += (buckets[i] as (typeof buckets)[number]).count;
    if (count < h.count) onNaNInfo(true);
  }
  const fraction = rank / bcount;
  if (custom || (lower <= 0 && upper >= 0)) return lower + (upper - lower) * fraction;
  const logLower = Math.log2(Math.abs(lower));
  const logUpper = Math.log2(Math.abs(upper));
  if (lower > 0) return Math.pow(2, logLower + (logUpper - logLower) * fraction);
  return -Math.pow(2, logUpper + (logLower - logUpper) * (1 - fraction));
}

/** promql/quantile.go HistogramFraction for a native histogram. */
export function nativeFraction(lower: number, upper: number, h: FloatHistogram, onNaNInfo: () => void): number {
  if (h.count === 0 || Number.isNaN(lower) || Number.isNaN(upper)) return NaN;
  if (lower >= upper) return 0;
  let count = 0;
  let rank = 0;
  let lowerRank = 0;
  let upperRank = 0;
  let lowerSet = false;
  let upperSet = false;
  const custom = usesCustomBuckets(h);
  const buckets = allBuckets(h);
  let i = 0;
  for (; i < buckets.length; i++) {
    const b0 = buckets[i] as (typeof buckets)[number];
    count += b0.count;
    let bl = b0.lower;
    let bu = b0.upper;
    let zero = false;
    if (bl <= 0 && bu >= 0) {
      zero = true;
      if (h.negative.length === 0 && h.positive.length > 0) bl = 0;
      else if (h.positive.length === 0 && h.negative.length > 0) bu = 0;
    }
    const below = (v: number, linear: boolean): number => {
      if (linear) return (v - bl) / (bu - bl);
      const logLower = Math.log2(Math.abs(bl));
      const logUpper = Math.log2(Math.abs(bu));
      const logV = Math.log2(Math.abs(v));
      if (v > 0) return (logV - logLower) / (logUpper - logLower);
      return 1 - (logV - logUpper) / (logLower - logUpper);
    };
    const interp = (v: number): number => {
      if (custom || zero) return bl === -Infinity ? b0.count : rank + b0.count * below(v, true);
      return rank + b0.count * below(v, false);
    };
    if (!lowerSet && bl >= lower) {
      lowerRank = rank;
      lowerSet = true;
    }
    if (!upperSet && bl >= upper) {
      upperRank = rank;
      upperSet = true;
    }
    if (lowerSet && upperSet) break;
    if (!lowerSet && bl < lower && bu > lower) {
      lowerRank = interp(lower);
      lowerSet = true;
    }
    if (!upperSet && bl < upper && bu > upper) {
      upperRank = interp(upper);
      upperSet = true;
    }
    if (lowerSet && upperSet) break;
    rank += b0.count;
  }
  if (Number.isNaN(h.sum)) {
    for (i++; i < buckets.length; i++) count += (buckets[i] as (typeof buckets)[number]).count;
    if (count < h.count) onNaNInfo();
  } else {
    count = h.count;
  }
  if (!lowerSet || lowerRank > count) lowerRank = count;
  if (!upperSet || upperRank > count) upperRank = count;
  return (upperRank - lowerRank) / h.count;
}

/**
 * Native histograms whose labels equal a classic histogram's (its buckets without `le`) conflict: Prometheus
 * warns and drops both. Returns the arguments without the conflicting samples.
 */
function withoutConflicts(call: FunctionCall, vi: number): FunctionCall {
  const samples = vectorSamples(call, vi);
  const classic = new Set<string>();
  for (const s of samples) {
    if (s.h || s.metric['le'] === undefined) continue;
    const rest: Record<string, string> = { ...s.metric };
    delete rest['le'];
    classic.add(labelsKey(rest));
  }
  const conflicts = new Set(samples.filter((s) => s.h && classic.has(labelsKey(s.metric))).map((s) => labelsKey(s.metric)));
  if (conflicts.size === 0) return call;
  for (const s of samples) {
    if (s.h && conflicts.has(labelsKey(s.metric))) {
      annotate(call, 'warning', `PromQL warning: vector contains a mix of classic and native histograms for metric name ${goQuote(metricName(s.metric))}`, argNode(call, vi));
    }
  }
  const keep = samples.filter((s) => {
    const rest: Record<string, string> = { ...s.metric };
    delete rest['le'];
    return !conflicts.has(labelsKey(rest));
  });
  return withArgs(call, call.args.map((a, i): Value => (i === vi ? { type: 'vector', samples: keep } : a)));
}

const histogramQuantile: NativeImpl = (call0, floatImpl) => {
  const call = withoutConflicts(call0, 1);
  const q = scalarArg(call, 0);
  const out: Sample[] = [];
  for (const s of vectorSamples(call, 1)) {
    if (!s.h) continue;
    const v = nativeQuantile(q, s.h, (skew) =>
      annotate(
        call,
        'info',
        `PromQL info: input to histogram_quantile has NaN observations, result is ${skew ? 'skewed higher' : 'NaN'} for metric name ${goQuote(metricName(s.metric))}`,
        argNode(call, 1),
      ),
    );
    out.push(result(call, s.metric, v, true));
  }
  return [...floatImpl(withArgs(call, floatsOnly(call.args))), ...out];
};

const histogramFraction: NativeImpl = (call0, floatImpl) => {
  const call = withoutConflicts(call0, 2);
  const lower = scalarArg(call, 0);
  const upper = scalarArg(call, 1);
  const out: Sample[] = [];
  for (const s of vectorSamples(call, 2)) {
    if (!s.h) continue;
    const v = nativeFraction(lower, upper, s.h, () =>
      annotate(call, 'info', `PromQL info: input to histogram_fraction has NaN observations, which are excluded from all fractions for metric name ${goQuote(metricName(s.metric))}`, argNode(call, 2)),
    );
    out.push(result(call, s.metric, v, true));
  }
  return [...floatImpl(withArgs(call, floatsOnly(call.args))), ...out];
};

/** Functions that keep samples as they are (apart from labels): histograms are re-attached by position. */
const passThrough: NativeImpl = (call, floatImpl) => {
  const vi = call.args.findIndex((a) => a.type === 'vector');
  const input = vectorSamples(call, vi);
  const out = floatImpl(withArgs(call, presenceOnly(call.args)));
  if (out.length !== input.length) return out;
  return out.map((s, i) => {
    const h = (input[i] as Sample).h;
    return h ? { ...s, v: 0, h } : s;
  });
};

const presence: NativeImpl = (call, floatImpl) => floatImpl(withArgs(call, presenceOnly(call.args)));

const NATIVE: ReadonlyMap<string, NativeImpl> = new Map<string, NativeImpl>([
  ['histogram_count', simpleHistogramFunc((h) => h.count)],
  ['histogram_sum', simpleHistogramFunc((h) => h.sum)],
  ['histogram_avg', simpleHistogramFunc((h) => h.sum / h.count)],
  ['histogram_stddev', simpleHistogramFunc((h) => Math.sqrt(variance(h)))],
  ['histogram_stdvar', simpleHistogramFunc(variance)],
  ['histogram_quantile', histogramQuantile],
  ['histogram_fraction', histogramFraction],
  ['rate', rateImpl(true, true)],
  ['increase', rateImpl(true, false)],
  ['delta', rateImpl(false, false)],
  ['irate', instantHistogram(true)],
  ['idelta', instantHistogram(false)],
  ['resets', transitions(true)],
  ['changes', transitions(false)],
  ['sum_over_time', sumOverTime(false)],
  ['avg_over_time', sumOverTime(true)],
  ['last_over_time', pick('last')],
  ['first_over_time', pick('first')],
  ['count_over_time', presence],
  ['present_over_time', presence],
  ['absent_over_time', presence],
  ['absent', presence],
  ['timestamp', presence],
  ['ts_of_last_over_time', presence],
  ['ts_of_first_over_time', presence],
  ['label_replace', passThrough],
  ['label_join', passThrough],
  ['sort_by_label', passThrough],
  ['sort_by_label_desc', passThrough],
]);

/**
 * Calls a function implementation on arguments that may hold histogram samples (see the module comment).
 */
export function callWithHistograms(name: string, impl: FunctionImpl, call: FunctionCall): readonly Sample[] {
  if (!hasHistograms(call.args)) return impl(call);
  const native = NATIVE.get(name);
  if (native) return native(call, impl);
  if (matrixIndex(call) >= 0) return perSeries(() => undefined, 'info-floats')(call, impl);
  return impl(withArgs(call, floatsOnly(call.args)));
}
