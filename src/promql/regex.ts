// Prometheus regexes are Go RE2 syntax. JS RegExp differs in both directions (no inline
// flags or \z in Node 20; lookarounds and backreferences that RE2 rejects), so instead of
// handing the pattern to RegExp we parse it as Go's regexp/syntax does (Perl flags), report
// its errors with Go's wording, and emit an equivalent JS pattern for the `u` flag.
//
// Known differences: case-insensitive matching folds with JS toLowerCase/toUpperCase
// (Go uses Unicode simple folding, same for practical inputs) and does not fold inside
// \p{...} classes; Unicode class and script tables are the JS engine's; Go's "expression
// too large" limit on program size is not enforced.

export type Re2Result =
  | { ok: true; source: string; groupNames: (string | undefined)[] }
  | { ok: false; error: string };

interface Flags {
  /** Case-insensitive (i). */
  fold: boolean;
  /** ^ and $ match at line breaks (m). */
  multiLine: boolean;
  /** . matches \n (s). */
  dotNL: boolean;
  /** Swap greedy and lazy (U). */
  ungreedy: boolean;
}

/** Thrown inside the recursive parser and turned into a result at the top. */
interface Re2Error {
  re2: true;
  code: string;
  expr: string;
}

function re2Error(code: string, expr: string): Re2Error {
  return { re2: true, code, expr };
}

function isRe2Error(e: unknown): e is Re2Error {
  return typeof e === 'object' && e !== null && 're2' in e;
}

interface Ctx {
  src: string;
  pos: number;
  flags: Flags;
  groupNames: (string | undefined)[];
}

/** One element of a concatenation, with what repetition needs to know about it. */
interface Item {
  js: string;
  /** Wrap in (?:...) before adding a quantifier. */
  needsGroup: boolean;
  /** Max product of counted repetitions inside, for Go's repeat-size limit. */
  weight: number;
}

const MAX_REPEAT = 1000;
const MAX_RUNE = 0x10ffff;

/**
 * Parses an RE2 pattern as Go's regexp/syntax.Parse(pattern, Perl) would (plus `s` when
 * `dotNL`, as Prometheus' matchers and label_replace use), returning a JS pattern for the
 * `u` flag or Go's error text (`error parsing regexp: missing closing ): ...`).
 */
export function translateRe2(pattern: string, opts: { dotNL?: boolean } = {}): Re2Result {
  const ctx: Ctx = {
    src: pattern,
    pos: 0,
    flags: { fold: false, multiLine: false, dotNL: opts.dotNL ?? false, ungreedy: false },
    groupNames: [],
  };
  try {
    const source = parseAlternation(ctx).js;
    if (ctx.pos < pattern.length) throw re2Error('unexpected )', pattern);
    return { ok: true, source, groupNames: ctx.groupNames };
  } catch (e) {
    if (isRe2Error(e)) return { ok: false, error: `error parsing regexp: ${e.code}: \`${e.expr}\`` };
    throw e;
  }
}

/**
 * A label-matcher regex as Prometheus compiles it: anchored at both ends, `.` matching
 * newlines. Returns the RegExp or Prometheus' error message.
 */
export function compileMatcherRegex(pattern: string): MatcherRegex {
  const known = matcherRegexes.get(pattern);
  if (known) return known;
  const t = translateRe2(pattern, { dotNL: true });
  const compiled: MatcherRegex = Object.freeze(t.ok ? { ok: true, regex: new RegExp(`^(?:${t.source})$`, 'u') } : { ok: false, error: t.error });
  if (matcherRegexes.size >= MATCHER_REGEX_CACHE) matcherRegexes.clear();
  matcherRegexes.set(pattern, compiled);
  return compiled;
}

export type MatcherRegex = Readonly<{ ok: true; regex: RegExp } | { ok: false; error: string }>;

