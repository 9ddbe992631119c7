/** `promforge check FILE...`: validate files written by anyone, with promtool's verdicts. */
import fs from 'node:fs';
import path from 'node:path';
import { LATEST_ALERTMANAGER, LATEST_PROMETHEUS, parseVersion } from '../config/version.js';
import { formatDiagnostic } from '../diagnostics.js';
import { detectKind, KIND_NAMES } from '../files/kind.js';
import type { PromQLFeature } from '../promql/parse.js';
import type { DashboardFile } from '../grafana/check.js';
import type { RuleFile } from '../rules/model.js';
import { parseYaml, type ParsedYaml } from '../yaml/read.js';
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

/**
 * Each kind's checker is imported when a file of that kind comes up: a rule file's check then loads neither the
 * metric catalogs and lint checks the dashboard checks use nor the Alertmanager validator, which together are
 * most of the code and a third of a small check's time.
 */
export async function runCheck(files: readonly string[], options: CheckCommandOptions, io: CliIO): Promise<number> {
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
  /** A rule file, given on the command line or listed by a prometheus.yml's rule_files. */
  const checkRules = async (file: string, full: string, text: string, parsed?: ParsedYaml): Promise<RuleFile | undefined> => {
    const { checkRuleFileText } = await import('../rules/check.js');
    const result = checkRuleFileText(text, full, {
      prometheusVersion,
      ignoreUnknownFields: options.ignoreUnknownFields === true,
      features,
      ...(parsed ? { parsed } : {}),
    });
    for (const d of result.diagnostics) io.err(formatDiagnostic(d, io.cwd));
    if (result.diagnostics.some((d) => d.severity === 'error')) {
      invalid = true;
      io.out(`${file}: FAILED`);
      return undefined;
    }
    if (result.lint.length > 0) {
      lintFound = true;
      io.err(`${file}: ${result.lint.length} duplicate rule(s) found`);
      for (const d of result.lint) io.err(formatDiagnostic(d, io.cwd));
    }
    io.out(`${file}: SUCCESS: ${result.rules} rules found`);
    return result.file;
  };
  // Dashboards are checked together at the end: a uid or a folder's title used twice across files collides.
  const dashboards: DashboardFile[] = [];
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
      const { checkAlertmanagerText, summarizeAlertmanagerCheck } = await import('../alertmanager/check.js');
      const result = checkAlertmanagerText(text, full, { alertmanagerVersion });
      for (const d of result.diagnostics) io.err(formatDiagnostic(d, io.cwd));
      if (result.diagnostics.some((d) => d.severity === 'error')) invalid = true;
      io.out(summarizeAlertmanagerCheck(file, result));
      continue;
    }
    if (kind === 'grafana-dashboard') {
      dashboards.push({ name: file, path: full, text });
      continue;
    }
    if (kind === 'prometheus-config') {
      const { checkPrometheusConfigText, summarizePrometheusConfigCheck } = await import('../prometheus/check.js');
      const result = checkPrometheusConfigText(text, full, { prometheusVersion, name: file });
      for (const d of result.diagnostics) io.err(formatDiagnostic(d, io.cwd));
      if (result.diagnostics.some((d) => d.severity === 'error')) invalid = true;
      io.out(summarizePrometheusConfigCheck(file, result));
      // As promtool does: the rule files it loads are checked with it.
      const loaded: RuleFile[] = [];
      for (const rules of result.ruleFiles) {
        let ruleText: string;
        try {
          ruleText = fs.readFileSync(rules, 'utf8');
        } catch (e) {
          io.err(`${path.relative(io.cwd, rules)}: cannot read: ${(e as Error).message}`);
          invalid = true;
          continue;
        }
        const read = await checkRules(path.relative(io.cwd, rules), rules, ruleText);
        if (read) loaded.push(read);
      }
      // Beyond promtool: a selector naming a job this file does not scrape finds nothing (warnings only).
      if (result.scraped && loaded.length > 0) {
        const { crossCheckRules } = await import('../prometheus/crosscheck.js');
        for (const d of crossCheckRules(result.scraped, loaded, { prometheusVersion })) io.err(formatDiagnostic(d, io.cwd));
      }
      continue;
    }
    if (kind !== 'prometheus-rules') {
      io.err(kind === 'prometheus-rule-tests'
        ? `${file}: looks like ${KIND_NAMES[kind]}; run it with promforge test`
        : `${file}: looks like ${KIND_NAMES[kind]}; promforge check checks rule files, Prometheus and Alertmanager configurations and Grafana dashboards`);
      invalid = true;
      continue;
    }
    await checkRules(file, full, text, parsed);
  }
  if (dashboards.length > 0) {
    const { checkDashboardFiles } = await import('../grafana/check.js');
    const checked = checkDashboardFiles(dashboards, { prometheusVersion: versionText });
    for (const d of checked.diagnostics) io.err(formatDiagnostic(d, io.cwd));
    for (const line of checked.summaries) io.out(line);
    if (checked.invalid) invalid = true;
  }
  if (invalid) return EXIT.invalid;
  if (lintFound && options.lintFatal) return EXIT.lint;
  return EXIT.ok;
}
