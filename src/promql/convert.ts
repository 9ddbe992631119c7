// lezer tree → our AST, with the checks Prometheus makes while parsing (before type
// checking): literal values, label matchers, modifier placement, duration rules, function
// and aggregation lookup, feature flags, and the target-version gates of the catalogue.

import type { SyntaxNode } from '@lezer/common';
import type {
  Aggregate,
  AggregateOp,
  AtModifier,
  Binary,
  BinaryOp,
  Call,
  DurationExpr,
  DurationValue,
  Expr,
  FillValues,
  Grouping,
  LabelMatcher,
  MatchOp,
  MatrixSelector,
  NumberLiteral,
  Span,
  Subquery,
  VectorMatching,
  VectorSelector,
} from './ast.js';
import { durationSecondsOutOfRange, evaluateDuration, isConstantDuration, parsePromDuration } from './duration.js';
import {
  AGGREGATIONS,
  EXPERIMENTAL_FUNCTIONS_SINCE,
  FUNCTIONS,
  SYNTAX_FEATURES,
  type FunctionInfo,
  type PromQLFeature,
  type SyntaxFeatureId,
} from './functions.js';
import { goFixed } from '../go/fmt.js';
import { goQuote } from '../go/strconv.js';
import type { Token } from './lex.js';
import { parseNumber, unquoteString } from './literals.js';
import { compileMatcherRegex } from './regex.js';
import { atLeast as versionAtLeast, shortVersion, type Version } from '../config/version.js';

export interface Target {
  version: Version;
  versionText: string;
  features: ReadonlySet<PromQLFeature>;
}

/** An error before formatting; `key` orders errors the way Prometheus' parser finds them. */
export interface RawError extends Span {
  message: string;
  key: number;
  /**
   * Raised by a grammar rule Prometheus reduces without reading the next token (literals,
   * function names), so it precedes a lexical error in that token.
   */
  immediate?: boolean;
}

export interface Conv {
  src: string;
  tokens: readonly Token[];
  target: Target;
  errors: RawError[];
  /** `from:to:name` of lezer nodes that contain an error node: their own checks are skipped. */
  broken: ReadonlySet<string>;
}

/** Identity of a lezer node, stable across re-reads of the same tree. */
export function nodeKey(n: { from: number; to: number; name: string }): string {
  return `${n.from}:${n.to}:${n.name}`;
}

/**
 * Whether the grammar matched these parts of a construct without error recovery.
 * Prometheus never reduces a construct it could not parse, so checks on a recovered one
 * would be noise. Callers pass the parts that must be intact (a call's argument list,
 * not the whole call: lezer also hangs junk that follows a construct inside its node).
 */
function complete(c: Conv, ...parts: (SyntaxNode | undefined)[]): boolean {
  return parts.every((n) => !n || !c.broken.has(nodeKey(n)));
}

function fail(c: Conv, message: string, span: Span, key = span.to): void {
  c.errors.push({ message, from: span.from, to: span.to, key });
}

function failNow(c: Conv, message: string, span: Span, key = span.to): void {
  c.errors.push({ message, from: span.from, to: span.to, key, immediate: true });
}

function span(n: { from: number; to: number }): Span {
  return { from: n.from, to: n.to };
}

function kids(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let k = node.firstChild; k; k = k.nextSibling) out.push(k);
  return out;
}

function child(node: SyntaxNode, name: string): SyntaxNode | undefined {
  return kids(node).find((k) => k.name === name);
}

function exprKids(node: SyntaxNode): SyntaxNode[] {
  return kids(node).filter((k) => k.type.is('Expr'));
}

function text(c: Conv, n: Span): string {
  return c.src.slice(n.from, n.to);
}

/** The tokens inside a span, comments left out. */
function tokensIn(c: Conv, s: Span): Token[] {
  return c.tokens.filter((t) => t.from >= s.from && t.to <= s.to && t.kind !== 'COMMENT' && t.kind !== 'EOF');
}

function tokenAt(c: Conv, pos: number): Token | undefined {
  return c.tokens.find((t) => t.from === pos);
}

// ---- target version and feature gates -------------------------------------------------

function atLeast(c: Conv, version: string): boolean {
  return versionAtLeast(c.target.version, version);
}

function tooNew(c: Conv, since: string, what: string): string {
  return `Prometheus ${shortVersion(since)} or later is needed for ${what} (target is ${c.target.versionText})`;
}

