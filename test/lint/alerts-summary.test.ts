import { describe, expect, it } from 'vitest';
import { alertsSummary } from '../../src/lint/checks/alerts-summary.js';
import { lintYaml } from './helpers.js';

const alert = (annotations: string) => `groups:\n  - name: g\n    rules:\n      - alert: HostDown\n        expr: up == 0\n        annotations: ${annotations}\n`;

describe('alerts/summary', () => {
  it('fires on a missing or blank summary', () => {
    expect(lintYaml(alert('{ description: x }'), [alertsSummary]).map((d) => d.message)).toEqual(['alert has no summary annotation']);
    expect(lintYaml(alert('{ summary: "  " }'), [alertsSummary])).toHaveLength(1);
  });

  it('is quiet when there is one', () => {
    expect(lintYaml(alert('{ summary: Host down }'), [alertsSummary])).toEqual([]);
  });
});
