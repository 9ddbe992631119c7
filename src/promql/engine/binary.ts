// Binary operators at one evaluation step: scalar/scalar, vector/scalar and vector/vector with
// Prometheus' label matching (on/ignoring, group_left/group_right, fill), set operators, `bool`, and the
// exact error texts Prometheus gives for ambiguous matches.

import type { Binary, BinaryOp, Span, VectorMatching } from '../ast.js';
import { compareGoStrings } from '../../go/strings.js';
import type { Labels, Sample } from './types.js';
import { EvalError } from './types.js';
import { dropMetricName, formatLabels, METRIC_NAME, sortedNames } from './labels.js';
import { goPow } from '../duration.js';
import { addHistograms, compactHistogram, divideHistogram, HistogramError, histogramsEqual, scaleHistogram, type FloatHistogram } from './histogram.js';

export type Operand = { readonly type: 'vector'; readonly samples: readonly Sample[] } | { readonly type: 'scalar'; readonly v: number };

export interface BinaryContext {
  /** Delayed `__name__` removal: mark samples instead of dropping the name now. */
  readonly delayed: boolean;
  readonly ts: number;
  readonly info: (message: string, span: Span) => void;
  /** Warnings (histogram counter reset collisions, incompatible bucket schemas). */
  readonly warn?: (message: string, span: Span) => void;
}

const COMPARISONS: ReadonlySet<BinaryOp> = new Set(['==', '!=', '>', '<', '>=', '<=']);

export const isComparison = (op: BinaryOp): boolean => COMPARISONS.has(op);

/** Arithmetic changes what a value means, so the result loses the metric name (and type/unit). */
const changesMetricSchema = (op: BinaryOp): boolean => ['+', '-', '*', '/', '%', '^', 'atan2'].includes(op);

/** Float arithmetic and comparison with Go's semantics (math.Pow, math.Mod, math.Atan2). */
export function arith(op: BinaryOp, l: number, r: number): number {
  switch (op) {
    case '+':
      return l + r;
    case '-':
      return l - r;
    case '*':
      return l * r;
    case '/':
      return l / r;
    case '%':
      // JS `%` truncates like Go's math.Mod, including NaN for a zero divisor.
      return l % r;
    case '^':
      return goPow(l, r);
    case 'atan2':
      return Math.atan2(l, r);
    case '==':
      return l === r ? 1 : 0;
    case '!=':
      return l !== r ? 1 : 0;
    case '>':
      return l > r ? 1 : 0;
    case '<':
      return l < r ? 1 : 0;
    case '>=':
      return l >= r ? 1 : 0;
    case '<=':
      return l <= r ? 1 : 0;
    default:
      throw new EvalError(`operator "${op}" not allowed for Scalar operations`);
  }
}

interface Elem {
  readonly v: number;
  readonly h?: FloatHistogram | undefined;
}

type ElemResult =
  | { readonly v: number; readonly h?: FloatHistogram; readonly keep: boolean; readonly info?: string; readonly warn?: string }
  | 'trim'
  | { readonly incompatible: string };

const HISTOGRAM_OP_NAMES: Partial<Record<BinaryOp, string>> = { '+': 'addition', '-': 'subtraction' };

/**
 * vectorElemBinop: floats with floats as usual; a histogram times/divided by a float scales it; histograms
 * add and subtract and compare with == / !=; anything else is incompatible (the sample is dropped with an info).
 */
