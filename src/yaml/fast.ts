/**
 * A fast reader for the block-style YAML that rule files are nearly always written in, and that promforge
 * emits: block mappings and sequences, plain, single- and double-quoted scalars on one line, `|` and `|-`
 * literal blocks, `[]` and `{}`, comments above the content. It gives what the yaml library gives for these
 * (value, every node's position, scalar kinds) at a fraction of the cost: the library builds a concrete and
 * an abstract syntax tree of the whole file, which for a 10,000-rule file costs more than promtool's whole
 * `check rules`.
 *
 * Anything else returns undefined and the yaml library reads the file: flow collections other than the empty
 * ones, anchors, aliases, tags, merge keys, directives and document markers, multi-line plain and quoted
 * scalars, folded and keep-chomped blocks, comments after the first content line (their attachment to nodes is
 * the library's to decide), tabs, non-ASCII text, duplicate keys (the library reports them). So it need not
 * know what YAML means outside the subset, only recognise the subset exactly. test/yaml/fast.test.ts holds it
 * to the library's results, path by path, on every YAML file of the conformance suites and on mutations of them.
 */
import { childNode, pathNode, type PathNode } from './positions.js';
import { yamlLibrary, type ParsedYaml } from './read.js';

/** Thrown to abandon the fast path: caught in fastYaml, never escapes. */
class Unsupported {}
const UNSUPPORTED = new Unsupported();
function bail(): never {
  throw UNSUPPORTED;
}

/**
 * The text's lines as parallel arrays (a 10,000-rule file has 40,000 lines; an object each was garbage the
 * collector kept copying). A line is blank when it is all spaces: its indentation reaches its end.
 */
interface Lines {
  readonly count: number;
  /** Offset of each line's first character. */
  readonly start: Int32Array;
  /** Offset of its '\n' (or the text's end). */
  readonly end: Int32Array;
  /** Leading spaces; for a blank line, its length. */
  readonly indent: Int32Array;
}

const SPACE = 0x20;
const HASH = 0x23;
const DASH = 0x2d;
const COLON = 0x3a;
/** Characters that cannot start a plain scalar here (YAML indicators), or that this reader leaves to the library. */
const NOT_PLAIN_START = new Set([...'-?:,[]{}#&*!|>\'"%@`\\'].map((c) => c.charCodeAt(0)));

export function fastYaml(text: string): ParsedYaml | undefined {
  try {
    return read(text);
  } catch (e) {
    if (e === UNSUPPORTED) return undefined;
    throw e;
  }
}

function read(text: string): ParsedYaml {
  const lines = splitLines(text);
  const blank = (i: number): boolean => lines.start[i]! + lines.indent[i]! === lines.end[i]!;
  const hashAt = (i: number): boolean => text.charCodeAt(lines.start[i]! + lines.indent[i]!) === HASH;
  // Comments and blank lines above the content belong to no node; below its first line they would.
  let first = 0;
  while (first < lines.count && (blank(first) || hashAt(first))) first++;
  for (let i = first; i < lines.count; i++) if (!blank(i) && hashAt(i)) bail();
  if (first === lines.count || lines.indent[first] !== 0) bail();

  const root = pathNode();
  const p = new Reader(text, lines, first);
  const keys: string[] = [];
  const value = p.mapping(0, root, lines.start[first]!, keys);
  if (p.next() < lines.count) bail();
  return {
    value,
    root,
    problems: [],
    contentComments: false,
    // Every '\n' starts a line, a final one too: lines.start has them all, as the yaml library's LineCounter.
    linePos: (offset) => linePos(lines.start, offset),
    topLevelKeys: keys,
    toJS: () => yamlLibrary().parseDocument(text, { schema: 'failsafe' }).toJS(),
  };
}

/** Lines of a text made only of printable ASCII and '\n'; anything else is the library's. */
function splitLines(text: string): Lines {
  // One native scan for the characters left to the library, rather than a test per character in JavaScript.
  if (/[^\n\x20-\x7e]/.test(text)) bail();
  let count = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) count++;
  const start = new Int32Array(count);
  const end = new Int32Array(count);
  const indent = new Int32Array(count);
  let lineStart = 0;
  for (let n = 0; n < count; n++) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    let k = lineStart;
    while (k < lineEnd && text.charCodeAt(k) === SPACE) k++;
    start[n] = lineStart;
    end[n] = lineEnd;
    indent[n] = k - lineStart;
    lineStart = lineEnd + 1;
  }
  // A final '\n' ends the last line rather than starting an empty one.
  return { count: text.endsWith('\n') ? count - 1 : count, start, end, indent };
}

