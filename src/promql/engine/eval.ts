// The PromQL evaluator. A query is evaluated one step at a time: an instant query is one step, a range
// query one step per resolution step, a subquery one inner step per multiple of its step inside its
// window. Each step yields a vector or scalar exactly as Prometheus' matrix-at-a-time engine would
// produce at that timestamp; the step results are then assembled into series. Per-step evaluation fits
// the function implementations (one call per step) and rule evaluation (always instant queries).
//
// Prometheus semantics reproduced here: lookback and staleness for instant selectors, left-open range
// windows from 3.0 (closed before), `offset` and `@` (incl. start()/end()), subquery step alignment to
// absolute multiples of the step, delayed `__name__` removal (optional, as in Prometheus), duplicate
// label set errors, and annotations with `(line:col)` positions.

import type { AtModifier, Call, DurationValue, Expr, MatrixSelector, Span, StringLiteral, Subquery, VectorSelector } from '../ast.js';
import { unwrapParens } from '../ast.js';
import { typeOf } from '../check.js';
import type { Annotation, EngineOptions, FunctionImpl, Labels, Point, RangeSeries, Sample, Value } from './types.js';
import { EvalError } from './types.js';
import { FUNCTIONS } from '../functions.js';
import { evaluateDuration } from '../duration.js';
import { atLeast } from '../../config/version.js';
import { goQuote } from '../../go/strconv.js';
import { latestPoint, pointsInWindow, selectionTouchesHistograms, selectSeries, type Storage, type StoredSeries } from './storage.js';
import { compareLabels, dropMetricName, labelsKey, METRIC_NAME } from './labels.js';
import { evalBinary, type Operand } from './binary.js';
import { evalAggregate } from './aggregate.js';
import { FUNCTION_IMPLS } from './functions/index.js';
import { evalInfo, infoTimeModifiers } from './info.js';
import { scaleHistogram } from './histogram.js';
import { callWithHistograms } from './functions/native.js';

/** Engine settings beyond EngineOptions. */
export interface EvalExtras {
  /** The function implementations, by name; default FUNCTION_IMPLS. */
  readonly functions?: ReadonlyMap<string, FunctionImpl>;
  /**
   * Prometheus' `promql-delayed-name-removal` feature: functions and operators mark `__name__` for removal
   * and it is removed only from the final result. Off by default, as in Prometheus; the engine's own
   * conformance tests run with it on, like Prometheus' test engine.
   */
  readonly delayedNameRemoval?: boolean;
  /** The query text, so annotations can say where in it they arose (`(1:6)`). */
  readonly query?: string;
}

export interface EvalResult {
  readonly value: Value;
  /** Warnings and infos, deduplicated by text like Prometheus does. */
  readonly annotations: readonly Annotation[];
  /**
   * A selector matched series holding native histogram samples. Those series are not evaluated (the engine
   * is float-only), so the result may differ from Prometheus'.
   */
  readonly usedHistogramSeries: boolean;
}

/** A range-vector element that also remembers whether its name is to be dropped at the end. */
interface MSeries extends RangeSeries {
  readonly dropName?: boolean;
}

type V =
  | { readonly type: 'vector'; readonly samples: readonly Sample[] }
  | { readonly type: 'matrix'; readonly series: readonly MSeries[] }
  | { readonly type: 'scalar'; readonly t: number; readonly v: number }
  | { readonly type: 'string'; readonly t: number; readonly v: string };

/** State shared by all steps of one query. */
interface Query {
  readonly storage: Storage;
  readonly options: EngineOptions;
  /** The options function implementations see: EngineOptions plus the runtime flags they read. */
  readonly implOptions: EngineOptions;
  readonly functions: ReadonlyMap<string, FunctionImpl>;
  readonly delayed: boolean;
  readonly text: string | undefined;
  /** Query start, end and step: what `@ start()`, `start()`, `step()` and `range()` refer to. */
  readonly start: number;
  readonly end: number;
  readonly step: number;
  readonly leftOpen: boolean;
  readonly dotNL: boolean;
  readonly annotations: Map<string, Annotation>;
  readonly selections: Map<VectorSelector, readonly StoredSeries[]>;
  /** Subquery inner results by step time: outer steps share most inner steps. */
  readonly subqueries: Map<Subquery, Map<number, V>>;
  usedHistogramSeries: boolean;
}

