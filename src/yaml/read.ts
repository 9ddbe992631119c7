/**
 * YAML with positions. Every scalar is read as a string (the failsafe schema), the way Go's yaml.v3 hands
 * rule-file fields to string-typed structs: `expr: 1.10` stays "1.10", not 1.1. Numbers and booleans are
 * coerced later by the JSON Schema, which knows which fields want them.
 *
 * Alongside the plain value we keep the position of every node by its path, so schema errors and semantic
 * errors alike can point at `file:line:col`.
 */
import { createRequire } from 'node:module';
import type { Document, Node, Scalar } from 'yaml';
import type { ScalarMapping, SourceLocation } from '../rules/model.js';
import { fastYaml } from './fast.js';
import { childNode, pathNode, type PathNode } from './positions.js';

export type { PathNode } from './positions.js';

export type YamlPath = readonly (string | number)[];

export interface YamlProblem {
  readonly message: string;
  readonly at: SourceLocation;
}

export interface YamlRead {
  /** Plain data: objects, arrays, strings, and null for empty values. */
  readonly value: unknown;
  readonly problems: readonly YamlProblem[];
  /** Position of the node at `path` (a key's value), or of its nearest ancestor that has one. */
  readonly locate: (path: YamlPath) => SourceLocation;
  /** How a scalar's text maps back into the file, for errors inside the text (PromQL, templates). */
  readonly scalar: (path: YamlPath) => ScalarMapping | undefined;
  /** Position of the key of the pair at `path`, for "unknown field" errors. */
  readonly locateKey: (path: YamlPath) => SourceLocation;
  /**
   * The entries of the collection at `path` that have a position of their own: for each, what locate and
   * scalar give for its path, found in one walk instead of one per entry.
   */
  readonly entries: (path: YamlPath) => ReadonlyMap<string | number, { readonly at: SourceLocation; readonly scalar: ScalarMapping | undefined }>;
  /**
   * Comments that belong to the mapping at `path`: whole-line comments directly above it or inside it, and
   * comments trailing its values. Directives such as `# promforge disable …` live there.
   */
  readonly comments: (path: YamlPath) => readonly { readonly text: string; readonly at: SourceLocation }[];
}

/**
 * A text read once, for whoever uses it next (`promforge check` detects a file's kind, then reads it): the
 * plain value, the positions tree, and what detectKind needs. Most files are read by fastYaml (fast.ts);
 * anything outside its subset by the yaml library.
 */
export interface ParsedYaml {
  readonly value: unknown;
  readonly root: PathNode;
  /** Errors, then warnings, each at an offset; `code` is the yaml library's (e.g. DUPLICATE_KEY). */
  readonly problems: readonly { readonly code: string; readonly message: string; readonly offset: number; readonly warning: boolean }[];
  /**
   * False when no comment sits on or below the first content line (fastYaml's subset): then only the nodes
   * that start on that line can have comments, and asking any other node needs no positions.
   */
  readonly contentComments: boolean;
  /** 1-based line and column of an offset. */
  readonly linePos: (offset: number) => { line: number; col: number };
  /** The top-level mapping's keys as written, when it is a mapping with plain string keys. */
  readonly topLevelKeys?: readonly string[];
  /** The document as the yaml library converts it (merge keys not applied), for detectKind's other cases. */
  readonly toJS: () => unknown;
}

export function parseYaml(text: string): ParsedYaml {
  return fastYaml(text) ?? parseWithLibrary(text);
}

