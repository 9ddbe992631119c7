/**
 * The PromQL engine's values, as plain data. A sample is a float (`v`) or a native histogram (`h`, then `v`
 * is 0 and meaningless).
 *
 * Times are milliseconds since the epoch, like Prometheus' int64 timestamps.
 */
import type { Call } from '../ast.js';
import type { Version } from '../../config/version.js';
import type { FloatHistogram } from './histogram.js';

export type { FloatHistogram } from './histogram.js';

/** A series' labels including `__name__`. Treat as immutable. */
export type Labels = Readonly<Record<string, string>>;

/** One stored sample. A staleness marker is a sample whose value is Prometheus' special stale NaN. */
export interface Point {
  readonly t: number;
  readonly v: number;
  /** A native histogram sample (`v` is then 0). */
  readonly h?: FloatHistogram;
  readonly stale?: true;
}

/** An element of an instant vector: a series' value at the evaluation time. */
export interface Sample {
  readonly metric: Labels;
  readonly t: number;
  readonly v: number;
  /** A native histogram sample (`v` is then 0). */
  readonly h?: FloatHistogram;
  /** Set when the sample's metric name was dropped but only at the end (Prometheus' delayed name removal). */
  readonly dropName?: boolean;
}

/** An element of a range vector: a series' samples in a window (no staleness markers). */
export interface RangeSeries {
  readonly metric: Labels;
  readonly points: readonly Point[];
}

export type Value =
  | { readonly type: 'vector'; readonly samples: readonly Sample[] }
  | { readonly type: 'matrix'; readonly series: readonly RangeSeries[] }
  | { readonly type: 'scalar'; readonly t: number; readonly v: number }
  | { readonly type: 'string'; readonly t: number; readonly v: string };

export interface EngineOptions {
  /** How far back an instant selector looks for the latest sample. Default 5m. */
  readonly lookbackDeltaMs: number;
  /**
   * The Prometheus whose semantics apply. From 3.0: range selectors are left-open (a sample exactly at
   * `t - range` is not included), `.` in regexes matches newlines, and holt_winters is gone.
   */
  readonly prometheusVersion: Version;
  /** Default subquery resolution when a subquery gives no step (the rule group's interval). */
  readonly defaultStepMs: number;
}

/** A warning or info annotation Prometheus would attach to a query result (PromQL info: ... might not be a counter). */
export interface Annotation {
  readonly kind: 'warning' | 'info';
  readonly message: string;
}

/** What a function implementation gets. */
export interface FunctionCall {
  readonly node: Call;
  /** Evaluated arguments, in order: a range vector for range arguments, strings for string arguments. */
  readonly args: readonly Value[];
  /** Evaluation time. */
  readonly ts: number;
  /**
   * For functions over a range vector argument: the window the engine selected, needed for rate()'s
   * extrapolation. `start` is exclusive from Prometheus 3.0 on, inclusive before.
   */
  readonly window?: { readonly start: number; readonly end: number };
  readonly options: EngineOptions;
  readonly annotate: (a: Annotation) => void;
}

/**
 * A function's result is an instant vector; the engine turns it into a scalar for functions whose declared
 * return type is scalar (`scalar()`, `time()`). Errors Prometheus raises at evaluation time are thrown as
 * EvalError with Prometheus' message.
 */
export type FunctionImpl = (call: FunctionCall) => readonly Sample[];

export class EvalError extends Error {}
