// An in-memory series store for the engine: series keyed by their label set, each a time-sorted list of
// float samples (staleness markers included). Series are indexed by metric name so that a selector
// touches only its metric's series, and points are found by binary search, so rule tests over days of
// 1m samples and thousands of series stay linear in what a query reads.

import type { LabelMatcher } from '../ast.js';
import type { FloatHistogram, Labels, Point } from './types.js';
import { EvalError } from './types.js';
import { detectReset } from './histogram.js';
import { labelsKey, METRIC_NAME, normalizeLabels } from './labels.js';
import { translateRe2 } from '../regex.js';

export interface StoredSeries {
  readonly metric: Labels;
  readonly key: string;
  /** Sorted by time, one point per timestamp. */
  readonly points: Point[];
}

export interface Storage {
  readonly series: Map<string, StoredSeries>;
  /** Series by metric name; series without a name are under ''. */
  readonly byName: Map<string, StoredSeries[]>;
  /**
   * Series that hold native histogram samples. The engine evaluates floats only, so these are left out
   * of every selection; a selector that would have matched one is reported (see `selectionTouchesHistograms`).
   */
  readonly histogramSeries: Map<string, Labels>;
  /**
   * Selections by matcher set, valid while no series is added (rule tests run the same selectors at every
   * evaluation, so this saves re-matching and re-sorting thousands of series each time).
   */
  readonly selections: Map<string, { readonly generation: number; readonly series: readonly StoredSeries[]; readonly touchesHistograms: boolean }>;
  /** Bumped whenever a series (float or histogram) is added. */
  generation: number;
  /** Series by the label object callers add samples with, so repeated adds skip normalising the labels. */
  readonly byObject: WeakMap<Labels, StoredSeries>;
}

export function createStorage(): Storage {
  return { series: new Map(), byName: new Map(), histogramSeries: new Map(), selections: new Map(), generation: 0, byObject: new WeakMap() };
}

function getOrCreate(storage: Storage, metric: Labels): StoredSeries {
  const known = storage.byObject.get(metric);
  if (known) return known;
  const found = getOrCreateByLabels(storage, metric);
  storage.byObject.set(metric, found);
  return found;
}

function getOrCreateByLabels(storage: Storage, metric: Labels): StoredSeries {
  const labels = normalizeLabels(metric);
  const key = labelsKey(labels);
  let s = storage.series.get(key);
  if (!s) {
    s = { metric: labels, key, points: [] };
    storage.series.set(key, s);
    storage.generation++;
    const name = labels[METRIC_NAME] ?? '';
    const list = storage.byName.get(name);
    if (list) list.push(s);
    else storage.byName.set(name, [s]);
  }
  return s;
}

/**
 * Adds one sample (a float or a native histogram); a sample at an existing timestamp replaces it. `'stale'`
 * writes a staleness marker.
 */
export function addSample(storage: Storage, metric: Labels, t: number, v: number | 'stale' | FloatHistogram): void {
  const s = getOrCreate(storage, metric);
  const pts = s.points;
  const last = pts[pts.length - 1];
  const p: Point = v === 'stale' ? { t, v: NaN, stale: true } : typeof v === 'number' ? { t, v } : { t, v: 0, h: withStoredHint(v, last, t) };
  if (!last || last.t < t) {
    pts.push(p);
    return;
  }
  const i = firstIndexAfter(pts, t - 1);
  if (pts[i]?.t === t) pts[i] = p;
  else pts.splice(i, 0, p);
}

/**
 * The counter reset hint a histogram reads back with from Prometheus' TSDB: a counter histogram appended
 * right after another one in the same chunk is `not_reset`, or `reset` when the TSDB detects a reset.
 */
function withStoredHint(h: FloatHistogram, prev: Point | undefined, t: number): FloatHistogram {
  if (h.counterResetHint !== 'unknown' || !prev?.h || prev.stale || prev.t >= t || prev.h.counterResetHint === 'gauge') return h;
  return { ...h, counterResetHint: detectReset(h, prev.h) ? 'reset' : 'not_reset' };
}

/** Adds samples given as parallel times and values (`undefined` values are skipped, like `_`). */
export function addSeries(storage: Storage, metric: Labels, samples: ReadonlyArray<{ t: number; v: number | 'stale' | FloatHistogram | undefined }>): void {
  getOrCreate(storage, metric);
  for (const s of samples) if (s.v !== undefined) addSample(storage, metric, s.t, s.v);
}

/** Records a series whose samples are native histograms: it is not stored, but selections report it. */
export function addHistogramSeries(storage: Storage, metric: Labels): void {
  const labels = normalizeLabels(metric);
  storage.histogramSeries.set(labelsKey(labels), labels);
  storage.generation++;
}

