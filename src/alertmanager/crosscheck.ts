/**
 * Alertmanager configuration ↔ the project's alerting rules. Two mistakes no single file shows:
 *
 * - a route or inhibit rule matching on a label no declared alert carries (`cluster="prod"` in a project whose
 *   alerts have no cluster label): the route never matches, the inhibition never happens (warning);
 * - an alert that reaches no receiver that notifies anyone, because its labels fall through to a null receiver
 *   (error, unless the configuration's `unnotified` option names the alert with a reason).
 *
 * An alert's labels are its name, its group's and its own static labels, and the labels its expression's
 * result series may carry (PromQL label inference with the metric catalogs). Routing on labels whose value is
 * only known at run time (`instance`) is explored both ways: the alert must notify someone whatever they hold.
 */
import { indexCatalogs, type CatalogIndex } from '../catalog/lookup.js';
import type { MetricCatalog } from '../catalog/types.js';
import { LATEST_PROMETHEUS, formatVersion, parseVersion, type Version } from '../config/version.js';
import { error, warning, type Diagnostic } from '../diagnostics.js';
import { mayCarry, outputLabels, type LabelSet as PromLabelSet } from '../promql/labels.js';
import { parsePromQL } from '../promql/parse.js';
import type { AlertingRule, RuleFile } from '../rules/model.js';
import type { AlertmanagerOptions } from './api.js';
import { matches, parseMatchers, type Matcher } from './matchers.js';
import { formatPath, type AlertmanagerDocument, type AmPath } from './model.js';
import { buildRouter, type RouteNode, type Router } from './route.js';

export interface CrossCheckOptions {
  readonly alertmanagerVersion: Version;
  readonly prometheusVersion?: Version;
  /** Metric catalogs, so expressions' output labels are known (ResolvedConfig.catalogs). */
  readonly catalogs?: readonly MetricCatalog[];
  readonly options?: AlertmanagerOptions;
}

/** What routing can know about one declared alert. */
export interface DeclaredAlert {
  readonly rule: AlertingRule;
  /** alertname, the group's and the rule's labels: known values. */
  readonly labels: Readonly<Record<string, string>>;
  /** Labels the expression's result may carry, beyond the static ones. */
  readonly output: PromLabelSet;
}

export function declaredAlerts(ruleFiles: readonly RuleFile[], options: { catalogs?: readonly MetricCatalog[]; prometheusVersion?: Version } = {}): DeclaredAlert[] {
  const index: CatalogIndex = indexCatalogs(options.catalogs ?? []);
  const version = formatVersion(options.prometheusVersion ?? parseVersion(LATEST_PROMETHEUS)!);
  const out: DeclaredAlert[] = [];
  for (const file of ruleFiles) {
    for (const group of file.groups) {
      for (const rule of group.rules) {
        if (rule.kind !== 'alert') continue;
        const parsed = parsePromQL(rule.expr, { prometheusVersion: version });
        const output: PromLabelSet = parsed.ok ? outputLabels(parsed.ast, { index }) : { labels: new Set(), open: true, keepsName: false };
        out.push({ rule, labels: { ...(group.labels ?? {}), ...rule.labels, alertname: rule.alert }, output });
      }
    }
  }
  return out;
}

const mayHave = (a: DeclaredAlert, label: string): boolean => label in a.labels || mayCarry(a.output, label);

export function crossCheckAlertmanager(doc: AlertmanagerDocument, ruleFiles: readonly RuleFile[], options: CrossCheckOptions): Diagnostic[] {
  const alerts = declaredAlerts(ruleFiles, options);
  const out: Diagnostic[] = [];
  out.push(...unknownLabels(doc, alerts, options.alertmanagerVersion));
  const router = buildRouter(doc.config, options.alertmanagerVersion);
  const unnotified = options.options?.unnotified ?? {};
  const names = new Set(alerts.map((a) => a.rule.alert));
  for (const name of Object.keys(unnotified)) {
    if (!names.has(name)) out.push(warning(`unnotified names alert ${name}, which no rule declares`, { at: doc.locate([]), hint: 'remove it from unnotified' }));
  }
  const reported = new Set<string>();
  for (const a of alerts) {
    if (a.rule.alert in unnotified) continue;
    const silent = silentOutcome(router, a);
    if (!silent) continue;
    const key = `${a.rule.alert}\u0000${JSON.stringify(a.labels)}`;
    if (reported.has(key)) continue;
    reported.add(key);
    const where = silent.length === 0 ? 'no receiver' : `only ${silent.map((r) => `"${r.opts.receiver}"`).join(', ')}, which notif${silent.length === 1 ? 'ies' : 'y'} no one`;
    out.push(error(`alert ${a.rule.alert} (${labelText(a.labels)}) reaches ${where}`, {
      ...(a.rule.origin.at ? { at: a.rule.origin.at } : {}),
      subject: `alert ${a.rule.alert}`,
      hint: `route it to a receiver with integrations, or list it in alertmanager(..., { unnotified: { ${a.rule.alert}: 'why' } })`,
    }));
  }
  return out;
}

