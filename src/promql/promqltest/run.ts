// Runs a PromQL test script against our engine the way Prometheus' promqltest runner does: a fresh store
// per script (and per `clear`), instant evals checked three ways (as written; with every selector pinned
// by `@` and re-run at other times; as a range query around the time), results compared as sets (or in
// order), floats with relative epsilon 1e-6, and warn/info annotations and failures checked against the
// `expect` lines.
//
// The engine is float-only: series holding native histograms are not loaded, and an eval that cannot pass
// because of that (it expects histogram output, or failed while touching such series) is reported as
// skipped with the reason, never dropped silently. Likewise for features the engine refuses with
// "not supported by this engine".

import { children, type Expr, type VectorSelector } from '../ast.js';
import type { Annotation, EngineOptions, FunctionImpl, Labels, Point, Value } from '../engine/types.js';
import { EvalError } from '../engine/types.js';
import { parsePromQL, type PromQLFeature } from '../parse.js';
import { parseVersion } from '../../config/version.js';
import { addHistogramSeries, addSample, compileMatcher, createStorage, type Storage } from '../engine/storage.js';
import { evalInstant, evalRange, type EvalResult } from '../engine/eval.js';
import { compareLabels, formatLabels, labelsKey, METRIC_NAME } from '../engine/labels.js';
import { almostEqual } from '../engine/functions/common.js';
import { FUNCTION_IMPLS } from '../engine/functions/index.js';
import { storableValue, type SeriesValue } from '../engine/series-notation.js';
import { compactHistogram, histogramsMatch, histogramTestExpression, type FloatHistogram } from '../engine/histogram.js';
import { parseScript, type EvalCommand, type ExpectMatcher, type ExpectedSeries, type LoadCommand } from './parse.js';

export interface EvalOutcome {
  /** 1-based line of the eval in the script. */
  readonly line: number;
  readonly expr: string;
  readonly ok: boolean;
  /** Why the eval could not be checked meaningfully (native histograms, unsupported features). */
  readonly skipped?: string;
  readonly error?: string;
}

export interface ScriptNote {
  readonly line: number;
  readonly message: string;
}

export interface ScriptResult {
  readonly file: string;
  readonly evals: readonly EvalOutcome[];
  /** Data the engine left out (histogram series, start timestamps) and script lines it could not parse. */
  readonly notes: readonly ScriptNote[];
}

export interface RunOptions {
  /** Function implementations; default the engine's FUNCTION_IMPLS. */
  readonly functions?: ReadonlyMap<string, FunctionImpl>;
  /** Prometheus semantics to apply; default the corpus' 3.14.0. */
  readonly prometheusVersion?: string;
}

/** The parser features Prometheus' test engine enables. */
const FEATURES: ReadonlySet<PromQLFeature> = new Set([
  'promql-experimental-functions',
  'promql-extended-range-selectors',
  'promql-binop-fill-modifiers',
  'promql-duration-expr',
]);

/** Functions whose result depends on the evaluation time even with pinned arguments (no `@` re-runs). */
const AT_MODIFIER_UNSAFE = new Set([
  'days_in_month',
  'day_of_month',
  'day_of_week',
  'day_of_year',
  'end',
  'hour',
  'minute',
  'month',
  'year',
  'predict_linear',
  'range',
  'start',
  'step',
  'time',
  'timestamp',
]);

/** promqltest's tolerance for float comparisons. */
const EPSILON = 1e-6;

export function runScript(text: string, file: string, options: RunOptions = {}): ScriptResult {
  const version = options.prometheusVersion ?? '3.14.0';
  const parsedVersion = parseVersion(version);
  if (!parsedVersion) throw new TypeError(`invalid prometheusVersion ${version}`);
  const engine: EngineOptions = { lookbackDeltaMs: 5 * 60_000, prometheusVersion: parsedVersion, defaultStepMs: 60_000 };
  const script = parseScript(text);
  const notes: ScriptNote[] = script.errors.map((e) => ({ line: e.line, message: `script line not understood: ${e.message}` }));
  const evals: EvalOutcome[] = [];
  let storage = createStorage();
  let withStartTimestamps: Labels[] = [];
  for (const cmd of script.commands) {
    switch (cmd.kind) {
      case 'clear':
        storage = createStorage();
        withStartTimestamps = [];
        break;
      case 'load':
        load(storage, cmd, notes);
        withStartTimestamps.push(...cmd.startTimestampSeries);
        break;
      case 'eval':
        evals.push(runEval(storage, cmd, { engine, functions: options.functions ?? FUNCTION_IMPLS, version, withStartTimestamps }));
        break;
    }
  }
  return { file, evals, notes };
}

