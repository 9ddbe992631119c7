/** Running one check (or a few) over a rule file written inline, or over the shipped homelab rules, the way check tests do. */
import { discoverModules, importDefault } from '../../src/build/load.js';
import { lintOptions, loadConfig } from '../../src/build/pipeline.js';
import { builtinCatalogs } from '../../src/catalog/index.js';
import type { MetricCatalog } from '../../src/catalog/types.js';
import type { Diagnostic } from '../../src/diagnostics.js';
import type { Check } from '../../src/lint/check.js';
import { lintRuleFiles, type LintOptions } from '../../src/lint/run.js';
import { lowerRulesModule } from '../../src/rules/declarations.js';
import type { RuleFile } from '../../src/rules/model.js';
import { readRuleFile } from '../../src/rules/read.js';
import { repoRoot } from '../helpers.js';

export interface LintYamlOptions extends Partial<Omit<LintOptions, 'checks' | 'catalogs'>> {
  readonly catalogs?: readonly MetricCatalog[];
}

/** Findings of `checks` on the YAML rule file `text` (read as /t/rules.yaml). Throws if the file is unreadable. */
export function lintYaml(text: string, checks: readonly Check[], options: LintYamlOptions = {}): Diagnostic[] {
  const read = readRuleFile(text, '/t/rules.yaml');
  if (!read.file) throw new Error(`test rule file does not read: ${read.diagnostics.map((d) => d.message).join('; ')}`);
  return lintRuleFiles([read.file], { catalogs: builtinCatalogs, ...options, checks });
}

/** A one-rule file: `alert(expr)` with sane severity/annotations so only the check under test speaks. */
export function alertYaml(expr: string, extra = ''): string {
  return `groups:
  - name: g
    rules:
      - alert: TestAlert
        expr: ${JSON.stringify(expr)}
${extra}        labels: { severity: warning }
        annotations: { summary: s, description: "{{ $value }}" }
`;
}

export function recordYaml(name: string, expr: string): string {
  return `groups:
  - name: g
    rules:
      - record: ${name}
        expr: ${JSON.stringify(expr)}
`;
}

/** `check-id @line:col message` for compact assertions. */
export const brief = (ds: readonly Diagnostic[]): string[] => ds.map((d) => `${d.code} @${d.at?.line}:${d.at?.column} ${d.message}`);

/** The shipped homelab rules, linted with the project's config and only `check`. */
export async function lintHomelab(check: Check): Promise<string[]> {
  const { config } = await loadConfig(repoRoot, {});
  const files: RuleFile[] = [];
  for (const module of discoverModules(config!.rulesDir)) {
    const imported = await importDefault(module);
    if (!imported.ok) throw new Error(imported.diagnostic.message);
    files.push(lowerRulesModule(module, imported.exported, {}).file!);
  }
  return brief(lintRuleFiles(files, { ...lintOptions(config!), checks: [check] }));
}
