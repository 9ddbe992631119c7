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
import { childNode, yamlLibrary, type ParsedYaml, type PathNode } from './read.js';

/** Thrown to abandon the fast path: caught in fastYaml, never escapes. */
class Unsupported {}
const UNSUPPORTED = new Unsupported();
function bail(): never {
  throw UNSUPPORTED;
}

interface Line {
  /** Offset of the line's first character. */
  readonly start: number;
  /** Offset of its '\n' (or the text's end). */
  readonly end: number;
  /** Leading spaces; for a blank line, its length. */
  readonly indent: number;
  readonly blank: boolean;
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
  // Comments and blank lines above the content belong to no node; below its first line they would.
  let first = 0;
  while (first < lines.length && (lines[first]!.blank || text.charCodeAt(lines[first]!.start + lines[first]!.indent) === HASH)) first++;
  for (let i = first; i < lines.length; i++) {
    const l = lines[i]!;
    if (!l.blank && text.charCodeAt(l.start + l.indent) === HASH) bail();
  }
  if (first === lines.length || lines[first]!.indent !== 0) bail();

  const root: PathNode = {};
  const p = new Reader(text, lines, first);
  const keys: string[] = [];
  const value = p.mapping(0, root, lines[first]!.start, keys);
  if (p.next() < lines.length) bail();
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  return {
    value,
    root,
    problems: [],
    linePos: (offset) => linePos(lineStarts, offset),
    topLevelKeys: keys,
    toJS: () => yamlLibrary().parseDocument(text, { schema: 'failsafe' }).toJS(),
  };
}

/** Lines of a text made only of printable ASCII and '\n'; anything else is the library's. */
function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  let indent = 0;
  let inIndent = true;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 0x0a;
    if (c === 0x0a) {
      lines.push({ start, end: i, indent, blank: inIndent });
      start = i + 1;
      indent = 0;
      inIndent = true;
      continue;
    }
    if (c < 0x20 || c > 0x7e) bail();
    if (inIndent) {
      if (c === SPACE) indent++;
      else inIndent = false;
    }
  }
  // A final '\n' ends the last line rather than starting an empty one.
  if (text.endsWith('\n')) lines.pop();
  return lines;
}

