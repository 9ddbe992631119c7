/**
 * A project's rule tests: `rules/*.test.ts` modules, their rules lowered with the project's configuration,
 * and the promtool file each becomes (`out/prometheus/tests/<module>.test.yaml`, whose `rule_files` point at
 * the emitted rule files).
 */
import fs from 'node:fs';
import path from 'node:path';
import { importDefault } from '../build/load.js';
import type { ResolvedConfig } from '../config/config.js';
import { error, type Diagnostic } from '../diagnostics.js';
import { lowerOptionsFor, lowerRulesModule } from '../rules/declarations.js';
import type { RuleFile } from '../rules/model.js';
import type { RuleTestsDeclaration } from './api.js';
import type { RuleTestFile } from './model.js';

export interface DeclaredTests {
  /** `rules/nix-build-cache.test.ts`. */
  readonly module: string;
  readonly file: RuleTestFile;
  readonly ruleFiles: readonly RuleFile[];
}

export const TESTS_OUT = 'prometheus/tests';

export function discoverTestModules(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((f) => f.endsWith('.test.ts')).map((f) => path.join(dir, f)).sort();
}

const isDeclaration = (v: unknown): v is RuleTestsDeclaration =>
  typeof v === 'object' && v !== null && (v as { kind?: unknown }).kind === 'rule-tests';

/** The rule module a group was declared in: tests reference rules by the file they land in. */
const moduleOf = (decl: { at?: { file: string } }, fallback: string): string => path.basename(decl.at?.file ?? fallback, '.ts');

export function declaredTests(module: string, decl: RuleTestsDeclaration, config: Pick<ResolvedConfig, 'runbookBaseUrl'> & Partial<Pick<ResolvedConfig, 'grafana'>>): { tests?: DeclaredTests; diagnostics: Diagnostic[] } {
  const byModule = new Map<string, typeof decl.rules[number][]>();
  for (const g of decl.rules) {
    const m = moduleOf(g, module);
    byModule.set(m, [...(byModule.get(m) ?? []), g]);
  }
  const diagnostics: Diagnostic[] = [];
  const ruleFiles: RuleFile[] = [];
  for (const [m, groups] of byModule) {
    const lowered = lowerRulesModule(groups[0]?.at?.file ?? m, groups, lowerOptionsFor(config));
    diagnostics.push(...lowered.diagnostics);
    if (lowered.file) ruleFiles.push(lowered.file);
  }
  const spec = decl.spec;
  const file: RuleTestFile = {
    rule_files: [...byModule.keys()].map((m) => `../rules/${m}.yaml`),
    ...(spec.evaluation_interval !== undefined ? { evaluation_interval: spec.evaluation_interval } : {}),
    ...(spec.group_eval_order !== undefined ? { group_eval_order: spec.group_eval_order } : {}),
    ...(spec.fuzzy_compare !== undefined ? { fuzzy_compare: spec.fuzzy_compare } : {}),
    tests: spec.tests,
  };
  return { tests: { module, file, ruleFiles }, diagnostics };
}

export async function loadProjectTests(config: ResolvedConfig): Promise<{ tests: DeclaredTests[]; diagnostics: Diagnostic[] }> {
  const tests: DeclaredTests[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const module of discoverTestModules(config.rulesDir)) {
    const imported = await importDefault(module);
    if (!imported.ok) {
      diagnostics.push(imported.diagnostic);
      continue;
    }
    if (!isDeclaration(imported.exported)) {
      diagnostics.push(error('a rule test module must `export default ruleTests(...)`', { at: { file: module, line: 1, column: 1 } }));
      continue;
    }
    const declared = declaredTests(module, imported.exported, config);
    diagnostics.push(...declared.diagnostics);
    if (declared.tests) tests.push(declared.tests);
  }
  return { tests, diagnostics };
}
