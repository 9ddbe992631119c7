/**
 * Prometheus queries: each one parsed and type-checked by our PromQL front end after Grafana's variables are
 * substituted (variables.ts), rate-like functions windowed by `$__rate_interval`, metric names checked
 * against the catalogs with the rule linter's own checks, legends that only name labels the query can return,
 * and, with the project's host manifest, job and instance matchers against what it scrapes (the rules' check,
 * prometheus/crosscheck.ts; variable queries' selectors too). A query Grafana cannot run shows an error
 * triangle; a query on a metric that does not exist, a job nothing scrapes, or a legend on a label that is not
 * there, shows "No data" or one unnamed series, and nobody notices.
 */
import type { CatalogIndex } from '../../catalog/lookup.js';
import { error, warning, type Diagnostic } from '../../diagnostics.js';
import type { Check, Finding, LintContext } from '../../lint/check.js';
import { walk } from '../../lint/check.js';
import { promqlCounter } from '../../lint/checks/promql-counter.js';
import { promqlDivision } from '../../lint/checks/promql-division.js';
import { promqlImpossible } from '../../lint/checks/promql-impossible.js';
import { promqlLabelMatch } from '../../lint/checks/promql-label-match.js';
import { promqlRange } from '../../lint/checks/promql-range.js';
import { promqlRate } from '../../lint/checks/promql-rate.js';
import { promqlRegexp } from '../../lint/checks/promql-regexp.js';
import { promqlSeries } from '../../lint/checks/promql-series.js';
import type { Expr, LabelMatcher, MatrixSelector, Subquery } from '../../promql/ast.js';
import { unwrapParens } from '../../promql/ast.js';
import { explainMissing, mayCarry, outputLabels, type LabelSet } from '../../promql/labels.js';
import { parsePromQL } from '../../promql/parse.js';
import type { RecordingRule, RuleFile, RuleGroup, SourceLocation } from '../../rules/model.js';
import { describePanel, formatJsonPath, isJsonObject, panelsOf, type DashboardModel, type Json, type JsonPath, type PanelAt } from '../model.js';
import { dashboardVariables, substituteVariables, type DashboardVariable, type Substituted } from '../variables.js';
import { JOB_CHECK, selectorProblems, type SelectorProblem } from '../../prometheus/crosscheck.js';
import { intervalOfSelector, type ScrapeIntervals } from '../../prometheus/intervals.js';
import type { Manifest } from '../../prometheus/model.js';
import { dashboardName } from './identity.js';
import { queryDatasource, resolveDatasource } from './panels.js';

export interface QueryCheckContext {
  readonly index: CatalogIndex;
  /** Output labels of the project's recording rules, by recorded name (empty for files checked alone). */
  readonly recorded: ReadonlyMap<string, LabelSet>;
  readonly scrapeIntervalMs: number;
  /** Per-job scrape intervals from the host manifest, when the project has one. */
  readonly scrapeIntervals?: ScrapeIntervals;
  /** The host manifest, when the project has one: the jobs and instances a selector can name. */
  readonly manifest?: Manifest;
  readonly evaluationIntervalMs: number;
  /** The target Prometheus, e.g. '2.42.0': newer PromQL is refused as in rules. */
  readonly prometheusVersion: string;
  /** Lint checks switched off for the project. */
  readonly disable?: readonly string[];
  /**
   * Queries found clean in this run, by everything their findings depend on (see queryKey): dashboards made
   * from one template repeat the same queries over the same variables, and each is judged once.
   */
  readonly clean?: Set<string>;
}

/** The rule linter's checks that judge an expression alone, whatever it is used for. */
const EXPRESSION_CHECKS: readonly Check[] = [promqlSeries, promqlRate, promqlCounter, promqlRange, promqlDivision];
/**
 * These judge label values in matchers: a variable's stand-in is not a value the label takes, so they only
 * run on queries whose strings hold no variables.
 */
const VALUE_CHECKS: readonly Check[] = [promqlImpossible, promqlLabelMatch, promqlRegexp];

/** Functions whose result is per second, whatever the window: the window should follow the step. */
const PER_SECOND = new Set(['rate', 'irate', 'deriv']);
/** Functions that need two samples in their window: `$__interval` can be shorter than two scrapes. */
const TWO_SAMPLES = new Set(['rate', 'irate', 'increase', 'delta', 'idelta', 'deriv', 'resets', 'changes', 'predict_linear']);

const LEGEND_LABEL = /\{\{\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*\}\}/g;

/** Grafana's rate interval: at least four scrapes, so rate() always has samples to work with. */
export const rateIntervalMs = (scrapeIntervalMs: number): number => 4 * scrapeIntervalMs;