/**
 * Whether the loop the current step belongs to has more than one step. Prometheus checks some things
 * (duplicate series at a node, the sort-in-range-query warning) only in that case.
 */
interface Loop {
  readonly multiStep: boolean;
}

function newQuery(storage: Storage, options: EngineOptions, extras: EvalExtras, start: number, end: number, step: number): Query {
  const v3 = atLeast(options.prometheusVersion, '3.0.0');
  const delayed = extras.delayedNameRemoval ?? ('delayedNameRemoval' in options && options.delayedNameRemoval === true);
  return {
    storage,
    options,
    implOptions: withRuntimeFlags(options, delayed),
    functions: extras.functions ?? FUNCTION_IMPLS,
    delayed,
    text: extras.query,
    start,
    end,
    step,
    leftOpen: v3,
    dotNL: v3,
    annotations: new Map(),
    selections: new Map(),
    subqueries: new Map(),
    usedHistogramSeries: false,
  };
}

/**
 * EngineOptions has no field for delayed name removal; the function implementations read it as an extra
 * property (functions/common.ts runtimeFlags), so it is added here.
 */
function withRuntimeFlags(options: EngineOptions, delayedNameRemoval: boolean): EngineOptions {
  const flagged: EngineOptions & { readonly delayedNameRemoval: boolean } = { ...options, delayedNameRemoval };
  return flagged;
}

// ---- public entry points ----

/** Evaluates `expr` at `ts` (ms). Throws EvalError with Prometheus' message on evaluation errors. */
export function evalInstant(expr: Expr, ts: number, storage: Storage, options: EngineOptions, extras: EvalExtras = {}): EvalResult {
  const q = newQuery(storage, options, extras, ts, ts, 0);
  const v = evalExpr(q, { multiStep: false }, expr, ts);
  return { value: finishInstant(v, ts), annotations: [...q.annotations.values()], usedHistogramSeries: q.usedHistogramSeries };
}

/** Evaluates `expr` at every step from `start` to `end` (ms, inclusive); the result is a matrix sorted by labels. */
export function evalRange(
  expr: Expr,
  start: number,
  end: number,
  step: number,
  storage: Storage,
  options: EngineOptions,
  extras: EvalExtras = {},
): EvalResult {
  const type = typeOf(expr);
  if (type !== 'vector' && type !== 'scalar') {
    throw new EvalError(`invalid expression type "${type === 'matrix' ? 'range vector' : type}" for range query, must be Scalar or instant Vector`);
  }
  if (end < start) throw new EvalError('end timestamp must not be before start time');
  if (step <= 0) throw new EvalError('zero or negative query resolution step widths are not accepted. Try a positive integer');
  const q = newQuery(storage, options, extras, start, end, step);
  const loop: Loop = { multiStep: start !== end };
  const out = new Map<string, { metric: Labels; points: Point[] }>();
  for (let t = start; t <= end; t += step) {
    const v = evalExpr(q, loop, expr, t);
    const samples = v.type === 'scalar' ? [{ metric: {}, t, v: v.v }] : v.type === 'vector' ? v.samples : [];
    for (const s of samples) {
      const metric = s.dropName ? dropMetricName(s.metric) : s.metric;
      const key = labelsKey(metric);
      let series = out.get(key);
      if (!series) out.set(key, (series = { metric, points: [] }));
      // After the names are dropped, two series may collide; only overlapping timestamps are an error.
      if (series.points[series.points.length - 1]?.t === t) throw duplicateLabelset();
      series.points.push(pointOf(t, s));
    }
  }
  const series = [...out.values()].sort((a, b) => compareLabels(a.metric, b.metric));
  return { value: { type: 'matrix', series }, annotations: [...q.annotations.values()], usedHistogramSeries: q.usedHistogramSeries };
}

/** A sample's value as a point at `t` (a histogram stays a histogram). */
function pointOf(t: number, s: { readonly v: number; readonly h?: Point['h'] }): Point {
  return s.h ? { t, v: 0, h: s.h } : { t, v: s.v };
}