/** Line and column as the yaml library's LineCounter gives them: lines start after each '\n'. */
function linePos(lineStarts: readonly number[], offset: number): { line: number; col: number } {
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
    private readonly lines: readonly Line[],
    first: number,
  ) {
    this.i = first;
  }

  /** Index of the next non-blank line (lines.length at the end). */
  next(): number {
    while (this.i < this.lines.length && this.lines[this.i]!.blank) this.i++;
    return this.i;
  }

  private line(): Line | undefined {
    return this.lines[this.next()];
  }

  private isSeqItem(l: Line): boolean {
    const at = l.start + l.indent;
    return this.text.charCodeAt(at) === DASH && (at + 1 === l.end || this.text.charCodeAt(at + 1) === SPACE);
  }

  /** A node starting on a line of its own, indented by `indent`. */
  private block(indent: number, here: PathNode): unknown {
    const l = this.line()!;
    return this.isSeqItem(l) ? this.sequence(indent, here) : this.mapping(indent, here, l.start + l.indent);
  }

  /**
   * A block mapping whose keys sit in column `col`; the first key at offset `at` (after "- " for a compact
   * one). `keys` collects the keys in the order written.
   */
  mapping(col: number, here: PathNode, at: number, keys: string[] = []): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    here.range = [at, at];
    let keyAt = at;
    for (;;) {
      const key = this.key(keyAt);
      if (key === undefined) bail();
      const name = this.text.slice(keyAt, key);
      if (name === '__proto__' || Object.prototype.hasOwnProperty.call(out, name)) bail();
      keys.push(name);
      const entry = childNode(here, name);
      entry.keyStart = keyAt;
      out[name] = this.value(key + 1, col, entry, true);
      here.range = [at, entry.range?.[1] ?? at];
      const l = this.line();
      if (!l || l.indent < col) return out;
      if (l.indent > col || this.isSeqItem(l)) bail();
      keyAt = l.start + l.indent;
    }
  }

  /** A block sequence whose dashes sit in column `col`. */
  private sequence(col: number, here: PathNode): unknown[] {
    const out: unknown[] = [];
    const first = this.line()!;
    here.range = [first.start + first.indent, first.start + first.indent];
    for (;;) {
      const l = this.line()!;
      const dash = l.start + l.indent;
      const entry = childNode(here, out.length);
      let at = dash + 1;
      while (at < l.end && this.text.charCodeAt(at) === SPACE) at++;
      if (at < l.end && this.key(at) !== undefined) {
        // "- key: ...": the mapping's first key shares the dash's line, its later keys are in that key's column.
        out.push(this.mapping(at - l.start, entry, at));
      } else {
        if (at < l.end && this.text.charCodeAt(at) === DASH) bail(); // "- - x"
        out.push(this.value(dash + 1, col, entry, false));
      }
      here.range = [here.range[0], entry.range?.[1] ?? here.range[1]];
      const n = this.line();
      if (!n || n.indent < col) return out;
      if (n.indent > col || !this.isSeqItem(n)) {
        if (n.indent === col) return out; // a key of the enclosing mapping, after a sequence at its own column
        bail();
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
    const l = this.lines[this.i]!;
    let at = from;
    while (at < l.end && this.text.charCodeAt(at) === SPACE) at++;
    this.i++;
    if (at === l.end) {
      const n = this.line();
      if (n && (n.indent > col || (inMapping && n.indent === col && this.isSeqItem(n)))) return this.block(n.indent, here);
      // Nothing: an empty scalar, which the library places at the end of the line.
      here.range = [l.end, l.end];
      here.scalar = { type: 'PLAIN', start: l.end };
      return '';
    }
    const t = this.text;
    const c = t.charCodeAt(at);
    let value: unknown;
    let end: number;
    if (c === 0x7c) return this.literal(at, l, col, here); // '|'
    if (c === 0x27 || c === 0x22) {
      ({ value, end } = c === 0x27 ? this.singleQuoted(at, l.end) : this.doubleQuoted(at, l.end));
      here.scalar = { type: c === 0x27 ? 'QUOTE_SINGLE' : 'QUOTE_DOUBLE', start: at };
    } else if ((c === 0x5b && t.charCodeAt(at + 1) === 0x5d) || (c === 0x7b && t.charCodeAt(at + 1) === 0x7d)) {
      value = c === 0x5b ? [] : {};
      end = at + 2;
    } else {
      if (NOT_PLAIN_START.has(c)) bail();
      end = l.end;
      while (t.charCodeAt(end - 1) === SPACE) end--;
      const plain = t.slice(at, end);
      if (plain.includes(': ') || plain.includes(' #') || plain.endsWith(':')) bail();
      value = plain;
      here.scalar = { type: 'PLAIN', start: at };
    }
    for (let k = end; k < l.end; k++) if (t.charCodeAt(k) !== SPACE) bail();
    here.range = [at, end];
    // A more indented line after a one-line value would continue it, or be an error: the library's call.
    const n = this.line();
    if (n && n.indent > col) bail();
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
  private literal(at: number, header: Line, col: number, here: PathNode): string {
    const t = this.text;
    let k = at + 1;
    const strip = t.charCodeAt(k) === DASH;
    if (strip) k++;
    for (; k < header.end; k++) if (t.charCodeAt(k) !== SPACE) bail(); // "|+", "|2", "| # c", ...
    let indent = -1;
    const content: string[] = [];
    let j = this.i;
    for (; j < this.lines.length; j++) {
      const l = this.lines[j]!;
      if (l.blank) {
        if (l.end > l.start) bail(); // whitespace-only lines: their spaces may or may not be content
        content.push('');
        continue;
      }
      if (indent < 0) {
        if (l.indent <= col) bail(); // an empty block
        indent = l.indent;
      }
      if (l.indent < indent) {
        if (l.indent > col) bail();
        break;
      }
      content.push(t.slice(l.start + indent, l.end));
    }
    if (indent < 0) bail();
    while (content.length > 0 && content[content.length - 1] === '') content.pop();
    // The last content line needs its line break, or clipping keeps none.
    const last = this.lines[j - 1];
    if (!last || last.end >= t.length) bail();
    this.i = j;
    here.range = [at, at];
    here.scalar = { type: 'BLOCK_LITERAL', start: at };
    const body = content.join('\n');
    return strip ? body : `${body}\n`;
  }
}
