/** promtool unit-test files (YAML) → the test model, strictly like promtool's yaml.UnmarshalStrict. */
import { error, type Diagnostic } from '../diagnostics.js';
import { readYaml } from '../yaml/read.js';
import { shapeDiagnostics } from '../yaml/shape.js';
import type { RuleTestFile } from './model.js';
import { validateRuleTestFileShape } from './schema.js';

export interface ReadTests {
  readonly file?: RuleTestFile;
  readonly diagnostics: readonly Diagnostic[];
}

export function readRuleTestFile(text: string, file: string, options: { ignoreUnknownFields?: boolean } = {}): ReadTests {
  const yaml = readYaml(text, file);
  if (yaml.problems.length > 0) return { diagnostics: yaml.problems.map((p) => error(p.message, { at: p.at })) };
  const value = yaml.value ?? {};
  const shape = shapeDiagnostics(validateRuleTestFileShape(value), yaml, options);
  if (shape.length > 0) return { diagnostics: shape };
  const raw = value as Partial<RuleTestFile> & { tests?: RuleTestFile['tests'] | null; rule_files?: string[] | null };
  return {
    file: {
      ...raw,
      rule_files: raw.rule_files ?? [],
      tests: (raw.tests ?? []).map((t) => ({ ...t, input_series: t.input_series ?? [] })),
    } as RuleTestFile,
    diagnostics: [],
  };
}
