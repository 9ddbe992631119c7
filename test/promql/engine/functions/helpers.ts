/**
 * A tiny stand-in for the engine, enough to call the function implementations the way Prometheus' test
 * scripts do: series loaded with promtool's expanding notation, selectors resolved at one evaluation time,
 * number/string literals and nested function calls as arguments.
 */
import { expect } from 'vitest';
import { parseVersion } from '../../../../src/config/version.js';
import type { Call, Expr, LabelMatcher } from '../../../../src/promql/ast.js';
import { FUNCTIONS } from '../../../../src/promql/functions.js';
import { parsePromQL } from '../../../../src/promql/parse.js';
import { compileMatcherRegex } from '../../../../src/promql/regex.js';
import { FUNCTION_IMPLS } from '../../../../src/promql/engine/functions/index.js';
import type { PositionedAnnotation } from '../../../../src/promql/engine/functions/index.js';
import type { Annotation, EngineOptions, FunctionCall, Labels, Point, Sample, Value } from '../../../../src/promql/engine/types.js';
import { ALL_FEATURES } from '../../helpers.js';

export interface Series {
  metric: Labels;
  points: Point[];
}

const MIN = 60_000;
export const minutes = (m: number): number => m * MIN;

/** One value of the notation: a number, Inf/NaN, or `_` (no sample). */
function value(token: string): number | undefined {
  if (token === '_') return undefined;
  if (/^[+-]?Inf$/i.test(token)) return token.startsWith('-') ? -Infinity : Infinity;
  if (/^NaN$/i.test(token)) return NaN;
  const n = Number(token);
  if (Number.isNaN(n)) throw new Error(`bad value ${token}`);
  return n;
}

/** promtool's expanding notation: `0+10x3` = 0 10 20 30, `1x2` = 1 1 1, `_x2`, `1 _ 3`. */
export function expand(spec: string, stepMs: number): Point[] {
  const values: (number | undefined)[] = [];
  for (const token of spec.trim().split(/\s+/)) {
    const m = /^(.+?)([+-])(.+?)x(\d+)$/.exec(token) ?? undefined;
    const rep = /^(.+?)x(\d+)$/.exec(token) ?? undefined;
    if (m && !/^[+-]?Inf$/i.test(m[1] ?? '')) {
      const start = value(m[1] ?? '') ?? 0;
      const delta = (m[2] === '-' ? -1 : 1) * (value(m[3] ?? '') ?? 0);
      for (let i = 0; i <= Number(m[4]); i++) values.push(start + i * delta);
    } else if (rep) {
      const v = value(rep[1] ?? '');
      for (let i = 0; i <= Number(rep[2]); i++) values.push(v);
    } else {
      values.push(value(token));
    }
  }
  const points: Point[] = [];
  values.forEach((v, i) => {
    if (v !== undefined) points.push({ t: i * stepMs, v });
  });
  return points;
}

/** `name{a="b", c="d"}` to labels (values without escapes). */
export function labels(text: string): Labels {
  const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)?(?:\{(.*)\})?$/.exec(text.trim());
  if (!m) throw new Error(`bad series ${text}`);
  const out: Record<string, string> = {};
  if (m[1]) out['__name__'] = m[1];
  for (const pair of (m[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)\s*=\s*"([^"]*)"/g)) out[pair[1] ?? ''] = pair[2] ?? '';
  return out;
}

/** A `load <step>` block: series text to values. */
export function load(stepMs: number, lines: Record<string, string>): Series[] {
  return Object.entries(lines).map(([k, spec]) => ({ metric: labels(k), points: expand(spec, stepMs) }));
}

function matches(m: LabelMatcher, metric: Labels): boolean {
  const v = metric[m.name] ?? '';
  switch (m.op) {
    case '=':
      return v === m.value;
    case '!=':
      return v !== m.value;
    case '=~':
    case '!~': {
      const re = compileMatcherRegex(m.value);
      if (!re.ok) throw new Error(re.error);
      return re.regex.test(v) === (m.op === '=~');
    }
  }
}

