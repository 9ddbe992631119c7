/**
 * Running rule unit tests in-process, with promtool's semantics (cmd/promtool/unittest.go): input series
 * loaded at `interval` spacing from time 0, every rule group evaluated at every `evaluation_interval` step
 * up to the last eval_time, firing alerts compared at the step each alert test falls into, and PromQL
 * expression tests queried after all evaluations. Failures are worded as promtool words them, so the two
 * can be compared verdict for verdict.
 */
import { formatLocation } from '../diagnostics.js';
import { LATEST_PROMETHEUS, parseVersion, type Version } from '../config/version.js';
import { formatFloatE } from '../go/fmt.js';
import { goQuote } from '../go/strconv.js';
import type { Expr } from '../promql/ast.js';
import { formatDuration, parsePromDuration } from '../promql/duration.js';
import { evalInstant } from '../promql/engine/eval.js';
import { expandSeries, isHistogramValue, storableValue } from '../promql/engine/series-notation.js';
import { histogramTestExpression } from '../promql/engine/histogram.js';
import { compareLabels, formatLabels } from '../promql/engine/labels.js';
import { addSample, createStorage, type Storage } from '../promql/engine/storage.js';
import type { EngineOptions, Labels, Sample } from '../promql/engine/types.js';
import { parsePromQL, type PromQLOptions } from '../promql/parse.js';
import { activeAlerts, evaluateGroup, groupRuntime, labelsKey, type GroupRuntime } from '../rules/evaluation.js';
import type { RuleFile } from '../rules/model.js';
import { renderAlertTemplate } from '../template/prometheus.js';
import type { AlertTest, ExprTest, RuleTestFile, TestGroup } from './model.js';

export interface RunOptions {
  readonly prometheusVersion?: Version;
  readonly features?: PromQLOptions['features'];
}

/** One way a test group failed, with the data to show a diff and promtool's wording of it. */
export type Failure =
  | { readonly kind: 'alert'; readonly alertname: string; readonly time: string; readonly expected: readonly LabelsAndAnnotations[]; readonly got: readonly LabelsAndAnnotations[]; readonly message: string }
  | { readonly kind: 'expr'; readonly expr: string; readonly time: string; readonly expected: readonly ExprSample[]; readonly got: readonly ExprSample[]; readonly message: string }
  | { readonly kind: 'error'; readonly message: string };

export interface LabelsAndAnnotations {
  readonly labels: Labels;
  readonly annotations: Labels;
}

export interface ExprSample {
  readonly labels: Labels;
  readonly value: number;
  /** A native histogram's `{{…}}` test expression (then `value` is ignored), as promtool compares them. */
  readonly histogram?: string;
}

export interface GroupResult {
  readonly name: string;
  /** Empty when the group passed. */
  readonly failures: readonly Failure[];
}

export interface FileResult {
  readonly groups: readonly GroupResult[];
  /** Errors that stop the whole file (a rule file that does not load). */
  readonly fatal: readonly string[];
}

const MINUTE = 60_000;

export const passed = (r: FileResult): boolean => r.fatal.length === 0 && r.groups.every((g) => g.failures.length === 0);

const fail = (message: string): Failure => ({ kind: 'error', message });

/** Runs every test group of a unit-test file against the rule files it names (already read and validated). */
export function runRuleTestFile(file: RuleTestFile, ruleFiles: readonly RuleFile[], options: RunOptions = {}): FileResult {
  const version = options.prometheusVersion ?? parseVersion(LATEST_PROMETHEUS)!;
  const evalInterval = durationOr(file.evaluation_interval, MINUTE);
  const order = new Map<string, number>();
  for (const [i, name] of (file.group_eval_order ?? []).entries()) {
    if (order.has(name)) return { groups: [], fatal: [`group name repeated in evaluation order: ${name}`] };
    order.set(name, i);
  }
  const groups: GroupResult[] = file.tests.map((tg, i) => ({
    name: tg.name ?? `unnamed#${i}`,
    failures: runGroup(tg, file, ruleFiles, order, evalInterval, version, options),
  }));
  return { groups, fatal: [] };
}

function durationOr(text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const d = parsePromDuration(text);
  return d.ok ? d.ms : fallback;
}

interface Compiled {
  readonly runtimes: GroupRuntime[];
  readonly errors: string[];
}

