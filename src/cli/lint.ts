/**
 * `promforge lint [FILE...]`: the static analysis on the project's declarations (no files) or on rule files
 * written by anyone. Uses the project's config (catalogs, scrape interval) when run inside a project.
 */
import fs from 'node:fs';
import path from 'node:path';
import { compileProject, lintOptions, loadConfig } from '../build/pipeline.js';
import type { Diagnostic } from '../diagnostics.js';
import { lintRuleFiles } from '../lint/run.js';
import { loadManifest } from '../prometheus/build.js';
import { formatReport, REPORT_FORMATS, type ReportFormat } from '../lint/report.js';
import { readRuleFile } from '../rules/read.js';
import { validateRuleFile } from '../rules/validate.js';
import { EXIT, type CliIO } from './io.js';

export interface LintCommandOptions {
  readonly format?: string;
  readonly failOn?: string;
  readonly project?: string;
  readonly prometheusVersion?: string;
}

export async function runLint(files: readonly string[], options: LintCommandOptions, io: CliIO): Promise<number> {
  const format = (options.format ?? 'text') as ReportFormat;
  if (!REPORT_FORMATS.includes(format)) {
    io.err(`promforge lint: unknown --format "${options.format}"; use ${REPORT_FORMATS.join(', ')}`);
    return EXIT.usage;
  }
  const failOn = options.failOn ?? 'error';
  if (failOn !== 'error' && failOn !== 'warning') {
    io.err(`promforge lint: unknown --fail-on "${failOn}"; use error or warning`);
    return EXIT.usage;
  }
  const root = path.resolve(io.cwd, options.project ?? '.');
  const overrides = options.prometheusVersion !== undefined ? { prometheusVersion: options.prometheusVersion } : {};
  let diagnostics: Diagnostic[];
  if (files.length === 0) {
    diagnostics = [...(await compileProject(root, overrides)).diagnostics];
  } else {
    const loaded = await loadConfig(root, overrides);
    if (!loaded.config) {
      for (const line of formatReport(loaded.diagnostics, 'text', io.cwd)) io.err(line);
      return EXIT.invalid;
    }
    const config = loaded.config;
    diagnostics = [];
    const ruleFiles = [];
    for (const file of files) {
      const full = path.resolve(io.cwd, file);
      if (!fs.existsSync(full)) {
        io.err(`${file}: cannot read: no such file`);
        return EXIT.usage;
      }
      const read = readRuleFile(fs.readFileSync(full, 'utf8'), full);
      diagnostics.push(...read.diagnostics);
      if (!read.file) continue;
      diagnostics.push(...validateRuleFile(read.file, { prometheusVersion: config.prometheusVersion }));
      ruleFiles.push(read.file);
    }
    // The project's host manifest, if it has one that checks, gives each job its scrape interval.
    const { manifest } = await loadManifest(root);
    diagnostics.push(...lintRuleFiles(ruleFiles, lintOptions(config, manifest)));
  }
  const lines = formatReport(diagnostics, format, io.cwd);
  for (const line of lines) (format === 'text' ? io.err : io.out)(line);
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  if (format === 'text') io.out(`${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`);
  return errors > 0 || (failOn === 'warning' && warnings > 0) ? EXIT.invalid : EXIT.ok;
}
