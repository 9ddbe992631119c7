/**
 * The file and line of the user's code that called one of our declaration functions, read off a stack
 * trace. tsx and vitest install source maps, so the positions are those of the TypeScript source.
 */
import { findSourceMap } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { SourceLocation } from './rules/model.js';

const FRAME = /\(?((?:file:\/\/)?[^()\s]+?):(\d+):(\d+)\)?$/;

/**
 * Generated files whose source maps Node does not hold (build/bundle.ts loads its bundles with Node's off and
 * reads their maps itself), by path: where the stack text names one, the position is mapped through it.
 */
const generated = new Map<string, (line: number, column: number) => SourceLocation | undefined>();

/** Registers generated files' positions until the returned function is called. */
export function mapGeneratedFiles(files: ReadonlyMap<string, (line: number, column: number) => SourceLocation | undefined>): () => void {
  for (const [file, lookup] of files) generated.set(file, lookup);
  return () => {
    for (const [file, lookup] of files) if (generated.get(file) === lookup) generated.delete(file);
  };
}

/** The first frame outside the files in `skip` (our API modules) and outside node internals. */
export function callerLocation(skip: readonly string[]): SourceLocation | undefined {
  // Every alert()/record() asks, so the formatted stack (every frame mapped through source maps) is only
  // built when the caller's frame cannot be mapped directly, by the same source map Node itself would use.
  const site = callerSite(skip);
  if (!site) return fromStackText(skip);
  const map = sourceMapOf(site.file);
  if (!map) return fromStackText(skip);
  const entry = map.findEntry(site.line - 1, site.column - 1);
  if (!('originalSource' in entry) || !entry.originalSource) return fromStackText(skip);
  const file = toPath(entry.originalSource);
  return isCaller(file, skip) ? { file, line: entry.originalLine + 1, column: entry.originalColumn + 1 } : fromStackText(skip);
}

/**
 * The caller's frame as V8 records it (generated positions), by the rules fromStackText applies to mapped
 * frames; undefined when a frame it passes over could map somewhere those rules would stop.
 */
function callerSite(skip: readonly string[]): { file: string; line: number; column: number } | undefined {
  const saved = Error.prepareStackTrace;
  let sites: unknown;
  try {
    Error.prepareStackTrace = (_error, callSites) => callSites;
    const holder: { stack?: unknown } = {};
    Error.captureStackTrace(holder);
    sites = holder.stack; // formatted on first access: while the override is in place
  } finally {
    Error.prepareStackTrace = saved;
  }
  if (!Array.isArray(sites)) return undefined;
  for (const site of sites as NodeJS.CallSite[]) {
    const name = site.getFileName();
    if (!name) continue;
    const file = toPath(name);
    if (isCaller(file, skip)) {
      const line = site.getLineNumber();
      const column = site.getColumnNumber();
      if (line === null || column === null) continue;
      return { file: name, line, column };
    }
    if (file.includes('/node_modules/') && sourceMapOf(name)) return undefined;
  }
  return undefined;
}

/**
 * Node's source map of a loaded module, by its URL, asked once per module: every declaration in a module asks
 * for the same one. A module's map is registered when it loads, before its code can call us.
 */
const sourceMaps = new Map<string, ReturnType<typeof findSourceMap>>();
function sourceMapOf(file: string): ReturnType<typeof findSourceMap> {
  if (sourceMaps.has(file)) return sourceMaps.get(file);
  const map = findSourceMap(file);
  sourceMaps.set(file, map);
  return map;
}

/**
 * The formatted stack: what Node prints, source-mapped by whoever installed source maps (tsx, vitest), or
 * through a generated file's own map. The stack text, not the call site: under vitest a bundle runs as vite
 * rewrote it, and only the text (which vitest maps back to the .ts) says where the call was written.
 */
function fromStackText(skip: readonly string[]): SourceLocation | undefined {
  const stack = new Error().stack ?? '';
  for (const line of stack.split('\n').slice(1)) {
    const m = FRAME.exec(line.trim());
    if (!m || !m[1] || !m[2] || !m[3]) continue;
    const file = toPath(m[1]);
    if (!isCaller(file, skip)) continue;
    const lookup = generated.get(file);
    const original = lookup?.(Number(m[2]), Number(m[3]));
    if (original && isCaller(original.file, skip)) return original;
    return { file, line: Number(m[2]), column: Number(m[3]) };
  }
  return undefined;
}

/** Call sites name their files by URL; every declaration's walk converts the same few, so each is converted once. */
const paths = new Map<string, string>();
function toPath(file: string): string {
  let p = paths.get(file);
  if (p === undefined) paths.set(file, (p = file.startsWith('file://') ? fileURLToPath(file) : file));
  return p;
}

const isCaller = (file: string, skip: readonly string[]): boolean =>
  !file.startsWith('node:') && !file.includes('/node_modules/') && file !== thisFile && !skip.includes(file);

const thisFile = fileURLToPath(import.meta.url);
