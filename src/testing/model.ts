/**
 * Rule unit tests in promtool's format (`promtool test rules`), as plain data. The TypeScript test API
 * (api.ts) writes the same shape, so a test declared next to the rules is emitted as a file promtool runs,
 * and a file written for promtool runs in our engine.
 */
export interface InputSeries {
  /** A series in PromQL notation: `nix_cache_info_accessible{instance="nas-01:9100", job="node"}`. */
  readonly series: string;
  /** promtool's expanding notation: `1 1 0x10`, `0+60x20`, `_`, `stale`, `1 _x3 stale`. */
  readonly values: string;
}

export interface ExpectedAlert {
  /** The alert's labels, without `alertname` (promtool adds it). */
  readonly exp_labels?: Readonly<Record<string, string>>;
  readonly exp_annotations?: Readonly<Record<string, string>>;
}

export interface AlertTest {
  /** When to look, from the start of the test: `10m`. */
  readonly eval_time: string;
  readonly alertname: string;
  /** The alerts firing at that time (pending ones do not count); empty: none. */
  readonly exp_alerts: readonly ExpectedAlert[];
}

export interface ExpectedSample {
  /** `metric{label="value"}` or `{label="value"}`. */
  readonly labels: string;
  readonly value: number;
  readonly histogram?: string;
}

export interface ExprTest {
  readonly expr: string;
  readonly eval_time: string;
  readonly exp_samples: readonly ExpectedSample[];
}

export interface TestGroup {
  readonly name?: string;
  /** Spacing of the input samples; defaults to the file's evaluation_interval. */
  readonly interval?: string;
  readonly input_series: readonly InputSeries[];
  readonly alert_rule_test?: readonly AlertTest[];
  readonly promql_expr_test?: readonly ExprTest[];
  readonly external_labels?: Readonly<Record<string, string>>;
  readonly external_url?: string;
  /** Unix seconds or RFC 3339 (Prometheus ≥ 3.?): where time 0 of the test is. */
  readonly start_timestamp?: string;
}

export interface RuleTestFile {
  readonly rule_files: readonly string[];
  readonly evaluation_interval?: string;
  readonly group_eval_order?: readonly string[];
  readonly fuzzy_compare?: boolean;
  readonly tests: readonly TestGroup[];
}
