// The PromQL catalogue: every function, aggregation operator and versioned syntax feature,
// with argument types and the Prometheus release that introduced (or removed) it.
// The parser's type checker and the engine both read these tables.
//
// Provenance: signatures and the `Experimental` flags were compared with
// promql/parser/functions.go at every vX.Y.0 tag from v2.0.0 to v3.14.0 and at main
// (d15adb9, August 2026). `since` is the first X.Y.0 tag that has the entry; entries
// already present in v2.0.0 say '2.0.0' although most date from 1.x (older releases
// were not checked). Syntax feature versions come from the same tags' lexer/grammar
// and CHANGELOG.md.

import type { ValueType } from './ast.js';

/** Prometheus `--enable-feature` flags that change what the PromQL parser accepts. */
export type PromQLFeature =
  | 'promql-experimental-functions'
  | 'promql-extended-range-selectors'
  | 'promql-binop-fill-modifiers'
  /** Duration arithmetic in 3.4–3.13; a no-op since 3.14 where it is always on. */
  | 'promql-duration-expr'
  /** `@` modifier in 2.25–2.32; always on since 2.33. */
  | 'promql-at-modifier'
  /** Negative offsets in 2.26–2.32; always on since 2.33. */
  | 'promql-negative-offset';

export interface FunctionInfo {
  name: string;
  argTypes: readonly ValueType[];
  /**
   * Prometheus' `Variadic`: 0 means exactly `argTypes.length` arguments; n > 0 means the
   * last argument type is optional and may repeat, up to `argTypes.length - 1 + n`
   * arguments; -1 means it may repeat without limit. See minArgs/maxArgs.
   */
  variadic: number;
  returnType: ValueType;
  /**
   * Needs `promql-experimental-functions` in the current release (DEFAULT_PROMETHEUS_VERSION).
   * For older targets see `stableSince`.
   */
  experimental: boolean;
  /** First release with the function. */
  since: string;
  /** First release without it. */
  until?: string;
  /** Release where it stopped needing `promql-experimental-functions`. */
  stableSince?: string;
  /** What to use instead once removed. */
  replacedBy?: string;
  /** Other feature flag Prometheus needs for it to return data (it still parses without). */
  runtimeFlag?: string;
}

const V: ValueType = 'vector';
const M: ValueType = 'matrix';
const S: ValueType = 'scalar';
const STR: ValueType = 'string';

type Sig = [name: string, args: ValueType[], ret: ValueType, since: string, extra?: Partial<FunctionInfo>];

const EXP = { experimental: true } as const;

