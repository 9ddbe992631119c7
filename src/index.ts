/**
 * promforge's public API: what `rules/*.ts` and `promforge.config.ts` import from 'promforge'.
 */
export { ruleGroup, alert, record } from './rules/api.js';
export type {
  AlertSpec,
  RecordSpec,
  GroupSpec,
  Duration,
  Severity,
  AlertName,
  GroupDeclaration,
  RuleDeclaration,
  AlertDeclaration,
  RecordDeclaration,
  RulesModule,
} from './rules/api.js';
export { defineConfig } from './config/config.js';
export { ruleTests } from './testing/api.js';
export type { RuleTestsSpec, TestGroupSpec, AlertTestSpec, ExprTestSpec, RuleTestsDeclaration } from './testing/api.js';
export { metricCatalog } from './catalog/types.js';
export type { MetricCatalog, MetricDef, MetricType } from './catalog/types.js';
export type { CheckId } from './lint/ids.js';
export type { LintSuppression } from './rules/api.js';
export type { PromforgeConfig } from './config/config.js';
export type { RuleFile, RuleGroup, Rule, AlertingRule, RecordingRule } from './rules/model.js';
export { alertmanager, route, receiver, inhibitRule, timeInterval, inlineSecret, ntfy, gotify } from './alertmanager/api.js';
export { buildRouter, notifications, receiversFor } from './alertmanager/route.js';
export type {
  AlertmanagerSpec, AlertmanagerOptions, AlertmanagerDeclaration, RouteSpec, ReceiverSpec, ReceiverIntegrations, InhibitRuleSpec,
  NamedTimeInterval, TimeIntervalSpec, GlobalSpec, InlineSecret, MatcherString, WebhookConfig, EmailConfig, SlackConfig,
  TelegramConfig, DiscordConfig, PagerdutyConfig, PushoverConfig, OpsGenieConfig, MSTeamsConfig, MSTeamsV2Config, HttpConfig, TlsConfig,
} from './alertmanager/api.js';
export { dashboard } from './grafana/api.js';
export type { DashboardSpec, DashboardDeclaration, DashboardsModule, FolderName } from './grafana/api.js';
export {
  DATASOURCE_UIDS, DATASOURCE_VARIABLE, datasources, templatedPrometheus, datasourceVariable, labelValuesVariable, jobVariable,
  instanceVariable, promQuery, thresholds, valueMappings, statRow,
} from './grafana/helpers.js';
export type { LabelValuesOptions, PromQueryOptions, StatRowOptions, Color } from './grafana/helpers.js';
export type { GrafanaConfig } from './config/config.js';
