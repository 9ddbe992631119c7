import { describe, expect, it } from 'vitest';
import { metricCatalog } from '../../src/catalog/types.js';
import { promqlCounter } from '../../src/lint/checks/promql-counter.js';
import { alertYaml, brief, lintHomelab, lintYaml, recordYaml } from './helpers.js';

const catalogs = [
  metricCatalog({
    name: 'homelab-deploy',
    source: 'inline',
    namespaces: ['homelab_deploy_'],
    metrics: [
      { name: 'homelab_deploy_builds_total', type: 'counter', help: '', labels: ['repo', 'status'] },
      { name: 'homelab_deploy_build_duration_seconds', type: 'histogram', help: '', labels: ['repo', 'host'] },
      { name: 'homelab_deploy_build_last_timestamp', type: 'gauge', help: '', labels: ['repo'] },
    ],
  }),
];
const run = (yaml: string) => lintYaml(yaml, [promqlCounter], { catalogs });
const lint = (expr: string): string[] => brief(run(alertYaml(expr)));
const raw = (by: string, name = 'homelab_deploy_builds_total'): string =>
  `counter ${name} is read as a raw value by ${by}: a counter only grows, from 0 whenever the exporter restarts, so its value says how long the process has run rather than what is happening now`;

describe('promql/counter', () => {
  it('reports a counter compared with a threshold, at its name', () => {
    const ds = run(alertYaml('homelab_deploy_builds_total{status="failure"} > 0'));
    expect(brief(ds)).toEqual([`promql/counter @5:16 ${raw('`>`')}`]);
    expect(ds[0]?.severity).toBe('warning');
    expect(ds[0]?.hint).toBe('read its change: rate(homelab_deploy_builds_total[5m]) or increase(homelab_deploy_builds_total[1h]); use count()/absent() if only its presence matters');
  });

  it('reports sums, arithmetic, histogram_quantile over raw buckets and manual increases', () => {
    expect(brief(run(recordYaml('repo:builds:sum', 'sum by (repo) (homelab_deploy_builds_total)')))).toEqual([`promql/counter @5:31 ${raw('sum()')}`]);
    expect(lint('homelab_deploy_builds_total - homelab_deploy_builds_total offset 1h > 0')).toEqual([`promql/counter @5:16 ${raw('`-`')}`]);
    expect(lint('histogram_quantile(0.9, homelab_deploy_build_duration_seconds_bucket) > 600')).toEqual([
      `promql/counter @5:40 ${raw('histogram_quantile()', 'homelab_deploy_build_duration_seconds_bucket')}`,
    ]);
    expect(lint('max_over_time(homelab_deploy_builds_total[1h]) > 10')).toEqual([`promql/counter @5:30 ${raw('`>`')}`]);
    expect(lint('-homelab_deploy_builds_total < 0')).toEqual([`promql/counter @5:17 ${raw('unary `-`')}`]);
  });

  it('is quiet when the counter is read through rate(), increase() and the other safe functions', () => {
    expect(lint('increase(homelab_deploy_builds_total{status="failure"}[1h]) > 0')).toEqual([]);
    expect(lint('sum(rate(homelab_deploy_builds_total[5m])) > 1')).toEqual([]);
    expect(lint('histogram_quantile(0.9, sum by (le) (rate(homelab_deploy_build_duration_seconds_bucket[1h]))) > 600')).toEqual([]);
    expect(lint('changes(homelab_deploy_builds_total[1h]) > 3 or resets(homelab_deploy_builds_total[1d]) > 0')).toEqual([]);
    expect(lint('absent(homelab_deploy_builds_total) or absent_over_time(homelab_deploy_builds_total[1h])')).toEqual([]);
    expect(lint('time() - timestamp(homelab_deploy_builds_total) > 3600')).toEqual([]);
    expect(lint('count_over_time(homelab_deploy_builds_total[1h]) < 10 or present_over_time(homelab_deploy_builds_total[1h]) == 0')).toEqual([]);
    // promql/rate reports these.
    expect(lint('delta(homelab_deploy_builds_total[1h]) > 0')).toEqual([]);
  });

  it('is quiet when only the series\' existence is read', () => {
    expect(lint('count(homelab_deploy_builds_total) < 2')).toEqual([]);
    expect(lint('group by (repo) (homelab_deploy_builds_total) unless on (repo) homelab_deploy_build_last_timestamp')).toEqual([]);
    expect(lint('homelab_deploy_build_last_timestamp < 1 and on (repo) homelab_deploy_builds_total')).toEqual([]);
    expect(lint('time() - homelab_deploy_build_last_timestamp > 3600 unless on (repo) homelab_deploy_builds_total{status="failure"}')).toEqual([]);
  });

  it('accepts the new-series idiom: `x unless x offset d`', () => {
    expect(lint('homelab_deploy_builds_total{status="failure"} > 0 unless homelab_deploy_builds_total{status="failure"} offset 1h')).toEqual([]);
    // …but not a comparison with an unrelated series on the right.
    expect(lint('homelab_deploy_builds_total > 0 unless homelab_deploy_build_last_timestamp offset 1h')).toEqual([`promql/counter @5:16 ${raw('`>`')}`]);
  });

  it('is quiet on a recording rule that copies the counter, and on gauges and unknown series', () => {
    expect(run(recordYaml('homelab_deploy_builds_total:copy', 'homelab_deploy_builds_total'))).toEqual([]);
    expect(run(recordYaml('x:y:z', 'label_replace(homelab_deploy_builds_total, "r", "$1", "repo", "(.*)")'))).toEqual([]);
    expect(lint('homelab_deploy_build_last_timestamp > 0')).toEqual([]);
    expect(lint('my_app_errors_total > 10')).toEqual([]);
  });

  it('reports a name once per rule', () => {
    expect(lint('homelab_deploy_builds_total > 1 or homelab_deploy_builds_total < 0')).toHaveLength(1);
  });

  it('works on the shipped catalogs', () => {
    const real = (e: string): string[] => brief(lintYaml(alertYaml(e), [promqlCounter]));
    expect(real('homelab_deploy_builds_total > 0')).toEqual([`promql/counter @5:16 ${raw('`>`')}`]);
    expect(real('sum(node_cpu_seconds_total) > 0')).toEqual([`promql/counter @5:20 ${raw('sum()', 'node_cpu_seconds_total')}`]);
    expect(real('rate(node_cpu_seconds_total[5m]) > 0')).toEqual([]);
  });

  it('fires on its bad example (with a fix) and not on its good one, on the shipped catalogs', () => {
    const bad = lintYaml(promqlCounter.example.bad, [promqlCounter]);
    expect(bad.length).toBeGreaterThan(0);
    expect(bad.every((d) => d.code === promqlCounter.id && (d.hint?.length ?? 0) > 5)).toBe(true);
    expect(lintYaml(promqlCounter.example.good, [promqlCounter])).toEqual([]);
  });

  it('leaves the shipped homelab rules clean', async () => {
    expect(await lintHomelab(promqlCounter)).toEqual([]);
  });
});
