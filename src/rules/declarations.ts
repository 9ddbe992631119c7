/**
 * Declarations → model. tsx runs TypeScript without type checking, so everything the types promise is
 * checked again here at run time (unknown fields, wrong value types), with the declaration's source line.
 */
import { error, type Diagnostic } from '../diagnostics.js';
import type { AlertDeclaration, GroupDeclaration, RecordDeclaration } from './api.js';
import type { AlertingRule, Labels, LintDirective, Origin, RecordingRule, Rule, RuleFile, RuleGroup, SourceLocation } from './model.js';
import { queryEscape } from '../template/builtins.js';

export interface LowerOptions {
  readonly runbookBaseUrl?: string;
  /** Grafana's URL (promforge.config.ts `grafana.url`), for `dashboard:` links. */
  readonly grafanaUrl?: string;
  /**
   * The project's dashboards by uid, with their variables and panel ids, so a `dashboard:` link to something
   * that does not exist fails the build. Without it links are not checked (rule tests lower rules alone).
   */
  readonly dashboards?: ReadonlyMap<string, { readonly variables: ReadonlySet<string>; readonly panels: ReadonlySet<number> }>;
}

/** The options a project's configuration gives: where runbooks and Grafana are. */
export function lowerOptionsFor(config: { readonly runbookBaseUrl?: string; readonly grafana?: { readonly url?: string } }, dashboards?: LowerOptions['dashboards']): LowerOptions {
  return {
    ...(config.runbookBaseUrl !== undefined ? { runbookBaseUrl: config.runbookBaseUrl } : {}),
    ...(config.grafana?.url !== undefined ? { grafanaUrl: config.grafana.url } : {}),
    ...(dashboards ? { dashboards } : {}),
  };
}

export interface Lowered {
  readonly file?: RuleFile;
  readonly diagnostics: readonly Diagnostic[];
}

const GROUP_FIELDS = ['interval', 'limit', 'query_offset', 'labels', 'rules'] as const;
const ALERT_FIELDS = [
  'expr', 'for', 'keep_firing_for', 'severity', 'summary', 'description', 'runbook', 'dashboard', 'labels', 'annotations', 'lint',
] as const;
const RECORD_FIELDS = ['expr', 'labels', 'lint'] as const;
const SEVERITIES = ['critical', 'warning', 'info'];
const CAMEL_CASE = /^[A-Z][A-Za-z0-9]*$/;

type Problems = Diagnostic[];

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function isDeclaration(v: unknown, kind: string): boolean {
  return isObject(v) && v['kind'] === kind && typeof v['name'] === 'string' && isObject(v['spec']);
}

/** The default export of a rules module, as a rule file. `source` is the module's path for messages. */
export function lowerRulesModule(source: string, exported: unknown, options: LowerOptions = {}): Lowered {
  const fileAt: SourceLocation = { file: source, line: 1, column: 1 };
  const list = Array.isArray(exported) ? exported : [exported];
  if (exported === undefined || list.length === 0 || !list.every((g) => isDeclaration(g, 'group'))) {
    return {
      diagnostics: [
        error('the module must `export default` a ruleGroup(...) or an array of them', {
          at: fileAt,
          hint: "e.g. export default ruleGroup('my-group', { rules: [ ... ] });",
        }),
      ],
    };
  }
  const problems: Problems = [];
  const groups = (list as GroupDeclaration[]).map((g) => lowerGroup(g, options, problems, fileAt));
  return { file: { source, groups }, diagnostics: problems };
}

function lowerGroup(decl: GroupDeclaration, options: LowerOptions, problems: Problems, fileAt: SourceLocation): RuleGroup {
  const at = decl.at ?? fileAt;
  const subject = `group "${decl.name}"`;
  const spec = decl.spec as unknown as Record<string, unknown>;
  unknownFields(spec, GROUP_FIELDS, at, subject, problems);
  const rulesIn = spec['rules'];
  let rules: Rule[] = [];
  if (!Array.isArray(rulesIn)) {
    problems.push(error('`rules` must be an array of alert(...) and record(...) declarations', { at, subject }));
  } else {
    rules = rulesIn.flatMap((r: unknown, i: number): Rule[] => {
      if (isDeclaration(r, 'alert')) return [lowerAlert(r as AlertDeclaration, options, problems, at)];
      if (isDeclaration(r, 'record')) return [lowerRecord(r as RecordDeclaration, problems, at)];
      problems.push(error(`rules[${i}] is not an alert(...) or record(...) declaration`, { at, subject }));
      return [];
    });
  }
  const labels = optionalLabels(spec['labels'], 'labels', at, subject, problems);
  return {
    name: decl.name,
    ...optionalString(spec, 'interval', at, subject, problems),
    ...optionalString(spec, 'query_offset', at, subject, problems),
    ...optionalNumber(spec, 'limit', at, subject, problems),
    ...(labels ? { labels } : {}),
    rules,
    origin: { at },
  };
}