function load(storage: Storage, cmd: LoadCommand, notes: ScriptNote[]): void {
  for (const s of cmd.series) {
    s.values.forEach((sv, i) => {
      const v = storableValue(sv);
      if (v !== undefined) addSample(storage, s.metric, i * cmd.intervalMs, v);
    });
    if (cmd.withNhcb) {
      // load_with_nhcb also stores each classic histogram as a native histogram with custom buckets
      // under the base name; those are histogram series the engine cannot hold.
      const name = s.metric[METRIC_NAME] ?? '';
      const m = /^(.*)_(bucket|count|sum)$/.exec(name);
      if (m) {
        const base: Record<string, string> = { ...s.metric, [METRIC_NAME]: m[1] as string };
        delete base['le'];
        addHistogramSeries(storage, base);
      }
    }
  }
  if (cmd.withNhcb) notes.push({ line: cmd.line, message: 'load_with_nhcb: the converted native histogram series are not loaded' });
  for (const line of cmd.startTimestampLines) notes.push({ line, message: 'start timestamps (@st) are not used by the engine' });
}

interface RunContext {
  readonly engine: EngineOptions;
  readonly functions: ReadonlyMap<string, FunctionImpl>;
  readonly version: string;
  /** Series loaded with `@st` start timestamps, which the engine ignores. */
  readonly withStartTimestamps: readonly Labels[];
}

/** What one run of a query produced, or the check that failed. */
type Check = string | undefined;

function runEval(storage: Storage, cmd: EvalCommand, rc: RunContext): EvalOutcome {
  const base = { line: cmd.line, expr: cmd.expr };
  const parsed = parsePromQL(cmd.expr, { features: FEATURES, prometheusVersion: rc.version });
  if (!parsed.ok) return { ...base, ok: false, error: parsed.errors.map((e) => e.message).join('; ') };
  const state: RunState = { storage, cmd, rc, usedHistograms: false, unsupported: undefined };
  let error: Check;
  try {
    error = cmd.instant ? runInstant(state, parsed.ast) : runRangeEval(state, parsed.ast);
  } catch (err) {
    error = `internal error: ${err instanceof Error ? err.message : String(err)}`;
  }
  if (error === undefined) return { ...base, ok: true };
  if (state.unsupported) return { ...base, ok: false, skipped: state.unsupported, error };
  if (selectsAny(parsed.ast, rc.withStartTimestamps)) {
    return { ...base, ok: false, skipped: 'reads series with start timestamps (@st), which the engine ignores', error };
  }
  if (state.usedHistograms) return { ...base, ok: false, skipped: `reads native histogram data whose semantics are not complete here: ${error}`, error };
  return { ...base, ok: false, error };
}

interface RunState {
  readonly storage: Storage;
  readonly cmd: EvalCommand;
  readonly rc: RunContext;
  usedHistograms: boolean;
  unsupported: string | undefined;
}

type Outcome = { ok: true; result: EvalResult } | { ok: false; error: unknown };

function attempt(state: RunState, f: () => EvalResult): Outcome {
  try {
    const result = f();
    if (result.usedHistogramSeries) state.usedHistograms = true;
    return { ok: true, result };
  } catch (error) {
    if (error instanceof EvalError && error.message.includes('not supported by this engine')) state.unsupported = error.message;
    return { ok: false, error };
  }
}

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

function extras(state: RunState): { functions: ReadonlyMap<string, FunctionImpl>; delayedNameRemoval: boolean; query: string } {
  return { functions: state.rc.functions, delayedNameRemoval: true, query: state.cmd.expr };
}

/** Checks a failed evaluation against `expect fail` (message or regex). */
function checkFailure(state: RunState, error: unknown, mode: string): Check {
  const { cmd } = state;
  if (!cmd.fail) return `error evaluating query${mode}: ${message(error)}`;
  if (!(error instanceof EvalError)) return `internal error${mode}: ${message(error)}`;
  if (cmd.failMessage !== undefined && cmd.failMessage !== error.message) {
    return `expected error ${JSON.stringify(cmd.failMessage)}, got: ${error.message}`;
  }
  if (cmd.failRegex && !cmd.failRegex.test(error.message)) return `expected error matching ${cmd.failRegex.source}, got: ${error.message}`;
  return undefined;
}

