/**
 * Original positions of generated code, read from a source map (version 3) for the few positions asked.
 *
 * Node can hold the bundles' maps itself (build/bundle.ts), but it decodes every mapping of every map into
 * arrays as the module loads: 47 MB of heap for 500 dashboards, kept for the life of the process, to answer
 * one question per dashboard (the line of its `dashboard(...)` call). This decodes a map as far as the lines
 * asked and keeps nothing once the bundle is loaded.
 *
 * `mappings` is one `;`-separated entry per generated line, each a `,`-separated list of segments in base64
 * VLQ: generated column (from the line's start), then source index, original line and original column, each
 * relative to the previous segment's, across lines.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** 1-based line and column in, 1-based out; undefined where the map says nothing. */
export type OriginalPosition = (line: number, column: number) => { file: string; line: number; column: number } | undefined;

export interface SourceMapV3 {
  readonly sources: readonly string[];
  readonly sourceRoot?: string;
  readonly mappings: string;
}

const BASE64 = new Int8Array(128).fill(-1);
const SEMICOLON = 59;
const COMMA = 44;
const isSeparator = (c: number): boolean => c === SEMICOLON || c === COMMA;
[...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'].forEach((c, i) => (BASE64[c.charCodeAt(0)] = i));

/** `map` as read from `mapFile`: its sources are relative to it (and to its sourceRoot). */
export function originalPositions(map: SourceMapV3, mapFile: string): OriginalPosition {
  const base = path.join(path.dirname(mapFile), map.sourceRoot ?? '');
  const files = map.sources.map((s) => (s.startsWith('file://') ? fileURLToPath(s) : path.resolve(base, s)));
  const text = map.mappings;
  // Where the next line starts, with the running values the segments before it left.
  let cursor = { pos: 0, line: 0, source: 0, origLine: 0, origColumn: 0, last: undefined as Segment | undefined };

  /** Reads one VLQ number at `at.pos`. */
  const vlq = (at: { pos: number }): number => {
    let result = 0;
    let shift = 0;
    for (;;) {
      const digit = BASE64[text.charCodeAt(at.pos++)] ?? -1;
      if (digit < 0) throw new Error(`invalid source map: bad character at ${at.pos - 1}`);
      result += (digit & 31) * 2 ** shift;
      if (!(digit & 32)) break;
      shift += 5;
    }
    return result % 2 === 1 ? -(result - 1) / 2 : result / 2;
  };

  /**
   * Advances `state` past one line's segments (and its `;`), calling `segment` for each segment that maps. The
   * lines before the one asked only move the running values: they are read without keeping their segments,
   * since a bundle's map has hundreds of thousands of them.
   */
  const readLine = (state: typeof cursor, segment?: (s: Segment) => void): void => {
    let column = 0;
    let last: Segment | undefined;
    let lastColumn = -1;
    while (state.pos < text.length) {
      const c = text.charCodeAt(state.pos);
      if (c === SEMICOLON) break;
      if (c === COMMA) {
        state.pos++;
        continue;
      }
      column += vlq(state);
      if (state.pos < text.length && !isSeparator(text.charCodeAt(state.pos))) {
        state.source += vlq(state);
        state.origLine += vlq(state);
        state.origColumn += vlq(state);
        // A fifth field names the symbol; not needed for positions.
        if (state.pos < text.length && !isSeparator(text.charCodeAt(state.pos))) vlq(state);
        lastColumn = column;
        if (segment) segment((last = { column, source: state.source, line: state.origLine, origColumn: state.origColumn }));
      }
    }
    state.pos++;
    state.line++;
    if (lastColumn >= 0) state.last = last ?? { column: lastColumn, source: state.source, line: state.origLine, origColumn: state.origColumn };
  };

  return (line, column) => {
    const target = line - 1;
    // Lookups come in the order the bundle runs, mostly forward: going back reads the map again from the start.
    if (target < cursor.line) cursor = { pos: 0, line: 0, source: 0, origLine: 0, origColumn: 0, last: undefined };
    while (cursor.line < target && cursor.pos <= text.length) readLine(cursor);
    // As Node's SourceMap.findEntry: the last segment at or before the position, on this line or an earlier one
    // (past the map's last line, its last segment).
    let found = cursor.last;
    if (cursor.line === target) readLine({ ...cursor }, (s) => {
      if (s.column <= column - 1) found = s;
    });
    const file = found && files[found.source];
    return found && file !== undefined ? { file, line: found.line + 1, column: found.origColumn + 1 } : undefined;
  };
}

interface Segment {
  /** Generated column, 0-based. */
  readonly column: number;
  readonly source: number;
  /** Original line and column, 0-based. */
  readonly line: number;
  readonly origColumn: number;
}
