import { describe, expect, it } from 'vitest';
import { promqlRange } from '../../src/lint/checks/promql-range.js';
import { alertYaml, brief, lintHomelab, lintYaml } from './helpers.js';

const run = (expr: string, options: Parameters<typeof lintYaml>[2] = {}) => lintYaml(alertYaml(expr), [promqlRange], { catalogs: [], ...options });
const lint = (expr: string, options: Parameters<typeof lintYaml>[2] = {}): string[] => brief(run(expr, options));

describe('promql/range', () => {
  it('errors when a rate() range holds one scrape at most, pointing at the range', () => {
    const ds = run('rate(x_total[1m]) > 0');
    expect(brief(ds)).toEqual([
      'promql/range @5:29 rate() over 1m: with the 1m scrape interval the range holds at most one sample, and rate() needs two, so it never returns anything',
    ]);
    expect(ds[0]?.severity).toBe('error');
    expect(ds[0]?.hint).toBe('use a range of at least 2m (2× the 1m scrape interval); 4m also survives a missed scrape');
    expect(lint('increase(x_total[30s]) > 0')).toEqual([
      'promql/range @5:33 increase() over 30s: with the 1m scrape interval the range holds at most one sample, and increase() needs two, so it never returns anything',
    ]);
  });

  it('warns when the range is shorter than two scrapes', () => {
    const ds = run('irate(x_total[90s]) > 0 or deriv(temperature[1m30s]) > 0');
    expect(brief(ds)).toEqual([
      'promql/range @5:30 irate() over 1m30s: with the 1m scrape interval the range often holds a single sample, and irate() returns nothing then',
      'promql/range @5:61 deriv() over 1m30s: with the 1m scrape interval the range often holds a single sample, and deriv() returns nothing then',
    ]);
    expect(ds.map((d) => d.severity)).toEqual(['warning', 'warning']);
  });

  it('is quiet from two scrape intervals on, and follows the configured interval', () => {
    expect(lint('rate(x_total[2m]) > 0 or delta(t[5m]) > 0 or predict_linear(d[1h], 3600) < 0')).toEqual([]);
    expect(lint('rate(x_total[30s]) > 0', { scrapeIntervalMs: 15_000 })).toEqual([]);
    expect(lint('rate(x_total[2m]) > 0', { scrapeIntervalMs: 120_000 })).toEqual([
      'promql/range @5:29 rate() over 2m: with the 2m scrape interval the range holds at most one sample, and rate() needs two, so it never returns anything',
    ]);
  });

  it('warns about *_over_time ranges shorter than one scrape interval', () => {
    expect(lint('avg_over_time(t[30s]) > 1 or absent_over_time(up[45s])')).toEqual([
      'promql/range @5:32 avg_over_time() over 30s: shorter than the 1m scrape interval, so some evaluations find no sample in the range and avg_over_time() returns nothing then, so the result has gaps',
      'promql/range @5:65 absent_over_time() over 45s: shorter than the 1m scrape interval, so some evaluations find no sample in the range and it reports the series absent then',
    ]);
    expect(lint('avg_over_time(t[1m]) > 1 or max_over_time(t[5m]) > 1 or changes(t[1m]) > 0')).toEqual([]);
    expect(lint('quantile_over_time(0.9, t[30s]) > 1')).toHaveLength(1);
  });

  it('measures subqueries in their steps', () => {
    expect(lint('rate(x_total[5m:5m]) > 0')).toEqual([
      'promql/range @5:29 rate() over 5m: with a 5m step the range holds at most one point, and rate() needs two, so it never returns anything',
    ]);
    expect(lint('deriv(avg(t)[1m:]) > 0')).toEqual([
      'promql/range @5:29 deriv() over 1m: with the default step (the 1m evaluation interval) the range holds at most one point, and deriv() needs two, so it never returns anything',
    ]);
    expect(lint('deriv(avg(t)[10m:]) > 0 or max_over_time(rate(x_total[5m])[1h:5m]) > 1')).toEqual([]);
    // A step below the scrape interval only repeats the same samples.
    expect(lint('rate(x_total[1m:10s]) > 0')).toEqual([
      'promql/range @5:29 rate() over 1m: its 10s steps repeat samples scraped every 1m, so the range often sees a single sample, and rate() then sees no change at all',
    ]);
  });

  it('skips anchored and smoothed ranges, which use the sample before the window', () => {
    const features = new Set(['promql-extended-range-selectors'] as const);
    expect(lint('rate(x_total[1m] anchored) > 0', { features })).toEqual([]);
  });

  it('fires on its bad example (with a fix) and not on its good one, on the shipped catalogs', () => {
    const bad = lintYaml(promqlRange.example.bad, [promqlRange]);
    expect(bad.length).toBeGreaterThan(0);
    expect(bad.every((d) => d.code === promqlRange.id && (d.hint?.length ?? 0) > 5)).toBe(true);
    expect(lintYaml(promqlRange.example.good, [promqlRange])).toEqual([]);
  });

  it('leaves the shipped homelab rules clean', async () => {
    expect(await lintHomelab(promqlRange)).toEqual([]);
  });
});