/**
 * Whether a syntax feature may be used: reports the target version being too old, or the
 * feature flag being off (with Prometheus' own message when it has one).
 */
function gate(c: Conv, id: SyntaxFeatureId, at: Span, flagMessage?: string): boolean {
  const f = SYNTAX_FEATURES.get(id);
  if (!f) return true;
  if (!atLeast(c, f.since)) {
    fail(c, tooNew(c, f.since, f.description), at);
    return false;
  }
  const flagNeeded = f.flag !== undefined && !(f.defaultSince !== undefined && atLeast(c, f.defaultSince));
  if (flagNeeded && f.flag && !c.target.features.has(f.flag)) {
    fail(c, flagMessage ?? `${f.description} must be enabled with --enable-feature=${f.flag}`, at);
    return false;
  }
  return true;
}

const LEGACY_LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const LEGACY_METRIC = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

// ---- expressions -----------------------------------------------------------------------

export function convertTop(c: Conv, top: SyntaxNode): Expr | undefined {
  const e = exprKids(top)[0];
  return e ? convertExpr(c, e) : undefined;
}

function convertExpr(c: Conv, n: SyntaxNode): Expr | undefined {
  switch (n.name) {
    case 'NumberDurationLiteral':
      return numberLiteral(c, n);
    case 'StringLiteral': {
      const s = stringValue(c, n);
      return s && { kind: 'StringLiteral', value: s.value, validUtf8: s.validUtf8, ...span(n) };
    }
    case 'VectorSelector':
      return vectorSelector(c, n);
    case 'MatrixSelector':
      return matrixSelector(c, n);
    case 'SubqueryExpr':
      return subquery(c, n);
    case 'OffsetExpr':
      return offsetExpr(c, n);
    case 'StepInvariantExpr':
      return atExpr(c, n);
    case 'AnchoredExpr':
    case 'SmoothedExpr':
      return extendedRange(c, n, n.name === 'AnchoredExpr' ? 'anchored' : 'smoothed');
    case 'FunctionCall':
      return call(c, n);
    case 'AggregateExpr':
      return aggregate(c, n);
    case 'BinaryExpr':
      return binary(c, n);
    case 'UnaryExpr':
      return unary(c, n);
    case 'ParenExpr': {
      const inner = exprKids(n)[0];
      const e = inner && convertExpr(c, inner);
      return e && { kind: 'Paren', expr: e, ...span(n) };
    }
  }
  return undefined;
}

/** Where a literal stands: a plain number, a range/step/offset, or an @ timestamp. */
type LiteralPlace = 'number' | 'duration' | 'timestamp';

/** A NUMBER or DURATION token in seconds, checking the literal and its version gates. */
function literalSeconds(c: Conv, tok: Token, place: LiteralPlace): number | undefined {
  if (tok.kind === 'DURATION') {
    if (place !== 'duration') gate(c, 'number-duration-interchange', tok);
    if (/\d[a-z]+\d/.test(tok.text)) gate(c, 'composite-duration', tok);
    const d = parsePromDuration(tok.text);
    if (!d.ok) {
      failNow(c, d.error, tok);
      return undefined;
    }
    return d.ms / 1000;
  }
  if (place === 'duration') gate(c, 'number-duration-interchange', tok);
  if (tok.text.includes('_')) gate(c, 'number-underscores', tok);
  const v = parseNumber(tok.text);
  if (!v.ok) {
    failNow(c, v.error, tok);
    return undefined;
  }
  return v.value;
}

/** Sign and number token of a (possibly signed) literal node. */
function signedLiteral(c: Conv, n: SyntaxNode): { sign: Token | undefined; num: Token | undefined } {
  const toks = tokensIn(c, n);
  const num = toks[toks.length - 1];
  const sign = toks.length > 1 && toks[0]?.kind === 'OPERATOR' ? toks[0] : undefined;
  return { sign, num };
}

function numberLiteral(c: Conv, n: SyntaxNode): NumberLiteral | undefined {
  const { sign, num } = signedLiteral(c, n);
  if (!num) return undefined;
  const v = literalSeconds(c, num, 'number');
  if (v === undefined) return undefined;
  return {
    kind: 'NumberLiteral',
    value: sign?.text === '-' ? -v : v,
    duration: num.kind === 'DURATION',
    ...span(n),
  };
}

