import { describe, expect, it } from 'vitest';
import { promqlImpossible } from '../../src/lint/checks/promql-impossible.js';
import { alertYaml, brief, lintYaml } from './helpers.js';

const run = (expr: string) => lintYaml(alertYaml(expr), [promqlImpossible]);
const lint = (expr: string): string[] => brief(run(expr));

describe('promql/impossible: contradicting matchers', () => {
  it('fires on two values of one label, at the matchers, suggesting a regex for either', () => {
    const ds = run('up{job="a", job="b"} == 0');
    expect(brief(ds)).toEqual([
      'promql/impossible @5:19 job="a" and job="b" contradict: no value of the label job satisfies all of them, so the selector never matches anything',
    ]);
    expect(ds[0]!.severity).toBe('error');
    expect(ds[0]!.hint).toBe('keep the value you mean, or select either with job=~"a|b"');
  });

  it('fires on a value and its negation, a regex the value misses, and "" against .+', () => {
    expect(lint('up{job="a", job!="a"} == 0')).toEqual([
      'promql/impossible @5:19 job="a" and job!="a" contradict: no value of the label job satisfies all of them, so the selector never matches anything',
    ]);
    expect(lint('up{instance="x", job=~"b.*", job="a"} == 0')).toEqual([
      'promql/impossible @5:33 job=~"b.*" and job="a" contradict: no value of the label job satisfies all of them, so the selector never matches anything',
    ]);
    expect(lint('up{job="", job=~".+"}')).toHaveLength(1);
    expect(lint('up{job=~"a|b", job!~"a|b"}')).toHaveLength(1);
    expect(lint('{__name__="up", __name__="down"}')[0]).toContain('no value of the metric name');
  });

  it('fires on !~".*", which matches no value, not even a missing label', () => {
    expect(lint('up{job!~".*"}')).toEqual([
      'promql/impossible @5:19 job!~".*" matches no series: every value of job, a missing label included, matches ".*"',
    ]);
  });

  it('looks into range selectors and function arguments', () => {
    expect(lint('rate(x{job="a", job="b"}[5m]) > 0')).toHaveLength(1);
    expect(lint('absent(up{job="a", job="b"})')).toHaveLength(1);
  });

  it('is quiet when some value satisfies every matcher, or when it cannot tell', () => {
    for (const expr of ['up{job="a", job=~"a|b"} == 0', 'up{job!="a", job!="b"}', 'up{job=~".+", job!="x"}',
      'up{job=~"a.*", job=~"b.*"}', 'up{job=~"(?i)A", job="a"}', 'up{job="a", instance="a"}']) {
      expect(lint(expr), expr).toEqual([]);
    }
  });
});

describe('promql/impossible: value filters on one series', () => {
  it('fires on `and` of filters no value passes, at the `and`', () => {
    expect(lint('x == 1 and x == 2')).toEqual([
      'promql/impossible @5:16 `and` never returns anything: both sides filter the same series, and no value of x is == 1 and == 2',
    ]);
    expect(lint('(rate(x[5m]) > 1) and (1 >= rate(x[5m]))')).toEqual([
      'promql/impossible @5:16 `and` never returns anything: both sides filter the same series, and no value of rate(x[5m]) is > 1 and <= 1',
    ]);
    expect(lint('x > 5 and y and x < 3')).toHaveLength(1);
  });

  it('fires on chained filters and on comparisons with NaN', () => {
    expect(lint('x > 5 < 3')).toEqual(['promql/impossible @5:16 this filter never returns anything: no value of x is > 5 and < 3']);
    expect(lint('x > Inf')).toHaveLength(1);
    const nan = run('x == NaN');
    expect(brief(nan)).toEqual(['promql/impossible @5:16 == NaN is never true: NaN compares false with everything, so this never returns anything']);
    expect(nan[0]!.hint).toBe('to find NaN samples use x != x');
  });

  it('fires on `unless` whose right side removes every series of the left', () => {
    expect(lint('x > 5 unless x > 3')).toEqual([
      'promql/impossible @5:16 `unless` never returns anything: the right side removes every series the left side returns (x > 5 is also > 3)',
    ]);
    expect(lint('up unless up')).toHaveLength(1);
  });

  it('reports one contradiction once', () => {
    expect(lint('(x > 5 and x < 3) and x > 1')).toHaveLength(1);
  });

  it('is quiet on satisfiable filters, other series, other matching, or, offsets and bool', () => {
    for (const expr of ['x > 5 and x < 10', 'x >= 5 and x <= 5', 'x != 1 and x != 2', 'x == Inf', 'x > 5 and on (job) x < 3',
      'x > 5 and ignoring (instance) x < 3', 'x > 5 and y < 3', 'x > 5 or x < 3', 'x > 3 unless x > 5', 'x > 5 unless x offset 1h > 3',
      'x == bool 1 and x == bool 2', 'x{a="1"} > 5 and x{b="2"} < 3']) {
      expect(lint(expr), expr).toEqual([]);
    }
  });
});

describe('promql/impossible: vector matching', () => {
  it('fires when the matching labels always differ, at the operator', () => {
    expect(lint('up{job="a"} and on (job) up{job="b"}')).toEqual([
      'promql/impossible @5:16 `and on (job)` never returns anything: its sides never match, the left side always has job="a", the right side job="b"',
    ]);
    expect(lint('rate(x{job="a"}[5m]) / rate(y{job="b"}[5m]) > 1')).toEqual([
      'promql/impossible @5:16 `/` never returns anything: its sides never match, the left side always has job="a", the right side job="b"',
    ]);
  });

  it('fires on `unless` against a side that lost the label (pint\'s classic)', () => {
    expect(lint('up{job="a"} unless sum(up)')).toEqual([
      'promql/impossible @5:16 `unless` never removes anything: its sides never match, the left side always has job="a", the right side no job',
    ]);
  });

  it('is quiet when the labels can match, are ignored, or the operator is or', () => {
    for (const expr of ['up{job="a"} and on (instance) up{job="b"}', 'up{job="a"} / ignoring (job) up{job="b"}', 'up{job="a"} or up{job="b"}',
      'sum by (job) (up{job="a"}) / sum by (job) (up) < 1', 'x{job="a"} * on (instance) group_left (job) y{job="b"}',
      'up{job="a"} and on (job) up', 'label_replace(up{job="a"}, "job", "b", "", "") and on (job) up{job="b"}']) {
      expect(lint(expr), expr).toEqual([]);
    }
  });
});
