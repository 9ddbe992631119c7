/**
 * sort, sort_desc, sort_by_label and sort_by_label_desc. They keep labels and the metric name. Sorting only
 * shows in instant queries (the engine warns about it in range queries: that needs the query's range).
 */
import type { FunctionCall, FunctionImpl, Sample } from '../types.js';
import { compareGoStrings, compareLabels, stringArg, vectorArg } from './common.js';

/**
 * Sorts like Go's sort.Sort/slices.SortFunc where that is observable: up to 12 elements Go uses a plain
 * insertion sort, which fixes the outcome for ties and for the comparators below that are not consistent
 * (NaN against NaN, natsort's quirks). Larger inputs get a stable merge sort; Go's pdqsort may order ties
 * differently there.
 */
export function goSort<T>(items: readonly T[], less: (a: T, b: T) => boolean): T[] {
  const a = [...items];
  if (a.length <= 12) {
    for (let i = 1; i < a.length; i++) {
      for (let j = i; j > 0; j--) {
        const cur = a[j] as T;
        const prev = a[j - 1] as T;
        if (!less(cur, prev)) break;
        a[j] = prev;
        a[j - 1] = cur;
      }
    }
    return a;
  }
  return mergeSort(a, less);
}

function mergeSort<T>(a: T[], less: (a: T, b: T) => boolean): T[] {
  if (a.length <= 1) return a;
  const mid = a.length >>> 1;
  const left = mergeSort(a.slice(0, mid), less);
  const right = mergeSort(a.slice(mid), less);
  const out: T[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length && j < right.length) {
    const l = left[i] as T;
    const r = right[j] as T;
    // Take from the right only when strictly less: keeps equal elements in input order.
    if (less(r, l)) {
      out.push(r);
      j++;
    } else {
      out.push(l);
      i++;
    }
  }
  return out.concat(left.slice(i), right.slice(j));
}

/**
 * facette/natsort.Compare (the version Prometheus pins): true when a sorts before b. The strings are split
 * into runs of ASCII digits and non-digits; two runs that both parse as int64 compare numerically, others as
 * strings. Quirk kept on purpose: reaching the last chunk of `a` while equal counts as "before", so "a01"
 * and "a1" each sort before the other, and "" never sorts before anything.
 */
export function natsortLess(a: string, b: string): boolean {
  const chunksA = a.match(/[0-9]+|[^0-9]+/g) ?? [];
  const chunksB = b.match(/[0-9]+|[^0-9]+/g) ?? [];
  for (let i = 0; i < chunksA.length; i++) {
    if (i >= chunksB.length) return false;
    const ca = chunksA[i] ?? '';
    const cb = chunksB[i] ?? '';
    const na = atoi(ca);
    const nb = atoi(cb);
    const lastA = i === chunksA.length - 1;
    const lastB = i === chunksB.length - 1;
    if (na !== undefined && nb !== undefined) {
      if (na === nb) {
        if (lastA) return true;
        if (lastB) return false;
        continue;
      }
      return na < nb;
    }
    if (ca === cb) {
      if (lastA) return true;
      if (lastB) return false;
      continue;
    }
    return compareGoStrings(ca, cb) < 0;
  }
  return false;
}

const INT64_MAX = 2n ** 63n - 1n;

/** strconv.Atoi of a run of digits: fails (undefined) beyond the int64 range. */
function atoi(s: string): bigint | undefined {
  if (!/^[0-9]+$/.test(s)) return undefined;
  const n = BigInt(s);
  return n > INT64_MAX ? undefined : n;
}

/**
 * Prometheus' sort_by_label comparator: the listed labels in natural order (a missing label reads as ""),
 * then the whole label set so the order is total.
 */
function byLabels(call: FunctionCall, descending: boolean): Sample[] {
  const names: string[] = [];
  for (let i = 1; i < call.args.length; i++) names.push(stringArg(call, i));
  const sign = descending ? -1 : 1;
  const cmp = (a: Sample, b: Sample): number => {
    for (const name of names) {
      const va = a.metric[name] ?? '';
      const vb = b.metric[name] ?? '';
      if (va === vb) continue;
      return natsortLess(va, vb) ? -sign : sign;
    }
    return sign * compareLabels(a.metric, b.metric);
  };
  return goSort(atEvalTime(call), (a, b) => cmp(a, b) < 0);
}

/** The input samples stamped with the evaluation time, as Prometheus' results are. */
function atEvalTime(call: FunctionCall): Sample[] {
  return vectorArg(call, 0).map((s) => (s.t === call.ts ? s : { ...s, t: call.ts }));
}

export const SORT_FUNCTIONS: ReadonlyMap<string, FunctionImpl> = new Map<string, FunctionImpl>([
  // NaN sorts last in both directions.
  ['sort', (call) => goSort(atEvalTime(call), (a, b) => Number.isNaN(b.v) || b.v > a.v)],
  ['sort_desc', (call) => goSort(atEvalTime(call), (a, b) => Number.isNaN(b.v) || b.v < a.v)],
  ['sort_by_label', (call) => byLabels(call, false)],
  ['sort_by_label_desc', (call) => byLabels(call, true)],
]);