function stringValue(c: Conv, n: SyntaxNode): { value: string; validUtf8: boolean } | undefined {
  const s = unquoteString(text(c, n));
  if (!s.ok) {
    failNow(c, s.error, n);
    return undefined;
  }
  return s;
}

// ---- selectors -------------------------------------------------------------------------

const MATCH_OPS: Readonly<Record<string, MatchOp>> = { EqlSingle: '=', Neq: '!=', EqlRegex: '=~', NeqRegex: '!~' };

function vectorSelector(c: Conv, n: SyntaxNode): VectorSelector | undefined {
  const ident = child(n, 'Identifier');
  const name = ident && text(c, ident);
  if (ident) {
    // lezer lets `atan2` name a metric; Prometheus' grammar does not.
    const tok = tokenAt(c, ident.from);
    if (tok?.kind === 'OPERATOR' && tok.text.toLowerCase() === 'atan2') fail(c, `unexpected <op:${tok.text}>`, tok, tok.from);
  }
  const matchers: LabelMatcher[] = [];
  const list = child(n, 'LabelMatchers');
  for (const m of list ? kids(list) : []) {
    const matcher = labelMatcher(c, m);
    if (matcher) matchers.push(matcher);
  }
  if (ident && name !== undefined) matchers.push({ name: '__name__', op: '=', value: name, ...span(ident) });
  return {
    kind: 'VectorSelector',
    ...(name !== undefined ? { name } : {}),
    matchers,
    anchored: false,
    smoothed: false,
    ...span(n),
  };
}

function quotedName(c: Conv, n: SyntaxNode, what: 'metric' | 'label'): string | undefined {
  gate(c, 'quoted-selector-names', n);
  const s = stringValue(c, n);
  if (s && !(what === 'metric' ? LEGACY_METRIC : LEGACY_LABEL).test(s.value)) gate(c, 'utf8-names', n);
  return s?.value;
}

function labelMatcher(c: Conv, m: SyntaxNode): LabelMatcher | undefined {
  if (m.name === 'QuotedLabelName') {
    const str = child(m, 'StringLiteral');
    const value = str && quotedName(c, str, 'metric');
    return value === undefined ? undefined : { name: '__name__', op: '=', value, ...span(m) };
  }
  if (m.name !== 'UnquotedLabelMatcher' && m.name !== 'QuotedLabelMatcher') return undefined;
  const nameNode = child(m, 'LabelName') ?? child(m, 'QuotedLabelName');
  const opNode = child(m, 'MatchOp')?.firstChild;
  const valueNode = kids(m).find((k) => k.name === 'StringLiteral');
  if (!nameNode || !opNode || !valueNode) return undefined;
  const quoted = nameNode.name === 'QuotedLabelName' ? child(nameNode, 'StringLiteral') : undefined;
  const name = quoted ? quotedName(c, quoted, 'label') : text(c, nameNode);
  const op = MATCH_OPS[opNode.name];
  const value = stringValue(c, valueNode);
  if (name === undefined || !op || !value) return undefined;
  if (op === '=~' || op === '!~') {
    const re = compileMatcherRegex(value.value);
    if (!re.ok) failNow(c, re.error, { from: nameNode.from, to: valueNode.to });
  }
  return { name, op, value: value.value, ...span(m) };
}

/** The vector selector a modifier applies to: itself, or the one inside a range selector. */
type Modifiable = VectorSelector | MatrixSelector | Subquery;

function isModifiable(e: Expr): e is Modifiable {
  return e.kind === 'VectorSelector' || e.kind === 'MatrixSelector' || e.kind === 'Subquery';
}

/**
 * Applies a postfix modifier (range, subquery, offset, @, anchored/smoothed) the way
 * Prometheus binds it: tighter than every operator. lezer binds it looser, giving
 * `(a + b) offset 5m` for `a + b offset 5m`, so push it down to the rightmost operand.
 * Parenthesized expressions are `Paren` nodes and are left alone.
 */
function applyPostfix(e: Expr, to: number, apply: (target: Expr) => Expr | undefined): Expr | undefined {
  if (e.kind === 'Binary') {
    const rhs = applyPostfix(e.rhs, to, apply);
    return rhs && { ...e, rhs, to };
  }
  if (e.kind === 'Unary') {
    const inner = applyPostfix(e.expr, to, apply);
    return inner && { ...e, expr: inner, to };
  }
  return apply(e);
}

