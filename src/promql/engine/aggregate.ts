// Aggregation operators at one evaluation step, following Prometheus' float arithmetic: Kahan-Neumaier
// summation for sum and avg (switching avg to an incremental mean when the running sum would overflow),
// Welford's method for stddev/stdvar, NaN ordering in min/max/topk/bottomk, and Go's heap behaviour so
// that topk/bottomk order ties the way Prometheus does.

import type { Aggregate, Span } from '../ast.js';
import { compareGoStrings } from '../../go/strings.js';
import type { Labels, Sample } from './types.js';
import { EvalError } from './types.js';
import { labelsKey, METRIC_NAME } from './labels.js';
import { formatGoFloat } from '../../go/strconv.js';
import { goFormatG } from './functions/format.js';
import { labelsHash } from './hash.js';
import { addHistograms, compactHistogram, divideHistogram, HistogramError, type FloatHistogram } from './histogram.js';

/** Aggregations that only take floats: histograms are left out with an info. */
const FLOAT_ONLY = new Set(['min', 'max', 'stddev', 'stdvar', 'quantile', 'topk', 'bottomk', 'count_values']);

export interface AggregateContext {
  readonly ts: number;
  readonly warn: (message: string, span: Span) => void;
  readonly info?: (message: string, span: Span) => void;
  /** The count_values label argument as Prometheus prints it in errors (the quoted literal). */
  readonly paramText: () => string;
}

/** kahansum.Inc: adds `inc` to `sum` with Neumaier's compensation `c`; an infinite sum resets `c`. */
export function kahanInc(inc: number, sum: number, c: number): [number, number] {
  const t = sum + inc;
  if (!Number.isFinite(t) && !Number.isNaN(t)) return [t, 0];
  if (Math.abs(sum) >= Math.abs(inc)) return [t, c + (sum - t + inc)];
  return [t, c + (inc - t + sum)];
}

interface Grouper {
  readonly key: (m: Labels) => string;
  readonly labels: (m: Labels) => Labels;
}

/** Group keys and output labels for `by (…)` / `without (…)`; `without` always drops the metric name. */
export function grouper(mode: 'by' | 'without', names: readonly string[]): Grouper {
  const sorted = [...names].sort(compareGoStrings);
  if (mode === 'without') {
    const excluded = new Set([...names, METRIC_NAME]);
    const labels = (m: Labels): Labels => {
      const out: Record<string, string> = {};
      for (const [k, v] of Object.entries(m)) if (!excluded.has(k)) out[k] = v;
      return out;
    };
    return { key: (m) => labelsKey(labels(m)), labels };
  }
  const labels = (m: Labels): Labels => {
    const out: Record<string, string> = {};
    for (const n of sorted) {
      const v = m[n];
      if (v !== undefined && v !== '') out[n] = v;
    }
    return out;
  };
  return { key: (m) => sorted.map((n) => m[n] ?? '').join('\u0000'), labels };
}

interface Group {
  readonly labels: Labels;
  readonly samples: Sample[];
}

function groupSamples(input: readonly Sample[], g: Grouper): Group[] {
  const groups = new Map<string, Group>();
  for (const s of input) {
    const k = g.key(s.metric);
    let group = groups.get(k);
    if (!group) groups.set(k, (group = { labels: g.labels(s.metric), samples: [] }));
    group.samples.push(s);
  }
  return [...groups.values()];
}

const MIN_INT64 = -9223372036854775808;
const MAX_INT64 = 9223372036854775807;

/**
 * Evaluates `e` over the step's input vector. `param` is the evaluated first argument of
 * topk/bottomk/limitk/limit_ratio/quantile (a number) or count_values (a string).
 */
