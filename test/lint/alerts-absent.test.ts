import { describe, expect, it } from 'vitest';
import { alertsAbsent } from '../../src/lint/checks/alerts-absent.js';
import { alertYaml, brief, lintYaml } from './helpers.js';

describe('alerts/absent', () => {
  it('fires on absent() without for, at the call', () => {
    expect(brief(lintYaml(alertYaml('up == 0 or absent(up{job="node"})'), [alertsAbsent]))).toEqual([
      'alerts/absent @5:27 absent() turns true on a single failed scrape; without `for` the alert fires on every blip',
    ]);
    expect(lintYaml(alertYaml('absent(x)', '        for: 0s\n'), [alertsAbsent])).toHaveLength(1);
  });

  it('is quiet with a for, without absent(), and for absent_over_time', () => {
    expect(lintYaml(alertYaml('absent(x)', '        for: 5m\n'), [alertsAbsent])).toEqual([]);
    expect(lintYaml(alertYaml('up == 0'), [alertsAbsent])).toEqual([]);
    expect(lintYaml(alertYaml('absent_over_time(x[10m])'), [alertsAbsent])).toEqual([]);
  });
});