const duplicateLabelset = (): EvalError => new EvalError('vector cannot contain metrics with the same labelset');

/** Drops names marked for removal and checks the final result has no duplicate series. */
function finishInstant(v: V, ts: number): Value {
  switch (v.type) {
    case 'vector': {
      const samples = v.samples.map((s) => ({ metric: s.dropName ? dropMetricName(s.metric) : s.metric, t: ts, v: s.v, ...(s.h ? { h: s.h } : {}) }));
      assertUnique(samples);
      return { type: 'vector', samples };
    }
    case 'matrix': {
      const merged = new Map<string, { metric: Labels; points: Point[] }>();
      for (const s of v.series) {
        const metric = s.dropName ? dropMetricName(s.metric) : s.metric;
        const key = labelsKey(metric);
        const prev = merged.get(key);
        if (!prev) {
          merged.set(key, { metric, points: [...s.points] });
          continue;
        }
        const points = [...prev.points, ...s.points].sort((a, b) => a.t - b.t);
        for (let i = 1; i < points.length; i++) if ((points[i] as Point).t === (points[i - 1] as Point).t) throw duplicateLabelset();
        merged.set(key, { metric, points });
      }
      return { type: 'matrix', series: [...merged.values()].sort((a, b) => compareLabels(a.metric, b.metric)) };
    }
    default:
      return v;
  }
}

function assertUnique(samples: readonly Sample[]): void {
  const seen = new Set<string>();
  for (const s of samples) {
    const k = labelsKey(s.metric);
    if (seen.has(k)) throw duplicateLabelset();
    seen.add(k);
  }
}

// ---- annotations ----

/** `line:col` of a character offset the way Prometheus counts it: 1-based, columns in UTF-8 bytes. */
function position(text: string, from: number): string {
  const before = text.slice(0, from);
  const lineStart = before.lastIndexOf('\n') + 1;
  const line = before.split('\n').length;
  const col = new TextEncoder().encode(before.slice(lineStart)).length + 1;
  return `${line}:${col}`;
}

function annotate(q: Query, kind: Annotation['kind'], message: string, span: Span | undefined): void {
  const text = span && q.text !== undefined && !/\(\d+:\d+\)$/.test(message) ? `${message} (${position(q.text, span.from)})` : message;
  if (!q.annotations.has(text)) q.annotations.set(text, { kind, message: text });
}

// ---- durations and times ----

function durationMs(q: Query, d: DurationValue | undefined, allowNegative: boolean): number {
  if (!d) return 0;
  if (d.ms !== undefined) return d.ms;
  const r = evaluateDuration(d.expr, { stepMs: q.start === q.end ? 0 : q.step, rangeMs: q.end - q.start }, allowNegative);
  if (!r.ok) throw new EvalError(r.error);
  return r.ms;
}

/** The time a selector or subquery looks at: its `@` time (or the step time) minus its offset. */
function referenceTime(q: Query, at: AtModifier | undefined, offset: DurationValue | undefined, ts: number): number {
  const base = at === undefined ? ts : at === 'start' ? q.start : at === 'end' ? q.end : at;
  return base - durationMs(q, offset, true);
}

// ---- selectors ----

function selection(q: Query, vs: VectorSelector): readonly StoredSeries[] {
  let s = q.selections.get(vs);
  if (!s) {
    s = selectSeries(q.storage, vs.matchers, q.dotNL);
    if (selectionTouchesHistograms(q.storage, vs.matchers, q.dotNL)) q.usedHistogramSeries = true;
    q.selections.set(vs, s);
  }
  return s;
}

/**
 * An instant selector at step `ts`: each series' latest sample within the lookback window. With `raw`
 * the samples keep their own timestamps (for timestamp()), otherwise they carry the step time.
 */
function selectVector(q: Query, vs: VectorSelector, ts: number, raw: boolean): Sample[] {
  const ref = referenceTime(q, vs.at, vs.offset, ts);
  if (vs.smoothed) return smoothedVector(q, vs, ref, ts);
  const out: Sample[] = [];
  for (const s of selection(q, vs)) {
    const p = latestPoint(s.points, ref, q.options.lookbackDeltaMs, q.leftOpen);
    if (p) out.push({ metric: s.metric, t: raw ? p.t : ts, v: p.v, ...(p.h ? { h: p.h } : {}) });
  }
  return out;
}