/** Index of the first point with `t > time` (binary search). */
export function firstIndexAfter(points: readonly Point[], time: number): number {
  let lo = 0;
  let hi = points.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((points[mid] as Point).t <= time) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The sample an instant selector sees at `refTime`: the latest at or before it and newer than
 * `refTime - lookback`; none when that latest sample is a staleness marker (the series ended).
 */
export function latestPoint(points: readonly Point[], refTime: number, lookbackMs: number, leftOpen = true): Point | undefined {
  const i = firstIndexAfter(points, refTime) - 1;
  const p = points[i];
  // Prometheus 3 made the lookback window left-open; 2.x still sees a sample exactly lookbackMs old.
  if (!p || p.stale || (leftOpen ? p.t <= refTime - lookbackMs : p.t < refTime - lookbackMs)) return undefined;
  return p;
}

/**
 * Points in the window ending at `end` (inclusive). The start is exclusive when `leftOpen` (Prometheus 3)
 * and inclusive before. Staleness markers are left out, as range selectors do.
 */
export function pointsInWindow(points: readonly Point[], start: number, end: number, leftOpen: boolean): Point[] {
  const from = firstIndexAfter(points, leftOpen ? start : start - 1);
  const to = firstIndexAfter(points, end);
  const out = points.slice(from, to);
  return out.some((p) => p.stale) ? out.filter((p) => !p.stale) : out;
}

export interface CompiledMatcher {
  readonly name: string;
  readonly test: (value: string) => boolean;
}

const regexCache = new Map<string, RegExp>();

/**
 * A label matcher as a predicate. An absent label reads as the empty string, as in Prometheus.
 * `dotNL` is Prometheus 3's `.` matching newlines.
 */
export function compileMatcher(m: LabelMatcher, dotNL: boolean): CompiledMatcher {
  switch (m.op) {
    case '=':
      return { name: m.name, test: (v) => v === m.value };
    case '!=':
      return { name: m.name, test: (v) => v !== m.value };
    case '=~':
    case '!~': {
      const re = compileRegex(m.value, dotNL);
      return m.op === '=~' ? { name: m.name, test: (v) => re.test(v) } : { name: m.name, test: (v) => !re.test(v) };
    }
  }
}

function compileRegex(pattern: string, dotNL: boolean): RegExp {
  const cacheKey = `${dotNL ? 's' : '-'}${pattern}`;
  const cached = regexCache.get(cacheKey);
  if (cached) return cached;
  const t = translateRe2(pattern, { dotNL });
  if (!t.ok) throw new EvalError(t.error);
  const re = new RegExp(`^(?:${t.source})$`, 'u');
  regexCache.set(cacheKey, re);
  return re;
}

function matchesAll(metric: Labels, matchers: readonly CompiledMatcher[]): boolean {
  return matchers.every((m) => m.test(metric[m.name] ?? ''));
}

/** The candidate series for a selector: its metric's series when the name is fixed, otherwise all. */
function candidates(storage: Storage, matchers: readonly LabelMatcher[]): Iterable<StoredSeries> {
  const eq = matchers.find((m) => m.name === METRIC_NAME && m.op === '=');
  if (eq) return storage.byName.get(eq.value) ?? [];
  return storage.series.values();
}

interface Selection {
  readonly series: readonly StoredSeries[];
  readonly touchesHistograms: boolean;
}

function select(storage: Storage, matchers: readonly LabelMatcher[], dotNL: boolean): Selection {
  const cacheKey = `${dotNL ? 's' : '-'}${matchersKey(matchers)}`;
  const cached = storage.selections.get(cacheKey);
  if (cached && cached.generation === storage.generation) return cached;
  const compiled = matchers.map((m) => compileMatcher(m, dotNL));
  const series: StoredSeries[] = [];
  for (const s of candidates(storage, matchers)) if (matchesAll(s.metric, compiled)) series.push(s);
  // The key orders like labels.Compare: names and values separated by characters below any label text.
  series.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  let touchesHistograms = series.some((x) => x.points.some((p) => p.h !== undefined));
  for (const metric of storage.histogramSeries.values()) {
    if (matchesAll(metric, compiled)) {
      touchesHistograms = true;
      break;
    }
  }
  const entry = { generation: storage.generation, series, touchesHistograms };
  storage.selections.set(cacheKey, entry);
  return entry;
}

/**
 * A selector's matchers as a string, remembered for frozen arrays (the parser's results are frozen and
 * shared): rule tests run the same selectors at every step, and the key was built anew each time.
 */
function matchersKey(matchers: readonly LabelMatcher[]): string {
  const known = matcherKeys.get(matchers);
  if (known !== undefined) return known;
  const key = JSON.stringify(matchers.map((m) => [m.name, m.op, m.value]));
  if (Object.isFrozen(matchers)) matcherKeys.set(matchers, key);
  return key;
}

const matcherKeys = new WeakMap<readonly LabelMatcher[], string>();

/** Every stored series matching all matchers, sorted by labels as Prometheus' storage returns them. */
export function selectSeries(storage: Storage, matchers: readonly LabelMatcher[], dotNL = true): readonly StoredSeries[] {
  return select(storage, matchers, dotNL).series;
}

/** True when a selector matches series holding native histogram samples (or histogram series recorded without samples). */
export function selectionTouchesHistograms(storage: Storage, matchers: readonly LabelMatcher[], dotNL = true): boolean {
  return select(storage, matchers, dotNL).touchesHistograms;
}
