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

export async function importDefault(file: string): Promise<Imported> {
  try {
    const mod = (await import(pathToFileURL(file).href)) as { default?: unknown };
    return { ok: true, exported: mod.default };
  } catch (e) {
    return { ok: false, diagnostic: importFailure(file, e) };
  }
}

/** The module's own line when the error came from it (esbuild and stack frames both carry one). */
function importFailure(file: string, e: unknown): Diagnostic {
  const message = e instanceof Error ? e.message : String(e);
  const stack = e instanceof Error ? (e.stack ?? '') : '';
  const escaped = file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = new RegExp(`${escaped}:(\\d+):(\\d+)`).exec(`${message}\n${stack}`);
  const at: SourceLocation = m ? { file, line: Number(m[1]), column: Number(m[2]) } : { file, line: 1, column: 1 };
  const firstLine = message.split('\n').find((l) => l.trim() !== '') ?? message;
  return error(`cannot load module: ${firstLine.replace(`${file}:`, '').trim()}`, { at });
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
