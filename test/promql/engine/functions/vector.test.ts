import { describe, expect, it } from 'vitest';
import { evalAt, expectRows, invoke, load, minutes, scalar, vec } from './helpers.js';

describe('vector() and scalar()', () => {
  it('vector() wraps a scalar without labels', () => {
    expect(invoke('vector(1)', [scalar(1)], { ts: 5 }).samples).toEqual([{ metric: {}, t: 5, v: 1 }]);
    expectRows(evalAt('vector(time())', [], 5000).samples, { '{}': 5 });
  });

  it('scalar() needs exactly one sample', () => {
    expect(invoke('scalar(x)', [vec({ 'x{a="1"}': 4 })]).samples[0]?.v).toBe(4);
    expect(invoke('scalar(x)', [vec({})]).samples[0]?.v).toBeNaN();
    expect(invoke('scalar(x)', [vec({ 'x{a="1"}': 4, 'x{a="2"}': 5 })]).samples[0]?.v).toBeNaN();
  });
});

describe('absent() (functions.test)', () => {
  it.each([
    ['absent(nonexistent)', {}],
    ['absent(nonexistent{job="testjob", instance="testinstance", method=~".x"})', { instance: 'testinstance', job: 'testjob' }],
    ['absent(nonexistent{job="testjob",job="testjob2",foo="bar"})', { foo: 'bar' }],
    ['absent(nonexistent{job="testjob",job="testjob2",job="three",foo="bar"})', { foo: 'bar' }],
    ['absent(nonexistent{job="testjob",job=~"testjob2",foo="bar"})', { foo: 'bar' }],
    ['absent(nonexistent{job=~"x",job="a"})', { job: 'a' }],
    ['absent(nonexistent{job=""})', {}],
    ['absent((nonexistent{job="a"}))', { job: 'a' }],
    ['absent(rate(nonexistent{job="a"}[5m]))', {}],
  ])('%s', (expr, labels) => {
    expect(evalAt(expr, [], minutes(50)).samples).toEqual([{ metric: labels, t: minutes(50), v: 1 }]);
  });

  it('takes no labels from anything but a selector', () => {
    const r = invoke('absent(sum(nonexistent{job="testjob", instance="testinstance"}))', [vec({})], { ts: 7 });
    expect(r.samples).toEqual([{ metric: {}, t: 7, v: 1 }]);
  });

  it('returns nothing when the vector has samples', () => {
    const data = load(minutes(5), { 'http_requests{job="x"}': '1x10' });
    expect(evalAt('absent(http_requests)', data, minutes(50)).samples).toEqual([]);
  });
});

describe('absent_over_time() (functions.test)', () => {
  const data = load(minutes(1), {
    'http_requests_total{handler="/foo"}': '_x10 1x5',
    'httpd_log_lines_total{instance="127.0.0.1",job="node"}': '1',
    'httpd_handshake_failures_total{instance="127.0.0.1",job="node"}': '1x15',
  });

  it.each([
    ['absent_over_time(http_requests_total[5m])', minutes(1), { '{}': 1 }],
    ['absent_over_time(http_requests_total{handler="/foo"}[5m])', minutes(1), { '{handler="/foo"}': 1 }],
    ['absent_over_time(http_requests_total{handler!="/foo"}[5m])', minutes(1), { '{}': 1 }],
    ['absent_over_time(http_requests_total{handler="/foo", handler="/bar", handler="/foobar"}[5m])', minutes(1), { '{}': 1 }],
    ['absent_over_time(http_requests_total{handler="/foo", handler="/bar", instance="127.0.0.1"}[5m])', minutes(1), { '{instance="127.0.0.1"}': 1 }],
    ['absent_over_time(http_requests_total[5m])', minutes(15), {}],
    ['absent_over_time(httpd_log_lines_total[30s])', 0, {}],
    ['absent_over_time(httpd_log_lines_total[30s])', minutes(1), { '{}': 1 }],
    ['absent_over_time(httpd_handshake_failures_total[1m])', minutes(16), { '{}': 1 }],
    ['absent_over_time(httpd_handshake_failures_total[2m])', minutes(16), {}],
  ])('%s at %sms', (expr, ts, want) => {
    expectRows(evalAt(expr, data, ts).samples, want);
  });
});
