/**
 * Alertmanager's label matchers: the two parsers Alertmanager has, how it chooses between them, matching, and
 * printing, following prometheus/alertmanager pkg/labels (parse.go, matcher.go), matcher/parse (the UTF-8
 * parser) and matcher/compat.
 *
 * - The classic parser (every release; the only one before 0.27): `name op value`, the name in the classic
 *   charset, the value optionally double-quoted, `\n`, `\"` and `\\` escapes, a list split on commas outside
 *   quotes, with optional braces.
 * - The UTF-8 parser (0.27+): tokens, names and values quoted or unquoted, Go string escapes in quotes, stricter
 *   about braces, commas and stray characters.
 * - From 0.27 Alertmanager runs both ("fallback" mode, the default): the classic reading wins when it parses
 *   (it also wins when the two disagree), the UTF-8 reading is used when only it parses, and the classic error is
 *   reported when neither does.
 *
 * `matchers: ['severity="critical"']` with double-quoted values reads the same in both, which is what the
 * emitter writes and what declarations are checked for.
 */
import { atLeast, type Version } from '../config/version.js';
import { goQuote, goUnquote } from '../go/strconv.js';
import { translateRe2 } from '../promql/regex.js';

export type MatchType = '=' | '!=' | '=~' | '!~';

const TYPE_ORDER: Readonly<Record<MatchType, number>> = { '=': 0, '!=': 1, '=~': 2, '!~': 3 };

export interface Matcher {
  readonly type: MatchType;
  readonly name: string;
  readonly value: string;
  /** Regex matchers: the value compiled as Alertmanager does, `^(?:value)$`. */
  readonly regex?: RegExp;
}

export type MatcherResult = { ok: true; matcher: Matcher } | { ok: false; error: string };
export type MatchersResult = { ok: true; matchers: Matcher[] } | { ok: false; error: string };

/** labels.NewMatcher: regexes are anchored; Go's RE2 syntax, `.` not matching newlines. */
export function newMatcher(type: MatchType, name: string, value: string): MatcherResult {
  if (type === '=~' || type === '!~') {
    // Compiled as Go compiles it, so errors quote the same expression.
    const t = translateRe2(`^(?:${value})$`);
    if (!t.ok) return { ok: false, error: t.error };
    return { ok: true, matcher: { type, name, value, regex: new RegExp(t.source, 'u') } };
  }
  return { ok: true, matcher: { type, name, value } };
}

export function matches(m: Matcher, value: string): boolean {
  switch (m.type) {
    case '=':
      return value === m.value;
    case '!=':
      return value !== m.value;
    case '=~':
      return m.regex!.test(value);
    case '!~':
      return !m.regex!.test(value);
  }
}

export type LabelSet = Readonly<Record<string, string>>;

/** All matchers hold for the label set; a missing label is the empty string. */
export const matchesAll = (ms: readonly Matcher[], labels: LabelSet): boolean => ms.every((m) => matches(m, labels[m.name] ?? ''));

// ---- classic parser (pkg/labels/parse.go) ----

/** Go's `\s` is ASCII whitespace only. */
const CLASSIC_MATCHER = /^[\t\n\f\r ]*([a-zA-Z_:][a-zA-Z0-9_:]*)[\t\n\f\r ]*(=~|=|!=|!~)[\t\n\f\r ]*([\s\S]*?)[\t\n\f\r ]*$/;

