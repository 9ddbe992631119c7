/**
 * Evaluating rule groups as Prometheus' rule manager does: every rule of a group in order at one timestamp,
 * recording rules writing their results back (so later rules read them), alerting rules moving alerts
 * pending → firing after `for`, holding them for `keep_firing_for`, resolving them, and writing the ALERTS
 * and ALERTS_FOR_STATE series. Series a rule produced at its previous evaluation but not at this one get
 * staleness markers, as Prometheus writes them.
 *
 * The query engine, the storage and the template renderer come in through `EvaluationEnv`, so this module
 * is only the rule manager's semantics.
 */
import type { Expr } from '../promql/ast.js';
import { parseDuration } from '../promql/duration.js';
import { labelsKey } from '../promql/engine/labels.js';
import type { Labels, Sample } from '../promql/engine/types.js';
import type { AlertingRule, RecordingRule, RuleGroup } from './model.js';

export type AlertState = 'pending' | 'firing' | 'inactive';

export interface Alert {
  readonly labels: Labels;
  annotations: Labels;
  state: AlertState;
  readonly activeAt: number;
  value: number;
  firedAt?: number;
  resolvedAt?: number;
  keepFiringSince?: number;
}

export interface TemplateInput {
  readonly text: string;
  readonly ruleName: string;
  /** The result sample's labels, including __name__ when the expression kept it. */
  readonly labels: Labels;
  readonly value: number;
  readonly ts: number;
}

export interface EvaluationEnv {
  /** Instant query; throws with Prometheus' message when the evaluation fails. */
  readonly query: (expr: Expr, ts: number) => readonly Sample[];
  readonly append: (metric: Labels, t: number, value: number | 'stale') => void;
  /** Renders a label or annotation template; failures render as `<error expanding template: …>`. */
  readonly render: (input: TemplateInput) => string;
}

/** Alerts stay this long after resolving before they are forgotten (Prometheus' resolvedRetention). */
const RESOLVED_RETENTION_MS = 15 * 60_000;

export interface CompiledRule {
  readonly rule: AlertingRule | RecordingRule;
  readonly expr: Expr;
}

export interface RuleRuntime {
  readonly compiled: CompiledRule;
  /** Alerting rules: alerts by their label set's key. */
  readonly active: Map<string, Alert>;
  /** Series written at the previous evaluation, for staleness markers. */
  previous: Map<string, Labels>;
  lastError?: string;
}

export interface GroupRuntime {
  readonly group: RuleGroup;
  readonly rules: readonly RuleRuntime[];
}

export function groupRuntime(group: RuleGroup, rules: readonly CompiledRule[]): GroupRuntime {
  return { group, rules: rules.map((compiled) => ({ compiled, active: new Map(), previous: new Map() })) };
}

export { labelsKey };

const withoutName = (labels: Labels): Record<string, string> => {
  const { __name__: _, ...rest } = labels;
  return rest;
};

/** Evaluates every rule of the group at `ts`. Errors are kept on the rule, as Prometheus keeps lastError. */
export function evaluateGroup(runtime: GroupRuntime, ts: number, env: EvaluationEnv): void {
  const offset = runtime.group.query_offset !== undefined ? (parseDuration(runtime.group.query_offset) ?? 0) : 0;
  for (const r of runtime.rules) {
    let written: Map<string, Labels>;
    try {
      const samples = env.query(r.compiled.expr, ts - offset);
      written = r.compiled.rule.kind === 'record'
        ? record(r.compiled.rule, samples, ts - offset, env)
        : alerting(r, r.compiled.rule, samples, ts, offset, env);
      delete r.lastError;
    } catch (e) {
      r.lastError = e instanceof Error ? e.message : String(e);
      written = new Map();
    }
    for (const [key, labels] of r.previous) {
      if (!written.has(key)) env.append(labels, ts - offset, 'stale');
    }
    r.previous = written;
  }
}

function record(rule: RecordingRule, samples: readonly Sample[], t: number, env: EvaluationEnv): Map<string, Labels> {
  const out = new Map<string, Labels>();
  for (const s of samples) {
    const labels: Labels = { ...withoutName(s.metric), ...nonEmpty(rule.labels), __name__: rule.record };
    const key = labelsKey(labels);
    if (out.has(key)) throw new Error('vector contains metrics with the same labelset after applying rule labels');
    out.set(key, labels);
  }
  for (const s of samples) {
    const labels: Labels = { ...withoutName(s.metric), ...nonEmpty(rule.labels), __name__: rule.record };
    env.append(labels, t, s.v);
  }
  return out;
}

