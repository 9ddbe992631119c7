/**
 * The Alertmanager model: plain data shaped like `alertmanager.yml`, field names and all, so that what a user
 * reads in an error is the name they would look up in the Alertmanager docs.
 *
 * Both the TypeScript declarations (alertmanager/*.ts, via api.ts and declarations.ts) and YAML files written by
 * anyone (read.ts) end up here, so validation, routing and emission serve both. Where each part came from is
 * kept beside the data: YAML input knows every node's position, declarations know the call site of each
 * `route(...)`, `receiver(...)`, `inhibitRule(...)` and `timeInterval(...)`.
 */
import type { SourceLocation } from '../rules/model.js';

export type { SourceLocation };

export type AmPath = readonly (string | number)[];

export interface AmRoute {
  readonly receiver?: string;
  readonly group_by?: readonly string[];
  /** Deprecated equality matchers (label → value). */
  readonly match?: Readonly<Record<string, string>>;
  /** Deprecated regex matchers (label → anchored regular expression); null where the file left a value out. */
  readonly match_re?: Readonly<Record<string, string | null>>;
  readonly matchers?: readonly string[];
  readonly mute_time_intervals?: readonly string[];
  readonly active_time_intervals?: readonly string[];
  readonly continue?: boolean;
  readonly routes?: readonly AmRoute[];
  readonly group_wait?: string;
  readonly group_interval?: string;
  readonly repeat_interval?: string;
  readonly labels?: Readonly<Record<string, string>>;
}

export interface AmInhibitRule {
  readonly name?: string;
  readonly source_match?: Readonly<Record<string, string>>;
  readonly source_match_re?: Readonly<Record<string, string | null>>;
  readonly source_matchers?: readonly string[];
  readonly target_match?: Readonly<Record<string, string>>;
  readonly target_match_re?: Readonly<Record<string, string | null>>;
  readonly target_matchers?: readonly string[];
  readonly equal?: readonly string[];
}

export interface AmTimeRange {
  readonly start_time?: string;
  readonly end_time?: string;
}

export interface AmTimeIntervalSpec {
  readonly times?: readonly AmTimeRange[];
  readonly weekdays?: readonly string[];
  readonly days_of_month?: readonly string[];
  readonly months?: readonly string[];
  readonly years?: readonly string[];
  readonly location?: string;
}

export interface AmTimeInterval {
  readonly name?: string;
  readonly time_intervals?: readonly AmTimeIntervalSpec[];
}

/** An integration's settings (`webhook_configs[0]`, …): fields as in the YAML, validated against fields.ts. */
export type AmIntegration = Readonly<Record<string, unknown>>;

export interface AmReceiver {
  readonly name?: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly [integrations: `${string}_configs`]: readonly (AmIntegration | null)[] | undefined;
}

export interface AlertmanagerConfig {
  readonly global?: Readonly<Record<string, unknown>>;
  readonly route?: AmRoute;
  readonly inhibit_rules?: readonly AmInhibitRule[];
  readonly receivers?: readonly AmReceiver[];
  readonly templates?: readonly string[];
  readonly mute_time_intervals?: readonly AmTimeInterval[];
  readonly time_intervals?: readonly AmTimeInterval[];
  readonly [other: string]: unknown;
}

/**
 * A configuration and where its parts came from. `locate` gives the position of the node at a path (or of its
 * nearest ancestor that has one); `locateKey` the position of a mapping key, for "unknown field" errors.
 */
export interface AlertmanagerDocument {
  /** The file the configuration was declared or read in. */
  readonly source: string;
  readonly config: AlertmanagerConfig;
  readonly locate: (path: AmPath) => SourceLocation | undefined;
  readonly locateKey: (path: AmPath) => SourceLocation | undefined;
}

/** Alertmanager's model.LabelNameRE, which `match`, `match_re` and the classic matcher syntax require. */
export const CLASSIC_LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** `receivers[2].webhook_configs[0]` for messages. */
export function formatPath(path: AmPath): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out === '' ? p : `.${p}`;
  return out || 'the configuration';
}

/** A plain value at `path` in `root`. */
export function valueAt(root: unknown, path: AmPath): unknown {
  let v = root;
  for (const p of path) v = v !== null && typeof v === 'object' ? (v as Record<string | number, unknown>)[p] : undefined;
  return v;
}