/**
 * A project repeats the same few matcher patterns (`instance=~"host-1-.*"`) across thousands of rules and
 * panels, and every check that judges a matcher compiles it: remembered by pattern. Sharing the RegExp is safe
 * because it has no `g` or `y` flag, so test() and exec() keep no state in it. Bounded so a long-lived process
 * (vitest, a watch loop) cannot grow it without end.
 */
const matcherRegexes = new Map<string, MatcherRegex>();
const MATCHER_REGEX_CACHE = 10_000;

function peek(ctx: Ctx, offset = 0): string | undefined {
  const cp = ctx.src.codePointAt(ctx.pos + offset);
  return cp === undefined ? undefined : String.fromCodePoint(cp);
}

function rest(ctx: Ctx): string {
  return ctx.src.slice(ctx.pos);
}

function parseAlternation(ctx: Ctx): Item {
  const branches = [parseConcat(ctx)];
  while (peek(ctx) === '|') {
    ctx.pos++;
    branches.push(parseConcat(ctx));
  }
  if (branches.length === 1) return branches[0]!;
  return { js: branches.map((b) => b.js).join('|'), needsGroup: true, weight: Math.max(...branches.map((b) => b.weight)) };
}

function parseConcat(ctx: Ctx): Item {
  const items: Item[] = [];
  let lastRepeatAt = -1;
  for (;;) {
    const c = peek(ctx);
    if (c === undefined || c === '|' || c === ')') break;
    const repeatStart = ctx.pos;
    const rep = parseRepeatOp(ctx);
    if (rep) {
      const opText = ctx.src.slice(repeatStart, ctx.pos);
      if (lastRepeatAt >= 0) throw re2Error('invalid nested repetition operator', ctx.src.slice(lastRepeatAt, ctx.pos));
      const target = items.pop();
      if (!target) throw re2Error('missing argument to repetition operator', opText);
      items.push(applyRepeat(ctx, target, rep, opText));
      lastRepeatAt = repeatStart;
      continue;
    }
    lastRepeatAt = -1;
    if (c === '(') {
      const group = parseGroup(ctx);
      if (group) items.push(group);
      continue;
    }
    items.push(...parseAtom(ctx));
  }
  if (items.length === 1) return items[0]!;
  return { js: items.map((i) => i.js).join(''), needsGroup: true, weight: Math.max(1, ...items.map((i) => i.weight)) };
}

interface RepeatOp {
  min: number;
  /** -1 for unbounded. */
  max: number;
  counted: boolean;
  lazy: boolean;
}

/** Reads `*`, `+`, `?`, `{n}`, `{n,}`, `{n,m}` and a lazy `?`; undefined when none is here. */
function parseRepeatOp(ctx: Ctx): RepeatOp | undefined {
  const c = peek(ctx);
  let op: RepeatOp;
  if (c === '*' || c === '+' || c === '?') {
    ctx.pos++;
    op = { min: c === '+' ? 1 : 0, max: c === '?' ? 1 : -1, counted: false, lazy: false };
  } else if (c === '{') {
    const m = /^\{(\d+)(,(\d*))?\}/.exec(rest(ctx));
    // A brace that does not start a valid count is a literal, as in Go.
    if (!m) return undefined;
    const min = Number(m[1]);
    const max = m[2] === undefined ? min : m[3] === '' ? -1 : Number(m[3]);
    const text = m[0];
    if (min > MAX_REPEAT || max > MAX_REPEAT || (max >= 0 && min > max)) {
      throw re2Error('invalid repeat count', text);
    }
    ctx.pos += text.length;
    op = { min, max, counted: true, lazy: false };
  } else {
    return undefined;
  }
  if (peek(ctx) === '?') {
    ctx.pos++;
    op.lazy = true;
  }
  return op;
}

