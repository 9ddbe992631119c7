// Running the lezer PromQL grammar so that it agrees with Prometheus' own parser, and
// turning its error nodes into Prometheus-style "unexpected ..." messages.
//
// The grammar is an editor grammar and differs from Prometheus in a few token-level
// details. Rather than fork it, we hand it a same-length copy of the expression with
// those tokens respelled, so every node position still points into the original text:
//  - number literals lezer cannot read become digit runs: Prometheus accepts `1.`,
//    `1.e5`, `0X1F` and badly ordered durations (to reject them with a precise message);
//  - step/range/min_of/max_of inside durations are lower-cased: Prometheus matches them
//    case-insensitively there, lezer case-sensitively;
//  - a name lezer does not know as a function, written before "(", becomes `ln` plus
//    spaces: Prometheus parses any identifier + "(" as a call (then reports unknown
//    functions by name, and knows removed ones such as holt_winters for old targets);
//  - `a:b` in grouping clauses becomes `a_b`: Prometheus 3 takes any UTF-8 label name
//    there, lezer only [a-zA-Z_][a-zA-Z0-9_]*;
//  - and/or/unless/offset where an operand must start become `xxx...`: Prometheus
//    accepts them as metric names there.
// Names and values are always read from the original text, never from the copy.

import type { SyntaxNode, Tree } from '@lezer/common';
import { parser } from '@prometheus-io/lezer-promql';
import { goQuote } from '../go/strconv.js';
import { describeToken, type Token } from './lex.js';

const GROUPING_KEYWORDS = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right']);
/** The grammar's number token (decimal, hex, or a well-ordered duration). */
const LEZER_NUMBER =
  /^(?:(?:\d+(?:_?\d)*(?:\.\d+(?:_?\d)*)?|\.\d+(?:_?\d)*)(?:[eE][+-]?\d+(?:_?\d)*)?|0x[0-9a-fA-F]+|(?=\d)(?:\d+y)?(?:\d+w)?(?:\d+d)?(?:\d+h)?(?:\d+m)?(?:\d+s)?(?:\d+ms)?)$/;

/** Keywords Prometheus also accepts as metric names but lezer never reads as identifiers. */
const NAME_KEYWORDS = new Set(['and', 'or', 'unless', 'offset']);
/** Every keyword Prometheus' grammar accepts as a metric name (its metric_identifier rule). */
const METRIC_NAME_WORDS = new Set([
  ...['avg', 'bottomk', 'by', 'count', 'count_values', 'fill', 'fill_left', 'fill_right', 'group', 'and', 'or'],
  ...['unless', 'max', 'min', 'offset', 'quantile', 'stddev', 'stdvar', 'sum', 'topk', 'without', 'start', 'end'],
  ...['limitk', 'limit_ratio', 'step', 'range', 'anchored', 'smoothed', 'max_of', 'min_of'],
]);
const MATCH_OPS = new Set(['=', '!=', '=~', '!~']);

/** Whether lezer parses `name(` as a call (the grammar only knows a fixed list). */
const lezerFunctionCache = new Map<string, boolean>();
export function lezerKnowsFunction(name: string): boolean {
  let known = lezerFunctionCache.get(name);
  if (known === undefined) {
    const top = parser.parse(`${name}()`).topNode.firstChild;
    known = top?.name === 'FunctionCall' && !hasError(top);
    lezerFunctionCache.set(name, known);
  }
  return known;
}

function hasError(node: SyntaxNode): boolean {
  let found = false;
  node.toTree().iterate({
    enter: (n) => {
      if (n.type.isError) found = true;
      return !found;
    },
  });
  return found;
}

/** Tokens without comments: the unit every context rule below works on. */
function significant(tokens: readonly Token[]): Token[] {
  return tokens.filter((t) => t.kind !== 'COMMENT');
}

function isLower(text: string): boolean {
  return text === text.toLowerCase();
}

