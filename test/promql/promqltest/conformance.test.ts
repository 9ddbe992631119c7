// Prometheus' own PromQL engine test scripts, run against our engine. The floors below are what the engine
// reaches today; a change that makes fewer evals pass fails here. Evals that cannot pass for a known reason
// (native histogram cases not complete yet, start timestamps) are reported as skipped by the runner, so any other failure in the
// core files is a regression.

import { describe, expect, it } from 'vitest';
import { EXPERIMENTAL_FILES, runConformance, type FileSummary } from '../../../src/promql/promqltest/main.js';
import { conformance } from '../../helpers.js';
import path from 'node:path';

const summaries: FileSummary[] = runConformance(path.join(conformance('promql')));
const core = summaries.filter((s) => !EXPERIMENTAL_FILES.has(s.file));
const experimental = summaries.filter((s) => EXPERIMENTAL_FILES.has(s.file));
const total = (list: FileSummary[], key: 'passed' | 'total'): number => list.reduce((n, s) => n + s[key], 0);

describe('PromQL conformance scripts', () => {
  it('runs all 21 files', () => {
    expect(summaries).toHaveLength(21);
    expect(total(summaries, 'total')).toBeGreaterThan(2200);
  });

  it('passes the core files (native histograms included)', () => {
    const rate = total(core, 'passed') / total(core, 'total');
    expect(rate).toBeGreaterThanOrEqual(0.92);
  });

  it('has no unexplained failure in the core files', () => {
    const failures = core.flatMap((s) => s.result.evals.filter((e) => !e.ok && e.skipped === undefined).map((e) => `${s.file}:${e.line}: ${e.expr} -- ${e.error}`));
    expect(failures).toEqual([]);
  });

  it('passes what it supports of the experimental files', () => {
    expect(total(experimental, 'passed') / total(experimental, 'total')).toBeGreaterThanOrEqual(0.75);
  });

  it('gives every skip a reason', () => {
    for (const s of summaries) for (const e of s.result.evals) if (e.skipped !== undefined) expect(e.skipped).not.toBe('');
  });
});
