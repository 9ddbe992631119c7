/**
 * The rules API: what users write in `rules/*.ts`.
 *
 *   export default ruleGroup('nix-build-cache', {
 *     rules: [
 *       alert('NixCacheNotAccessible', {
 *         expr: 'nix_cache_info_accessible == 0',
 *         for: '5m',
 *         severity: 'critical',
 *         summary: 'Nix binary cache on {{ $labels.instance }} is unreachable',
 *         runbook: 'nix-cache#not-accessible',
 *       }),
 *     ],
 *   });
 *
 * The functions only record what was declared and where (file and line of the call); all validation happens
 * later in the pipeline (declarations.ts, validate.ts), where it can be reported with every other problem
 * instead of stopping at the first throw. Field names follow the rule-file format (`keep_firing_for`,
 * `query_offset`) so the Prometheus docs apply word for word.
 */
import { fileURLToPath } from 'node:url';
import type { CheckId } from '../lint/ids.js';
import { callerLocation } from '../source-location.js';
import type { SourceLocation } from './model.js';

type DurationUnit = 'ms' | 's' | 'm' | 'h' | 'd' | 'w' | 'y';
type DurationPart = `${number}${DurationUnit}`;
/** A Prometheus duration: `'30s'`, `'5m'`, `'1h30m'`. Units largest first, each at most once (checked at build). */
export type Duration = DurationPart | `${DurationPart}${DurationPart}` | `${DurationPart}${DurationPart}${DurationPart}`;

export type Severity = 'critical' | 'warning' | 'info';

type Upper =
  | 'A' | 'B' | 'C' | 'D' | 'E' | 'F' | 'G' | 'H' | 'I' | 'J' | 'K' | 'L' | 'M'
  | 'N' | 'O' | 'P' | 'Q' | 'R' | 'S' | 'T' | 'U' | 'V' | 'W' | 'X' | 'Y' | 'Z';
type Separator = ' ' | '_' | '-' | '.' | ':' | '/';

/**
 * Alert names are CamelCase (`NixCacheNotAccessible`): a literal that starts lower-case or contains a
 * separator does not compile. Names computed at run time are checked at build time instead.
 */
export type AlertName<N extends string> = string extends N
  ? N
  : N extends `${Upper}${infer Rest}`
    ? Rest extends `${string}${Separator}${string}`
      ? never
      : N
    : never;

/** Label names reserved by Prometheus or set through their own field. */
type ReservedAlertLabel = 'severity' | 'alertname';
type ReservedAnnotation = 'summary' | 'description' | 'runbook_url';

/** Switch lint checks off for one rule. The reason is required: it is what the next reader needs. */
export interface LintSuppression {
  readonly disable: readonly CheckId[];
  readonly reason: string;
}

export interface AlertSpec {
  /** PromQL; the alert fires for every series the expression returns. */
  readonly expr: string;
  /** How long the expression must keep returning a series before the alert fires. */
  readonly for?: Duration;
  /** How long the alert keeps firing after the expression stops returning it (Prometheus ≥ 2.42). */
  readonly keep_firing_for?: Duration;
  /** Routed on by Alertmanager: `critical` pages, `warning` notifies, `info` only shows. */
  readonly severity: Severity;
  /** One line, templated: `Nix cache on {{ $labels.instance }} is unreachable`. */
  readonly summary: string;
  /** What is happening and what it affects, templated. */
  readonly description?: string;
  /**
   * The dashboard to open for this alert, by the uid of one of the project's dashboards: emitted as the
   * `dashboard_url` annotation, `<grafana.url>/d/<uid>`. With `panel`, it opens that panel alone; `vars` set
   * the dashboard's variables and may be templates: `{ uid: 'system-overview', vars: { instance: '{{ $labels.instance }}' } }`.
   */
  readonly dashboard?: DashboardLink;
  /** A URL, or a path resolved against `runbookBaseUrl` in promforge.config.ts (emitted as `runbook_url`). */
  readonly runbook?: string;
  /** Extra labels; `severity` has its own field. */
  readonly labels?: Readonly<Record<string, string>> & { readonly [K in ReservedAlertLabel]?: never };
  /** Extra annotations; `summary`, `description` and `runbook_url` have their own fields. */
  readonly annotations?: Readonly<Record<string, string>> & { readonly [K in ReservedAnnotation]?: never };
  /** Lint checks that do not apply to this rule, and why. */
  readonly lint?: LintSuppression;
}

/** A dashboard of the project, by uid, optionally one of its panels (by id) and values for its variables. */
export type DashboardLink =
  | string
  | { readonly uid: string; readonly panel?: number; readonly vars?: Readonly<Record<string, string>> };

export interface RecordSpec {
  readonly expr: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly lint?: LintSuppression;
}

export interface GroupSpec {
  /** Evaluation interval of this group; defaults to Prometheus' global `evaluation_interval`. */
  readonly interval?: Duration;
  /** Maximum number of alerts or series a rule may produce; 0 means no limit (Prometheus ≥ 2.31). */
  readonly limit?: number;
  /** Evaluate as of this long ago, to let late samples arrive (Prometheus ≥ 2.53). */
  readonly query_offset?: Duration;
  /** Labels added to every rule of the group (Prometheus ≥ 3.0). */
  readonly labels?: Readonly<Record<string, string>>;
  readonly rules: readonly RuleDeclaration[];
}

export interface AlertDeclaration {
  readonly kind: 'alert';
  readonly name: string;
  readonly spec: AlertSpec;
  readonly at?: SourceLocation;
}

export interface RecordDeclaration {
  readonly kind: 'record';
  readonly name: string;
  readonly spec: RecordSpec;
  readonly at?: SourceLocation;
}

export type RuleDeclaration = AlertDeclaration | RecordDeclaration;

export interface GroupDeclaration {
  readonly kind: 'group';
  readonly name: string;
  readonly spec: GroupSpec;
  readonly at?: SourceLocation;
}

/** What a `rules/*.ts` module exports by default: one group, or several for one file. */
export type RulesModule = GroupDeclaration | readonly GroupDeclaration[];

const here = fileURLToPath(import.meta.url);
const caller = (): SourceLocation | undefined => callerLocation([here]);

/** An alerting rule. */
export function alert<const N extends string>(name: N & AlertName<N>, spec: AlertSpec): AlertDeclaration {
  return { kind: 'alert', name, spec, at: caller() };
}

/** A recording rule: `level:metric:operations`, e.g. `job:homelab_deploy_builds:success_ratio1h`. */
export function record(name: string, spec: RecordSpec): RecordDeclaration {
  return { kind: 'record', name, spec, at: caller() };
}

/** A rule group: rules evaluated together, in order, every `interval`. */
export function ruleGroup(name: string, spec: GroupSpec): GroupDeclaration {
  return { kind: 'group', name, spec, at: caller() };
}
