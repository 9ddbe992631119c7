/**
 * Checking one rule file written by anyone: what `promforge check` does for a rule file, with promtool's
 * verdicts (see test/conformance/promtool-check.test.ts for the proof on Prometheus' own fixtures).
 */
import type { Diagnostic } from '../diagnostics.js';
import type { Version } from '../config/version.js';
import type { PromQLOptions } from '../promql/parse.js';
import type { ParsedYaml } from '../yaml/read.js';
import type { RuleFile } from './model.js';
import { readRuleFile } from './read.js';
import { findDuplicateRules, validateRuleFile } from './validate.js';

export interface CheckRulesOptions {
  readonly prometheusVersion: Version;
  readonly ignoreUnknownFields?: boolean;
  readonly features?: PromQLOptions['features'];
  /** `parseYaml(text)`, when the caller parsed the text already. */
  readonly parsed?: ParsedYaml;
}

export interface RulesCheck {
  readonly diagnostics: readonly Diagnostic[];
  /** Lint findings (promtool's duplicate-rules), separate because only `--lint-fatal` makes them fail. */
  readonly lint: readonly Diagnostic[];
  readonly rules: number;
  /** The rules read, when the file had the rule-file shape. */
  readonly file?: RuleFile;
}

export function checkRuleFileText(text: string, file: string, options: CheckRulesOptions): RulesCheck {
  const read = readRuleFile(text, file, {
    ...(options.ignoreUnknownFields ? { ignoreUnknownFields: true } : {}),
    ...(options.parsed ? { parsed: options.parsed } : {}),
  });
  if (!read.file) return { diagnostics: read.diagnostics, lint: [], rules: 0 };
  const diagnostics = validateRuleFile(read.file, {
    prometheusVersion: options.prometheusVersion,
    ...(options.features ? { features: options.features } : {}),
  });
  const rules = read.file.groups.reduce((n, g) => n + g.rules.length, 0);
  // Like promtool, lint only runs on files that are otherwise valid.
  const lint = diagnostics.length === 0 ? findDuplicateRules([read.file]) : [];
  return { diagnostics, lint, rules, file: read.file };
}