function elemOp(op: BinaryOp, l: Elem, r: Elem): ElemResult {
  const lh = l.h;
  const rh = r.h;
  if (!lh && !rh) {
    if (op === '</' || op === '>/') return 'trim';
    if (isComparison(op)) return { v: l.v, keep: arith(op, l.v, r.v) === 1 };
    return { v: arith(op, l.v, r.v), keep: true };
  }
  const incompatible = { incompatible: `PromQL info: incompatible sample types encountered for binary operator "${op}": ${lh ? 'histogram' : 'float'} ${op} ${rh ? 'histogram' : 'float'}` };
  if (!lh && rh) {
    if (op === '*') return { v: 0, h: compactHistogram(scaleHistogram(rh, l.v)), keep: true };
    return incompatible;
  }
  if (lh && !rh) {
    if (op === '*') return { v: 0, h: compactHistogram(scaleHistogram(lh, r.v)), keep: true };
    if (op === '/') return { v: 0, h: compactHistogram(divideHistogram(lh, r.v)), keep: true };
    return incompatible;
  }
  if (lh && rh) {
    if (op === '+' || op === '-') {
      try {
        const res = addHistograms(lh, rh, op === '-');
        const h = op === '-' ? { ...res.h, counterResetHint: 'gauge' as const } : res.h;
        const opName = HISTOGRAM_OP_NAMES[op] as string;
        return {
          v: 0,
          h: compactHistogram(h),
          keep: true,
          ...(res.nhcbBoundsReconciled ? { info: `PromQL info: mismatched custom buckets were reconciled during ${opName}` } : {}),
          ...(res.counterResetCollision ? { warn: `PromQL warning: conflicting counter resets during histogram ${opName}` } : {}),
        };
      } catch (err) {
        if (err instanceof HistogramError) return { incompatible: '' };
        throw err;
      }
    }
    if (op === '==') return { v: 0, h: lh, keep: histogramsEqual(lh, rh) };
    if (op === '!=') return { v: 0, h: lh, keep: !histogramsEqual(lh, rh) };
  }
  return incompatible;
}

/** Reports what elemOp said besides the value; false when the sample is to be dropped. */
function report(res: ElemResult, e: Binary, ctx: BinaryContext): res is { v: number; h?: FloatHistogram; keep: boolean; info?: string; warn?: string } {
  if (res === 'trim') return false;
  if ('incompatible' in res) {
    if (res.incompatible !== '') ctx.info(res.incompatible, e);
    return false;
  }
  if (res.info) ctx.info(res.info, e);
  if (res.warn) ctx.warn?.(res.warn, e);
  return true;
}

function trimInfo(e: Binary, ctx: BinaryContext): void {
  ctx.info(`PromQL info: incompatible sample types encountered for binary operator "${e.op}": float ${e.op} float`, e);
}

/** Evaluates `e` on already evaluated operands. */
export function evalBinary(e: Binary, lhs: Operand, rhs: Operand, ctx: BinaryContext): Operand {
  if (lhs.type === 'scalar' && rhs.type === 'scalar') {
    if (e.op === '</' || e.op === '>/') {
      throw new EvalError(`operator "${e.op}" not allowed for Scalar operations`);
    }
    return { type: 'scalar', v: arith(e.op, lhs.v, rhs.v) };
  }
  if (lhs.type === 'vector' && rhs.type === 'scalar') return vectorScalar(e, lhs.samples, rhs.v, false, ctx);
  if (lhs.type === 'scalar' && rhs.type === 'vector') return vectorScalar(e, rhs.samples, lhs.v, true, ctx);
  if (lhs.type === 'vector' && rhs.type === 'vector') {
    const matching = e.matching ?? { card: 'one-to-one', on: false, labels: [], include: [] };
    switch (e.op) {
      case 'and':
        return vector(setAnd(lhs.samples, rhs.samples, matching));
      case 'or':
        return vector(setOr(lhs.samples, rhs.samples, matching));
      case 'unless':
        return vector(setUnless(lhs.samples, rhs.samples, matching));
      default:
        return vector(vectorVector(e, lhs.samples, rhs.samples, matching, ctx));
    }
  }
  throw new EvalError(`unexpected operand types for binary operator "${e.op}"`);
}

const vector = (samples: Sample[]): Operand => ({ type: 'vector', samples });

/** Marks (or, without delayed removal, drops) the metric name of a result sample. */
function dropName(s: Sample, ctx: BinaryContext): Sample {
  return ctx.delayed ? { ...s, dropName: true } : { metric: dropMetricName(s.metric), t: s.t, v: s.v, ...(s.h ? { h: s.h } : {}) };
}