export function parseClassicMatcher(s: string): MatcherResult {
  const m = CLASSIC_MATCHER.exec(s);
  if (!m) return { ok: false, error: `bad matcher format: ${s}` };
  const raw = m[3] ?? '';
  let rawValue = raw;
  let expectTrailingQuote = false;
  if (rawValue.startsWith('"')) {
    rawValue = rawValue.slice(1);
    expectTrailingQuote = true;
  }
  let value = '';
  let escaped = false;
  const chars = [...rawValue];
  for (let i = 0; i < chars.length; i++) {
    const r = chars[i]!;
    const last = i === chars.length - 1;
    if (escaped) {
      escaped = false;
      if (r === 'n') value += '\n';
      else if (r === '"' || r === '\\') value += r;
      else value += `\\${r}`;
      continue;
    }
    if (r === '\\') {
      if (!last) {
        escaped = true;
        continue;
      }
      value += '\\';
    } else if (r === '"') {
      if (!expectTrailingQuote || !last) return { ok: false, error: `matcher value contains unescaped double quote: ${raw}` };
      expectTrailingQuote = false;
    } else {
      value += r;
    }
  }
  if (expectTrailingQuote) return { ok: false, error: `matcher value contains unescaped double quote: ${raw}` };
  return newMatcher(m[2] as MatchType, m[1]!, value);
}

export function parseClassicMatchers(input: string): MatchersResult {
  let s = input.startsWith('{') ? input.slice(1) : input;
  s = s.endsWith('}') ? s.slice(0, -1) : s;
  const tokens: string[] = [];
  let insideQuotes = false;
  let escaped = false;
  let token = '';
  for (const r of s) {
    if (r === ',' && !insideQuotes) {
      tokens.push(token);
      token = '';
      continue;
    }
    if (r === '"') {
      if (!escaped) insideQuotes = !insideQuotes;
      else escaped = false;
    } else if (r === '\\') {
      escaped = !escaped;
    } else {
      escaped = false;
    }
    token += r;
  }
  const lastToken = token.replace(/^[\t\n\v\f\r \u0085\u00a0]+|[\t\n\v\f\r \u0085\u00a0]+$/g, '');
  if (lastToken !== '') tokens.push(lastToken);
  const out: Matcher[] = [];
  for (const t of tokens) {
    const m = parseClassicMatcher(t);
    if (!m.ok) return m;
    out.push(m.matcher);
  }
  return { ok: true, matchers: out };
}

// ---- UTF-8 parser (matcher/parse) ----

type TokenKind = 'EOF' | 'OpenBrace' | 'CloseBrace' | 'Comma' | 'Equals' | 'NotEquals' | 'Matches' | 'NotMatches' | 'Quoted' | 'Unquoted';

interface Token {
  readonly kind: TokenKind;
  readonly value: string;
  readonly columnStart: number;
  readonly columnEnd: number;
  readonly offsetEnd: number;
}

const isReserved = (r: string): boolean => /^\s$/u.test(r) || '{}!=~,\\"\'`'.includes(r);
const isSpace = (r: string): boolean => /^\s$/u.test(r);

class ParseError extends Error {}

class Lexer {
  private start = 0;
  private pos = 0;
  private width = 0;
  private column = 0;
  private cols = 0;
  private err: ParseError | undefined;

  constructor(private readonly input: string) {}

  private next(): string | undefined {
    if (this.pos >= this.input.length) {
      this.width = 0;
      return undefined;
    }
    const cp = this.input.codePointAt(this.pos)!;
    const r = String.fromCodePoint(cp);
    this.width = r.length;
    this.pos += r.length;
    this.cols++;
    return r;
  }

  private rewind(): void {
    this.pos -= this.width;
    if (this.width > 0) this.cols--;
  }

  private emit(kind: TokenKind): Token {
    const t: Token = { kind, value: this.input.slice(this.start, this.pos), columnStart: this.column, columnEnd: this.cols, offsetEnd: this.pos };
    this.start = this.pos;
    this.column = this.cols;
    return t;
  }

  private expectedError(expected: string): ParseError {
    if (this.pos >= this.input.length) {
      return new ParseError(`${this.column}:${this.cols}: unexpected end of input, expected one of '${expected}'`);
    }
    return new ParseError(`${this.column}:${this.cols}: ${this.input.slice(this.start, this.pos)}: expected one of '${expected}'`);
  }