function runRangeEval(state: RunState, ast: Expr): Check {
  const { cmd } = state;
  const r = attempt(state, () => evalRange(ast, cmd.start, cmd.end, cmd.step, state.storage, state.rc.engine, extras(state)));
  if (!r.ok) return checkFailure(state, r.error, '');
  if (cmd.fail) return 'expected error evaluating query but got none';
  return checkAnnotations(cmd, r.result.annotations) ?? compareResult(cmd, r.result.value);
}

function runInstant(state: RunState, ast: Expr): Check {
  const { cmd } = state;
  const runs: Array<{ ast: Expr; time: number; label: string }> = [{ ast, time: cmd.time, label: '' }];
  const pinned = pinSelectors(ast, cmd.time);
  if (pinned) {
    const times = cmd.time === 0 ? [-1000, 0, 1000] : [-10 * cmd.time, 0, Math.trunc(cmd.time / 5), cmd.time, 10 * cmd.time];
    for (const t of times) runs.push({ ast: pinned, time: t, label: ` (pinned with @ ${cmd.time / 1000}, evaluated at ${t / 1000}s)` });
  }
  for (const run of runs) {
    const err = runInstantQuery(state, run.ast, run.time, run.label);
    if (err !== undefined) return err;
  }
  return undefined;
}

function runInstantQuery(state: RunState, ast: Expr, time: number, label: string): Check {
  const { cmd } = state;
  const r = attempt(state, () => evalInstant(ast, time, state.storage, state.rc.engine, extras(state)));
  if (!r.ok) return checkFailure(state, r.error, label);
  if (cmd.fail) return `expected error evaluating query${label} but got none`;
  const err = checkAnnotations(cmd, r.result.annotations) ?? compareResult(cmd, r.result.value);
  if (err !== undefined) return `${err}${label}`;
  if (cmd.excludeFromRangeQuery || /(start|end|range|step)\(\)/.test(cmd.expr)) return undefined;

  // Range mode: the same query from t-1m to t+1m must give the instant result at t.
  const rr = attempt(state, () => evalRange(ast, time - 60_000, time + 60_000, 60_000, state.storage, state.rc.engine, extras(state)));
  if (!rr.ok) return `error evaluating query in range mode${label}: ${message(rr.error)}`;
  if (cmd.ordered) return undefined;
  if (rr.result.value.type !== 'matrix') return `range mode${label}: result is not a matrix`;
  const series = rr.result.value.series;
  const unsorted = assertSorted(series);
  if (unsorted) return `${unsorted} (range mode${label})`;
  const samples: Array<{ metric: Labels; v: number; h?: FloatHistogram }> = [];
  for (const s of series) {
    const p = s.points.find((x) => x.t === time);
    if (p) samples.push({ metric: s.metric, v: p.v, ...(p.h ? { h: p.h } : {}) });
  }
  const rangeErr =
    r.result.value.type === 'scalar'
      ? samples[0]
        ? compareScalar(cmd, samples[0].v)
        : 'range mode returned no value for a scalar query'
      : compareVector(cmd, samples);
  return rangeErr === undefined ? undefined : `${rangeErr} (range mode${label})`;
}

/**
 * The query with every selector and subquery that has no `@` pinned to `time` (nothing inside a subquery
 * is changed), or undefined when it calls a function whose result depends on the evaluation time.
 */
function pinSelectors(ast: Expr, time: number): Expr | undefined {
  const copy = structuredClone(ast);
  let unsafe = false;
  const walk = (e: Expr): void => {
    switch (e.kind) {
      case 'VectorSelector':
        e.at ??= time;
        return;
      case 'MatrixSelector':
        e.selector.at ??= time;
        return;
      case 'Subquery':
        e.at ??= time;
        return;
      case 'Call':
        if (AT_MODIFIER_UNSAFE.has(e.func)) unsafe = true;
        e.args.forEach(walk);
        return;
      case 'Aggregate':
        if (e.param) walk(e.param);
        walk(e.expr);
        return;
      case 'Binary':
        walk(e.lhs);
        walk(e.rhs);
        return;
      case 'Unary':
      case 'Paren':
        walk(e.expr);
        return;
      case 'NumberLiteral':
      case 'StringLiteral':
        return;
    }
  };
  walk(copy);
  return unsafe ? undefined : copy;
}

/** Whether any selector in the query matches one of the given series. */
function selectsAny(ast: Expr, series: readonly Labels[]): boolean {
  if (series.length === 0) return false;
  const matchesSelector = (vs: VectorSelector): boolean => {
    const matchers = vs.matchers.map((m) => compileMatcher(m, true));
    return series.some((s) => matchers.every((m) => m.test(s[m.name] ?? '')));
  };
  const walk = (e: Expr): boolean => {
    switch (e.kind) {
      case 'VectorSelector':
        return matchesSelector(e);
      case 'MatrixSelector':
        return matchesSelector(e.selector);
      case 'NumberLiteral':
      case 'StringLiteral':
        return false;
      default:
        return children(e).some(walk);
    }
  };
  return walk(ast);
}

