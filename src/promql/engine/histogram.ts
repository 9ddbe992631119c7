// Native (float) histograms as plain data, with the arithmetic PromQL needs, following Prometheus'
// model/histogram FloatHistogram semantics: exponential schemas (-4…8) with a zero bucket and positive and
// negative buckets, and custom-bucket histograms (NHCB, schema -53) with explicit upper bounds. Buckets are
// kept as sorted (index, count) lists rather than spans; empty buckets are kept as written (Prometheus keeps
// them until it compacts), and `compact` drops them.

import { goFormatG } from './functions/format.js';

export type CounterResetHint = 'unknown' | 'reset' | 'not_reset' | 'gauge';

export interface HistogramBucket {
  /** The bucket index in the histogram's schema (for NHCB, the position in custom_values, last = +Inf). */
  readonly index: number;
  readonly count: number;
}

export interface FloatHistogram {
  readonly schema: number;
  readonly count: number;
  readonly sum: number;
  readonly zeroThreshold: number;
  readonly zeroCount: number;
  /** Sorted by index, no duplicates. */
  readonly positive: readonly HistogramBucket[];
  readonly negative: readonly HistogramBucket[];
  /** NHCB upper bounds (without +Inf); only with schema -53. */
  readonly customValues?: readonly number[];
  readonly counterResetHint: CounterResetHint;
}

export const CUSTOM_BUCKETS_SCHEMA = -53;

export class HistogramError extends Error {}

export const usesCustomBuckets = (h: FloatHistogram): boolean => h.schema === CUSTOM_BUCKETS_SCHEMA;

export function emptyHistogram(schema = 0): FloatHistogram {
  return { schema, count: 0, sum: 0, zeroThreshold: 0, zeroCount: 0, positive: [], negative: [], counterResetHint: 'unknown' };
}

// ---- bucket bounds ----

/** Upper bound of exponential bucket `idx` in `schema` (Prometheus' getBound). */
export function exponentialBound(idx: number, schema: number): number {
  if (schema <= 0) return Math.pow(2, idx * Math.pow(2, -schema));
  return Math.pow(2, idx / Math.pow(2, schema));
}

/** A bucket with its bounds as Prometheus' bucket iterators yield it. */
export interface Bucket {
  readonly lower: number;
  readonly upper: number;
  readonly count: number;
  readonly index: number;
}

function customBound(h: FloatHistogram, idx: number): number {
  const cv = h.customValues ?? [];
  return idx >= cv.length ? Infinity : idx < 0 ? -Infinity : (cv[idx] as number);
}

export function positiveBuckets(h: FloatHistogram): Bucket[] {
  if (usesCustomBuckets(h)) {
    return h.positive.map((b) => ({ lower: customBound(h, b.index - 1), upper: customBound(h, b.index), count: b.count, index: b.index }));
  }
  return h.positive.map((b) => ({ lower: exponentialBound(b.index - 1, h.schema), upper: exponentialBound(b.index, h.schema), count: b.count, index: b.index }));
}

/** Negative buckets, from the one nearest zero outwards (like NegativeBucketIterator). */
export function negativeBuckets(h: FloatHistogram): Bucket[] {
  return h.negative.map((b) => ({ lower: -exponentialBound(b.index, h.schema), upper: -exponentialBound(b.index - 1, h.schema), count: b.count, index: b.index }));
}

/** All buckets from lowest to highest: negative, zero bucket (if populated), positive (AllBucketIterator). */
export function allBuckets(h: FloatHistogram): Bucket[] {
  const out: Bucket[] = [];
  const zt = h.zeroThreshold;
  for (const b of negativeBuckets(h).reverse()) out.push(b.upper < 0 && b.upper > -zt ? { ...b, upper: -zt } : b);
  if (h.zeroCount > 0) out.push({ lower: -zt, upper: zt, count: h.zeroCount, index: 0 });
  for (const b of positiveBuckets(h)) out.push(b.lower > 0 && b.lower < zt ? { ...b, lower: zt } : b);
  return out;
}

// ---- scaling ----

export function scaleHistogram(h: FloatHistogram, factor: number): FloatHistogram {
  return {
    ...h,
    zeroCount: h.zeroCount * factor,
    count: h.count * factor,
    sum: h.sum * factor,
    positive: h.positive.map((b) => ({ index: b.index, count: b.count * factor })),
    negative: h.negative.map((b) => ({ index: b.index, count: b.count * factor })),
    counterResetHint: factor < 0 ? 'gauge' : h.counterResetHint,
  };
}

