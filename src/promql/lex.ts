// A tokenizer that follows Prometheus' PromQL lexer rule for rule. The lezer grammar is
// deliberately lenient (it is built for an editor), so this pass supplies what it
// cannot: Prometheus' lexical errors with their exact wording and position, the token
// kinds its "unexpected ..." messages describe, and the number/duration boundaries.

import { AGGREGATIONS } from './functions.js';
import { formatRuneU as goUnicode, goQuoteTruncated } from '../go/fmt.js';
import { goQuote, goQuoteRune } from '../go/strconv.js';

export type TokenKind =
  | 'EOF'
  | 'COMMENT'
  | 'IDENTIFIER'
  | 'METRIC_IDENTIFIER'
  | 'NUMBER'
  | 'DURATION'
  | 'STRING'
  | 'LEFT_PAREN'
  | 'RIGHT_PAREN'
  | 'LEFT_BRACE'
  | 'RIGHT_BRACE'
  | 'LEFT_BRACKET'
  | 'RIGHT_BRACKET'
  | 'COMMA'
  | 'COLON'
  /** `=`, which Prometheus does not count as an operator. */
  | 'EQL'
  | 'OPERATOR'
  | 'AGGREGATOR'
  | 'KEYWORD'
  /** start, end, step, range, min_of, max_of. */
  | 'PREPROCESSOR';

export interface Token {
  kind: TokenKind;
  text: string;
  from: number;
  to: number;
}

export interface LexError {
  message: string;
  /** Where Prometheus reports it: the start of the token being scanned. */
  at: number;
  /** Where the parser stops reading: before `at` when the error replaced a token just scanned. */
  cut: number;
}

export interface LexResult {
  tokens: Token[];
  error?: LexError;
}

const OPERATOR_WORDS = new Set(['and', 'or', 'unless', 'atan2']);
const AGGREGATOR_WORDS: ReadonlySet<string> = new Set(AGGREGATIONS.keys());
const KEYWORD_WORDS = new Set([
  'offset',
  'smoothed',
  'anchored',
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'fill',
  'fill_left',
  'fill_right',
  'bool',
]);
const PREPROCESSOR_WORDS = new Set(['start', 'end', 'step', 'range', 'max_of', 'min_of']);
const DURATION_KEYWORDS = new Set(['step', 'range', 'max_of', 'min_of']);
const FILL_WORDS = new Set(['fill', 'fill_left', 'fill_right']);

/** Go's eof rune prints as U+FFFD in `%q`. */
const EOF_RUNE = '\ufffd';

function isSpace(ch: string): boolean {
  return ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r';
}

function isDigit(ch: string): boolean {
  return ch >= '0' && ch <= '9';
}

function isAlpha(ch: string): boolean {
  return ch === '_' || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
}

function isAlphaNumeric(ch: string): boolean {
  return isAlpha(ch) || isDigit(ch);
}

function digitVal(ch: string): number {
  if (isDigit(ch)) return ch.charCodeAt(0) - 48;
  if (ch >= 'a' && ch <= 'f') return ch.charCodeAt(0) - 87;
  if (ch >= 'A' && ch <= 'F') return ch.charCodeAt(0) - 55;
  return 16;
}

/** The kind Prometheus' lexer gives a word outside braces and brackets. */
function wordKind(word: string): TokenKind | undefined {
  const w = word.toLowerCase();
  if (w === 'inf' || w === 'nan') return 'NUMBER';
  if (OPERATOR_WORDS.has(w)) return 'OPERATOR';
  if (AGGREGATOR_WORDS.has(w)) return 'AGGREGATOR';
  if (KEYWORD_WORDS.has(w)) return 'KEYWORD';
  if (PREPROCESSOR_WORDS.has(w)) return 'PREPROCESSOR';
  return undefined;
}

interface LexState {
  input: string;
  pos: number;
  start: number;
  /** Width of the last rune read, so `backup` can undo exactly one `next`. */
  width: number;
  tokens: Token[];
  error?: LexError;
  parenDepth: number;
  braceOpen: boolean;
  bracketOpen: boolean;
  gotColon: boolean;
  gotDuration: boolean;
  quote: string;
}

