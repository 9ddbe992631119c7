/**
 * Dashboard JSON written by anyone → the dashboard model, with the line and column of every value, so the
 * checks can point into the file (`nix.json:42:19: panels[3].targets[0].expr ...`).
 *
 * JSON.parse decides what the value is (and reports syntax errors); a small scanner walks the same text to
 * record where each value starts, and where each character of a string was written (escapes included).
 */
import { error, type Diagnostic } from '../diagnostics.js';
import type { SourceLocation } from '../rules/model.js';
import { isJsonObject, type DashboardModel, type JsonPath } from './model.js';

export interface JsonPositions {
  /** Where the value at `path` starts, or its nearest ancestor's. */
  readonly locate: (path: JsonPath) => SourceLocation;
  /** Where character `offset` (0-based, of the decoded string) of the string at `path` was written. */
  readonly locateInString: (path: JsonPath, offset: number) => SourceLocation | undefined;
}

export interface DashboardRead {
  readonly dashboard?: DashboardModel;
  readonly diagnostics: readonly Diagnostic[];
}

const pathKey = (path: JsonPath): string => JSON.stringify(path);

/**
 * `folder` is the provisioning folder the file sits in ('' for none): duplicate titles are per folder.
 *
 * Positions are only needed for findings, and most files have none (the build reads back every dashboard it
 * wrote): JSON.parse reads the value, and the text is scanned for positions on the first question about one,
 * or for the offset of a syntax error. The scanner accepts exactly what JSON.parse accepts (read.test.ts).
 */
export function readDashboardText(text: string, file: string, folder = ''): DashboardRead {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const scanned = scanJson(text, file);
    if (!scanned.ok) return { diagnostics: [error(`not valid JSON: ${scanned.message}`, { at: offsetLocation(text, file, scanned.offset) })] };
    throw e;
  }
  let scanned: JsonPositions | undefined;
  const positions = (): JsonPositions => {
    if (scanned) return scanned;
    const s = scanJson(text, file);
    if (!s.ok) throw new Error(`internal: JSON.parse accepted ${file} and the position scanner did not: ${s.message}`);
    return (scanned = s.positions);
  };
  const locate = (path: JsonPath): SourceLocation => positions().locate(path);
  if (!isJsonObject(value)) {
    return { diagnostics: [error('a dashboard must be a JSON object', { at: locate([]), code: 'dashboard/shape' })] };
  }
  return {
    dashboard: { folder, json: value, source: file, locate, locateInString: (path, offset) => positions().locateInString(path, offset) },
    diagnostics: [],
  };
}

function offsetLocation(text: string, file: string, offset: number): SourceLocation {
  let line = 1, start = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { file, line, column: offset - start + 1 };
}

class JsonSyntaxError extends Error {
  constructor(message: string, readonly offset: number) {
    super(message);
  }
}

const NUMBER = /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
const ESCAPE = /\\(["\\/bfnrt]|u[0-9a-fA-F]{4})/y;

type Scanned = { ok: true; positions: JsonPositions } | { ok: false; message: string; offset: number };

/**
 * Walks JSON text once, recording where every value starts; stops at the first syntax error with its offset
 * (V8's JSON.parse messages do not always carry one).
 */
export function scanJson(text: string, file: string): Scanned {
  const starts = new Map<string, number>();
  const strings = new Map<string, number>();
  let i = 0;
  const fail = (what: string): never => {
    const found = i >= text.length ? 'end of file' : `'${text[i]}'`;
    throw new JsonSyntaxError(`unexpected ${found}, expected ${what}`, i);
  };
  const ws = (): void => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\n' || text[i] === '\r' || text[i] === '\t')) i++;
  };
  const string = (): string => {
    const begin = i;
    i++;
    while (text[i] !== '"') {
      if (i >= text.length || text.charCodeAt(i) < 0x20) fail('the closing " of a string');
      if (text[i] === '\\') {
        ESCAPE.lastIndex = i;
        if (!ESCAPE.exec(text)) fail('an escape (\\", \\\\, \\n, \\uXXXX, …)');
        i = ESCAPE.lastIndex;
      } else i++;
    }
    i++;
    return JSON.parse(text.slice(begin, i)) as string;
  };
  const value = (path: (string | number)[]): void => {
    ws();
    const key = pathKey(path);
    starts.set(key, i);
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail('a property name in double quotes');
        const name = string();
        ws();
        if (text[i] !== ':') fail("':' after the property name");
        i++;
        value([...path, name]);
        ws();
        if (text[i] === '}') {
          i++;
          return;
        }
        if (text[i] !== ',') fail("',' or '}'");
        i++;
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (let n = 0; ; n++) {
        value([...path, n]);
        ws();
        if (text[i] === ']') {
          i++;
          return;
        }
        if (text[i] !== ',') fail("',' or ']'");
        i++;
      }
    }
    if (c === '"') {
      strings.set(key, i + 1);
      string();
      return;
    }
    for (const literal of ['true', 'false', 'null']) {
      if (text.startsWith(literal, i)) {
        i += literal.length;
        return;
      }
    }
    NUMBER.lastIndex = i;
    if (!NUMBER.exec(text)) fail('a value');
    i = NUMBER.lastIndex;
  };
  try {
    value([]);
    ws();
    if (i < text.length) fail('the end of the file after the value');
  } catch (e) {
    if (e instanceof JsonSyntaxError) return { ok: false, message: e.message, offset: e.offset };
    throw e;
  }

  const locate = (path: JsonPath): SourceLocation => {
    for (let n = path.length; n >= 0; n--) {
      const at = starts.get(pathKey(path.slice(0, n)));
      if (at !== undefined) return offsetLocation(text, file, at);
    }
    return { file, line: 1, column: 1 };
  };
  const locateInString = (path: JsonPath, offset: number): SourceLocation | undefined => {
    const start = strings.get(pathKey(path));
    if (start === undefined) return undefined;
    // Each escape (\", \n, \u00e9) is one character of the value but several of the file.
    let raw = start;
    for (let n = 0; n < offset && text[raw] !== '"'; n++) raw += text[raw] !== '\\' ? 1 : text[raw + 1] === 'u' ? 6 : 2;
    return offsetLocation(text, file, raw);
  };
  return { ok: true, positions: { locate, locateInString } };
}