export function evalAggregate(e: Aggregate, inputSamples: readonly Sample[], param: number | string | undefined, ctx: AggregateContext): Sample[] {
  let input = inputSamples;
  const g = grouper(e.grouping?.mode ?? 'by', e.grouping?.labels ?? []);
  if (FLOAT_ONLY.has(e.op) && input.some((s) => s.h)) {
    ctx.info?.(`PromQL info: ignored histogram in ${e.op} aggregation`, e);
    input = input.filter((s) => !s.h);
  }
  switch (e.op) {
    case 'count_values':
      return countValues(e, input, String(param), ctx);
    case 'topk':
    case 'bottomk':
    case 'limitk':
    case 'limit_ratio':
      return selectK(e, input, Number(param), g, ctx);
    default:
      break;
  }
  if (e.op === 'quantile') {
    const q = Number(param);
    if (Number.isNaN(q)) ctx.warn('PromQL warning: quantile value should be between 0 and 1, got NaN', e.param ?? e);
    else if (q < 0 || q > 1) ctx.warn(`PromQL warning: quantile value should be between 0 and 1, got ${goFormatG(q)}`, e.param ?? e);
  }
  const out: Sample[] = [];
  for (const group of groupSamples(input, g)) {
    const dropName = group.samples.some((s) => s.dropName);
    const hs = group.samples.map((s) => s.h).filter((h): h is FloatHistogram => h !== undefined);
    if (hs.length > 0 && (e.op === 'sum' || e.op === 'avg')) {
      if (hs.length !== group.samples.length) {
        ctx.warn('PromQL warning: encountered a mix of histograms and floats for aggregation', e);
        continue;
      }
      const h = sumHistograms(hs, e, ctx);
      if (!h) continue;
      out.push({ metric: group.labels, t: ctx.ts, v: 0, h: compactHistogram(e.op === 'avg' ? divideHistogram(h, hs.length) : h), ...(dropName ? { dropName: true } : {}) });
      continue;
    }
    const values = group.samples.map((s) => s.v);
    const v = reduce(e.op, values, Number(param));
    out.push({ metric: group.labels, t: ctx.ts, v, ...(dropName ? { dropName: true } : {}) });
  }
  return out;
}

function sumHistograms(hs: readonly FloatHistogram[], e: Aggregate, ctx: AggregateContext): FloatHistogram | undefined {
  let acc = hs[0] as FloatHistogram;
  let reconciled = false;
  let collision = false;
  for (const h of hs.slice(1)) {
    try {
      const r = addHistograms(acc, h);
      acc = r.h;
      reconciled ||= r.nhcbBoundsReconciled;
      collision ||= r.counterResetCollision;
    } catch (err) {
      if (!(err instanceof HistogramError)) throw err;
      ctx.warn('PromQL warning: vector contains a mix of histograms with exponential and custom buckets schemas for metric name ""', e);
      return undefined;
    }
  }
  if (reconciled) ctx.info?.('PromQL info: mismatched custom buckets were reconciled during aggregation', e);
  if (collision) ctx.warn('PromQL warning: conflicting counter resets during histogram aggregation', e);
  return acc;
}

function reduce(op: Aggregate['op'], values: readonly number[], q: number): number {
  const first = values[0] as number;
  switch (op) {
    case 'sum': {
      let sum = first;
      let c = 0;
      for (let i = 1; i < values.length; i++) [sum, c] = kahanInc(values[i] as number, sum, c);
      return sum + c;
    }
    case 'avg':
      return average(values);
    case 'count':
      return values.length;
    case 'group':
      return 1;
    case 'min':
    case 'max': {
      let v = first;
      for (let i = 1; i < values.length; i++) {
        const f = values[i] as number;
        if ((op === 'max' ? v < f : v > f) || Number.isNaN(v)) v = f;
      }
      return v;
    }
    case 'stddev':
    case 'stdvar': {
      // Welford's online algorithm, seeded like Prometheus: a non-finite first value poisons the result.
      let mean = first;
      let m2 = Number.isFinite(first) ? 0 : NaN;
      let n = 1;
      for (let i = 1; i < values.length; i++) {
        const f = values[i] as number;
        n++;
        const delta = f - mean;
        mean += delta / n;
        m2 += delta * (f - mean);
      }
      return op === 'stdvar' ? m2 / n : Math.sqrt(m2 / n);
    }
    case 'quantile':
      return quantile(q, values);
    default:
      throw new EvalError(`unexpected aggregation ${op}`);
  }
}

