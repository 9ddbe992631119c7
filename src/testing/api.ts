/**
 * The rule-test API: unit tests for alerts, declared next to them in `rules/<module>.test.ts`.
 *
 *   import { ruleTests } from 'promforge';
 *   import nixBuildCache from './nix-build-cache.js';
 *
 *   export default ruleTests(nixBuildCache, {
 *     tests: [{
 *       name: 'cache unreachable pages after 5m',
 *       interval: '1m',
 *       input_series: [{ series: 'nix_cache_info_accessible{instance="nas-01:9100", job="node"}', values: '1 0x10' }],
 *       alert_rule_test: [
 *         { eval_time: '5m', alertname: 'NixCacheNotAccessible', exp_alerts: [] },   // still pending
 *         { eval_time: '6m', alertname: 'NixCacheNotAccessible', exp_alerts: [{ exp_labels: { ... }, exp_annotations: { ... } }] },
 *       ],
 *     }],
 *   });
 *
 * The fields are promtool's (`promtool test rules`), so its documentation applies and the build emits each
 * module as a file promtool runs. Under vitest (`npm test`) each test group becomes a test case, run by our
 * own engine with failures shown as diffs.
 */
import { fileURLToPath } from 'node:url';
import type { Duration, GroupDeclaration, RulesModule } from '../rules/api.js';
import type { SourceLocation } from '../rules/model.js';
import { callerLocation } from '../source-location.js';
import type { ExpectedAlert, ExpectedSample, InputSeries } from './model.js';
import { registerWithVitest } from './vitest.js';

export interface AlertTestSpec {
  readonly eval_time: Duration;
  readonly alertname: string;
  readonly exp_alerts: readonly ExpectedAlert[];
}

export interface ExprTestSpec {
  readonly expr: string;
  readonly eval_time: Duration;
  readonly exp_samples: readonly ExpectedSample[];
}

export interface TestGroupSpec {
  /** What the group shows; the vitest test name and promtool's test group name. */
  readonly name: string;
  /** Spacing of the input samples. Default: evaluation_interval. */
  readonly interval?: Duration;
  readonly input_series: readonly InputSeries[];
  readonly alert_rule_test?: readonly AlertTestSpec[];
  readonly promql_expr_test?: readonly ExprTestSpec[];
  readonly external_labels?: Readonly<Record<string, string>>;
  readonly external_url?: string;
}

export interface RuleTestsSpec {
  /** How often the rules are evaluated during the test. Default 1m. */
  readonly evaluation_interval?: Duration;
  /** Names of groups to evaluate first, in this order. */
  readonly group_eval_order?: readonly string[];
  readonly fuzzy_compare?: boolean;
  readonly tests: readonly TestGroupSpec[];
}

export interface RuleTestsDeclaration {
  readonly kind: 'rule-tests';
  readonly rules: readonly GroupDeclaration[];
  readonly spec: RuleTestsSpec;
  readonly at?: SourceLocation;
}

const here = fileURLToPath(import.meta.url);

/** Unit tests for the rules of one or more rule modules (their default exports). */
export function ruleTests(rules: RulesModule | readonly RulesModule[], spec: RuleTestsSpec): RuleTestsDeclaration {
  const modules: readonly RulesModule[] = Array.isArray(rules) && rules.every((r) => Array.isArray(r) || (r as GroupDeclaration).kind === 'group')
    ? (rules as readonly RulesModule[])
    : [rules as RulesModule];
  const groups = modules.flatMap((m): GroupDeclaration[] => (Array.isArray(m) ? [...m] : [m as GroupDeclaration]));
  const declaration: RuleTestsDeclaration = { kind: 'rule-tests', rules: groups, spec, at: callerLocation([here]) };
  registerWithVitest(declaration);
  return declaration;
}
