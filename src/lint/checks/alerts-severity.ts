import type { RuleCheck } from '../check.js';

const SEVERITIES = ['critical', 'warning', 'info'];

/** monitoring-mixins style: every alert has a severity label, one of critical, warning, info. */
export const alertsSeverity: RuleCheck = {
  id: 'alerts/severity',
  scope: 'rule',
  severity: 'error',
  title: 'alerts carry a severity label: critical, warning or info',
  why: 'Alertmanager routes on severity: an alert without it, or with a value no route matches (page, high), falls through to the default receiver or nowhere.',
  example: {
    bad: 'groups:\n  - name: g\n    rules:\n      - alert: HostDown\n        expr: up == 0\n        labels: { severity: page }\n        annotations: { summary: down, description: "{{ $labels.instance }}" }\n',
    good: 'groups:\n  - name: g\n    rules:\n      - alert: HostDown\n        expr: up == 0\n        labels: { severity: critical }\n        annotations: { summary: down, description: "{{ $labels.instance }}" }\n',
  },
  run: ({ rule }) => {
    if (rule.kind !== 'alert') return [];
    const severity = rule.labels['severity'];
    if (severity === undefined) {
      return [{ message: 'alert has no severity label', fix: 'add labels: { severity: critical | warning | info }' }];
    }
    return SEVERITIES.includes(severity)
      ? []
      : [{ message: `severity "${severity}" is not one of ${SEVERITIES.join(', ')}`, field: 'labels.severity', fix: 'use critical (pages), warning (notifies) or info' }];
  },
};