export function divideHistogram(h: FloatHistogram, divisor: number): FloatHistogram {
  if (divisor === 0) return { ...h, zeroCount: h.zeroCount / 0, count: h.count / 0, sum: h.sum / 0, positive: [], negative: [] };
  return {
    ...h,
    zeroCount: h.zeroCount / divisor,
    count: h.count / divisor,
    sum: h.sum / divisor,
    positive: h.positive.map((b) => ({ index: b.index, count: b.count / divisor })),
    negative: h.negative.map((b) => ({ index: b.index, count: b.count / divisor })),
    counterResetHint: divisor < 0 ? 'gauge' : h.counterResetHint,
  };
}

// ---- resolution, zero bucket ----

function targetIndex(idx: number, from: number, to: number): number {
  return ((idx - 1) >> (from - to)) + 1;
}

function mergeBuckets(buckets: readonly HistogramBucket[], map: (idx: number) => number): HistogramBucket[] {
  const out: HistogramBucket[] = [];
  for (const b of buckets) {
    const idx = map(b.index);
    const last = out[out.length - 1];
    if (last && last.index === idx) out[out.length - 1] = { index: idx, count: last.count + b.count };
    else out.push({ index: idx, count: b.count });
  }
  return out;
}

/** The histogram at a lower resolution (an exponential schema ≤ its own). */
export function reduceResolution(h: FloatHistogram, schema: number): FloatHistogram {
  if (schema >= h.schema || usesCustomBuckets(h)) return h;
  const map = (i: number): number => targetIndex(i, h.schema, schema);
  return { ...h, schema, positive: mergeBuckets(h.positive, map), negative: mergeBuckets(h.negative, map) };
}

/**
 * The zero count `h` would have with a zero threshold of at least `threshold`, and the threshold actually
 * needed (raised to a bucket boundary when it falls inside a populated bucket).
 */
function zeroCountForLargerThreshold(h: FloatHistogram, threshold: number): { zeroCount: number; threshold: number } {
  let larger = threshold;
  if (larger === h.zeroThreshold) return { zeroCount: h.zeroCount, threshold: larger };
  for (;;) {
    let zc = h.zeroCount;
    let again = false;
    for (const b of positiveBuckets(h)) {
      if (b.lower >= larger) break;
      zc += b.count;
      if (b.upper > larger) {
        if (b.count !== 0) larger = b.upper;
        break;
      }
    }
    for (const b of negativeBuckets(h)) {
      if (b.upper <= -larger) break;
      zc += b.count;
      if (b.lower < -larger) {
        if (b.count !== 0) {
          larger = -b.lower;
          again = true;
        }
        break;
      }
    }
    if (!again) return { zeroCount: zc, threshold: larger };
  }
}

function withZeroThreshold(h: FloatHistogram, threshold: number): FloatHistogram {
  const r = zeroCountForLargerThreshold(h, threshold);
  const positive = h.positive.filter((b) => exponentialBound(b.index - 1, h.schema) >= r.threshold);
  const negative = h.negative.filter((b) => -exponentialBound(b.index - 1, h.schema) <= -r.threshold);
  return { ...h, zeroCount: r.zeroCount, zeroThreshold: r.threshold, positive, negative };
}

// ---- addition ----

function combineBuckets(a: readonly HistogramBucket[], b: readonly HistogramBucket[], sign: number): HistogramBucket[] {
  const out: HistogramBucket[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = a[i];
    const y = b[j];
    if (x && (!y || x.index < y.index)) {
      out.push(x);
      i++;
    } else if (y && (!x || y.index < x.index)) {
      out.push({ index: y.index, count: sign * y.count });
      j++;
    } else if (x && y) {
      out.push({ index: x.index, count: x.count + sign * y.count });
      i++;
      j++;
    }
  }
  return out;
}

function combineHints(a: CounterResetHint, b: CounterResetHint): { hint: CounterResetHint; collision: boolean } {
  if (a === b || a === 'gauge') return { hint: a, collision: false };
  if (b === 'gauge') return { hint: 'gauge', collision: false };
  if (a === 'unknown' || b === 'unknown') return { hint: 'unknown', collision: false };
  return { hint: 'unknown', collision: true };
}