// One row per function; alphabetical.
const ROWS: Sig[] = [
  ['abs', [V], V, '2.0.0'],
  ['absent', [V], V, '2.0.0'],
  ['absent_over_time', [M], V, '2.16.0'],
  ['acos', [V], V, '2.31.0'],
  ['acosh', [V], V, '2.31.0'],
  ['asin', [V], V, '2.31.0'],
  ['asinh', [V], V, '2.31.0'],
  ['atan', [V], V, '2.31.0'],
  ['atanh', [V], V, '2.31.0'],
  ['avg_over_time', [M], V, '2.0.0'],
  ['ceil', [V], V, '2.0.0'],
  ['changes', [M], V, '2.0.0'],
  ['clamp', [V, S, S], V, '2.26.0'],
  ['clamp_max', [V, S], V, '2.0.0'],
  ['clamp_min', [V, S], V, '2.0.0'],
  ['cos', [V], V, '2.31.0'],
  ['cosh', [V], V, '2.31.0'],
  ['count_over_time', [M], V, '2.0.0'],
  ['day_of_month', [V], V, '2.0.0', { variadic: 1 }],
  ['day_of_week', [V], V, '2.0.0', { variadic: 1 }],
  ['day_of_year', [V], V, '2.36.0', { variadic: 1 }],
  ['days_in_month', [V], V, '2.0.0', { variadic: 1 }],
  ['deg', [V], V, '2.31.0'],
  ['delta', [M], V, '2.0.0'],
  ['deriv', [M], V, '2.0.0'],
  // holt_winters renamed in 3.0 and moved behind the experimental flag (CHANGELOG 3.0.0, #14930).
  ['double_exponential_smoothing', [M, S, S], V, '3.0.0', EXP],
  // start()/end()/range()/step() as scalar functions: 3.12.0 (#17877).
  ['end', [], S, '3.12.0', EXP],
  ['exp', [V], V, '2.0.0'],
  // Added experimental in 3.7.0; stable in 3.14.0 (#19093).
  ['first_over_time', [M], V, '3.7.0', { stableSince: '3.14.0' }],
  ['floor', [V], V, '2.0.0'],
  ['histogram_avg', [V], V, '2.51.0'],
  ['histogram_count', [V], V, '2.40.0'],
  ['histogram_fraction', [S, S, V], V, '2.40.0'],
  ['histogram_quantile', [S, V], V, '2.0.0'],
  ['histogram_quantiles', [V, STR, S, S], V, '3.11.0', { ...EXP, variadic: 9 }],
  ['histogram_stddev', [V], V, '2.47.0'],
  ['histogram_stdvar', [V], V, '2.47.0'],
  ['histogram_sum', [V], V, '2.40.0'],
  ['holt_winters', [M, S, S], V, '2.0.0', { until: '3.0.0', replacedBy: 'double_exponential_smoothing' }],
  ['hour', [V], V, '2.0.0', { variadic: 1 }],
  ['idelta', [M], V, '2.0.0'],
  ['increase', [M], V, '2.0.0'],
  ['info', [V, V], V, '2.55.0', { ...EXP, variadic: 1 }],
  ['irate', [M], V, '2.0.0'],
  ['label_join', [V, STR, STR, STR], V, '2.0.0', { variadic: -1 }],
  ['label_replace', [V, STR, STR, STR, STR], V, '2.0.0'],
  ['last_over_time', [M], V, '2.26.0'],
  ['ln', [V], V, '2.0.0'],
  ['log10', [V], V, '2.0.0'],
  ['log2', [V], V, '2.0.0'],
  ['mad_over_time', [M], V, '2.49.0', EXP],
  // Scalar min_of/max_of: 3.13.0 (#18687), together with their duration-expression forms.
  ['max_of', [S, S], S, '3.13.0', EXP],
  ['max_over_time', [M], V, '2.0.0'],
  ['min_of', [S, S], S, '3.13.0', EXP],
  ['min_over_time', [M], V, '2.0.0'],
  ['minute', [V], V, '2.0.0', { variadic: 1 }],
  ['month', [V], V, '2.0.0', { variadic: 1 }],
  ['pi', [], S, '2.31.0'],
  ['predict_linear', [M, S], V, '2.0.0'],
  ['present_over_time', [M], V, '2.29.0'],
  ['quantile_over_time', [S, M], V, '2.0.0'],
  ['rad', [V], V, '2.31.0'],
  ['range', [], S, '3.12.0', EXP],
  ['rate', [M], V, '2.0.0'],
  ['resets', [M], V, '2.0.0'],
  ['round', [V, S], V, '2.0.0', { variadic: 1 }],
  ['scalar', [V], S, '2.0.0'],
  ['sgn', [V], V, '2.26.0'],
  ['sin', [V], V, '2.31.0'],
  ['sinh', [V], V, '2.31.0'],
  ['sort', [V], V, '2.0.0'],
  // The promql-experimental-functions flag itself appeared in 2.49.0 with these (#13103).
  ['sort_by_label', [V, STR], V, '2.49.0', { ...EXP, variadic: -1 }],
  ['sort_by_label_desc', [V, STR], V, '2.49.0', { ...EXP, variadic: -1 }],
  ['sort_desc', [V], V, '2.0.0'],
  ['sqrt', [V], V, '2.0.0'],
  ['start', [], S, '3.12.0', EXP],
  // Returns data only with --enable-feature=use-start-timestamps (CHANGELOG 3.14.0, #19089).
  ['start_timestamp', [V], V, '3.14.0', { ...EXP, runtimeFlag: 'use-start-timestamps' }],
  ['stddev_over_time', [M], V, '2.0.0'],
  ['stdvar_over_time', [M], V, '2.0.0'],
  ['step', [], S, '3.12.0', EXP],
  ['sum_over_time', [M], V, '2.0.0'],
  ['tan', [V], V, '2.31.0'],
  ['tanh', [V], V, '2.31.0'],
  ['time', [], S, '2.0.0'],
  ['timestamp', [V], V, '2.0.0'],
  ['ts_of_first_over_time', [M], V, '3.7.0', EXP],
  ['ts_of_last_over_time', [M], V, '3.5.0', EXP],
  ['ts_of_max_over_time', [M], V, '3.5.0', EXP],
  ['ts_of_min_over_time', [M], V, '3.5.0', EXP],
  ['vector', [S], V, '2.0.0'],
  ['year', [V], V, '2.0.0', { variadic: 1 }],
];

