// Lexer for Go text/template syntax. It reproduces the token stream of Go's
// text/template/parse lexer (token kinds, positions, trim-marker handling and
// error texts) because parser error positions and messages depend on it.

import { formatRuneU } from '../go/fmt.js';
import { goQuote } from '../go/strconv.js';
import { utf8Length } from './strconv.js';

export type KeywordKind =
  | 'block'
  | 'break'
  | 'continue'
  | 'define'
  | 'dot'
  | 'else'
  | 'end'
  | 'if'
  | 'nil'
  | 'range'
  | 'template'
  | 'with';

export type TokenKind =
  | 'error' // value is the error message
  | 'bool'
  | 'char' // any other printable ASCII character inside an action, e.g. ","
  | 'charConstant'
  | 'comment'
  | 'complex'
  | 'assign' // =
  | 'declare' // :=
  | 'eof'
  | 'field' // .Name
  | 'identifier'
  | 'leftDelim'
  | 'leftParen'
  | 'number'
  | 'pipe'
  | 'rawString'
  | 'rightDelim'
  | 'rightParen'
  | 'space'
  | 'string'
  | 'text'
  | 'variable' // $ or $name
  | KeywordKind;

export interface Token {
  readonly kind: TokenKind;
  /** Offset (UTF-16 code units) of the token's first character in the input. */
  readonly pos: number;
  readonly value: string;
}

export interface LexOptions {
  readonly leftDelim?: string;
  readonly rightDelim?: string;
  /** Emit comment tokens (Go's ParseComments mode); otherwise comments vanish. */
  readonly emitComments?: boolean;
  /** False when a function named "break" exists, making it an identifier. */
  readonly breakOK?: boolean;
  readonly continueOK?: boolean;
}

export const DEFAULT_LEFT_DELIM = '{{';
export const DEFAULT_RIGHT_DELIM = '}}';
const LEFT_COMMENT = '/*';
const RIGHT_COMMENT = '*/';
const TRIM_MARKER_LEN = 2; // "-" plus the space that must accompany it
const EOF = -1;

const KEYWORDS: ReadonlyMap<string, KeywordKind> = new Map([
  ['block', 'block'],
  ['break', 'break'],
  ['continue', 'continue'],
  ['define', 'define'],
  ['else', 'else'],
  ['end', 'end'],
  ['if', 'if'],
  ['nil', 'nil'],
  ['range', 'range'],
  ['template', 'template'],
  ['with', 'with'],
]);

const KEYWORD_KINDS: ReadonlySet<TokenKind> = new Set<TokenKind>([...KEYWORDS.values(), 'dot']);

export function isKeywordKind(kind: TokenKind): kind is KeywordKind {
  return KEYWORD_KINDS.has(kind);
}

interface LexState {
  readonly input: string;
  readonly left: string;
  readonly right: string;
  readonly emitComments: boolean;
  readonly breakOK: boolean;
  readonly continueOK: boolean;
  pos: number;
  start: number;
  // Sticky like Go's: once EOF was read, backup() no longer moves.
  atEOF: boolean;
  parenDepth: number;
  insideAction: boolean;
}

type StateFn = (s: LexState) => Step;
type Step = Token | StateFn;

/** Go's lexer treats only these four as spaces, both in actions and for trimming. */
export function isTemplateSpace(cp: number): boolean {
  return cp === 0x20 || cp === 0x09 || cp === 0x0d || cp === 0x0a;
}

const ALPHANUMERIC = /^[\p{L}\p{Nd}_]$/u;

function isAlphaNumeric(cp: number): boolean {
  return cp !== EOF && ALPHANUMERIC.test(String.fromCodePoint(cp));
}

function next(s: LexState): number {
  if (s.pos >= s.input.length) {
    s.atEOF = true;
    return EOF;
  }
  const cp = s.input.codePointAt(s.pos) ?? EOF;
  s.pos += cp > 0xffff ? 2 : 1;
  return cp;
}

function backup(s: LexState): void {
  if (s.atEOF || s.pos === 0) return;
  const low = s.input.charCodeAt(s.pos - 1);
  const high = s.pos >= 2 ? s.input.charCodeAt(s.pos - 2) : 0;
  const pair = low >= 0xdc00 && low <= 0xdfff && high >= 0xd800 && high <= 0xdbff;
  s.pos -= pair ? 2 : 1;
}

