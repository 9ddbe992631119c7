import type { RuleCheck } from '../check.js';

/** monitoring-mixins style: every alert has a description, and it is templated. */
export const alertsDescription: RuleCheck = {
  id: 'alerts/description',
  scope: 'rule',
  severity: 'warning',
  title: 'alerts have a templated description annotation',
  why: 'The description says which series fired and with what value; a fixed text cannot tell two firing instances apart.',
  example: {
    bad: 'groups:\n  - name: g\n    rules:\n      - alert: HostDown\n        expr: up == 0\n        labels: { severity: critical }\n        annotations: { summary: Host down, description: A host is down }\n',
    good: 'groups:\n  - name: g\n    rules:\n      - alert: HostDown\n        expr: up == 0\n        labels: { severity: critical }\n        annotations: { summary: Host down, description: "{{ $labels.instance }} is down" }\n',
  },
  run: ({ rule }) => {
    if (rule.kind !== 'alert') return [];
    const description = rule.annotations['description'];
    if (description === undefined || description.trim() === '') {
      return [{ message: 'alert has no description annotation', fix: 'describe what fired with {{ $labels.… }} and {{ $value }}' }];
    }
    return description.includes('{{')
      ? []
      : [{ message: 'description is not templated', field: 'annotations.description', fix: 'include {{ $labels.… }} or {{ $value }} so each firing series says which it is' }];
  },
};