  private accept(valid: string): boolean {
    const r = this.next();
    if (r !== undefined && valid.includes(r)) return true;
    this.rewind();
    return false;
  }

  private expect(valid: string): ParseError | undefined {
    const r = this.next();
    if (r !== undefined && valid.includes(r)) return undefined;
    this.rewind();
    return this.expectedError(valid);
  }

  scan(): Token {
    if (this.err) throw this.err;
    for (let r = this.next(); r !== undefined; r = this.next()) {
      if (r === '{') return this.emit('OpenBrace');
      if (r === '}') return this.emit('CloseBrace');
      if (r === ',') return this.emit('Comma');
      if (r === '=' || r === '!') {
        this.rewind();
        return this.guard(() => this.scanOperator());
      }
      if (r === '"') {
        this.rewind();
        return this.guard(() => this.scanQuoted());
      }
      if (!isReserved(r)) {
        this.rewind();
        return this.scanUnquoted();
      }
      if (isSpace(r)) {
        this.start = this.pos;
        this.column = this.cols;
        continue;
      }
      this.err = new ParseError(`${this.column}:${this.cols}: ${this.input.slice(this.start, this.pos)}: invalid input`);
      throw this.err;
    }
    return { kind: 'EOF', value: '', columnStart: this.column, columnEnd: this.cols, offsetEnd: this.pos };
  }

  private guard(f: () => Token): Token {
    try {
      return f();
    } catch (e) {
      if (e instanceof ParseError) this.err = e;
      throw e;
    }
  }

  private scanOperator(): Token {
    if (this.accept('!')) {
      if (this.accept('=')) return this.emit('NotEquals');
      if (this.accept('~')) return this.emit('NotMatches');
      throw this.expectedError('=~');
    }
    if (this.accept('=')) {
      if (this.accept('~')) return this.emit('Matches');
      return this.emit('Equals');
    }
    throw this.expectedError('!=');
  }

  private scanQuoted(): Token {
    const e = this.expect('"');
    if (e) throw e;
    let escaped = false;
    for (let r = this.next(); r !== undefined; r = this.next()) {
      if (escaped) escaped = false;
      else if (r === '\\') escaped = true;
      else if (r === '"') {
        this.rewind();
        break;
      }
    }
    if (this.expect('"')) {
      throw new ParseError(`${this.column}:${this.cols}: ${this.input.slice(this.start, this.pos)}: missing end "`);
    }
    return this.emit('Quoted');
  }

  private scanUnquoted(): Token {
    for (let r = this.next(); r !== undefined; r = this.next()) {
      if (isReserved(r)) {
        this.rewind();
        break;
      }
    }
    return this.emit('Unquoted');
  }

  peek(): Token {
    const saved = [this.start, this.pos, this.width, this.column, this.cols] as const;
    try {
      return this.scan();
    } finally {
      [this.start, this.pos, this.width, this.column, this.cols] = saved;
    }
  }

  columnEnd(): number {
    return this.cols;
  }
}

const EOF_ERROR = 'end of input';

function unquoteToken(t: Token): string | undefined {
  if (t.kind !== 'Quoted') return t.value;
  return goUnquote(t.value);
}