type StateFn = (l: LexState) => StateFn | undefined;

function next(l: LexState): string | undefined {
  if (l.pos >= l.input.length) {
    l.width = 0;
    return undefined;
  }
  const cp = l.input.codePointAt(l.pos) ?? 0;
  const ch = String.fromCodePoint(cp);
  l.width = ch.length;
  l.pos += l.width;
  return ch;
}

function peek(l: LexState): string | undefined {
  const ch = next(l);
  backup(l);
  return ch;
}

function backup(l: LexState): void {
  l.pos -= l.width;
}

function accept(l: LexState, valid: string): boolean {
  const ch = next(l);
  if (ch !== undefined && valid.includes(ch)) return true;
  backup(l);
  return false;
}

function is(l: LexState, valid: string): boolean {
  const ch = peek(l);
  return ch !== undefined && valid.includes(ch);
}

function emit(l: LexState, kind: TokenKind): void {
  l.tokens.push({ kind, text: l.input.slice(l.start, l.pos), from: l.start, to: l.pos });
  l.start = l.pos;
}

function fail(l: LexState, message: string): undefined {
  l.error = { message, at: l.start, cut: l.start };
  return undefined;
}

/** An error detected right after emitting a token: Prometheus' parser never sees that token. */
function failReplacing(l: LexState, message: string): undefined {
  const replaced = l.tokens.pop();
  l.error = { message, at: l.start, cut: replaced?.from ?? l.start };
  return undefined;
}

function skipSpaces(l: LexState): void {
  while (isSpace(peek(l) ?? '')) next(l);
  l.start = l.pos;
}

/** Tokenizes a PromQL expression, stopping at the first lexical error as Prometheus does. */
export function lex(input: string): LexResult {
  const l: LexState = {
    input,
    pos: 0,
    start: 0,
    width: 0,
    tokens: [],
    parenDepth: 0,
    braceOpen: false,
    bracketOpen: false,
    gotColon: false,
    gotDuration: false,
    quote: '',
  };
  let state: StateFn | undefined = lexStatements;
  while (state) state = state(l);
  return l.error ? { tokens: l.tokens, error: l.error } : { tokens: l.tokens };
}

function lexStatements(l: LexState): StateFn | undefined {
  if (l.braceOpen) return lexInsideBraces;
  if (l.input.startsWith('#', l.pos)) return lexLineComment;
  const r = next(l);
  if (r === undefined) {
    if (l.parenDepth !== 0) return fail(l, 'unclosed left parenthesis');
    if (l.bracketOpen) return fail(l, 'unclosed left bracket');
    emit(l, 'EOF');
    return undefined;
  }
  switch (r) {
    case ',':
      emit(l, 'COMMA');
      return lexStatements;
    case '*':
    case '/':
    case '%':
    case '+':
    case '-':
    case '^':
    case '@':
      emit(l, 'OPERATOR');
      return lexStatements;
    case '=': {
      const t = peek(l);
      if (t === '=') {
        next(l);
        emit(l, 'OPERATOR');
      } else if (t === '~') {
        return fail(l, `unexpected character after '=': ${goQuoteRune(t)}`);
      } else {
        emit(l, 'EQL');
      }
      return lexStatements;
    }
    case '!': {
      const t = next(l);
      if (t !== '=') return fail(l, `unexpected character after '!': ${goQuoteRune(t ?? EOF_RUNE)}`);
      emit(l, 'OPERATOR');
      return lexStatements;
    }
    case '<':
    case '>':
      // <= >= and the histogram trim operators </ >/.
      accept(l, '=/');
      emit(l, 'OPERATOR');
      return lexStatements;
    case '"':
    case "'":
      l.quote = r;
      return lexString;
    case '`':
      l.quote = r;
      return lexRawString;
    case '(':
      emit(l, 'LEFT_PAREN');
      l.parenDepth++;
      return lexStatements;
    case ')':
      emit(l, 'RIGHT_PAREN');
      l.parenDepth--;
      if (l.parenDepth < 0) return failReplacing(l, `unexpected right parenthesis ${goQuoteRune(r)}`);
      return lexStatements;
    case '{':
      emit(l, 'LEFT_BRACE');
      l.braceOpen = true;
      return lexInsideBraces;
    case '[':
      if (l.bracketOpen) return fail(l, `unexpected left bracket ${goQuoteRune(r)}`);
      l.gotColon = false;
      emit(l, 'LEFT_BRACKET');
      skipSpaces(l);
      l.bracketOpen = true;
      return lexDurationExpr;
    case ']':
      if (!l.bracketOpen) return fail(l, `unexpected right bracket ${goQuoteRune(r)}`);
      emit(l, 'RIGHT_BRACKET');
      l.bracketOpen = false;
      return lexStatements;
  }
  if (isSpace(r)) {
    skipSpaces(l);
    return lexStatements;
  }
  if (isDigit(r) || (r === '.' && isDigit(peek(l) ?? ''))) {
    backup(l);
    return lexNumberOrDuration;
  }
  if (isAlpha(r) || r === ':') {
    if (!l.bracketOpen) {
      backup(l);
      return lexKeywordOrIdentifier;
    }
    // Inside brackets after a number: only the subquery colon or a duration keyword fits.
    if (r === ':') {
      if (l.gotColon) return fail(l, `unexpected colon ${goQuoteRune(r)}`);
      emit(l, 'COLON');
      l.gotColon = true;
      return lexStatements;
    }
    if (isDurationKeywordStart(r) && scanDurationKeyword(l)) return lexStatements;
    return fail(l, `unexpected character: ${goQuoteRune(r)}, expected ${goQuoteRune(':')}`);
  }
  return fail(l, `unexpected character: ${goQuoteRune(r)}`);
}

