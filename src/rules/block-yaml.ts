/**
 * Block-style YAML text for the plain data a rule file is made of (mappings, sequences, strings, integers),
 * written directly: the yaml library's Document costs a node object per scalar and a generic stringifier per
 * node, a third of a second for 10,000 rules.
 *
 * The bytes must be the library's (`new Document(value)`, YAML 1.2 core schema, `commentBefore` = the header,
 * `toString({ lineWidth: 0, blockQuote: 'literal', indentSeq: true })`), so output does not change with the
 * emitter that wrote it. This module decides only what it can decide the same way; for anything else (control
 * characters, keys with line breaks or over 1,024 characters, multi-line text ending in a blank-looking line,
 * numbers that are not safe integers, values of other types) it returns undefined and the caller uses the
 * library. test/rules/block-yaml.test.ts holds the two together on every rule file we emit and on random and
 * mutated models.
 */

const STEP = '  ';

/** Characters the library always writes in double quotes, escaped: control characters and lone surrogates. */
const NEEDS_ESCAPES = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u{D800}-\u{DFFF}]/u;

/**
 * Text that cannot be a plain scalar: it starts with an indicator, is a lone `-`/`?` or starts with one and a
 * blank, has `: ` or `\n` + blank, a blank before a line break or before `#`, or ends in a blank or `:`.
 */
const NOT_PLAIN = /^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/;

/** Plain text the core schema would read as something other than a string: null, booleans, numbers. */
const RESOLVES_TO_NON_STRING = [
  /^(?:~|[Nn]ull|NULL)?$/,
  /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/,
  /^0o[0-7]+$/,
  /^[-+]?[0-9]+$/,
  /^0x[0-9a-fA-F]+$/,
  /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
  /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/,
  /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/,
];

/** A line that begins a directive or a document marker: plain keys at the top level get quoted for it. */
const DOCUMENT_MARKER = /^(%|---|\.\.\.)/m;

/** A multi-line string whose last line is only blanks: the library writes it double-quoted and folded. */
const TRAILING_BLANK_LINE = /\n[\t ]+$/;

/** Runs of line breaks with text after them, inside a literal block's trailing part. */
const INNER_LINE_BREAKS = /(^|(?<!\n))\n+(?!\n|$)/g;

class Unsupported extends Error {}

/**
 * The document as YAML with `header` as its leading comment, or undefined when some value is outside what this
 * module writes the library's way.
 */
export function blockYaml(value: Readonly<Record<string, unknown>>, header: string): string | undefined {
  let body: string;
  try {
    body = mapping(value, '');
  } catch (e) {
    if (e instanceof Unsupported) return undefined;
    throw e;
  }
  const comment = headerComment(header);
  return comment === undefined ? `${body}\n` : `${comment}\n\n${body}\n`;
}

/** `header` as the library writes a document's `commentBefore` made of its lines, each prefixed by a space. */
function headerComment(header: string): string | undefined {
  const before = header.split('\n').map((l) => (l ? ` ${l}` : '')).join('\n');
  if (!before) return undefined;
  const text = before.replace(/^(?!$)(?: $)?/gm, '#');
  return /^\n+$/.test(text) ? text.substring(1) : text;
}

function mapping(map: Readonly<Record<string, unknown>>, indent: string): string {
  const lines: string[] = [];
  for (const key of Object.keys(map)) {
    const v = map[key];
    // The library leaves out pairs whose value is undefined.
    if (v !== undefined) lines.push(pair(key, v, indent));
  }
  if (lines.length === 0) return '{}';
  return lines.join(`\n${indent}`);
}

function pair(key: string, value: unknown, indent: string): string {
  const inner = indent + STEP;
  const k = keyScalar(key, indent === '');
  if (typeof value === 'string') return `${k}: ${valueScalar(value, inner)}`;
  if (typeof value === 'number') return `${k}: ${integer(value)}`;
  if (Array.isArray(value)) return value.length === 0 ? `${k}: []` : `${k}:\n${inner}${sequence(value, inner)}`;
  if (isRecord(value)) {
    const body = mapping(value, inner);
    return body === '{}' ? `${k}: {}` : `${k}:\n${inner}${body}`;
  }
  throw new Unsupported();
}

