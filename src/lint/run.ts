/**
 * Running the checks over rule files: parse each expression once, learn what every recording rule outputs
 * (recording rules feed later rules, in any file: Prometheus loads them together), run every check, and
 * drop what a rule's suppressions switch off, reporting suppressions that are malformed or unused.
 */
import { indexCatalogs, type CatalogIndex } from '../catalog/lookup.js';
import type { MetricCatalog } from '../catalog/types.js';
import { formatVersion, LATEST_PROMETHEUS, parseVersion, type Version } from '../config/version.js';
import { error, warning, type Diagnostic } from '../diagnostics.js';
import type { Expr } from '../promql/ast.js';
import { outputLabels, type LabelSet } from '../promql/labels.js';
import { parsePromQL, type PromQLOptions } from '../promql/parse.js';
import { recordingRuleSeries } from '../promql/recorded.js';
import { describeRule, type Rule, type RuleFile, type RuleGroup, type SourceLocation } from '../rules/model.js';
import { intervalOfSelector, type ScrapeIntervals } from '../prometheus/intervals.js';
import { fieldAt, insideField, lineColumn } from '../rules/origin.js';
import type { Check, Finding, LintContext, LintSeverity } from './check.js';
import { isCheckId } from './ids.js';
import { CHECKS } from './registry.js';

export interface LintOptions {
  readonly catalogs: readonly MetricCatalog[];
  readonly scrapeIntervalMs?: number;
  /** Per-job scrape intervals from the host manifest (prometheus/intervals.ts); they override scrapeIntervalMs. */
  readonly scrapeIntervals?: ScrapeIntervals;
  readonly evaluationIntervalMs?: number;
  readonly prometheusVersion?: Version;
  readonly features?: PromQLOptions['features'];
  /** Checks switched off for the whole project (promforge.config.ts `lint.disable`). */
  readonly disable?: readonly string[];
  /** For tests: run only these. */
  readonly checks?: readonly Check[];
}

const MINUTE = 60_000;

interface Parsed {
  readonly file: RuleFile;
  readonly group: RuleGroup;
  readonly rule: Rule;
  readonly ast?: Expr;
}

export function lintRuleFiles(files: readonly RuleFile[], options: LintOptions): Diagnostic[] {
  const version = formatVersion(options.prometheusVersion ?? parseVersion(LATEST_PROMETHEUS)!);
  const index = indexCatalogs(options.catalogs);
  const parsed: Parsed[] = files.flatMap((file) =>
    file.groups.flatMap((group) =>
      group.rules.map((rule) => {
        const result = parsePromQL(rule.expr, { prometheusVersion: version, ...(options.features ? { features: options.features } : {}) });
        return { file, group, rule, ...(result.ok ? { ast: result.ast } : {}) };
      }),
    ),
  );
  const recorded = recordingRuleSeries(files, index, { prometheusVersion: version, ...(options.features ? { features: options.features } : {}) });
  const intervals = intervalOfSelector(options.scrapeIntervals, options.scrapeIntervalMs ?? MINUTE);
  const ctx: LintContext = {
    index,
    recorded,
    scrapeIntervalMs: intervals.slowest,
    scrapeIntervalOf: intervals.of,
    evaluationIntervalMs: options.evaluationIntervalMs ?? MINUTE,
    labelsOf: memoized((expr) => outputLabels(expr, { index, recorded })),
    prometheusVersion: version,
  };
  const projectOff = new Set(options.disable ?? []);
  const checks = (options.checks ?? CHECKS).filter((c) => !projectOff.has(c.id));
  const out: Diagnostic[] = [];

  for (const p of parsed) {
    if (!p.ast) continue;
    const used = new Set<string>();
    const suppressed = new Set((p.rule.lint ?? []).flatMap((d) => d.disable));
    for (const check of checks) {
      if (check.scope !== 'rule') continue;
      for (const f of check.run({ file: p.file, group: p.group, rule: p.rule, ast: p.ast }, ctx)) {
        if (suppressed.has(check.id)) {
          used.add(check.id);
          continue;
        }
        out.push(toDiagnostic(check, f, p.rule, p.group));
      }
    }
    if (!projectOff.has('lint/suppression')) out.push(...checkSuppressions(p.rule, p.group, used));
  }
  for (const file of files) {
    for (const group of file.groups) {
      for (const check of checks) {
        if (check.scope !== 'group') continue;
        for (const f of check.run(group, file, ctx)) out.push(toGroupDiagnostic(check, f, group));
      }
    }
  }
  return out;
}

/**
 * Several checks ask for the labels of the same expression (a rule's, or a side of its binary operators): the
 * parse cache hands out one frozen tree per text, so the answer is kept per node for this run's context.
 */
function memoized(labelsOf: (expr: Expr) => LabelSet): (expr: Expr) => LabelSet {
  const known = new WeakMap<Expr, LabelSet>();
  return (expr) => {
    let set = known.get(expr);
    if (!set) known.set(expr, (set = labelsOf(expr)));
    return set;
  };
}


function subjectOf(rule: Rule, group: RuleGroup): string {
  return `group "${group.name}", ${describeRule(rule)}`;
}

function locate(rule: Rule, f: Finding): SourceLocation | undefined {
  if (f.span) {
    const { line, column } = lineColumn(rule.expr, f.span.from);
    return insideField(rule.origin, 'expr', line, column);
  }
  if (f.field) return fieldAt(rule.origin, f.field);
  return rule.origin.at;
}

function toDiagnostic(check: Check, f: Finding, rule: Rule, group: RuleGroup): Diagnostic {
  const severity: LintSeverity = f.severity ?? check.severity;
  const make = severity === 'error' ? error : warning;
  return make(f.message, {
    at: locate(rule, f),
    subject: subjectOf(rule, group),
    code: check.id,
    ...(f.fix ? { hint: f.fix } : {}),
  });
}

function toGroupDiagnostic(check: Check, f: Finding, group: RuleGroup): Diagnostic {
  const make = (f.severity ?? check.severity) === 'error' ? error : warning;
  return make(f.message, {
    at: f.field ? fieldAt(group.origin, f.field) : group.origin.at,
    subject: `group "${group.name}"`,
    code: check.id,
    ...(f.fix ? { hint: f.fix } : {}),
  });
}

/** A suppression must name real checks, say why, and still suppress something. */
function checkSuppressions(rule: Rule, group: RuleGroup, used: ReadonlySet<string>): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const d of rule.lint ?? []) {
    const at = d.at ?? rule.origin.at;
    const subject = subjectOf(rule, group);
    for (const id of d.disable) {
      if (!isCheckId(id)) {
        out.push(warning(`suppression names an unknown check "${id}"`, { at, subject, code: 'lint/suppression', hint: 'see the check list in the README' }));
      } else if (!used.has(id)) {
        out.push(warning(`suppression of ${id} is unused: the check does not fire on this rule`, { at, subject, code: 'lint/suppression', hint: 'remove it' }));
      }
    }
    if (!d.reason) {
      out.push(warning(`suppression of ${d.disable.join(', ')} gives no reason`, {
        at, subject, code: 'lint/suppression',
        hint: "say why, e.g. `# promforge disable promql/counter: the exporter resets it every scrape` or lint: { disable, reason }",
      }));
    }
  }
  return out;
}
