// Our PromQL syntax tree: plain data, discriminated by `kind`, every node carrying its
// source span so checks and linters can point at the exact characters.

/** Character offsets into the expression text; `to` is exclusive. */
export interface Span {
  from: number;
  to: number;
}

export type ValueType = 'vector' | 'matrix' | 'scalar' | 'string';

export type Expr =
  | NumberLiteral
  | StringLiteral
  | VectorSelector
  | MatrixSelector
  | Subquery
  | Call
  | Aggregate
  | Binary
  | Unary
  | Paren;

export interface NumberLiteral extends Span {
  kind: 'NumberLiteral';
  value: number;
  /** Written as a duration (`5m`); `value` is then in seconds, as Prometheus treats it. */
  duration: boolean;
}

export interface StringLiteral extends Span {
  kind: 'StringLiteral';
  value: string;
  /**
   * False when `\x`/octal escapes produce bytes that are not UTF-8. Prometheus keeps such
   * bytes (and later rejects them as label names); JS strings cannot, so they read as U+FFFD.
   */
  validUtf8: boolean;
}

export type MatchOp = '=' | '!=' | '=~' | '!~';

export interface LabelMatcher extends Span {
  name: string;
  op: MatchOp;
  value: string;
}

/** `@ <timestamp>` in milliseconds since the epoch, or `@ start()` / `@ end()`. */
export type AtModifier = number | 'start' | 'end';

export interface VectorSelector extends Span {
  kind: 'VectorSelector';
  /** Metric name written before the braces, if any. */
  name?: string;
  /**
   * Every matcher the selector applies, in Prometheus' order: those inside the braces as
   * written, then `__name__="<name>"` when the name was written before the braces.
   */
  matchers: LabelMatcher[];
  /** Positive looks back, negative looks forward. */
  offset?: DurationValue;
  at?: AtModifier;
  /** `anchored` / `smoothed` (feature `promql-extended-range-selectors`). */
  anchored: boolean;
  smoothed: boolean;
}

export interface MatrixSelector extends Span {
  kind: 'MatrixSelector';
  /** Offset, `@` and anchored/smoothed written after the range are stored here, as Prometheus does. */
  selector: VectorSelector;
  range: DurationValue;
}

export interface Subquery extends Span {
  kind: 'Subquery';
  expr: Expr;
  range: DurationValue;
  /** Absent means the engine's default evaluation interval. */
  step?: DurationValue;
  offset?: DurationValue;
  at?: AtModifier;
}

export interface Call extends Span {
  kind: 'Call';
  func: string;
  args: Expr[];
}

export type AggregateOp =
  | 'sum'
  | 'avg'
  | 'count'
  | 'min'
  | 'max'
  | 'group'
  | 'stddev'
  | 'stdvar'
  | 'topk'
  | 'bottomk'
  | 'count_values'
  | 'quantile'
  | 'limitk'
  | 'limit_ratio';

export interface Grouping extends Span {
  /** `by` keeps only the labels listed; `without` drops them. */
  mode: 'by' | 'without';
  labels: string[];
}

export interface Aggregate extends Span {
  kind: 'Aggregate';
  op: AggregateOp;
  /** The first argument of topk, bottomk, quantile, count_values, limitk and limit_ratio. */
  param?: Expr;
  expr: Expr;
  /** Absent when neither `by` nor `without` is written (same meaning as `by ()`). */
  grouping?: Grouping;
}

export type ArithmeticOp = '+' | '-' | '*' | '/' | '%' | '^' | 'atan2';
export type ComparisonOp = '==' | '!=' | '>' | '<' | '>=' | '<=';
/** Native-histogram trimming operators `</` and `>/` (Prometheus 3.11). */
export type TrimOp = '</' | '>/';
export type SetOp = 'and' | 'or' | 'unless';
export type BinaryOp = ArithmeticOp | ComparisonOp | TrimOp | SetOp;

export type Cardinality = 'one-to-one' | 'many-to-one' | 'one-to-many' | 'many-to-many';

export interface VectorMatching {
  card: Cardinality;
  /** True for `on(...)`, false for `ignoring(...)` or no clause. */
  on: boolean;
  labels: string[];
  /** Extra labels of `group_left(...)` / `group_right(...)`. */
  include: string[];
}

/** Values of `fill(v)`, `fill_left(v)`, `fill_right(v)` (feature `promql-binop-fill-modifiers`). */
export interface FillValues {
  lhs?: number;
  rhs?: number;
}

export interface Binary extends Span {
  kind: 'Binary';
  op: BinaryOp;
  lhs: Expr;
  rhs: Expr;
  bool: boolean;
  /** Present only when both sides are instant vectors, as in Prometheus. */
  matching?: VectorMatching;
  fill?: FillValues;
}

export interface Unary extends Span {
  kind: 'Unary';
  op: '-' | '+';
  expr: Expr;
}

export interface Paren extends Span {
  kind: 'Paren';
  expr: Expr;
}

// Durations of ranges, subquery steps and offsets. Since Prometheus 3.4 they may be
// arithmetic expressions; `step()` and `range()` are only known at evaluation time.

export type DurationExpr =
  | DurationLiteral
  | DurationFunc
  | DurationUnary
  | DurationBinary
  | DurationParen;

export interface DurationLiteral extends Span {
  kind: 'DurationLiteral';
  /** Seconds: PromQL treats `90`, `1.5` and `1m30s` alike. */
  seconds: number;
}

export interface DurationFunc extends Span {
  kind: 'DurationFunc';
  fn: 'step' | 'range' | 'min_of' | 'max_of';
  args: DurationExpr[];
}

export interface DurationUnary extends Span {
  kind: 'DurationUnary';
  op: '-' | '+';
  expr: DurationExpr;
}

export interface DurationBinary extends Span {
  kind: 'DurationBinary';
  op: '+' | '-' | '*' | '/' | '%' | '^';
  lhs: DurationExpr;
  rhs: DurationExpr;
}

export interface DurationParen extends Span {
  kind: 'DurationParen';
  expr: DurationExpr;
}

export interface DurationValue {
  /**
   * Milliseconds, computed at parse time when the expression has no `step()`/`range()`
   * and evaluates to a usable duration; otherwise undefined and the engine evaluates
   * `expr` (see `evaluateDuration` in duration.ts), reporting Prometheus' runtime error.
   */
  ms: number | undefined;
  expr: DurationExpr;
}

/** `e` without the parentheses around it (any number of nested `Paren` nodes). */
export function unwrapParens(e: Expr): Expr {
  let x = e;
  while (x.kind === 'Paren') x = x.expr;
  return x;
}

/** The direct sub-expressions of a node, in source order. */
export function children(e: Expr): Expr[] {
  switch (e.kind) {
    case 'NumberLiteral':
    case 'StringLiteral':
    case 'VectorSelector':
      return [];
    case 'MatrixSelector':
      return [e.selector];
    case 'Subquery':
    case 'Unary':
    case 'Paren':
      return [e.expr];
    case 'Call':
      return e.args;
    case 'Aggregate':
      return e.param ? [e.param, e.expr] : [e.expr];
    case 'Binary':
      return [e.lhs, e.rhs];
  }
}
