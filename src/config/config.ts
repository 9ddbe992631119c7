/**
 * Project configuration: `promforge.config.ts` at the project root, default-exporting `defineConfig({...})`.
 * Everything a build depends on besides the declarations lives here, so two machines building the same
 * commit get the same bytes.
 */
import path from 'node:path';
import { builtinCatalogs } from '../catalog/index.js';
import type { MetricCatalog } from '../catalog/types.js';
import type { CheckId } from '../lint/ids.js';
import { parseDuration } from '../promql/duration.js';
import { LATEST_ALERTMANAGER, LATEST_PROMETHEUS, parseVersion, type Version } from './version.js';

export interface PromforgeConfig {
  readonly prometheus?: {
    /**
     * The oldest Prometheus the emitted files must load in. Fields and PromQL newer than it are refused.
     * Debian bookworm ships 2.42; `--prometheus-version` overrides this per run.
     */
    readonly version?: string;
  };
  readonly alertmanager?: {
    /** The oldest Alertmanager the emitted configuration must load in (Debian bookworm ships 0.25). */
    readonly version?: string;
  };
  /** Base for relative `runbook:` values: `runbook: 'nix-cache#stale'` → `<base>/nix-cache#stale`. */
  readonly runbookBaseUrl?: string;
  /** Prometheus' global scrape_interval: lint judges rate() ranges against it. Default 1m. */
  readonly scrapeInterval?: string;
  /** Prometheus' global evaluation_interval: a group's interval when it sets none. Default 1m. */
  readonly evaluationInterval?: string;
  /** The project's own metric catalogs, consulted before the built-in ones. */
  readonly catalogs?: readonly MetricCatalog[];
  readonly lint?: {
    /** Checks switched off for the whole project. */
    readonly disable?: readonly CheckId[];
  };
  /** Folder of rule modules, relative to the project root. Default `rules`. */
  readonly rulesDir?: string;
  /** Grafana: where it is, where it reads the dashboards, how it reaches the datasources. */
  readonly grafana?: GrafanaConfig;
  /** Folder the build writes, relative to the project root. Default `out`. */
  readonly outDir?: string;
}

export interface GrafanaConfig {
  /** Grafana's URL as people open it (`https://grafana.example.org`): alerts' `dashboard_url` is `<url>/d/<uid>`. */
  readonly url?: string;
  /**
   * Where the dashboard folders (`out/grafana/dashboards/`) sit on the Grafana host: the provisioning
   * provider's `options.path`. Default `/etc/grafana/dashboards/promforge`.
   */
  readonly dashboardsPath?: string;
  /** The URLs Grafana reaches the provisioned datasources at (from the Grafana host). */
  readonly datasources?: {
    readonly prometheus?: string;
    readonly alertmanager?: string;
    readonly loki?: string;
  };
}

export interface ResolvedGrafanaConfig {
  readonly url?: string;
  readonly dashboardsPath: string;
  readonly datasources: { readonly prometheus: string; readonly alertmanager: string; readonly loki: string };
}

export interface ResolvedConfig {
  readonly root: string;
  readonly prometheusVersion: Version;
  readonly alertmanagerVersion: Version;
  readonly scrapeIntervalMs: number;
  readonly evaluationIntervalMs: number;
  readonly catalogs: readonly MetricCatalog[];
  readonly lintDisable: readonly string[];
  readonly runbookBaseUrl?: string;
  readonly rulesDir: string;
  readonly outDir: string;
  readonly grafana: ResolvedGrafanaConfig;
}

/** Identity at run time; gives `promforge.config.ts` its types. */
export const defineConfig = (config: PromforgeConfig): PromforgeConfig => config;

export interface ConfigOverrides {
  readonly prometheusVersion?: string;
  readonly alertmanagerVersion?: string;
  readonly outDir?: string;
}

/** Applies defaults and CLI overrides. Throws a `ConfigError` with a message fit for the user. */
export function resolveConfig(root: string, config: PromforgeConfig, overrides: ConfigOverrides = {}): ResolvedConfig {
  const versionText = overrides.prometheusVersion ?? config.prometheus?.version ?? LATEST_PROMETHEUS;
  const prometheusVersion = parseVersion(versionText);
  if (!prometheusVersion) {
    throw new ConfigError(`invalid Prometheus version "${versionText}": expected MAJOR.MINOR[.PATCH], e.g. 2.42 or 3.5.0`);
  }
  const amText = overrides.alertmanagerVersion ?? config.alertmanager?.version ?? LATEST_ALERTMANAGER;
  const alertmanagerVersion = parseVersion(amText);
  if (!alertmanagerVersion) {
    throw new ConfigError(`invalid Alertmanager version "${amText}": expected MAJOR.MINOR[.PATCH], e.g. 0.25 or 0.28.1`);
  }
  const base = config.runbookBaseUrl;
  if (base !== undefined && !/^https?:\/\/[^\s]+$/.test(base)) {
    throw new ConfigError(`runbookBaseUrl "${base}" is not an http(s) URL`);
  }
  const interval = (field: 'scrapeInterval' | 'evaluationInterval'): number => {
    const text = config[field];
    if (text === undefined) return 60_000;
    const ms = parseDuration(text);
    if (ms === undefined || ms <= 0) throw new ConfigError(`${field} "${text}" is not a positive duration like 15s or 1m`);
    return ms;
  };
  return {
    root,
    prometheusVersion,
    alertmanagerVersion,
    scrapeIntervalMs: interval('scrapeInterval'),
    evaluationIntervalMs: interval('evaluationInterval'),
    catalogs: [...(config.catalogs ?? []), ...builtinCatalogs],
    lintDisable: [...(config.lint?.disable ?? [])],
    ...(base !== undefined ? { runbookBaseUrl: base } : {}),
    rulesDir: path.resolve(root, config.rulesDir ?? 'rules'),
    grafana: resolveGrafana(config.grafana ?? {}),
    outDir: path.resolve(root, overrides.outDir ?? config.outDir ?? 'out'),
  };
}

function resolveGrafana(grafana: GrafanaConfig): ResolvedGrafanaConfig {
  const url = (field: string, value: string | undefined, fallback: string): string => {
    const text = value ?? fallback;
    if (!/^https?:\/\/[^\s/]+(\/[^\s]*)?$/.test(text)) throw new ConfigError(`grafana.${field} "${text}" is not an http(s) URL`);
    return text.replace(/\/+$/, '');
  };
  const dashboardsPath = grafana.dashboardsPath ?? '/etc/grafana/dashboards/promforge';
  if (!dashboardsPath.startsWith('/')) {
    throw new ConfigError(`grafana.dashboardsPath "${dashboardsPath}" must be absolute: Grafana resolves a relative path against its own working directory`);
  }
  const ds = grafana.datasources ?? {};
  return {
    ...(grafana.url !== undefined ? { url: url('url', grafana.url, '') } : {}),
    dashboardsPath,
    datasources: {
      prometheus: url('datasources.prometheus', ds.prometheus, 'http://localhost:9090'),
      alertmanager: url('datasources.alertmanager', ds.alertmanager, 'http://localhost:9093'),
      loki: url('datasources.loki', ds.loki, 'http://localhost:3100'),
    },
  };
}

export class ConfigError extends Error {}
