/**
 * Alertmanager's routing, inhibition and muting, offline: which receivers an alert with given labels reaches
 * (dispatch/route.go), whether a firing alert mutes it (inhibit/inhibit.go), and whether a route's time
 * intervals silence it at a given instant. `promforge routes test` and the project's routing tests use it to
 * assert "this alert reaches these receivers" without a running Alertmanager, with amtool's results.
 *
 * Routing: an alert enters at the root; a route matches when all its matchers do; the children are tried in
 * order, and the first that matches stops the search unless it has `continue: true`; a matching route none of
 * whose children match is where the alert ends up. Receivers, grouping and timing are inherited from the
 * parent; time intervals are not.
 */
import type { Version } from '../config/version.js';
import { parsePromDuration } from '../promql/duration.js';
import {
  formatMatchers, matchesAll, newMatcher, parseMatchers, sortMatchers, type LabelSet, type Matcher,
} from './matchers.js';
import type { AlertmanagerConfig, AmPath, AmRoute } from './model.js';
import { containsTime, parseTimeInterval, type TimeInterval } from './timeinterval.js';

export interface RouteOpts {
  readonly receiver: string;
  readonly groupBy: readonly string[];
  readonly groupByAll: boolean;
  readonly groupWaitMs: number;
  readonly groupIntervalMs: number;
  readonly repeatIntervalMs: number;
  readonly muteTimeIntervals: readonly string[];
  readonly activeTimeIntervals: readonly string[];
}

export interface RouteNode {
  readonly matchers: readonly Matcher[];
  readonly continue: boolean;
  readonly opts: RouteOpts;
  readonly routes: readonly RouteNode[];
  /** Where the route is in the configuration (`['route', 'routes', 0]`). */
  readonly path: AmPath;
}

/** dispatch.DefaultRouteOpts. */
const DEFAULT_OPTS: RouteOpts = {
  receiver: '',
  groupBy: [],
  groupByAll: false,
  groupWaitMs: 30_000,
  groupIntervalMs: 5 * 60_000,
  repeatIntervalMs: 4 * 3600_000,
  muteTimeIntervals: [],
  activeTimeIntervals: [],
};

const ms = (d: string | undefined, fallback: number): number => {
  if (d === undefined) return fallback;
  const p = parsePromDuration(d);
  return p.ok ? p.ms : fallback;
};

/**
 * dispatch.NewRoute for a configuration that validates (validate.ts): matchers from `match`, `match_re` and
 * `matchers`, sorted; options inherited. Throws on a matcher that does not parse, which validation reports first.
 */
export function buildRouteTree(config: AlertmanagerConfig, version: Version): RouteNode {
  return buildRoute(config.route ?? {}, undefined, ['route'], version);
}

function buildRoute(r: AmRoute, parent: RouteOpts | undefined, path: AmPath, version: Version): RouteNode {
  const base = parent ?? DEFAULT_OPTS;
  const labels = r.group_by?.filter((l) => l !== '...') ?? [];
  let groupBy = base.groupBy;
  let groupByAll = base.groupByAll;
  if (r.group_by !== undefined) {
    // `['...']` alone groups by everything and keeps the inherited list; any other list (even empty) replaces it.
    if (labels.length > 0 || !r.group_by.includes('...')) {
      groupBy = labels;
      groupByAll = false;
    } else groupByAll = true;
  }
  const opts: RouteOpts = {
    receiver: r.receiver || base.receiver,
    groupBy,
    groupByAll,
    groupWaitMs: ms(r.group_wait, base.groupWaitMs),
    groupIntervalMs: ms(r.group_interval, base.groupIntervalMs),
    repeatIntervalMs: ms(r.repeat_interval, base.repeatIntervalMs),
    muteTimeIntervals: r.mute_time_intervals ?? [],
    activeTimeIntervals: r.active_time_intervals ?? [],
  };
  const matchers: Matcher[] = [];
  for (const [name, value] of Object.entries(r.match ?? {})) matchers.push(must(newMatcher('=', name, value ?? '')));
  // yaml Regexp.String() is the compiled source, anchors included.
  for (const [name, value] of Object.entries(r.match_re ?? {})) matchers.push(must(newMatcher('=~', name, `^(?:${value ?? ''})$`)));
  for (const line of r.matchers ?? []) {
    const parsed = parseMatchers(line, version);
    if (!parsed.ok) throw new Error(`internal: unvalidated matcher ${JSON.stringify(line)}: ${parsed.error}`);
    matchers.push(...sortMatchers(parsed.matchers));
  }
  return {
    matchers: sortMatchers(matchers),
    continue: r.continue === true,
    opts,
    routes: (r.routes ?? []).map((child, i) => buildRoute(child, opts, [...path, 'routes', i], version)),
    path,
  };
}