function matrixSelector(c: Conv, n: SyntaxNode): Expr | undefined {
  const inner = exprKids(n)[0];
  const durNode = child(n, 'DurationExpr');
  const e = inner && convertExpr(c, inner);
  const range = durNode && durationValue(c, durNode, false);
  const open = c.tokens.find((t) => t.kind === 'LEFT_BRACKET' && t.from >= (inner?.to ?? n.from));
  const brackets = { from: open?.from ?? n.from, to: n.to };
  if (!e || !complete(c, durNode)) return undefined;
  return applyPostfix(e, n.to, (target) => {
    let problem: string | undefined;
    if (target.kind !== 'VectorSelector') problem = 'ranges only allowed for vector selectors';
    else if (target.offset) problem = 'no offset modifiers allowed before range';
    else if (target.at !== undefined) problem = 'no @ modifiers allowed before range';
    if (problem) fail(c, problem, brackets);
    if (target.kind !== 'VectorSelector' || !range) return undefined;
    return { kind: 'MatrixSelector', selector: target, range, from: target.from, to: n.to };
  });
}

function subquery(c: Conv, n: SyntaxNode): Expr | undefined {
  const inner = exprKids(n)[0];
  const [rangeNode, stepNode] = kids(n).filter((k) => k.name === 'DurationExpr');
  const e = inner && convertExpr(c, inner);
  const range = rangeNode && durationValue(c, rangeNode, false);
  const step = stepNode && durationValue(c, stepNode, false);
  if (!e || !range || (stepNode && !step) || !complete(c, rangeNode, stepNode)) return undefined;
  gate(c, 'subquery', n);
  return applyPostfix(e, n.to, (target) => ({
    kind: 'Subquery',
    expr: target,
    range,
    ...(step ? { step } : {}),
    from: target.from,
    to: n.to,
  }));
}

function offsetExpr(c: Conv, n: SyntaxNode): Expr | undefined {
  const inner = exprKids(n)[0];
  const durNode = child(n, 'OffsetDurationExpr');
  const e = inner && convertExpr(c, inner);
  const offset = durNode && durationValue(c, durNode, true);
  if (!e || !offset || !durNode || !complete(c, durNode)) return undefined;
  if (offset.ms !== undefined && offset.ms < 0) gate(c, 'negative-offset', durNode);
  return applyPostfix(e, n.to, (target) => {
    if (!isModifiable(target)) {
      const message = 'offset modifier must be preceded by an instant vector selector or range vector selector or a subquery';
      fail(c, message, target, n.to);
      return undefined;
    }
    const current = target.kind === 'MatrixSelector' ? target.selector.offset : target.offset;
    // Prometheus only notices a repeated offset when the first one is non-zero.
    if (current && (current.ms !== 0 || current.expr.kind !== 'DurationLiteral')) {
      fail(c, 'offset may not be set multiple times', target, n.to);
      return target;
    }
    if (target.kind === 'MatrixSelector') return { ...target, selector: { ...target.selector, offset }, to: n.to };
    return { ...target, offset, to: n.to };
  });
}

function atExpr(c: Conv, n: SyntaxNode): Expr | undefined {
  const inner = exprKids(n)[0];
  const e = inner && convertExpr(c, inner);
  // The timestamp follows the @; the modified expression may itself be a literal.
  const ks = kids(n);
  const after = ks.slice(ks.findIndex((k) => k.name === 'At') + 1);
  const pre = after.find((k) => k.name === 'AtModifierPreprocessors')?.firstChild ?? undefined;
  const lit = after.find((k) => k.name === 'NumberDurationLiteral');
  let at: AtModifier | undefined;
  let outOfBounds: string | undefined;
  if (pre) {
    at = pre.name === 'AtStart' ? 'start' : 'end';
  } else if (lit) {
    const { sign, num } = signedLiteral(c, lit);
    const v = num && literalSeconds(c, num, 'timestamp');
    if (v === undefined) return undefined;
    const ts = sign?.text === '-' ? -v : v;
    if (!Number.isFinite(ts) || ts >= 2 ** 63 || ts <= -(2 ** 63)) {
      outOfBounds = `timestamp out of bounds for @ modifier: ${goFixed(ts)}`;
    }
    at = Math.round(ts * 1000);
  }
  if (!e || at === undefined || !inner) return undefined;
  const atSign = c.tokens.find((t) => t.text === '@' && t.from >= inner.to);
  gate(c, 'at-modifier', atSign ?? { from: inner.to, to: n.to });
  const value = at;
  return applyPostfix(e, n.to, (target) => {
    if (outOfBounds) fail(c, outOfBounds, target, n.to);
    if (!isModifiable(target)) {
      const message = '@ modifier must be preceded by an instant vector selector or range vector selector or a subquery';
      fail(c, message, target, n.to);
      return undefined;
    }
    const current = target.kind === 'MatrixSelector' ? target.selector.at : target.at;
    if (current !== undefined) {
      fail(c, '@ <timestamp> may not be set multiple times', target, n.to);
      return target;
    }
    if (target.kind === 'MatrixSelector') return { ...target, selector: { ...target.selector, at: value }, to: n.to };
    return { ...target, at: value, to: n.to };
  });
}