/** matcher/parse.Matchers. */
export function parseUtf8Matchers(input: string): MatchersResult {
  const l = new Lexer(input);
  const out: Matcher[] = [];
  const unexpected = (t: Token): ParseError => new ParseError(`${t.columnStart}:${t.columnEnd}: unexpected ${t.value}`);
  const expectPeek = (...kinds: TokenKind[]): Token => {
    const t = l.peek();
    if (t.kind === 'EOF') throw new ParseError(EOF_ERROR);
    if (!kinds.includes(t.kind)) throw unexpected(t);
    return t;
  };
  const expectTok = (...kinds: TokenKind[]): Token => {
    const t = expectPeek(...kinds);
    l.scan();
    return t;
  };
  const wrap = <T>(f: () => T, suffix: string): T => {
    try {
      return f();
    } catch (e) {
      if (e instanceof ParseError) throw new ParseError(`${e.message}: ${suffix}`);
      throw e;
    }
  };
  try {
    let hasOpenBrace = false;
    const closeBrace = (): void => {
      if (hasOpenBrace) {
        try {
          expectTok('CloseBrace');
        } catch (e) {
          if (e instanceof ParseError) throw new ParseError(`0:${l.columnEnd()}: ${e.message}: expected close brace`);
          throw e;
        }
      } else {
        let found = false;
        try {
          expectTok('CloseBrace');
          found = true;
        } catch (e) {
          if (!(e instanceof ParseError)) throw e;
        }
        if (found) throw new ParseError(`0:${l.columnEnd()}: }: expected opening brace`);
      }
      const t = wrap(() => l.scan(), 'expected end of input');
      if (t.kind !== 'EOF') throw new ParseError(`${t.columnStart}:${t.columnEnd}: ${t.value}: expected end of input`);
    };
    // parseOpenBrace
    const first = l.peek();
    if (first.kind === 'EOF') {
      const t = wrap(() => l.scan(), 'expected end of input');
      if (t.kind !== 'EOF') throw new ParseError(`${t.columnStart}:${t.columnEnd}: ${t.value}: expected end of input`);
      return { ok: true, matchers: out };
    }
    if (first.kind === 'OpenBrace') {
      hasOpenBrace = true;
      l.scan();
      const next = l.peek();
      if (next.kind === 'EOF' || next.kind === 'CloseBrace') {
        closeBrace();
        return { ok: true, matchers: out };
      }
    }
    for (;;) {
      // parseMatcher
      const nameTok = wrap(() => expectTok('Quoted', 'Unquoted'), 'expected label name');
      const name = unquoteToken(nameTok);
      if (name === undefined || !name.isWellFormed()) throw new ParseError(`${nameTok.columnStart}:${nameTok.columnEnd}: ${nameTok.value}: invalid input`);
      const opTok = wrap(() => expectTok('Equals', 'NotEquals', 'Matches', 'NotMatches'), "expected an operator such as '=', '!=', '=~' or '!~'");
      const type: MatchType = opTok.kind === 'Equals' ? '=' : opTok.kind === 'NotEquals' ? '!=' : opTok.kind === 'Matches' ? '=~' : '!~';
      const valueTok = wrap(() => expectTok('Unquoted', 'Quoted'), 'expected label value');
      const value = unquoteToken(valueTok);
      if (value === undefined || !value.isWellFormed()) throw new ParseError(`${valueTok.columnStart}:${valueTok.columnEnd}: ${valueTok.value}: invalid input`);
      const m = newMatcher(type, name, value);
      if (!m.ok) throw new ParseError(`failed to create matcher: ${m.error}`);
      out.push(m.matcher);
      // parseEndOfMatcher
      const end = l.peek();
      if (end.kind === 'EOF') {
        closeBrace();
        return { ok: true, matchers: out };
      }
      if (end.kind === 'CloseBrace') {
        closeBrace();
        return { ok: true, matchers: out };
      }
      if (end.kind !== 'Comma') throw new ParseError(`${unexpected(end).message}: expected a comma or close brace`);
      l.scan();
      // parseComma
      const afterComma = l.peek();
      if (afterComma.kind === 'EOF' || afterComma.kind === 'CloseBrace') {
        closeBrace();
        return { ok: true, matchers: out };
      }
      if (afterComma.kind !== 'Quoted' && afterComma.kind !== 'Unquoted') {
        throw new ParseError(`${unexpected(afterComma).message}: expected a matcher or close brace after comma`);
      }
    }
  } catch (e) {
    if (e instanceof ParseError) return { ok: false, error: e.message };
    throw e;
  }
}

// ---- what Alertmanager uses ----