/**
 * The mean as Prometheus computes it: a Kahan-compensated sum divided at the end, unless the running sum
 * overflows, from which point on it continues as an incremental mean.
 */
function average(values: readonly number[]): number {
  let sum = values[0] as number;
  let c = 0;
  let mean = sum;
  let incremental = false;
  let count = 1;
  for (let i = 1; i < values.length; i++) {
    const f = values[i] as number;
    count++;
    if (!incremental) {
      const [nextSum, nextC] = kahanInc(f, sum, c);
      if (Number.isFinite(nextSum) || Number.isNaN(nextSum)) {
        sum = nextSum;
        c = nextC;
        continue;
      }
      incremental = true;
      mean = sum / (count - 1);
      c /= count - 1;
    }
    const q = (count - 1) / count;
    [mean, c] = kahanInc(f / count, q * mean, q * c);
  }
  return incremental ? mean + c : sum / count + c / count;
}

/** Prometheus' quantile over a set of values: NaN-first sort, linear interpolation between ranks. */
export function quantile(q: number, values: readonly number[]): number {
  if (values.length === 0 || Number.isNaN(q)) return NaN;
  if (q < 0) return -Infinity;
  if (q > 1) return Infinity;
  const sorted = [...values].sort((a, b) => (Number.isNaN(a) ? (Number.isNaN(b) ? 0 : -1) : Number.isNaN(b) ? 1 : a - b));
  const n = sorted.length;
  const rank = q * (n - 1);
  const lower = Math.max(0, Math.floor(rank));
  const upper = Math.min(n - 1, lower + 1);
  const weight = rank - Math.floor(rank);
  return (sorted[lower] as number) * (1 - weight) + (sorted[upper] as number) * weight;
}

// ---- count_values ----

function countValues(e: Aggregate, input: readonly Sample[], label: string, ctx: AggregateContext): Sample[] {
  const invalidUtf8 = e.param?.kind === 'StringLiteral' && !e.param.validUtf8;
  if (label === '' || invalidUtf8) throw new EvalError(`invalid label name ${ctx.paramText()}`);
  const names = e.grouping?.labels ?? [];
  const mode = e.grouping?.mode ?? 'by';
  // With `by`, the value label is one of the grouping labels; with `without` it stays unless listed.
  const g = grouper(mode, mode === 'by' ? [...names, label] : names);
  const counts = new Map<string, { labels: Labels; n: number }>();
  for (const s of input) {
    const metric = { ...s.metric, [label]: formatGoFloat(s.v, 'f', -1) };
    const k = g.key(metric);
    const c = counts.get(k);
    if (c) c.n++;
    else counts.set(k, { labels: g.labels(metric), n: 1 });
  }
  return [...counts.values()].map((c) => ({ metric: c.labels, t: ctx.ts, v: c.n }));
}

// ---- topk, bottomk, limitk, limit_ratio ----

type Less = (a: Sample, b: Sample) => boolean;

/** vectorByValueHeap: NaN sorts first, then ascending (a min-heap keeps the smallest on top). */
const byValue: Less = (a, b) => Number.isNaN(a.v) || a.v < b.v;
/** vectorByReverseValueHeap: NaN first, then descending. */
const byReverseValue: Less = (a, b) => Number.isNaN(a.v) || a.v > b.v;

// Go's container/heap, so that equal values end up in the same order as in Prometheus.
function heapUp(h: Sample[], j: number, less: Less): void {
  while (j > 0) {
    const i = Math.floor((j - 1) / 2);
    if (!less(h[j] as Sample, h[i] as Sample)) break;
    [h[i], h[j]] = [h[j] as Sample, h[i] as Sample];
    j = i;
  }
}

