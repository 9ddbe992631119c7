/**
 * Load: import the project's TypeScript (config and declaration modules) and hand back what they export.
 * An import that throws (a syntax error, a typo'd import) becomes a diagnostic naming the file, never a
 * stack trace.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { error, type Diagnostic } from '../diagnostics.js';
import type { SourceLocation } from '../rules/model.js';

export const CONFIG_FILE = 'promforge.config.ts';

export type Imported = { ok: true; exported: unknown } | { ok: false; diagnostic: Diagnostic };

/**
 * Installs a TypeScript loader. The CLI runs from compiled JavaScript (bin/compile.js) when it can, and only
 * needs tsx once it imports a declaration; under tsx or vitest there is nothing to install.
 */
let installTypeScriptLoader: (() => Promise<void>) | undefined;

export function useTypeScriptLoader(install: () => Promise<void>): void {
  installTypeScriptLoader = install;
}

/**
 * The URL of the compiled CLI's own build of 'promforge' (dist/index.js), when it runs compiled: bundled
 * declarations (build/bundle.ts) import it by URL, so they load natively, need no TypeScript loader, and share
 * every module instance with the pipeline. Undefined under tsx or vitest, where 'promforge' is src/index.ts.
 */
let compiledApi: string | undefined;

export function useCompiledApi(url: string): void {
  compiledApi = url;
}

export const compiledApiUrl = (): string | undefined => compiledApi;

/** Installs the TypeScript loader now if one is waiting: compiled declarations still import TypeScript ('promforge'). */
export function installPendingLoader(): Promise<void> {
  // Imports may run concurrently: each waits for the one installation.
  if (installTypeScriptLoader) {
    installing = installTypeScriptLoader();
    installTypeScriptLoader = undefined;
  }
  return installing;
}

let installing: Promise<void> = Promise.resolve();

export async function importDefault(file: string): Promise<Imported> {
  if (!file.endsWith('.js') && !file.endsWith('.mjs')) await installPendingLoader();
  try {
    const mod = (await import(pathToFileURL(file).href)) as { default?: unknown };
    return { ok: true, exported: mod.default };
  } catch (e) {
    return { ok: false, diagnostic: importFailure(file, e) };
  }
}

/**
 * The module's own line when the error came from it. TypeScript syntax errors come from the transformer
 * (esbuild under tsx: `file:5:0: ERROR: Unexpected "}"`, 0-based column); run-time throws carry stack frames.
 */
export function importFailure(file: string, e: unknown): Diagnostic {
  const plain = (s: string): string => s.replace(/\u001b\[[0-9;]*m/g, '');
  const message = plain(e instanceof Error ? e.message : String(e));
  const stack = plain(e instanceof Error ? (e.stack ?? '') : '');
  const name = path.basename(file).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const transform = new RegExp(`(\\S*${name}):(\\d+):(\\d+): ERROR: (.*)`).exec(message);
  if (transform) {
    return error(`cannot load module: ${transform[4]}`, { at: { file, line: Number(transform[2]), column: Number(transform[3]) + 1 } });
  }
  const frame = new RegExp(`(\\S*${name}):(\\d+):(\\d+)`).exec(`${message}\n${stack}`);
  const at: SourceLocation = frame ? { file, line: Number(frame[2]), column: Number(frame[3]) } : { file, line: 1, column: 1 };
  const lines = message.split('\n').map((l) => l.trim()).filter((l) => l !== '' && !/^Transform failed/.test(l));
  const first = lines[0] ?? message;
  // In a package without "type": "module", tsx loads .ts declarations as CommonJS, and their `import ... from
  // 'promforge'` then ends in a require() of an ES module that Node refuses.
  const commonJs = /require\(\) ES Module|ERR_REQUIRE_(ESM|CYCLE_MODULE|ASYNC_MODULE)/.test(`${message}\n${stack}`);
  return error(`cannot load module: ${first.replace(/^\[[A-Z_]+\]\s*/, '')}`, {
    at,
    ...(commonJs ? { hint: 'declarations are ES modules: add "type": "module" to the project\'s package.json' } : {}),
  });
}

/** `rules/*.ts`, sorted so output order never depends on the file system. Test modules are not rules. */
export function discoverModules(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') && !e.name.endsWith('.d.ts') && !e.name.startsWith('_'))
    .map((e) => path.join(dir, e.name))
    .sort();
}