function lowerAlert(decl: AlertDeclaration, options: LowerOptions, problems: Problems, groupAt: SourceLocation): AlertingRule {
  const at = decl.at ?? groupAt;
  const subject = `alert ${decl.name}`;
  const spec = decl.spec as unknown as Record<string, unknown>;
  unknownFields(spec, ALERT_FIELDS, at, subject, problems);
  if (!CAMEL_CASE.test(decl.name)) {
    problems.push(error(`alert name "${decl.name}" is not CamelCase`, { at, subject, hint: 'e.g. NixCacheNotAccessible: letters and digits, starting upper-case' }));
  }
  const severity = spec['severity'];
  if (typeof severity !== 'string' || !SEVERITIES.includes(severity)) {
    problems.push(error(`severity must be one of ${SEVERITIES.join(', ')}, got ${JSON.stringify(severity)}`, { at, subject }));
  }
  const extraLabels = optionalLabels(spec['labels'], 'labels', at, subject, problems) ?? {};
  const extraAnnotations = optionalLabels(spec['annotations'], 'annotations', at, subject, problems) ?? {};
  for (const reserved of ['severity', 'alertname']) {
    if (reserved in extraLabels) {
      problems.push(error(`labels must not set "${reserved}"`, {
        at, subject, hint: reserved === 'severity' ? 'use the severity field' : 'the alert name is the alertname label',
      }));
    }
  }
  for (const reserved of ['summary', 'description', 'runbook_url']) {
    if (reserved in extraAnnotations) {
      problems.push(error(`annotations must not set "${reserved}"`, {
        at, subject, hint: `use the ${reserved === 'runbook_url' ? 'runbook' : reserved} field`,
      }));
    }
  }
  const summary = requiredString(spec, 'summary', at, subject, problems);
  const description = optionalString(spec, 'description', at, subject, problems).description;
  const runbook = optionalString(spec, 'runbook', at, subject, problems).runbook;
  const annotations: Record<string, string> = { summary };
  if (description !== undefined) annotations['description'] = description;
  if (runbook !== undefined) annotations['runbook_url'] = resolveRunbook(runbook, options, at, subject, problems);
  if (spec['dashboard'] !== undefined) {
    if ('dashboard_url' in extraAnnotations) {
      problems.push(error('annotations must not set "dashboard_url" when the dashboard field does', { at, subject, hint: 'keep one of them' }));
    }
    const url = dashboardUrl(spec['dashboard'], options, at, subject, problems);
    if (url !== undefined) annotations['dashboard_url'] = url;
  }
  return {
    kind: 'alert',
    alert: decl.name,
    expr: normalizeExpr(requiredString(spec, 'expr', at, subject, problems)),
    ...optionalString(spec, 'for', at, subject, problems),
    ...optionalString(spec, 'keep_firing_for', at, subject, problems),
    labels: { severity: typeof severity === 'string' ? severity : '', ...extraLabels },
    annotations: { ...annotations, ...extraAnnotations },
    origin: { at } satisfies Origin,
    ...lowerLint(spec['lint'], at, subject, problems),
  };
}

function lowerRecord(decl: RecordDeclaration, problems: Problems, groupAt: SourceLocation): RecordingRule {
  const at = decl.at ?? groupAt;
  const subject = `record ${decl.name}`;
  const spec = decl.spec as unknown as Record<string, unknown>;
  unknownFields(spec, RECORD_FIELDS, at, subject, problems);
  return {
    kind: 'record',
    record: decl.name,
    expr: normalizeExpr(requiredString(spec, 'expr', at, subject, problems)),
    labels: optionalLabels(spec['labels'], 'labels', at, subject, problems) ?? {},
    origin: { at },
    ...lowerLint(spec['lint'], at, subject, problems),
  };
}

