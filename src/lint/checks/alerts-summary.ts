import type { RuleCheck } from '../check.js';

/** monitoring-mixins style: every alert has a summary annotation. */
export const alertsSummary: RuleCheck = {
  id: 'alerts/summary',
  scope: 'rule',
  severity: 'warning',
  title: 'alerts have a summary annotation',
  why: 'The summary is the one line a notification shows; without it the receiver sees only the alert name and labels.',
  example: {
    bad: 'groups:\n  - name: g\n    rules:\n      - alert: HostDown\n        expr: up == 0\n        labels: { severity: critical }\n        annotations: { description: "{{ $labels.instance }} is down" }\n',
    good: 'groups:\n  - name: g\n    rules:\n      - alert: HostDown\n        expr: up == 0\n        labels: { severity: critical }\n        annotations: { summary: Host down, description: "{{ $labels.instance }} is down" }\n',
  },
  run: ({ rule }) =>
    rule.kind === 'alert' && !(rule.annotations['summary'] ?? '').trim()
      ? [{ message: 'alert has no summary annotation', fix: 'add a one-line summary, e.g. "Host {{ $labels.instance }} is down"' }]
      : [],
};