function sequence(items: readonly unknown[], indent: string): string {
  const itemIndent = indent + STEP;
  return items
    .map((item) => {
      if (!isRecord(item)) throw new Unsupported();
      return `- ${mapping(item, itemIndent)}`;
    })
    .join(`\n${indent}`);
}

const isRecord = (v: unknown): v is Readonly<Record<string, unknown>> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;

function integer(n: number): string {
  if (!Number.isSafeInteger(n) || Object.is(n, -0)) throw new Unsupported();
  return String(n);
}

/** A mapping key (an implicit key: one line, no block scalars). `topLevel`: a key of the document's own mapping. */
function keyScalar(key: string, topLevel: boolean): string {
  if (NEEDS_ESCAPES.test(key) || key.includes('\n')) throw new Unsupported();
  const text = NOT_PLAIN.test(key) || (topLevel && DOCUMENT_MARKER.test(key)) || resolvesToNonString(key) ? quoted(key) : key;
  // Longer keys become explicit (`? key`).
  if (text.length > 1024) throw new Unsupported();
  return text;
}

/** A mapping value whose pair sits at `indent` minus one step; `indent` is where a literal block's lines start. */
function valueScalar(value: string, indent: string): string {
  if (NEEDS_ESCAPES.test(value)) throw new Unsupported();
  if (value.includes('\n')) return literalBlock(value, indent);
  if (NOT_PLAIN.test(value) || resolvesToNonString(value)) return quoted(value);
  return value;
}

const resolvesToNonString = (text: string): boolean => RESOLVES_TO_NON_STRING.some((re) => re.test(text));

/**
 * One-line text in quotes: single quotes when it has a double quote and no single one, double quotes (JSON's
 * escapes, which for text without control characters are YAML's) otherwise.
 */
function quoted(text: string): string {
  if (text.includes('"') && !text.includes("'")) return `'${text}'`;
  return JSON.stringify(text);
}

/**
 * A `|` block: chomping from how the text ends (`-` no final line break, none for one, `+` for more), an
 * indentation indicator when it starts with a space, continuation lines at `indent` and empty lines left empty.
 */
function literalBlock(value: string, indent: string): string {
  if (TRAILING_BLANK_LINE.test(value)) throw new Unsupported();
  let endStart = value.length;
  while (endStart > 0 && isBlankOrBreak(value[endStart - 1]!)) endStart--;
  let end = value.substring(endStart);
  const firstBreak = end.indexOf('\n');
  const chomp = firstBreak === -1 ? '-' : value === end || firstBreak !== end.length - 1 ? '+' : '';
  let body = value;
  if (end) {
    body = body.slice(0, -end.length);
    if (end.endsWith('\n')) end = end.slice(0, -1);
    end = end.replace(INNER_LINE_BREAKS, `$&${indent}`);
  }
  let startsWithSpace = false;
  let lastLeadingBreak = -1;
  let leading = 0;
  for (; leading < body.length; leading++) {
    const ch = body[leading];
    if (ch === ' ') startsWithSpace = true;
    else if (ch === '\n') lastLeadingBreak = leading;
    else break;
  }
  let start = body.substring(0, lastLeadingBreak + 1);
  if (start) {
    body = body.substring(start.length);
    start = start.replace(/\n+/g, `$&${indent}`);
  }
  const header = (startsWithSpace ? '2' : '') + chomp;
  return `|${header}\n${indent}${start}${body.replace(/\n+/g, `$&${indent}`)}${end}`;
}

const isBlankOrBreak = (ch: string): boolean => ch === '\n' || ch === '\t' || ch === ' ';
