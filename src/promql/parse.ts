// The PromQL front end: text → our AST plus its value type, or Prometheus-style errors.
//
// Pipeline: a Prometheus-faithful tokenizer (lex.ts) finds lexical errors and token
// boundaries; the lezer grammar from @prometheus-io/lezer-promql parses a same-length
// copy of the text (tree.ts); the tree becomes our AST with Prometheus' parse-time checks
// (convert.ts); a clean parse is then type checked as Prometheus does (check.ts).

import type { Expr, ValueType } from './ast.js';
import { checkTypes, finalize, typeOf } from './check.js';
import { convertTop, nodeKey, type Conv, type RawError, type Target } from './convert.js';
import type { PromQLFeature } from './functions.js';
import { lex, type Token } from './lex.js';
import { brokenNodes, describeSyntaxError, firstErrorPosition, lezerText, parseTree } from './tree.js';
import { LATEST_PROMETHEUS as DEFAULT_PROMETHEUS_VERSION, parseVersion } from '../config/version.js';

export type { PromQLFeature } from './functions.js';

export interface PromQLOptions {
  /**
   * Prometheus feature flags that change what parses. Besides the three experimental
   * ones, `promql-duration-expr` (3.4–3.13), `promql-at-modifier` and
   * `promql-negative-offset` (2.25/2.26–2.32) matter for older targets.
   */
  features?: ReadonlySet<PromQLFeature>;
  /**
   * Target Prometheus version, e.g. '2.42.0' or '3.5.0'; default DEFAULT_PROMETHEUS_VERSION.
   * Constructs newer than the target are errors that say which version they need.
   * An unparsable version string throws a TypeError (a configuration mistake, not a query one).
   */
  prometheusVersion?: string;
}

/** `line`/`column` are 1-based within the expression; columns count UTF-8 bytes, as promtool does. */
export interface PromQLError {
  message: string;
  from: number;
  to: number;
  line: number;
  column: number;
}

export type ParseResult = { ok: true; ast: Expr; type: ValueType } | { ok: false; errors: PromQLError[] };

/** Ranks errors at the same position the way Prometheus meets them. */
const LEXICAL = 0;
const SEMANTIC = 1;
const SYNTAX = 2;

interface Ranked extends RawError {
  rank: number;
}

/**
 * Results by target and text. The build parses each expression several times (validation, lint, label
 * inference, the verify read-back, Alertmanager cross-checks), and large projects repeat expressions across
 * groups; the result is a pure function of text and target, frozen so no consumer can change what another
 * sees. Cleared when it grows past CACHE_LIMIT so a long-lived process stays bounded.
 */
const cache = new Map<string, Map<string, ParseResult>>();
let cached = 0;
const CACHE_LIMIT = 100_000;

export function parsePromQL(expr: string, options: PromQLOptions = {}): ParseResult {
  // Keyed by target, then by the text itself: no key string is built per call.
  let byText = cache.get(targetKey(options));
  const hit = byText?.get(expr);
  if (hit) return hit;
  const result = deepFreeze(parseUncached(expr, options));
  if (cached >= CACHE_LIMIT) {
    cache.clear();
    cached = 0;
    byText = undefined;
  }
  if (!byText) cache.set(targetKey(options), (byText = new Map()));
  byText.set(expr, result);
  cached++;
  return result;
}

const targetKeys = new WeakMap<PromQLOptions, string>();

/** What besides the text decides a parse; remembered per options object, which callers reuse across rules. */
function targetKey(options: PromQLOptions): string {
  let key = targetKeys.get(options);
  if (key === undefined) {
    const features = options.features && options.features.size > 0 ? [...options.features].sort().join(',') : '';
    key = `${options.prometheusVersion ?? DEFAULT_PROMETHEUS_VERSION}\u0000${features}`;
    targetKeys.set(options, key);
  }
  return key;
}

function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  for (const v of Object.values(value)) deepFreeze(v);
  return Object.freeze(value);
}