/** Releases from 0.27 run both parsers (the "fallback" mode); older ones only the classic parser. */
export const hasUtf8Matchers = (version: Version): boolean => atLeast(version, '0.27.0');

/** compat.Matchers: a `matchers:` entry (one or several matchers) as the target release reads it. */
export function parseMatchers(input: string, version: Version): MatchersResult {
  const classic = parseClassicMatchers(input);
  if (classic.ok || !hasUtf8Matchers(version)) return classic;
  const utf8 = parseUtf8Matchers(input);
  return utf8.ok ? utf8 : classic;
}

/** compat.Matcher: one matcher (amtool's label arguments). */
export function parseMatcher(input: string, version: Version): MatcherResult {
  if (hasUtf8Matchers(version) && (input.startsWith('{') || input.endsWith('}'))) {
    return { ok: false, error: `unexpected open or close brace: ${input}` };
  }
  const classic = parseClassicMatcher(input);
  if (classic.ok || !hasUtf8Matchers(version)) return classic;
  const utf8 = parseUtf8Matchers(input);
  if (!utf8.ok) return classic;
  if (utf8.matchers.length !== 1) return { ok: false, error: utf8.matchers.length === 0 ? 'no matchers' : `expected 1 matcher, found ${utf8.matchers.length}` };
  return { ok: true, matcher: utf8.matchers[0]! };
}

/**
 * Whether both parsers read `input` and agree: such a matcher means the same to every release. Alertmanager
 * 0.27+ logs a warning for inputs that only the classic parser reads or where the two disagree.
 */
export function isPortableMatchers(input: string): boolean {
  const c = parseClassicMatchers(input);
  const u = parseUtf8Matchers(input);
  if (!c.ok || !u.ok || c.matchers.length !== u.matchers.length) return false;
  return c.matchers.every((m, i) => {
    const o = u.matchers[i]!;
    return m.type === o.type && m.name === o.name && m.value === o.value;
  });
}

/** Label names as Alertmanager's group_by and equal check them: the classic charset before 0.27, any UTF-8 from then. */
export function isValidLabelName(name: string, version: Version): boolean {
  if (hasUtf8Matchers(version)) return name.length > 0 && name.isWellFormed();
  return /^[a-zA-Z_][a-zA-Z0-9_]*$/.test(name);
}

// ---- printing (pkg/labels/matcher.go) ----

const openMetricsEscape = (s: string): string => s.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');

/** Matcher.String(): `name="value"`, names with reserved characters quoted (0.27+). */
export function formatMatcher(m: Matcher, version?: Version): string {
  const reserved = [...m.name].some(isReserved);
  if (reserved && (version === undefined || hasUtf8Matchers(version))) return `${goQuote(m.name)}${m.type}${goQuote(m.value)}`;
  return `${m.name}${m.type}"${openMetricsEscape(m.value)}"`;
}

/** Matchers.String(): `{a="1",b=~"x"}`. */
export const formatMatchers = (ms: readonly Matcher[], version?: Version): string => `{${ms.map((m) => formatMatcher(m, version)).join(',')}}`;

/** Go compares strings bytewise: UTF-8 order is code point order. */
function compareGo(a: string, b: string): number {
  if (a === b) return 0;
  const ca = [...a];
  const cb = [...b];
  for (let i = 0; i < Math.min(ca.length, cb.length); i++) {
    const d = ca[i]!.codePointAt(0)! - cb[i]!.codePointAt(0)!;
    if (d !== 0) return d;
  }
  return ca.length - cb.length;
}

/** sort.Sort(labels.Matchers): by name, then value, then type. */
export function sortMatchers(ms: readonly Matcher[]): Matcher[] {
  return [...ms].sort((a, b) => compareGo(a.name, b.name) || compareGo(a.value, b.value) || TYPE_ORDER[a.type] - TYPE_ORDER[b.type]);
}
