/**
 * Top frames of a V8 .cpuprofile (from `node --cpu-prof`): self time per function and per source file, and
 * total time (self + callees, each function counted once per sample however deep it recurses), which is what
 * attributes a flat profile to pipeline steps.
 *   npx tsx bench/profile.ts PROFILE.cpuprofile [N] [--total-filter SUBSTRING]
 */
import fs from 'node:fs';

interface Node { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number; children?: number[] }
const args = process.argv.slice(2);
const filterAt = args.indexOf('--total-filter');
const totalFilter = filterAt >= 0 ? args.splice(filterAt, 2)[1] : 'src/';
const [file, nArg] = args;
if (!file) { console.error('usage: tsx bench/profile.ts PROFILE.cpuprofile [N] [--total-filter SUBSTRING]'); process.exit(2); }
const prof = JSON.parse(fs.readFileSync(file, 'utf8')) as { nodes: Node[]; samples: number[]; timeDeltas: number[] };
const n = Number(nArg ?? 15);
const selfUs = new Map<number, number>();
prof.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (prof.timeDeltas[i] ?? 0)));
const total = [...selfUs.values()].reduce((a, b) => a + b, 0);
const short = (url: string): string => url.replace(/^file:\/\//, '').replace(/.*\/node_modules\//, 'node_modules/').replace(/.*\/work\/[^/]+\//, '');
const keyOf = (node: Node): string => `${node.callFrame.functionName || '(anonymous)'} ${short(node.callFrame.url)}:${node.callFrame.lineNumber + 1}`;
const byId = new Map(prof.nodes.map((node) => [node.id, node]));
const parent = new Map<number, number>();
for (const node of prof.nodes) for (const c of node.children ?? []) parent.set(c, node.id);

const byFn = new Map<string, number>();
const byFile = new Map<string, number>();
const inclusive = new Map<string, number>();
for (const node of prof.nodes) {
  const us = selfUs.get(node.id) ?? 0;
  if (!us) continue;
  const key = keyOf(node);
  byFn.set(key, (byFn.get(key) ?? 0) + us);
  const fk = short(node.callFrame.url) || node.callFrame.functionName;
  byFile.set(fk, (byFile.get(fk) ?? 0) + us);
  const seen = new Set<string>();
  for (let id: number | undefined = node.id; id !== undefined; id = parent.get(id)) {
    const k = keyOf(byId.get(id)!);
    if (!seen.has(k)) { seen.add(k); inclusive.set(k, (inclusive.get(k) ?? 0) + us); }
  }
}
const pct = (us: number): string => `${((100 * us) / total).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(6)} ms`;
console.log(`total sampled ${(total / 1000).toFixed(0)} ms\n-- self time by function --`);
for (const [k, us] of [...byFn].sort((a, b) => b[1] - a[1]).slice(0, n)) console.log(`${pct(us)}  ${k}`);
console.log('-- self time by file --');
for (const [k, us] of [...byFile].sort((a, b) => b[1] - a[1]).slice(0, n)) console.log(`${pct(us)}  ${k}`);
console.log(`-- total time (self + callees) of functions whose file contains "${totalFilter}" --`);
for (const [k, us] of [...inclusive].filter(([k]) => k.includes(totalFilter ?? '')).sort((a, b) => b[1] - a[1]).slice(0, n)) console.log(`${pct(us)}  ${k}`);
