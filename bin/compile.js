/**
 * dist/: src/ compiled to plain JavaScript with esbuild, so the CLI starts without a TypeScript loader (the
 * loader and the per-module transforms cost more than promtool's whole `check rules` run). Built by `npm ci`
 * (prepare) and again by the CLI whenever src/ has changed since: dist/.sources records the sources it was
 * built from, with their modification times. `check` runs dist/check.cjs, the same CLI as one script with V8's
 * code cache (see CHECK below). Tests and `npm run build` keep running src/ under tsx/vitest.
 *
 *   node bin/compile.js        compile now (what prepare runs; never fails the install)
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const STAMP = '.sources';
/**
 * cli: the process entry; index: what declarations import as 'promforge'; load: where the CLI is told how to
 * install tsx. One build with shared chunks, so all three share one instance of every module.
 */
const ENTRIES = { cli: 'src/cli/run.ts', index: 'src/index.ts', load: 'src/build/load.ts' };

/** Modification times of everything dist/ may be built from: src/, package.json, this file. */
function sourceTimes(root) {
  const times = new Map();
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.name.endsWith('.ts')) times.set(path.relative(root, full), fs.statSync(full).mtimeMs);
    }
  };
  walk(path.join(root, 'src'));
  for (const f of ['package.json', 'bin/compile.js']) times.set(f, fs.statSync(path.join(root, f)).mtimeMs);
  return times;
}

/**
 * dist/ matches src/ (or there is no src/ to build it from, as in a published package). The stamp lists the
 * files the bundle was made of with their times, so only those are looked at: a file no bundled module imports
 * cannot change dist/ until one that is bundled is edited to import it. Every run of the CLI pays for this.
 */
export function distIsFresh(root = ROOT, outDir = path.join(root, 'dist')) {
  if (!fs.existsSync(path.join(outDir, 'cli.js')) || !fs.existsSync(path.join(outDir, CHECK))) return false;
  if (!fs.existsSync(path.join(root, 'src'))) return true;
  try {
    const stamp = fs.readFileSync(path.join(outDir, STAMP), 'utf8');
    if (stamp === '') return false;
    for (const line of stamp.split('\n')) {
      const at = line.lastIndexOf(' ');
      const stat = fs.statSync(path.join(root, line.slice(0, at)), { throwIfNoEntry: false });
      if (!stat || String(stat.mtimeMs) !== line.slice(at + 1)) return false;
    }
    return true;
  } catch {
    return false;
  }
}

/**
 * Builds dist/ file by file, each written to a temporary name and renamed into place: chunks (content-hashed
 * names) first, the entries and check.cjs after, the stamp last. A CLI already running keeps finding the chunks
 * it loads lazily, and two CLIs compiling at once write the same bytes. Chunks no build has used for an hour
 * go, and code caches of other check.cjs builds at once.
 */
export async function compileDist(root = ROOT, outDir = path.join(root, 'dist')) {
  const { build } = await import('esbuild');
  // Times taken before the build: a file edited while esbuild reads it leaves dist/ stale, and the next run sees so.
  const times = sourceTimes(root);
  const result = await build({
    ...COMMON,
    entryPoints: ENTRIES,
    absWorkingDir: root,
    outdir: outDir,
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    format: 'esm',
    banner: { js: "import { createRequire as __promforgeRequire } from 'node:module'; const require = __promforgeRequire(import.meta.url);" },
    metafile: true,
  });
  const check = await build({
    ...COMMON,
    entryPoints: [ENTRIES.cli],
    absWorkingDir: root,
    outfile: path.join(outDir, CHECK),
    format: 'cjs',
    define: { 'import.meta.url': '__promforgeUrl' },
    banner: { js: "const __promforgeUrl = require('node:url').pathToFileURL(__filename).href;" },
  });
  const bundled = Object.keys(result.metafile.inputs).filter((f) => f.startsWith('src/'));
  // A file that appeared during the build has no time from before it: -1 never matches, so it is rebuilt.
  const state = [...bundled, 'package.json', 'bin/compile.js'].map((f) => `${f} ${times.get(f) ?? -1}`).sort().join('\n');
  const files = [...result.outputFiles].sort((a, b) => rank(a.path) - rank(b.path) || a.path.localeCompare(b.path));
  for (const f of files) writeAtomically(f.path, f.contents);
  const checkSource = check.outputFiles[0].text;
  const hash = crypto.createHash('sha256').update(checkSource).digest('hex').slice(0, 16);
  writeAtomically(path.join(outDir, CHECK), `// promforge-cache ${hash}\n${checkSource}`);
  writeAtomically(path.join(outDir, STAMP), state);
  pruneChunks(outDir, new Set(files.map((f) => f.path)));
  for (const name of fs.readdirSync(outDir)) {
    if (name.endsWith('.v8cache') && name !== `check-${hash}.v8cache`) fs.rmSync(path.join(outDir, name), { force: true });
  }
}