function compileRules(ruleFiles: readonly RuleFile[], order: ReadonlyMap<string, number>, options: PromQLOptions): Compiled {
  const errors: string[] = [];
  const runtimes: GroupRuntime[] = [];
  for (const file of ruleFiles) {
    for (const group of file.groups) {
      const rules = group.rules.flatMap((rule) => {
        const parsed = parsePromQL(rule.expr, options);
        if (parsed.ok) return [{ rule, expr: parsed.ast }];
        const at = rule.origin.at ? `${formatLocation(rule.origin.at)}: ` : `${file.source}: `;
        errors.push(`${at}group "${group.name}": could not parse expression: ${parsed.errors[0]?.line}:${parsed.errors[0]?.column}: ${parsed.errors[0]?.message}`);
        return [];
      });
      runtimes.push(groupRuntime(group, rules));
    }
  }
  // promtool orders groups by group_eval_order; groups it does not name come first, in file order.
  runtimes.sort((a, b) => (order.get(a.group.name) ?? 0) - (order.get(b.group.name) ?? 0));
  return { runtimes, errors };
}

function runGroup(tg: TestGroup, file: RuleTestFile, ruleFiles: readonly RuleFile[], order: ReadonlyMap<string, number>,
  evalInterval: number, version: Version, options: RunOptions): Failure[] {
  const interval = durationOr(tg.interval, durationOr(file.evaluation_interval, MINUTE));
  const promql: PromQLOptions = { prometheusVersion: version.join('.'), ...(options.features ? { features: options.features } : {}) };
  const storage = createStorage();
  const start = startTime(tg.start_timestamp);
  if (typeof start === 'string') return [fail(start)];
  const loadErrors = loadSeries(tg, interval, storage, start);
  if (loadErrors.length > 0) return loadErrors.map(fail);

  const compiled = compileRules(ruleFiles, order, promql);
  if (compiled.errors.length > 0) return compiled.errors.map(fail);

  const engine: EngineOptions = { lookbackDeltaMs: 5 * MINUTE, prometheusVersion: version, defaultStepMs: evalInterval };
  const externalLabels = tg.external_labels ?? {};
  const externalURL = tg.external_url ?? '';
  const query = (expr: Expr, ts: number): readonly Sample[] => toVector(evalInstant(expr, ts, storage, engine).value);
  const append = (metric: Labels, t: number, value: number | 'stale'): void => addSample(storage, metric, t, value);
  const renderEnv = {
    query,
    append,
    render: (input: { text: string; ruleName: string; labels: Labels; value: number; ts: number }) =>
      renderAlertTemplate(input.text, input.ruleName, {
        Labels: input.labels, ExternalLabels: externalLabels, ExternalURL: externalURL, Value: input.value,
      }, {
        prometheusVersion: version.join('.'),
        timestamp: input.ts,
        query: (q: string) => {
          const parsed = parsePromQL(q, promql);
          if (!parsed.ok) throw new Error(parsed.errors[0]?.message ?? 'parse error');
          return query(parsed.ast, input.ts).map((s) => ({ labels: s.metric, value: s.v }));
        },
      }),
  };

  const alertTests = tg.alert_rule_test ?? [];
  const exprTests = tg.promql_expr_test ?? [];
  for (const a of alertTests) {
    if (a.alertname === '') return [fail(`an item under alert_rule_test misses required attribute alertname at eval_time ${a.eval_time}${tg.name ? ` (in TestGroup ${tg.name})` : ''}`)];
  }
  const maxt = Math.max(0, ...alertTests.map((a) => durationOr(a.eval_time, 0)), ...exprTests.map((e) => durationOr(e.eval_time, 0)));
  const pending = [...alertTests].sort((a, b) => durationOr(a.eval_time, 0) - durationOr(b.eval_time, 0));
  const errors: Failure[] = [];
  const testName = tg.name ? `    name: ${tg.name},\n` : '';

  for (let rel = 0; rel <= maxt; rel += evalInterval) {
    const ts = start + rel;
    const evalErrors: string[] = [];
    for (const g of compiled.runtimes) {
      evaluateGroup(g, ts, renderEnv);
      for (const r of g.rules) {
        if (r.lastError !== undefined) {
          const name = r.compiled.rule.kind === 'alert' ? r.compiled.rule.alert : r.compiled.rule.record;
          evalErrors.push(`    rule: ${name}, time: ${formatDuration(rel)}, err: ${r.lastError}`);
        }
      }
    }
    if (evalErrors.length > 0) return [...errors, ...evalErrors.map(fail)];
    while (pending.length > 0 && durationOr(pending[0]!.eval_time, 0) < rel + evalInterval) {
      const t = durationOr(pending[0]!.eval_time, 0);
      const atThisTime: AlertTest[] = [];
      while (pending.length > 0 && durationOr(pending[0]!.eval_time, 0) === t) atThisTime.push(pending.shift()!);
      for (const test of atThisTime) {
        const failure = compareAlerts(test, compiled.runtimes, testName);
        if (failure) errors.push(failure);
      }
    }
  }
  for (const test of exprTests) {
    const failure = compareExpr(test, (e, t) => query(e, start + t), promql, file.fuzzy_compare === true);
    if (failure) errors.push(failure);
  }
  return errors;
}

