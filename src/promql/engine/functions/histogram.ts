/**
 * Histogram functions over classic histograms (float series with an `le` bucket label): histogram_quantile,
 * histogram_quantiles and (from Prometheus 3.4) histogram_fraction. The functions that only read native
 * histograms (histogram_count/sum/avg/stddev/stdvar) return nothing for float samples, as in Prometheus.
 */
import { goQuote, parseGoFloat } from '../../../go/strconv.js';
import type { FunctionCall, FunctionImpl, Labels, Sample } from '../types.js';
import {
  almostEqual,
  annotate,
  argNode,
  labelsKey,
  metricName,
  result,
  runtimeFlags,
  scalarArg,
  search,
  stringArg,
  vectorArg,
  versionAtLeast,
} from './common.js';
import { formatOpenMetricsFloat, goFormatG, rfc3339 } from './format.js';

/** One classic bucket. Mutable on purpose: Prometheus sorts, merges and fixes buckets in place. */
export interface Bucket {
  upperBound: number;
  count: number;
}

interface BucketGroup {
  /** The first bucket's labels without `le`. */
  readonly metric: Labels;
  readonly buckets: Bucket[];
}

/**
 * Groups the samples into classic histograms by their labels without `le` (the metric name included). A
 * missing or unparsable `le` (Go's strconv.ParseFloat) skips the sample with a warning.
 */
function classicHistograms(call: FunctionCall, vectorIndex: number): BucketGroup[] {
  const delayed = runtimeFlags(call.options).delayedNameRemoval;
  const groups = new Map<string, BucketGroup>();
  for (const s of vectorArg(call, vectorIndex)) {
    const le = s.metric['le'] ?? '';
    const upperBound = parseGoFloat(le);
    if (upperBound === undefined) {
      // The metric name is only mentioned with delayed name removal (Prometheus' choice).
      const name = delayed ? metricName(s.metric) : '';
      const suffix = name === '' ? '' : ` for metric name ${goQuote(name)}`;
      const msg = `PromQL warning: bucket label "le" is missing or has a malformed value of ${goQuote(le)}${suffix}`;
      annotate(call, 'warning', msg, argNode(call, vectorIndex));
      continue;
    }
    const rest: Record<string, string> = { ...s.metric };
    delete rest['le'];
    const key = labelsKey(rest);
    let group = groups.get(key);
    if (!group) {
      group = { metric: rest, buckets: [] };
      groups.set(key, group);
    }
    group.buckets.push({ upperBound, count: s.v });
  }
  return [...groups.values()];
}

const byUpperBound = (a: Bucket, b: Bucket): number => (a.upperBound < b.upperBound ? -1 : a.upperBound > b.upperBound ? 1 : 0);

/**
 * Merges buckets with the same upper bound (e.g. le="0.1" and le="1e-1") into the front of the sorted array,
 * returning how many there are. The tail keeps stale buckets, exactly as Prometheus leaves its slice; this is
 * observable when histogram_quantiles reuses the buckets for its next quantile.
 */
function coalesce(buckets: Bucket[]): number {
  const first = buckets[0];
  if (!first) return 0;
  let last: Bucket = { ...first };
  let i = 0;
  for (let k = 1; k < buckets.length; k++) {
    const b = buckets[k] as Bucket;
    if (b.upperBound === last.upperBound) {
      last.count += b.count;
    } else {
      buckets[i] = last;
      last = { ...b };
      i++;
    }
  }
  buckets[i] = last;
  return i + 1;
}

export interface MonotonicityFix {
  readonly forced: boolean;
  readonly minBucket: number;
  readonly maxBucket: number;
  readonly maxDiff: number;
}

/** Deltas this small relative to the counts are float noise (e.g. from query sharding) and are ignored. */
const SMALL_DELTA_TOLERANCE = 1e-12;

/**
 * Prometheus' ensureMonotonicAndIgnoreSmallDeltas over the first n buckets: negligible differences are
 * flattened silently, real decreases are flattened and reported (which buckets, largest decrease).
 */
function ensureMonotonic(buckets: Bucket[], n: number): MonotonicityFix {
  let forced = false;
  let minBucket = Infinity;
  let maxBucket = -Infinity;
  let maxDiff = 0;
  let prev = buckets[0]?.count ?? NaN;
  for (let i = 1; i < n; i++) {
    const b = buckets[i] as Bucket;
    const curr = b.count;
    if (curr === prev) continue;
    if (almostEqual(prev, curr, SMALL_DELTA_TOLERANCE)) {
      b.count = prev;
      continue;
    }
    if (curr < prev) {
      b.count = prev;
      forced = true;
      minBucket = Math.min(minBucket, b.upperBound);
      maxBucket = Math.max(maxBucket, b.upperBound);
      if (prev - curr > maxDiff) maxDiff = prev - curr;
      continue;
    }
    prev = curr;
  }
  return { forced, minBucket, maxBucket, maxDiff };
}