export function checkQueries(d: DashboardModel, ctx: QueryCheckContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  const variables = dashboardVariables(d.json);
  const variablesKey = JSON.stringify([...variables.values()]);
  const lint = lintContext(ctx);
  const off = new Set(ctx.disable ?? []);
  const jobs: JobFinding[] = [];
  for (const p of panelsOf(d.json)) {
    const targets = p.panel['targets'];
    if (!Array.isArray(targets)) continue;
    (targets as readonly Json[]).forEach((t, i) => {
      if (!isJsonObject(t)) return;
      const ds = queryDatasource(p.panel, t, variables);
      if (ds?.type !== 'prometheus') return;
      const key = ctx.clean && queryKey(t, variablesKey);
      if (key !== undefined && ctx.clean?.has(key)) return;
      const query: Query = { d, p, path: [...p.path, 'targets', i], target: t, subject: `${dashboardName(d)}, ${describePanel(p)}` };
      const jobsBefore = jobs.length;
      const found = checkQuery(query, variables, ctx, lint, off, jobs);
      out.push(...found);
      if (key !== undefined && found.length === 0 && jobs.length === jobsBefore) ctx.clean?.add(key);
    });
  }
  if (ctx.manifest) jobs.push(...checkVariableQueries(d, variables, ctx, ctx.manifest));
  out.push(...jobWarnings(jobs));
  return out;
}

/**
 * What a Prometheus query's findings depend on besides the run's context (catalogs, rules, manifest, target
 * version, disabled checks): the fields checkQuery reads and the dashboard's variables. Where it sits only
 * shapes the messages, and a clean query has none.
 */
const queryKey = (target: { readonly [key: string]: Json }, variablesKey: string): string =>
  JSON.stringify([target['expr'] ?? null, target['legendFormat'] ?? null, target['hide'] ?? null, variablesKey]);

interface Query {
  readonly d: DashboardModel;
  readonly p: PanelAt;
  readonly path: JsonPath;
  readonly target: { readonly [key: string]: Json };
  readonly subject: string;
}

function checkQuery(
  q: Query, variables: ReadonlyMap<string, DashboardVariable>, ctx: QueryCheckContext, lint: LintContext, off: ReadonlySet<string>, jobs: JobFinding[],
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const exprPath: JsonPath = [...q.path, 'expr'];
  const expr = q.target['expr'];
  const where = formatJsonPath(exprPath);
  if (typeof expr !== 'string' || expr.trim() === '') {
    if (q.target['hide'] !== true) {
      out.push(error(`${formatJsonPath(q.path)} has no expression: the query returns nothing`, {
        at: q.d.locate(q.path), subject: q.subject, code: 'query/promql', hint: "promQuery('up{job=\"node\"}')",
      }));
    }
    return out;
  }
  const at = (offset: number): SourceLocation => q.d.locateInString?.(exprPath, offset) ?? q.d.locate(exprPath);
  const sub = substituteVariables(expr, variables, rateIntervalMs(ctx.scrapeIntervalMs));
  for (const use of sub.uses) {
    if (use.known || /^\d+$/.test(use.name)) continue;
    const text = expr.slice(use.from, use.to);
    const make = use.inString ? warning : error;
    out.push(make(`${where}: ${text} is not a variable of this dashboard${use.inString ? ': Grafana sends it as it is' : ', and PromQL has no $'}`, {
      at: at(use.from), subject: q.subject, code: 'query/variable',
      hint: `declare it in the dashboard's variables, or use one of ${[...variables.keys()].map((v) => `$${v}`).join(', ') || 'Grafana\'s $__rate_interval, $__interval, $__range'}`,
    }));
  }
  const parsed = parsePromQL(sub.expr, { prometheusVersion: ctx.prometheusVersion });
  if (!parsed.ok) {
    const unknown = sub.uses.filter((u) => !u.known && !u.inString);
    // The `$` of an unknown variable is the parse error already reported as such.
    for (const e of parsed.errors.filter((x) => !unknown.some((u) => x.from >= u.from && x.from < u.to))) {
      out.push(error(`${where} ${e.line}:${e.column}: ${e.message}`, {
        at: at(e.from), subject: q.subject, code: 'query/promql', hint: 'Grafana shows the panel with an error instead of data',
      }));
    }
    return out;
  }
  out.push(...checkRateIntervals(q, expr, parsed.ast, at));
  out.push(...lintQuery(q, sub, parsed.ast, lint, off, at));
  out.push(...checkLegend(q, parsed.ast, sub.expr, ctx));
  if (ctx.manifest) jobs.push(...checkJobs(where, q.subject, sub, parsed.ast, ctx.manifest, at));
  return out;
}

/**
 * The rules' job check on a query: a job or instance the manifest does not scrape selects nothing, and the panel
 * says "No data". A matcher whose value holds a variable (`instance=~"$instance"`) is left out: its stand-in is
 * not a value, and what the variable expands to is the variable's own query's business.
 */