/** Linear interpolation between two points at time `t` (Prometheus' interpolate, non-counter). */
function interpolate(a: Point, b: Point, t: number): number {
  return a.v + ((b.v - a.v) * (t - a.t)) / (b.t - a.t);
}

/**
 * `selector smoothed` (experimental): the value at the reference time interpolated between the samples
 * around it within the lookback delta on either side, or the last one when none follows.
 */
function smoothedVector(q: Query, vs: VectorSelector, ref: number, ts: number): Sample[] {
  const lb = q.options.lookbackDeltaMs;
  const out: Sample[] = [];
  for (const s of selection(q, vs)) {
    const pts = pointsInWindow(s.points, ref - lb, ref + lb, true).filter((p) => !p.h);
    const i = pts.findIndex((p) => p.t >= ref);
    const at = i < 0 ? pts.length : i;
    const next = pts[at];
    const prev = pts[at - 1];
    let v: number | undefined;
    if (next && next.t === ref) v = next.v;
    else if (prev && next) v = interpolate(prev, next, ref);
    else if (prev) v = prev.v;
    if (v !== undefined) out.push({ metric: s.metric, t: ts, v });
  }
  return out;
}

interface RangeArg {
  readonly series: readonly MSeries[];
  readonly window: { readonly start: number; readonly end: number };
}

/**
 * A range selector at step `ts`. For function arguments, `anchored` adds the lookback delta before the
 * window and `smoothed` also after it (the functions use those samples); on their own (`bare`), such
 * ranges are cut to the window with values picked or interpolated at its edges, like Prometheus' extendFloats.
 */
function selectMatrix(q: Query, ms: MatrixSelector, ts: number, bare = false): RangeArg {
  const vs = ms.selector;
  const end = referenceTime(q, vs.at, vs.offset, ts);
  const start = end - durationMs(q, ms.range, false);
  const lb = q.options.lookbackDeltaMs;
  const extended = vs.anchored || vs.smoothed;
  const from = extended ? start - lb : start;
  const to = vs.smoothed ? end + lb : end;
  const series: MSeries[] = [];
  for (const s of selection(q, vs)) {
    let points = pointsInWindow(s.points, from, to, extended || q.leftOpen);
    if (bare && extended && points.length > 0) points = extendPoints(points, start, end, vs.smoothed);
    if (points.length > 0) series.push({ metric: s.metric, points });
  }
  return { series, window: { start, end } };
}

/** Prometheus' extendFloats: boundary points at both window edges (picked or, smoothed, interpolated). */
function extendPoints(points: readonly Point[], mint: number, maxt: number, smoothed: boolean): Point[] {
  let last = points.length - 1;
  const searchLast = (pred: (p: Point) => boolean): number => {
    const i = points.slice(0, last).findIndex(pred);
    return i < 0 ? last : i;
  };
  let first = Math.max(0, searchLast((p) => p.t > mint) - 1);
  if (smoothed) last = searchLast((p) => p.t >= maxt);
  if ((points[last] as Point).t <= mint) return [];
  const f = points[first] as Point;
  const l = points[last] as Point;
  const left = smoothed && f.t < mint ? interpolate(f, points[first + 1] as Point, mint) : f.v;
  const right = smoothed && last > 0 && l.t > maxt ? interpolate(points[last - 1] as Point, l, maxt) : l.v;
  if (f.t <= mint) first++;
  if (l.t >= maxt) last--;
  return [{ t: mint, v: left }, ...points.slice(first, last + 1), { t: maxt, v: right }];
}

/**
 * A subquery at step `ts`: its expression evaluated at every multiple of its step inside the window
 * ending at the reference time, as Prometheus aligns subquery steps to absolute time.
 */
