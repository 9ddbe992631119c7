// Type checking as Prometheus does it after a clean parse (parser.checkAST): argument
// counts and types, aggregation parameters, operator/operand rules, selector sanity.
// Errors come out in the order Prometheus finds them, since only the first is shown.

import type { Binary, ComparisonOp, Expr, Span, ValueType, VectorSelector } from './ast.js';
import { argType, FUNCTIONS, maxArgs, minArgs } from './functions.js';
import { goQuote } from '../go/strconv.js';
import { compileMatcherRegex } from './regex.js';

export interface TypeCheckError extends Span {
  message: string;
}

const COMPARISONS: ReadonlySet<string> = new Set<ComparisonOp>(['==', '!=', '>', '<', '>=', '<=']);
const SET_OPS: ReadonlySet<string> = new Set(['and', 'or', 'unless']);

/** The value type an expression evaluates to. */
export function typeOf(e: Expr): ValueType {
  switch (e.kind) {
    case 'NumberLiteral':
      return 'scalar';
    case 'StringLiteral':
      return 'string';
    case 'VectorSelector':
    case 'Aggregate':
      return 'vector';
    case 'MatrixSelector':
    case 'Subquery':
      return 'matrix';
    case 'Call':
      return FUNCTIONS.get(e.func)?.returnType ?? 'vector';
    case 'Binary':
      return typeOf(e.lhs) === 'scalar' && typeOf(e.rhs) === 'scalar' ? 'scalar' : 'vector';
    case 'Unary':
    case 'Paren':
      return typeOf(e.expr);
  }
}

/** How Prometheus names types in messages. */
export function documentedType(t: ValueType): string {
  return t === 'vector' ? 'instant vector' : t === 'matrix' ? 'range vector' : t;
}

interface Checker {
  src: string;
  errors: TypeCheckError[];
  /** Selectors exempt from the non-empty-matcher rule (info()'s label-selector argument). */
  bypass: Set<VectorSelector>;
}

export function checkTypes(e: Expr, src: string): TypeCheckError[] {
  const ck: Checker = { src, errors: [], bypass: new Set() };
  check(ck, e);
  return ck.errors;
}

function fail(ck: Checker, message: string, at: Span): void {
  ck.errors.push({ message, from: at.from, to: at.to });
}

function expectType(ck: Checker, e: Expr, want: ValueType, context: string): void {
  const t = check(ck, e);
  if (t !== want) fail(ck, `expected type ${documentedType(want)} in ${context}, got ${documentedType(t)}`, e);
}

function check(ck: Checker, e: Expr): ValueType {
  const typ = typeOf(e);
  switch (e.kind) {
    case 'Aggregate':
      expectType(ck, e.expr, 'vector', 'aggregation expression');
      if (e.param && e.op !== 'count_values') expectType(ck, e.param, 'scalar', 'aggregation parameter');
      if (e.param && e.op === 'count_values') expectType(ck, e.param, 'string', 'aggregation parameter');
      break;
    case 'Binary':
      checkBinary(ck, e);
      break;
    case 'Call':
      checkCall(ck, e);
      break;
    case 'Paren':
      check(ck, e.expr);
      break;
    case 'Unary': {
      const t = check(ck, e.expr);
      if (t !== 'scalar' && t !== 'vector') {
        fail(ck, `unary expression only allowed on expressions of type scalar or instant vector, got ${goQuote(documentedType(t))}`, e);
      }
      break;
    }
    case 'Subquery': {
      const t = check(ck, e.expr);
      if (t !== 'vector') fail(ck, `subquery is only allowed on instant vector, got ${t} instead`, e);
      break;
    }
    case 'MatrixSelector':
      check(ck, e.selector);
      break;
    case 'VectorSelector':
      checkSelector(ck, e);
      break;
    case 'NumberLiteral':
    case 'StringLiteral':
      break;
  }
  return typ;
}

/** The operator and its modifiers, without surrounding whitespace: where Prometheus points. */
function operatorSpan(ck: Checker, e: Binary): Span {
  let from = e.lhs.to;
  while (from < e.rhs.from && /\s/.test(ck.src[from] ?? '')) from++;
  let to = e.rhs.from;
  while (to > from && /\s/.test(ck.src[to - 1] ?? '')) to--;
  return { from, to };
}

