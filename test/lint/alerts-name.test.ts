import { describe, expect, it } from 'vitest';
import { alertsName } from '../../src/lint/checks/alerts-name.js';
import { brief, lintYaml } from './helpers.js';

const alert = (name: string) => `groups:\n  - name: g\n    rules:\n      - alert: ${name}\n        expr: up == 0\n`;

describe('alerts/name', () => {
  it('fires on names that are not CamelCase, at the name, suggesting one', () => {
    const [d] = lintYaml(alert('nix_cache_down'), [alertsName]);
    expect(brief([d!])).toEqual(['alerts/name @4:16 alert name "nix_cache_down" is not CamelCase']);
    expect(d?.hint).toBe('rename it, e.g. NixCacheDown');
    expect(lintYaml(alert('hostDown'), [alertsName])).toHaveLength(1);
    expect(lintYaml(alert('"Host Down"'), [alertsName])).toHaveLength(1);
  });

  it('is quiet on CamelCase names and on recording rules', () => {
    expect(lintYaml(alert('NixCacheDown'), [alertsName])).toEqual([]);
    expect(lintYaml(alert('GPUHighTemperature'), [alertsName])).toEqual([]);
    expect(lintYaml('groups:\n  - name: g\n    rules:\n      - record: job:up:sum\n        expr: sum(up)\n', [alertsName])).toEqual([]);
  });
});