export interface EvalOptions {
  version?: string;
  delayedNameRemoval?: boolean;
  lookbackMs?: number;
}

export interface EvalResult {
  samples: readonly Sample[];
  annotations: PositionedAnnotation[];
}

function unwrap(e: Expr): Expr {
  return e.kind === 'Paren' ? unwrap(e.expr) : e;
}

class MiniEngine {
  readonly annotations: PositionedAnnotation[] = [];

  constructor(
    private readonly data: readonly Series[],
    private readonly options: EngineOptions,
  ) {}

  private select(matchers: readonly LabelMatcher[]): Series[] {
    return this.data.filter((s) => matchers.every((m) => matches(m, s.metric)));
  }

  private leftOpen(): boolean {
    return this.options.prometheusVersion[0] >= 3;
  }

  value(e: Expr, ts: number): Value {
    const x = unwrap(e);
    switch (x.kind) {
      case 'NumberLiteral':
        return { type: 'scalar', t: ts, v: x.value };
      case 'StringLiteral':
        return { type: 'string', t: ts, v: x.value };
      case 'Unary': {
        const v = this.value(x.expr, ts);
        if (v.type !== 'scalar') throw new Error('unary minus only on scalars here');
        return { ...v, v: x.op === '-' ? -v.v : v.v };
      }
      case 'VectorSelector': {
        const at = ts - (x.offset?.ms ?? 0);
        const samples: Sample[] = [];
        for (const s of this.select(x.matchers)) {
          const inWindow = s.points.filter((p) => p.t <= at && p.t > at - this.options.lookbackDeltaMs);
          const last = inWindow[inWindow.length - 1];
          if (last) samples.push({ metric: s.metric, t: last.t, v: last.v });
        }
        return { type: 'vector', samples };
      }
      case 'MatrixSelector': {
        const { start, end } = this.window(x, ts);
        const sel = x.selector;
        const lookback = this.options.lookbackDeltaMs;
        const from = sel.anchored || sel.smoothed ? start - lookback : start;
        const to = sel.smoothed ? end + lookback : end;
        const series = this.select(sel.matchers).map((s) => ({
          metric: s.metric,
          points: s.points.filter((p) => (this.leftOpen() ? p.t > from : p.t >= from) && p.t <= to),
        }));
        return { type: 'matrix', series: series.filter((s) => s.points.length > 0) };
      }
      case 'Call': {
        const samples = this.call(x, ts);
        if (FUNCTIONS.get(x.func)?.returnType === 'scalar') return { type: 'scalar', t: ts, v: samples[0]?.v ?? NaN };
        return { type: 'vector', samples };
      }
      default:
        throw new Error(`mini engine cannot evaluate ${x.kind}`);
    }
  }

  window(x: Expr, ts: number): { start: number; end: number } {
    if (x.kind !== 'MatrixSelector') throw new Error('not a range selector');
    const range = x.range.ms ?? 0;
    const end = ts - (x.selector.offset?.ms ?? 0);
    return { start: end - range, end };
  }

  call(node: Call, ts: number): readonly Sample[] {
    const impl = FUNCTION_IMPLS.get(node.func);
    if (!impl) throw new Error(`no implementation of ${node.func}`);
    const args = node.args.map((a) => this.value(a, ts));
    const rangeArg = node.args.map(unwrap).find((a) => a.kind === 'MatrixSelector');
    const call: FunctionCall = {
      node,
      args,
      ts,
      ...(rangeArg ? { window: this.window(rangeArg, ts) } : {}),
      options: this.options,
      annotate: (a: Annotation) => {
        if (!('position' in a)) throw new Error('annotation without position');
        this.annotations.push(a as PositionedAnnotation);
      },
    };
    return impl(call);
  }
}

