import { describe, expect, it } from 'vitest';
import { metricCatalog } from '../../src/catalog/types.js';
import { promqlRate } from '../../src/lint/checks/promql-rate.js';
import { alertYaml, brief, lintHomelab, lintYaml, recordYaml } from './helpers.js';

const catalogs = [
  metricCatalog({
    name: 'test',
    source: 'inline',
    namespaces: ['t_'],
    metrics: [
      { name: 't_temperature_celsius', type: 'gauge', help: '', labels: [] },
      { name: 't_requests_total', type: 'counter', help: '', labels: ['code'] },
      { name: 't_latency_seconds', type: 'histogram', help: '', labels: [] },
      { name: 't_rpc_seconds', type: 'summary', help: '', labels: [] },
      { name: 't_build_info', type: 'info', help: '', labels: ['version'] },
      { name: 't_mystery', type: 'unknown', help: '', labels: [] },
    ],
  }),
];
const run = (yaml: string) => lintYaml(yaml, [promqlRate], { catalogs });
const lint = (expr: string): string[] => brief(run(alertYaml(expr)));

describe('promql/rate', () => {
  it('reports rate() and friends on a gauge as an error, at the call', () => {
    const ds = run(alertYaml('rate(t_temperature_celsius[5m]) > 0.1'));
    expect(brief(ds)).toEqual([
      'promql/rate @5:16 rate() on t_temperature_celsius, a gauge, not a counter: rate() takes every decrease for a counter reset, so its result is wrong whenever the value goes down',
    ]);
    expect(ds[0]?.severity).toBe('error');
    expect(ds[0]?.hint).toBe('use deriv() for its per-second slope, or an *_over_time() function to summarise a gauge');
    expect(lint('sum(increase(t_temperature_celsius[1h])) > 5 or irate(t_temperature_celsius[5m]) > 1 or resets(t_temperature_celsius[1h]) > 0')).toEqual([
      'promql/rate @5:20 increase() on t_temperature_celsius, a gauge, not a counter: increase() takes every decrease for a counter reset, so its result is wrong whenever the value goes down',
      'promql/rate @5:64 irate() on t_temperature_celsius, a gauge, not a counter: irate() takes every decrease for a counter reset, so its result is wrong whenever the value goes down',
      'promql/rate @5:104 resets() on t_temperature_celsius, a gauge, not a counter: resets() takes every decrease for a counter reset, so its result is wrong whenever the value goes down',
    ]);
  });

  it('is quiet on counters, histogram parts and the gauge functions on gauges', () => {
    expect(lint('rate(t_requests_total{code="500"}[5m]) > 1')).toEqual([]);
    expect(lint('histogram_quantile(0.9, sum by (le) (rate(t_latency_seconds_bucket[5m]))) > 1')).toEqual([]);
    expect(lint('rate(t_latency_seconds_sum[5m]) / rate(t_latency_seconds_count[5m]) > 1')).toEqual([]);
    expect(lint('rate(t_rpc_seconds_count[5m]) > 1')).toEqual([]);
    expect(lint('deriv(t_temperature_celsius[10m]) > 0.1 or delta(t_temperature_celsius[10m]) > 5')).toEqual([]);
    expect(lint('rate(uncatalogued_thing[5m]) > 1')).toEqual([]);
  });

  it('warns (not errors) on series of unknown or info type, and errors on summary quantiles', () => {
    const ds = run(alertYaml('rate(t_mystery[5m]) > 1 or rate(t_build_info[5m]) > 0 or rate(t_rpc_seconds[5m]) > 0'));
    expect(brief(ds)).toEqual([
      'promql/rate @5:16 rate() on t_mystery, a series of unknown type, not a counter: rate() takes every decrease for a counter reset, so its result is wrong whenever the value goes down',
      'promql/rate @5:43 rate() on t_build_info, an info metric, not a counter: rate() takes every decrease for a counter reset, so its result is wrong whenever the value goes down',
      'promql/rate @5:73 rate() on t_rpc_seconds, the quantiles of summary t_rpc_seconds (gauges), not a counter: rate() takes every decrease for a counter reset, so its result is wrong whenever the value goes down',
    ]);
    expect(ds.map((d) => d.severity)).toEqual(['warning', 'warning', 'error']);
  });

  it('warns about delta(), idelta(), deriv() and predict_linear() on a counter', () => {
    const ds = run(recordYaml('x:y:z', 'delta(t_requests_total[5m]) + idelta(t_requests_total[5m]) + deriv(t_latency_seconds_count[5m]) + predict_linear(t_requests_total[1h], 3600)'));
    expect(brief(ds)).toEqual([
      'promql/rate @5:16 delta() on t_requests_total, a counter: delta() is meant for gauges and takes every counter reset for a huge drop',
      'promql/rate @5:46 idelta() on t_requests_total, a counter: idelta() is meant for gauges and takes every counter reset for a huge drop',
      'promql/rate @5:77 deriv() on t_latency_seconds_count, a counter: deriv() is meant for gauges and takes every counter reset for a huge drop',
      'promql/rate @5:114 predict_linear() on t_requests_total, a counter: predict_linear() is meant for gauges and takes every counter reset for a huge drop',
    ]);
    expect(ds.map((d) => d.severity)).toEqual(['warning', 'warning', 'warning', 'warning']);
    expect(ds.map((d) => d.hint)).toEqual([
      'use increase(), which accounts for counter resets',
      'use irate() (per second) or increase() over a short range, which account for counter resets',
      'use rate(), which accounts for counter resets',
      "predict a gauge, or the counter's rate: predict_linear(rate(x_total[5m])[1h:], 3600)",
    ]);
  });

  it('looks through a subquery of a plain selector, {__name__="…"} and parentheses', () => {
    expect(lint('rate(t_temperature_celsius[10m:1m]) > 0 or rate({__name__="t_temperature_celsius"}[5m]) > 0 or rate((t_temperature_celsius[5m])) > 0')).toHaveLength(3);
    // A computed subquery has no catalog type.
    expect(lint('rate(sum(t_temperature_celsius)[10m:1m]) > 0')).toEqual([]);
    // rate() over a rate() subquery: the inner rate is judged, the outer one reads a computed series.
    expect(lint('max_over_time(rate(t_requests_total[5m])[1h:]) > 1')).toEqual([]);
  });

  it('works on the shipped catalogs', () => {
    const real = (e: string): string[] => brief(lintYaml(alertYaml(e), [promqlRate]));
    expect(real('rate(nvidia_smi_temperature_gpu[10m]) > 0.1')).toEqual([expect.stringMatching(/^promql\/rate @5:16 rate\(\) on nvidia_smi_temperature_gpu, a gauge/)]);
    expect(real('rate(node_cpu_seconds_total[5m]) > 0.1')).toEqual([]);
    expect(real('delta(node_cpu_seconds_total[5m]) > 0.1')).toEqual([expect.stringMatching(/delta\(\) on node_cpu_seconds_total, a counter/)]);
  });

  it('fires on its bad example (with a fix) and not on its good one, on the shipped catalogs', () => {
    const bad = lintYaml(promqlRate.example.bad, [promqlRate]);
    expect(bad.length).toBeGreaterThan(0);
    expect(bad.every((d) => d.code === promqlRate.id && (d.hint?.length ?? 0) > 5)).toBe(true);
    expect(lintYaml(promqlRate.example.good, [promqlRate])).toEqual([]);
  });

  it('leaves the shipped homelab rules clean', async () => {
    expect(await lintHomelab(promqlRate)).toEqual([]);
  });
});
