// Prometheus durations: the `1h30m` strings of rule files and PromQL, and the
// duration expressions PromQL allows in ranges, subquery steps and offsets.

import type { DurationExpr, Span } from './ast.js';
import { goQuote } from '../go/strconv.js';

const UNITS: readonly (readonly [unit: string, ms: number])[] = [
  ['y', 365 * 24 * 3600 * 1000],
  ['w', 7 * 24 * 3600 * 1000],
  ['d', 24 * 3600 * 1000],
  ['h', 3600 * 1000],
  ['m', 60 * 1000],
  ['s', 1000],
  ['ms', 1],
];

/** Prometheus durations are Go time.Duration: int64 nanoseconds. */
const MAX_NANOS = (1n << 63n) - 1n;

export type DurationResult = { ok: true; ms: number } | { ok: false; error: string };

/**
 * Prometheus' model.ParseDuration, which rule files use for `for:`, `keep_firing_for:`
 * and `interval:`: digit runs each followed by one of y w d h m s ms, units from largest
 * to smallest and each at most once, no sign and no fraction; "0" alone is allowed.
 * Error texts match Prometheus'.
 */
export function parsePromDuration(text: string): DurationResult {
  if (text === '0') return { ok: true, ms: 0 };
  if (text === '') return { ok: false, error: 'empty duration string' };
  const invalid: DurationResult = { ok: false, error: `not a valid duration string: ${goQuote(text)}` };
  let rest = text;
  let nanos = 0n;
  let lastUnit = -1;
  while (rest !== '') {
    const m = /^(\d*)(\D*)/.exec(rest);
    const digits = m?.[1] ?? '';
    const unit = m?.[2] ?? '';
    if (digits === '' || unit === '') return invalid;
    const idx = UNITS.findIndex(([u]) => u === unit);
    if (idx < 0) return { ok: false, error: `unknown unit ${goQuote(unit)} in duration ${goQuote(text)}` };
    // Units must go from largest to smallest, which also rules out repeats.
    if (idx <= lastUnit) return invalid;
    lastUnit = idx;
    const unitNanos = BigInt(UNITS[idx]![1]) * 1_000_000n;
    const value = BigInt(digits);
    if (value > (1n << 63n) / unitNanos) return { ok: false, error: 'duration out of range' };
    nanos += value * unitNanos;
    if (nanos > MAX_NANOS) return { ok: false, error: 'duration out of range' };
    rest = rest.slice(digits.length + unit.length);
  }
  return { ok: true, ms: Number(nanos / 1_000_000n) };
}

/** Whether `text` is accepted by Prometheus' model.ParseDuration (rule-file durations). */
export function isPromDuration(text: string): boolean {
  return parsePromDuration(text).ok;
}

/**
 * A duration as PromQL writes it: a Prometheus duration (`5m`, `1h30m`, `500ms`) or,
 * since PromQL 2.54, a plain non-negative number of seconds (`300`, `1.5`, `1e3`).
 * Returns milliseconds, or undefined when the text is neither.
 */
export function parseDuration(text: string): number | undefined {
  const d = parsePromDuration(text);
  if (d.ok) return d.ms;
  if (!/^(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/.test(text)) return undefined;
  const ms = Number(text) * 1000;
  return Number.isFinite(ms) ? ms : undefined;
}

/** Prometheus' canonical spelling: largest units first, zero parts left out, `0s` for zero. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  let rest = Math.round(Math.abs(ms));
  if (rest === 0) return '0s';
  let out = ms < 0 ? '-' : '';
  for (const [unit, size] of UNITS) {
    const n = Math.floor(rest / size);
    if (n > 0) {
      out += `${n}${unit}`;
      rest -= n * size;
    }
  }
  return out;
}

export interface DurationContext {
  /** Query step (range queries) in ms; 0 for instant queries. */
  stepMs?: number;
  /** Query range (end - start) in ms; 0 for instant queries. */
  rangeMs?: number;
}

