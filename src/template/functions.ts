// Function names known to the template dialects we check. Parsing only needs
// the names (an unknown name is a parse error in Go); an executor will attach
// implementations later. Lists verified against Go's text/template builtins,
// prometheus/prometheus template/template.go (main, 2026-08, after v3.14.0) and
// prometheus/alertmanager template/template.go (main, 2026-08, after v0.34.0),
// with `since` taken from the first release tag whose function map has the name.

import { atLeast, parseVersion } from '../config/version.js';

export interface TemplateFunctionInfo {
  readonly name: string;
  /** First release providing the function; absent means every release we target (Prometheus 2.0+, Alertmanager 0.3+). */
  readonly since?: string;
}

/** Always available in Go's text/template, whatever the application registers. */
export const GO_BUILTIN_TEMPLATE_FUNCTIONS: readonly string[] = [
  'and',
  'call',
  'html',
  'index',
  'slice',
  'js',
  'len',
  'not',
  'or',
  'print',
  'printf',
  'println',
  'urlquery',
  'eq',
  'ge',
  'gt',
  'le',
  'lt',
  'ne',
];

/**
 * Functions Prometheus registers for alerting-rule label/annotation templates
 * (NewTemplateExpander). `tmpl` is omitted: it exists only for HTML console
 * templates, so a rule template using it fails promtool's parse check.
 */
export const PROMETHEUS_TEMPLATE_FUNCTIONS: readonly TemplateFunctionInfo[] = [
  { name: 'query' },
  { name: 'first' },
  { name: 'label' },
  { name: 'value' },
  { name: 'strvalue' },
  { name: 'args' },
  { name: 'reReplaceAll' },
  { name: 'safeHtml' },
  { name: 'match' },
  { name: 'title' },
  { name: 'toUpper' },
  { name: 'toLower' },
  { name: 'graphLink' },
  { name: 'tableLink' },
  { name: 'sortByLabel' },
  { name: 'stripPort', since: '2.33.0' },
  { name: 'stripDomain', since: '2.36.0' },
  { name: 'humanize' },
  { name: 'humanize1024' },
  { name: 'humanizeDuration' },
  { name: 'humanizePercentage', since: '2.11.0' },
  { name: 'humanizeTimestamp' },
  { name: 'toTime', since: '2.38.0' },
  { name: 'toDuration', since: '3.6.0' },
  { name: 'now', since: '3.6.0' },
  { name: 'pathPrefix' },
  { name: 'externalURL' },
  { name: 'parseDuration', since: '2.32.0' },
  { name: 'urlQueryEscape', since: '3.8.0' },
];

/** Alertmanager's DefaultFuncs for notification templates; `since` is an Alertmanager version. */
export const ALERTMANAGER_TEMPLATE_FUNCTIONS: readonly TemplateFunctionInfo[] = [
  { name: 'toUpper' },
  { name: 'toLower' },
  { name: 'title' },
  { name: 'trimSpace', since: '0.26.0' },
  { name: 'join' },
  { name: 'match', since: '0.16.0' },
  { name: 'safeHtml' },
  { name: 'safeUrl', since: '0.30.0' },
  { name: 'urlUnescape', since: '0.30.0' },
  { name: 'reReplaceAll', since: '0.6.0' },
  { name: 'stringSlice', since: '0.20.0' },
  // A parse-time placeholder; Alertmanager swaps in the real one when executing.
  { name: 'routeLabels', since: '0.34.0' },
  { name: 'date', since: '0.28.0' },
  { name: 'tz', since: '0.28.0' },
  { name: 'now', since: '0.33.0' },
  { name: 'since', since: '0.28.0' },
  { name: 'humanizeDuration', since: '0.28.0' },
  { name: 'toDate', since: '0.34.0' },
  { name: 'mustToDate', since: '0.34.0' },
  { name: 'toJson', since: '0.30.0' },
  { name: 'base64encode', since: '0.34.0' },
  { name: 'base64decode', since: '0.34.0' },
  { name: 'list', since: '0.32.0' },
  { name: 'append', since: '0.32.0' },
  { name: 'dict', since: '0.32.0' },
];

function availableIn(functions: readonly TemplateFunctionInfo[], version: string | undefined): ReadonlySet<string> {
  if (version === undefined) return new Set(functions.map((f) => f.name));
  const target = parseVersion(version);
  if (!target) throw new Error(`invalid version ${JSON.stringify(version)}: expected MAJOR.MINOR[.PATCH]`);
  return new Set(functions.filter((f) => f.since === undefined || atLeast(target, f.since)).map((f) => f.name));
}

/** Prometheus rule-template functions (without Go builtins) for a release, or the newest if omitted. */
export function prometheusTemplateFunctions(version?: string): ReadonlySet<string> {
  // Asked once per template parsed; the answer only depends on the version.
  const key = version ?? '';
  let set = prometheusByVersion.get(key);
  if (!set) prometheusByVersion.set(key, (set = availableIn(PROMETHEUS_TEMPLATE_FUNCTIONS, version)));
  return set;
}

const prometheusByVersion = new Map<string, ReadonlySet<string>>();

/** Alertmanager notification-template functions (without Go builtins) for a release, or the newest. */
export function alertmanagerTemplateFunctions(version?: string): ReadonlySet<string> {
  return availableIn(ALERTMANAGER_TEMPLATE_FUNCTIONS, version);
}