function heapDown(h: Sample[], i0: number, less: Less): boolean {
  let i = i0;
  const n = h.length;
  for (;;) {
    const j1 = 2 * i + 1;
    if (j1 >= n) break;
    let j = j1;
    const j2 = j1 + 1;
    if (j2 < n && less(h[j2] as Sample, h[j1] as Sample)) j = j2;
    if (!less(h[j] as Sample, h[i] as Sample)) break;
    [h[i], h[j]] = [h[j] as Sample, h[i] as Sample];
    i = j;
  }
  return i > i0;
}

function heapPush(h: Sample[], s: Sample, less: Less): void {
  h.push(s);
  heapUp(h, h.length - 1, less);
}

function heapFixTop(h: Sample[], less: Less): void {
  if (!heapDown(h, 0, less)) heapUp(h, 0, less);
}

/** sort.Sort(sort.Reverse(heap)); Go uses insertion sort for the small slices seen here. */
function sortReverse(h: Sample[], less: Less): void {
  for (let i = 1; i < h.length; i++) {
    for (let j = i; j > 0 && less(h[j - 1] as Sample, h[j] as Sample); j--) {
      [h[j], h[j - 1]] = [h[j - 1] as Sample, h[j] as Sample];
    }
  }
}

/** HashRatioSampler: a series is in limit_ratio(r, …) by where its label hash falls in [0, 1). */
function inRatio(ratio: number, s: Sample): boolean {
  const offset = Number(labelsHash(s.metric)) / 18446744073709551615;
  return ratio >= 0 ? offset < ratio : offset >= 1 + ratio;
}

function selectK(e: Aggregate, input: readonly Sample[], param: number, g: Grouper, ctx: AggregateContext): Sample[] {
  let ratio = 0;
  let k = 0;
  if (e.op === 'limit_ratio') {
    if (param === 0) return [];
    if (Number.isNaN(param)) throw new EvalError('Ratio value is NaN');
    if (param > 1) ctx.warn(`PromQL warning: ratio value should be between -1 and 1, got ${goFormatG(param)}, capping to 1`, e.param ?? e);
    if (param < -1) ctx.warn(`PromQL warning: ratio value should be between -1 and 1, got ${goFormatG(param)}, capping to -1`, e.param ?? e);
    ratio = Math.min(1, Math.max(-1, param));
  } else {
    if (param < 1) return [];
    if (Number.isNaN(param)) throw new EvalError('Parameter value is NaN');
    if (param >= MAX_INT64) throw new EvalError(`Scalar value ${goFormatG(param)} overflows int64`);
    if (param <= MIN_INT64) throw new EvalError(`Scalar value ${goFormatG(param)} underflows int64`);
    k = Math.min(Math.trunc(param), input.length);
  }
  const out: Sample[] = [];
  for (const group of groupSamples(input, g)) {
    const heap: Sample[] = [];
    switch (e.op) {
      case 'topk':
      case 'bottomk': {
        const less = e.op === 'topk' ? byValue : byReverseValue;
        for (const s of group.samples) {
          const top = heap[0];
          if (heap.length < k) heapPush(heap, s, less);
          else if (top && ((e.op === 'topk' ? top.v < s.v : top.v > s.v) || (Number.isNaN(top.v) && !Number.isNaN(s.v)))) {
            heap[0] = s;
            if (k > 1) heapFixTop(heap, less);
          }
        }
        sortReverse(heap, less);
        break;
      }
      case 'limitk':
        for (const s of group.samples) {
          if (heap.length >= k) break;
          if (heap.length === 0) heap.push(s);
          else heapPush(heap, s, byValue);
        }
        break;
      default:
        for (const s of group.samples) if (inRatio(ratio, s)) heapPush(heap, s, byValue);
    }
    for (const s of heap) out.push({ ...s, t: ctx.ts });
  }
  return out;
}
