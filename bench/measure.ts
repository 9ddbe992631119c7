/**
 * Timing child processes: wall time from the parent's clock, peak memory (max RSS) from GNU time when
 * /usr/bin/time exists, else, for node commands only, from a preload that reports process.resourceUsage().
 * Figures only: nothing here asserts on timing.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const GNU_TIME = '/usr/bin/time';
const hasGnuTime = fs.existsSync(GNU_TIME);
const RSS_HOOK = path.join(path.dirname(fileURLToPath(import.meta.url)), 'rss-hook.mjs');

export interface Run {
  readonly ms: number;
  /** Peak resident memory in MiB, or undefined when it cannot be measured. */
  readonly rssMiB?: number;
  /**
   * User + system CPU time of the process and its children (GNU time only). On a machine shared with other
   * work, wall time swings with the load while CPU time barely moves: the fairer figure for before/after.
   */
  readonly cpuMs?: number;
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function runOnce(cmd: string, args: readonly string[], opts: { cwd?: string; env?: Readonly<Record<string, string>> } = {}): Run {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-bench-rss-'));
  const rssFile = path.join(scratch, 'rss');
  let file = cmd;
  let argv = [...args];
  const env = { ...process.env, ...opts.env };
  if (hasGnuTime) {
    file = GNU_TIME;
    argv = ['-f', '%M %U %S', '-o', rssFile, cmd, ...args];
  } else if (cmd === process.execPath || cmd === 'node') {
    env.NODE_OPTIONS = `${env.NODE_OPTIONS ?? ''} --import ${RSS_HOOK}`.trim();
    env.PF_BENCH_RSS_FILE = rssFile;
  }
  const started = performance.now();
  const r = spawnSync(file, argv, { cwd: opts.cwd ?? process.cwd(), env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const ms = performance.now() - started;
  let rssMiB: number | undefined;
  let cpuMs: number | undefined;
  if (fs.existsSync(rssFile)) {
    // GNU time writes "Command exited with non-zero status N" before the figures on failure: take the last line.
    const [kb, user, sys] = (fs.readFileSync(rssFile, 'utf8').trim().split('\n').pop() ?? '').split(' ').map(Number);
    if (kb !== undefined && Number.isFinite(kb) && kb > 0) rssMiB = kb / 1024;
    if (user !== undefined && sys !== undefined && Number.isFinite(user + sys)) cpuMs = (user + sys) * 1000;
  }
  fs.rmSync(scratch, { recursive: true, force: true });
  return { ms, ...(rssMiB !== undefined ? { rssMiB } : {}), ...(cpuMs !== undefined ? { cpuMs } : {}), status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

export const median = (xs: readonly number[]): number => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

export interface Timed {
  readonly medianMs: number;
  readonly minMs: number;
  readonly maxMs: number;
  readonly medianRssMiB?: number;
  readonly medianCpuMs?: number;
  readonly status: number | null;
  readonly last: Run;
}

export function summarize(runs: readonly Run[]): Timed {
  const ms = runs.map((r) => r.ms);
  const rss = runs.flatMap((r) => (r.rssMiB !== undefined ? [r.rssMiB] : []));
  const cpu = runs.flatMap((r) => (r.cpuMs !== undefined ? [r.cpuMs] : []));
  const last = runs[runs.length - 1]!;
  return {
    medianMs: median(ms), minMs: Math.min(...ms), maxMs: Math.max(...ms),
    ...(rss.length ? { medianRssMiB: median(rss) } : {}), ...(cpu.length ? { medianCpuMs: median(cpu) } : {}),
    status: last.status, last,
  };
}

/** N runs of one command. */
export function timeRuns(n: number, cmd: string, args: readonly string[], opts: { cwd?: string } = {}): Timed {
  return summarize(Array.from({ length: n }, () => runOnce(cmd, args, opts)));
}

/**
 * Two commands measured pair by pair: A then B, alternating which goes first each round, so drift of the
 * machine (thermal, page cache, other load) hits both alike. Ratio of medians and median of per-pair ratios.
 */
export function timePairs(
  n: number,
  a: { cmd: string; args: readonly string[]; cwd?: string },
  b: { cmd: string; args: readonly string[]; cwd?: string },
): { a: Timed; b: Timed; ratio: number; pairRatio: number } {
  const ra: Run[] = [];
  const rb: Run[] = [];
  for (let i = 0; i < n; i++) {
    const runA = () => ra.push(runOnce(a.cmd, a.args, a.cwd !== undefined ? { cwd: a.cwd } : {}));
    const runB = () => rb.push(runOnce(b.cmd, b.args, b.cwd !== undefined ? { cwd: b.cwd } : {}));
    if (i % 2 === 0) { runA(); runB(); } else { runB(); runA(); }
  }
  const sa = summarize(ra);
  const sb = summarize(rb);
  return { a: sa, b: sb, ratio: sa.medianMs / sb.medianMs, pairRatio: median(ra.map((r, i) => r.ms / rb[i]!.ms)) };
}

export const fmtMs = (ms: number): string => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`);
export const fmtMiB = (m: number | undefined): string => (m === undefined ? 'n/a' : `${Math.round(m)} MiB`);

/** `[--name value ...] -- PROMFORGE-ARGS`: the script's own options, and the promforge command after `--`. */
export function commandLine(argv: readonly string[]): { readonly opt: (name: string) => string | undefined; readonly command: readonly string[] } {
  const dash = argv.indexOf('--');
  const own = dash >= 0 ? argv.slice(0, dash) : argv;
  return {
    opt: (name) => {
      const i = own.indexOf(`--${name}`);
      return i >= 0 ? own[i + 1] : undefined;
    },
    command: dash >= 0 ? argv.slice(dash + 1) : [],
  };
}