export type DurationEvaluation = { ok: true; ms: number } | { ok: false; error: string; span: Span };

/**
 * Evaluates a duration expression the way the Prometheus engine does before running a
 * query: arithmetic on seconds, then checked and truncated to milliseconds.
 * `allowNegative` is true for offsets and false for ranges and subquery steps.
 */
export function evaluateDuration(e: DurationExpr, ctx: DurationContext, allowNegative: boolean): DurationEvaluation {
  const seconds = evaluateSeconds(e, ctx);
  if (typeof seconds !== 'number') return seconds;
  const span = { from: e.from, to: e.to };
  if (!Number.isFinite(seconds)) return { ok: false, error: 'duration is NaN or infinite', span };
  if (seconds <= 0 && !allowNegative) return { ok: false, error: 'duration must be greater than 0', span };
  if (durationSecondsOutOfRange(seconds)) return { ok: false, error: 'duration is out of range', span };
  return { ok: true, ms: Math.trunc(seconds * 1000) };
}

/** Whether a number of seconds overflows Go's time.Duration. */
export function durationSecondsOutOfRange(seconds: number): boolean {
  return seconds > 2 ** 63 / 1e9 || seconds < -(2 ** 63) / 1e9;
}

/** True when the expression has no step()/range(), so its value is known at parse time. */
export function isConstantDuration(e: DurationExpr): boolean {
  switch (e.kind) {
    case 'DurationLiteral':
      return true;
    case 'DurationFunc':
      return e.args.length > 0 && e.args.every(isConstantDuration);
    case 'DurationUnary':
    case 'DurationParen':
      return isConstantDuration(e.expr);
    case 'DurationBinary':
      return isConstantDuration(e.lhs) && isConstantDuration(e.rhs);
  }
}

function evaluateSeconds(e: DurationExpr, ctx: DurationContext): number | DurationEvaluation {
  switch (e.kind) {
    case 'DurationLiteral':
      return e.seconds;
    case 'DurationParen':
      return evaluateSeconds(e.expr, ctx);
    case 'DurationUnary': {
      const v = evaluateSeconds(e.expr, ctx);
      return typeof v === 'number' && e.op === '-' ? -v : v;
    }
    case 'DurationFunc': {
      if (e.fn === 'step') return (ctx.stepMs ?? 0) / 1000;
      if (e.fn === 'range') return (ctx.rangeMs ?? 0) / 1000;
      const [a, b] = e.args.map((x) => evaluateSeconds(x, ctx));
      if (typeof a !== 'number') return a ?? 0;
      if (typeof b !== 'number') return b ?? 0;
      // Go's math.Min/Max propagate NaN, unlike a plain comparison.
      if (Number.isNaN(a) || Number.isNaN(b)) return NaN;
      return e.fn === 'min_of' ? Math.min(a, b) : Math.max(a, b);
    }
    case 'DurationBinary': {
      const l = evaluateSeconds(e.lhs, ctx);
      if (typeof l !== 'number') return l;
      const r = evaluateSeconds(e.rhs, ctx);
      if (typeof r !== 'number') return r;
      const span = { from: e.from, to: e.to };
      switch (e.op) {
        case '+':
          return l + r;
        case '-':
          return l - r;
        case '*':
          return l * r;
        case '/':
          return r === 0 ? { ok: false, error: 'division by zero', span } : l / r;
        case '%':
          // JS % truncates like Go's math.Mod.
          return r === 0 ? { ok: false, error: 'modulo by zero', span } : l % r;
        case '^':
          return goPow(l, r);
      }
    }
  }
}

/** Go's math.Pow, which differs from `**` on a few NaN/Inf special cases. */
export function goPow(x: number, y: number): number {
  if (y === 0 || x === 1) return 1;
  if (x === -1 && (y === Infinity || y === -Infinity)) return 1;
  return x ** y;
}
