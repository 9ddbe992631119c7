/**
 * Many declaration modules loaded as a few. Node's ES module loader costs 2–3 ms a module whatever its size
 * (reading, compiling, linking), and twice that with tsx's off-thread hooks (a resolve and a load round trip to
 * the hooks thread per import): 500 dashboard modules took 2.7 s of a build whose checks take 1 s. esbuild
 * bundles them instead, in groups of GROUP, into a temporary folder beside the sources, and those few modules
 * are imported.
 *
 * It must give what importing each file gives, or nothing:
 * - bare imports (`promforge`, the Grafana SDK) stay imports, resolved by Node from the folder the sources sit
 *   in, so they reach the same package instances as every other declaration; 'promforge' becomes the path of
 *   the compiled CLI's dist/index.js when it runs compiled, so its bundles need no TypeScript loader at all;
 * - modules the files share are evaluated once, as when imported one by one (groups run in whatever order
 *   they load, as the rule modules do: declarations are plain values);
 * - source maps point back at the .ts files, so `dashboard(...)` records the line it was written on (read by
 *   source-map.ts for the positions asked, not held by Node);
 * - anything it cannot do the same way gives undefined, and the caller imports the files one by one, with the
 *   messages that path gives: a syntax error or a missing import (esbuild's build fails), a module that throws
 *   while loading (its group's import rejects), `import.meta` (each module's own URL would become its group's),
 *   a folder it cannot write to, esbuild not installed.
 *
 * A module imported by a bundled file and also loaded on its own (a rules module whose thresholds a dashboard
 * imports) runs twice, once in each; declarations are plain values, so both runs give the same values.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { mapGeneratedFiles } from '../source-location.js';
import { compiledApiUrl, discoverModules, importDefault, installPendingLoader, type Imported } from './load.js';
import { originalPositions, type OriginalPosition, type SourceMapV3 } from './source-map.js';

/**
 * Modules per bundled group. One big module is slower than a few: the position of a call site (which
 * callerLocation asks for every declaration) costs V8 a scan of the calling function's position table, and a
 * group's modules all run in its one top-level function.
 */
const GROUP = 25;
const PREFIX = '.promforge-bundle-';
const ENTRY_NAMESPACE = 'promforge-entry';

/** A bundle being built: start it early (esbuild runs in its own process), import it when the files are needed. */
export interface PendingBundle {
  readonly files: readonly string[];
  readonly built: Promise<Built | undefined>;
}

interface Built {
  readonly outdir: string;
  /** The URL of the compiled API module the bundles import as 'promforge', when the CLI runs compiled. */
  readonly api?: string;
  readonly groups: readonly (readonly string[])[];
  /** Removes the folder. */
  readonly remove: () => void;
}

/** `file` → its default export (undefined when it has none), or undefined when the files must be imported one by one. */
export async function importDefaultsBundled(files: readonly string[]): Promise<ReadonlyMap<string, unknown> | undefined> {
  return importBundle(startBundle(files));
}

/** Starts esbuild on `files` (all in one folder); never rejects. */
export function startBundle(files: readonly string[]): PendingBundle {
  return { files, built: files.length === 0 ? Promise.resolve(undefined) : build(files).catch(() => undefined) };
}

/**
 * From this many modules a folder is loaded as a bundle: below it, a module's share of esbuild's start-up costs
 * more than Node's loader takes for it.
 */
export const BUNDLE_FROM = 20;

/** Starts bundling the declaration modules of `dir` when there are at least `from` of them. */
export function startFolderBundle(dir: string, from = BUNDLE_FROM): PendingBundle | undefined {
  const modules = discoverModules(dir);
  return modules.length >= from ? startBundle(modules) : undefined;
}

/**
 * Each module's default export, in order: from the started bundle when it holds the module (a module added
 * since it started is imported alone), else imported one by one.
 */
export async function importModules(modules: readonly string[], started?: PendingBundle): Promise<{ modulePath: string; imported: Imported }[]> {
  const bundled = started ? await importBundle(started) : undefined;
  const out: { modulePath: string; imported: Imported }[] = [];
  for (const modulePath of modules) {
    out.push({ modulePath, imported: bundled?.has(modulePath) ? { ok: true, exported: bundled.get(modulePath) } : await importDefault(modulePath) });
  }
  return out;
}