function must(r: ReturnType<typeof newMatcher>): Matcher {
  if (!r.ok) throw new Error(`internal: unvalidated matcher: ${r.error}`);
  return r.matcher;
}

/** Route.Match: the routes an alert with `labels` ends up in, in tree order. */
export function matchRoutes(node: RouteNode, labels: LabelSet): RouteNode[] {
  if (!matchesAll(node.matchers, labels)) return [];
  const all: RouteNode[] = [];
  for (const child of node.routes) {
    const m = matchRoutes(child, labels);
    all.push(...m);
    if (m.length > 0 && !child.continue) break;
  }
  return all.length > 0 ? all : [node];
}

/** The receivers `amtool config routes test` prints, in order (a receiver may appear twice). */
export const receiversFor = (tree: RouteNode, labels: LabelSet): string[] => matchRoutes(tree, labels).map((r) => r.opts.receiver);

// ---- amtool's tree views (cli/routing.go, with xlab/treeprint's drawing) ----

interface TreeLine {
  readonly text: string;
  readonly children: readonly TreeLine[];
}

/** treeprint draws a continuing branch as "│", two no-break spaces and a space. */
function drawTree(root: readonly TreeLine[]): string[] {
  const out = ['.'];
  const walk = (nodes: readonly TreeLine[], prefix: string): void => {
    nodes.forEach((n, i) => {
      const last = i === nodes.length - 1;
      out.push(`${prefix}${last ? '└── ' : '├── '}${n.text}`);
      walk(n.children, `${prefix}${last ? '    ' : '│\u00a0\u00a0 '}`);
    });
  };
  walk(root, '');
  return out;
}

function slug(route: RouteNode, showContinue: boolean, showReceiver: boolean, version?: Version): string {
  let s = route.matchers.length === 0 ? 'default-route' : formatMatchers(route.matchers, version);
  if (route.continue && showContinue) s += '  continue: true';
  if (showReceiver) s += `  receiver: ${route.opts.receiver}`;
  return s;
}

/** `amtool config routes show`: the lines it prints, the trailing empty one included. */
export function formatRouteTree(tree: RouteNode, version?: Version): string[] {
  const convert = (r: RouteNode): TreeLine => ({ text: slug(r, true, true, version), children: r.routes.map(convert) });
  return ['Routing tree:', ...drawTree([convert(tree)]), ''];
}

/** `amtool config routes test --tree`: the matching branches, the final ones with their receiver. */
export function formatMatchingTree(tree: RouteNode, labels: LabelSet, version?: Version): string[] {
  const convert = (r: RouteNode): TreeLine => {
    const children: TreeLine[] = [];
    for (const child of r.routes) {
      if (matchesAll(child.matchers, labels)) {
        children.push(convert(child));
        if (!child.continue) break;
      }
    }
    return { text: slug(r, false, children.length === 0, version), children };
  };
  return ['Matching routes:', ...drawTree([convert(tree)]), '', ''];
}

// ---- inhibition ----

export interface InhibitRuleModel {
  readonly name?: string;
  readonly source: readonly Matcher[];
  readonly target: readonly Matcher[];
  readonly equal: readonly string[];
  readonly path: AmPath;
}

export function buildInhibitRules(config: AlertmanagerConfig, version: Version): InhibitRuleModel[] {
  return (config.inhibit_rules ?? []).map((r, i) => {
    const side = (s: 'source' | 'target'): Matcher[] => {
      const out: Matcher[] = [];
      for (const [name, value] of Object.entries(r[`${s}_match`] ?? {})) out.push(must(newMatcher('=', name, value)));
      for (const [name, value] of Object.entries(r[`${s}_match_re`] ?? {})) out.push(must(newMatcher('=~', name, `^(?:${value ?? ''})$`)));
      for (const line of r[`${s}_matchers`] ?? []) {
        const p = parseMatchers(line, version);
        if (!p.ok) throw new Error(`internal: unvalidated matcher ${JSON.stringify(line)}: ${p.error}`);
        out.push(...p.matchers);
      }
      return out;
    };
    return { ...(r.name ? { name: r.name } : {}), source: side('source'), target: side('target'), equal: r.equal ?? [], path: ['inhibit_rules', i] };
  });
}

