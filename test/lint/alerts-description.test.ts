import { describe, expect, it } from 'vitest';
import { alertsDescription } from '../../src/lint/checks/alerts-description.js';
import { brief, lintYaml } from './helpers.js';

const alert = (annotations: string) => `groups:\n  - name: g\n    rules:\n      - alert: HostDown\n        expr: up == 0\n        annotations: ${annotations}\n`;

describe('alerts/description', () => {
  it('fires on a missing description', () => {
    expect(lintYaml(alert('{ summary: s }'), [alertsDescription]).map((d) => d.message)).toEqual(['alert has no description annotation']);
  });

  it('fires on a description without a template, at the annotation', () => {
    expect(brief(lintYaml(alert('{ description: A host is down }'), [alertsDescription]))).toEqual([
      'alerts/description @6:37 description is not templated',
    ]);
  });

  it('is quiet on a templated description', () => {
    expect(lintYaml(alert('{ description: "{{ $labels.instance }} is down" }'), [alertsDescription])).toEqual([]);
  });
});