function evalSubquery(q: Query, sq: Subquery, ts: number): RangeArg {
  const end = referenceTime(q, sq.at, sq.offset, ts);
  const start = end - durationMs(q, sq.range, false);
  const step = sq.step ? durationMs(q, sq.step, false) : q.options.defaultStepMs;
  if (!(step > 0)) throw new EvalError('subquery step must be greater than 0');
  // Left-open windows start at the first multiple after `start`; closed ones (before 3.0) may start on it.
  const first = q.leftOpen ? (Math.floor(start / step) + 1) * step : Math.ceil(start / step) * step;
  const loop: Loop = { multiStep: first + step <= end };
  let cache = q.subqueries.get(sq);
  if (!cache) q.subqueries.set(sq, (cache = new Map()));
  const out = new Map<string, { metric: Labels; points: Point[]; dropName?: boolean }>();
  for (let t = first; t <= end; t += step) {
    let v = cache.get(t);
    if (!v) cache.set(t, (v = evalExpr(q, loop, sq.expr, t)));
    const samples = v.type === 'scalar' ? [{ metric: {}, t, v: v.v }] : v.type === 'vector' ? v.samples : [];
    for (const s of samples) {
      const key = labelsKey(s.metric);
      let series = out.get(key);
      if (!series) out.set(key, (series = { metric: s.metric, points: [], ...(s.dropName ? { dropName: true } : {}) }));
      if (series.points[series.points.length - 1]?.t === t) throw duplicateLabelset();
      series.points.push(pointOf(t, s));
    }
  }
  return { series: [...out.values()], window: { start, end } };
}

// ---- the evaluator ----

function evalExpr(q: Query, loop: Loop, e: Expr, ts: number): V {
  switch (e.kind) {
    case 'NumberLiteral':
      return { type: 'scalar', t: ts, v: e.value };
    case 'StringLiteral':
      return { type: 'string', t: ts, v: e.value };
    case 'Paren':
      return evalExpr(q, loop, e.expr, ts);
    case 'VectorSelector':
      return { type: 'vector', samples: selectVector(q, e, ts, false) };
    case 'MatrixSelector':
      return { type: 'matrix', series: selectMatrix(q, e, ts, true).series };
    case 'Subquery':
      return { type: 'matrix', series: evalSubquery(q, e, ts).series };
    case 'Unary':
      return evalUnary(q, loop, e.op, e.expr, ts);
    case 'Binary': {
      const lhs = asOperand(evalExpr(q, loop, e.lhs, ts));
      const rhs = asOperand(evalExpr(q, loop, e.rhs, ts));
      const res = evalBinary(e, lhs, rhs, {
        delayed: q.delayed,
        ts,
        info: (m, span) => annotate(q, 'info', m, span),
        warn: (m, span) => annotate(q, 'warning', m, span),
      });
      if (res.type === 'scalar') return { type: 'scalar', t: ts, v: res.v };
      if (!q.delayed || loop.multiStep) assertUnique(res.samples);
      return res;
    }
    case 'Aggregate': {
      // Prometheus evaluates the parameter before the aggregated expression.
      const p = e.param ? evalExpr(q, loop, unwrapParens(e.param), ts) : undefined;
      const param = p?.type === 'scalar' || p?.type === 'string' ? p.v : undefined;
      const input = evalExpr(q, loop, unwrapParens(e.expr), ts);
      if (input.type !== 'vector') throw new EvalError(`aggregation over a ${input.type}`);
      const samples = evalAggregate(e, input.samples, param, {
        ts,
        warn: (m, span) => annotate(q, 'warning', m, span),
        info: (m, span) => annotate(q, 'info', m, span),
        paramText: () => stringLiteralText(q, e.param),
      });
      if (e.op === 'count_values' && (!q.delayed || loop.multiStep)) assertUnique(samples);
      return { type: 'vector', samples };
    }
    case 'Call':
      return evalCall(q, loop, e, ts);
  }
}

/** How Prometheus prints a string literal in errors: Go-quoted, with invalid UTF-8 shown as written. */
function stringLiteralText(q: Query, e: Expr | undefined): string {
  const lit = e ? unwrapParens(e) : undefined;
  if (lit?.kind !== 'StringLiteral') return '""';
  const s: StringLiteral = lit;
  if (!s.validUtf8 && q.text !== undefined) return q.text.slice(s.from, s.to);
  return goQuote(s.value);
}

function asOperand(v: V): Operand {
  if (v.type === 'vector' || v.type === 'scalar') return v;
  throw new EvalError(`binary operator applied to a ${v.type}`);
}