/** The same-length text handed to lezer (see the header comment). */
export function lezerText(input: string, tokens: readonly Token[], end: number): string {
  const chars = input.slice(0, end).split('');
  const sig = significant(tokens);
  let bracketDepth = 0;
  let offsetDepth = -1;
  let parenDepth = 0;
  let inGrouping = false;
  const put = (t: Token, text: string): void => {
    chars.splice(t.from, text.length, ...text.split(''));
  };
  sig.forEach((t, i) => {
    const prev = sig[i - 1];
    const next = sig[i + 1];
    const durationContext = bracketDepth > 0 || offsetDepth >= 0;
    if (t.kind === 'LEFT_BRACKET') bracketDepth++;
    if (t.kind === 'RIGHT_BRACKET') bracketDepth--;
    if (t.kind === 'LEFT_PAREN') {
      parenDepth++;
      if (prev && GROUPING_KEYWORDS.has(prev.text.toLowerCase()) && prev.kind === 'KEYWORD') inGrouping = true;
    }
    if (t.kind === 'RIGHT_PAREN') {
      parenDepth--;
      inGrouping = false;
    }
    if ((t.kind === 'NUMBER' || t.kind === 'DURATION') && /^[0-9.]/.test(t.text) && !LEZER_NUMBER.test(t.text)) {
      // Keep a leading dot: `x.5m` must stay two tokens, not become the name `x111`.
      put(t, t.text[0] === '.' ? '.'.padEnd(t.text.length, '1') : '1'.repeat(t.text.length));
    } else if (t.kind === 'PREPROCESSOR' && durationContext && !isLower(t.text)) {
      put(t, t.text.toLowerCase());
    } else if (
      next?.kind === 'LEFT_PAREN' &&
      !durationContext &&
      prev?.text !== '@' &&
      (t.kind === 'IDENTIFIER' || t.kind === 'PREPROCESSOR') &&
      t.text.length >= 2 &&
      !lezerKnowsFunction(t.text)
    ) {
      put(t, 'ln'.padEnd(t.text.length, ' '));
    } else if (t.kind === 'METRIC_IDENTIFIER' && inGrouping) {
      put(t, t.text.replace(/:/g, '_'));
    } else if (NAME_KEYWORDS.has(t.text.toLowerCase()) && !durationContext && startsOperand(prev)) {
      put(t, 'x'.repeat(t.text.length));
    }
    // An offset's duration ends with its first complete operand, as in the grammar.
    if (t.kind === 'KEYWORD' && t.text.toLowerCase() === 'offset' && !startsOperand(prev)) offsetDepth = parenDepth;
    else if (offsetDepth >= 0 && parenDepth <= offsetDepth && endsOperand(t, next)) offsetDepth = -1;
  });
  return chars.join('');
}

/** Whether an operand must start after `prev`, so a keyword there can only be a name. */
function startsOperand(prev: Token | undefined): boolean {
  if (!prev) return true;
  if (prev.kind === 'OPERATOR') return prev.text !== '@';
  return prev.kind === 'COMMA' || prev.kind === 'LEFT_PAREN' || (prev.kind === 'KEYWORD' && prev.text.toLowerCase() === 'bool');
}

function endsOperand(t: Token, next: Token | undefined): boolean {
  if (t.kind === 'NUMBER' || t.kind === 'DURATION' || t.kind === 'RIGHT_PAREN') return true;
  // step()/range() and min_of(...)/max_of(...) end at their closing parenthesis instead.
  return t.kind !== 'OPERATOR' && t.kind !== 'KEYWORD' && t.kind !== 'PREPROCESSOR' && next?.kind !== 'LEFT_PAREN';
}

export function parseTree(text: string): Tree {
  return parser.parse(text);
}

/** Start of the first error node, or undefined for a clean tree. */
export function firstErrorPosition(tree: Tree): number | undefined {
  let pos: number | undefined;
  tree.iterate({
    enter: (n) => {
      if (n.type.isError && (pos === undefined || n.from < pos)) pos = n.from;
      return pos === undefined || n.from < pos;
    },
  });
  return pos;
}

/** Every node that contains an error node, i.e. that lezer only built by error recovery. */
export function brokenNodes(tree: Tree): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  tree.iterate({
    enter: (n) => {
      if (!n.type.isError) return;
      for (let p = n.node.parent; p; p = p.parent) out.push(p);
    },
  });
  return out;
}

export interface SyntaxError {
  message: string;
  from: number;
  to: number;
  /** Where the parser notices it: the offending token. */
  key: number;
}

/** Tokens that can begin an operand (an expression after an operator or comma). */
function beginsOperand(t: Token): boolean {
  switch (t.kind) {
    case 'IDENTIFIER':
    case 'METRIC_IDENTIFIER':
    case 'NUMBER':
    case 'DURATION':
    case 'STRING':
    case 'LEFT_PAREN':
    case 'LEFT_BRACE':
    case 'AGGREGATOR':
    case 'PREPROCESSOR':
      return true;
    case 'OPERATOR':
      return t.text === '+' || t.text === '-' || METRIC_NAME_WORDS.has(t.text.toLowerCase());
    case 'KEYWORD':
      return METRIC_NAME_WORDS.has(t.text.toLowerCase());
    default:
      return false;
  }
}

