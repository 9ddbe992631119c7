/**
 * What Prometheus refuses when it loads a prometheus.yml (`promtool check config`), for the parts promforge
 * writes: durations, a scrape timeout longer than its interval, duplicate job names, URLs where a host:port
 * belongs, label names (classic charset before 3.0), scrape protocols; and fields newer than the target release,
 * which that release would refuse as unknown. Runs on the document, so it serves the declarations (problems
 * point at the `host(...)`/`job(...)`/`probe(...)` call) and the emitted file read back before it is written.
 */
import { atLeast, formatVersion, type Version } from '../config/version.js';
import { error, type Diagnostic } from '../diagnostics.js';
import { parsePromDuration } from '../promql/duration.js';
import { usesLegacyNames } from '../rules/features.js';
import { isValidLabelName, isValidLabelValue } from '../rules/names.js';
import { formatYmlPath, type GlobalConfig, type PrometheusDocument, type ScrapeConfig, type YmlPath } from './model.js';

export interface PromValidateOptions {
  /** The Prometheus release the file must load in. */
  readonly prometheusVersion: Version;
}

/** Scrape-config fields Prometheus 2.42 (the oldest target we emit for) does not know, with the release that added them. */
export const SCRAPE_FIELD_SINCE: Readonly<Record<string, string>> = {
  keep_dropped_targets: '2.47.0',
  track_timestamps_staleness: '2.48.0',
  scrape_protocols: '2.49.0',
};

/** Accepted values of scrape_protocols, with the release that added each. */
export const SCRAPE_PROTOCOLS: Readonly<Record<string, string>> = {
  PrometheusProto: '2.49.0',
  'OpenMetricsText1.0.0': '2.49.0',
  'OpenMetricsText0.0.1': '2.49.0',
  'PrometheusText0.0.4': '2.49.0',
  'PrometheusText1.0.0': '3.0.0',
};

const VERSION_HINT = 'remove it, or raise prometheus.version in promforge.config.ts (or pass --prometheus-version)';
/** Prometheus' default global scrape_timeout. */
const DEFAULT_TIMEOUT_MS = 10_000;

const isNonNegativeInteger = (v: unknown): boolean => typeof v === 'number' && Number.isInteger(v) && v >= 0;