/** `lint: { disable, reason }`; whether the ids exist and the reason is given is the linter's to judge. */
function lowerLint(v: unknown, at: SourceLocation, subject: string, problems: Problems): { lint?: LintDirective[] } {
  if (v === undefined) return {};
  const disable = isObject(v) ? v['disable'] : undefined;
  const reason = isObject(v) ? v['reason'] : undefined;
  if (!Array.isArray(disable) || !disable.every((d) => typeof d === 'string') || (reason !== undefined && typeof reason !== 'string')) {
    problems.push(error('lint must be { disable: [check ids], reason: string }', { at, subject }));
    return {};
  }
  return { lint: [{ disable: disable as string[], ...(reason ? { reason } : {}), at }] };
}

/**
 * Expressions written as indented template literals read well in TypeScript but would be emitted with their
 * source indentation. PromQL ignores whitespace, so the common indentation, blank edge lines and trailing
 * spaces are dropped: the YAML shows the expression as it reads in the declaration.
 */
export function normalizeExpr(expr: string): string {
  if (!expr.includes('\n')) return expr.trim();
  const lines = expr.split('\n').map((l) => l.trimEnd());
  while (lines.length > 0 && lines[0] === '') lines.shift();
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const indent = Math.min(...lines.filter((l) => l !== '').map((l) => l.length - l.trimStart().length));
  return lines.map((l) => l.slice(indent)).join('\n');
}