function parseUncached(expr: string, options: PromQLOptions): ParseResult {
  const target = resolveTarget(options);
  const lexed = lex(expr);
  const meaningful = lexed.tokens.filter((t) => t.kind !== 'COMMENT' && t.kind !== 'EOF');
  if (!lexed.error && meaningful.length === 0) {
    return failure(expr, [{ message: 'no expression found in input', from: 0, to: 0 }]);
  }
  // After a lexical error Prometheus stops reading, so lezer only sees the text before it.
  const end = lexed.error ? lexed.error.cut : expr.length;
  const tree = parseTree(lezerText(expr, lexed.tokens, end));
  const broken = new Set([...brokenNodes(tree)].map(nodeKey));
  const conv: Conv = { src: expr, tokens: lexed.tokens, target, errors: [], broken };
  const ast = convertTop(conv, tree.topNode);

  const ranked: Ranked[] = conv.errors.map((e) => ({ ...e, key: semanticKey(e, lexed.tokens, end), rank: SEMANTIC }));
  const syntaxAt = firstErrorPosition(tree);
  if (syntaxAt !== undefined && (!lexed.error || syntaxAt < end)) {
    const s = describeSyntaxError(lexed.tokens, syntaxAt);
    ranked.push({ ...s, rank: SYNTAX });
  }
  if (lexed.error) {
    ranked.push({ message: lexed.error.message, from: lexed.error.at, to: expr.length, key: end, rank: LEXICAL });
  }
  if (ranked.length > 0) return failure(expr, ordered(ranked));
  if (!ast) return failure(expr, [{ message: 'unexpected end of input', from: expr.length, to: expr.length }]);

  const typeErrors = checkTypes(ast, expr);
  if (typeErrors.length > 0) return failure(expr, typeErrors);
  return { ok: true, ast: finalize(ast), type: typeOf(ast) };
}

/**
 * When Prometheus' parser notices a parse-time error: most constructs are only reduced
 * once the token after them has been read (a lexical error in that token comes first);
 * literals and function names are reduced right away.
 */
function semanticKey(e: RawError, tokens: readonly Token[], end: number): number {
  if (e.immediate) return e.key - 0.5;
  const next = tokens.find((t) => t.kind !== 'COMMENT' && t.from >= e.key);
  return next ? next.from : Math.max(e.key, end);
}

/**
 * Prometheus order: by the point in the text where each error is detected; anything found
 * after the first syntax or lexical error comes from error recovery and is dropped.
 */
function ordered(errors: Ranked[]): Ranked[] {
  const sorted = [...errors].sort((a, b) => a.key - b.key || a.rank - b.rank);
  const stop = sorted.findIndex((e) => e.rank !== SEMANTIC);
  return stop < 0 ? sorted : sorted.slice(0, stop + 1);
}

function resolveTarget(options: PromQLOptions): Target {
  const versionText = options.prometheusVersion ?? DEFAULT_PROMETHEUS_VERSION;
  const version = parseVersion(versionText);
  if (!version) throw new TypeError(`invalid prometheusVersion ${JSON.stringify(versionText)}: expected e.g. "3.5.0"`);
  return { version, versionText, features: options.features ?? new Set() };
}

function failure(src: string, errors: readonly { message: string; from: number; to: number }[]): ParseResult {
  return { ok: false, errors: errors.map((e) => toPromQLError(src, e)) };
}

function toPromQLError(src: string, e: { message: string; from: number; to: number }): PromQLError {
  const before = src.slice(0, e.from);
  const lineStart = before.lastIndexOf('\n') + 1;
  return {
    message: `parse error: ${e.message}`,
    from: e.from,
    to: Math.max(e.from, e.to),
    line: before.split('\n').length,
    column: new TextEncoder().encode(before.slice(lineStart)).length + 1,
  };
}

/** promtool's form: `1:27: parse error: ...`. */
export function formatPromQLError(e: PromQLError): string {
  return `${e.line}:${e.column}: ${e.message}`;
}