function checkJobs(
  where: string, subject: string, sub: Substituted, ast: Expr, manifest: Manifest, at: (offset: number) => SourceLocation,
): JobFinding[] {
  const holdsVariable = (m: LabelMatcher): boolean => sub.uses.some((u) => u.from >= m.from && u.to <= m.to);
  return selectorProblems(ast, manifest, (m) => !holdsVariable(m)).map((problem) => ({ where, subject, at: at(problem.from), problem }));
}

interface JobFinding {
  /** The JSON path of the query. */
  readonly where: string;
  readonly subject: string;
  readonly at: SourceLocation;
  readonly problem: SelectorProblem;
}

/**
 * One warning per place and problem. A declared dashboard locates every query at its `dashboard(...)` call, so a
 * wrong job in a selector the module shares among its panels would otherwise be reported once per query; in a
 * JSON file each query has its own line and keeps its own warning.
 */
function jobWarnings(findings: readonly JobFinding[]): Diagnostic[] {
  const groups = new Map<string, JobFinding[]>();
  for (const f of findings) {
    const key = JSON.stringify([f.at.file, f.at.line, f.at.column, f.problem.message]);
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  return [...groups.values()].map(([first, ...more]) => {
    const shown = more.slice(0, 3).map((m) => m.where).join(', ');
    const also = more.length === 0 ? '' : ` (so do ${more.length} more quer${more.length === 1 ? 'y' : 'ies'} of this dashboard: ${shown}${more.length > 3 ? ', …' : ''})`;
    return warning(`${first!.where}: ${first!.problem.message}${also}`, { at: first!.at, subject: first!.subject, code: JOB_CHECK, hint: first!.problem.hint });
  });
}

/** Grafana's Prometheus variable queries that hold a selector or an expression, and where it starts. */
const VARIABLE_QUERY = /^(\s*label_values\s*\(\s*)(.*?)\s*,\s*[a-zA-Z_][a-zA-Z0-9_]*\s*\)\s*$|^(\s*query_result\s*\(\s*)(.*?)\s*\)\s*$/s;

/**
 * The job check on the selectors of query variables (`label_values(nvidia_smi_gpu_info{job="nvidia-gpu"}, instance)`):
 * a job nothing scrapes leaves the variable without values, and every panel filtered by it empty.
 */
function checkVariableQueries(d: DashboardModel, variables: ReadonlyMap<string, DashboardVariable>, ctx: QueryCheckContext, manifest: Manifest): JobFinding[] {
  const templating = d.json['templating'];
  const list = isJsonObject(templating) && Array.isArray(templating['list']) ? (templating['list'] as readonly Json[]) : [];
  const out: JobFinding[] = [];
  list.forEach((v, i) => {
    if (!isJsonObject(v) || v['type'] !== 'query') return;
    const ds = resolveDatasource(v['datasource'] ?? undefined, variables);
    if (!ds.ok || ds.ds.type !== 'prometheus') return;
    // Newer Grafana stores the query as { query, refId }.
    const path: JsonPath = isJsonObject(v['query']) ? ['templating', 'list', i, 'query', 'query'] : ['templating', 'list', i, 'query'];
    const query = isJsonObject(v['query']) ? v['query']['query'] : v['query'];
    const m = typeof query === 'string' ? VARIABLE_QUERY.exec(query) : null;
    if (!m) return;
    const start = (m[1] ?? m[3])!.length;
    const inner = (m[2] ?? m[4])!;
    const sub = substituteVariables(inner, variables, rateIntervalMs(ctx.scrapeIntervalMs));
    const parsed = parsePromQL(sub.expr, { prometheusVersion: ctx.prometheusVersion });
    if (!parsed.ok) return;
    const at = (offset: number): SourceLocation => d.locateInString?.(path, start + offset) ?? d.locate(path);
    out.push(...checkJobs(formatJsonPath(path), `${dashboardName(d)}, variable $${String(v['name'])}`, sub, parsed.ast, manifest, at));
  });
  return out;
}

/** The range of a rate-like call's argument: `rate(x[5m])` or `rate(x[5m:1m])`. */
function rangeOf(arg: Expr | undefined): MatrixSelector | Subquery | undefined {
  const a = arg && unwrapParens(arg);
  return a && (a.kind === 'MatrixSelector' || a.kind === 'Subquery') ? a : undefined;
}

function checkRateIntervals(q: Query, expr: string, ast: Expr, at: (offset: number) => SourceLocation): Diagnostic[] {
  const out: Diagnostic[] = [];
  const where = formatJsonPath([...q.path, 'expr']);
  for (const node of walk(ast)) {
    if (node.kind !== 'Call' || !TWO_SAMPLES.has(node.func)) continue;
    const range = rangeOf(node.args[0]);
    if (!range) continue;
    // Same-length substitution: the original text of the window sits at the same offsets.
    const open = expr.lastIndexOf('[', range.to - 1);
    const window = expr.slice(open + 1, range.to - 1).split(':')[0]!.trim();
    if (/^\$\{?__interval\}?$|^\[\[__interval\]\]$/.test(window)) {
      out.push(error(`${where}: ${node.func}() over [${window}]: when the dashboard shows a short time range, $__interval gets shorter than two scrapes and ${node.func}() returns nothing (gaps, or "No data")`, {
        at: at(open + 1), subject: q.subject, code: 'query/rate-interval', hint: 'use [$__rate_interval], which is never less than four scrape intervals',
      }));
    } else if (PER_SECOND.has(node.func) && !/__rate_interval|__range/.test(window) && !window.startsWith('$') && !window.startsWith('[[')) {
      out.push(warning(`${where}: ${node.func}() over a fixed [${window}]: the graph smooths over ${window} at every zoom level, hiding spikes when zoomed in and skipping samples between steps when zoomed out`, {
        at: at(open + 1), subject: q.subject, code: 'query/rate-interval', hint: `use [$__rate_interval]; keep a fixed window only where ${window} is the point (then say so in the panel title)`,
      }));
    }
  }
  return out;
}

function lintQuery(q: Query, sub: Substituted, ast: Expr, lint: LintContext, off: ReadonlySet<string>, at: (offset: number) => SourceLocation): Diagnostic[] {
  const valuesSubstituted = sub.uses.some((u) => u.inString && u.known);
  const checks = [...EXPRESSION_CHECKS, ...(valuesSubstituted ? [] : VALUE_CHECKS)].filter((c) => !off.has(c.id) && c.scope === 'rule');
  const rule: RecordingRule = { kind: 'record', record: 'dashboard:query', expr: sub.expr, labels: {}, origin: {} };
  const group: RuleGroup = { name: 'dashboard', rules: [rule], origin: {} };
  const file: RuleFile = { source: q.d.source, groups: [group] };
  const out: Diagnostic[] = [];
  for (const check of checks) {
    if (check.scope !== 'rule') continue;
    for (const f of check.run({ file, group, rule, ast }, lint)) out.push(toDiagnostic(q, check, f, at));
  }
  return out;
}

function toDiagnostic(q: Query, check: Check, f: Finding, at: (offset: number) => SourceLocation): Diagnostic {
  const make = (f.severity ?? check.severity) === 'error' ? error : warning;
  return make(`${formatJsonPath([...q.path, 'expr'])}: ${f.message}`, {
    at: f.span ? at(f.span.from) : q.d.locate([...q.path, 'expr']), subject: q.subject, code: check.id, ...(f.fix ? { hint: f.fix } : {}),
  });
}

function checkLegend(q: Query, ast: Expr, source: string, ctx: QueryCheckContext): Diagnostic[] {
  const legend = q.target['legendFormat'];
  if (typeof legend !== 'string') return [];
  const labels = outputLabels(ast, { index: ctx.index, recorded: ctx.recorded });
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const m of legend.matchAll(LEGEND_LABEL)) {
    const label = m[1]!;
    if (seen.has(label) || mayCarry(labels, label)) continue;
    seen.add(label);
    const why = explainMissing(ast, label, { index: ctx.index, recorded: ctx.recorded, source });
    out.push(error(`${formatJsonPath([...q.path, 'legendFormat'])} prints {{${label}}}, which the query never returns${why ? ` (${why})` : ''}: every series gets the same name, and nobody can tell them apart`, {
      at: q.d.locateInString?.([...q.path, 'legendFormat'], m.index) ?? q.d.locate([...q.path, 'legendFormat']), subject: q.subject, code: 'query/legend',
      hint: labels.labels.size > 0
        ? `its series carry ${[...labels.labels].sort().map((l) => `{{${l}}}`).join(', ')}${why?.startsWith('dropped by') ? `, or keep ${label} in the aggregation: by (${label}, …)` : ''}`
        : 'its series carry no labels: give the legend fixed text',
    }));
  }
  return out;
}

function lintContext(ctx: QueryCheckContext): LintContext {
  const intervals = intervalOfSelector(ctx.scrapeIntervals, ctx.scrapeIntervalMs);
  return {
    index: ctx.index,
    recorded: ctx.recorded,
    scrapeIntervalMs: intervals.slowest,
    scrapeIntervalOf: intervals.of,
    evaluationIntervalMs: ctx.evaluationIntervalMs,
    labelsOf: (expr) => outputLabels(expr, { index: ctx.index, recorded: ctx.recorded }),
  };
}