function vectorScalar(e: Binary, samples: readonly Sample[], scalar: number, swap: boolean, ctx: BinaryContext): Operand {
  const out: Sample[] = [];
  let trimmed = false;
  for (const s of samples) {
    const sc: Elem = { v: scalar };
    const [l, r] = swap ? [sc, s] : [s, sc];
    const res = elemOp(e.op, l, r);
    if (res === 'trim') {
      trimmed = true;
      continue;
    }
    if (!report(res, e, ctx)) continue;
    // A comparison keeps the vector element's value even when the scalar is on the left.
    let v = isComparison(e.op) && swap ? r.v : res.v;
    let h = isComparison(e.op) && swap ? r.h : res.h;
    let keep = res.keep;
    if (e.bool) {
      v = keep ? 1 : 0;
      h = undefined;
      keep = true;
    }
    if (!keep) continue;
    const next: Sample = { metric: s.metric, t: ctx.ts, v, ...(h ? { h } : {}), ...(s.dropName ? { dropName: true } : {}) };
    out.push(changesMetricSchema(e.op) || e.bool ? dropName(next, ctx) : next);
  }
  if (trimmed) trimInfo(e, ctx);
  return vector(out);
}

/** The join key of a series: the `on` labels, or everything but the `ignoring` labels and the name. */
export function signatureFn(m: VectorMatching): (ls: Labels) => string {
  if (m.on) {
    const names = [...m.labels].sort(compareGoStrings);
    return (ls) => names.map((n) => `${n}\u0000${ls[n] ?? ''}`).join('\u0001');
  }
  const excluded = new Set([METRIC_NAME, ...m.labels]);
  return (ls) =>
    sortedNames(ls)
      .filter((n) => !excluded.has(n))
      .map((n) => `${n}\u0000${ls[n]}`)
      .join('\u0001');
}

/** labels.MatchLabels: the labels a match group is named by, for error messages and fill samples. */
function matchLabels(ls: Labels, m: VectorMatching): Labels {
  const out: Record<string, string> = {};
  for (const n of sortedNames(ls)) {
    const listed = m.labels.includes(n);
    if (m.on === listed && (m.on || n !== METRIC_NAME)) out[n] = ls[n] as string;
  }
  return out;
}

function setAnd(lhs: readonly Sample[], rhs: readonly Sample[], m: VectorMatching): Sample[] {
  if (lhs.length === 0 || rhs.length === 0) return [];
  const sig = signatureFn(m);
  const right = new Set(rhs.map((s) => sig(s.metric)));
  return lhs.filter((s) => right.has(sig(s.metric)));
}

function setOr(lhs: readonly Sample[], rhs: readonly Sample[], m: VectorMatching): Sample[] {
  if (lhs.length === 0) return [...rhs];
  if (rhs.length === 0) return [...lhs];
  const sig = signatureFn(m);
  const left = new Set(lhs.map((s) => sig(s.metric)));
  return [...lhs, ...rhs.filter((s) => !left.has(sig(s.metric)))];
}

function setUnless(lhs: readonly Sample[], rhs: readonly Sample[], m: VectorMatching): Sample[] {
  if (lhs.length === 0 || rhs.length === 0) return [...lhs];
  const sig = signatureFn(m);
  const right = new Set(rhs.map((s) => sig(s.metric)));
  return lhs.filter((s) => !right.has(sig(s.metric)));
}

/** The labels of a matched pair's result (resultMetric in Prometheus). */
function resultMetric(many: Labels, one: Labels, e: Binary, m: VectorMatching, ctx: BinaryContext): Labels {
  const out: Record<string, string> = { ...many };
  if ((!ctx.delayed && e.bool) || changesMetricSchema(e.op)) {
    delete out[METRIC_NAME];
    delete out['__type__'];
    delete out['__unit__'];
  }
  if (m.card === 'one-to-one') {
    if (m.on) {
      for (const n of Object.keys(out)) if (!m.labels.includes(n)) delete out[n];
    } else {
      for (const n of m.labels) delete out[n];
    }
  }
  for (const n of m.include) {
    const v = one[n];
    if (v !== undefined && v !== '') out[n] = v;
    else delete out[n];
  }
  return out;
}

