/**
 * Manifest → prometheus.yml, and → the JSON the NixOS module takes.
 *
 * Every target gets its host's name as `instance`, set as a target label rather than cut out of the address by
 * a relabelling regex: the address may be an IP, an FQDN or (in the end-to-end test) 127.0.0.1, and `instance`
 * must stay the name the rules, runbooks and dashboards speak of. Probe jobs use blackbox_exporter's usual
 * relabelling: the target becomes `?target=` and `instance`, the address becomes the exporter's. No relabelling
 * writes `$1` (the default replacement), so there is no `$` for NixOS' envsubst to eat.
 *
 * Jobs come in the manifest's order (hosts' jobs by first appearance, then the probes), targets in host order,
 * keys in the order of the Prometheus docs; nothing else varies, so the same manifest gives the same bytes.
 */
import { Document, isMap, isPair, isScalar, isSeq, visit } from 'yaml';
import { escapeDollars } from '../alertmanager/emit.js';
import type { SourceLocation } from '../rules/model.js';
import type { JobSettings } from './api.js';
import type { GlobalConfig, Manifest, ManifestJob, PrometheusDocument, PrometheusYml, ScrapeConfig, StaticConfig, YmlPath } from './model.js';

export interface EmitOptions {
  /** The global scrape_interval (promforge.config.ts `scrapeInterval`), as a Prometheus duration. */
  readonly scrapeInterval: string;
  readonly evaluationInterval: string;
  /** Rule files, relative to prometheus.yml's folder (Prometheus resolves them against it). */
  readonly ruleFiles: readonly string[];
}

/** Settings in the order the Prometheus docs list them. */
const SETTING_ORDER: readonly (keyof JobSettings)[] = [
  'honor_labels', 'track_timestamps_staleness', 'scrape_interval', 'scrape_timeout', 'scrape_protocols', 'metrics_path', 'scheme',
  'sample_limit', 'keep_dropped_targets',
];

function settingsOf(s: JobSettings, except: readonly (keyof JobSettings)[] = []): Partial<JobSettings> {
  const out: Record<string, unknown> = {};
  for (const k of SETTING_ORDER) if (s[k] !== undefined && !except.includes(k)) out[k] = s[k];
  return out as Partial<JobSettings>;
}

const sortedLabels = (labels: Readonly<Record<string, string>>): Record<string, string> =>
  Object.fromEntries(Object.keys(labels).sort().map((k) => [k, labels[k]!]));

function scrapeConfig(job: ManifestJob): ScrapeConfig {
  if (job.kind === 'scrape') {
    return {
      job_name: job.job_name,
      ...settingsOf(job.settings),
      static_configs: job.targets.map((t): StaticConfig => ({ targets: [t.address], labels: { instance: t.host, ...sortedLabels(t.labels) } })),
    };
  }
  return {
    job_name: job.job_name,
    ...settingsOf(job.settings, ['metrics_path']),
    metrics_path: job.settings.metrics_path ?? '/probe',
    params: { module: [job.module] },
    static_configs: [{ targets: job.targets }],
    relabel_configs: [
      { source_labels: ['__address__'], target_label: '__param_target' },
      { source_labels: ['__param_target'], target_label: 'instance' },
      { target_label: '__address__', replacement: job.blackbox },
    ],
  };
}

/** The configuration, with each part traced back to the declaration that made it. */
export function toPrometheusDocument(manifest: Manifest, options: EmitOptions): PrometheusDocument {
  const global: GlobalConfig = {
    scrape_interval: options.scrapeInterval,
    evaluation_interval: options.evaluationInterval,
    ...(Object.keys(manifest.external_labels).length > 0 ? { external_labels: sortedLabels(manifest.external_labels) } : {}),
  };
  const config: PrometheusYml = {
    global,
    ...(manifest.alertmanagers.length > 0
      ? { alerting: { alertmanagers: [{ static_configs: [{ targets: manifest.alertmanagers.map((a) => a.address) }] }] } }
      : {}),
    ...(options.ruleFiles.length > 0 ? { rule_files: options.ruleFiles } : {}),
    scrape_configs: manifest.jobs.map(scrapeConfig),
  };
  const fallback: SourceLocation = manifest.at ?? { file: manifest.source, line: 1, column: 1 };
  const locate = (path: YmlPath): SourceLocation => {
    if (path[0] !== 'scrape_configs' || typeof path[1] !== 'number') return fallback;
    const job = manifest.jobs[path[1]];
    if (job?.kind === 'scrape' && path[2] === 'static_configs' && typeof path[3] === 'number') {
      return job.targets[path[3]]?.at ?? job.at ?? fallback;
    }
    return job?.at ?? fallback;
  };
  return { config, locate };
}

/** `header` names the source; it becomes a comment at the top of the file. */
export function emitPrometheusYml(config: PrometheusYml, header: string): string {
  const doc = new Document(config, { version: '1.1' });
  // Short lists of names and target labels inline (`targets: [nas-01:9100]`, `labels: {instance: nas-01}`), as
  // prometheus.yml is usually written; rule_files one a line.
  const keyOf = (path: readonly unknown[]): unknown => {
    const parent = path[path.length - 1];
    return isPair(parent) && isScalar(parent.key) ? parent.key.value : undefined;
  };
  visit(doc, {
    Seq(_, node, path) {
      if (isSeq(node) && keyOf(path) !== 'rule_files' && node.items.every((i) => isScalar(i))) node.flow = true;
    },
    Map(_, node, path) {
      if (isMap(node) && keyOf(path) === 'labels') node.flow = true;
    },
  });
  doc.commentBefore = header
    .split('\n')
    .map((l) => (l ? ` ${l}` : ''))
    .join('\n');
  // Prometheus reads its configuration with yaml.v2, YAML 1.1: the version decides which strings need quotes.
  return doc.toString({ lineWidth: 0, indentSeq: true, directives: false, flowCollectionPadding: false });
}

/**
 * For NixOS' `services.prometheus`: `global`, `scrape_configs` and `alerting` map onto its `globalConfig`,
 * `scrapeConfigs` and `alertmanagers` options. `rule_files` is left out: the module sets it from `ruleFiles`
 * (store paths it checks with promtool). The module passes the generated file through envsubst, so every
 * literal `$` is doubled, as for alertmanager.json.
 */
export function emitNixosPrometheusJson(config: PrometheusYml): string {
  const { rule_files: _ruleFiles, ...rest } = config;
  return `${JSON.stringify(escapeDollars(rest), null, 2)}\n`;
}