function extendedRange(c: Conv, n: SyntaxNode, mod: 'anchored' | 'smoothed'): Expr | undefined {
  const inner = exprKids(n)[0];
  const e = inner && convertExpr(c, inner);
  if (!e) return undefined;
  return applyPostfix(e, n.to, (target) => {
    if (!gate(c, 'extended-range-selectors', target, `${mod} modifier is experimental and not enabled`)) return target;
    if (target.kind === 'Subquery') {
      fail(c, `${mod} modifier is not supported for subqueries`, target, n.to);
      return target;
    }
    if (target.kind !== 'VectorSelector' && target.kind !== 'MatrixSelector') {
      fail(c, `${mod} modifier not implemented`, target, n.to);
      return target;
    }
    const sel = target.kind === 'MatrixSelector' ? target.selector : target;
    if (mod === 'anchored' ? sel.smoothed : sel.anchored) {
      fail(c, 'anchored and smoothed modifiers cannot be used together', target, n.to);
    }
    const updated = { ...sel, [mod]: true };
    return target.kind === 'MatrixSelector' ? { ...target, selector: updated, to: n.to } : { ...updated, to: n.to };
  });
}

// ---- durations -------------------------------------------------------------------------

const DURATION_OPS: Readonly<Record<string, '+' | '-' | '*' | '/' | '%' | '^'>> = {
  Add: '+',
  Sub: '-',
  Mul: '*',
  Div: '/',
  Mod: '%',
  Pow: '^',
};

function durationValue(c: Conv, n: SyntaxNode, allowNegative: boolean): DurationValue | undefined {
  const expr = durationExpr(c, n, false);
  if (!expr) return undefined;
  if (expr.kind === 'DurationLiteral') {
    if (!allowNegative && expr.seconds <= 0) {
      fail(c, 'duration must be greater than 0', expr);
      return undefined;
    }
    // Prometheus keeps literal durations at nanosecond precision.
    return { ms: Math.round(expr.seconds * 1e9) / 1e6, expr };
  }
  if (!isConstantDuration(expr)) return { ms: undefined, expr };
  // Constant arithmetic is evaluated by the engine in Prometheus; errors surface there.
  const v = evaluateDuration(expr, {}, allowNegative);
  return { ms: v.ok ? v.ms : undefined, expr };
}