/**
 * `promforge check` never imports declarations, so it needs no module shared with them: it runs this one
 * CommonJS bundle of the whole CLI instead, through V8's code cache (bin/cached.js), which Node 20 offers for
 * scripts and not for ES modules. Compiling the CLI's code was the larger part of a check's start-up, and a
 * check of promtool's 10,000-rule file is mostly start-up. The first line names the source's hash, which names
 * its cache: V8 itself only compares a cache's source length.
 */
const CHECK = 'check.cjs';

/** What both bundles share. */
const COMMON = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  // The CLI's own dependencies are bundled: resolving and loading them file by file cost more than a rule
  // file's whole check. Grafana's SDK stays a package, so dashboards and promforge's helpers share its
  // classes; tsx and esbuild load themselves; ajv and yaml are required at run time, when a file needs them.
  external: ['@grafana/grafana-foundation-sdk', '@grafana/grafana-foundation-sdk/*', 'tsx', 'tsx/*', 'esbuild', 'ajv', 'ajv/*', 'yaml'],
  // No source maps: stack frames must name dist's own files, which is how callerLocation() tells promforge's
  // frames from the user's.
  sourcemap: false,
  write: false,
  logLevel: 'silent',
};

const rank = (file) => (file.includes(`${path.sep}chunks${path.sep}`) ? 0 : 1);

function writeAtomically(file, contents) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, contents);
  fs.renameSync(tmp, file);
}

function pruneChunks(outDir, keep) {
  const dir = path.join(outDir, 'chunks');
  const before = Date.now() - 60 * 60 * 1000;
  for (const name of fs.readdirSync(dir)) {
    const full = path.join(dir, name);
    if (!keep.has(full) && fs.statSync(full).mtimeMs < before) fs.rmSync(full, { force: true });
  }
}

/**
 * The compiled CLI, (re)built first when src/ changed; undefined when it cannot be had (esbuild missing, a
 * syntax error in src/, a read-only install): the caller then runs src/ under tsx, which reports such errors.
 */
export async function compiledCli(root = ROOT) {
  if (process.env.PROMFORGE_FROM_SOURCE === '1') return undefined;
  const outDir = path.join(root, 'dist');
  try {
    if (!distIsFresh(root, outDir)) await compileDist(root, outDir);
    return {
      load: pathToFileURL(path.join(outDir, 'load.js')).href,
      cli: pathToFileURL(path.join(outDir, 'cli.js')).href,
      index: pathToFileURL(path.join(outDir, 'index.js')).href,
      check: path.join(outDir, CHECK),
    };
  } catch {
    return undefined;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    await compileDist();
  } catch (e) {
    // An install must not fail over this: the CLI falls back to running src/ under tsx.
    process.stderr.write(`promforge: could not compile src/ to dist/ (${e instanceof Error ? e.message.split('\n')[0] : String(e)}); the CLI will run src/ under tsx\n`);
  }
}
