/**
 * The rules ↔ the manifest. A selector naming a job nothing scrapes (`up{job="node-exporter"}` when the job is
 * `node`), or an instance no target of that job has, selects nothing: an alert on it never fires and no check
 * of a single file can tell. With the manifest the build knows every job and instance, so a job renamed in one
 * place and not the other is reported (warning, code prometheus/job) at the selector.
 *
 * Only selectors with a positive job matcher (`=` or `=~`) are judged: without one a series may come from any
 * job, including ones Prometheus makes up itself (`ALERTS`, recording rules keep their sources' jobs).
 *
 * The judgement works on one expression (selectorProblems), so the dashboards' queries get the same check
 * (grafana/checks/queries.ts), minus the matchers whose value is a Grafana variable.
 */
import { LATEST_PROMETHEUS, formatVersion, parseVersion, type Version } from '../config/version.js';
import { warning, type Diagnostic } from '../diagnostics.js';
import type { Expr, LabelMatcher } from '../promql/ast.js';
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

export interface SelectorProblem {
  /** Offset of the selector in the expression. */
  readonly from: number;
  readonly message: string;
  readonly hint: string;
}

/**
 * The selectors of `ast` that select nothing because of their job or instance matchers, once per problem (an
 * expression often repeats a selector: numerator and denominator). Matchers `judged` refuses are left out, as
 * if not written.
 */
export function selectorProblems(ast: Expr, manifest: Manifest, judged: (m: LabelMatcher) => boolean = () => true): SelectorProblem[] {
  const out: SelectorProblem[] = [];
  const reported = new Set<string>();
  for (const node of walk(ast)) {
    if (node.kind !== 'VectorSelector') continue;
    const found = judge(node.matchers.filter(judged), manifest);
    if (!found || reported.has(found.message)) continue;
    reported.add(found.message);
    out.push({ from: node.from, ...found });
  }
  return out;
}

type Judgement = { message: string; hint: string } | undefined;

/**
 * Judgements by manifest and matchers: a project repeats a few job and instance matchers across thousands of
 * selectors, and each judgement tests every target of the jobs.
 */
const judgements = new WeakMap<Manifest, Map<string, Judgement>>();

/** What is wrong with one selector's matchers, if anything. */
function judge(matchers: readonly LabelMatcher[], manifest: Manifest): Judgement {
  const relevant = matchers.filter((m) => m.name === 'job' || m.name === 'instance');
  if (relevant.length === 0) return undefined;
  let known = judgements.get(manifest);
  if (!known) judgements.set(manifest, (known = new Map()));
  const key = relevant.map(written).join(',');
  if (known.has(key)) return known.get(key);
  const found = judgeMatchers(relevant, manifest);
  known.set(key, found);
  return found;
}

function judgeMatchers(matchers: readonly LabelMatcher[], manifest: Manifest): Judgement {
  const jobMatchers = matchers.filter((m) => m.name === 'job');
  if (!jobMatchers.some((m) => m.op === '=' || m.op === '=~')) return undefined;
  const jobs = manifest.jobs.filter((j) => jobMatchers.every((m) => passes(m, j.job_name)));
  const all = manifest.jobs.map((j) => j.job_name);
  if (jobs.length === 0) {
    return {
      message: `${jobMatchers.map(written).join(', ')} matches no job the manifest scrapes, so this selector finds no series`,
      hint: `the jobs are ${all.join(', ')}; rename the job here or in the manifest`,
    };
  }
  const instanceMatchers = matchers.filter((m) => m.name === 'instance');
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
  for (const file of files) {
    for (const group of file.groups) {
      for (const rule of group.rules) {
        const parsed = parsePromQL(rule.expr, { prometheusVersion: version });
        if (!parsed.ok) continue;
        for (const found of selectorProblems(parsed.ast, manifest)) {
          const { line, column } = lineColumn(rule.expr, found.from);
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
