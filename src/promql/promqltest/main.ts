// `npm run conformance`: runs every eval of Prometheus' PromQL test scripts (../shared/conformance/promql,
// or $PROMFORGE_CONFORMANCE_DIR/promql) against our engine and prints per-file pass counts, every skipped
// eval with its reason, and a last line `N/M evals passed`. Files that need recent or experimental PromQL
// are run too but counted separately. `--failures` also lists the failing evals with their error.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runScript, type ScriptResult } from './run.js';

/** Files needing experimental or very recent PromQL (or native histograms throughout). */
export const EXPERIMENTAL_FILES: ReadonlySet<string> = new Set([
  'native_histograms.test',
  'info.test',
  'extended_vectors.test',
  'fill-modifier.test',
  'start_timestamps.test',
  'type_and_unit.test',
]);

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** The folder of `.test` scripts: beside the repository unless PROMFORGE_CONFORMANCE_DIR says otherwise. */
export function conformanceScriptsDir(): string {
  const base = process.env['PROMFORGE_CONFORMANCE_DIR'] ?? path.join(repoRoot, '../shared/conformance');
  return path.resolve(base, 'promql');
}

export interface FileSummary {
  readonly file: string;
  readonly passed: number;
  readonly total: number;
  readonly skipped: number;
  readonly result: ScriptResult;
}

export function runConformance(dir = conformanceScriptsDir()): FileSummary[] {
  if (!fs.existsSync(dir)) {
    throw new Error(`conformance scripts ${dir} not found: ../shared/conformance must sit beside the repository (or set PROMFORGE_CONFORMANCE_DIR)`);
  }
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.test'))
    .sort();
  return files.map((file) => {
    const result = runScript(fs.readFileSync(path.join(dir, file), 'utf8'), file);
    const passed = result.evals.filter((e) => e.ok).length;
    const skipped = result.evals.filter((e) => e.skipped !== undefined).length;
    return { file, passed, total: result.evals.length, skipped, result };
  });
}

function sum(list: readonly FileSummary[], key: 'passed' | 'total' | 'skipped'): number {
  return list.reduce((n, f) => n + f[key], 0);
}

function report(summaries: readonly FileSummary[], showFailures: boolean, out: (line: string) => void): void {
  const print = (list: readonly FileSummary[]): void => {
    for (const s of list) {
      out(`${s.file}: ${s.passed}/${s.total}, skipped ${s.skipped}`);
      for (const e of s.result.evals) {
        if (e.skipped !== undefined) out(`  skipped ${s.file}:${e.line}: ${e.skipped}`);
        else if (!e.ok && showFailures) out(`  failed ${s.file}:${e.line}: ${e.expr} -- ${e.error ?? ''}`);
      }
      for (const n of s.result.notes) if (n.message.startsWith('script line')) out(`  note ${s.file}:${n.line}: ${n.message}`);
    }
  };
  const core = summaries.filter((s) => !EXPERIMENTAL_FILES.has(s.file));
  const experimental = summaries.filter((s) => EXPERIMENTAL_FILES.has(s.file));
  print(core);
  out('');
  out('Files needing recent or experimental PromQL:');
  print(experimental);
  out('');
  out(`without experimental files: ${sum(core, 'passed')}/${sum(core, 'total')} evals passed, skipped ${sum(core, 'skipped')}`);
  out(`experimental files: ${sum(experimental, 'passed')}/${sum(experimental, 'total')} evals passed, skipped ${sum(experimental, 'skipped')}`);
  out(`${sum(summaries, 'passed')}/${sum(summaries, 'total')} evals passed`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const showFailures = process.argv.includes('--failures');
  report(runConformance(), showFailures, (l) => console.log(l));
}
