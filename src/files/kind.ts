/**
 * What a file given to `promforge check` is, from its content rather than its name: people name rule files
 * `*.rules`, `*.yml`, `alerts.yaml`, and a Prometheus configuration `prometheus.yml` or `prom.yaml`. Rule files,
 * Prometheus and Alertmanager configurations and Grafana dashboards are checked; rule unit-test files are
 * recognised so the message can point at `promforge test` instead of misreporting them as broken rule files.
 */
import { parse } from 'yaml';

export type FileKind = 'prometheus-rules' | 'prometheus-rule-tests' | 'prometheus-config' | 'alertmanager-config' | 'grafana-dashboard' | 'unknown';

export function detectKind(text: string, fileName: string): FileKind {
  let value: unknown;
  try {
    value = parse(text, { schema: 'failsafe', uniqueKeys: false });
  } catch {
    // Not YAML at all: let the reader of what it looks like report the syntax error with its position.
    if (!fileName.endsWith('.json')) return 'prometheus-rules';
    return /"(panels|schemaVersion|dashboard)"\s*:/.test(text) ? 'grafana-dashboard' : 'unknown';
  }
  if (value === null || value === undefined || value === '') return 'prometheus-rules';
  if (typeof value !== 'object' || Array.isArray(value)) return 'unknown';
  const keys = new Set(Object.keys(value));
  if (keys.has('groups')) return 'prometheus-rules';
  if (keys.has('tests') || keys.has('rule_files') && keys.has('evaluation_interval') && !keys.has('scrape_configs')) return 'prometheus-rule-tests';
  if (keys.has('scrape_configs') || keys.has('global') && (keys.has('rule_files') || keys.has('alerting'))) return 'prometheus-config';
  if (keys.has('route') || keys.has('receivers') || keys.has('inhibit_rules')) return 'alertmanager-config';
  if (keys.has('panels') || keys.has('dashboard') || keys.has('schemaVersion')) return 'grafana-dashboard';
  return 'unknown';
}

export const KIND_NAMES: Readonly<Record<FileKind, string>> = {
  'prometheus-rules': 'a Prometheus rule file',
  'prometheus-rule-tests': 'a promtool rule unit-test file',
  'prometheus-config': 'a Prometheus configuration',
  'alertmanager-config': 'an Alertmanager configuration',
  'grafana-dashboard': 'a Grafana dashboard',
  unknown: 'not a file promforge knows',
};