function resolveRunbook(runbook: string, options: LowerOptions, at: SourceLocation, subject: string, problems: Problems): string {
  if (/^https?:\/\//.test(runbook)) return runbook;
  if (options.runbookBaseUrl === undefined) {
    problems.push(error(`runbook "${runbook}" is relative but promforge.config.ts sets no runbookBaseUrl`, {
      at, subject, hint: 'set runbookBaseUrl in promforge.config.ts, or give a full http(s) URL',
    }));
    return runbook;
  }
  return `${options.runbookBaseUrl.replace(/\/+$/, '')}/${runbook.replace(/^\/+/, '')}`;
}

/**
 * A variable's value in the link's query string. Literal text is escaped here; template actions
 * (`{{ $labels.instance }}`) are piped through Go's `urlquery`, so a label value holding `&`, `#` or a space cannot
 * break the link when Prometheus renders it. Control actions (`if`, `range`, `end`...) are left alone.
 */
function queryValue(value: string): string {
  return value
    .split(/(\{\{-?.*?-?\}\})/s)
    .map((part, i) => {
      if (i % 2 === 0) return queryEscape(part);
      const m = /^\{\{(-?)\s*(.*?)\s*(-?)\}\}$/s.exec(part);
      if (!m || /^(if|else|end|range|with|define|template|block|break|continue)\b|^\/\*/.test(m[2]!) || /\|\s*urlquery\s*$/.test(m[2]!)) return part;
      return `{{${m[1]} ${m[2]} | urlquery ${m[3]}}}`;
    })
    .join('');
}

/**
 * `<grafana.url>/d/<uid>[?viewPanel=<id>][&var-<name>=<value>…]`. Values may be
 * templates (`{{ $labels.instance }}`) that Prometheus renders when the alert fires.
 */
function dashboardUrl(link: unknown, options: LowerOptions, at: SourceLocation, subject: string, problems: Problems): string | undefined {
  const spec = typeof link === 'string' ? { uid: link } : isObject(link) ? link : undefined;
  const uid = spec?.['uid'];
  const panel = spec?.['panel'];
  const vars = spec?.['vars'];
  if (typeof uid !== 'string' || uid === '' || (panel !== undefined && !(typeof panel === 'number' && Number.isInteger(panel) && panel > 0))
    || (vars !== undefined && !(isObject(vars) && Object.values(vars).every((v) => typeof v === 'string')))) {
    problems.push(error('dashboard must be a dashboard uid, or { uid, panel?: panel id, vars?: { name: value } }', {
      at, subject, hint: "e.g. dashboard: 'nix-build-cache', or dashboard: { uid: 'system-overview', vars: { instance: '{{ $labels.instance }}' } }",
    }));
    return undefined;
  }
  const known = options.dashboards;
  const target = known?.get(uid);
  if (known && !target) {
    const near = closest(uid, [...known.keys()]);
    problems.push(error(`dashboard "${uid}" is not a dashboard of this project`, {
      at, subject, hint: near ? `did you mean "${near}"?` : known.size > 0 ? `the dashboards are ${[...known.keys()].sort().join(', ')}` : 'declare it in dashboards/*.ts',
    }));
  }
  if (target && typeof panel === 'number' && !target.panels.has(panel)) {
    problems.push(error(`dashboard "${uid}" has no panel with id ${panel}`, { at, subject, hint: `its panel ids are ${[...target.panels].sort((a, b) => a - b).join(', ')}` }));
  }
  for (const name of Object.keys(isObject(vars) ? vars : {})) {
    if (target && !target.variables.has(name)) {
      problems.push(error(`dashboard "${uid}" has no variable "${name}"`, { at, subject, hint: target.variables.size > 0 ? `its variables are ${[...target.variables].join(', ')}` : 'it declares no variables' }));
    }
  }
  if (options.grafanaUrl === undefined) {
    problems.push(error(`dashboard "${uid}" needs Grafana's URL, and promforge.config.ts sets no grafana.url`, {
      at, subject, hint: "set it: grafana: { url: 'https://grafana.example.org' }",
    }));
    return undefined;
  }
  const query = [
    ...(typeof panel === 'number' ? [`viewPanel=${panel}`] : []),
    ...Object.entries(isObject(vars) ? vars : {}).map(([k, v]) => `var-${queryEscape(k)}=${queryValue(String(v))}`),
  ];
  return `${options.grafanaUrl}/d/${uid}${query.length > 0 ? `?${query.join('&')}` : ''}`;
}

function unknownFields(spec: Record<string, unknown>, known: readonly string[], at: SourceLocation, subject: string, problems: Problems): void {
  for (const key of Object.keys(spec)) {
    if (known.includes(key) || spec[key] === undefined) continue;
    const near = closest(key, known);
    problems.push(error(`unknown field "${key}"`, {
      at, subject, hint: near ? `did you mean "${near}"?` : `known fields: ${known.join(', ')}`,
    }));
  }
}

function requiredString(spec: Record<string, unknown>, key: string, at: SourceLocation, subject: string, problems: Problems): string {
  const v = spec[key];
  if (typeof v === 'string') return v;
  problems.push(error(v === undefined ? `field "${key}" is required` : `field "${key}" must be a string`, { at, subject }));
  return '';
}

function optionalString<K extends string>(spec: Record<string, unknown>, key: K, at: SourceLocation, subject: string, problems: Problems): { [P in K]?: string } {
  const v = spec[key];
  if (v === undefined) return {};
  if (typeof v === 'string') return { [key]: v } as { [P in K]?: string };
  problems.push(error(`field "${key}" must be a string, got ${JSON.stringify(v)}`, { at, subject }));
  return {};
}

function optionalNumber<K extends string>(spec: Record<string, unknown>, key: K, at: SourceLocation, subject: string, problems: Problems): { [P in K]?: number } {
  const v = spec[key];
  if (v === undefined) return {};
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0) return { [key]: v } as { [P in K]?: number };
  problems.push(error(`field "${key}" must be a non-negative integer, got ${JSON.stringify(v)}`, { at, subject }));
  return {};
}

function optionalLabels(v: unknown, what: string, at: SourceLocation, subject: string, problems: Problems): Labels | undefined {
  if (v === undefined) return undefined;
  if (!isObject(v)) {
    problems.push(error(`${what} must be an object of string values`, { at, subject }));
    return undefined;
  }
  const out: Record<string, string> = {};
  for (const [k, value] of Object.entries(v)) {
    if (typeof value === 'string') out[k] = value;
    else problems.push(error(`${what} "${k}" must be a string, got ${JSON.stringify(value)}`, { at, subject }));
  }
  return out;
}

/** Edit distance suggestion for misspelt field names (`anotations` → `annotations`). */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const c of candidates) {
    const d = editDistance(word, c);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length] ?? 0;
}