export function validatePrometheusConfig(doc: PrometheusDocument, options: PromValidateOptions): Diagnostic[] {
  const problems: Diagnostic[] = [];
  const version = options.prometheusVersion;
  const fail = (path: YmlPath, message: string, hint?: string): void => {
    const at = doc.locate(path);
    problems.push(error(message, { ...(at ? { at } : {}), subject: formatYmlPath(path), ...(hint ? { hint } : {}) }));
  };
  const duration = (path: YmlPath, value: unknown): number | undefined => {
    if (value === undefined) return undefined;
    const d = typeof value === 'string' ? parsePromDuration(value) : { ok: false as const, error: 'expected a duration string' };
    if (!d.ok) {
      fail(path, d.error);
      return undefined;
    }
    return d.ms;
  };
  const legacy = usesLegacyNames(version);
  const labels = (path: YmlPath, ls: Readonly<Record<string, string>> | undefined): void => {
    for (const [name, value] of Object.entries(ls ?? {})) {
      if (!isValidLabelName(name, legacy ? 'legacy' : 'utf8')) {
        fail([...path, name], `${JSON.stringify(name)} is not a valid label name${legacy ? ` for Prometheus ${formatVersion(version)} (letters, digits and _, not starting with a digit)` : ''}`);
      }
      if (typeof value !== 'string' || !isValidLabelValue(value)) fail([...path, name], `${JSON.stringify(value)} is not a valid label value`);
    }
  };

  const cfg = doc.config;
  // A file written by anyone (check.ts) may leave out what Prometheus defaults: the global section, the lists.
  const g: Partial<GlobalConfig> = cfg.global ?? {};
  const interval = duration(['global', 'scrape_interval'], g.scrape_interval) ?? 60_000;
  const timeout = duration(['global', 'scrape_timeout'], g.scrape_timeout);
  duration(['global', 'evaluation_interval'], g.evaluation_interval);
  if (interval <= 0) fail(['global', 'scrape_interval'], 'must be greater than 0');
  if (timeout !== undefined && timeout > interval) fail(['global', 'scrape_timeout'], 'global scrape timeout greater than scrape interval');
  const globalTimeout = timeout ?? Math.min(DEFAULT_TIMEOUT_MS, interval);
  labels(['global', 'external_labels'], g.external_labels);

  for (const [i, am] of (cfg.alerting?.alertmanagers ?? []).entries()) {
    for (const [k, sc] of (am.static_configs ?? []).entries()) {
      for (const t of sc.targets ?? []) {
        if (t.includes('/')) fail(['alerting', 'alertmanagers', i, 'static_configs', k], `${JSON.stringify(t)} is not a valid hostname`);
      }
    }
  }
  for (const [i, f] of (cfg.rule_files ?? []).entries()) {
    if (typeof f !== 'string' || f === '') fail(['rule_files', i], 'a rule file must be a path');
  }

  const names = new Set<string>();
  for (const [i, sc] of (cfg.scrape_configs ?? []).entries()) {
    const at = (...rest: YmlPath): YmlPath => ['scrape_configs', i, ...rest];
    if (typeof sc.job_name !== 'string' || sc.job_name === '') {
      fail(at('job_name'), 'job_name is empty');
      continue;
    }
    if (names.has(sc.job_name)) fail(at('job_name'), `found multiple scrape configs with job name ${JSON.stringify(sc.job_name)}`);
    names.add(sc.job_name);
    checkVersions(sc, at, version, fail);
    const jobInterval = duration(at('scrape_interval'), sc.scrape_interval) ?? interval;
    const jobTimeout = duration(at('scrape_timeout'), sc.scrape_timeout);
    if (jobInterval <= 0) fail(at('scrape_interval'), 'must be greater than 0');
    if ((jobTimeout ?? Math.min(globalTimeout, jobInterval)) > jobInterval) {
      fail(at('scrape_timeout'), `scrape timeout greater than scrape interval for scrape config with job name ${JSON.stringify(sc.job_name)}`,
        'shorten scrape_timeout, or scrape less often');
    }
    if (sc.metrics_path !== undefined && (typeof sc.metrics_path !== 'string' || !sc.metrics_path.startsWith('/'))) {
      fail(at('metrics_path'), `metrics_path ${JSON.stringify(sc.metrics_path)} must be a path starting with /`);
    }
    if (sc.scheme !== undefined && sc.scheme !== 'http' && sc.scheme !== 'https') fail(at('scheme'), `scheme ${JSON.stringify(sc.scheme)} is not http or https`);
    for (const k of ['honor_labels', 'track_timestamps_staleness'] as const) {
      if (sc[k] !== undefined && typeof sc[k] !== 'boolean') fail(at(k), `${k} must be true or false`);
    }
    for (const k of ['sample_limit', 'keep_dropped_targets'] as const) {
      if (sc[k] !== undefined && !isNonNegativeInteger(sc[k])) fail(at(k), `${k} must be a whole number >= 0`);
    }
    checkProtocols(sc, at, version, fail);
    for (const [k, st] of (sc.static_configs ?? []).entries()) {
      for (const t of st.targets ?? []) {
        if (typeof t !== 'string' || t === '') fail(at('static_configs', k), 'a target must be a non-empty string');
        // Prometheus only allows URLs as targets when relabelling turns them into something else (probes).
        else if (!sc.relabel_configs?.length && t.includes('/')) fail(at('static_configs', k), `${JSON.stringify(t)} is not a valid hostname`);
      }
      labels(at('static_configs', k, 'labels'), st.labels);
    }
  }
  return problems;
}

function checkVersions(sc: ScrapeConfig, at: (...rest: YmlPath) => YmlPath, version: Version, fail: (path: YmlPath, message: string, hint?: string) => void): void {
  for (const [field, since] of Object.entries(SCRAPE_FIELD_SINCE)) {
    if ((sc as unknown as Record<string, unknown>)[field] !== undefined && !atLeast(version, since)) {
      fail(at(field), `${field} needs Prometheus ${since} or later, but the target is ${formatVersion(version)}`, VERSION_HINT);
    }
  }
}

function checkProtocols(sc: ScrapeConfig, at: (...rest: YmlPath) => YmlPath, version: Version, fail: (path: YmlPath, message: string, hint?: string) => void): void {
  const protocols = sc.scrape_protocols;
  if (protocols === undefined || !atLeast(version, SCRAPE_FIELD_SINCE['scrape_protocols']!)) return;
  if (!Array.isArray(protocols) || protocols.length === 0) {
    fail(at('scrape_protocols'), 'scrape_protocols cannot be empty');
    return;
  }
  const seen = new Set<string>();
  for (const p of protocols as readonly unknown[]) {
    const since = typeof p === 'string' ? SCRAPE_PROTOCOLS[p] : undefined;
    if (!since) fail(at('scrape_protocols'), `unknown scrape protocol ${JSON.stringify(p)}, supported: ${Object.keys(SCRAPE_PROTOCOLS).join(', ')}`);
    else if (!atLeast(version, since)) fail(at('scrape_protocols'), `scrape protocol ${String(p)} needs Prometheus ${since} or later, but the target is ${formatVersion(version)}`, VERSION_HINT);
    if (seen.has(String(p))) fail(at('scrape_protocols'), `duplicated protocol in scrape_protocols, got ${String(p)}`);
    seen.add(String(p));
  }
}