/** The files' default exports from a started bundle, or undefined (see importDefaultsBundled); its folder is removed. */
export async function importBundle(pending: PendingBundle): Promise<ReadonlyMap<string, unknown> | undefined> {
  if (pending.files.length === 0) return new Map();
  const built = await pending.built;
  if (!built) return undefined;
  const sourceMaps = process.sourceMapsEnabled;
  let unmap = (): void => {};
  try {
    // The compiled CLI's bundles import its dist/index.js by path (see build()): nothing in them is TypeScript.
    if (!built.api) await installPendingLoader();
    // Node would decode and keep every mapping of the bundles (tens of MB); callerLocation asks the maps itself.
    unmap = mapGeneratedFiles(bundleMaps(built.outdir), { callSites: built.api !== undefined });
    process.setSourceMapsEnabled(false);
    const out = new Map<string, unknown>();
    // All at once, as the rule modules (build/pipeline.ts); the exports are taken in file order.
    const mods = await Promise.all(built.groups.map((_, i) => import(pathToFileURL(path.join(built.outdir, `group-${i}.mjs`)).href) as Promise<{ default: readonly unknown[] }>));
    built.groups.forEach((group, i) => group.forEach((file, j) => out.set(file, mods[i]!.default[j])));
    return out;
  } catch {
    return undefined;
  } finally {
    process.setSourceMapsEnabled(sourceMaps);
    unmap();
    built.remove();
  }
}

/** Each output file of the bundle with its map, read when a position in it is first asked. */
function bundleMaps(outdir: string): Map<string, OriginalPosition> {
  const maps = new Map<string, OriginalPosition>();
  for (const name of fs.readdirSync(outdir)) {
    if (!name.endsWith('.mjs')) continue;
    const mapFile = path.join(outdir, `${name}.map`);
    let lookup: OriginalPosition | undefined;
    maps.set(path.join(outdir, name), (line, column) => {
      lookup ??= originalPositions(JSON.parse(fs.readFileSync(mapFile, 'utf8')) as SourceMapV3, mapFile);
      return lookup(line, column);
    });
  }
  return maps;
}

/** For a started bundle that will not be imported (the build stopped before): its folder is removed. */
export function discardBundle(pending: PendingBundle): void {
  void pending.built.then((built) => built?.remove());
}

async function build(files: readonly string[]): Promise<Built | undefined> {
  const dir = path.dirname(files[0]!);
  let esbuild: typeof import('esbuild');
  try {
    esbuild = await import('esbuild');
  } catch {
    return undefined;
  }
  const groups: (readonly string[])[] = [];
  for (let i = 0; i < files.length; i += GROUP) groups.push(files.slice(i, i + GROUP));
  const api = compiledApiUrl();
  let outdir: string;
  try {
    removeLeftovers(dir);
    outdir = fs.mkdtempSync(path.join(dir, PREFIX));
  } catch {
    return undefined;
  }
  // Whatever happens to the build in between, the folder does not outlive the process.
  const onExit = (): void => fs.rmSync(outdir, { recursive: true, force: true });
  process.once('exit', onExit);
  const remove = (): void => {
    process.off('exit', onExit);
    onExit();
  };
  try {
    const result = await esbuild.build({
      entryPoints: groups.map((_, i) => ({ in: `${ENTRY_NAMESPACE}:${i}`, out: `group-${i}` })),
      outdir,
      absWorkingDir: dir,
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      packages: 'external',
      // .mjs: ES modules whatever the project's package.json says about .js.
      outExtension: { '.js': '.mjs' },
      // With the sources' text: the folder is gone by the time a tool (vitest) reads a map for their lines.
      sourcemap: 'linked',
      metafile: true,
      write: true,
      logLevel: 'silent',
      plugins: [{
        name: 'promforge-groups',
        setup(b) {
          b.onResolve({ filter: new RegExp(`^${ENTRY_NAMESPACE}:`) }, (args) => ({ path: args.path, namespace: ENTRY_NAMESPACE }));
          // What the TypeScript loader's resolve hook (bin/resolve-dist.js) would make of 'promforge'.
          if (api) b.onResolve({ filter: /^promforge$/ }, () => ({ path: api, external: true }));
          b.onLoad({ filter: /.*/, namespace: ENTRY_NAMESPACE }, (args) => {
            const group = groups[Number(args.path.slice(ENTRY_NAMESPACE.length + 1))] ?? [];
            const imports = group.map((f, i) => `import * as m${i} from ${JSON.stringify(f)};`).join('\n');
            return { contents: `${imports}\nexport default [${group.map((_, i) => `m${i}.default`).join(', ')}];\n`, resolveDir: dir, loader: 'js' };
          });
        },
      }],
    });
    const inputs = Object.keys(result.metafile.inputs).filter((i) => !i.startsWith(`${ENTRY_NAMESPACE}:`));
    if (inputs.some((i) => fs.readFileSync(path.resolve(dir, i), 'utf8').includes('import.meta'))) {
      remove();
      return undefined;
    }
    return { outdir, groups, remove, ...(api ? { api } : {}) };
  } catch {
    remove();
    return undefined;
  }
}

/** Folders left by a build that was killed mid-way; only stale ones, a build running beside this one may own a fresh one. */
function removeLeftovers(dir: string): void {
  const staleBefore = Date.now() - 10 * 60 * 1000;
  for (const name of fs.readdirSync(dir)) {
    if (!name.startsWith(PREFIX)) continue;
    const full = path.join(dir, name);
    if (fs.statSync(full).mtimeMs < staleBefore) fs.rmSync(full, { recursive: true, force: true });
  }
}