/** Line and column as the yaml library's LineCounter gives them: lines start after each '\n'. */
function linePos(lineStarts: Int32Array, offset: number): { line: number; col: number } {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, col: offset - (lineStarts[lo] ?? 0) + 1 };
}

class Reader {
  /** The line the reader is on: the next content line still to be read. */
  private i: number;

  constructor(
    private readonly text: string,
    private readonly lines: Lines,
    first: number,
  ) {
    this.i = first;
  }

  private blank(i: number): boolean {
    return this.lines.start[i]! + this.lines.indent[i]! === this.lines.end[i]!;
  }

  /** Index of the next non-blank line (lines.count at the end). */
  next(): number {
    while (this.i < this.lines.count && this.blank(this.i)) this.i++;
    return this.i;
  }

  /** Offset of line i's first non-space character. */
  private contentStart(i: number): number {
    return this.lines.start[i]! + this.lines.indent[i]!;
  }

  private isSeqItem(i: number): boolean {
    const at = this.contentStart(i);
    return this.text.charCodeAt(at) === DASH && (at + 1 === this.lines.end[i] || this.text.charCodeAt(at + 1) === SPACE);
  }

  /** A node starting on a line of its own, indented by `indent`. */
  private block(indent: number, here: PathNode): unknown {
    const l = this.next();
    return this.isSeqItem(l) ? this.sequence(indent, here) : this.mapping(indent, here, this.contentStart(l));
  }

