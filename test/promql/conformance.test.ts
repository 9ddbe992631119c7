// Every query of Prometheus' own engine test scripts must parse: they are, by
// construction, valid PromQL for the release the corpus comes from.

import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatPromQLError, parsePromQL } from '../../src/promql/parse.js';
import { ALL_FEATURES } from './helpers.js';
import { conformance } from '../helpers.js';

const DIR = conformance('promql');

/**
 * `file:line` of evals that are expected to parse but do not, with the reason.
 * Empty: every eval of the 3.14 corpus parses.
 */
const ALLOW_LIST = new Map<string, string>();

/** `file:line: expr` of eval_fail / `expect fail` queries Prometheus rejects while parsing. None today. */
const PARSE_TIME_FAILURES: readonly string[] = [];

interface Eval {
  where: string;
  expr: string;
  /** eval_fail, or an `expect fail` directive: may fail at parse or at evaluation. */
  mayFail: boolean;
}

const EVAL = /^(eval(?:_fail|_warn|_info|_ordered)?)\s+(?:instant\s+at\s+\S+|range\s+from\s+\S+\s+to\s+\S+\s+step\s+\S+)\s+(.+)$/i;

function readEvals(file: string): Eval[] {
  const lines = readFileSync(`${DIR}/${file}`, 'utf8').split('\n').map((l) => l.trim());
  const out: Eval[] = [];
  lines.forEach((line, i) => {
    const m = EVAL.exec(line);
    if (!m) return;
    let mayFail = m[1]?.toLowerCase() === 'eval_fail';
    // The block's directives follow until a blank or comment line.
    for (let j = i + 1; j < lines.length && lines[j] !== '' && !lines[j]?.startsWith('#'); j++) {
      if (/^expect\s+fail\b/i.test(lines[j] ?? '')) mayFail = true;
    }
    out.push({ where: `${file}:${i + 1}`, expr: m[2] ?? '', mayFail });
  });
  return out;
}

const files = readdirSync(DIR).filter((f) => f.endsWith('.test'));
const evals = files.flatMap(readEvals);

describe('Prometheus conformance queries', () => {
  it('finds the queries', () => {
    expect(files.length).toBe(21);
    expect(evals.length).toBeGreaterThan(2000);
  });

  it('parses every eval with all feature flags on', () => {
    const failures = evals
      .filter((e) => !e.mayFail && !ALLOW_LIST.has(e.where))
      .flatMap((e) => {
        const r = parsePromQL(e.expr, { features: ALL_FEATURES });
        return r.ok ? [] : [`${e.where}: ${e.expr}\n  ${formatPromQLError(r.errors[0]!)}`];
      });
    expect(failures).toEqual([]);
  });

  it('keeps the allow-list current', () => {
    for (const where of ALLOW_LIST.keys()) {
      const e = evals.find((x) => x.where === where);
      expect(e && parsePromQL(e.expr, { features: ALL_FEATURES }).ok, `${where} parses now`).toBe(false);
    }
  });

  it('handles the expected failures, rejecting at parse time only the listed ones', () => {
    const expectedFailures = evals.filter((e) => e.mayFail);
    expect(expectedFailures.length).toBeGreaterThan(20);
    const rejected = expectedFailures.filter((e) => !parsePromQL(e.expr, { features: ALL_FEATURES }).ok);
    // Such evals may fail at parse or at evaluation. In this corpus all of them fail in the
    // engine, so a parse-time rejection would mean we are stricter than Prometheus.
    expect(rejected.map((e) => `${e.where}: ${e.expr}`)).toEqual([...PARSE_TIME_FAILURES]);
  });
});