/** Rule labels with an empty value remove the label, as in Prometheus' label builder. */
function nonEmpty(labels: Labels): Record<string, string> {
  return Object.fromEntries(Object.entries(labels).filter(([, v]) => v !== ''));
}

function alerting(r: RuleRuntime, rule: AlertingRule, samples: readonly Sample[], ts: number, offset: number, env: EvaluationEnv): Map<string, Labels> {
  const holdMs = rule.for !== undefined ? (parseDuration(rule.for) ?? 0) : 0;
  const keepFiringMs = rule.keep_firing_for !== undefined ? (parseDuration(rule.keep_firing_for) ?? 0) : 0;
  const fresh = new Map<string, Alert>();
  for (const s of samples) {
    const expand = (text: string): string => env.render({ text, ruleName: rule.alert, labels: s.metric, value: s.v, ts });
    const labels: Record<string, string> = withoutName(s.metric);
    for (const [k, v] of Object.entries(rule.labels)) {
      const value = expand(v);
      if (value === '') delete labels[k];
      else labels[k] = value;
    }
    labels['alertname'] = rule.alert;
    const annotations: Record<string, string> = {};
    for (const [k, v] of Object.entries(rule.annotations)) annotations[k] = expand(v);
    const key = labelsKey(labels);
    if (fresh.has(key)) throw new Error('vector contains metrics with the same labelset after applying alert labels');
    fresh.set(key, { labels, annotations, state: 'pending', activeAt: ts, value: s.v });
  }
  for (const [key, a] of fresh) {
    const existing = r.active.get(key);
    if (existing && existing.state !== 'inactive') {
      existing.value = a.value;
      existing.annotations = a.annotations;
      continue;
    }
    r.active.set(key, a);
  }

  const written = new Map<string, Labels>();
  for (const [key, a] of r.active) {
    if (!fresh.has(key)) {
      let keepFiring = false;
      if (a.state === 'firing' && keepFiringMs > 0) {
        a.keepFiringSince ??= ts;
        keepFiring = ts - a.keepFiringSince < keepFiringMs;
      }
      if (a.state === 'pending' || (a.resolvedAt !== undefined && ts - a.resolvedAt > RESOLVED_RETENTION_MS)) r.active.delete(key);
      if (a.state !== 'inactive' && !keepFiring) {
        a.state = 'inactive';
        a.resolvedAt = ts;
      }
      if (!keepFiring) continue;
    } else {
      delete a.keepFiringSince;
    }
    if (a.state === 'pending' && ts - a.activeAt >= holdMs) {
      a.state = 'firing';
      a.firedAt = ts;
    }
    const { alerts: alertsLabels, forState } = seriesOf(a);
    env.append(alertsLabels, ts - offset, 1);
    env.append(forState, ts - offset, Math.floor(a.activeAt / 1000));
    written.set(labelsKey(alertsLabels), alertsLabels);
    written.set(labelsKey(forState), forState);
  }
  return written;
}

/**
 * The ALERTS and ALERTS_FOR_STATE label sets of an alert in its current state, the same objects from one
 * evaluation to the next: label sets are immutable, and storage and labelsKey() remember what they know
 * about an object, so an alert active for a day of 1m steps does not re-sort its labels 2,880 times.
 */
function seriesOf(a: Alert): { readonly alerts: Labels; readonly forState: Labels } {
  let known = alertSeries.get(a);
  if (!known || known.state !== a.state) {
    known = {
      state: a.state,
      alerts: { ...a.labels, __name__: 'ALERTS', alertstate: a.state },
      forState: known?.forState ?? { ...a.labels, __name__: 'ALERTS_FOR_STATE' },
    };
    alertSeries.set(a, known);
  }
  return known;
}

const alertSeries = new WeakMap<Alert, { readonly state: AlertState; readonly alerts: Labels; readonly forState: Labels }>();

/** The alerts Prometheus reports as active: pending or firing, not resolved. */
export function activeAlerts(r: RuleRuntime): Alert[] {
  return [...r.active.values()].filter((a) => a.resolvedAt === undefined);
}