function checkBinary(ck: Checker, e: Binary): void {
  const lt = check(ck, e.lhs);
  const rt = check(ck, e.rhs);
  const isComparison = COMPARISONS.has(e.op);
  const isSet = SET_OPS.has(e.op);
  if (e.bool && !isComparison) fail(ck, 'bool modifier can only be used on comparison operators', operatorSpan(ck, e));
  if (isComparison && !e.bool && lt === 'scalar' && rt === 'scalar') {
    fail(ck, 'comparisons between scalars must use BOOL modifier', operatorSpan(ck, e));
  }
  const m = e.matching;
  if (m?.on) {
    for (const l of m.labels) {
      if (m.include.includes(l)) fail(ck, `label ${goQuote(l)} must not occur in ON and GROUP clause at once`, operatorSpan(ck, e));
    }
  }
  if (lt !== 'scalar' && lt !== 'vector') fail(ck, 'binary expression must contain only scalar and instant vector types', e.lhs);
  if (rt !== 'scalar' && rt !== 'vector') fail(ck, 'binary expression must contain only scalar and instant vector types', e.rhs);
  const filled = e.fill !== undefined && (e.fill.lhs !== undefined || e.fill.rhs !== undefined);
  if (lt !== 'vector' || rt !== 'vector') {
    if (m && m.labels.length > 0) fail(ck, 'vector matching only allowed between instant vectors', e);
    if (filled) fail(ck, 'filling in missing series only allowed between instant vectors', e);
  } else if (isSet && m) {
    if (m.card === 'one-to-many' || m.card === 'many-to-one') fail(ck, `no grouping allowed for ${goQuote(e.op)} operation`, e);
    if (m.card !== 'many-to-many') fail(ck, 'set operations must always be many-to-many', e);
    if (filled) fail(ck, 'filling in missing series not allowed for set operators', e);
  }
  if ((lt === 'scalar' || rt === 'scalar') && isSet) {
    fail(ck, `set operator ${goQuote(e.op)} not allowed in binary scalar expression`, e);
  }
}

function checkCall(ck: Checker, e: Expr & { kind: 'Call' }): void {
  const f = FUNCTIONS.get(e.func);
  if (!f) return;
  const n = e.args.length;
  const name = goQuote(f.name);
  if (f.variadic === 0) {
    if (n !== f.argTypes.length) fail(ck, `expected ${f.argTypes.length} argument(s) in call to ${name}, got ${n}`, e);
  } else if (n < minArgs(f)) {
    fail(ck, `expected at least ${minArgs(f)} argument(s) in call to ${name}, got ${n}`, e);
  } else if (n > maxArgs(f)) {
    fail(ck, `expected at most ${maxArgs(f)} argument(s) in call to ${name}, got ${n}`, e);
  }
  const second = e.args[1];
  if (f.name === 'info' && second) {
    const t = typeOf(second);
    if (t !== 'vector') fail(ck, `expected type instant vector in call to function ${name}, got ${documentedType(t)}`, e);
    if (second.kind !== 'VectorSelector') fail(ck, 'expected label selectors only', second);
    else if (second.name !== undefined) fail(ck, 'expected label selectors only, got vector selector instead', second);
    else ck.bypass.add(second);
  }
  for (const [i, arg] of e.args.entries()) {
    const want = argType(f, i);
    // Surplus arguments of fixed-arity functions were reported above and are not typed.
    if (!want) break;
    const t = check(ck, arg);
    if (t !== want) fail(ck, `expected type ${documentedType(want)} in call to function ${name}, got ${documentedType(t)}`, arg);
  }
}

function checkSelector(ck: Checker, e: VectorSelector): void {
  if (e.name !== undefined) {
    // The last matcher is the one for the name written before the braces.
    for (const m of e.matchers.slice(0, -1)) {
      if (m.name === '__name__') fail(ck, `metric name must not be set twice: ${goQuote(e.name)} or ${goQuote(m.value)}`, e);
    }
    return;
  }
  if (ck.bypass.has(e)) return;
  if (!e.matchers.some((m) => !matchesEmpty(m.op, m.value))) {
    fail(ck, 'vector selector must contain at least one non-empty matcher', e);
  }
}

function matchesEmpty(op: string, value: string): boolean {
  switch (op) {
    case '=':
      return value === '';
    case '!=':
      return value !== '';
  }
  const re = compileMatcherRegex(value);
  const hit = re.ok && re.regex.test('');
  return op === '=~' ? hit : !hit;
}

/**
 * Prometheus drops vector matching from operations that involve a scalar; do the same so
 * consumers can rely on `matching` being present exactly when both sides are vectors.
 */
export function finalize(e: Expr): Expr {
  switch (e.kind) {
    case 'NumberLiteral':
    case 'StringLiteral':
    case 'VectorSelector':
    case 'MatrixSelector':
      return e;
    case 'Subquery':
    case 'Unary':
    case 'Paren':
      return { ...e, expr: finalize(e.expr) };
    case 'Call':
      return { ...e, args: e.args.map(finalize) };
    case 'Aggregate':
      return { ...e, expr: finalize(e.expr), ...(e.param ? { param: finalize(e.param) } : {}) };
    case 'Binary': {
      const lhs = finalize(e.lhs);
      const rhs = finalize(e.rhs);
      const vectors = typeOf(lhs) === 'vector' && typeOf(rhs) === 'vector';
      const { matching, ...rest } = e;
      return vectors && matching ? { ...rest, lhs, rhs, matching } : { ...rest, lhs, rhs };
    }
  }
}