function applyRepeat(ctx: Ctx, target: Item, op: RepeatOp, opText: string): Item {
  let weight = target.weight;
  if (op.counted && (op.min >= 2 || op.max >= 2)) {
    const m = op.max === 0 ? 0 : op.max < 0 ? op.min : op.max;
    weight = m > 0 ? weight * m : weight;
    if (weight > MAX_REPEAT) throw re2Error('invalid repeat count', opText);
  }
  const base = target.needsGroup ? `(?:${target.js})` : target.js;
  let q: string;
  if (!op.counted) q = op.max === 1 ? '?' : op.min === 1 ? '+' : '*';
  else q = op.max === op.min ? `{${op.min}}` : op.max < 0 ? `{${op.min},}` : `{${op.min},${op.max}}`;
  const lazy = op.lazy !== ctx.flags.ungreedy;
  return { js: `${base}${q}${lazy ? '?' : ''}`, needsGroup: true, weight };
}

/** `(`...`)`; returns undefined for a flag-only group like `(?i)`, which emits nothing. */
function parseGroup(ctx: Ctx): Item | undefined {
  const s = rest(ctx);
  let capture = true;
  let name: string | undefined;
  let flags = ctx.flags;
  if (s.startsWith('(?')) {
    const named = /^\(\?P?</.exec(s);
    if (named && (s[2] === '<' ? s.length > 3 : s.length > 4)) {
      const end = s.indexOf('>');
      if (end < 0) throw re2Error('invalid named capture', s);
      name = s.slice(named[0].length, end);
      if (!/^[A-Za-z0-9_]+$/.test(name)) throw re2Error('invalid named capture', s.slice(0, end + 1));
      if (ctx.groupNames.includes(name)) throw re2Error('duplicate capture group name', name);
      ctx.pos += end + 1;
    } else {
      const parsed = parsePerlFlags(s, ctx.flags);
      ctx.pos += parsed.length;
      if (!parsed.opensGroup) {
        ctx.flags = parsed.flags;
        return undefined;
      }
      flags = parsed.flags;
      capture = false;
    }
  } else {
    ctx.pos++;
  }
  if (capture) ctx.groupNames.push(name);
  const outer = ctx.flags;
  ctx.flags = flags;
  const body = parseAlternation(ctx);
  ctx.flags = outer;
  if (peek(ctx) !== ')') throw re2Error('missing closing )', ctx.src);
  ctx.pos++;
  return { js: capture ? `(${body.js})` : `(?:${body.js})`, needsGroup: false, weight: body.weight };
}

/** `(?flags)` or `(?flags:`; Go's rules, including `(?)` being valid. */
function parsePerlFlags(s: string, current: Flags): { flags: Flags; length: number; opensGroup: boolean } {
  const flags = { ...current };
  let negate = false;
  let sawFlag = false;
  for (let i = 2; i < s.length; i++) {
    const c = s[i];
    switch (c) {
      case 'i':
        flags.fold = !negate;
        sawFlag = true;
        continue;
      case 'm':
        flags.multiLine = !negate;
        sawFlag = true;
        continue;
      case 's':
        flags.dotNL = !negate;
        sawFlag = true;
        continue;
      case 'U':
        flags.ungreedy = !negate;
        sawFlag = true;
        continue;
      case '-':
        if (negate) break;
        negate = true;
        sawFlag = false;
        continue;
      case ':':
      case ')':
        if (negate && !sawFlag) break;
        return { flags, length: i + 1, opensGroup: c === ':' };
    }
    throw re2Error('invalid or unsupported Perl syntax', s.slice(0, i + 1));
  }
  throw re2Error('invalid or unsupported Perl syntax', s);
}

/** A single element outside classes and groups; `\Q...\E` yields one item per character. */
function parseAtom(ctx: Ctx): Item[] {
  const c = peek(ctx)!;
  const { flags } = ctx;
  switch (c) {
    case '.':
      ctx.pos++;
      return [single(flags.dotNL ? '[\\u{0}-\\u{10FFFF}]' : '[^\\n]')];
    case '^':
      ctx.pos++;
      return [assertion(flags.multiLine ? '(?:^|(?<=\\n))' : '^')];
    case '$':
      ctx.pos++;
      return [assertion(flags.multiLine ? '(?:$|(?=\\n))' : '$')];
    case '[':
      return [single(parseClass(ctx))];
    case '\\':
      return parseTopEscape(ctx);
  }
  ctx.pos += c.length;
  return [single(literal(c.codePointAt(0)!, flags.fold))];
}

function single(js: string): Item {
  return { js, needsGroup: false, weight: 1 };
}

function assertion(js: string): Item {
  // JS refuses quantifiers on bare assertions; RE2 accepts them.
  return { js, needsGroup: true, weight: 1 };
}

function parseTopEscape(ctx: Ctx): Item[] {
  const s = rest(ctx);
  const c = s[1];
  switch (c) {
    case undefined:
      throw re2Error('trailing backslash at end of expression', '');
    case 'A':
      ctx.pos += 2;
      return [assertion('^')];
    case 'z':
      ctx.pos += 2;
      return [assertion('$')];
    case 'b':
      ctx.pos += 2;
      return [assertion('\\b')];
    case 'B':
      ctx.pos += 2;
      return [assertion('\\B')];
    case 'C':
      throw re2Error('invalid escape sequence', '\\C');
    case 'Q': {
      const end = s.indexOf('\\E', 2);
      const lit = end < 0 ? s.slice(2) : s.slice(2, end);
      ctx.pos += end < 0 ? s.length : end + 2;
      return [...lit].map((ch) => single(literal(ch.codePointAt(0)!, ctx.flags.fold)));
    }
  }
  const cls = parseUnicodeClass(ctx) ?? parsePerlClass(ctx);
  if (cls) return [single(`[${cls}]`)];
  return [single(literal(parseEscape(ctx), ctx.flags.fold))];
}

/** An escape that denotes one character (octal, hex, C escapes, escaped punctuation). */
function parseEscape(ctx: Ctx): number {
  const start = ctx.pos;
  ctx.pos++; // backslash
  const c = peek(ctx);
  if (c === undefined) throw re2Error('trailing backslash at end of expression', '');
  ctx.pos += c.length;
  const invalid = (): Re2Error => re2Error('invalid escape sequence', ctx.src.slice(start, ctx.pos));
  const cp = c.codePointAt(0)!;
  if (cp < 0x80 && !/[A-Za-z0-9]/.test(c)) return cp;
  const isOct = (ch: string | undefined): boolean => ch !== undefined && ch >= '0' && ch <= '7';
  if (c >= '1' && c <= '7' && !isOct(peek(ctx))) throw invalid();
  if (c >= '0' && c <= '7') {
    let r = cp - 48;
    for (let i = 1; i < 3 && isOct(peek(ctx)); i++) {
      r = r * 8 + (peek(ctx)!.charCodeAt(0) - 48);
      ctx.pos++;
    }
    return r;
  }
  switch (c) {
    case 'x': {
      if (peek(ctx) === '{') {
        const m = /^\{([0-9a-fA-F]+)\}/.exec(rest(ctx));
        if (!m || parseInt(m[1]!, 16) > MAX_RUNE) {
          ctx.pos = Math.min(ctx.src.length, ctx.pos + (m ? m[0].length : 1));
          throw invalid();
        }
        ctx.pos += m[0].length;
        return parseInt(m[1]!, 16);
      }
      const hex = ctx.src.slice(ctx.pos, ctx.pos + 2);
      ctx.pos = Math.min(ctx.src.length, ctx.pos + 2);
      if (!/^[0-9a-fA-F]{2}$/.test(hex)) throw invalid();
      return parseInt(hex, 16);
    }
    case 'a':
      return 7;
    case 'f':
      return 12;
    case 'n':
      return 10;
    case 'r':
      return 13;
    case 't':
      return 9;
    case 'v':
      return 11;
  }
  throw invalid();
}

const PERL_CLASSES: Readonly<Record<string, string>> = {
  d: '0-9',
  s: '\\t\\n\\f\\r ',
  w: '0-9A-Za-z_',
};

/** `\d \D \s \S \w \W` as the inside of a JS class (negations spelled as explicit ranges). */
function parsePerlClass(ctx: Ctx): string | undefined {
  const c = ctx.src[ctx.pos + 1] ?? '';
  const base = PERL_CLASSES[c.toLowerCase()];
  if (ctx.src[ctx.pos] !== '\\' || base === undefined) return undefined;
  ctx.pos += 2;
  return c === c.toLowerCase() ? base : complementAscii(base);
}

const POSIX_CLASSES: Readonly<Record<string, string>> = {
  alnum: '0-9A-Za-z',
  alpha: 'A-Za-z',
  ascii: '\\u{0}-\\u{7F}',
  blank: '\\t ',
  cntrl: '\\u{0}-\\u{1F}\\u{7F}',
  digit: '0-9',
  graph: '!-~',
  lower: 'a-z',
  print: ' -~',
  punct: '!-\\/:-@\\[-`\\{-~',
  space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z',
  word: '0-9A-Za-z_',
  xdigit: '0-9A-Fa-f',
};

/** The complement of an ASCII class body, as explicit ranges (JS classes cannot nest negations). */
function complementAscii(body: string): string {
  const members = new Set<number>();
  const re = new RegExp(`[${body}]`, 'u');
  for (let i = 0; i < 0x80; i++) if (re.test(String.fromCharCode(i))) members.add(i);
  const ranges: [number, number][] = [];
  let lo = -1;
  for (let i = 0; i <= 0x80; i++) {
    const inside = i === 0x80 || !members.has(i);
    if (inside && lo < 0) lo = i;
    if (!inside && lo >= 0) {
      ranges.push([lo, i - 1]);
      lo = -1;
    }
  }
  // Everything from the first non-member up through 0x7f, plus all non-ASCII.
  const out = ranges.map(([a, b]) => `\\u{${hex(a)}}-\\u{${hex(b)}}`);
  out.push(`\\u{80}-\\u{10FFFF}`);
  return out.join('');
}

function hex(n: number): string {
  return n.toString(16).toUpperCase();
}

/** `\pL`, `\p{Greek}`, `\P{^Lu}` as the inside of a JS class; undefined if not one. */
function parseUnicodeClass(ctx: Ctx): string | undefined {
  const s = rest(ctx);
  if (s[0] !== '\\' || (s[1] !== 'p' && s[1] !== 'P')) return undefined;
  let negate = s[1] === 'P';
  let name: string;
  let seq: string;
  if (s[2] === undefined) throw re2Error('invalid character class range', s);
  if (s[2] !== '{') {
    const ch = String.fromCodePoint(s.codePointAt(2)!);
    seq = s.slice(0, 2 + ch.length);
    name = ch;
  } else {
    const end = s.indexOf('}');
    if (end < 0) throw re2Error('invalid character class range', s);
    seq = s.slice(0, end + 1);
    name = s.slice(3, end);
  }
  if (name.startsWith('^')) {
    negate = !negate;
    name = name.slice(1);
  }
  const js = unicodeClass(name, negate);
  if (js === undefined) throw re2Error('invalid character class range', seq);
  ctx.pos += seq.length;
  return js;
}

function unicodeClass(name: string, negate: boolean): string | undefined {
  if (name === 'Any') return negate ? '' : '\\u{0}-\\u{10FFFF}';
  const p = negate ? 'P' : 'p';
  // Go accepts general categories (L, Lu, ...) and script names (Greek, Han, ...).
  for (const candidate of /^[A-Z][a-z]?$/.test(name) ? [name] : [`Script=${name}`]) {
    try {
      new RegExp(`\\${p}{${candidate}}`, 'u');
      return `\\${p}{${candidate}}`;
    } catch {
      // Not a name JS knows.
    }
  }
  return undefined;
}

/** `[...]` with Go's rules for `]` and `-`, POSIX, Perl and Unicode classes inside. */
function parseClass(ctx: Ctx): string {
  const whole = rest(ctx);
  ctx.pos++;
  let negate = false;
  if (peek(ctx) === '^') {
    negate = true;
    ctx.pos++;
  }
  const parts: string[] = [];
  let first = true;
  while (peek(ctx) !== ']' || first) {
    first = false;
    const s = rest(ctx);
    if (s === '') throw re2Error('missing closing ]', whole);
    const posixEnd = s.startsWith('[:') ? s.indexOf(':]', 2) : -1;
    if (posixEnd >= 0) {
      const seq = s.slice(0, posixEnd + 2);
      const negated = s[2] === '^';
      const body = POSIX_CLASSES[s.slice(negated ? 3 : 2, posixEnd)];
      if (body === undefined) throw re2Error('invalid character class range', seq);
      parts.push(negated ? complementAscii(body) : body);
      ctx.pos += seq.length;
      continue;
    }
    const cls = parseUnicodeClass(ctx) ?? parsePerlClass(ctx);
    if (cls !== undefined) {
      parts.push(cls);
      continue;
    }
    const rangeStart = ctx.pos;
    const lo = parseClassChar(ctx, whole);
    let hi = lo;
    if (peek(ctx) === '-' && peek(ctx, 1) !== undefined && peek(ctx, 1) !== ']') {
      ctx.pos++;
      hi = parseClassChar(ctx, whole);
      if (hi < lo) throw re2Error('invalid character class range', ctx.src.slice(rangeStart, ctx.pos));
    }
    parts.push(classRange(lo, hi, ctx.flags.fold));
  }
  ctx.pos++;
  const body = parts.join('');
  if (negate) return body === '' ? '[\\u{0}-\\u{10FFFF}]' : `[^${body}]`;
  // An empty class matches nothing; JS spells that [] as well.
  return `[${body}]`;
}

function parseClassChar(ctx: Ctx, whole: string): number {
  const c = peek(ctx);
  if (c === undefined) throw re2Error('missing closing ]', whole);
  if (c === '\\') return parseEscape(ctx);
  ctx.pos += c.length;
  return c.codePointAt(0)!;
}

function escapeCodePoint(cp: number): string {
  const ch = String.fromCodePoint(cp);
  return /^[A-Za-z0-9_ ]$/.test(ch) ? ch : `\\u{${hex(cp)}}`;
}

/** Case variants of a code point, for RE2's (?i). */
function foldSet(cp: number): number[] {
  const ch = String.fromCodePoint(cp);
  const out = new Set<number>([cp]);
  for (const v of [ch.toLowerCase(), ch.toUpperCase()]) {
    if ([...v].length === 1) out.add(v.codePointAt(0)!);
  }
  // Unicode simple folding also links k/K with the Kelvin sign and s/S with long s.
  const extra: Readonly<Record<number, number[]>> = { 0x6b: [0x212a], 0x4b: [0x212a], 0x212a: [0x6b, 0x4b], 0x73: [0x17f], 0x53: [0x17f], 0x17f: [0x73, 0x53] };
  for (const e of extra[cp] ?? []) out.add(e);
  return [...out];
}

function literal(cp: number, fold: boolean): string {
  if (!fold) return escapeCodePoint(cp);
  const variants = foldSet(cp);
  return variants.length === 1 ? escapeCodePoint(cp) : `[${variants.map(escapeCodePoint).join('')}]`;
}

function classRange(lo: number, hi: number, fold: boolean): string {
  const plain = lo === hi ? escapeCodePoint(lo) : `${escapeCodePoint(lo)}-${escapeCodePoint(hi)}`;
  if (!fold || hi - lo > 5000) return plain;
  const extra = new Set<number>();
  for (let cp = lo; cp <= hi; cp++) for (const v of foldSet(cp)) if (v < lo || v > hi) extra.add(v);
  return plain + [...extra].map(escapeCodePoint).join('');
}