const NOT_FIXED: MonotonicityFix = { forced: false, minBucket: 0, maxBucket: 0, maxDiff: 0 };

/**
 * Prometheus' BucketQuantile: linear interpolation inside the bucket holding rank q·count, with a lower bound
 * of 0 for the first bucket when its upper bound is positive (else that bound is the answer). A quantile in
 * the +Inf bucket returns the second highest bound. NaN without a +Inf bucket, with fewer than two distinct
 * bounds or with no observations; -Inf/+Inf for q < 0 / q > 1. Sorts and fixes `buckets` in place.
 */
export function bucketQuantile(q: number, buckets: Bucket[]): { value: number; fix: MonotonicityFix } {
  if (Number.isNaN(q)) return { value: NaN, fix: NOT_FIXED };
  if (q < 0) return { value: -Infinity, fix: NOT_FIXED };
  if (q > 1) return { value: Infinity, fix: NOT_FIXED };
  buckets.sort(byUpperBound);
  if (buckets[buckets.length - 1]?.upperBound !== Infinity) return { value: NaN, fix: NOT_FIXED };
  const n = coalesce(buckets);
  const fix = ensureMonotonic(buckets, n);
  if (n < 2) return { value: NaN, fix };
  const at = (i: number): Bucket => buckets[i] as Bucket;
  const observations = at(n - 1).count;
  if (observations === 0) return { value: NaN, fix };
  let rank = q * observations;
  const b = search(n - 1, (i) => at(i).count >= rank);
  if (b === n - 1) return { value: at(n - 2).upperBound, fix };
  if (b === 0 && at(0).upperBound <= 0) return { value: at(0).upperBound, fix };
  let bucketStart = 0;
  const bucketEnd = at(b).upperBound;
  let count = at(b).count;
  if (b > 0) {
    bucketStart = at(b - 1).upperBound;
    count -= at(b - 1).count;
    rank -= at(b - 1).count;
  }
  return { value: bucketStart + (bucketEnd - bucketStart) * (rank / count), fix };
}

/**
 * Prometheus' BucketFraction: the share of observations between lower and upper, interpolating linearly
 * inside buckets (nothing is attributed inside the +Inf bucket or a bucket starting at -Inf).
 */
export function bucketFraction(lower: number, upper: number, buckets: Bucket[]): number {
  buckets.sort(byUpperBound);
  if (buckets[buckets.length - 1]?.upperBound !== Infinity) return NaN;
  const n = coalesce(buckets);
  const at = (i: number): Bucket => buckets[i] as Bucket;
  const count = at(n - 1).count;
  if (count === 0 || Number.isNaN(lower) || Number.isNaN(upper)) return NaN;
  if (lower >= upper) return 0;
  let rank = 0;
  let lowerRank = 0;
  let upperRank = 0;
  let lowerSet = false;
  let upperSet = false;
  // Positive buckets only: the first bucket starts at 0; otherwise at -Inf.
  let lowerBound = at(0).upperBound <= 0 ? -Infinity : 0;
  for (let i = 0; i < n; i++) {
    const b = at(i);
    if (i > 0) lowerBound = at(i - 1).upperBound;
    const upperBound = b.upperBound;
    const lb = lowerBound;
    const interpolate = (v: number): number =>
      lb === -Infinity ? b.count : rank + ((b.count - rank) * (v - lb)) / (upperBound - lb);
    if (!lowerSet && lowerBound >= lower) {
      lowerRank = rank;
      lowerSet = true;
    }
    if (!upperSet && lowerBound >= upper) {
      upperRank = rank;
      upperSet = true;
    }
    if (lowerSet && upperSet) break;
    if (!lowerSet && lowerBound < lower && upperBound > lower) {
      lowerRank = interpolate(lower);
      lowerSet = true;
    }
    if (!upperSet && lowerBound < upper && upperBound > upper) {
      upperRank = interpolate(upper);
      upperSet = true;
    }
    if (lowerSet && upperSet) break;
    rank = b.count;
  }
  if (!lowerSet || lowerRank > count) lowerRank = count;
  if (!upperSet || upperRank > count) upperRank = count;
  return (upperRank - lowerRank) / count;
}

function checkQuantile(call: FunctionCall, argIndex: number): number {
  const q = scalarArg(call, argIndex);
  if (Number.isNaN(q) || q < 0 || q > 1) {
    annotate(call, 'warning', `PromQL warning: quantile value should be between 0 and 1, got ${goFormatG(q)}`, argNode(call, argIndex));
  }
  return q;
}