/**
 * Prometheus' message for the token at which parsing fails: `unexpected <token>`, plus the
 * " in <context>, expected <what>" its grammar attaches in label matchers, grouping
 * clauses, ranges/subqueries, offsets, @ modifiers and aggregations.
 */
export function describeSyntaxError(tokens: readonly Token[], pos: number): SyntaxError {
  const sig = significant(tokens);
  let idx = sig.findIndex((t) => t.to > pos || (t.kind === 'EOF' && t.from >= pos));
  if (idx < 0) idx = sig.length - 1;
  const tok = sig[idx];
  if (!tok) return { message: 'unexpected end of input', from: pos, to: pos, key: pos };
  const prev = sig[idx - 1];
  const where = context(sig, idx);
  const inExpression = where === '' || where === ' in aggregation';
  if (inExpression && prev?.kind === 'COMMA' && !beginsOperand(tok) && inCallArgs(sig, idx - 1)) {
    return { message: 'trailing commas not allowed in function call args', from: prev.from, to: prev.to, key: tok.from };
  }
  if (inExpression && tok.kind === 'LEFT_PAREN' && prev?.kind === 'IDENTIFIER') {
    // Prometheus only looks the name up once the call's ")" is read.
    const close = matchingParen(sig, idx);
    const key = close?.from ?? tokens[tokens.length - 1]?.to ?? pos;
    return { message: `unknown function with name ${goQuote(prev.text)}`, from: prev.from, to: prev.to, key };
  }
  return { message: `unexpected ${describeToken(tok)}${where}`, from: tok.from, to: tok.to, key: tok.from };
}
function matchingParen(sig: readonly Token[], open: number): Token | undefined {
  let depth = 0;
  for (let i = open; i < sig.length; i++) {
    if (sig[i]?.kind === 'LEFT_PAREN') depth++;
    if (sig[i]?.kind === 'RIGHT_PAREN' && --depth === 0) return sig[i];
  }
  return undefined;
}

/** Whether the comma at `idx` separates call or aggregation arguments. */
function inCallArgs(sig: readonly Token[], idx: number): boolean {
  let depth = 0;
  for (let i = idx - 1; i >= 0; i--) {
    const t = sig[i];
    if (!t) break;
    if (t.kind === 'RIGHT_PAREN') depth++;
    if (t.kind === 'LEFT_PAREN') {
      if (depth === 0) {
        // A call, or an aggregation whose by/without clause comes first: `topk by (a) (`.
        const before = sig[i - 1];
        return before !== undefined && ['IDENTIFIER', 'AGGREGATOR', 'PREPROCESSOR', 'RIGHT_PAREN'].includes(before.kind);
      }
      depth--;
    }
  }
  return false;
}

/** Whether a keyword at `i` stands where an operand starts, so Prometheus reads it as a name. */
function isName(sig: readonly Token[], i: number): boolean {
  const t = sig[i];
  return t !== undefined && METRIC_NAME_WORDS.has(t.text.toLowerCase()) && startsOperand(sig[i - 1]);
}

function isKeyword(t: Token | undefined, words: ReadonlySet<string>): boolean {
  return t !== undefined && (t.kind === 'KEYWORD' || t.kind === 'OPERATOR') && words.has(t.text.toLowerCase());
}

const OFFSET = new Set(['offset']);
const AGGREGATION_MODIFIERS = new Set(['by', 'without']);
const AT = new Set(['@']);

/**
 * The innermost unfinished construct Prometheus' grammar has an error rule for, derived
 * from the tokens before the offending one.
 */