function durationExpr(c: Conv, n: SyntaxNode, underUnary: boolean): DurationExpr | undefined {
  const ks = kids(n);
  const first = ks[0];
  if (!first) return undefined;
  if (n.name === 'NumberDurationLiteralInDurationContext') return durationLiteral(c, n);
  if (first.name === 'NumberDurationLiteralInDurationContext') return durationLiteral(c, first);
  if (first.name === 'UnaryOp') {
    const operand = ks[1];
    const inner = operand && durationExpr(c, operand, true);
    if (!inner) return undefined;
    const op = text(c, first) === '-' ? '-' : '+';
    if (inner.kind === 'DurationLiteral') {
      const seconds = op === '-' ? -inner.seconds : inner.seconds;
      if (durationSecondsOutOfRange(seconds)) {
        failNow(c, 'duration out of range', first);
        return undefined;
      }
      return { kind: 'DurationLiteral', seconds, from: first.from, to: inner.to };
    }
    return op === '+' ? inner : { kind: 'DurationUnary', op, expr: inner, from: first.from, to: inner.to };
  }
  const fnName = { DurationStep: 'step', DurationRange: 'range', DurationMinOf: 'min_of', DurationMaxOf: 'max_of' }[
    first.name
  ] as 'step' | 'range' | 'min_of' | 'max_of' | undefined;
  if (fnName) {
    const feature: SyntaxFeatureId =
      fnName === 'step' ? 'duration-step' : fnName === 'range' ? 'duration-range' : 'duration-min-max-of';
    const args = ks.filter((k) => k.name === 'DurationExpr').map((k) => durationExpr(c, k, false));
    const node = { ...span(n), from: first.from };
    if (!gate(c, feature, node, 'experimental duration expression is not enabled')) return undefined;
    if (args.some((a) => !a)) return undefined;
    return { kind: 'DurationFunc', fn: fnName, args: args as DurationExpr[], ...node };
  }
  const subs = ks.filter((k) => k.name === 'DurationExpr' || k.name === 'OffsetDurationExpr');
  const opNode = ks.find((k) => DURATION_OPS[k.name] !== undefined);
  if (opNode && subs.length === 2) {
    const [l, r] = subs.map((k) => durationExpr(c, k, false));
    if (!l || !r) return undefined;
    if (!gate(c, 'duration-expressions', l, 'experimental duration expression is not enabled')) return undefined;
    const op = DURATION_OPS[opNode.name]!;
    if ((op === '/' || op === '%') && r.kind === 'DurationLiteral' && r.seconds === 0) {
      fail(c, op === '/' ? 'division by zero' : 'modulo by zero', opNode);
      return undefined;
    }
    return { kind: 'DurationBinary', op, lhs: l, rhs: r, ...span(n) };
  }
  if (subs.length === 1 && subs[0]) {
    // Parentheses: the only other shape with a single duration child.
    const inner = durationExpr(c, subs[0], false);
    if (!inner) return undefined;
    // Prometheus lets `-(5m)` through without the duration-expression feature.
    if (!underUnary && !gate(c, 'duration-expressions', n, 'experimental duration expression is not enabled')) {
      return undefined;
    }
    return { kind: 'DurationParen', expr: inner, ...span(n) };
  }
  return undefined;
}

function durationLiteral(c: Conv, n: SyntaxNode): DurationExpr | undefined {
  const tok = tokensIn(c, n)[0];
  if (!tok) return undefined;
  const seconds = literalSeconds(c, tok, 'duration');
  if (seconds === undefined) return undefined;
  if (durationSecondsOutOfRange(seconds)) {
    failNow(c, 'duration out of range', tok);
    return undefined;
  }
  return { kind: 'DurationLiteral', seconds, ...span(n) };
}

// ---- calls and aggregations -------------------------------------------------------------

function args(c: Conv, body: SyntaxNode | undefined): (Expr | undefined)[] {
  return body ? exprKids(body).map((k) => convertExpr(c, k)) : [];
}

function call(c: Conv, n: SyntaxNode): Call | undefined {
  const ident = child(n, 'FunctionIdentifier');
  const body = child(n, 'FunctionCallBody');
  const as = args(c, body);
  if (!ident) return undefined;
  // Read the name from the original text: the copy lezer saw may have respelled it.
  const name = tokenAt(c, ident.from)?.text ?? text(c, ident);
  if (!body || !complete(c, body)) return undefined;
  const known = lookupFunction(c, name, ident, body.to);
  if (!known || as.some((a) => !a)) return undefined;
  return { kind: 'Call', func: name, args: as as Expr[], from: n.from, to: body.to };
}

function lookupFunction(c: Conv, name: string, at: Span, key: number): FunctionInfo | undefined {
  const f = FUNCTIONS.get(name);
  const unknown = `unknown function with name ${goQuote(name)}`;
  if (!f) {
    failNow(c, unknown, at, key);
    return undefined;
  }
  if (!atLeast(c, f.since)) {
    failNow(c, `${unknown} (added in Prometheus ${shortVersion(f.since)}; target is ${c.target.versionText})`, at, key);
    return undefined;
  }
  if (f.until && atLeast(c, f.until)) {
    const instead = f.replacedBy ? `; use ${f.replacedBy}` : '';
    failNow(c, `${unknown} (removed in Prometheus ${shortVersion(f.until)}${instead})`, at, key);
    return undefined;
  }
  const experimental = f.stableSince ? !atLeast(c, f.stableSince) : f.experimental;
  if (experimental && !c.target.features.has('promql-experimental-functions')) {
    failNow(c, `function ${goQuote(name)} is not enabled`, at, key);
    return undefined;
  }
  if (experimental && !atLeast(c, EXPERIMENTAL_FUNCTIONS_SINCE)) {
    failNow(c, tooNew(c, EXPERIMENTAL_FUNCTIONS_SINCE, 'promql-experimental-functions'), at, key);
  }
  return f;
}

