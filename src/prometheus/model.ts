/**
 * Two plain shapes. The Manifest is the checked inventory (hosts, the jobs scraped from them, the probes, the
 * Alertmanagers) that everything else reads: the emitter, the lint's scrape intervals, the cross-check of the
 * rules' job selectors, the loopback rewrite for end-to-end tests. PrometheusYml is the configuration file it
 * becomes, field names and all, which validate.ts checks as Prometheus does when it loads one.
 */
import type { SourceLocation } from '../rules/model.js';
import type { JobSettings } from './api.js';
import type { ExporterKind, Prober } from './exporters.js';

export type { SourceLocation };

export interface ManifestHost {
  readonly name: string;
  /** DNS name or IP Prometheus connects to. */
  readonly address: string;
  readonly at?: SourceLocation;
}

export interface ManifestTarget {
  /** The host's name: the target's `instance` label. */
  readonly host: string;
  /** `address:port`, as scraped. */
  readonly address: string;
  /** The target's labels besides `job` and `instance` (`service`, the host's and the entry's own). */
  readonly labels: Readonly<Record<string, string>>;
  /** Undefined for custom services. */
  readonly exporter?: ExporterKind;
  readonly at?: SourceLocation;
}

export interface ScrapeJob {
  readonly kind: 'scrape';
  readonly job_name: string;
  readonly settings: JobSettings;
  readonly targets: readonly ManifestTarget[];
  /** The `job(...)` declaring its settings, else the first host that runs it. */
  readonly at?: SourceLocation;
}

export interface ProbeJob {
  readonly kind: 'probe';
  readonly job_name: string;
  readonly module: string;
  readonly prober: Prober;
  /** What blackbox_exporter probes: URLs for http; each is also the target's `instance`. */
  readonly targets: readonly string[];
  /** `address:port` of the blackbox_exporter that runs the probes. */
  readonly blackbox: string;
  readonly settings: JobSettings;
  readonly at?: SourceLocation;
}

export type ManifestJob = ScrapeJob | ProbeJob;

export interface ManifestAlertmanager {
  readonly host: string;
  readonly address: string;
}

export interface Manifest {
  /** The module that declared it. */
  readonly source: string;
  readonly external_labels: Readonly<Record<string, string>>;
  readonly hosts: readonly ManifestHost[];
  /** In prometheus.yml's order. */
  readonly jobs: readonly ManifestJob[];
  readonly alertmanagers: readonly ManifestAlertmanager[];
  readonly at?: SourceLocation;
}

// ---- prometheus.yml ----

export interface StaticConfig {
  readonly targets: readonly string[];
  readonly labels?: Readonly<Record<string, string>>;
}

export interface RelabelConfig {
  readonly source_labels?: readonly string[];
  readonly target_label?: string;
  readonly replacement?: string;
}

export interface ScrapeConfig extends JobSettings {
  readonly job_name: string;
  readonly params?: Readonly<Record<string, readonly string[]>>;
  readonly static_configs: readonly StaticConfig[];
  readonly relabel_configs?: readonly RelabelConfig[];
}

export interface GlobalConfig {
  readonly scrape_interval: string;
  readonly scrape_timeout?: string;
  readonly evaluation_interval: string;
  readonly external_labels?: Readonly<Record<string, string>>;
}

export interface PrometheusYml {
  readonly global: GlobalConfig;
  readonly alerting?: { readonly alertmanagers: readonly { readonly static_configs: readonly StaticConfig[] }[] };
  readonly rule_files?: readonly string[];
  readonly scrape_configs: readonly ScrapeConfig[];
}

export type YmlPath = readonly (string | number)[];

/** A prometheus.yml with where each part came from (the declarations, or the YAML file's nodes). */
export interface PrometheusDocument {
  readonly config: PrometheusYml;
  readonly locate: (path: YmlPath) => SourceLocation | undefined;
}

export const formatYmlPath = (path: YmlPath): string =>
  path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