function toInfo([name, argTypes, returnType, since, extra]: Sig): FunctionInfo {
  return { name, argTypes, returnType, since, variadic: 0, experimental: false, ...extra };
}

/** Every PromQL function Prometheus has had since 2.0, including removed ones (see `until`). */
export const FUNCTIONS: ReadonlyMap<string, FunctionInfo> = new Map(ROWS.map((r) => [r[0], toInfo(r)]));

export function minArgs(f: FunctionInfo): number {
  return f.variadic === 0 ? f.argTypes.length : f.argTypes.length - 1;
}

export function maxArgs(f: FunctionInfo): number {
  if (f.variadic < 0) return Infinity;
  return f.variadic === 0 ? f.argTypes.length : f.argTypes.length - 1 + f.variadic;
}

/** The expected type of the i-th argument, or undefined past the end of a fixed list. */
export function argType(f: FunctionInfo, i: number): ValueType | undefined {
  if (i < f.argTypes.length) return f.argTypes[i];
  return f.variadic === 0 ? undefined : f.argTypes[f.argTypes.length - 1];
}

export interface AggregationInfo {
  name: string;
  /** Type of the leading parameter, for the operators that take one. */
  param?: ValueType;
  experimental: boolean;
  since: string;
}

const AGG_ROWS: AggregationInfo[] = [
  { name: 'sum', experimental: false, since: '2.0.0' },
  { name: 'avg', experimental: false, since: '2.0.0' },
  { name: 'count', experimental: false, since: '2.0.0' },
  { name: 'min', experimental: false, since: '2.0.0' },
  { name: 'max', experimental: false, since: '2.0.0' },
  { name: 'stddev', experimental: false, since: '2.0.0' },
  { name: 'stdvar', experimental: false, since: '2.0.0' },
  { name: 'topk', param: 'scalar', experimental: false, since: '2.0.0' },
  { name: 'bottomk', param: 'scalar', experimental: false, since: '2.0.0' },
  { name: 'quantile', param: 'scalar', experimental: false, since: '2.0.0' },
  { name: 'count_values', param: 'string', experimental: false, since: '2.0.0' },
  // `group` first appears in the v2.20.0 lexer.
  { name: 'group', experimental: false, since: '2.20.0' },
  // CHANGELOG 2.54.0 (#12503); gated by promql-experimental-functions ever since.
  { name: 'limitk', param: 'scalar', experimental: true, since: '2.54.0' },
  { name: 'limit_ratio', param: 'scalar', experimental: true, since: '2.54.0' },
];

export const AGGREGATIONS: ReadonlyMap<string, AggregationInfo> = new Map(AGG_ROWS.map((a) => [a.name, a]));

export type SyntaxFeatureId =
  | 'subquery'
  | 'at-modifier'
  | 'negative-offset'
  | 'atan2'
  | 'composite-duration'
  | 'number-duration-interchange'
  | 'number-underscores'
  | 'quoted-selector-names'
  | 'quoted-grouping-labels'
  | 'utf8-names'
  | 'duration-expressions'
  | 'duration-step'
  | 'duration-range'
  | 'duration-min-max-of'
  | 'extended-range-selectors'
  | 'binop-fill-modifiers'
  | 'histogram-trim-operators';

