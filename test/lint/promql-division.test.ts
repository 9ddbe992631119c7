import { describe, expect, it } from 'vitest';
import { promqlDivision } from '../../src/lint/checks/promql-division.js';
import { alertYaml, brief, lintYaml } from './helpers.js';

const run = (expr: string) => lintYaml(alertYaml(expr), [promqlDivision]);
const lint = (expr: string): string[] => brief(run(expr));

describe('promql/division', () => {
  it('fires on a ratio of rates summed per group, at the division, suggesting the ratio of sums', () => {
    const ds = run('sum by (job) (rate(x[5m]) / rate(y[5m])) > 0.1');
    expect(brief(ds)).toEqual([
      'promql/division @5:30 sum by (job) (...) aggregates rate(x[5m]) / rate(y[5m]): wherever rate(y[5m]) is 0 the ratio is NaN (0/0) or ±Inf, and one NaN or Inf makes the whole sum NaN or Inf',
    ]);
    expect(ds[0]!.severity).toBe('warning');
    expect(ds[0]!.hint).toBe(
      'divide the aggregates, sum by (job) (rate(x[5m])) / sum by (job) (rate(y[5m])), or drop zero divisors before aggregating: rate(x[5m]) / (rate(y[5m]) > 0)',
    );
  });

  it('fires under avg, stddev, quantile, min and max, through arithmetic and functions', () => {
    expect(lint('avg without (cpu) (a / b * 100)')).toEqual([
      'promql/division @5:35 avg without (cpu) (...) aggregates a / b: wherever b is 0 the ratio is NaN (0/0) or ±Inf, and one NaN or Inf makes the whole average NaN or Inf',
    ]);
    expect(lint('stddev(a % b)')).toEqual([
      'promql/division @5:23 stddev(...) aggregates a % b: wherever b is 0 the remainder is NaN, and one NaN or Inf makes the whole stddev NaN',
    ]);
    expect(lint('quantile(0.9, a / b)')[0]).toContain('skewing the quantile');
    expect(lint('max(a / b)')[0]).toContain('a +Inf wins the max');
    expect(run('max(a / b)')[0]!.hint).toBe('drop zero divisors before aggregating: a / (b > 0)');
    expect(lint('sum(avg_over_time((a / b)[1h:5m]))')).toHaveLength(1);
    expect(lint('sum(abs(a / on (job) group_left b))')).toHaveLength(1);
    expect(lint('sum(a / 0)')).toEqual([
      'promql/division @5:20 sum(...) aggregates a division by 0: every ratio is NaN or ±Inf, and one NaN or Inf makes the whole sum NaN or Inf',
    ]);
  });

  it('is quiet on guarded or non-zero divisors', () => {
    for (const expr of ['sum(a / (b > 0))', 'sum(a / (b != 0))', 'sum(a / (b >= 1))', 'sum(a / clamp_min(b, 1))', 'sum(a / clamp(b, 1, 10))',
      'sum(a / 60)', 'sum(a / -2)', 'sum(a / vector(2))', 'sum(a / count(b))', 'sum(a / time())']) {
      expect(lint(expr), expr).toEqual([]);
    }
  });

  it('is quiet when a comparison or another aggregation sits between, or outside aggregations', () => {
    for (const expr of ['sum(a / b > 0)', 'sum(a / b == bool 1)', 'sum(count(a / b))', 'count(a / b)', 'topk(3, a / b)', 'group(a / b)',
      'sum(a) / sum(b)', 'a / b > 1', 'sum(count_over_time((a / b)[5m:]))', 'max(a % b)',
      'sum by (repo) (increase(x[1h])) / (sum by (repo) (increase(y[1h])) > 0)']) {
      expect(lint(expr), expr).toEqual([]);
    }
  });

  it('reports each division once, against its nearest aggregation', () => {
    expect(lint('sum(sum by (job) (a / b))').map((l) => l.split(' ').slice(1, 4).join(' '))).toEqual(['@5:34 sum by']);
    expect(lint('sum(a / b + c / d)')).toHaveLength(2);
  });
});
