/** `promforge check FILE...`: validate files written by anyone, with promtool's verdicts. */
import fs from 'node:fs';
import path from 'node:path';
import { checkAlertmanagerText, summarizeAlertmanagerCheck } from '../alertmanager/check.js';
import { LATEST_ALERTMANAGER, LATEST_PROMETHEUS, parseVersion } from '../config/version.js';
import { formatDiagnostic } from '../diagnostics.js';
import { detectKind, KIND_NAMES } from '../files/kind.js';
import type { PromQLFeature } from '../promql/parse.js';
import { checkRuleFileText } from '../rules/check.js';
import { parseYaml } from '../yaml/read.js';
import { EXIT, type CliIO } from './io.js';

export const PROMQL_FEATURES: readonly PromQLFeature[] = [
  'promql-experimental-functions',
  'promql-extended-range-selectors',
  'promql-binop-fill-modifiers',
];

export interface CheckCommandOptions {
  readonly prometheusVersion?: string;
  readonly alertmanagerVersion?: string;
  readonly lintFatal?: boolean;
  readonly ignoreUnknownFields?: boolean;
  readonly enableFeature?: readonly string[];
}

export function runCheck(files: readonly string[], options: CheckCommandOptions, io: CliIO): number {
  const versionText = options.prometheusVersion ?? LATEST_PROMETHEUS;
  const prometheusVersion = parseVersion(versionText);
  if (!prometheusVersion) {
    io.err(`promforge check: invalid --prometheus-version "${versionText}": expected MAJOR.MINOR[.PATCH], e.g. 2.42`);
    return EXIT.usage;
  }
  const alertmanagerVersion = parseVersion(options.alertmanagerVersion ?? LATEST_ALERTMANAGER);
  if (!alertmanagerVersion) {
    io.err(`promforge check: invalid --alertmanager-version "${options.alertmanagerVersion}": expected MAJOR.MINOR[.PATCH], e.g. 0.25`);
    return EXIT.usage;
  }
  // promtool accepts both repeated flags and comma-separated lists.
  const requested = (options.enableFeature ?? []).flatMap((f) => f.split(',')).map((f) => f.trim()).filter(Boolean);
  const unknown = requested.filter((f) => !PROMQL_FEATURES.includes(f as PromQLFeature));
  if (unknown.length > 0) {
    io.err(`promforge check: unknown feature ${unknown.map((f) => `"${f}"`).join(', ')}; known: ${PROMQL_FEATURES.join(', ')}`);
    return EXIT.usage;
  }
  const features = new Set(requested as PromQLFeature[]);

  let invalid = false;
  let lintFound = false;
  for (const file of files) {
    const full = path.resolve(io.cwd, file);
    let text: string;
    try {
      text = fs.readFileSync(full, 'utf8');
    } catch (e) {
      io.err(`${file}: cannot read: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
      return EXIT.usage;
    }
    const parsed = parseYaml(text);
    const kind = detectKind(text, file, parsed);
    if (kind === 'alertmanager-config') {
      const result = checkAlertmanagerText(text, full, { alertmanagerVersion });
      for (const d of result.diagnostics) io.err(formatDiagnostic(d, io.cwd));
      if (result.diagnostics.some((d) => d.severity === 'error')) invalid = true;
      io.out(summarizeAlertmanagerCheck(file, result));
      continue;
    }
    if (kind !== 'prometheus-rules') {
      io.err(`${file}: looks like ${KIND_NAMES[kind]}; promforge check only checks Prometheus rule files so far`);
      invalid = true;
      continue;
    }
    const result = checkRuleFileText(text, full, {
      prometheusVersion,
      ignoreUnknownFields: options.ignoreUnknownFields === true,
      features,
      parsed,
    });
    for (const d of result.diagnostics) io.err(formatDiagnostic(d, io.cwd));
    if (result.diagnostics.some((d) => d.severity === 'error')) {
      invalid = true;
      io.out(`${file}: FAILED`);
      continue;
    }
    if (result.lint.length > 0) {
      lintFound = true;
      io.err(`${file}: ${result.lint.length} duplicate rule(s) found`);
      for (const d of result.lint) io.err(formatDiagnostic(d, io.cwd));
    }
    io.out(`${file}: SUCCESS: ${result.rules} rules found`);
  }
  if (invalid) return EXIT.invalid;
  if (lintFound && options.lintFatal) return EXIT.lint;
  return EXIT.ok;
}