function evalUnary(q: Query, loop: Loop, op: '-' | '+', inner: Expr, ts: number): V {
  const v = evalExpr(q, loop, inner, ts);
  if (op === '+') return v;
  if (v.type === 'scalar') return { type: 'scalar', t: ts, v: -v.v };
  if (v.type !== 'vector') throw new EvalError(`unary minus applied to a ${v.type}`);
  const negate = (s: Sample): Pick<Sample, 'v' | 'h'> => (s.h ? { v: 0, h: scaleHistogram(s.h, -1) } : { v: -s.v });
  const samples = v.samples.map((s): Sample => (q.delayed ? { ...s, ...negate(s), dropName: true } : { metric: dropMetricName(s.metric), t: s.t, ...negate(s) }));
  if (!q.delayed) assertUnique(samples);
  return { type: 'vector', samples };
}

// ---- function calls ----

/** Functions whose range-vector result keeps the metric name (they act like an offset). */
const KEEPS_NAME = new Set(['last_over_time', 'first_over_time']);
const SORT_FUNCTIONS = new Set(['sort', 'sort_desc', 'sort_by_label', 'sort_by_label_desc']);
/** Functions whose output Prometheus checks for duplicate series right away (label_* rewrite series). */
const RELABELING = new Set(['label_replace', 'label_join']);
const ANCHORED_SAFE = ['changes', 'delta', 'increase', 'rate', 'resets'];
const SMOOTHED_SAFE = ['delta', 'increase', 'rate'];
const COUNTER_SUFFIXES = ['_total', '_sum', '_count', '_bucket'];

function evalCall(q: Query, loop: Loop, e: Call, ts: number): V {
  const name = e.func;
  // Query-context functions are constants of the query (Prometheus folds them before evaluating).
  switch (name) {
    case 'start':
      return { type: 'scalar', t: ts, v: q.start / 1000 };
    case 'end':
      return { type: 'scalar', t: ts, v: q.end / 1000 };
    case 'range':
      return { type: 'scalar', t: ts, v: (q.end - q.start) / 1000 };
    case 'step':
      return { type: 'scalar', t: ts, v: q.start === q.end ? 0 : q.step / 1000 };
    case 'info':
      return evalInfoCall(q, loop, e, ts);
    default:
      break;
  }
  const info = FUNCTIONS.get(name);
  const impl = q.functions.get(name);
  if (!info || !impl) throw new EvalError(`function ${name}() is not supported by this engine`);

  const args = e.args.map(unwrapParens);
  const values: Value[] = [];
  let window: RangeArg['window'] | undefined;
  let rangeInput: RangeArg | undefined;
  for (const a of args) {
    if (a.kind === 'MatrixSelector' || a.kind === 'Subquery') {
      if (a.kind === 'MatrixSelector') checkExtendedModifier(name, a.selector);
      rangeInput = a.kind === 'MatrixSelector' ? selectMatrix(q, a, ts) : evalSubquery(q, a, ts);
      window = rangeInput.window;
      values.push({ type: 'matrix', series: rangeInput.series });
    } else if (name === 'timestamp' && a.kind === 'VectorSelector') {
      // timestamp() of a plain selector reports the samples' own times, not the step time.
      values.push({ type: 'vector', samples: selectVector(q, a, ts, true) });
    } else {
      values.push(evalExpr(q, loop, a, ts));
    }
  }

  if (loop.multiStep && SORT_FUNCTIONS.has(name)) {
    annotate(q, 'warning', 'PromQL warning: sort is ineffective for range queries since results are always ordered by labels', e);
  }

  const node: Call = args.every((a, i) => a === e.args[i]) ? e : { ...e, args };
  const mainArg = args.find((a) => {
    const t = typeOf(a);
    return t === 'vector' || t === 'matrix';
  });
  const out = callWithHistograms(name, impl, {
    node,
    args: values,
    ts,
    ...(window ? { window } : {}),
    options: q.implOptions,
    annotate: (a) => annotate(q, a.kind, a.message, positionOf(a) ?? mainArg ?? e),
  });

  if (info.returnType === 'scalar') {
    return { type: 'scalar', t: ts, v: out.length > 0 && !(out[0] as Sample).h ? (out[0] as Sample).v : NaN };
  }

  let samples: Sample[] = out.map((s) => ({ ...s, t: ts }));
  if (rangeInput) {
    samples = markRangeFunctionNames(name, samples, rangeInput.series);
    if (name === 'rate' || name === 'increase') counterInfo(q, rangeInput.series, args[0] ?? e);
  }
  if (!q.delayed) samples = samples.map((s) => (s.dropName ? { metric: dropMetricName(s.metric), t: s.t, v: s.v, ...(s.h ? { h: s.h } : {}) } : s));
  if (!q.delayed || loop.multiStep || RELABELING.has(name)) assertUnique(samples);
  return { type: 'vector', samples };
}

