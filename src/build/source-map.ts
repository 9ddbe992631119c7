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
/** Lines between the cursors kept for lookups that go back. */
const CHECKPOINT = 16;

/** A VLQ number's place values: five bits a digit. */
const POWERS_OF_32 = Array.from({ length: 11 }, (_, i) => 32 ** i);
[...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'].forEach((c, i) => (BASE64[c.charCodeAt(0)] = i));

/** `map` as read from `mapFile`: its sources are relative to it (and to its sourceRoot). */
export function originalPositions(map: SourceMapV3, mapFile: string): OriginalPosition {
  const base = path.join(path.dirname(mapFile), map.sourceRoot ?? '');
  const files = map.sources.map((s) => (s.startsWith('file://') ? fileURLToPath(s) : path.resolve(base, s)));
  const text = map.mappings;
  // Where the next line starts, with the running values the segments before it left.
  // `lastColumn` -1: no segment mapped yet; else the last mapped segment is lastColumn and the running values.
  let cursor = { pos: 0, line: 0, source: 0, origLine: 0, origColumn: 0, lastColumn: -1 };
  // The cursor as it was at the start of every CHECKPOINT-th line read so far: a lookup behind the cursor starts
  // at the checkpoint before it.
  const starts: (typeof cursor)[] = [{ ...cursor }];

  /**
   * Advances `state` past one line's segments (and its `;`), calling `segment` for each segment that maps. The
   * lines before the one asked only move the running values: they are read without keeping their segments,
   * since a bundle's map has hundreds of thousands of them. One pass over the characters, the running values in
   * locals: 3 MB of mappings for 10k rules and 500 dashboards.
   */
  const readLine = (state: typeof cursor, segment?: (s: Segment) => void): void => {
    let { pos, source, origLine, origColumn } = state;
    let column = 0;
    let field = 0;
    let value = 0;
    let digits = 0;
    let lastColumn = -1;
    const length = text.length;
    for (; ; pos++) {
      const c = pos < length ? text.charCodeAt(pos) : SEMICOLON;
      if (c === SEMICOLON || c === COMMA) {
        if (digits > 0) throw new Error(`invalid source map: a number ends unfinished at ${pos}`);
        // Four fields (five with a name) map the segment; one is a generated column alone.
        if (field >= 4) {
          lastColumn = column;
          if (segment) segment({ column, source, line: origLine, origColumn });
        }
        field = 0;
        if (c === SEMICOLON) break;
        continue;
      }
      const digit = c < 128 ? BASE64[c]! : -1;
      if (digit < 0) throw new Error(`invalid source map: bad character at ${pos}`);
      value += (digit & 31) * POWERS_OF_32[digits]!;
      if (digit & 32) {
        digits++;
        continue;
      }
      const n = value % 2 === 1 ? -(value - 1) / 2 : value / 2;
      value = 0;
      digits = 0;
      if (field === 0) column += n;
      else if (field === 1) source += n;
      else if (field === 2) origLine += n;
      else if (field === 3) origColumn += n;
      field++;
    }
    state.pos = pos + 1;
    state.line++;
    state.source = source;
    state.origLine = origLine;
    state.origColumn = origColumn;
    // After a line's last mapped segment only unmapped ones (a column alone) may follow: the running values are
    // that segment's.
    if (lastColumn >= 0) state.lastColumn = lastColumn;
  };

  return (line, column) => {
    const target = line - 1;
    // Lookups come in the order the bundle runs, mostly forward; an argument runs before the call it is passed
    // to, which is a step back to a line already read.
    if (target < cursor.line) cursor = { ...starts[Math.floor(Math.max(0, target) / CHECKPOINT)]! };
    while (cursor.line < target && cursor.pos <= text.length) {
      readLine(cursor);
      if (cursor.line === starts.length * CHECKPOINT) starts.push({ ...cursor });
    }
    // As Node's SourceMap.findEntry: the last segment at or before the position, on this line or an earlier one
    // (past the map's last line, its last segment).
    let found: Segment | undefined = cursor.lastColumn >= 0
      ? { column: cursor.lastColumn, source: cursor.source, line: cursor.origLine, origColumn: cursor.origColumn }
      : undefined;
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