function intersectBounds(a: readonly number[], b: readonly number[]): number[] {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as number;
    const y = b[j] as number;
    if (x === y) {
      out.push(x);
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return out;
}

/** Custom buckets re-bucketed onto coarser bounds (a subset of the histogram's own). */
function mapCustomBuckets(h: FloatHistogram, bounds: readonly number[]): HistogramBucket[] {
  return mergeBuckets(h.positive, (idx) => {
    const upper = customBound(h, idx);
    const j = bounds.findIndex((b) => b >= upper);
    return j < 0 ? bounds.length : j;
  });
}

export const customBoundsMatch = (a: readonly number[] | undefined, b: readonly number[] | undefined): boolean =>
  (a ?? []).length === (b ?? []).length && (a ?? []).every((x, i) => x === (b ?? [])[i]);

export interface AddResult {
  readonly h: FloatHistogram;
  /** One side said counter reset, the other not (Prometheus warns). */
  readonly counterResetCollision: boolean;
  /** NHCBs with different bounds were combined on their common bounds (Prometheus gives an info). */
  readonly nhcbBoundsReconciled: boolean;
}

/** a + b (or a - b with `subtract`). Throws HistogramError for an exponential and a custom-bucket histogram. */
export function addHistograms(a: FloatHistogram, b: FloatHistogram, subtract = false): AddResult {
  if (usesCustomBuckets(a) !== usesCustomBuckets(b)) throw new HistogramError('histograms have incompatible schemas');
  const sign = subtract ? -1 : 1;
  const { hint, collision } = combineHints(a.counterResetHint, b.counterResetHint);
  if (usesCustomBuckets(a)) {
    const base = { ...a, count: a.count + sign * b.count, sum: a.sum + sign * b.sum, counterResetHint: hint };
    if (customBoundsMatch(a.customValues, b.customValues)) {
      return { h: { ...base, positive: combineBuckets(a.positive, b.positive, sign) }, counterResetCollision: collision, nhcbBoundsReconciled: false };
    }
    const bounds = intersectBounds(a.customValues ?? [], b.customValues ?? []);
    const positive = combineBuckets(mapCustomBuckets(a, bounds), mapCustomBuckets(b, bounds), sign);
    return { h: { ...base, customValues: bounds, positive }, counterResetCollision: collision, nhcbBoundsReconciled: true };
  }
  let x = a;
  let y = b;
  if (x.zeroThreshold !== y.zeroThreshold) {
    for (let guard = 0; guard < 100 && x.zeroThreshold !== y.zeroThreshold; guard++) {
      if (x.zeroThreshold > y.zeroThreshold) y = withZeroThreshold(y, x.zeroThreshold);
      if (y.zeroThreshold > x.zeroThreshold) x = withZeroThreshold(x, y.zeroThreshold);
    }
  }
  const schema = Math.min(x.schema, y.schema);
  x = reduceResolution(x, schema);
  y = reduceResolution(y, schema);
  const h: FloatHistogram = {
    schema,
    count: x.count + sign * y.count,
    sum: x.sum + sign * y.sum,
    zeroThreshold: x.zeroThreshold,
    zeroCount: x.zeroCount + sign * y.zeroCount,
    positive: combineBuckets(x.positive, y.positive, sign),
    negative: combineBuckets(x.negative, y.negative, sign),
    counterResetHint: hint,
  };
  return { h, counterResetCollision: collision, nhcbBoundsReconciled: false };
}

// ---- compaction, equality, printing ----

/** Compact(0): empty buckets dropped. */
export function compactHistogram(h: FloatHistogram): FloatHistogram {
  const keep = (b: HistogramBucket): boolean => b.count !== 0;
  return h.positive.every(keep) && h.negative.every(keep) ? h : { ...h, positive: h.positive.filter(keep), negative: h.negative.filter(keep) };
}

const sameBits = (a: number, b: number): boolean => a === b || (Number.isNaN(a) && Number.isNaN(b));

function bucketsEqual(a: readonly HistogramBucket[], b: readonly HistogramBucket[], eq: (x: number, y: number) => boolean): boolean {
  return a.length === b.length && a.every((x, i) => x.index === (b[i] as HistogramBucket).index && eq(x.count, (b[i] as HistogramBucket).count));
}

/** FloatHistogram.Equals (exact; the counter reset hint is ignored). */
export function histogramsEqual(a: FloatHistogram, b: FloatHistogram): boolean {
  return histogramsMatch(a, b, sameBits);
}

/** Field-by-field comparison with `eq` for the floats (the promqltest comparison uses almost-equality). */
export function histogramsMatch(a: FloatHistogram, b: FloatHistogram, eq: (x: number, y: number) => boolean): boolean {
  if (a.schema !== b.schema || !eq(a.count, b.count) || !eq(a.sum, b.sum)) return false;
  if (usesCustomBuckets(a) && !customBoundsMatch(a.customValues, b.customValues)) return false;
  if (a.zeroThreshold !== b.zeroThreshold || !eq(a.zeroCount, b.zeroCount)) return false;
  return bucketsEqual(a.negative, b.negative, eq) && bucketsEqual(a.positive, b.positive, eq);
}

function filledRun(buckets: readonly HistogramBucket[]): { offset: number; counts: number[] } | undefined {
  const nz = buckets.filter((b) => b.count !== 0);
  const first = nz[0];
  const last = nz[nz.length - 1];
  if (!first || !last) return undefined;
  const counts: number[] = new Array<number>(last.index - first.index + 1).fill(0);
  for (const b of nz) counts[b.index - first.index] = b.count;
  return { offset: first.index, counts };
}

/** FloatHistogram.TestExpression: the `{{…}}` notation of a histogram (one span per side). */
export function histogramTestExpression(h: FloatHistogram): string {
  const res: string[] = [];
  if (h.schema !== 0) res.push(`schema:${h.schema}`);
  if (h.count !== 0) res.push(`count:${goFormatG(h.count)}`);
  if (h.sum !== 0) res.push(`sum:${goFormatG(h.sum)}`);
  if (h.zeroCount !== 0) res.push(`z_bucket:${goFormatG(h.zeroCount)}`);
  if (h.zeroThreshold !== 0) res.push(`z_bucket_w:${goFormatG(h.zeroThreshold)}`);
  if (usesCustomBuckets(h)) res.push(`custom_values:[${(h.customValues ?? []).map((x) => goFormatG(x)).join(' ')}]`);
  if (h.counterResetHint !== 'unknown') res.push(`counter_reset_hint:${h.counterResetHint}`);
  const side = (buckets: readonly HistogramBucket[], key: string, offsetKey: string): void => {
    const run = filledRun(buckets);
    if (!run) return;
    if (run.offset !== 0) res.push(`${offsetKey}:${run.offset}`);
    res.push(`${key}:[${run.counts.map((x) => goFormatG(x)).join(' ')}]`);
  };
  side(h.positive, 'buckets', 'offset');
  side(h.negative, 'n_buckets', 'n_offset');
  return `{{${res.join(' ')}}}`;
}

// ---- counter resets ----

/** FloatHistogram.DetectReset: whether `cur` follows `prev` with a counter reset. */
export function detectReset(cur: FloatHistogram, prev: FloatHistogram): boolean {
  if (cur.counterResetHint === 'reset') return true;
  if (cur.counterResetHint === 'not_reset') return false;
  if (cur.count < prev.count) return true;
  if (usesCustomBuckets(cur) !== usesCustomBuckets(prev)) return true;
  if (usesCustomBuckets(cur)) {
    if (!customBoundsMatch(cur.customValues, prev.customValues)) {
      const bounds = intersectBounds(cur.customValues ?? [], prev.customValues ?? []);
      return bucketsDecrease(mapCustomBuckets(cur, bounds), mapCustomBuckets(prev, bounds));
    }
    return bucketsDecrease(cur.positive, prev.positive);
  }
  if (cur.schema > prev.schema) return true;
  if (cur.zeroThreshold < prev.zeroThreshold) return true;
  const z = zeroCountForLargerThreshold(prev, cur.zeroThreshold);
  if (z.threshold !== cur.zeroThreshold) return true;
  if (cur.zeroCount < z.zeroCount) return true;
  const p = reduceResolution(withZeroThreshold(prev, cur.zeroThreshold), cur.schema);
  const c = withZeroThreshold(cur, cur.zeroThreshold);
  return bucketsDecrease(c.positive, p.positive) || bucketsDecrease(c.negative, p.negative);
}

function bucketsDecrease(cur: readonly HistogramBucket[], prev: readonly HistogramBucket[]): boolean {
  const m = new Map<number, number>();
  for (const b of cur) m.set(b.index, (m.get(b.index) ?? 0) + b.count);
  return prev.some((b) => b.count !== 0 && (m.get(b.index) ?? 0) < b.count);
}

// ---- the `{{…}}` notation ----

const HINTS: ReadonlySet<string> = new Set(['unknown', 'reset', 'not_reset', 'gauge']);

function parseNum(s: string): number {
  const t = s.trim();
  const body = t.replace(/^[+-]/, '').toLowerCase();
  const sign = t.startsWith('-') ? -1 : 1;
  if (body === 'inf') return sign * Infinity;
  if (body === 'nan') return NaN;
  const v = /^0x[0-9a-f]+$/.test(body) ? Number.parseInt(body, 16) : Number(body.replace(/_/g, ''));
  if (body === '' || Number.isNaN(v)) throw new Error(`invalid number ${JSON.stringify(s)} in histogram`);
  return sign * v;
}

function parseInt0(s: string, what: string): number {
  const v = parseNum(s);
  if (!Number.isInteger(v)) throw new Error(`error parsing ${what} number: ${s}`);
  return v;
}

/** A parsed `{{…}}` value and whether it set counter_reset_hint explicitly. */
export interface HistogramLiteral {
  readonly h: FloatHistogram;
  readonly hintSet: boolean;
}

/** Parses the inside of `{{ … }}` (without the braces). */
export function parseHistogramBody(body: string): HistogramLiteral {
  let schema = 0;
  let count = 0;
  let sum = 0;
  let zeroCount = 0;
  let zeroThreshold = 0;
  let customValues: number[] | undefined;
  let hint: CounterResetHint = 'unknown';
  let hintSet = false;
  let buckets: number[] = [];
  let offset = 0;
  let nBuckets: number[] = [];
  let nOffset = 0;
  const re = /\s*([a-z_]+)\s*:\s*(\[[^\]]*\]|[^\s\]]+)/gy;
  let m: RegExpExecArray | null;
  let pos = 0;
  while ((m = re.exec(body)) !== null) {
    pos = re.lastIndex;
    const key = m[1] as string;
    const raw = m[2] as string;
    const list = (): number[] => {
      if (!raw.startsWith('[')) throw new Error(`error parsing ${key}: expected a list`);
      const inner = raw.slice(1, -1).trim();
      return inner === '' ? [] : inner.split(/\s+/).map(parseNum);
    };
    switch (key) {
      case 'schema':
        schema = parseInt0(raw, 'schema');
        break;
      case 'sum':
        sum = parseNum(raw);
        break;
      case 'count':
        count = parseNum(raw);
        break;
      case 'z_bucket':
        zeroCount = parseNum(raw);
        break;
      case 'z_bucket_w':
        zeroThreshold = parseNum(raw);
        break;
      case 'buckets':
        buckets = list();
        break;
      case 'offset':
        offset = parseInt0(raw, 'offset');
        break;
      case 'n_buckets':
        nBuckets = list();
        break;
      case 'n_offset':
        nOffset = parseInt0(raw, 'n_offset');
        break;
      case 'custom_values':
        customValues = list();
        break;
      case 'counter_reset_hint':
        if (!HINTS.has(raw)) throw new Error(`error parsing counter_reset_hint: unknown value ${raw}`);
        hint = raw as CounterResetHint;
        hintSet = true;
        break;
      default:
        throw new Error(`unknown histogram field ${JSON.stringify(key)}`);
    }
  }
  if (body.slice(pos).trim() !== '') throw new Error(`invalid histogram description ${JSON.stringify(body)}`);
  const h: FloatHistogram = {
    schema,
    count,
    sum,
    zeroThreshold,
    zeroCount,
    positive: buckets.map((c, i) => ({ index: offset + i, count: c })),
    negative: nBuckets.map((c, i) => ({ index: nOffset + i, count: c })),
    ...(customValues ? { customValues } : {}),
    counterResetHint: hint,
  };
  return { h, hintSet };
}

/** Parses `{{…}}` at the start of `text`; returns the literal and the text after it. */
export function parseHistogramLiteral(text: string): { lit: HistogramLiteral; rest: string } {
  if (!text.startsWith('{{')) throw new Error(`expected "{{" in ${JSON.stringify(text)}`);
  const end = text.indexOf('}}');
  if (end < 0) throw new Error(`unterminated histogram in ${JSON.stringify(text)}`);
  return { lit: parseHistogramBody(text.slice(2, end)), rest: text.slice(end + 2) };
}