  /**
   * A block mapping whose keys sit in column `col`; the first key at offset `at` (after "- " for a compact
   * one). `keys`, when given, collects the keys in the order written.
   */
  mapping(col: number, here: PathNode, at: number, keys?: string[]): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    here.start = at;
    let end = at;
    let keyAt = at;
    for (;;) {
      const key = this.key(keyAt);
      if (key === undefined) bail();
      const name = this.text.slice(keyAt, key);
      if (name === '__proto__' || Object.prototype.hasOwnProperty.call(out, name)) bail();
      keys?.push(name);
      const entry = childNode(here, name);
      entry.keyStart = keyAt;
      out[name] = this.value(key + 1, col, entry, true);
      if (entry.end >= 0) end = entry.end;
      const l = this.next();
      if (l >= this.lines.count || this.lines.indent[l]! < col) {
        here.end = end;
        return out;
      }
      if (this.lines.indent[l]! > col || this.isSeqItem(l)) bail();
      keyAt = this.contentStart(l);
    }
  }

  /** A block sequence whose dashes sit in column `col`. */
  private sequence(col: number, here: PathNode): unknown[] {
    const out: unknown[] = [];
    here.start = this.contentStart(this.next());
    let end = here.start;
    for (;;) {
      const l = this.next();
      const dash = this.contentStart(l);
      const lineEnd = this.lines.end[l]!;
      const entry = childNode(here, out.length);
      let at = dash + 1;
      while (at < lineEnd && this.text.charCodeAt(at) === SPACE) at++;
      if (at < lineEnd && this.key(at) !== undefined) {
        // "- key: ...": the mapping's first key shares the dash's line, its later keys are in that key's column.
        out.push(this.mapping(at - this.lines.start[l]!, entry, at));
      } else {
        if (at < lineEnd && this.text.charCodeAt(at) === DASH) bail(); // "- - x"
        out.push(this.value(dash + 1, col, entry, false));
      }
      if (entry.end >= 0) end = entry.end;
      const n = this.next();
      if (n < this.lines.count && this.lines.indent[n]! > col) bail();
      // Ends below its column, or at a key of the enclosing mapping after a sequence in that mapping's column.
      if (n >= this.lines.count || this.lines.indent[n]! < col || !this.isSeqItem(n)) {
        here.end = end;
        return out;
      }
    }
  }

  /** End of a plain key at `at` (the offset of its ':'), when "key:" is followed by a space or the line's end. */
  private key(at: number): number | undefined {
    const t = this.text;
    let i = at;
    for (; i < t.length; i++) {
      const c = t.charCodeAt(i);
      const ok = (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f
        || (i > at && (c === 0x2e || c === 0x2f || c === DASH));
      if (!ok) break;
    }
    if (i === at || t.charCodeAt(i) !== COLON) return undefined;
    const after = t.charCodeAt(i + 1);
    return i + 1 >= t.length || after === SPACE || after === 0x0a ? i : undefined;
  }

  /**
   * The value after a key's ':' (`from` is just after it) or after a sequence's dash, whose line is the
   * current one. `col` is the column of the mapping's keys or of the sequence's dashes: a node on the next
   * lines must be indented more (or, for a mapping's value, be a sequence in that same column).
   */
  private value(from: number, col: number, here: PathNode, inMapping: boolean): unknown {
    const line = this.i;
    const lineEnd = this.lines.end[line]!;
    let at = from;
    while (at < lineEnd && this.text.charCodeAt(at) === SPACE) at++;
    this.i++;
    if (at === lineEnd) {
      const n = this.next();
      if (n < this.lines.count && (this.lines.indent[n]! > col || (inMapping && this.lines.indent[n] === col && this.isSeqItem(n)))) {
        return this.block(this.lines.indent[n]!, here);
      }
      // Nothing: an empty scalar, which the library places at the end of the line.
      here.start = here.end = lineEnd;
      here.scalarType = 'PLAIN';
      return '';
    }
    const t = this.text;
    const c = t.charCodeAt(at);
    let value: unknown;
    let end: number;
    if (c === 0x7c) return this.literal(at, lineEnd, col, here); // '|'
    if (c === 0x27 || c === 0x22) {
      ({ value, end } = c === 0x27 ? this.singleQuoted(at, lineEnd) : this.doubleQuoted(at, lineEnd));
      here.scalarType = c === 0x27 ? 'QUOTE_SINGLE' : 'QUOTE_DOUBLE';
    } else if ((c === 0x5b && t.charCodeAt(at + 1) === 0x5d) || (c === 0x7b && t.charCodeAt(at + 1) === 0x7d)) {
      value = c === 0x5b ? [] : {};
      end = at + 2;
    } else {
      if (NOT_PLAIN_START.has(c)) bail();
      end = lineEnd;
      while (t.charCodeAt(end - 1) === SPACE) end--;
      const plain = t.slice(at, end);
      if (plain.includes(': ') || plain.includes(' #') || plain.endsWith(':')) bail();
      value = plain;
      here.scalarType = 'PLAIN';
    }
    for (let k = end; k < lineEnd; k++) if (t.charCodeAt(k) !== SPACE) bail();
    here.start = at;
    here.end = end;
    // A more indented line after a one-line value would continue it, or be an error: the library's call.
    const n = this.next();
    if (n < this.lines.count && this.lines.indent[n]! > col) bail();
    return value;
  }

  private singleQuoted(at: number, lineEnd: number): { value: string; end: number } {
    const t = this.text;
    let out = '';
    for (let k = at + 1; k < lineEnd; k++) {
      const c = t[k];
      if (c !== "'") {
        out += c;
        continue;
      }
      if (t[k + 1] === "'") {
        out += "'";
        k++;
        continue;
      }
      return { value: out, end: k + 1 };
    }
    return bail();
  }

  private doubleQuoted(at: number, lineEnd: number): { value: string; end: number } {
    const t = this.text;
    let out = '';
    for (let k = at + 1; k < lineEnd; k++) {
      const c = t[k]!;
      if (c === '"') return { value: out, end: k + 1 };
      if (c !== '\\') {
        out += c;
        continue;
      }
      const e = t[++k];
      if (e === '\\' || e === '"' || e === '/') out += e;
      else if (e === 'n') out += '\n';
      else if (e === 't') out += '\t';
      else bail();
    }
    return bail();
  }

  /** `|` or `|-` and its lines, indented more than `col` by the first one's indentation. */
  private literal(at: number, headerEnd: number, col: number, here: PathNode): string {
    const t = this.text;
    const { start, end, indent: indents, count } = this.lines;
    let k = at + 1;
    const strip = t.charCodeAt(k) === DASH;
    if (strip) k++;
    for (; k < headerEnd; k++) if (t.charCodeAt(k) !== SPACE) bail(); // "|+", "|2", "| # c", ...
    let indent = -1;
    const content: string[] = [];
    let j = this.i;
    for (; j < count; j++) {
      if (this.blank(j)) {
        if (end[j]! > start[j]!) bail(); // whitespace-only lines: their spaces may or may not be content
        content.push('');
        continue;
      }
      if (indent < 0) {
        if (indents[j]! <= col) bail(); // an empty block
        indent = indents[j]!;
      }
      if (indents[j]! < indent) {
        if (indents[j]! > col) bail();
        break;
      }
      content.push(t.slice(start[j]! + indent, end[j]));
    }
    if (indent < 0) bail();
    while (content.length > 0 && content[content.length - 1] === '') content.pop();
    // The last content line needs its line break, or clipping keeps none.
    if (j === 0 || end[j - 1]! >= t.length) bail();
    this.i = j;
    here.start = here.end = at;
    here.scalarType = 'BLOCK_LITERAL';
    const body = content.join('\n');
    return strip ? body : `${body}\n`;
  }
}
