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
 * (grafana/checks/queries.ts), minus the matchers whose value is a Grafana variable. `promforge check` makes the
 * job half of it for the rule files a prometheus.yml written by anyone loads, against that file's jobs (jobs.ts).
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

/**
 * What selectors are judged against: the jobs series can carry and, where known, each job's instances. From the
 * manifest (jobsOfManifest), or from a prometheus.yml written by anyone (jobs.ts), which knows no instances.
 */
export interface ScrapedJobs {
  /** Where the jobs come from, as messages name it: "the manifest", a prometheus.yml's path. */
  readonly source: string;
  readonly jobs: readonly { readonly name: string; readonly instances?: readonly string[] }[];
}

const manifestJobs = new WeakMap<Manifest, ScrapedJobs>();

export function jobsOfManifest(manifest: Manifest): ScrapedJobs {
  let jobs = manifestJobs.get(manifest);
  if (!jobs) {
    jobs = { source: 'the manifest', jobs: manifest.jobs.map((j) => ({ name: j.job_name, instances: instancesOf(j) })) };
    manifestJobs.set(manifest, jobs);
  }
  return jobs;
}

const instancesOf = (job: ManifestJob): string[] => (job.kind === 'scrape' ? [...new Set(job.targets.map((t) => t.host))] : [...job.targets]);

const scrapedOf = (from: Manifest | ScrapedJobs): ScrapedJobs => ('hosts' in from ? jobsOfManifest(from) : from);

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
export function selectorProblems(ast: Expr, from: Manifest | ScrapedJobs, judged: (m: LabelMatcher) => boolean = () => true): SelectorProblem[] {
  const scraped = scrapedOf(from);
  const out: SelectorProblem[] = [];
  const reported = new Set<string>();
  for (const node of walk(ast)) {
    if (node.kind !== 'VectorSelector') continue;
    const found = judge(node.matchers.filter(judged), scraped);
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
const judgements = new WeakMap<ScrapedJobs, Map<string, Judgement>>();

/** What is wrong with one selector's matchers, if anything. */
function judge(matchers: readonly LabelMatcher[], scraped: ScrapedJobs): Judgement {
  const relevant = matchers.filter((m) => m.name === 'job' || m.name === 'instance');
  if (relevant.length === 0) return undefined;
  let known = judgements.get(scraped);
  if (!known) judgements.set(scraped, (known = new Map()));
  const key = relevant.map(written).join(',');
  if (known.has(key)) return known.get(key);
  const found = judgeMatchers(relevant, scraped);
  known.set(key, found);
  return found;
}

function judgeMatchers(matchers: readonly LabelMatcher[], scraped: ScrapedJobs): Judgement {
  const jobMatchers = matchers.filter((m) => m.name === 'job');
  if (!jobMatchers.some((m) => m.op === '=' || m.op === '=~')) return undefined;
  const jobs = scraped.jobs.filter((j) => jobMatchers.every((m) => passes(m, j.name)));
  const all = scraped.jobs.map((j) => j.name);
  if (jobs.length === 0) {
    return {
      message: `${jobMatchers.map(written).join(', ')} matches no job ${scraped.source} scrapes, so this selector finds no series`,
      hint: `the jobs are ${all.join(', ')}; rename the job here or in ${scraped.source}`,
    };
  }
  const instanceMatchers = matchers.filter((m) => m.name === 'instance');
  if (!instanceMatchers.some((m) => m.op === '=' || m.op === '=~')) return undefined;
  if (jobs.some((j) => j.instances === undefined)) return undefined;
  const instances = jobs.flatMap((j) => j.instances ?? []);
  if (instances.some((i) => instanceMatchers.every((m) => passes(m, i)))) return undefined;
  return {
    message: `${instanceMatchers.map(written).join(', ')} matches no target of ${jobs.map((j) => `job "${j.name}"`).join(', ')}, so this selector finds no series`,
    hint: `its instances are ${instances.join(', ')} (a host's name, without the port)`,
  };
}

export function crossCheckRules(from: Manifest | ScrapedJobs, files: readonly RuleFile[], options: { prometheusVersion?: Version } = {}): Diagnostic[] {
  const scraped = withRuleJobs(scrapedOf(from), files);
  if (!scraped) return [];
  const version = formatVersion(options.prometheusVersion ?? parseVersion(LATEST_PROMETHEUS)!);
  const out: Diagnostic[] = [];
  for (const file of files) {
    for (const group of file.groups) {
      for (const rule of group.rules) {
        const parsed = parsePromQL(rule.expr, { prometheusVersion: version });
        if (!parsed.ok) continue;
        for (const found of selectorProblems(parsed.ast, scraped)) {
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

/**
 * A rule that sets `job` itself (`labels: { job: batch }`) writes series of a job nothing scrapes: those count
 * as jobs too. A templated one (an alert's `job: '{{ $labels.x }}'`) could be any job, and the check is not made.
 */
function withRuleJobs(scraped: ScrapedJobs, files: readonly RuleFile[]): ScrapedJobs | undefined {
  const own = new Set<string>();
  for (const file of files) {
    for (const group of file.groups) {
      for (const job of [group.labels?.['job'], ...group.rules.map((r) => r.labels['job'])]) {
        if (job === undefined) continue;
        if (job.includes('{{')) return undefined;
        if (!scraped.jobs.some((j) => j.name === job)) own.add(job);
      }
    }
  }
  return own.size === 0 ? scraped : { source: scraped.source, jobs: [...scraped.jobs, ...[...own].map((name) => ({ name }))] };
}
