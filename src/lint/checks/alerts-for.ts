import { parseDuration } from '../../promql/duration.js';
import type { RuleCheck } from '../check.js';

/** A `for` shorter than the group's evaluation interval is silently rounded up to it. */
export const alertsFor: RuleCheck = {
  id: 'alerts/for',
  scope: 'rule',
  severity: 'warning',
  title: '`for` shorter than the group\'s evaluation interval',
  why: 'An alert only changes state when its group is evaluated, so `for: 30s` in a group evaluated every minute waits a full minute: the rule promises a reaction time it does not have.',
  example: {
    bad: 'groups:\n  - name: g\n    interval: 2m\n    rules:\n      - alert: HostDown\n        expr: up == 0\n        for: 1m\n        labels: { severity: critical }\n        annotations: { summary: down, description: "{{ $labels.instance }}" }\n',
    good: 'groups:\n  - name: g\n    interval: 2m\n    rules:\n      - alert: HostDown\n        expr: up == 0\n        for: 4m\n        labels: { severity: critical }\n        annotations: { summary: down, description: "{{ $labels.instance }}" }\n',
  },
  run: ({ rule, group }, ctx) => {
    if (rule.kind !== 'alert' || rule.for === undefined) return [];
    const forMs = parseDuration(rule.for);
    const intervalMs = group.interval !== undefined ? parseDuration(group.interval) : ctx.evaluationIntervalMs;
    if (forMs === undefined || intervalMs === undefined || forMs === 0 || forMs >= intervalMs) return [];
    return [{
      message: `for: ${rule.for} is shorter than the group's evaluation interval (${group.interval ?? `${intervalMs / 1000}s, the global default`}), so it acts as ${group.interval ?? `${intervalMs / 1000}s`}`,
      field: 'for',
      fix: 'make `for` a multiple of the interval, or evaluate the group more often',
    }];
  },
};
