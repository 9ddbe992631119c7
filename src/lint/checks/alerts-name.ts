import type { RuleCheck } from '../check.js';

const CAMEL_CASE = /^[A-Z][A-Za-z0-9]*$/;

/** monitoring-mixins style: alert names are CamelCase. */
export const alertsName: RuleCheck = {
  id: 'alerts/name',
  scope: 'rule',
  severity: 'warning',
  title: 'alert names are CamelCase',
  why: 'Alert names become the alertname label that routes, silences and dashboards match on; one convention (the monitoring-mixins one: NixCacheNotAccessible) keeps those matchers predictable.',
  example: {
    bad: 'groups:\n  - name: g\n    rules:\n      - alert: nix_cache_down\n        expr: nix_cache_info_accessible == 0\n        labels: { severity: critical }\n        annotations: { summary: down, description: "{{ $labels.instance }}" }\n',
    good: 'groups:\n  - name: g\n    rules:\n      - alert: NixCacheDown\n        expr: nix_cache_info_accessible == 0\n        labels: { severity: critical }\n        annotations: { summary: down, description: "{{ $labels.instance }}" }\n',
  },
  run: ({ rule }) =>
    rule.kind === 'alert' && !CAMEL_CASE.test(rule.alert)
      ? [{ message: `alert name "${rule.alert}" is not CamelCase`, field: 'alert', fix: `rename it, e.g. ${camel(rule.alert)}` }]
      : [],
};

const camel = (name: string): string =>
  name.split(/[^A-Za-z0-9]+/).filter(Boolean).map((w) => w[0]!.toUpperCase() + w.slice(1)).join('') || 'MyAlert';
