import { describe, expect, it } from 'vitest';
import { alertsSeverity } from '../../src/lint/checks/alerts-severity.js';
import { brief, lintYaml } from './helpers.js';

const alert = (labels: string) => `groups:\n  - name: g\n    rules:\n      - alert: HostDown\n        expr: up == 0\n        labels: ${labels}\n`;

describe('alerts/severity', () => {
  it('fires on a missing severity, at the rule', () => {
    expect(brief(lintYaml(alert('{ team: infra }'), [alertsSeverity]))).toEqual(['alerts/severity @4:9 alert has no severity label']);
  });

  it('fires on a severity no route expects, at the label', () => {
    expect(brief(lintYaml(alert('{ severity: page }'), [alertsSeverity]))).toEqual([
      'alerts/severity @6:29 severity "page" is not one of critical, warning, info',
    ]);
  });

  it('is quiet on critical, warning and info', () => {
    for (const s of ['critical', 'warning', 'info']) expect(lintYaml(alert(`{ severity: ${s} }`), [alertsSeverity])).toEqual([]);
  });
});