/**
 * Inhibitor.Mutes: whether `alert` is muted by one of `firing` (the other alerts firing at the same time). A
 * source alert that also matches the rule's target side does not count when the muted alert matches both sides,
 * so two alerts matching both never mute each other.
 */
export function inhibitingRule(rules: readonly InhibitRuleModel[], alert: LabelSet, firing: readonly LabelSet[]): InhibitRuleModel | undefined {
  for (const r of rules) {
    if (!matchesAll(r.target, alert)) continue;
    const twoSided = matchesAll(r.source, alert);
    const by = firing.find((a) =>
      matchesAll(r.source, a) &&
      r.equal.every((l) => (a[l] ?? '') === (alert[l] ?? '')) &&
      !(twoSided && matchesAll(r.target, a)));
    if (by) return r;
  }
  return undefined;
}

export const isInhibited = (rules: readonly InhibitRuleModel[], alert: LabelSet, firing: readonly LabelSet[]): boolean =>
  inhibitingRule(rules, alert, firing) !== undefined;

// ---- time intervals ----

export function buildTimeIntervals(config: AlertmanagerConfig): Map<string, TimeInterval[]> {
  const out = new Map<string, TimeInterval[]>();
  for (const set of [...(config.mute_time_intervals ?? []), ...(config.time_intervals ?? [])]) {
    const parsed = (set.time_intervals ?? []).map((spec) => {
      const r = parseTimeInterval(spec);
      if (!r.ok) throw new Error(`internal: unvalidated time interval ${set.name ?? ''}: ${r.error}`);
      return r.interval;
    });
    out.set(set.name ?? '', parsed);
  }
  return out;
}

/** Whether the route does not notify at `at`: inside one of its mute intervals, or outside all its active ones. */
export function isMutedAt(route: RouteNode, at: Date, intervals: ReadonlyMap<string, readonly TimeInterval[]>): boolean {
  const inside = (name: string): boolean => (intervals.get(name) ?? []).some((ti) => containsTime(ti, at));
  if (route.opts.muteTimeIntervals.some(inside)) return true;
  return route.opts.activeTimeIntervals.length > 0 && !route.opts.activeTimeIntervals.some(inside);
}

// ---- all together ----

/** A configuration ready to answer routing questions. */
export interface Router {
  readonly tree: RouteNode;
  readonly inhibitRules: readonly InhibitRuleModel[];
  readonly intervals: ReadonlyMap<string, readonly TimeInterval[]>;
  /** Receivers by name: the number of integrations each has (0 for a null receiver). */
  readonly receivers: ReadonlyMap<string, number>;
}

export function buildRouter(config: AlertmanagerConfig, version: Version): Router {
  const receivers = new Map<string, number>();
  for (const r of config.receivers ?? []) {
    let n = 0;
    for (const [k, v] of Object.entries(r)) if (k.endsWith('_configs') && Array.isArray(v)) n += v.length;
    receivers.set(r.name ?? '', n);
  }
  return { tree: buildRouteTree(config, version), inhibitRules: buildInhibitRules(config, version), intervals: buildTimeIntervals(config), receivers };
}

export interface NotifyOptions {
  /** Evaluate time intervals at this instant; without it they are ignored. */
  readonly at?: Date;
  /** Other alerts firing at the same time, for inhibition. */
  readonly firing?: readonly LabelSet[];
}

/**
 * The receivers that would notify about an alert: the routes it reaches, minus those muted at `at`, and none
 * when a firing alert inhibits it. Receivers without integrations (null receivers) are kept: they are where the
 * alert goes, they just notify no one.
 */
export function notifications(router: Router, labels: LabelSet, options: NotifyOptions = {}): string[] {
  if (options.firing && isInhibited(router.inhibitRules, labels, options.firing)) return [];
  return matchRoutes(router.tree, labels)
    .filter((r) => options.at === undefined || !isMutedAt(r, options.at, router.intervals))
    .map((r) => r.opts.receiver);
}