function peek(s: LexState): number {
  const r = next(s);
  backup(s);
  return r;
}

function accept(s: LexState, valid: string): boolean {
  const r = next(s);
  if (r !== EOF && valid.includes(String.fromCodePoint(r))) return true;
  backup(s);
  return false;
}

function acceptRun(s: LexState, valid: string): void {
  while (accept(s, valid));
}

function emit(s: LexState, kind: TokenKind): Token {
  const token = { kind, pos: s.start, value: s.input.slice(s.start, s.pos) };
  s.start = s.pos;
  return token;
}

function ignore(s: LexState): void {
  s.start = s.pos;
}

function errorf(s: LexState, message: string): Token {
  return { kind: 'error', pos: s.start, value: message };
}

function spaceAt(input: string, i: number): boolean {
  return i < input.length && isTemplateSpace(input.charCodeAt(i));
}

function hasLeftTrimMarker(input: string, i: number): boolean {
  return input[i] === '-' && spaceAt(input, i + 1);
}

function hasRightTrimMarker(input: string, i: number): boolean {
  return spaceAt(input, i) && input[i + 1] === '-';
}

function trailingSpaceLength(text: string): number {
  let n = 0;
  while (n < text.length && isTemplateSpace(text.charCodeAt(text.length - 1 - n))) n++;
  return n;
}

function leadingSpaceLength(input: string, from: number): number {
  let i = from;
  while (spaceAt(input, i)) i++;
  return i - from;
}

function atRightDelim(s: LexState): { delim: boolean; trim: boolean } {
  if (hasRightTrimMarker(s.input, s.pos) && s.input.startsWith(s.right, s.pos + TRIM_MARKER_LEN)) {
    return { delim: true, trim: true };
  }
  return { delim: s.input.startsWith(s.right, s.pos), trim: false };
}

// An identifier must be followed by one of these so that ".X.Y" splits into
// two fields and "$x+2" is rejected instead of silently misread.
function atTerminator(s: LexState): boolean {
  const r = peek(s);
  if (r === EOF || isTemplateSpace(r)) return true;
  if ('.,|:)('.includes(String.fromCodePoint(r))) return true;
  return s.input.startsWith(s.right, s.pos);
}

function lexText(s: LexState): Step {
  const x = s.input.indexOf(s.left, s.pos);
  if (x >= 0) {
    if (x > s.pos) {
      s.pos = x;
      const trim = hasLeftTrimMarker(s.input, x + s.left.length)
        ? trailingSpaceLength(s.input.slice(s.start, s.pos))
        : 0;
      s.pos -= trim;
      const text = emit(s, 'text');
      s.pos += trim;
      ignore(s);
      if (text.value.length > 0) return text;
    }
    return lexLeftDelim;
  }
  s.pos = s.input.length;
  if (s.pos > s.start) return emit(s, 'text');
  return emit(s, 'eof');
}

function lexLeftDelim(s: LexState): Step {
  s.pos += s.left.length;
  const afterMarker = hasLeftTrimMarker(s.input, s.pos) ? TRIM_MARKER_LEN : 0;
  if (s.input.startsWith(LEFT_COMMENT, s.pos + afterMarker)) {
    s.pos += afterMarker;
    ignore(s);
    return lexComment;
  }
  const delim = emit(s, 'leftDelim');
  s.insideAction = true;
  s.pos += afterMarker;
  ignore(s);
  s.parenDepth = 0;
  return delim;
}

function lexComment(s: LexState): Step {
  s.pos += LEFT_COMMENT.length;
  const x = s.input.indexOf(RIGHT_COMMENT, s.pos);
  if (x < 0) return errorf(s, 'unclosed comment');
  s.pos = x + RIGHT_COMMENT.length;
  const { delim, trim } = atRightDelim(s);
  if (!delim) return errorf(s, 'comment ends before closing delimiter');
  const comment = emit(s, 'comment');
  if (trim) s.pos += TRIM_MARKER_LEN;
  s.pos += s.right.length;
  if (trim) s.pos += leadingSpaceLength(s.input, s.pos);
  ignore(s);
  return s.emitComments ? comment : lexText;
}

