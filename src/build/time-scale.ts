/**
 * `--time-scale`: a TEST AID that shrinks every duration Prometheus and Alertmanager wait on, so an end-to-end
 * test sees alerts fire, notify and resolve in seconds instead of minutes. `1/60` turns minutes into seconds.
 *
 * It is a pure transform over the models, applied after every check has passed on the real durations (lint
 * judges the rules as they will run in production) and before emission; the emitted files are then verified
 * like any others, so a scaled build is still a valid one.
 *
 * What scales: rule `for` and `keep_firing_for`; group `interval` and `query_offset`; inside PromQL, range
 * selectors, subquery ranges and steps, and offsets (rewritten at the spans of our parsed tree, so nothing
 * else in the expression moves); Alertmanager's `resolve_timeout`, `group_wait`, `group_interval` and
 * `repeat_interval` (the root route gets Alertmanager's defaults, scaled, when it leaves them out, or they
 * would stay at full length); prometheus.yml's scrape and evaluation intervals and scrape timeouts, global and
 * per job (prometheus/build.ts, with scaleMs and scaleDurationText from here).
 *
 * What does not: numbers. `time() - x > 1800` compares a timestamp difference, a sample value, and the
 * samples are not scaled: such a threshold stays in seconds (so do durations written as numbers, `> 30m`
 * in Prometheus 3, and `predict_linear`'s seconds). A test feeding such rules writes real timestamps. Nor do
 * `@` timestamps, Alertmanager time intervals (wall-clock times), receivers' own timeouts, or label and
 * annotation text ("for 5 minutes" still reads 5 minutes).
 *
 * Rounding: Prometheus and Alertmanager durations have millisecond granularity. The factor is an exact
 * fraction, so 1/60 of 5m is exactly 5s; other results round to the nearest millisecond, and a duration
 * that was not zero never becomes zero (a range of 0 is invalid). Two durations a rule keeps a fixed
 * distance apart may drift apart by a millisecond when the factor does not divide them.
 */
import { warning, type Diagnostic } from '../diagnostics.js';
import { children, type DurationValue, type Expr } from '../promql/ast.js';
import { formatDuration, parsePromDuration } from '../promql/duration.js';
import { parsePromQL, type PromQLOptions } from '../promql/parse.js';
import type { AlertmanagerConfig, AmRoute } from '../alertmanager/model.js';
import { describeRule, type Rule, type RuleFile, type RuleGroup } from '../rules/model.js';

/** A factor in (0, 1] as an exact fraction. */
export interface TimeScale {
  readonly numerator: number;
  readonly denominator: number;
}

export type TimeScaleParse = { readonly ok: true; readonly scale: TimeScale } | { readonly ok: false; readonly error: string };

const USAGE = 'expected a factor between 0 and 1, as a fraction (1/60) or a decimal (0.05)';

/** `1/60`, `0.05`, `1`. Factors above 1 are refused: the option exists to make tests faster. */
export function parseTimeScale(text: string): TimeScaleParse {
  const t = text.trim();
  let numerator: bigint;
  let denominator: bigint;
  const fraction = /^(\d{1,9})\/(\d{1,9})$/.exec(t);
  const decimal = /^(\d{1,9})(?:\.(\d{1,9}))?$/.exec(t);
  if (fraction) {
    numerator = BigInt(fraction[1]!);
    denominator = BigInt(fraction[2]!);
  } else if (decimal) {
    const digits = decimal[2] ?? '';
    numerator = BigInt(decimal[1]! + digits);
    denominator = 10n ** BigInt(digits.length);
  } else {
    return { ok: false, error: `invalid time scale "${text}": ${USAGE}` };
  }
  if (numerator === 0n || denominator === 0n || numerator > denominator) {
    return { ok: false, error: `invalid time scale "${text}": ${USAGE}` };
  }
  const d = gcd(numerator, denominator);
  return { ok: true, scale: { numerator: Number(numerator / d), denominator: Number(denominator / d) } };
}

function gcd(a: bigint, b: bigint): bigint {
  return b === 0n ? a : gcd(b, a % b);
}

export const formatTimeScale = (s: TimeScale): string => (s.denominator === 1 ? `${s.numerator}` : `${s.numerator}/${s.denominator}`);

/** Milliseconds scaled and rounded half away from zero; non-zero stays non-zero. */
export function scaleMs(ms: number, s: TimeScale): number {
  const whole = BigInt(Math.round(Math.abs(ms)));
  if (whole === 0n) return 0;
  const num = BigInt(s.numerator);
  const den = BigInt(s.denominator);
  const scaled = (2n * whole * num + den) / (2n * den);
  const out = Number(scaled > 0n ? scaled : 1n);
  return ms < 0 ? -out : out;
}

/** A rule-file or Alertmanager duration (`5m`, `1h30m`), scaled; text that is not a duration is returned as is. */
export function scaleDurationText(text: string, s: TimeScale): string {
  const d = parsePromDuration(text);
  if (!d.ok || d.ms === 0) return text;
  return formatDuration(scaleMs(d.ms, s));
}