const labelText = (l: Readonly<Record<string, string>>): string =>
  Object.entries(l).filter(([k]) => k !== 'alertname').map(([k, v]) => `${k}="${v}"`).join(', ') || 'no labels';

/** Every label some route or inhibit rule matches on (or compares) must be one a declared alert can carry. */
function unknownLabels(doc: AlertmanagerDocument, alerts: readonly DeclaredAlert[], version: Version): Diagnostic[] {
  const out: Diagnostic[] = [];
  const known = (label: string): boolean => alerts.some((a) => mayHave(a, label));
  const carried = [...new Set(alerts.flatMap((a) => [...Object.keys(a.labels), ...a.output.labels]))].sort();
  const hint = `labels the declared alerts carry: ${carried.join(', ')}`;
  const report = (path: AmPath, labels: Iterable<string>, what: string): void => {
    for (const l of new Set(labels)) {
      if (!known(l)) out.push(warning(`${what} label "${l}", which no declared alert carries`, { at: doc.locate(path), subject: formatPath(path.slice(0, -1)), hint }));
    }
  };
  const matcherLabels = (lines: readonly string[] | undefined): string[] =>
    (lines ?? []).flatMap((line) => {
      const p = parseMatchers(line, version);
      return p.ok ? p.matchers.map((m: Matcher) => m.name) : [];
    });
  const walk = (r: NonNullable<typeof doc.config.route>, path: AmPath): void => {
    report([...path, 'matchers'], matcherLabels(r.matchers), 'matches on');
    report([...path, 'match'], Object.keys(r.match ?? {}), 'matches on');
    report([...path, 'match_re'], Object.keys(r.match_re ?? {}), 'matches on');
    (r.routes ?? []).forEach((c, i) => walk(c, [...path, 'routes', i]));
  };
  if (doc.config.route) walk(doc.config.route, ['route']);
  (doc.config.inhibit_rules ?? []).forEach((r, i) => {
    const p: AmPath = ['inhibit_rules', i];
    for (const side of ['source', 'target'] as const) {
      report([...p, `${side}_matchers`], matcherLabels(r[`${side}_matchers`]), 'matches on');
      report([...p, `${side}_match`], Object.keys(r[`${side}_match`] ?? {}), 'matches on');
      report([...p, `${side}_match_re`], Object.keys(r[`${side}_match_re`] ?? {}), 'matches on');
    }
    report([...p, 'equal'], r.equal ?? [], 'compares');
  });
  return out;
}

type Tri = 'yes' | 'no' | 'maybe';

function matcherOn(a: DeclaredAlert, m: Matcher): Tri {
  const value = a.labels[m.name];
  if (value !== undefined) return matches(m, value) ? 'yes' : 'no';
  if (!mayCarry(a.output, m.name)) return matches(m, '') ? 'yes' : 'no';
  const known = a.output.values?.get(m.name);
  if (known !== undefined && !a.output.open) return matches(m, known) ? 'yes' : 'no';
  return 'maybe';
}

function routeMatches(a: DeclaredAlert, r: RouteNode): Tri {
  let result: Tri = 'yes';
  for (const m of r.matchers) {
    const t = matcherOn(a, m);
    if (t === 'no') return 'no';
    if (t === 'maybe') result = 'maybe';
  }
  return result;
}

const MAX_OUTCOMES = 512;

/** Route.Match over every combination of the alert's run-time label values that changes the outcome. */
export function possibleRoutes(router: Router, a: DeclaredAlert): RouteNode[][] {
  const visit = (node: RouteNode): RouteNode[][] => {
    const self = routeMatches(a, node);
    if (self === 'no') return [[]];
    let partial: { all: RouteNode[]; stopped: boolean }[] = [{ all: [], stopped: false }];
    for (const child of node.routes) {
      const outcomes = visit(child);
      const next: typeof partial = [];
      for (const p of partial) {
        if (p.stopped) {
          next.push(p);
          continue;
        }
        for (const o of outcomes) next.push({ all: [...p.all, ...o], stopped: o.length > 0 && !child.continue });
      }
      partial = dedupe(next, (p) => `${p.stopped}|${p.all.map((r) => r.path.join('.')).join(',')}`);
      if (partial.length > MAX_OUTCOMES) partial = partial.slice(0, MAX_OUTCOMES);
    }
    const results = partial.map((p) => (p.all.length > 0 ? p.all : [node]));
    if (self === 'maybe') results.push([]);
    return dedupe(results, (r) => r.map((x) => x.path.join('.')).join(','));
  };
  return visit(router.tree);
}

function dedupe<T>(xs: readonly T[], key: (x: T) => string): T[] {
  const seen = new Set<string>();
  return xs.filter((x) => {
    const k = key(x);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** A routing outcome in which the alert notifies no one (the routes it ends in), or undefined when none exists. */
function silentOutcome(router: Router, a: DeclaredAlert): RouteNode[] | undefined {
  for (const outcome of possibleRoutes(router, a)) {
    if (!outcome.some((r) => (router.receivers.get(r.opts.receiver) ?? 0) > 0)) return outcome;
  }
  return undefined;
}