const MONOTONICITY_INFO =
  'PromQL info: input to histogram_quantile needed to be fixed for monotonicity (see https://prometheus.io/docs/prometheus/latest/querying/functions/#histogram_quantile)';

/**
 * Collects the monotonicity fixes of one call and reports them the way Prometheus merges equal annotations:
 * one per metric name (named only with delayed name removal), with the bucket range, the largest decrease
 * and how many histograms needed it.
 */
class MonotonicityReport {
  private readonly byBase = new Map<string, { minBucket: number; maxBucket: number; maxDiff: number; count: number }>();

  constructor(private readonly call: FunctionCall) {}

  add(metric: Labels, fix: MonotonicityFix): void {
    if (!fix.forced) return;
    const name = runtimeFlags(this.call.options).delayedNameRemoval ? metricName(metric) : '';
    const base = name === '' ? MONOTONICITY_INFO : `${MONOTONICITY_INFO} for metric name ${goQuote(name)}`;
    const prev = this.byBase.get(base);
    if (!prev) {
      this.byBase.set(base, { minBucket: fix.minBucket, maxBucket: fix.maxBucket, maxDiff: fix.maxDiff, count: 1 });
      return;
    }
    prev.minBucket = Math.min(prev.minBucket, fix.minBucket);
    prev.maxBucket = Math.max(prev.maxBucket, fix.maxBucket);
    prev.maxDiff = Math.max(prev.maxDiff, fix.maxDiff);
    prev.count++;
  }

  emit(argIndex: number): void {
    const when = rfc3339(this.call.ts);
    for (const [base, r] of this.byBase) {
      const msg = `${base}, from buckets ${goFormatG(r.minBucket)} to ${goFormatG(r.maxBucket)}, with a max diff of ${goFormatG(r.maxDiff, 2)}, over ${r.count} samples from ${when} to ${when}`;
      annotate(this.call, 'info', msg, argNode(this.call, argIndex));
    }
  }
}

function histogramQuantile(call: FunctionCall): Sample[] {
  const q = checkQuantile(call, 0);
  const report = new MonotonicityReport(call);
  const out: Sample[] = [];
  for (const g of classicHistograms(call, 1)) {
    if (g.buckets.length === 0) continue;
    const { value, fix } = bucketQuantile(q, g.buckets);
    report.add(g.metric, fix);
    out.push(result(call, g.metric, value, true));
  }
  report.emit(1);
  return out;
}

/** histogram_quantiles(v, "label", q1, q2, ...): one result per histogram and quantile, labelled with q. */
function histogramQuantiles(call: FunctionCall): Sample[] {
  const label = stringArg(call, 1);
  const qs: number[] = [];
  for (let i = 2; i < call.args.length; i++) qs.push(checkQuantile(call, i));
  const groups = classicHistograms(call, 0);
  const report = new MonotonicityReport(call);
  const out: Sample[] = [];
  for (const q of qs) {
    const qLabel = Number.isNaN(q) ? 'NaN' : formatOpenMetricsFloat(q);
    for (const g of groups) {
      if (g.buckets.length === 0) continue;
      // The same bucket array serves every quantile, including Prometheus' in-place changes to it.
      const { value, fix } = bucketQuantile(q, g.buckets);
      report.add(g.metric, fix);
      const s = result(call, g.metric, value, true);
      out.push({ ...s, metric: { ...s.metric, [label]: qLabel } });
    }
  }
  report.emit(0);
  return out;
}

function histogramFraction(call: FunctionCall): Sample[] {
  // Before 3.4 histogram_fraction read native histograms only.
  if (!versionAtLeast(call, '3.4.0')) return [];
  const lower = scalarArg(call, 0);
  const upper = scalarArg(call, 1);
  const out: Sample[] = [];
  for (const g of classicHistograms(call, 2)) {
    if (g.buckets.length === 0) continue;
    out.push(result(call, g.metric, bucketFraction(lower, upper, g.buckets), true));
  }
  return out;
}

/** Functions of native histograms only: float samples yield nothing. */
const nativeOnly: FunctionImpl = () => [];

export const HISTOGRAM_FUNCTIONS: ReadonlyMap<string, FunctionImpl> = new Map<string, FunctionImpl>([
  ['histogram_quantile', histogramQuantile],
  ['histogram_quantiles', histogramQuantiles],
  ['histogram_fraction', histogramFraction],
  ['histogram_count', nativeOnly],
  ['histogram_sum', nativeOnly],
  ['histogram_avg', nativeOnly],
  ['histogram_stddev', nativeOnly],
  ['histogram_stdvar', nativeOnly],
]);
