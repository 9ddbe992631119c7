import { describe, expect, it } from 'vitest';
import { rulesInterval } from '../../src/lint/checks/rules-interval.js';
import { brief, lintYaml } from './helpers.js';

const group = (interval: string) => `groups:\n  - name: g\n    interval: ${interval}\n    rules:\n      - record: job:up:sum\n        expr: sum by (job) (up)\n`;

describe('rules/interval', () => {
  it('fires on groups evaluated less often than the 5m lookback, at the interval', () => {
    expect(brief(lintYaml(group('10m'), [rulesInterval]))).toEqual([
      'rules/interval @3:15 interval: 10m is longer than the 5m lookback, so recorded series go stale between evaluations',
    ]);
    expect(lintYaml(group('1h'), [rulesInterval])).toHaveLength(1);
  });

  it('is quiet up to 5m and without an interval', () => {
    expect(lintYaml(group('5m'), [rulesInterval])).toEqual([]);
    expect(lintYaml(group('30s'), [rulesInterval])).toEqual([]);
    expect(lintYaml('groups:\n  - name: g\n    rules: []\n', [rulesInterval])).toEqual([]);
  });
});