// ---- annotations ----

function matches(m: ExpectMatcher, text: string): boolean {
  if (m.message !== undefined) return m.message === text;
  if (m.regex) return m.regex.test(text);
  return true;
}

function checkKind(expected: readonly ExpectMatcher[], actual: readonly string[], kind: string): Check {
  if (expected.length === 0) return undefined;
  if (actual.length === 0) return `expected ${kind} annotations but none were found`;
  for (const e of expected) {
    if (!actual.some((a) => matches(e, a))) {
      return `expected ${kind} annotation matching ${JSON.stringify(e.message ?? e.regex?.source ?? '.*')} but found: ${JSON.stringify(actual)}`;
    }
  }
  for (const a of actual) if (!expected.some((e) => matches(e, a))) return `unexpected ${kind} annotation ${JSON.stringify(a)}`;
  return undefined;
}

function checkAnnotations(cmd: EvalCommand, annotations: readonly Annotation[]): Check {
  const warnings = annotations.filter((a) => a.kind === 'warning').map((a) => a.message);
  const infos = annotations.filter((a) => a.kind === 'info').map((a) => a.message);
  if (cmd.warn && warnings.length === 0) return 'expected warnings but got none';
  if (cmd.info && infos.length === 0) return 'expected info annotations but got none';
  return (
    checkKind(cmd.expectWarn, warnings, 'warn') ??
    checkKind(cmd.expectInfo, infos, 'info') ??
    (cmd.noWarn && warnings.length > 0 ? `unexpected warning annotations: ${JSON.stringify(warnings)}` : undefined) ??
    (cmd.noInfo && infos.length > 0 ? `unexpected info annotations: ${JSON.stringify(infos)}` : undefined)
  );
}

// ---- result comparison ----

const fmt = (v: number): string => (Number.isNaN(v) ? 'NaN' : v === Infinity ? '+Inf' : v === -Infinity ? '-Inf' : String(v));

function expectedSeries(cmd: EvalCommand): Map<string, ExpectedSeries> {
  const out = new Map<string, ExpectedSeries>();
  if (cmd.expected.kind === 'series') for (const s of cmd.expected.series) out.set(labelsKey(s.metric), s);
  return out;
}

function compareResult(cmd: EvalCommand, value: Value): Check {
  switch (value.type) {
    case 'matrix':
      return compareMatrix(cmd, value.series);
    case 'vector':
      return compareVector(cmd, value.samples);
    case 'scalar':
      return compareScalar(cmd, value.v);
    case 'string': {
      const want = cmd.expected.kind === 'string' ? cmd.expected.value : '';
      return want === value.v ? undefined : `expected string ${JSON.stringify(want)} but got ${JSON.stringify(value.v)}`;
    }
  }
}

function compareScalar(cmd: EvalCommand, v: number): Check {
  if (cmd.expected.kind !== 'scalar') return `expected vector or matrix result, but got scalar ${fmt(v)}`;
  return almostEqual(cmd.expected.value, v, EPSILON) ? undefined : `expected scalar ${fmt(cmd.expected.value)} but got ${fmt(v)}`;
}

/** compareNativeHistogram: both compacted, floats almost-equal, the reset hint only when the script set it. */
export function histogramMatches(exp: FloatHistogram, hintSet: boolean, got: FloatHistogram): boolean {
  if (!histogramsMatch(compactHistogram(exp), compactHistogram(got), (a, b) => almostEqual(a, b, EPSILON))) return false;
  return !hintSet || exp.counterResetHint === got.counterResetHint;
}

/** A sample's value as the runner prints it: the float, or the histogram's `{{…}}` test expression. */
const valueText = (s: { v: number; h?: FloatHistogram | undefined }): string => (s.h ? histogramTestExpression(s.h) : fmt(s.v));

