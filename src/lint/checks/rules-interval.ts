import { parseDuration } from '../../promql/duration.js';
import type { GroupCheck } from '../check.js';

const LOOKBACK_MS = 5 * 60_000;

/** Groups evaluated less often than Prometheus' 5m lookback leave gaps in what they record. */
export const rulesInterval: GroupCheck = {
  id: 'rules/interval',
  scope: 'group',
  severity: 'warning',
  title: 'group interval longer than 5m',
  why: 'Prometheus looks back at most 5 minutes for the latest sample. Series a group records more rarely than that vanish between evaluations: graphs show gaps and rules reading them see nothing half of the time.',
  example: {
    bad: 'groups:\n  - name: g\n    interval: 10m\n    rules:\n      - record: job:up:sum\n        expr: sum by (job) (up)\n',
    good: 'groups:\n  - name: g\n    interval: 5m\n    rules:\n      - record: job:up:sum\n        expr: sum by (job) (up)\n',
  },
  run: (group) => {
    const ms = group.interval !== undefined ? parseDuration(group.interval) : undefined;
    return ms !== undefined && ms > LOOKBACK_MS
      ? [{ message: `interval: ${group.interval} is longer than the 5m lookback, so recorded series go stale between evaluations`, field: 'interval', fix: 'evaluate at most every 5m' }]
      : [];
  },
};
