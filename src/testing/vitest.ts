/**
 * Rule tests under vitest: when a `rules/*.test.ts` module is collected by vitest (with `globals: true`),
 * every test group becomes a test case. Outside vitest (the build, `promforge test`) nothing registers and
 * the module is plain data.
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../build/pipeline.js';
import type { ResolvedConfig } from '../config/config.js';
import { formatDiagnostic } from '../diagnostics.js';
import type { RuleTestsDeclaration } from './api.js';
import { declaredTests } from './project.js';
import { runRuleTestFile } from './run.js';

type Register = (name: string, fn: () => unknown) => void;
interface Expectation {
  toEqual(v: unknown): void;
}
interface ExpectFunction {
  (v: unknown, message?: string): Expectation;
  getState?: () => { testPath?: string; currentTestName?: string };
}
interface VitestGlobals {
  describe?: Register;
  it?: Register;
  expect?: ExpectFunction;
}

const configs = new Map<string, Promise<ResolvedConfig>>();

/** The project a test file belongs to: the nearest folder with promforge.config.ts (or package.json). */
function projectRoot(file: string): string {
  let dir = path.dirname(file);
  for (;;) {
    if (fs.existsSync(path.join(dir, 'promforge.config.ts')) || fs.existsSync(path.join(dir, 'package.json'))) return dir;
    const up = path.dirname(dir);
    if (up === dir) return path.dirname(file);
    dir = up;
  }
}

function configFor(root: string): Promise<ResolvedConfig> {
  let c = configs.get(root);
  if (!c) {
    c = loadConfig(root, {}).then((r) => {
      if (!r.config) throw new Error(r.diagnostics.map((d) => formatDiagnostic(d)).join('\n'));
      return r.config;
    });
    configs.set(root, c);
  }
  return c;
}

export function registerWithVitest(decl: RuleTestsDeclaration): void {
  const g = globalThis as VitestGlobals;
  if (!process.env['VITEST'] || !g.describe || !g.it || !g.expect || !decl.at) return;
  // Register only while vitest collects this very file: a test that imports it (a build inside a test) must
  // get plain data, not new suites.
  const state = g.expect.getState?.();
  if (!state || state.currentTestName !== undefined || (state.testPath !== undefined && path.resolve(state.testPath) !== path.resolve(decl.at.file))) return;
  const { describe, it, expect } = { describe: g.describe, it: g.it, expect: g.expect };
  const file = decl.at.file;
  describe(`rule tests in ${path.basename(file)}`, () => {
    decl.spec.tests.forEach((group, index) => {
      it(group.name, async () => {
        const config = await configFor(projectRoot(file));
        const declared = declaredTests(file, decl, config);
        if (declared.diagnostics.length > 0 || !declared.tests) {
          throw new Error(declared.diagnostics.map((d) => formatDiagnostic(d)).join('\n'));
        }
        const one = { ...declared.tests.file, tests: [declared.tests.file.tests[index]!] };
        const result = runRuleTestFile(one, declared.tests.ruleFiles, { prometheusVersion: config.prometheusVersion });
        for (const f of [...result.fatal.map((message) => ({ kind: 'error' as const, message })), ...(result.groups[0]?.failures ?? [])]) {
          if (f.kind === 'error') throw new Error(f.message);
          const what = f.kind === 'alert' ? `alert ${f.alertname} at ${f.time}` : `expr ${f.expr} at ${f.time}`;
          expect(f.got, `${what}: firing alerts (labels, annotations) differ`).toEqual(f.expected);
        }
      });
    });
  });
}