function lexRightDelim(s: LexState): Step {
  const { trim } = atRightDelim(s);
  if (trim) {
    s.pos += TRIM_MARKER_LEN;
    ignore(s);
  }
  s.pos += s.right.length;
  const delim = emit(s, 'rightDelim');
  if (trim) {
    s.pos += leadingSpaceLength(s.input, s.pos);
    ignore(s);
  }
  s.insideAction = false;
  return delim;
}

function isDigit(cp: number): boolean {
  return cp >= 0x30 && cp <= 0x39;
}

function lexInsideAction(s: LexState): Step {
  if (atRightDelim(s).delim) {
    return s.parenDepth === 0 ? lexRightDelim : errorf(s, 'unclosed left paren');
  }
  const r = next(s);
  if (r === EOF) return errorf(s, 'unclosed action');
  if (isTemplateSpace(r)) {
    // Put the space back: it may be the start of a " -}}" trim marker.
    backup(s);
    return lexSpace;
  }
  switch (String.fromCodePoint(r)) {
    case '=':
      return emit(s, 'assign');
    case ':':
      return next(s) === 0x3d ? emit(s, 'declare') : errorf(s, 'expected :=');
    case '|':
      return emit(s, 'pipe');
    case '"':
      return lexQuote;
    case '`':
      return lexRawQuote;
    case '$':
      return lexVariable;
    case "'":
      return lexChar;
    case '.':
      // ".5" is a number, anything else after the dot is a field (or dot).
      if (s.pos < s.input.length && !isDigit(s.input.charCodeAt(s.pos))) return lexField;
      backup(s);
      return lexNumber;
    case '(':
      s.parenDepth++;
      return emit(s, 'leftParen');
    case ')':
      s.parenDepth--;
      return s.parenDepth < 0 ? errorf(s, 'unexpected right paren') : emit(s, 'rightParen');
  }
  if (r === 0x2b || r === 0x2d || isDigit(r)) {
    backup(s);
    return lexNumber;
  }
  if (isAlphaNumeric(r)) {
    backup(s);
    return lexIdentifier;
  }
  if (r > 0x20 && r < 0x7f) return emit(s, 'char');
  return errorf(s, `unrecognized character in action: ${formatRuneU(r)}`);
}

function lexSpace(s: LexState): Step {
  let spaces = 0;
  while (isTemplateSpace(peek(s))) {
    next(s);
    spaces++;
  }
  // The last space may belong to a " -}}" marker rather than to this run.
  if (hasRightTrimMarker(s.input, s.pos - 1) && s.input.startsWith(s.right, s.pos - 1 + TRIM_MARKER_LEN)) {
    backup(s);
    if (spaces === 1) return lexRightDelim;
  }
  return emit(s, 'space');
}

function lexIdentifier(s: LexState): Step {
  let r = next(s);
  while (isAlphaNumeric(r)) r = next(s);
  backup(s);
  const word = s.input.slice(s.start, s.pos);
  if (!atTerminator(s)) return errorf(s, `bad character ${formatRuneU(r)}`);
  const keyword = KEYWORDS.get(word);
  if (keyword !== undefined) {
    // A user function named break/continue shadows the keyword.
    if ((keyword === 'break' && !s.breakOK) || (keyword === 'continue' && !s.continueOK)) {
      return emit(s, 'identifier');
    }
    return emit(s, keyword);
  }
  if (word === 'true' || word === 'false') return emit(s, 'bool');
  return emit(s, 'identifier');
}

function lexField(s: LexState): Step {
  return lexFieldOrVariable(s, 'field');
}

function lexVariable(s: LexState): Step {
  if (atTerminator(s)) return emit(s, 'variable');
  return lexFieldOrVariable(s, 'variable');
}

function lexFieldOrVariable(s: LexState, kind: 'field' | 'variable'): Step {
  if (atTerminator(s)) return emit(s, kind === 'variable' ? 'variable' : 'dot');
  let r = next(s);
  while (isAlphaNumeric(r)) r = next(s);
  backup(s);
  if (!atTerminator(s)) return errorf(s, `bad character ${formatRuneU(r)}`);
  return emit(s, kind);
}