function vectorVector(e: Binary, lhsIn: readonly Sample[], rhsIn: readonly Sample[], m: VectorMatching, ctx: BinaryContext): Sample[] {
  const fill = e.fill ?? {};
  if ((lhsIn.length === 0 && rhsIn.length === 0) || ((lhsIn.length === 0 || rhsIn.length === 0) && fill.lhs === undefined && fill.rhs === undefined)) {
    return [];
  }
  const sig = signatureFn(m);
  // One-to-many is many-to-one with the sides swapped; values are swapped back for the operation.
  const swapped = m.card === 'one-to-many';
  const [lhs, rhs] = swapped ? [rhsIn, lhsIn] : [lhsIn, rhsIn];
  // Prometheus applies fill_right to the (swapped) left side and fill_left to the right side even for
  // group_right, so the fill values are deliberately not swapped.
  const fillOne = fill.rhs;
  const fillMany = fill.lhs;

  const oneSide = new Map<string, Sample>();
  for (const rs of rhs) {
    const key = sig(rs.metric);
    const dup = oneSide.get(key);
    if (dup) {
      const side = swapped ? 'left' : 'right';
      const [a, b] = [formatLabels(rs.metric), formatLabels(dup.metric)].sort(compareGoStrings);
      throw new EvalError(
        `found duplicate series for the match group ${formatLabels(matchLabels(rs.metric, m))} on the ${side} hand-side of the operation: [${a}, ${b}]` +
          ';many-to-many matching not allowed: matching labels must be unique on one side',
      );
    }
    oneSide.set(key, rs);
  }

  const out: Sample[] = [];
  const matchedOneToOne = new Set<string>();
  const matchedManyToOne = new Map<string, Set<string>>();
  let trimmed = false;

  const apply = (ls: Sample, rs: Sample, key: string): void => {
    const [fl, fr] = swapped ? [rs, ls] : [ls, rs];
    const res = elemOp(e.op, fl, fr);
    const metric = resultMetric(ls.metric, rs.metric, e, m, ctx);
    if (m.card === 'one-to-one') {
      if (matchedOneToOne.has(key)) {
        throw new EvalError('multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)');
      }
      matchedOneToOne.add(key);
    } else {
      let inserted = matchedManyToOne.get(key);
      if (!inserted) matchedManyToOne.set(key, (inserted = new Set()));
      const metricKey = JSON.stringify(sortedNames(metric).map((n) => [n, metric[n]]));
      if (inserted.has(metricKey)) throw new EvalError('multiple matches for labels: grouping labels must ensure unique matches');
      inserted.add(metricKey);
    }
    if (res === 'trim') {
      trimmed = true;
      return;
    }
    if (!report(res, e, ctx)) return;
    if (!res.keep && !e.bool) return;
    const v = e.bool ? (res.keep ? 1 : 0) : res.v;
    const h = e.bool ? undefined : res.h;
    // Like Prometheus, only `bool` marks the name for removal here; arithmetic already removed it above and
    // a filtering comparison keeps the left side's labels as they are.
    out.push({ metric, t: ctx.ts, v, ...(h ? { h } : {}), ...(e.bool && ctx.delayed ? { dropName: true } : {}) });
  };

  for (const ls of lhs) {
    const key = sig(ls.metric);
    let rs = oneSide.get(key);
    if (!rs) {
      if (fillOne === undefined) continue;
      rs = { metric: matchLabels(ls.metric, m), t: ctx.ts, v: fillOne };
    }
    apply(ls, rs, key);
  }
  if (fillMany !== undefined) {
    for (const rs of rhs) {
      const key = sig(rs.metric);
      const matched = m.card === 'one-to-one' ? matchedOneToOne.has(key) : (matchedManyToOne.get(key)?.size ?? 0) > 0;
      if (matched) continue;
      apply({ metric: matchLabels(rs.metric, m), t: ctx.ts, v: fillMany }, rs, key);
    }
  }
  if (trimmed) trimInfo(e, ctx);
  return out;
}