function lexInsideBraces(l: LexState): StateFn | undefined {
  if (l.input.startsWith('#', l.pos)) return lexLineComment;
  const r = next(l);
  if (r === undefined) return fail(l, 'unexpected end of input inside braces');
  if (isSpace(r)) {
    skipSpaces(l);
    return lexInsideBraces;
  }
  if (isAlpha(r)) {
    while (isAlphaNumeric(peek(l) ?? '')) next(l);
    emit(l, 'IDENTIFIER');
    return lexStatements;
  }
  switch (r) {
    case ',':
      emit(l, 'COMMA');
      return lexInsideBraces;
    case '"':
    case "'":
      l.quote = r;
      return lexString;
    case '`':
      l.quote = r;
      return lexRawString;
    case '=':
      if (!accept(l, '~')) {
        emit(l, 'EQL');
        return lexInsideBraces;
      }
      emit(l, 'OPERATOR');
      return lexInsideBraces;
    case '!': {
      const t = next(l);
      if (t !== '~' && t !== '=') {
        return fail(l, `unexpected character after '!' inside braces: ${goQuoteRune(t ?? EOF_RUNE)}`);
      }
      emit(l, 'OPERATOR');
      return lexInsideBraces;
    }
    case '{':
      return fail(l, `unexpected left brace ${goQuoteRune(r)}`);
    case '}':
      emit(l, 'RIGHT_BRACE');
      l.braceOpen = false;
      return lexStatements;
  }
  return fail(l, `unexpected character inside braces: ${goQuoteRune(r)}`);
}

function lexLineComment(l: LexState): StateFn | undefined {
  l.pos += 1;
  for (let r = next(l); r !== undefined && r !== '\n' && r !== '\r'; r = next(l)) {
    // Consume the rest of the line.
  }
  backup(l);
  emit(l, 'COMMENT');
  return lexStatements;
}

