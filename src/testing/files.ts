/**
 * Running promtool unit-test files written by anyone: read the file, load the rule files it names
 * (relative to it, globs allowed) through the same reader and validation `promforge check` uses.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Version } from '../config/version.js';
import { formatDiagnostic } from '../diagnostics.js';
import { glob } from '../files/glob.js';
import type { PromQLOptions } from '../promql/parse.js';
import { readRuleFile } from '../rules/read.js';
import { validateRuleFile } from '../rules/validate.js';
import type { RuleFile } from '../rules/model.js';
import { readRuleTestFile } from './read.js';
import { runRuleTestFile, type FileResult } from './run.js';

export interface TestFileOptions {
  readonly prometheusVersion: Version;
  readonly ignoreUnknownFields?: boolean;
  /** promtool's --run: only test groups whose name matches one of these (unanchored) regexes. */
  readonly run?: readonly string[];
  readonly features?: PromQLOptions['features'];
}

export function runTestFile(file: string, options: TestFileOptions): FileResult & { warnings: string[] } {
  const warnings: string[] = [];
  const fatal = (message: string) => ({ groups: [], fatal: [message], warnings });
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    return fatal(`open ${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : (e as Error).message}`);
  }
  const read = readRuleTestFile(text, file, options.ignoreUnknownFields ? { ignoreUnknownFields: true } : {});
  if (!read.file) return { groups: [], fatal: read.diagnostics.map((d) => formatDiagnostic(d)), warnings };
  const ruleFiles: RuleFile[] = [];
  for (const pattern of read.file.rule_files) {
    const matches = glob(path.isAbsolute(pattern) ? pattern : path.join(path.dirname(file), pattern));
    if (matches.length === 0) warnings.push(`  WARNING: no file match pattern ${pattern}`);
    for (const m of matches) {
      const rf = readRuleFile(fs.readFileSync(m, 'utf8'), m, options.ignoreUnknownFields ? { ignoreUnknownFields: true } : {});
      const problems = rf.file ? validateRuleFile(rf.file, { prometheusVersion: options.prometheusVersion, ...(options.features ? { features: options.features } : {}) }) : [];
      const errors = [...rf.diagnostics, ...problems].filter((d) => d.severity === 'error');
      if (errors.length > 0) return fatal(errors.map((d) => formatDiagnostic(d)).join('\n'));
      if (rf.file) ruleFiles.push(rf.file);
    }
  }
  const run = options.run && options.run.length > 0 ? new RegExp(options.run.join('|')) : undefined;
  const selected = { ...read.file, tests: read.file.tests.filter((t) => !run || run.test(t.name ?? '')) };
  return { ...runRuleTestFile(selected, ruleFiles, { prometheusVersion: options.prometheusVersion, ...(options.features ? { features: options.features } : {}) }), warnings };
}
