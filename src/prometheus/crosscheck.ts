/**
 * The rules ↔ the manifest. A selector naming a job nothing scrapes (`up{job="node-exporter"}` when the job is
 * `node`), or an instance no target of that job has, selects nothing: an alert on it never fires and no check
 * of a single file can tell. With the manifest the build knows every job and instance, so a job renamed in one
 * place and not the other is reported (warning, code prometheus/job) at the selector.
 *
 * Only selectors with a positive job matcher (`=` or `=~`) are judged: without one a series may come from any
 * job, including ones Prometheus makes up itself (`ALERTS`, recording rules keep their sources' jobs).
 */
import { LATEST_PROMETHEUS, formatVersion, parseVersion, type Version } from '../config/version.js';
import { warning, type Diagnostic } from '../diagnostics.js';
import type { LabelMatcher, VectorSelector } from '../promql/ast.js';
import { walk } from '../lint/check.js';
import { parsePromQL } from '../promql/parse.js';
import { compileMatcherRegex } from '../promql/regex.js';
import { describeRule, type RuleFile } from '../rules/model.js';
import { insideField, lineColumn } from '../rules/origin.js';
import type { Manifest, ManifestJob } from './model.js';

export const JOB_CHECK = 'prometheus/job';

/** Whether `value` passes `m`; an invalid regex passes nothing (validation reports it). */
function passes(m: LabelMatcher, value: string): boolean {
  switch (m.op) {
    case '=':
      return value === m.value;
    case '!=':
      return value !== m.value;
    default: {
      const re = compileMatcherRegex(m.value);
      if (!re.ok) return false;
      return re.regex.test(value) === (m.op === '=~');
    }
  }
}

const instancesOf = (job: ManifestJob): string[] => (job.kind === 'scrape' ? [...new Set(job.targets.map((t) => t.host))] : [...job.targets]);

const written = (m: LabelMatcher): string => `${m.name}${m.op}${JSON.stringify(m.value)}`;

/** What is wrong with one selector, if anything. */
function judge(sel: VectorSelector, manifest: Manifest): { message: string; hint: string } | undefined {
  const jobMatchers = sel.matchers.filter((m) => m.name === 'job');
  if (!jobMatchers.some((m) => m.op === '=' || m.op === '=~')) return undefined;
  const jobs = manifest.jobs.filter((j) => jobMatchers.every((m) => passes(m, j.job_name)));
  const all = manifest.jobs.map((j) => j.job_name);
  if (jobs.length === 0) {
    return {
      message: `${jobMatchers.map(written).join(', ')} matches no job the manifest scrapes, so this selector finds no series`,
      hint: `the jobs are ${all.join(', ')}; rename the job here or in the manifest`,
    };
  }
  const instanceMatchers = sel.matchers.filter((m) => m.name === 'instance');
  if (!instanceMatchers.some((m) => m.op === '=' || m.op === '=~')) return undefined;
  const instances = jobs.flatMap(instancesOf);
  if (instances.some((i) => instanceMatchers.every((m) => passes(m, i)))) return undefined;
  return {
    message: `${instanceMatchers.map(written).join(', ')} matches no target of ${jobs.map((j) => `job "${j.job_name}"`).join(', ')}, so this selector finds no series`,
    hint: `its instances are ${instances.join(', ')} (a host's name, without the port)`,
  };
}

export function crossCheckRules(manifest: Manifest, files: readonly RuleFile[], options: { prometheusVersion?: Version } = {}): Diagnostic[] {
  const version = formatVersion(options.prometheusVersion ?? parseVersion(LATEST_PROMETHEUS)!);
  const out: Diagnostic[] = [];
  // One report per rule and problem: an expression often repeats a selector (numerator and denominator).
  const reported = new Set<string>();
  for (const file of files) {
    for (const group of file.groups) {
      for (const rule of group.rules) {
        const parsed = parsePromQL(rule.expr, { prometheusVersion: version });
        if (!parsed.ok) continue;
        for (const node of walk(parsed.ast)) {
          if (node.kind !== 'VectorSelector') continue;
          const found = judge(node, manifest);
          if (!found || reported.has(JSON.stringify([rule.origin.at, found.message]))) continue;
          reported.add(JSON.stringify([rule.origin.at, found.message]));
          const { line, column } = lineColumn(rule.expr, node.from);
          const at = insideField(rule.origin, 'expr', line, column);
          out.push(warning(found.message, {
            ...(at ? { at } : {}), subject: `group "${group.name}", ${describeRule(rule)}`, code: JOB_CHECK, hint: found.hint,
          }));
        }
      }
    }
  }
  return out;
}