function lexDurationExpr(l: LexState): StateFn | undefined {
  const r = next(l);
  if (r === undefined) return fail(l, 'unexpected end of input in duration expression');
  switch (r) {
    case ']':
      emit(l, 'RIGHT_BRACKET');
      l.bracketOpen = false;
      l.gotColon = false;
      return lexStatements;
    case ':':
      emit(l, 'COLON');
      if (!l.gotDuration) return failReplacing(l, 'unexpected colon before duration in duration expression');
      if (l.gotColon) return failReplacing(l, 'unexpected repeated colon in duration expression');
      l.gotColon = true;
      return lexDurationExpr;
    case '(':
      emit(l, 'LEFT_PAREN');
      l.parenDepth++;
      return lexDurationExpr;
    case ')':
      emit(l, 'RIGHT_PAREN');
      l.parenDepth--;
      if (l.parenDepth < 0) return failReplacing(l, `unexpected right parenthesis ${goQuoteRune(r)}`);
      return lexDurationExpr;
    case '+':
    case '-':
    case '*':
    case '/':
    case '%':
    case '^':
      emit(l, 'OPERATOR');
      return lexDurationExpr;
    case ',':
      emit(l, 'COMMA');
      return lexDurationExpr;
  }
  if (isSpace(r)) {
    skipSpaces(l);
    return lexDurationExpr;
  }
  if (isDurationKeywordStart(r)) {
    if (scanDurationKeyword(l)) return lexDurationExpr;
    return fail(l, `unexpected character in duration expression: ${goQuoteRune(r)}`);
  }
  if (isDigit(r) || (r === '.' && isDigit(peek(l) ?? ''))) {
    backup(l);
    l.gotDuration = true;
    return lexNumberOrDuration;
  }
  return fail(l, `unexpected character in duration expression: ${goQuoteRune(r)}`);
}

function isDurationKeywordStart(r: string): boolean {
  const c = r.toLowerCase();
  return c === 's' || c === 'r' || c === 'm';
}

function scanDurationKeyword(l: LexState): boolean {
  while (isAlpha(peek(l) ?? '')) next(l);
  if (!DURATION_KEYWORDS.has(l.input.slice(l.start, l.pos).toLowerCase())) return false;
  emit(l, 'PREPROCESSOR');
  return true;
}

function lexKeywordOrIdentifier(l: LexState): StateFn | undefined {
  for (let r = peek(l); r !== undefined && (isAlphaNumeric(r) || r === ':'); r = peek(l)) next(l);
  const word = l.input.slice(l.start, l.pos);
  const kind = wordKind(word);
  // fill/fill_left/fill_right are keywords only right before "(", so they stay usable as names.
  if (kind === 'KEYWORD' && FILL_WORDS.has(word.toLowerCase()) && !followedByLeftParen(l)) {
    emit(l, 'IDENTIFIER');
  } else if (kind) {
    emit(l, kind);
  } else {
    emit(l, word.includes(':') ? 'METRIC_IDENTIFIER' : 'IDENTIFIER');
  }
  return lexStatements;
}

function followedByLeftParen(l: LexState): boolean {
  let i = l.pos;
  while (i < l.input.length && isSpace(l.input[i] ?? '')) i++;
  return l.input[i] === '(';
}

function lexNumberOrDuration(l: LexState): StateFn | undefined {
  if (scanNumber(l)) {
    emit(l, 'NUMBER');
    return lexStatements;
  }
  if (acceptRemainingDuration(l)) {
    backup(l);
    emit(l, 'DURATION');
    return lexStatements;
  }
  return fail(l, `bad number or duration syntax: ${goQuote(l.input.slice(l.start, l.pos))}`);
}

/** Continues after the digits scanNumber consumed: unit, then more digit+unit pairs. */
function acceptRemainingDuration(l: LexState): boolean {
  if (!accept(l, 'smhdwy')) return false;
  accept(l, 's');
  while (accept(l, '0123456789')) {
    while (accept(l, '0123456789')) {
      // More digits.
    }
    if (!accept(l, 'smhdw')) return false;
    accept(l, 's');
  }
  return !isAlphaNumeric(next(l) ?? '');
}

/** Prometheus' number scanner, quirks included (it decides what is a lexical error). */
function scanNumber(l: LexState): boolean {
  const initial = l.pos;
  let digits = '0123456789';
  if (accept(l, '0') && accept(l, 'xX')) {
    accept(l, '_');
    digits = '0123456789abcdefABCDEF';
  }
  accept(l, '.');
  accept(l, digits);
  let dotConsumed = false;
  let exponentConsumed = false;
  while (is(l, `${digits}._eE`)) {
    if (is(l, '.') && dotConsumed) {
      accept(l, '.');
      return false;
    }
    if (is(l, 'eE') && exponentConsumed) {
      accept(l, 'eE');
      return false;
    }
    if (accept(l, '.')) {
      dotConsumed = true;
      if (accept(l, '_.')) return false;
      if (digits.length > 10) return false;
      continue;
    }
    if (accept(l, 'eE')) {
      exponentConsumed = true;
      accept(l, '+-');
      if (accept(l, '._eE') || peek(l) === undefined) return false;
      continue;
    }
    if (accept(l, '_')) {
      if (accept(l, '._eE') || peek(l) === undefined) return false;
      continue;
    }
    while (is(l, digits)) next(l);
  }
  if (l.pos === initial) return false;
  return !isAlphaNumeric(peek(l) ?? '');
}