/** Any YAML, by the yaml library: its document walked once into the value and the positions tree. */
export function parseWithLibrary(text: string): ParsedYaml {
  const { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument } = yamlLibrary();
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, schema: 'failsafe', uniqueKeys: true, prettyErrors: false });
  const root = pathNode();
  const problems = [...doc.errors, ...doc.warnings].map((e) => ({
    code: e.code, message: e.message.split('\n')[0] ?? e.message, offset: e.pos[0], warning: e.name === 'YAMLWarning',
  }));

  // Records into `here`, the entry of the walked node's path. A merge (`<<`) walks its source at the path of
  // the mapping holding it, so what the source records there overwrites the mapping's own, as it always has.
  const walk = (node: Node | null | undefined, here: PathNode, depth: number): unknown => {
    if (depth > 100) return null; // alias loops are rejected by yaml itself; this guards pathological nesting
    if (!node) return null;
    if (isAlias(node)) return walk(node.resolve(doc as Document) as Node | undefined, here, depth + 1);
    if (node.range) {
      here.start = node.range[0];
      here.end = node.range[1];
    }
    if (isScalar(node)) {
      if (node.range) here.scalarType = node.type ?? 'PLAIN';
      return node.value === null || node.value === undefined ? null : String(node.value);
    }
    if (isSeq(node)) return node.items.map((item, i) => walk(item as Node, childNode(here, i), depth + 1));
    if (isMap(node)) {
      const out: Record<string, unknown> = {};
      const merged: Record<string, unknown>[] = [];
      for (const pair of node.items) {
        const keyNode = pair.key as Node | null;
        const key = isScalar(keyNode) ? String(keyNode.value) : String(keyNode);
        if (key === '<<' && isScalar(keyNode) && keyNode.type === 'PLAIN') {
          // YAML merge keys, which yaml.v3 honours in rule files (see rulefmt's test_aliases.yaml).
          const source = walk(pair.value as Node, here, depth + 1);
          for (const m of Array.isArray(source) ? source : [source]) {
            if (m && typeof m === 'object' && !Array.isArray(m)) merged.push(m as Record<string, unknown>);
          }
          continue;
        }
        const entry = childNode(here, key);
        if (isScalar(keyNode) && keyNode.range) entry.keyStart = keyNode.range[0];
        const valueNode = pair.value as Node | null;
        if (valueNode && 'comment' in valueNode && typeof valueNode.comment === 'string' && valueNode.range) {
          (here.trailing ??= []).push({ text: valueNode.comment.trim(), offset: valueNode.range[1] });
        }
        out[key] = walk(pair.value as Node, entry, depth + 1);
      }
      // Explicit keys win over merged ones, whatever their order in the mapping.
      return Object.assign({}, ...merged.reverse(), out);
    }
    return null;
  };

  const value = walk(doc.contents as Node | null, root, 0);
  const contents = doc.contents;
  const keys = isMap(contents) ? contents.items.map((p) => (isScalar(p.key) && typeof p.key.value === 'string' ? p.key.value : undefined)) : [];
  return {
    value,
    root,
    problems,
    contentComments: true,
    linePos: (offset) => lineCounter.linePos(offset),
    ...(isMap(contents) && keys.every((k) => k !== undefined) ? { topLevelKeys: keys as string[] } : {}),
    toJS: () => doc.toJS(),
  };
}

/** The yaml library, loaded when a file first needs it: what fastYaml reads never does. */
export const yamlLibrary = (): typeof import('yaml') => createRequire(import.meta.url)('yaml') as typeof import('yaml');

