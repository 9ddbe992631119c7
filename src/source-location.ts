/**
 * The file and line of the user's code that called one of our declaration functions, read off a stack
 * trace. tsx and vitest install source maps, so the positions are those of the TypeScript source.
 */
import { findSourceMap } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { SourceLocation } from './rules/model.js';

const FRAME = /\(?((?:file:\/\/)?[^()\s]+?):(\d+):(\d+)\)?$/;

type Lookup = (line: number, column: number) => SourceLocation | undefined;

/**
 * Generated files whose source maps Node does not hold (build/bundle.ts loads its bundles with Node's off and
 * reads their maps itself), by path: where the stack text names one, the position is mapped through it; where
 * the files run as written (`callSites`), so is a call site's position, without formatting a stack.
 */
const generated = new Map<string, { readonly lookup: Lookup; readonly callSites: boolean }>();

/**
 * Registers generated files' positions until the returned function is called. `callSites`: Node runs the files
 * exactly as they were written, so V8's call sites are positions in them (not so under vitest, which runs a
 * module as vite rewrote it; only the stack text, which vitest maps, says where a call was written there).
 */
export function mapGeneratedFiles(files: ReadonlyMap<string, Lookup>, options: { callSites?: boolean } = {}): () => void {
  const entries = [...files].map(([file, lookup]) => [file, { lookup, callSites: options.callSites === true }] as const);
  for (const [file, entry] of entries) generated.set(file, entry);
  return () => {
    for (const [file, entry] of entries) if (generated.get(file) === entry) generated.delete(file);
  };
}

/** The first frame outside the files in `skip` (our API modules) and outside node internals. */
export function callerLocation(skip: readonly string[]): SourceLocation | undefined {
  // Every alert()/record() asks, so the formatted stack (every frame mapped through source maps) is only
  // built when the caller's frame cannot be mapped directly, by the same source map Node itself would use.
  const site = callerSite(skip);
  if (!site) return fromStackText(skip);
  const map = sourceMapOf(site.file);
  if (!map) return fromGeneratedSite(site, skip) ?? fromStackText(skip);
  const entry = map.findEntry(site.line - 1, site.column - 1);
  if (!('originalSource' in entry) || !entry.originalSource) return fromStackText(skip);
  const file = toPath(entry.originalSource);
  return isCaller(file, skip) ? { file, line: entry.originalLine + 1, column: entry.originalColumn + 1 } : fromStackText(skip);
}

/** A call site in a generated file that runs as written, through that file's map. */
function fromGeneratedSite(site: { file: string; line: number; column: number }, skip: readonly string[]): SourceLocation | undefined {
  const entry = generated.get(toPath(site.file));
  if (!entry?.callSites) return undefined;
  const original = entry.lookup(site.line, site.column);
  return original && isCaller(original.file, skip) ? original : undefined;
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
    const original = generated.get(file)?.lookup(Number(m[2]), Number(m[3]));
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
