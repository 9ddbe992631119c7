/**
 * Project configuration: `promforge.config.ts` at the project root, default-exporting `defineConfig({...})`.
 * Everything a build depends on besides the declarations lives here, so two machines building the same
 * commit get the same bytes.
 */
import path from 'node:path';
import { LATEST_PROMETHEUS, parseVersion, type Version } from './version.js';

export interface PromforgeConfig {
  readonly prometheus?: {
    /**
     * The oldest Prometheus the emitted files must load in. Fields and PromQL newer than it are refused.
     * Debian bookworm ships 2.42; `--prometheus-version` overrides this per run.
     */
    readonly version?: string;
  };
  /** Base for relative `runbook:` values: `runbook: 'nix-cache#stale'` → `<base>/nix-cache#stale`. */
  readonly runbookBaseUrl?: string;
  /** Folder of rule modules, relative to the project root. Default `rules`. */
  readonly rulesDir?: string;
  /** Folder the build writes, relative to the project root. Default `out`. */
  readonly outDir?: string;
}

export interface ResolvedConfig {
  readonly root: string;
  readonly prometheusVersion: Version;
  readonly runbookBaseUrl?: string;
  readonly rulesDir: string;
  readonly outDir: string;
}

/** Identity at run time; gives `promforge.config.ts` its types. */
export const defineConfig = (config: PromforgeConfig): PromforgeConfig => config;

export interface ConfigOverrides {
  readonly prometheusVersion?: string;
  readonly outDir?: string;
}

/** Applies defaults and CLI overrides. Throws a `ConfigError` with a message fit for the user. */
export function resolveConfig(root: string, config: PromforgeConfig, overrides: ConfigOverrides = {}): ResolvedConfig {
  const versionText = overrides.prometheusVersion ?? config.prometheus?.version ?? LATEST_PROMETHEUS;
  const prometheusVersion = parseVersion(versionText);
  if (!prometheusVersion) {
    throw new ConfigError(`invalid Prometheus version "${versionText}": expected MAJOR.MINOR[.PATCH], e.g. 2.42 or 3.5.0`);
  }
  const base = config.runbookBaseUrl;
  if (base !== undefined && !/^https?:\/\/[^\s]+$/.test(base)) {
    throw new ConfigError(`runbookBaseUrl "${base}" is not an http(s) URL`);
  }
  return {
    root,
    prometheusVersion,
    ...(base !== undefined ? { runbookBaseUrl: base } : {}),
    rulesDir: path.resolve(root, config.rulesDir ?? 'rules'),
    outDir: path.resolve(root, overrides.outDir ?? config.outDir ?? 'out'),
  };
}

export class ConfigError extends Error {}