function context(sig: readonly Token[], idx: number): string {
  let brace = false;
  let bracket = false;
  let colon = false;
  let grouping = false;
  let depth = 0;
  // Open aggregations: the paren depth they started at, and whether their body is open.
  const aggregations: { depth: number; body: boolean }[] = [];
  for (let i = 0; i < idx; i++) {
    const t = sig[i]!;
    const top = aggregations[aggregations.length - 1];
    switch (t.kind) {
      case 'LEFT_BRACE':
        brace = true;
        break;
      case 'RIGHT_BRACE':
        brace = false;
        break;
      case 'LEFT_BRACKET':
        [bracket, colon] = [true, false];
        break;
      case 'RIGHT_BRACKET':
        bracket = false;
        break;
      case 'COLON':
        colon = true;
        break;
      case 'AGGREGATOR': {
        // Followed by anything but "(" or by/without, Prometheus reads it as a metric name.
        const next = sig[i + 1];
        if (next?.kind === 'LEFT_PAREN' || isKeyword(next, AGGREGATION_MODIFIERS)) aggregations.push({ depth, body: false });
        break;
      }
      case 'LEFT_PAREN':
        if (!grouping && isKeyword(sig[i - 1], GROUPING_KEYWORDS) && !isName(sig, i - 1)) grouping = true;
        else if (top && !top.body && top.depth === depth) top.body = true;
        depth++;
        break;
      case 'RIGHT_PAREN':
        depth--;
        if (grouping) grouping = false;
        else if (top?.body && top.depth === depth) aggregations.pop();
        break;
    }
  }
  const prev = sig[idx - 1];
  if (!prev) return '';
  if (brace) return labelMatchingContext(prev);
  if (!grouping && isKeyword(prev, GROUPING_KEYWORDS) && !isName(sig, idx - 1)) return ' in grouping opts, expected "("';
  if (grouping) {
    if (prev.kind === 'LEFT_PAREN' || prev.kind === 'COMMA') return ' in grouping opts, expected label';
    return ' in grouping opts, expected "," or ")"';
  }
  if (bracket) return bracketContext(prev, colon);
  if (unfinishedAfter(sig, idx, OFFSET)) return ' in offset, expected number, duration, step(), or range()';
  if (unfinishedAfter(sig, idx, AT)) return ' in @, expected timestamp';
  if (aggregations.length > 0) return ' in aggregation';
  return '';
}

/** Tokens a duration (after `offset`) or a timestamp (after `@`) may consist of. */
function durationToken(t: Token): boolean {
  switch (t.kind) {
    case 'NUMBER':
    case 'DURATION':
    case 'PREPROCESSOR':
    case 'LEFT_PAREN':
    case 'RIGHT_PAREN':
    case 'COMMA':
      return true;
    case 'OPERATOR':
      return t.text !== '@' && !METRIC_NAME_WORDS.has(t.text.toLowerCase());
    default:
      return false;
  }
}

/** A token after which an operand is still missing. */
function awaitsOperand(t: Token): boolean {
  return t.kind !== 'NUMBER' && t.kind !== 'DURATION' && t.kind !== 'RIGHT_PAREN';
}

/**
 * Whether the offending token interrupts the operand of an `offset`/`@`: everything since
 * the keyword belongs to its duration and it is not complete yet (a parenthesis or a
 * min_of(...) is still open, or the last token awaits an operand).
 */
function unfinishedAfter(sig: readonly Token[], idx: number, words: ReadonlySet<string>): boolean {
  let depth = 0;
  let open = false;
  for (let i = idx - 1; i >= 0; i--) {
    const t = sig[i]!;
    if (isKeyword(t, words)) return !isName(sig, i) && (open || i === idx - 1 || awaitsOperand(sig[idx - 1]!));
    if (!durationToken(t)) return false;
    if (t.kind === 'RIGHT_PAREN') depth++;
    if (t.kind === 'LEFT_PAREN' && --depth < 0) open = true;
  }
  return false;
}

function labelMatchingContext(prev: Token): string {
  if (prev.kind === 'LEFT_BRACE' || prev.kind === 'COMMA') return ' in label matching, expected identifier or "}"';
  if (prev.kind === 'EQL' || (prev.kind === 'OPERATOR' && MATCH_OPS.has(prev.text))) return ' in label matching, expected string';
  if (prev.kind === 'IDENTIFIER') return ' in label matching, expected label matching operator';
  return ' in label matching, expected "," or "}"';
}

function bracketContext(prev: Token, colon: boolean): string {
  const afterOperand = prev.kind === 'NUMBER' || prev.kind === 'DURATION' || prev.kind === 'RIGHT_PAREN';
  if (colon) {
    return afterOperand
      ? ' in subquery selector, expected "]"'
      : ' in subquery selector, expected number, duration, step(), range(), or "]"';
  }
  return afterOperand
    ? ' in subquery or range, expected ":" or "]"'
    : ' in subquery or range selector, expected number, duration, step(), or range()';
}
