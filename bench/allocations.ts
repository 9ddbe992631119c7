/**
 * Where a promforge command allocates, collected objects included: the bytes allocated per function (sampled
 * every 32 KiB by V8's heap profiler), the total, and for `--callers FN` which functions called FN for them
 * (`sort`, `keys`, `next` are V8 builtins: their callers are the code to change). Garbage collection was 12 %
 * of the 10k + 500 build; this found the sorts and path arrays behind 0.24 GB of it. Prints figures only.
 *
 *   npx tsx bench/allocations.ts [--top N] [--callers FN] -- build --project DIR --out DIR
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { commandLine } from './measure.js';

interface Node {
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly selfSize: number;
  readonly children: readonly Node[];
}

const { opt, command } = commandLine(process.argv.slice(2));
if (command.length === 0) {
  console.error('usage: tsx bench/allocations.ts [--top N] [--callers FUNCTION] -- PROMFORGE-ARGS');
  process.exit(2);
}
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pf-alloc-')), 'profile.heapprofile');
const run = spawnSync(process.execPath, ['--import', path.join(root, 'bench', 'alloc-hook.mjs'), path.join(root, 'bin', 'promforge.js'), ...command], {
  cwd: root, env: { ...process.env, PF_BENCH_ALLOC_FILE: file }, stdio: ['ignore', 'ignore', 'inherit'],
});
if (!fs.existsSync(file)) {
  console.error(`no profile written (exit ${run.status})`);
  process.exit(1);
}
const { head } = JSON.parse(fs.readFileSync(file, 'utf8')) as { head: Node };
fs.rmSync(path.dirname(file), { recursive: true, force: true });

const name = (n: Node): string => `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.replace(/^file:\/\//, '').replace(/.*\/node_modules\//, 'node_modules/').replace(/.*\/(dist|src)\//, '$1/')}:${n.callFrame.lineNumber + 1}`;
const bySelf = new Map<string, number>();
const byCaller = new Map<string, number>();
const callers = opt('callers');
const walk = (n: Node, parent: string): void => {
  const k = name(n);
  bySelf.set(k, (bySelf.get(k) ?? 0) + n.selfSize);
  if (callers !== undefined && n.callFrame.functionName === callers) byCaller.set(parent, (byCaller.get(parent) ?? 0) + n.selfSize);
  for (const c of n.children) walk(c, k);
};
walk(head, '(root)');
const total = [...bySelf.values()].reduce((a, b) => a + b, 0);
const mb = (b: number): string => `${(b / 2 ** 20).toFixed(1).padStart(7)} MiB`;
const top = Number(opt('top') ?? 30);
console.log(`allocated ${mb(total).trim()} in all (exit ${run.status}); by function:`);
for (const [k, v] of [...bySelf].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${mb(v)}  ${k}`);
if (callers !== undefined) {
  console.log(`\n${callers} allocated for:`);
  for (const [k, v] of [...byCaller].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${mb(v)}  ${k}`);
}