function aggregate(c: Conv, n: SyntaxNode): Aggregate | undefined {
  const opNode = child(n, 'AggregateOp');
  const modNode = child(n, 'AggregateModifier');
  const body = child(n, 'FunctionCallBody');
  const grouping = modNode && groupingClause(c, modNode);
  const as = args(c, body);
  if (!opNode || !body || !complete(c, body)) return undefined;
  const op = text(c, opNode).toLowerCase() as AggregateOp;
  const info = AGGREGATIONS.get(op);
  if (!info) return undefined;
  // Prometheus ends an aggregation at its last ")"; lezer may hang trailing junk on the node.
  const trailing = modNode && modNode.from >= body.to && complete(c, modNode);
  const all = { from: n.from, to: trailing ? modNode.to : body.to };
  if (!atLeast(c, info.since)) fail(c, tooNew(c, info.since, `${op}()`), opNode);
  if (as.length === 0) {
    fail(c, 'no arguments for aggregate expression provided', all);
    return undefined;
  }
  if (info.param && info.experimental && !c.target.features.has('promql-experimental-functions')) {
    fail(c, `${op}() is experimental and must be enabled with --enable-feature=promql-experimental-functions`, all);
    return undefined;
  }
  const wanted = info.param ? 2 : 1;
  if (as.length !== wanted) {
    fail(c, `wrong number of arguments for aggregate expression provided, expected ${wanted}, got ${as.length}`, all);
    return undefined;
  }
  const [param, expr] = info.param ? as : [undefined, as[0]];
  if (!expr || (info.param && !param) || (modNode && !grouping)) return undefined;
  return { kind: 'Aggregate', op, ...(param ? { param } : {}), expr, ...(grouping ? { grouping } : {}), ...all };
}

function groupingClause(c: Conv, mod: SyntaxNode): Grouping | undefined {
  const kw = mod.firstChild;
  const labelsNode = child(mod, 'GroupingLabels');
  const labels = labelsNode && groupingLabels(c, labelsNode);
  if (!kw || !labels) return undefined;
  return { mode: kw.name === 'Without' ? 'without' : 'by', labels, ...span(mod) };
}

function groupingLabels(c: Conv, n: SyntaxNode): string[] | undefined {
  const out: string[] = [];
  for (const k of kids(n)) {
    let name: string | undefined;
    let valid = true;
    if (k.name === 'LabelName') {
      name = text(c, k);
      valid = !name.includes(':') || atLeast(c, '3.0.0');
    } else if (k.name === 'QuotedLabelName') {
      gate(c, 'quoted-grouping-labels', k);
      const s = stringValue(c, k.firstChild ?? k);
      if (!s) return undefined;
      name = s.value;
      valid = s.validUtf8 && name !== '' && (LEGACY_LABEL.test(name) || atLeast(c, '3.0.0'));
    } else {
      continue;
    }
    if (!valid) failNow(c, `invalid label name for grouping: ${goQuote(name)}`, k);
    out.push(name);
  }
  return out;
}

// ---- operators -------------------------------------------------------------------------

const BINARY_OPS: Readonly<Record<string, BinaryOp>> = {
  Pow: '^',
  Mul: '*',
  Div: '/',
  Mod: '%',
  Atan2: 'atan2',
  Add: '+',
  Sub: '-',
  Eql: '==',
  Neq: '!=',
  Gtr: '>',
  Lss: '<',
  Gte: '>=',
  Lte: '<=',
  TrimUpper: '</',
  TrimLower: '>/',
  And: 'and',
  Or: 'or',
  Unless: 'unless',
};