function lexQuoted(s: LexState, quote: number, kind: TokenKind, message: string): Step {
  for (;;) {
    let r = next(s);
    if (r === 0x5c) {
      r = next(s);
      if (r !== EOF && r !== 0x0a) continue;
      return errorf(s, message);
    }
    if (r === EOF || r === 0x0a) return errorf(s, message);
    if (r === quote) return emit(s, kind);
  }
}

function lexChar(s: LexState): Step {
  return lexQuoted(s, 0x27, 'charConstant', 'unterminated character constant');
}

function lexQuote(s: LexState): Step {
  return lexQuoted(s, 0x22, 'string', 'unterminated quoted string');
}

function lexRawQuote(s: LexState): Step {
  for (;;) {
    const r = next(s);
    if (r === EOF) return errorf(s, 'unterminated raw quoted string');
    if (r === 0x60) return emit(s, 'rawString');
  }
}

const DECIMAL_DIGITS = '0123456789_';
const HEX_DIGITS = '0123456789abcdefABCDEF_';

// Deliberately permissive (accepts "089", "0x0.2", "."): the parser's numeric
// conversion rejects what is wrong, with Go's messages.
function scanNumber(s: LexState): boolean {
  accept(s, '+-');
  let digits = DECIMAL_DIGITS;
  if (accept(s, '0')) {
    if (accept(s, 'xX')) digits = HEX_DIGITS;
    else if (accept(s, 'oO')) digits = '01234567_';
    else if (accept(s, 'bB')) digits = '01_';
  }
  acceptRun(s, digits);
  if (accept(s, '.')) acceptRun(s, digits);
  if (digits === DECIMAL_DIGITS && accept(s, 'eE')) {
    accept(s, '+-');
    acceptRun(s, DECIMAL_DIGITS);
  }
  if (digits === HEX_DIGITS && accept(s, 'pP')) {
    accept(s, '+-');
    acceptRun(s, DECIMAL_DIGITS);
  }
  accept(s, 'i');
  if (isAlphaNumeric(peek(s))) {
    next(s);
    return false;
  }
  return true;
}

function lexNumber(s: LexState): Step {
  const bad = (): Token => errorf(s, `bad number syntax: ${goQuote(s.input.slice(s.start, s.pos))}`);
  if (!scanNumber(s)) return bad();
  const sign = peek(s);
  if (sign === 0x2b || sign === 0x2d) {
    // Complex constant such as 1+2i: no spaces, must end in 'i'.
    if (!scanNumber(s) || s.input[s.pos - 1] !== 'i') return bad();
    return emit(s, 'complex');
  }
  return emit(s, 'number');
}

function nextToken(s: LexState): Token {
  let step: Step = s.insideAction ? lexInsideAction : lexText;
  while (typeof step === 'function') step = step(s);
  return step;
}

/**
 * Splits a template into tokens. The result always ends with an 'eof' or an
 * 'error' token; like Go's lexer, scanning stops at the first error.
 */
export function lexTemplate(input: string, options: LexOptions = {}): Token[] {
  const s: LexState = {
    input,
    left: options.leftDelim || DEFAULT_LEFT_DELIM,
    right: options.rightDelim || DEFAULT_RIGHT_DELIM,
    emitComments: options.emitComments ?? false,
    breakOK: options.breakOK ?? true,
    continueOK: options.continueOK ?? true,
    pos: 0,
    start: 0,
    atEOF: false,
    parenDepth: 0,
    insideAction: false,
  };
  const tokens: Token[] = [];
  for (;;) {
    const token = nextToken(s);
    tokens.push(token);
    if (token.kind === 'eof' || token.kind === 'error') return tokens;
  }
}

/** Go's item.String(), used in "unexpected X in Y" messages. */
export function describeToken(token: Token): string {
  if (token.kind === 'eof') return 'EOF';
  if (token.kind === 'error') return token.value;
  if (isKeywordKind(token.kind)) return `<${token.value}>`;
  if (utf8Length(token.value) > 10) return `${goQuote(Array.from(token.value).slice(0, 10).join(''))}...`;
  return goQuote(token.value);
}