/** info(v, selector): joins data labels of info series, which needs the store (see info.ts). */
function evalInfoCall(q: Query, loop: Loop, e: Call, ts: number): V {
  const [arg, sel] = e.args.map(unwrapParens);
  if (!arg) throw new EvalError('info() needs an argument');
  const mods = infoTimeModifiers(arg);
  const offset = mods.offsetExprs.reduce((sum, d) => sum + (d.ms ?? 0), 0);
  const base = mods.at === undefined ? ts : mods.at === 'start' ? q.start : mods.at === 'end' ? q.end : mods.at;
  const v = evalExpr(q, loop, arg, ts);
  if (v.type !== 'vector') throw new EvalError('info() needs an instant vector');
  const samples = evalInfo(v.samples, sel?.kind === 'VectorSelector' ? sel : undefined, base - offset, {
    dotNL: q.dotNL,
    lookbackMs: q.options.lookbackDeltaMs,
    select: (matchers) => {
      if (selectionTouchesHistograms(q.storage, matchers, q.dotNL)) q.usedHistogramSeries = true;
      return selectSeries(q.storage, matchers, q.dotNL);
    },
  });
  if (loop.multiStep || !q.delayed) assertUnique(samples);
  return { type: 'vector', samples: samples.map((s) => ({ ...s, t: ts })) };
}

/**
 * Range-vector functions drop the metric name, except last_over_time/first_over_time, which keep it unless
 * their input (a subquery) had already marked it for removal.
 */
function markRangeFunctionNames(name: string, samples: Sample[], input: readonly MSeries[]): Sample[] {
  if (!KEEPS_NAME.has(name)) return samples.map((s) => (s.dropName ? s : { ...s, dropName: true }));
  const marked = new Set(input.filter((s) => s.dropName).map((s) => labelsKey(s.metric)));
  if (marked.size === 0) return samples;
  return samples.map((s) => (marked.has(labelsKey(s.metric)) ? { ...s, dropName: true } : s));
}

/** Function implementations may say which expression an annotation belongs to (`position`). */
function positionOf(a: Annotation): Span | undefined {
  if (!('position' in a)) return undefined;
  const p: unknown = a.position;
  if (typeof p === 'object' && p !== null && 'from' in p && typeof p.from === 'number' && 'to' in p && typeof p.to === 'number') {
    return { from: p.from, to: p.to };
  }
  return undefined;
}

/** Prometheus' hint that rate()/increase() got something whose name does not look like a counter. */
function counterInfo(q: Query, input: readonly MSeries[], arg: Expr): void {
  for (const s of input) {
    const metricName = s.metric[METRIC_NAME];
    if (!metricName || s.points.length < 2 || COUNTER_SUFFIXES.some((x) => metricName.endsWith(x))) continue;
    annotate(
      q,
      'info',
      `PromQL info: metric might not be a counter, name does not end in _total/_sum/_count/_bucket: ${goQuote(metricName)}`,
      arg,
    );
  }
}

function checkExtendedModifier(func: string, vs: VectorSelector): void {
  if (vs.anchored && !ANCHORED_SAFE.includes(func)) {
    throw new EvalError(`anchored modifier can only be used with: ${ANCHORED_SAFE.join(', ')} - not with ${func}`);
  }
  if (vs.smoothed && !SMOOTHED_SAFE.includes(func)) {
    throw new EvalError(`smoothed modifier can only be used with: ${SMOOTHED_SAFE.join(', ')} - not with ${func}`);
  }
}