/** promtool's start_timestamp: Unix seconds or RFC 3339; absent means the epoch. */
export function startTime(text: string | undefined): number | string {
  if (text === undefined || text === '') return 0;
  if (/^-?\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const ms = Date.parse(text);
  return Number.isNaN(ms) || !/^\d{4}-\d{2}-\d{2}T/.test(text) ? `cannot parse start_timestamp ${JSON.stringify(text)}: use Unix seconds or RFC 3339` : ms;
}

function loadSeries(tg: TestGroup, interval: number, storage: Storage, start: number): string[] {
  for (const s of tg.input_series) {
    const labels = parseSeriesLabels(s.series);
    if (typeof labels === 'string') return [labels];
    let values;
    try {
      values = expandSeries(s.values);
    } catch (e) {
      return [`${(e as Error).message}`];
    }
    values.forEach((sv, i: number) => {
      const v = storableValue(sv);
      if (v === undefined) return;
      addSample(storage, labels, start + i * interval, v);
    });
  }
  return [];
}

/** `metric{a="b"}` → labels; promtool parses it as a metric (only equality matchers). */
export function parseSeriesLabels(text: string | undefined): Labels | string {
  // An omitted or empty `labels:` is the empty label set (e.g. the result of timestamp()).
  if (text === undefined || text.trim() === '' || text.trim() === '{}') return {};
  const parsed = parsePromQL(text);
  if (!parsed.ok) return `parse error: ${parsed.errors[0]?.message.replace(/^parse error: /, '') ?? 'invalid series'}: ${JSON.stringify(text)}`;
  const ast = parsed.ast;
  if (ast.kind !== 'VectorSelector' || ast.matchers.some((m) => m.op !== '=')) return `parse error: expected a series like metric{label="value"}, got ${JSON.stringify(text)}`;
  return Object.fromEntries(ast.matchers.filter((m) => m.value !== '').map((m) => [m.name, m.value]));
}

function toVector(value: ReturnType<typeof evalInstant>['value']): readonly Sample[] {
  if (value.type === 'vector') return value.samples;
  if (value.type === 'scalar') return [{ metric: {}, t: value.t, v: value.v }];
  throw new Error('rule result is not a vector or scalar');
}



const sortAlerts = (list: LabelsAndAnnotations[]): LabelsAndAnnotations[] =>
  list.sort((x, y) => compareLabels(x.labels, y.labels) || compareLabels(x.annotations, y.annotations));

function formatAlertList(list: readonly LabelsAndAnnotations[]): string {
  if (list.length === 0) return '[]';
  const items = list.map((a, i) => `${i}:${indent(`\nLabels:${formatLabels(a.labels)}\nAnnotations:${formatLabels(a.annotations)}`, '  ')}`);
  return `[\n${items.join(',\n')}\n]`;
}

const indent = (text: string, prefix: string): string => text.split('\n').join(`\n${prefix}`);

function compareAlerts(test: AlertTest, runtimes: readonly GroupRuntime[], testName: string): Failure | undefined {
  const got: LabelsAndAnnotations[] = [];
  for (const g of runtimes) {
    for (const r of g.rules) {
      if (r.compiled.rule.kind !== 'alert' || r.compiled.rule.alert !== test.alertname) continue;
      for (const a of activeAlerts(r)) if (a.state === 'firing') got.push({ labels: a.labels, annotations: a.annotations });
    }
  }
  const expected = test.exp_alerts.map((a) => ({
    labels: { ...(a.exp_labels ?? {}), alertname: test.alertname },
    annotations: { ...(a.exp_annotations ?? {}) },
  }));
  sortAlerts(got);
  sortAlerts(expected);
  const same = got.length === expected.length &&
    got.every((g, i) => labelsKey(g.labels) === labelsKey(expected[i]!.labels) && labelsKey(g.annotations) === labelsKey(expected[i]!.annotations));
  if (same) return undefined;
  const time = formatDuration(durationOr(test.eval_time, 0));
  return {
    kind: 'alert', alertname: test.alertname, time, expected, got,
    message: `${testName}    alertname: ${test.alertname}, time: ${time}, \n` +
      `        exp:${indent(formatAlertList(expected), '            ')}, \n` +
      `        got:${indent(formatAlertList(got), '            ')}`,
  };
}

function compareExpr(test: ExprTest, query: (e: Expr, ts: number) => readonly Sample[], promql: PromQLOptions, fuzzy: boolean): Failure | undefined {
  const time = formatDuration(durationOr(test.eval_time, 0));
  const parsed = parsePromQL(test.expr, promql);
  let got: Sample[];
  try {
    if (!parsed.ok) throw new Error(`${parsed.errors[0]?.line}:${parsed.errors[0]?.column}: ${parsed.errors[0]?.message}`);
    got = [...query(parsed.ast, durationOr(test.eval_time, 0))];
  } catch (e) {
    return fail(`    expr: ${goQuote(test.expr)}, time: ${time}, err: ${(e as Error).message}`);
  }
  const expected: ExprSample[] = [];
  for (const s of test.exp_samples) {
    const labels = parseSeriesLabels(s.labels);
    if (typeof labels === 'string') return fail(`    expr: ${goQuote(test.expr)}, time: ${time}, err: labels ${goQuote(s.labels)}: ${labels}`);
    if (s.histogram !== undefined && s.histogram !== '') {
      let histogram: string;
      try {
        const values = expandSeries(s.histogram);
        const h = values[0];
        if (values.length !== 1 || !isHistogramValue(h)) throw new Error(`expected histogram, got ${s.histogram}`);
        histogram = histogramTestExpression(h.h);
      } catch (e) {
        return fail(`    expr: ${goQuote(test.expr)}, time: ${time}, err: ${(e as Error).message}`);
      }
      expected.push({ labels, value: s.value, histogram });
    } else {
      expected.push({ labels, value: s.value });
    }
  }
  const gotSamples: ExprSample[] = got
    .map((s): ExprSample => (s.h ? { labels: s.metric, value: 0, histogram: histogramTestExpression(s.h) } : { labels: s.metric, value: s.v }))
    .sort((a, b) => compareLabels(a.labels, b.labels));
  expected.sort((a, b) => compareLabels(a.labels, b.labels));
  // Like promtool (go-cmp on float64), NaN never equals NaN.
  const equalValue = (a: number, b: number): boolean => a === b || (fuzzy && oneUlpApart(a, b));
  const same = gotSamples.length === expected.length &&
    gotSamples.every((g, i) => {
      const e = expected[i]!;
      if (labelsKey(g.labels) !== labelsKey(e.labels)) return false;
      if (g.histogram !== undefined || e.histogram !== undefined) return g.histogram === e.histogram;
      return equalValue(g.value, e.value);
    });
  if (same) return undefined;
  const list = (xs: readonly ExprSample[]): string =>
    xs.length === 0 ? 'nil' : xs.map((x) => `${formatLabels(x.labels)} ${x.histogram ?? formatFloatE(x.value)}`).join(', ');
  return {
    kind: 'expr', expr: test.expr, time, expected, got: gotSamples,
    message: `    expr: ${goQuote(test.expr)}, time: ${time},\n        exp: ${list(expected)}\n        got: ${list(gotSamples)}`,
  };
}

function oneUlpApart(a: number, b: number): boolean {
  const buf = new DataView(new ArrayBuffer(16));
  buf.setFloat64(0, a);
  buf.setFloat64(8, b);
  const d = buf.getBigInt64(0) - buf.getBigInt64(8);
  return d === 1n || d === -1n;
}