function binary(c: Conv, n: SyntaxNode): Expr | undefined {
  const [lhsNode, rhsNode] = exprKids(n);
  const opNode = kids(n).find((k) => BINARY_OPS[k.name] !== undefined);
  if (!lhsNode || !rhsNode || !opNode) {
    // Still visit what is there, so errors inside it are found.
    for (const k of exprKids(n)) convertExpr(c, k);
    return undefined;
  }
  const op = BINARY_OPS[opNode.name]!;
  // Prometheus binds a leading sign looser than ^: -2^2 is -(2^2). lezer folds the sign
  // into the literal, so split it off again.
  if (op === '^' && lhsNode.name === 'NumberDurationLiteral') {
    const { sign, num } = signedLiteral(c, lhsNode);
    if (sign && num) return signedPower(c, n, sign, num, rhsNode);
  }
  const lhs = convertExpr(c, lhsNode);
  const matchNode = child(n, 'MatchingModifierClause');
  const matching = matchNode ? matchingClause(c, matchNode, op) : defaultMatching(op);
  const fill = fillModifier(c, child(n, 'FillModifier'));
  const rhs = convertExpr(c, rhsNode);
  if (op === 'atan2') gate(c, 'atan2', opNode);
  if (op === '</' || op === '>/') gate(c, 'histogram-trim-operators', opNode);
  if (fill && complete(c, child(n, 'FillModifier'))) {
    gate(c, 'binop-fill-modifiers', span(n), 'binop fill modifiers are experimental and not enabled');
  }
  if (!lhs || !rhs || !matching) return undefined;
  const out: Binary = { kind: 'Binary', op, lhs, rhs, bool: child(n, 'BoolModifier') !== undefined, matching, ...span(n) };
  return fill ? { ...out, fill } : out;
}

function signedPower(c: Conv, n: SyntaxNode, sign: Token, num: Token, rhsNode: SyntaxNode): Expr | undefined {
  const v = literalSeconds(c, num, 'number');
  const rhs = convertExpr(c, rhsNode);
  if (v === undefined || !rhs) return undefined;
  const base: NumberLiteral = { kind: 'NumberLiteral', value: v, duration: num.kind === 'DURATION', ...span(num) };
  const power: Binary = {
    kind: 'Binary',
    op: '^',
    lhs: base,
    rhs,
    bool: false,
    matching: defaultMatching('^'),
    from: num.from,
    to: n.to,
  };
  return { kind: 'Unary', op: sign.text === '-' ? '-' : '+', expr: power, from: sign.from, to: n.to };
}

function defaultMatching(op: BinaryOp): VectorMatching {
  const set = op === 'and' || op === 'or' || op === 'unless';
  return { card: set ? 'many-to-many' : 'one-to-one', on: false, labels: [], include: [] };
}

function matchingClause(c: Conv, m: SyntaxNode, op: BinaryOp): VectorMatching | undefined {
  const ks = kids(m);
  const labelsNode = ks.find((k) => k.name === 'GroupingLabels');
  const groupNode = ks.find((k) => k.name === 'GroupLeft' || k.name === 'GroupRight');
  const includeNode = groupNode && ks.slice(ks.indexOf(groupNode) + 1).find((k) => k.name === 'GroupingLabels');
  const labels = labelsNode ? groupingLabels(c, labelsNode) : [];
  const include = includeNode ? groupingLabels(c, includeNode) : [];
  if (!labels || !include) return undefined;
  const base = defaultMatching(op);
  const card = groupNode ? (groupNode.name === 'GroupLeft' ? 'many-to-one' : 'one-to-many') : base.card;
  return { card, on: ks[0]?.name === 'On', labels, include };
}

function fillModifier(c: Conv, m: SyntaxNode | undefined): FillValues | undefined {
  if (!m) return undefined;
  const out: FillValues = {};
  for (const clause of kids(m)) {
    const lit = child(clause, 'NumberDurationLiteral');
    const v = lit && numberLiteral(c, lit);
    if (!v) continue;
    if (clause.name !== 'FillRightClause') out.lhs = v.value;
    if (clause.name !== 'FillLeftClause') out.rhs = v.value;
  }
  return out;
}

function unary(c: Conv, n: SyntaxNode): Expr | undefined {
  const opNode = child(n, 'UnaryOp');
  const inner = exprKids(n)[0];
  const e = inner && convertExpr(c, inner);
  if (!opNode || !e) return undefined;
  const op = text(c, opNode) === '-' ? '-' : '+';
  // Prometheus folds a sign into a number literal.
  if (e.kind === 'NumberLiteral') return { ...e, value: op === '-' ? -e.value : e.value, from: n.from };
  return { kind: 'Unary', op, expr: e, ...span(n) };
}
