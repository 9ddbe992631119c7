/** Shared test helpers: temporary directories and an in-process CLI with captured output. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';
import { main } from '../src/cli/main.js';
import type { CliIO } from '../src/cli/io.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const fixtureProject = (name: string): string => path.join(repoRoot, 'test/fixtures/projects', name);
/**
 * The peer test suites from the Prometheus projects, beside the repository (never copied into it); CI has them
 * there too. Missing suites fail the tests that need them rather than silently skipping them.
 */
export const conformanceDir = path.resolve(process.env['PROMFORGE_CONFORMANCE_DIR'] ?? path.join(repoRoot, '../shared/conformance'));

/** A folder of the conformance suites; throws with what to do when it is not there. */
export function conformance(sub: string): string {
  const dir = path.join(conformanceDir, sub);
  if (!fs.existsSync(dir)) {
    throw new Error(`conformance suite ${dir} not found: ../shared/conformance must sit beside the repository (or set PROMFORGE_CONFORMANCE_DIR)`);
  }
  return dir;
}

const tempDirs: string[] = [];

// Each test file imports this module afresh (vitest isolates files), so this runs after each file's tests.
// A process 'exit' handler does not: vitest ends its workers without one.
afterAll(() => {
  if (process.env['PROMFORGE_KEEP_TEST_DIRS'] === '1') return;
  for (const d of tempDirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/**
 * A fresh directory under the system's temp dir, removed after the test file's tests have run.
 * PROMFORGE_KEEP_TEST_DIRS=1 keeps them for a look after a failure.
 */
export function tempDir(prefix = 'promforge-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function cli(argv: readonly string[], cwd = repoRoot): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = { cwd, out: (l) => out.push(l), err: (l) => err.push(l) };
  const code = await main(argv, io);
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

/** Every file under `dir` with its bytes, keyed by relative path. */
export function readTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else out[path.relative(dir, full)] = fs.readFileSync(full, 'utf8');
    }
  };
  walk(dir);
  return out;
}

/** The Debian package of each binary the tests run; .ci/run installs every one of them. */
export const DEBIAN_PACKAGE_OF: Readonly<Record<string, string>> = {
  promtool: 'prometheus',
  prometheus: 'prometheus',
  amtool: 'prometheus-alertmanager',
  'prometheus-alertmanager': 'prometheus-alertmanager',
  'prometheus-node-exporter': 'prometheus-node-exporter',
};
const DEBIAN_PACKAGES = [...new Set(Object.values(DEBIAN_PACKAGE_OF))];

/**
 * Tests that check our output against a real binary run it. In CI (CI set) a missing binary fails the test
 * loudly; on a developer machine without it the test is skipped with the reason printed.
 */
export function requireBinary(name: string): string | undefined {
  for (const dir of (process.env['PATH'] ?? '').split(path.delimiter)) {
    const full = path.join(dir, name);
    if (dir && fs.existsSync(full)) return full;
  }
  const install = `apt-get install ${DEBIAN_PACKAGES.join(' ')}`;
  if (process.env['CI']) {
    throw new Error(`${name} is not installed, but CI is set: .ci/run must install it (${install})`);
  }
  console.warn(`[skipped] ${name} is not installed; install Debian's ${DEBIAN_PACKAGE_OF[name] ?? 'prometheus'} package to run this test (${install})`);
  return undefined;
}

/** Every .yml/.yaml file under `dir`, sorted. */
export function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else if (/\.ya?ml$/.test(e.name)) out.push(full);
    }
  };
  walk(dir);
  return out.sort();
}

/** Small deterministic PRNG (mulberry32): generated test cases are the same on every run. */
export function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