function lexString(l: LexState): StateFn | undefined {
  for (;;) {
    const r = next(l);
    if (r === '\\') {
      const err = scanEscape(l);
      if (err) return fail(l, err);
      continue;
    }
    // Prometheus cannot tell U+FFFD from a decoding failure and rejects both.
    if (r === '\ufffd') return fail(l, 'invalid UTF-8 rune');
    if (r === undefined || r === '\n') return fail(l, 'unterminated quoted string');
    if (r === l.quote) break;
  }
  emit(l, 'STRING');
  return lexStatements;
}

/** Validates one escape sequence after the backslash; returns Prometheus' error text. */
function scanEscape(l: LexState): string | undefined {
  let ch = next(l);
  let n: number;
  let base: number;
  let max: number;
  switch (ch) {
    case 'a':
    case 'b':
    case 'f':
    case 'n':
    case 'r':
    case 't':
    case 'v':
    case '\\':
    case l.quote:
      return undefined;
    case '0':
    case '1':
    case '2':
    case '3':
    case '4':
    case '5':
    case '6':
    case '7':
      [n, base, max] = [3, 8, 255];
      break;
    case 'x':
      ch = next(l);
      [n, base, max] = [2, 16, 255];
      break;
    case 'u':
      ch = next(l);
      [n, base, max] = [4, 16, 0x10ffff];
      break;
    case 'U':
      ch = next(l);
      [n, base, max] = [8, 16, 0x10ffff];
      break;
    case undefined:
      return 'escape sequence not terminated';
    default:
      return `unknown escape sequence ${goUnicode(ch)}`;
  }
  let x = 0;
  for (; n > 0; n--) {
    if (ch === undefined) return 'escape sequence not terminated';
    const d = digitVal(ch);
    if (d >= base) return `illegal character ${goUnicode(ch)} in escape sequence`;
    x = x * base + d;
    if (n > 1) ch = next(l);
  }
  if (x > max || (x >= 0xd800 && x < 0xe000)) return 'escape sequence is an invalid Unicode code point';
  return undefined;
}

function lexRawString(l: LexState): StateFn | undefined {
  for (;;) {
    const r = next(l);
    if (r === '\ufffd') return fail(l, 'invalid UTF-8 rune');
    if (r === undefined) return fail(l, 'unterminated raw string');
    if (r === l.quote) break;
  }
  emit(l, 'STRING');
  return lexStatements;
}

/**
 * How Prometheus names a token in "unexpected ..." messages: `end of input`,
 * `identifier "foo"`, `<op:+>`, `<aggr:sum>`, `<by>`, `"("`, `number "1"`.
 */
export function describeToken(t: Token): string {
  switch (t.kind) {
    case 'EOF':
      return 'end of input';
    case 'IDENTIFIER':
      return `identifier ${goQuote(t.text)}`;
    case 'METRIC_IDENTIFIER':
      return `metric identifier ${goQuote(t.text)}`;
    case 'KEYWORD':
      return `<${t.text}>`;
    case 'OPERATOR':
      return `<op:${t.text}>`;
    case 'AGGREGATOR':
      return `<aggr:${t.text}>`;
    case 'NUMBER':
      return `number ${shortQuote(t.text)}`;
    case 'DURATION':
      return `duration ${shortQuote(t.text)}`;
    case 'STRING':
      return `string ${shortQuote(t.text)}`;
    case 'COMMENT':
      return `comment ${shortQuote(t.text)}`;
    default:
      return shortQuote(t.text);
  }
}

function shortQuote(s: string): string {
  return new TextEncoder().encode(s).length > 10 ? `${goQuoteTruncated(s, 10)}...` : goQuote(s);
}
