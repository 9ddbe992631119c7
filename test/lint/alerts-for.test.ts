import { describe, expect, it } from 'vitest';
import { alertsFor } from '../../src/lint/checks/alerts-for.js';
import { brief, lintYaml } from './helpers.js';

const alert = (interval: string, forText: string) =>
  `groups:\n  - name: g\n${interval ? `    interval: ${interval}\n` : ''}    rules:\n      - alert: HostDown\n        expr: up == 0\n${forText ? `        for: ${forText}\n` : ''}`;

describe('alerts/for', () => {
  it('fires when for is shorter than the group interval, at for', () => {
    expect(brief(lintYaml(alert('2m', '1m'), [alertsFor]))).toEqual([
      "alerts/for @7:14 for: 1m is shorter than the group's evaluation interval (2m), so it acts as 2m",
    ]);
  });

  it('uses the global evaluation interval when the group sets none', () => {
    expect(lintYaml(alert('', '30s'), [alertsFor], { evaluationIntervalMs: 60_000 })).toHaveLength(1);
    expect(lintYaml(alert('', '30s'), [alertsFor], { evaluationIntervalMs: 15_000 })).toEqual([]);
  });

  it('is quiet without for, with for: 0, and with a long enough for', () => {
    expect(lintYaml(alert('2m', ''), [alertsFor])).toEqual([]);
    expect(lintYaml(alert('2m', '0s'), [alertsFor])).toEqual([]);
    expect(lintYaml(alert('2m', '2m'), [alertsFor])).toEqual([]);
  });
});