export interface ScaledExpr {
  readonly expr: string;
  /** Duration expressions that depend on the query (`step()`, `range()`) and were left as written. */
  readonly unscaled: readonly string[];
}

/**
 * Scales the ranges, subquery steps and offsets of a PromQL expression, replacing only their text: comments,
 * layout and every number stay as written. An expression that does not parse is returned unchanged (the
 * build reports it before it gets here).
 */
export function scalePromQL(expr: string, s: TimeScale, options: PromQLOptions = {}): ScaledExpr {
  const parsed = parsePromQL(expr, options);
  if (!parsed.ok) return { expr, unscaled: [] };
  const edits: { from: number; to: number; text: string }[] = [];
  const unscaled: string[] = [];
  for (const d of durationsIn(parsed.ast)) {
    const text = expr.slice(d.expr.from, d.expr.to);
    // Unknown until evaluation (step(), range()), or not a usable duration: leave it to the engine as written.
    if (d.ms === undefined) unscaled.push(text);
    else if (d.ms !== 0) edits.push({ from: d.expr.from, to: d.expr.to, text: formatDuration(scaleMs(d.ms, s)) });
  }
  let out = expr;
  for (const e of edits.sort((a, b) => b.from - a.from)) out = out.slice(0, e.from) + e.text + out.slice(e.to);
  return { expr: out, unscaled };
}

/** Every range, subquery step and offset in the tree. `@` timestamps are instants, not durations. */
function durationsIn(e: Expr): DurationValue[] {
  const own: (DurationValue | undefined)[] =
    e.kind === 'MatrixSelector' ? [e.range]
    : e.kind === 'Subquery' ? [e.range, e.step, e.offset]
    : e.kind === 'VectorSelector' ? [e.offset]
    : [];
  return [...own.filter((d): d is DurationValue => d !== undefined), ...children(e).flatMap(durationsIn)];
}

export interface ScaledRuleFile {
  readonly file: RuleFile;
  /** Warnings for durations left as written. */
  readonly diagnostics: readonly Diagnostic[];
}

export function scaleRuleFile(file: RuleFile, s: TimeScale, options: PromQLOptions = {}): ScaledRuleFile {
  const diagnostics: Diagnostic[] = [];
  const groups = file.groups.map((group): RuleGroup => ({
    ...group,
    ...(group.interval !== undefined ? { interval: scaleDurationText(group.interval, s) } : {}),
    ...(group.query_offset !== undefined ? { query_offset: scaleDurationText(group.query_offset, s) } : {}),
    rules: group.rules.map((rule): Rule => {
      const scaled = scalePromQL(rule.expr, s, options);
      for (const text of scaled.unscaled) {
        diagnostics.push(warning(`--time-scale: duration "${text}" depends on the query and was left unscaled`, {
          at: rule.origin.at, subject: `group "${group.name}", ${describeRule(rule)}`,
        }));
      }
      if (rule.kind === 'record') return { ...rule, expr: scaled.expr };
      return {
        ...rule,
        expr: scaled.expr,
        ...(rule.for !== undefined ? { for: scaleDurationText(rule.for, s) } : {}),
        ...(rule.keep_firing_for !== undefined ? { keep_firing_for: scaleDurationText(rule.keep_firing_for, s) } : {}),
      };
    }),
  }));
  return { file: { ...file, groups }, diagnostics };
}

/** Alertmanager's defaults for the timers, which a scaled configuration must spell out to scale them. */
const ALERTMANAGER_DEFAULTS = { resolve_timeout: '5m', group_wait: '30s', group_interval: '5m', repeat_interval: '4h' } as const;

const ROUTE_TIMERS = ['group_wait', 'group_interval', 'repeat_interval'] as const;

export function scaleAlertmanagerConfig(config: AlertmanagerConfig, s: TimeScale): AlertmanagerConfig {
  const scaleRoute = (route: AmRoute, root: boolean): AmRoute => {
    const out: Record<string, unknown> = { ...route };
    for (const timer of ROUTE_TIMERS) {
      // Children inherit from their parent: only the root needs the defaults spelled out.
      const declared = route[timer] ?? (root ? ALERTMANAGER_DEFAULTS[timer] : undefined);
      if (declared !== undefined) out[timer] = scaleDurationText(declared, s);
    }
    if (route.routes) out['routes'] = route.routes.map((r) => scaleRoute(r, false));
    return out as AmRoute;
  };
  const global = config.global ?? {};
  const resolveTimeout = typeof global['resolve_timeout'] === 'string' ? global['resolve_timeout'] : ALERTMANAGER_DEFAULTS.resolve_timeout;
  return {
    ...config,
    global: { ...global, resolve_timeout: scaleDurationText(resolveTimeout, s) },
    ...(config.route ? { route: scaleRoute(config.route, true) } : {}),
  };
}

/** The first lines of every scaled file's header, so a test build is never mistaken for production. */
export function timeScaleHeader(s: TimeScale): string {
  return [
    `TEST BUILD: every duration scaled by ${formatTimeScale(s)} (promforge build --time-scale ${formatTimeScale(s)}).`,
    'For end-to-end tests only: never deploy this file.',
  ].join('\n');
}