export interface SyntaxFeature {
  id: SyntaxFeatureId;
  description: string;
  /** First release that parses it (possibly only with `flag`). */
  since: string;
  /** Feature flag needed from `since` until `defaultSince` (forever if that is absent). */
  flag?: PromQLFeature;
  /** First release where no flag is needed. */
  defaultSince?: string;
}

const FEATURE_ROWS: SyntaxFeature[] = [
  { id: 'subquery', description: 'subqueries (`expr[range:step]`)', since: '2.7.0' },
  // CHANGELOG 2.25.0 (#8121) and 2.33.0 (#10121).
  { id: 'at-modifier', description: 'the @ modifier', since: '2.25.0', flag: 'promql-at-modifier', defaultSince: '2.33.0' },
  // CHANGELOG 2.26.0 (#8487) and 2.33.0 (#10121).
  {
    id: 'negative-offset',
    description: 'negative offsets',
    since: '2.26.0',
    flag: 'promql-negative-offset',
    defaultSince: '2.33.0',
  },
  { id: 'atan2', description: 'the atan2 operator', since: '2.31.0' },
  // CHANGELOG 2.21.0 (#7713).
  { id: 'composite-duration', description: 'composite durations such as 1h30m', since: '2.21.0' },
  // CHANGELOG 2.54.0 (#9138): durations usable as numbers and numbers as durations.
  {
    id: 'number-duration-interchange',
    description: 'numbers as durations and durations as numbers',
    since: '2.54.0',
  },
  { id: 'number-underscores', description: 'underscores in number literals', since: '2.54.0' },
  // The `string_identifier` grammar rule is in v2.51.0; grouping by quoted names in v2.55.0.
  { id: 'quoted-selector-names', description: 'quoted metric and label names in selectors', since: '2.51.0' },
  { id: 'quoted-grouping-labels', description: 'quoted label names in grouping clauses', since: '2.55.0' },
  // UTF-8 names became the default in 3.0.0 (#14705); earlier releases only accept legacy names.
  { id: 'utf8-names', description: 'metric and label names outside [a-zA-Z_:][a-zA-Z0-9_:]*', since: '3.0.0' },
  // CHANGELOG 3.4.0 (#16249); default on in 3.14.0 (#19033).
  {
    id: 'duration-expressions',
    description: 'duration expressions',
    since: '3.4.0',
    flag: 'promql-duration-expr',
    defaultSince: '3.14.0',
  },
  { id: 'duration-step', description: 'step() in durations', since: '3.6.0', flag: 'promql-duration-expr', defaultSince: '3.14.0' },
  // `range()` appears in the v3.10.0 duration grammar.
  { id: 'duration-range', description: 'range() in durations', since: '3.10.0', flag: 'promql-duration-expr', defaultSince: '3.14.0' },
  // 3.6–3.12 spelled these min()/max(); renamed in 3.13.0 (#18687). Only the new names are parsed here.
  {
    id: 'duration-min-max-of',
    description: 'min_of()/max_of() in durations',
    since: '3.13.0',
    flag: 'promql-duration-expr',
    defaultSince: '3.14.0',
  },
  // CHANGELOG 3.7.0 (#16457); still experimental.
  {
    id: 'extended-range-selectors',
    description: 'the anchored and smoothed modifiers',
    since: '3.7.0',
    flag: 'promql-extended-range-selectors',
  },
  // CHANGELOG 3.10.0 (#17644); still experimental.
  {
    id: 'binop-fill-modifiers',
    description: 'fill(), fill_left() and fill_right() binary operator modifiers',
    since: '3.10.0',
    flag: 'promql-binop-fill-modifiers',
  },
  // CHANGELOG 3.11.0 (#17904).
  { id: 'histogram-trim-operators', description: 'the </ and >/ operators', since: '3.11.0' },
];

export const SYNTAX_FEATURES: ReadonlyMap<SyntaxFeatureId, SyntaxFeature> = new Map(FEATURE_ROWS.map((f) => [f.id, f]));

/** Release that introduced the promql-experimental-functions flag. */
export const EXPERIMENTAL_FUNCTIONS_SINCE = '2.49.0';