/** `parsed` must be `parseYaml(text)`, when the caller has it already. */
export function readYaml(text: string, file: string, parsed: ParsedYaml = parseYaml(text)): YamlRead {
  const { root, value } = parsed;
  const at = (offset: number): SourceLocation => {
    const { line, col } = parsed.linePos(offset);
    return { file, line, column: col };
  };
  const problems: YamlProblem[] = parsed.problems.map((p) => ({ message: p.message, at: at(p.offset) }));
  const find = (path: YamlPath): PathNode | undefined => {
    let node: PathNode | undefined = root;
    for (let i = 0; i < path.length && node; i++) node = node.children?.get(path[i]!);
    return node;
  };
  const locate = (path: YamlPath): SourceLocation => {
    // The deepest entry along the path that has a position.
    let node: PathNode | undefined = root;
    let start = node.start;
    for (let i = 0; i < path.length; i++) {
      node = node.children?.get(path[i]!);
      if (!node) break;
      if (node.start >= 0) start = node.start;
    }
    return start >= 0 ? at(start) : { file, line: 1, column: 1 };
  };
  // Whole-line comments, found once: most files have none inside their content, and asking for each of 10,000
  // rules' comments line by line cost more than reading the rules.
  let commentLines: { line: number; text: string; column: number }[] | undefined;
  const wholeLineComments = () => {
    if (commentLines) return commentLines;
    commentLines = [];
    const lines = text.split('\n');
    for (let n = 0; n < lines.length; n++) {
      const m = lines[n]!.includes('#') ? /^(\s*)#(.*)$/.exec(lines[n]!) : null;
      if (m) commentLines.push({ line: n + 1, text: (m[2] ?? '').trim(), column: (m[1]?.length ?? 0) + 1 });
    }
    return commentLines;
  };
  const comments = (path: YamlPath): { text: string; at: SourceLocation }[] => {
    // Below the top-level mapping's first key, every node starts after the first content line.
    if (!parsed.contentComments && path.length >= 2) return [];
    const node = find(path);
    if (!node || node.start < 0) return [];
    const trailing = (node.trailing ?? []).map((c) => ({ text: c.text, at: at(c.offset) }));
    const all = wholeLineComments();
    if (all.length === 0) return trailing;
    const first = at(node.start).line;
    const last = at(Math.max(node.start, node.end - 1)).line;
    // The comment lines directly above the node (contiguous up to its first line), then those inside it.
    let i = firstAtOrAfter(all, first);
    let top = first;
    while (i > 0 && all[i - 1]!.line === top - 1) {
      i--;
      top--;
    }
    const whole: { text: string; at: SourceLocation }[] = [];
    for (; i < all.length && all[i]!.line <= last; i++) {
      const c = all[i]!;
      whole.push({ text: c.text, at: { file, line: c.line, column: c.column } });
    }
    return [...whole, ...trailing];
  };
  return {
    value,
    problems,
    comments,
    locate,
    scalar: (path) => {
      const node = find(path);
      return node?.scalarType !== undefined ? scalarMapping(node.scalarType, node.start, text, at) : undefined;
    },
    locateKey: (path) => {
      const start = find(path)?.keyStart ?? -1;
      return start >= 0 ? at(start) : locate(path);
    },
    entries: (path) => {
      const out = new Map<string | number, { at: SourceLocation; scalar: ScalarMapping | undefined }>();
      for (const [key, node] of find(path)?.children ?? []) {
        if (node.start < 0) continue;
        out.set(key, { at: at(node.start), scalar: node.scalarType !== undefined ? scalarMapping(node.scalarType, node.start, text, at) : undefined });
      }
      return out;
    },
  };
}

/** Index of the first comment on `line` or below (the list is in line order). */
function firstAtOrAfter(comments: readonly { line: number }[], line: number): number {
  let lo = 0;
  let hi = comments.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (comments[mid]!.line < line) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Block scalars' content starts on the line after the `|`/`>` header, at the block's indentation. */
function scalarMapping(type: Scalar.Type | undefined, offset: number, text: string, at: (offset: number) => SourceLocation): ScalarMapping {
  const start = at(offset);
  if (type === 'BLOCK_LITERAL' || type === 'BLOCK_FOLDED') {
    const headerEnd = text.indexOf('\n', offset);
    const firstLine = text.slice(headerEnd + 1).match(/^( *)/);
    return { start, blockIndent: firstLine?.[1]?.length ?? 0 };
  }
  const quoted = type === 'QUOTE_DOUBLE' || type === 'QUOTE_SINGLE';
  return { start: quoted ? { ...start, column: start.column + 1 } : start };
}

/** Where line/column (1-based) inside a scalar's text sits in the file. */
export function locateInScalar(mapping: ScalarMapping, line: number, column: number): SourceLocation {
  if (mapping.blockIndent !== undefined) {
    return { file: mapping.start.file, line: mapping.start.line + line, column: mapping.blockIndent + column };
  }
  if (line === 1) return { ...mapping.start, column: mapping.start.column + column - 1 };
  // A flow scalar folded over several lines: the line is right, the column can only be approximate.
  return { file: mapping.start.file, line: mapping.start.line + line - 1, column };
}
