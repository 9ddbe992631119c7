/**
 * Dashboard JSON written by anyone → the dashboard model, with the line and column of every value, so the
 * checks can point into the file (`nix.json:42:19: panels[3].targets[0].expr ...`).
 *
 * JSON.parse decides what the value is (and reports syntax errors); a small scanner walks the same text to
 * record where each value starts. Strings map back character for character while they hold no escapes.
 */
import { error, type Diagnostic } from '../diagnostics.js';
import type { SourceLocation } from '../rules/model.js';
import { isJsonObject, type DashboardModel, type JsonPath } from './model.js';

export interface JsonPositions {
  /** Where the value at `path` starts, or its nearest ancestor's. */
  readonly locate: (path: JsonPath) => SourceLocation;
  /** Where character `offset` (0-based) of the string at `path` sits, when the string has no escapes before it. */
  readonly locateInString: (path: JsonPath, offset: number) => SourceLocation | undefined;
}

export interface DashboardRead {
  readonly dashboard?: DashboardModel;
  readonly diagnostics: readonly Diagnostic[];
  readonly positions?: JsonPositions;
}

const pathKey = (path: JsonPath): string => JSON.stringify(path);

/** `folder` is the provisioning folder the file sits in ('' for none): duplicate titles are per folder. */
export function readDashboardText(text: string, file: string, folder = ''): DashboardRead {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { diagnostics: [error(`not valid JSON: ${syntaxMessage(e)}`, { at: syntaxLocation(text, file, e) })] };
  }
  const positions = jsonPositions(text, file);
  if (!isJsonObject(value)) {
    return { diagnostics: [error('a dashboard must be a JSON object', { at: positions.locate([]), code: 'dashboard/shape' })], positions };
  }
  return { dashboard: { folder, json: value, source: file, locate: positions.locate, locateInString: positions.locateInString }, diagnostics: [], positions };
}

function syntaxMessage(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).replace(/ in JSON at position \d+.*$/s, '');
}

function syntaxLocation(text: string, file: string, e: unknown): SourceLocation {
  const m = /position (\d+)/.exec(e instanceof Error ? e.message : '');
  return offsetLocation(text, file, m ? Number(m[1]) : 0);
}

function offsetLocation(text: string, file: string, offset: number): SourceLocation {
  let line = 1, start = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { file, line, column: offset - start + 1 };
}

/** Value start offsets by path, for text JSON.parse has accepted. */
export function jsonPositions(text: string, file: string): JsonPositions {
  const starts = new Map<string, number>();
  const strings = new Map<string, { start: number; firstEscape: number }>();
  let i = 0;
  const ws = (): void => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\n' || text[i] === '\r' || text[i] === '\t')) i++;
  };
  const string = (): string => {
    const begin = i;
    i++;
    let firstEscape = -1;
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\\') {
        if (firstEscape < 0) firstEscape = i - begin - 1;
        i++;
      }
      i++;
    }
    i++;
    lastString = { start: begin + 1, firstEscape };
    return JSON.parse(text.slice(begin, i)) as string;
  };
  let lastString = { start: 0, firstEscape: -1 };
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
        const name = string();
        ws();
        i++; // ':'
        value([...path, name]);
        ws();
        if (text[i++] === '}') return;
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
        if (text[i++] === ']') return;
      }
    }
    if (c === '"') {
      string();
      strings.set(key, lastString);
      return;
    }
    while (i < text.length && !/[\s,\]}]/.test(text[i]!)) i++;
  };
  value([]);

  const locate = (path: JsonPath): SourceLocation => {
    for (let n = path.length; n >= 0; n--) {
      const at = starts.get(pathKey(path.slice(0, n)));
      if (at !== undefined) return offsetLocation(text, file, at);
    }
    return { file, line: 1, column: 1 };
  };
  const locateInString = (path: JsonPath, offset: number): SourceLocation | undefined => {
    const s = strings.get(pathKey(path));
    if (!s || (s.firstEscape >= 0 && s.firstEscape < offset)) return undefined;
    return offsetLocation(text, file, s.start + offset);
  };
  return { locate, locateInString };
}
