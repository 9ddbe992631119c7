import type { RuleCheck } from '../check.js';
import { walk } from '../check.js';

/** One failed scrape makes a series stale, and absent() of it true until the next scrape. */
export const alertsAbsent: RuleCheck = {
  id: 'alerts/absent',
  scope: 'rule',
  severity: 'warning',
  title: 'absent() in an alert without `for`',
  why: 'A single failed scrape, or a target restart, marks its series stale: absent() returns 1 until the next successful scrape. Without `for`, an absent() alert fires (and notifies) on every such blip.',
  example: {
    bad: 'groups:\n  - name: g\n    rules:\n      - alert: NixCheckMissing\n        expr: absent(nix_build_cache_check_timestamp)\n        labels: { severity: warning }\n        annotations: { summary: missing, description: "{{ $value }}" }\n',
    good: 'groups:\n  - name: g\n    rules:\n      - alert: NixCheckMissing\n        expr: absent(nix_build_cache_check_timestamp)\n        for: 10m\n        labels: { severity: warning }\n        annotations: { summary: missing, description: "{{ $value }}" }\n',
  },
  run: ({ rule, ast }) => {
    if (rule.kind !== 'alert' || (rule.for !== undefined && rule.for !== '0' && rule.for !== '0s')) return [];
    for (const node of walk(ast)) {
      if (node.kind === 'Call' && node.func === 'absent') {
        return [{ message: 'absent() turns true on a single failed scrape; without `for` the alert fires on every blip', span: node, fix: 'add a `for` of a few scrape intervals, e.g. for: 5m' }];
      }
    }
    return [];
  },
};
