/**
 * Before/after of one command, interleaved: the same promforge command run from two checkouts (A = a
 * baseline, e.g. `git archive` of an earlier commit with node_modules linked, B = this one), alternating
 * which goes first each round so machine drift hits both alike. `{root}` in the arguments becomes each
 * checkout's directory, so each uses its own generated inputs (generated projects import 'promforge',
 * which resolves to the checkout they sit in). Prints figures only.
 *
 *   npx tsx bench/ab.ts --base /tmp/pf-base [--runs 5] -- build --project {root}/bench/.generated/project-10k --out /tmp/ab-{side}
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { commandLine, fmtMiB, fmtMs, median, runOnce, summarize, type Run } from './measure.js';

const { opt, command } = commandLine(process.argv.slice(2));
const base = opt('base');
if (!base || command.length === 0) {
  console.error('usage: tsx bench/ab.ts --base DIR [--runs N] [--cwd DIR] -- PROMFORGE-ARGS ({root}, {side} are substituted)');
  process.exit(2);
}
const runs = Number(opt('runs') ?? 5);
const here = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const sides = [
  { side: 'A', root: path.resolve(base) },
  { side: 'B', root: here },
] as const;
const argsFor = (root: string, side: string): string[] => command.map((a) => a.replaceAll('{root}', root).replaceAll('{side}', side));
const results: Record<string, Run[]> = { A: [], B: [] };
for (let i = 0; i < runs; i++) {
  const order = i % 2 === 0 ? sides : [...sides].reverse();
  for (const s of order) {
    const r = runOnce(process.execPath, [path.join(s.root, 'bin', 'promforge.js'), ...argsFor(s.root, s.side)], { cwd: opt('cwd') ?? s.root });
    results[s.side]!.push(r);
  }
}
const a = summarize(results.A!);
const b = summarize(results.B!);
const pairs = median(results.A!.map((r, i) => results.B![i]!.ms / r.ms));
for (const [name, t] of [['A (base)', a], ['B (this)', b]] as const) {
  const cpu = t.medianCpuMs !== undefined ? `, CPU ${fmtMs(t.medianCpuMs)}` : '';
  console.log(`${name}: median ${fmtMs(t.medianMs)} (min ${fmtMs(t.minMs)}, max ${fmtMs(t.maxMs)})${cpu}, peak RSS ${fmtMiB(t.medianRssMiB)}, exit ${t.status}`);
}
const cpuRatio = a.medianCpuMs && b.medianCpuMs ? `; CPU B/A ${(b.medianCpuMs / a.medianCpuMs).toFixed(2)}x` : '';
console.log(`wall B/A: ${(b.medianMs / a.medianMs).toFixed(2)}x (median of pair ratios ${pairs.toFixed(2)}x)${cpuRatio}; ${runs} runs each`);
if (a.status !== b.status) console.log(`exit codes differ: A ${a.status}, B ${b.status}`);
