/**
 * PromQL parse + type check + lint throughput, in-process, over the expressions of the conformance scripts
 * (../shared/conformance/promql/*.test: every `eval` / `eval_fail` line's expression).
 */
import fs from 'node:fs';
import path from 'node:path';
import { builtinCatalogs } from '../src/catalog/index.js';
import { parseVersion } from '../src/config/version.js';
import { lintRuleFiles } from '../src/lint/run.js';
import { parsePromQL } from '../src/promql/parse.js';
import { readRuleFile } from '../src/rules/read.js';
import { median } from './measure.js';

const EVAL = /^eval(?:_fail|_warn|_info|_ordered)?\s+(?:instant\s+at\s+\S+|range\s+from\s+\S+\s+to\s+\S+\s+step\s+\S+)\s+(.+)$/;

export function conformanceExpressions(dir: string): string[] {
  const out: string[] = [];
  for (const f of fs.readdirSync(dir).filter((f) => f.endsWith('.test')).sort()) {
    for (const line of fs.readFileSync(path.join(dir, f), 'utf8').split('\n')) {
      const m = EVAL.exec(line.trim());
      if (m) out.push(m[1]!.trim());
    }
  }
  return out;
}

export interface Throughput {
  readonly expressions: number;
  readonly parsedOk: number;
  readonly passes: number;
  /** parsePromQL alone (lex, lezer parse, conversion, type check). */
  readonly parsePerSec: number;
  /** lintRuleFiles: a first parse of every expression plus every rule-scope check, per expression. */
  readonly lintPerSec: number;
  readonly findings: number;
}

/** Trailing-space counts already used in this process (see variant): a second measurement must not hit the cache. */
let used = 0;

export function measureThroughput(dir: string, passes = 5): Throughput {
  const exprs = conformanceExpressions(dir);
  const options = { prometheusVersion: '3.5.0', features: new Set(['promql-experimental-functions', 'promql-extended-range-selectors', 'promql-binop-fill-modifiers'] as const) };
  let parsedOk = 0;
  for (const e of exprs) if (parsePromQL(e, options).ok) parsedOk++;

  // parsePromQL remembers results by text: each pass gets texts it has not seen (trailing spaces, which
  // change nothing else), so every pass measures a first parse, as the build pays it for each expression.
  const offset = used;
  used += 2 * (passes + 1) + 2;
  const variant = (e: string, p: number): string => `${e}${' '.repeat(offset + p + 1)}`;
  // One rule file per pass with every expression as a recording rule, so the linter sees each exactly once.
  const ruleFile = (p: number) => {
    const yaml = `groups:\n  - name: conformance\n    rules:\n${exprs.map((e, i) => `      - record: bench:expr:${i}\n        expr: ${JSON.stringify(variant(e, p))}\n`).join('')}`;
    const read = readRuleFile(yaml, 'conformance.yml');
    if (!read.file) throw new Error(`bench: cannot read the generated rule file: ${read.diagnostics.map((d) => d.message).join('; ')}`);
    return read.file;
  };
  const lintOpts = { catalogs: builtinCatalogs, prometheusVersion: parseVersion('3.5.0')!, features: options.features, scrapeIntervalMs: 30_000 };

  const parseMs: number[] = [];
  const lintMs: number[] = [];
  let findings = 0;
  for (let p = 0; p < passes + 1; p++) {
    const texts = exprs.map((e) => variant(e, 2 * p));
    const file = ruleFile(2 * p + 1);
    let t = performance.now();
    for (const e of texts) parsePromQL(e, options);
    const a = performance.now() - t;
    t = performance.now();
    findings = lintRuleFiles([file], lintOpts).length;
    const b = performance.now() - t;
    if (p > 0) { parseMs.push(a); lintMs.push(b); } // the first pass warms up the JIT
  }
  return {
    expressions: exprs.length,
    parsedOk,
    passes,
    parsePerSec: exprs.length / (median(parseMs) / 1000),
    lintPerSec: exprs.length / (median(lintMs) / 1000),
    findings,
  };
}
