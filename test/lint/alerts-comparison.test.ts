import { describe, expect, it } from 'vitest';
import { alertsComparison, canBeEmpty } from '../../src/lint/checks/alerts-comparison.js';
import { parsePromQL } from '../../src/promql/parse.js';
import { alertYaml, brief, lintYaml } from './helpers.js';

const empty = (expr: string): boolean => {
  const r = parsePromQL(expr);
  if (!r.ok) throw new Error(r.errors[0]?.message);
  return canBeEmpty(r.ast);
};

describe('alerts/comparison', () => {
  it('fires on a bare selector, at the expression', () => {
    expect(brief(lintYaml(alertYaml('nix_cache_info_accessible'), [alertsComparison]))).toEqual([
      'alerts/comparison @5:16 the expression has no comparison, so the alert fires for every series it selects',
    ]);
  });

  it('fires on expressions that can never be empty', () => {
    for (const expr of ['1', 'sum(rate(x[5m]))', 'up == bool 0', 'vector(1)', 'rate(x[5m]) * 100', 'up or (up > 1)', 'label_replace(up, "a", "b", "", "")']) {
      expect(empty(expr), expr).toBe(false);
    }
    expect(lintYaml(alertYaml('1'), [alertsComparison]).map((d) => d.message)).toEqual(['the expression is a scalar: the alert always fires']);
  });

  it('is quiet on conditions, absent and filters', () => {
    for (const expr of ['up == 0', 'count(up == 0) > 1', 'absent(up{job="node"})', 'absent_over_time(x[1h])', 'x unless y',
      '(time() - x > 1800) or absent(x)', 'sum by (job) (up == 0)', 'rate(x[5m]) > 0 and on (job) up', 'x * on (uuid) group_left (name) (y > 80)',
      'label_replace(up == 0, "a", "b", "", "")', '-(x > 1)']) {
      expect(empty(expr), expr).toBe(true);
      expect(lintYaml(alertYaml(expr), [alertsComparison]), expr).toEqual([]);
    }
  });

  it('leaves recording rules alone', () => {
    expect(lintYaml('groups:\n  - name: g\n    rules:\n      - record: job:up:sum\n        expr: sum(up)\n', [alertsComparison])).toEqual([]);
  });
});