function compareValue(exp: SeriesValue, s: { metric: Labels; v: number; h?: FloatHistogram | undefined }): Check {
  const m = formatLabels(s.metric);
  if (typeof exp === 'object') {
    if (!s.h) return `expected histogram ${histogramTestExpression(exp.h)} for ${m} but got float value ${fmt(s.v)}`;
    if (!histogramMatches(exp.h, exp.hintSet, s.h)) return `expected ${histogramTestExpression(exp.h)} for ${m} but got ${histogramTestExpression(s.h)}`;
    return undefined;
  }
  const expValue = typeof exp === 'number' ? exp : 0;
  if (s.h) return `expected float value ${fmt(expValue)} for ${m} but got histogram ${histogramTestExpression(s.h)}`;
  if (!almostEqual(expValue, s.v, EPSILON)) return `expected ${fmt(expValue)} for ${m} but got ${fmt(s.v)}`;
  return undefined;
}

function compareVector(cmd: EvalCommand, samples: ReadonlyArray<{ metric: Labels; v: number; h?: FloatHistogram | undefined }>): Check {
  if (cmd.expected.kind === 'scalar') return `expected scalar result, but got vector of ${samples.length} samples`;
  const want = expectedSeries(cmd);
  const seen = new Set<string>();
  for (const [pos, s] of samples.entries()) {
    const key = labelsKey(s.metric);
    const exp = want.get(key);
    if (!exp) return `unexpected metric ${formatLabels(s.metric)} in result, has value ${valueText(s)}`;
    if (cmd.ordered && exp.pos !== pos + 1) return `expected metric ${formatLabels(s.metric)} at position ${exp.pos} but was at ${pos + 1}`;
    const err = compareValue(exp.values[0], s);
    if (err !== undefined) return err;
    seen.add(key);
  }
  for (const [key, exp] of want) if (!seen.has(key)) return `expected metric ${formatLabels(exp.metric)} not found`;
  return undefined;
}

function assertSorted(series: ReadonlyArray<{ metric: Labels }>): Check {
  for (let i = 1; i < series.length; i++) {
    if (compareLabels((series[i - 1] as { metric: Labels }).metric, (series[i] as { metric: Labels }).metric) > 0) {
      return 'matrix results should always be sorted by labels';
    }
  }
  return undefined;
}

function compareMatrix(cmd: EvalCommand, series: ReadonlyArray<{ metric: Labels; points: readonly Point[] }>): Check {
  if (cmd.ordered) return 'expected ordered result, but query returned a matrix';
  if (cmd.expected.kind === 'scalar') return 'expected scalar result, but got matrix';
  const unsorted = assertSorted(series);
  if (unsorted) return unsorted;
  const want = expectedSeries(cmd);
  const seen = new Set<string>();
  for (const s of series) {
    const key = labelsKey(s.metric);
    const exp = want.get(key);
    const got = (): string => s.points.map((p) => `${valueText(p)}@${p.t / 1000}`).join(' ');
    if (!exp) return `unexpected metric ${formatLabels(s.metric)} in result, has ${got()}`;
    seen.add(key);
    const floats: Array<{ t: number; v: number }> = [];
    const histograms: Array<{ t: number; v: SeriesValue }> = [];
    for (const [i, v] of exp.values.entries()) {
      const t = cmd.start + i * cmd.step;
      if (t > cmd.end) return `expected ${exp.values.length} points for ${formatLabels(s.metric)}, but query time range cannot return this many points`;
      if (typeof v === 'number') floats.push({ t, v });
      else if (typeof v === 'object') histograms.push({ t, v });
    }
    const gotFloats = s.points.filter((p) => !p.h);
    const gotHistograms = s.points.filter((p) => p.h);
    if (floats.length !== gotFloats.length || histograms.length !== gotHistograms.length) {
      return `expected ${floats.length} float points and ${histograms.length} histogram points for ${formatLabels(s.metric)}, but got ${got()}`;
    }
    for (const [i, p] of floats.entries()) {
      const a = gotFloats[i] as Point;
      if (a.t !== p.t) return `expected point ${i} of ${formatLabels(s.metric)} at ${p.t / 1000}s but got ${got()}`;
      if (!almostEqual(a.v, p.v, EPSILON)) return `expected ${fmt(p.v)} at ${p.t / 1000}s for ${formatLabels(s.metric)} but got ${got()}`;
    }
    for (const [i, p] of histograms.entries()) {
      const a = gotHistograms[i] as Point;
      if (a.t !== p.t) return `expected histogram point ${i} of ${formatLabels(s.metric)} at ${p.t / 1000}s but got ${got()}`;
      const err = compareValue(p.v, { metric: s.metric, v: a.v, h: a.h });
      if (err !== undefined) return `${err} at ${p.t / 1000}s`;
    }
  }
  for (const [key, exp] of want) if (!seen.has(key)) return `expected metric ${formatLabels(exp.metric)} not found`;
  return undefined;
}
