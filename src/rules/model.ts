/**
 * The rule model: plain data shaped like a Prometheus rule file.
 *
 * Both the TypeScript declarations (rules/*.ts, via api.ts) and YAML files written by anyone (read.ts) end up
 * here, so every check and emitter serves both. Field names follow the rule-file format on purpose: what a
 * user sees in an error is the name they would look up in the Prometheus docs.
 */

/** Where a declaration came from: a TypeScript call site or a YAML node. Lines and columns are 1-based. */
export interface SourceLocation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** Positions of individual fields, known for YAML input (the value node's start). */
export type FieldLocations = Readonly<Partial<Record<string, SourceLocation>>>;

export interface Origin {
  /** The declaration (the `alert(...)` call, or the YAML mapping). */
  readonly at?: SourceLocation;
  readonly fields?: FieldLocations;
  /**
   * For YAML input: how the text of a field maps back to the file, so an error at line/column N inside an
   * expression can be reported at the right place in the file.
   */
  readonly scalars?: Readonly<Partial<Record<string, ScalarMapping>>>;
}

/** A scalar's text as it sits in its file: block scalars keep lines, quoted/plain scalars start at a column. */
export interface ScalarMapping {
  readonly start: SourceLocation;
  /** Indentation of continuation lines for block scalars (`|`, `>`); undefined for flow scalars. */
  readonly blockIndent?: number;
}

export type Labels = Readonly<Record<string, string>>;

/**
 * Lint checks switched off for one rule, with the reason: `lint: { disable: [...], reason }` in TypeScript,
 * `# promforge disable promql/counter: reason` comments in YAML.
 */
export interface LintDirective {
  readonly disable: readonly string[];
  readonly reason?: string;
  readonly at?: SourceLocation;
}

export interface AlertingRule {
  readonly kind: 'alert';
  readonly alert: string;
  readonly expr: string;
  readonly for?: string;
  readonly keep_firing_for?: string;
  readonly labels: Labels;
  readonly annotations: Labels;
  readonly origin: Origin;
  readonly lint?: readonly LintDirective[];
}

export interface RecordingRule {
  readonly kind: 'record';
  readonly record: string;
  readonly expr: string;
  readonly labels: Labels;
  readonly origin: Origin;
  readonly lint?: readonly LintDirective[];
  /**
   * Fields a recording rule must not have, kept when a file has them so validation can name them. Our own
   * declarations cannot produce these.
   */
  readonly stray?: StrayFields;
}

export interface StrayFields {
  readonly alert?: string;
  readonly for?: string;
  readonly keep_firing_for?: string;
  readonly annotations?: Labels;
}

export type Rule = AlertingRule | RecordingRule;

export interface RuleGroup {
  readonly name: string;
  readonly interval?: string;
  readonly query_offset?: string;
  readonly limit?: number;
  readonly labels?: Labels;
  readonly rules: readonly Rule[];
  readonly origin: Origin;
}

/** One rule file: `rules/nix-cache.ts` → `out/prometheus/rules/nix-cache.yaml`. */
export interface RuleFile {
  /** The file the groups were declared or read in, relative to the project root where possible. */
  readonly source: string;
  readonly groups: readonly RuleGroup[];
}

/** The name a rule produces: its alert name or recorded metric. */
export const ruleName = (rule: Rule): string => (rule.kind === 'alert' ? rule.alert : rule.record);

/** How a rule is called in messages: `alert NixCacheNotAccessible`, `record job:up:sum`. */
export const describeRule = (rule: Rule): string => `${rule.kind} ${ruleName(rule)}`;
