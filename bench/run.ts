/**
 * `npm run bench`: promforge's speed at scale, side by side with promtool, in one run. Prints figures and
 * never fails on timing (exit 1 only when a benchmark could not run, e.g. a build that failed).
 *
 *   npm run bench                         # 1k, 10k, 50k rules, with and without dashboards; 3 runs each (50k: 2): about 8 min
 *   npm run bench -- --quick              # 1k and 10k, 1 run, a small test suite: about a minute
 *   npm run bench -- --sizes 1k,10k --runs 5 --only build,check,test,promql --json out.json
 *
 * Section 1 builds generated projects (bench/.generated/, git-ignored) with and without dashboards, 2 and 3 run promforge and promtool
 * pair by pair on the same files, 4 measures PromQL parse/type-check/lint throughput in-process.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateProject, generateTestSuite, SIZES, type TestSuiteSize } from './gen.js';
import { fmtMiB, fmtMs, runOnce, timePairs, timeRuns, type Timed } from './measure.js';

const fmtCpu = (t: Timed): string => (t.medianCpuMs === undefined ? 'n/a' : fmtMs(t.medianCpuMs));
import { measureThroughput } from './throughput.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const GENERATED = path.join(ROOT, 'bench', '.generated');
const SHARED = path.resolve(ROOT, '..', 'shared', 'conformance');
const RULES_LARGE = path.join(SHARED, 'promtool', 'rules_large.yml');
const NODE = process.execPath;
const CLI = path.join(ROOT, 'bin', 'promforge.js');

// ---- flags ----
const argv = process.argv.slice(2);
const flag = (name: string): boolean => argv.includes(`--${name}`);
const value = (name: string): string | undefined => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
if (flag('help')) {
  console.log('usage: npm run bench -- [--quick] [--runs N] [--runs-50k N] [--sizes 1k,10k,50k] [--only build,check,test,promql] [--json FILE]');
  process.exit(0);
}
const quick = flag('quick');
const runs = Number(value('runs') ?? (quick ? 1 : 3));
const runs50k = Number(value('runs-50k') ?? (quick ? 1 : Math.min(runs, 2)));
const sizeLabels = (value('sizes') ?? (quick ? '1k,10k' : '1k,10k,50k')).split(',');
const sizes = SIZES.filter((s) => sizeLabels.includes(s.label));
const only = new Set((value('only') ?? 'build,check,test,promql').split(','));
const suite: TestSuiteSize = quick
  ? { alerts: 8, groups: 10, seriesPerGroup: 2, samples: 360, alertsPerGroup: 8 }
  : { alerts: 8, groups: 10, seriesPerGroup: 2, samples: 1440, alertsPerGroup: 8 };

const results: Record<string, unknown> = {};
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'promforge-bench-'));
let failed = false;
const problem = (msg: string, r?: { stdout: string; stderr: string }): void => {
  failed = true;
  console.log(`  !! ${msg}`);
  if (r) console.log((r.stderr || r.stdout).split('\n').slice(0, 10).map((l) => `     ${l}`).join('\n'));
};
const row = (cells: readonly string[], widths: readonly number[]): string => cells.map((c, i) => c.padEnd(widths[i] ?? 12)).join(' ');
const sh = (cmd: string, args: string[]): string => {
  try { return execFileSync(cmd, args, { encoding: 'utf8' }).trim(); } catch { return '?'; }
};

// promtool here is Debian's 2.42: have promforge apply the same release's semantics (range boundaries, name rules).
const promtoolVersion = /version (\d+\.\d+\.\d+)/.exec(sh('promtool', ['--version']))?.[1] ?? '2.42.0';
const VERSION_FLAG = ['--prometheus-version', promtoolVersion];

// ---- machine ----
const machine = {
  nproc: sh('nproc', []),
  cpu: os.cpus()[0]?.model ?? '?',
  memory: sh('free', ['-h']).split('\n')[1]?.trim().split(/\s+/)[1] ?? '?',
  node: process.version,
  promtool: sh('promtool', ['--version']).split('\n')[0] ?? '?',
  timeSource: fs.existsSync('/usr/bin/time') ? '/usr/bin/time (max RSS, user+sys CPU)' : 'process.resourceUsage() preload (node only)',
  loadBefore: os.loadavg().map((l) => l.toFixed(2)).join(' '),
};
results.machine = machine;
results.settings = { runs, runs50k, sizes: sizes.map((s) => s.label), quick, suite };
console.log(`promforge bench: ${machine.nproc} cores (${machine.cpu}), ${machine.memory} RAM, node ${machine.node}, ${machine.promtool}`);
console.log(`load average before: ${machine.loadBefore} (other work on the machine slows both tools; CPU time is less affected than wall time)`);
console.log(`runs per figure: ${runs} (50k: ${runs50k}); medians shown; scratch in ${tmp}\n`);

// The CLI runs from dist/ (bin/compile.js), compiled on first use after src/ changed: not a cost to measure.
runOnce(NODE, [CLI, '--help'], { cwd: ROOT });

// How fast the machine runs right now: a VM's speed drifts by a third within an hour while it looks idle, so
// each run says where it stood (the in-process PromQL parse rate, which none of the builds' work changes).
if (fs.existsSync(path.join(SHARED, 'promql'))) {
  const probe = measureThroughput(path.join(SHARED, 'promql'), 5);
  results.speedProbe = { parsePerSec: probe.parsePerSec };
  console.log(`machine speed probe: parsePromQL ${Math.round(probe.parsePerSec).toLocaleString('en')} expr/s (a cold JIT; compare it across runs, not with section 4)\n`);
}

// ---- 1. build at scale ----
// Each size twice: rules only, and the same rules with dashboards (and their CPU alerts linking to them), run
// pair by pair so the difference is the dashboards' share. The rules-only build's files feed section 2.
const builds: { label: string; rules: number; t: Timed; outDir: string }[] = [];
if (only.has('build') || only.has('check')) {
  console.log('1. promforge build of generated projects (node bin/promforge.js build --project DIR --out TMP), pair by pair');
  const W = [6, 8, 13, 26, 34, 18, 16, 12];
  console.log(row(['size', 'rules', 'dashboards', 'rules only: wall CPU RSS', 'with dashboards: wall (min-max) CPU RSS', 'dashboards\' share', 'first build', 'vs previous'], W));
  const out: unknown[] = [];
  let previous: { rules: number; ms: number } | undefined;
  for (const size of sizes) {
    const rulesDir = path.join(GENERATED, `project-${size.label}`);
    const dashDir = path.join(GENERATED, `project-${size.label}-dashboards`);
    generateProject(rulesDir, size);
    const gen = generateProject(dashDir, size, { dashboards: true });
    const outDir = path.join(tmp, `build-${size.label}`);
    const n = size.label === '50k' ? runs50k : runs;
    const p = timePairs(n,
      { cmd: NODE, args: [CLI, 'build', '--project', rulesDir, '--out', outDir], cwd: ROOT },
      { cmd: NODE, args: [CLI, 'build', '--project', dashDir, '--out', path.join(tmp, `build-${size.label}-dashboards`)], cwd: ROOT });
    // A first build on a fresh machine: tsx transforms every module again (its cache is off), esbuild bundles.
    const cold = runOnce(NODE, [CLI, 'build', '--project', dashDir, '--out', path.join(tmp, `cold-${size.label}`)], { cwd: ROOT, env: { TSX_DISABLE_CACHE: '1' } });
    if (p.a.status !== 0 || p.b.status !== 0 || cold.status !== 0) {
      problem(`build of ${size.label} exited ${p.a.status} (rules only) / ${p.b.status} (with dashboards) / ${cold.status} (first build)`, p.b.status !== 0 ? p.b.last : p.a.status !== 0 ? p.a.last : cold);
      continue;
    }
    builds.push({ label: size.label, rules: size.rules, t: p.a, outDir });
    const shareCpu = p.a.medianCpuMs !== undefined && p.b.medianCpuMs !== undefined ? fmtMs(p.b.medianCpuMs - p.a.medianCpuMs) : 'n/a';
    const growth = previous ? `${(p.b.medianMs / previous.ms).toFixed(2)}x for ${size.rules / previous.rules}x` : '';
    previous = { rules: size.rules, ms: p.b.medianMs };
    console.log(row([
      size.label, String(size.rules), `${gen.dashboards} (${gen.panels.toLocaleString('en')})`,
      `${fmtMs(p.a.medianMs)} ${fmtCpu(p.a)} ${fmtMiB(p.a.medianRssMiB)}`,
      `${fmtMs(p.b.medianMs)} (${fmtMs(p.b.minMs)}-${fmtMs(p.b.maxMs)}) ${fmtCpu(p.b)} ${fmtMiB(p.b.medianRssMiB)}`,
      `${fmtMs(p.b.medianMs - p.a.medianMs)}, ${shareCpu} CPU`,
      `${fmtMs(cold.ms)} ${cold.rssMiB !== undefined ? fmtMiB(cold.rssMiB) : ''}`,
      growth,
    ], W));
    out.push({
      size: size.label, rules: size.rules, dashboards: gen.dashboards, panels: gen.panels,
      rulesOnly: { medianMs: p.a.medianMs, minMs: p.a.minMs, maxMs: p.a.maxMs, cpuMs: p.a.medianCpuMs, peakRssMiB: p.a.medianRssMiB },
      withDashboards: { medianMs: p.b.medianMs, minMs: p.b.minMs, maxMs: p.b.maxMs, cpuMs: p.b.medianCpuMs, peakRssMiB: p.b.medianRssMiB },
      firstBuild: { ms: cold.ms, cpuMs: cold.cpuMs, peakRssMiB: cold.rssMiB },
    });
    if (size.label === '10k') {
      const met = p.b.medianMs < 5000 && (p.b.medianRssMiB ?? 0) < 500;
      console.log(`   target: 10k rules + ${gen.dashboards} dashboards < 5 s and < 500 MB: ${met ? 'MET' : 'MISSED'} (${fmtMs(p.b.medianMs)}, ${fmtMiB(p.b.medianRssMiB)}; first build ${fmtMs(cold.ms)})`);
    }
  }
  results.build = out;
  console.log('   share = with dashboards - rules only (medians); first build: one run with tsx\'s transform cache off\n');
}

// ---- 2. check vs promtool check rules ----
if (only.has('check')) {
  console.log('2. promforge check vs promtool check rules, same files, pair by pair');
  const W = [34, 8, 12, 12, 10, 10, 12, 12, 10, 10];
  console.log(row(['file(s)', 'rules', 'promforge', 'promtool', 'ratio', 'pair ratio', 'pf CPU', 'pt CPU', 'pf RSS', 'verdicts'], W));
  const cases: { name: string; rules: number; files: string[] }[] = [];
  // The smallest file shows each tool's fixed cost: process start and loading, before any rule is read.
  cases.push({ name: 'test/fixtures/rules/valid.yaml', rules: 2, files: [path.join(ROOT, 'test', 'fixtures', 'rules', 'valid.yaml')] });
  if (fs.existsSync(RULES_LARGE)) cases.push({ name: 'rules_large.yml', rules: 10_002, files: [RULES_LARGE] });
  for (const b of builds) {
    const dir = path.join(b.outDir, 'prometheus', 'rules');
    const files = fs.readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort().map((f) => path.join(dir, f));
    cases.push({ name: `generated ${b.label} (${files.length} files)`, rules: b.rules, files });
  }
  const out: unknown[] = [];
  // The floors: Node starting with nothing to run, and starting the CLI without reading any file.
  const nodeFloor = timeRuns(Math.max(runs, 5), NODE, ['-e', ''], { cwd: ROOT });
  const floor = timeRuns(Math.max(runs, 5), NODE, [CLI, '--help'], { cwd: ROOT });
  results.startupFloor = { nodeMs: nodeFloor.medianMs, nodeCpuMs: nodeFloor.medianCpuMs, promforgeHelpMs: floor.medianMs, promforgeHelpCpuMs: floor.medianCpuMs, rssMiB: floor.medianRssMiB };
  console.log(row(['(startup: node -e "")', '-', fmtMs(nodeFloor.medianMs), '-', '-', '-', fmtCpu(nodeFloor), '-', fmtMiB(nodeFloor.medianRssMiB), '-'], W));
  console.log(row(['(startup: promforge --help)', '-', fmtMs(floor.medianMs), '-', '-', '-', fmtCpu(floor), '-', fmtMiB(floor.medianRssMiB), '-'], W));
  for (const c of cases) {
    const n = c.rules >= 50_000 ? runs50k : Math.max(runs, 3);
    const p = timePairs(n, { cmd: NODE, args: [CLI, 'check', ...VERSION_FLAG, ...c.files] }, { cmd: 'promtool', args: ['check', 'rules', ...c.files] });
    // promtool exits 1 on its duplicate-rule lint finding only with --lint-fatal; both exit 0 on valid files.
    const same = (p.a.status === 0) === (p.b.status === 0);
    out.push({ file: c.name, rules: c.rules, promforgeMs: p.a.medianMs, promtoolMs: p.b.medianMs, ratio: p.ratio, pairRatio: p.pairRatio, promforgeCpuMs: p.a.medianCpuMs, promtoolCpuMs: p.b.medianCpuMs, promforgeRssMiB: p.a.medianRssMiB, promtoolRssMiB: p.b.medianRssMiB, promforgeExit: p.a.status, promtoolExit: p.b.status });
    console.log(row([c.name, String(c.rules), fmtMs(p.a.medianMs), fmtMs(p.b.medianMs), `${p.ratio.toFixed(2)}x`, `${p.pairRatio.toFixed(2)}x`, fmtCpu(p.a), fmtCpu(p.b), fmtMiB(p.a.medianRssMiB), same ? `same (${p.a.status})` : `DIFFER ${p.a.status}/${p.b.status}`], W));
  }
  results.check = out;
  console.log('   ratio = promforge / promtool (target: <= 1.00x on rules_large.yml)\n');
}

// ---- 3. test vs promtool test rules ----
if (only.has('test')) {
  console.log('3. promforge test vs promtool test rules, same files, pair by pair');
  const homelabOut = path.join(tmp, 'homelab');
  const built = runOnce('npx', ['tsx', 'src/build.ts', '--out', homelabOut], { cwd: ROOT });
  const cases: { name: string; cwd: string; files: string[] }[] = [];
  if (built.status !== 0) problem('homelab build failed', built);
  else {
    const dir = path.join(homelabOut, 'prometheus', 'tests');
    cases.push({ name: 'homelab tests (6 files)', cwd: dir, files: fs.readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort() });
  }
  const suiteDir = path.join(GENERATED, 'tests');
  const gen = generateTestSuite(suiteDir, suite);
  cases.push({ name: `generated: ${gen.alertTests} alert tests, ${suite.samples}x1m`, cwd: suiteDir, files: [path.basename(gen.file)] });
  const W = [40, 12, 12, 10, 10, 12, 12, 12, 12, 14];
  console.log(row(['files', 'promforge', 'promtool', 'ratio', 'pair ratio', 'pf CPU', 'pt CPU', 'pf RSS', 'promtool RSS', 'verdicts'], W));
  const out: unknown[] = [];
  for (const c of cases) {
    const p = timePairs(runs, { cmd: NODE, args: [CLI, 'test', ...VERSION_FLAG, ...c.files], cwd: c.cwd }, { cmd: 'promtool', args: ['test', 'rules', ...c.files], cwd: c.cwd });
    const same = p.a.status === p.b.status;
    if (!same || p.a.status !== 0) problem(`${c.name}: promforge exit ${p.a.status}, promtool exit ${p.b.status}`, p.a.status !== 0 ? p.a.last : p.b.last);
    out.push({ files: c.name, promforgeMs: p.a.medianMs, promtoolMs: p.b.medianMs, ratio: p.ratio, pairRatio: p.pairRatio, promforgeCpuMs: p.a.medianCpuMs, promtoolCpuMs: p.b.medianCpuMs, promforgeRssMiB: p.a.medianRssMiB, promtoolRssMiB: p.b.medianRssMiB, promforgeExit: p.a.status, promtoolExit: p.b.status });
    console.log(row([c.name, fmtMs(p.a.medianMs), fmtMs(p.b.medianMs), `${p.ratio.toFixed(2)}x`, `${p.pairRatio.toFixed(2)}x`, fmtCpu(p.a), fmtCpu(p.b), fmtMiB(p.a.medianRssMiB), fmtMiB(p.b.medianRssMiB), same ? `same (${p.a.status === 0 ? 'pass' : 'fail'})` : 'DIFFER'], W));
  }
  results.test = out;
  console.log('   ratio = promforge / promtool (target: <= 0.50x, same verdicts)\n');
}

// ---- 4. PromQL throughput ----
if (only.has('promql')) {
  const dir = path.join(SHARED, 'promql');
  console.log(`4. PromQL parse + type check + lint throughput, in-process (${dir}/*.test)`);
  const t = measureThroughput(dir, quick ? 3 : 7);
  results.promql = t;
  console.log(`   ${t.expressions} expressions (${t.parsedOk} parse), median of ${t.passes} passes after a warm-up:`);
  console.log(`   parsePromQL (lex + parse + type check): ${Math.round(t.parsePerSec).toLocaleString('en')} expr/s`);
  console.log(`   lintRuleFiles (own parse + all checks):  ${Math.round(t.lintPerSec).toLocaleString('en')} expr/s (${t.findings} findings)\n`);
}

results.loadAfter = os.loadavg().map((l) => l.toFixed(2)).join(' ');
console.log(`load average after: ${results.loadAfter}`);
const jsonOut = value('json') ?? path.join(GENERATED, 'results.json');
fs.mkdirSync(path.dirname(jsonOut), { recursive: true });
fs.writeFileSync(jsonOut, `${JSON.stringify(results, null, 2)}\n`);
console.log(`figures written to ${path.relative(process.cwd(), jsonOut)}`);
fs.rmSync(tmp, { recursive: true, force: true });
process.exitCode = failed ? 1 : 0;