export function engineOptions(opts: EvalOptions = {}): EngineOptions {
  const version = parseVersion(opts.version ?? '3.14.0');
  if (!version) throw new Error('bad version');
  return {
    lookbackDeltaMs: opts.lookbackMs ?? 5 * MIN,
    prometheusVersion: version,
    defaultStepMs: MIN,
    ...(opts.delayedNameRemoval ? { delayedNameRemoval: true } : {}),
  };
}

export function parseCall(expr: string, version = '3.14.0'): Call {
  const r = parsePromQL(expr, { features: ALL_FEATURES, prometheusVersion: version });
  if (!r.ok) throw new Error(`${expr}: ${r.errors.map((e) => e.message).join('; ')}`);
  const node = unwrap(r.ast);
  if (node.kind !== 'Call') throw new Error(`${expr} is not a function call`);
  return node;
}

/** Evaluates a function call expression at `ts` over the loaded series. */
export function evalAt(expr: string, data: readonly Series[], ts: number, opts: EvalOptions = {}): EvalResult {
  const engine = new MiniEngine(data, engineOptions(opts));
  const samples = engine.call(parseCall(expr, opts.version), ts);
  return { samples, annotations: engine.annotations };
}

/** Result samples as `{labels} value` strings without __name__ unless kept, sorted, for compact assertions. */
export function rows(samples: readonly Sample[]): string[] {
  return samples
    .map((s) => {
      const ls = Object.keys(s.metric)
        .sort()
        .map((k) => `${k}="${s.metric[k]}"`)
        .join(',');
      return `{${ls}} ${s.v}`;
    })
    .sort();
}

/** Expected rows in the same format, from `{labels} value` pairs. */
export function expectRows(samples: readonly Sample[], expected: Record<string, number>, epsilon = 1e-9): void {
  const got = new Map<string, number>();
  for (const s of samples) {
    const ls = Object.keys(s.metric)
      .sort()
      .map((k) => `${k}="${s.metric[k]}"`)
      .join(',');
    got.set(`{${ls}}`, s.v);
  }
  const want = new Map(Object.entries(expected).map(([k, v]) => [canonical(k), v]));
  expect([...got.keys()].sort()).toEqual([...want.keys()].sort());
  for (const [k, v] of want) {
    const g = got.get(k) ?? NaN;
    if (Number.isNaN(v)) expect(g, k).toBeNaN();
    else if (!Number.isFinite(v)) expect(g, k).toBe(v);
    else expect(Math.abs(g - v) <= epsilon * Math.max(1, Math.abs(v)), `${k}: got ${g}, want ${v}`).toBe(true);
  }
}

/** `name{b="1",a="2"}` to the canonical `{__name__="name",a="2",b="1"}` form used by expectRows. */
function canonical(text: string): string {
  const ls = labels(text);
  return `{${Object.keys(ls)
    .sort()
    .map((k) => `${k}="${ls[k]}"`)
    .join(',')}}`;
}

/** Calls a function directly with hand-made argument values (no selection), e.g. for instant-vector inputs. */
export function invoke(
  expr: string,
  args: readonly Value[],
  opts: EvalOptions & { ts?: number; window?: { start: number; end: number } } = {},
): EvalResult {
  const node = parseCall(expr, opts.version);
  const impl = FUNCTION_IMPLS.get(node.func);
  if (!impl) throw new Error(`no implementation of ${node.func}`);
  const annotations: PositionedAnnotation[] = [];
  const samples = impl({
    node,
    args,
    ts: opts.ts ?? 0,
    ...(opts.window ? { window: opts.window } : {}),
    options: engineOptions(opts),
    annotate: (a) => annotations.push(a as PositionedAnnotation),
  });
  return { samples, annotations };
}

/** An instant vector from `{labels} value` pairs (labels in the `name{a="b"}` notation). */
export function vec(entries: Record<string, number>, t = 0): Value {
  return { type: 'vector', samples: Object.entries(entries).map(([k, v]) => ({ metric: labels(k), t, v })) };
}

export const scalar = (v: number): Value => ({ type: 'scalar', t: 0, v });
export const str = (v: string): Value => ({ type: 'string', t: 0, v });
