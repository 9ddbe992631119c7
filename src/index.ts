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
export { hostManifest, host, probe, job } from './prometheus/api.js';
export type {
  HostManifestSpec, HostManifestDeclaration, HostDeclaration, HostSpec, ProbeDeclaration, ProbeSpec, JobDeclaration, JobSettings,
  ExporterEntry, ServiceEntry, Runs, TargetLabels, BlackboxModule, ScrapeProtocol,
} from './prometheus/api.js';
export { EXPORTERS } from './prometheus/exporters.js';
export type { ExporterKind, Prober } from './prometheus/exporters.js';
export type { Manifest, ManifestJob, ScrapeJob, ProbeJob, ManifestTarget, PrometheusYml } from './prometheus/model.js';
export { onLoopback } from './prometheus/loopback.js';
export type { LoopbackOptions } from './prometheus/loopback.js';
