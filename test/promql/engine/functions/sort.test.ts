import { describe, expect, it } from 'vitest';
import { goSort, natsortLess } from '../../../../src/promql/engine/functions/sort.js';
import type { Sample } from '../../../../src/promql/engine/types.js';
import { evalAt, load, minutes } from './helpers.js';

const at50 = minutes(50);

/** `{labels} value` lines in result order, labels sorted, for `expect ordered` comparisons. */
function ordered(samples: readonly Sample[]): string[] {
  return samples.map((s) => {
    const ls = Object.keys(s.metric)
      .sort()
      .filter((k) => k !== '__name__')
      .map((k) => `${k}="${s.metric[k]}"`)
      .join(', ');
    return `{${ls}} ${s.v}`;
  });
}

const requests = load(minutes(5), {
  'http_requests{job="api-server", instance="0", group="production"}': '0+10x10',
  'http_requests{job="api-server", instance="1", group="production"}': '0+20x10',
  'http_requests{job="api-server", instance="0", group="canary"}': '0+30x10',
  'http_requests{job="api-server", instance="1", group="canary"}': '0+40x10',
  'http_requests{job="api-server", instance="2", group="canary"}': 'NaNx10',
  'http_requests{job="app-server", instance="0", group="production"}': '0+50x10',
  'http_requests{job="app-server", instance="1", group="production"}': '0+60x10',
  'http_requests{job="app-server", instance="0", group="canary"}': '0+70x10',
  'http_requests{job="app-server", instance="1", group="canary"}': '0+80x10',
});

describe('sort and sort_desc (functions.test)', () => {
  it('sorts ascending with NaN last', () => {
    expect(ordered(evalAt('sort(http_requests)', requests, at50).samples)).toEqual([
      '{group="production", instance="0", job="api-server"} 100',
      '{group="production", instance="1", job="api-server"} 200',
      '{group="canary", instance="0", job="api-server"} 300',
      '{group="canary", instance="1", job="api-server"} 400',
      '{group="production", instance="0", job="app-server"} 500',
      '{group="production", instance="1", job="app-server"} 600',
      '{group="canary", instance="0", job="app-server"} 700',
      '{group="canary", instance="1", job="app-server"} 800',
      '{group="canary", instance="2", job="api-server"} NaN',
    ]);
  });

  it('sorts descending with NaN last', () => {
    const got = ordered(evalAt('sort_desc(http_requests)', requests, at50).samples);
    expect(got[0]).toBe('{group="canary", instance="1", job="app-server"} 800');
    expect(got[7]).toBe('{group="production", instance="0", job="api-server"} 100');
    expect(got[8]).toBe('{group="canary", instance="2", job="api-server"} NaN');
  });

  it('keeps labels, names and values', () => {
    const [first] = evalAt('sort(http_requests)', requests, at50).samples;
    expect(first?.metric['__name__']).toBe('http_requests');
    expect(first?.dropName).toBeUndefined();
  });
});

describe('sort_by_label (functions.test)', () => {
  const data = load(minutes(5), {
    'http_requests{job="api-server", instance="0", group="production"}': '0+10x10',
    'http_requests{job="api-server", instance="1", group="production"}': '0+20x10',
    'http_requests{job="api-server", instance="0", group="canary"}': '0+30x10',
    'http_requests{job="api-server", instance="1", group="canary"}': '0+40x10',
    'http_requests{job="api-server", instance="2", group="canary"}': 'NaNx10',
    'http_requests{job="app-server", instance="0", group="production"}': '0+50x10',
    'http_requests{job="app-server", instance="1", group="production"}': '0+60x10',
    'http_requests{job="app-server", instance="0", group="canary"}': '0+70x10',
    'http_requests{job="app-server", instance="1", group="canary"}': '0+80x10',
    'http_requests{job="api-server", instance="2", group="production"}': '0+10x10',
    'cpu_time_total{job="cpu", cpu="0"}': '0+10x10',
    'cpu_time_total{job="cpu", cpu="1"}': '0+10x10',
    'cpu_time_total{job="cpu", cpu="2"}': '0+10x10',
    'cpu_time_total{job="cpu", cpu="3"}': '0+10x10',
    'cpu_time_total{job="cpu", cpu="10"}': '0+10x10',
    'cpu_time_total{job="cpu", cpu="11"}': '0+10x10',
    'cpu_time_total{job="cpu", cpu="12"}': '0+10x10',
    'cpu_time_total{job="cpu", cpu="20"}': '0+10x10',
    'cpu_time_total{job="cpu", cpu="21"}': '0+10x10',
    'cpu_time_total{job="cpu", cpu="100"}': '0+10x10',
    'node_uname_info{job="node_exporter", instance="4m600", release="1.2.3"}': '0+10x10',
    'node_uname_info{job="node_exporter", instance="4m5", release="1.11.3"}': '0+10x10',
    'node_uname_info{job="node_exporter", instance="4m1000", release="1.111.3"}': '0+10x10',
  });

  it('sorts by the labels given, then by all labels', () => {
    expect(ordered(evalAt('sort_by_label(http_requests, "instance")', data, at50).samples)).toEqual([
      '{group="canary", instance="0", job="api-server"} 300',
      '{group="canary", instance="0", job="app-server"} 700',
      '{group="production", instance="0", job="api-server"} 100',
      '{group="production", instance="0", job="app-server"} 500',
      '{group="canary", instance="1", job="api-server"} 400',
      '{group="canary", instance="1", job="app-server"} 800',
      '{group="production", instance="1", job="api-server"} 200',
      '{group="production", instance="1", job="app-server"} 600',
      '{group="canary", instance="2", job="api-server"} NaN',
      '{group="production", instance="2", job="api-server"} 100',
    ]);
    expect(ordered(evalAt('sort_by_label(http_requests, "job", "instance", "group")', data, at50).samples).slice(0, 3)).toEqual([
      '{group="canary", instance="0", job="api-server"} 300',
      '{group="production", instance="0", job="api-server"} 100',
      '{group="canary", instance="1", job="api-server"} 400',
    ]);
  });

  it('sorts descending, the tie-break included', () => {
    expect(ordered(evalAt('sort_by_label_desc(http_requests, "instance")', data, at50).samples)).toEqual([
      '{group="production", instance="2", job="api-server"} 100',
      '{group="canary", instance="2", job="api-server"} NaN',
      '{group="production", instance="1", job="app-server"} 600',
      '{group="production", instance="1", job="api-server"} 200',
      '{group="canary", instance="1", job="app-server"} 800',
      '{group="canary", instance="1", job="api-server"} 400',
      '{group="production", instance="0", job="app-server"} 500',
      '{group="production", instance="0", job="api-server"} 100',
      '{group="canary", instance="0", job="app-server"} 700',
      '{group="canary", instance="0", job="api-server"} 300',
    ]);
  });

  it('uses natural order for numbers inside values', () => {
    const cpus = evalAt('sort_by_label(cpu_time_total, "cpu")', data, at50).samples.map((s) => s.metric['cpu']);
    expect(cpus).toEqual(['0', '1', '2', '3', '10', '11', '12', '20', '21', '100']);
    const byInstance = evalAt('sort_by_label(node_uname_info, "instance")', data, at50).samples.map((s) => s.metric['instance']);
    expect(byInstance).toEqual(['4m5', '4m600', '4m1000']);
    const byRelease = evalAt('sort_by_label(node_uname_info, "release")', data, at50).samples.map((s) => s.metric['release']);
    expect(byRelease).toEqual(['1.2.3', '1.11.3', '1.111.3']);
  });
});

describe('natsort (facette/natsort at the version Prometheus pins)', () => {
  it.each([
    ['a2', 'a10', true],
    ['a10', 'a2', false],
    ['abc', 'abd', true],
    ['x9', 'x10y', true],
    ['1.2.3', '1.11.3', true],
    // Quirks: equal-but-different spellings sort before each other; "" sorts before nothing.
    ['a01', 'a1', true],
    ['a1', 'a01', true],
    ['', 'a', false],
    ['a', '', false],
    // Beyond int64 the chunks compare as strings.
    ['99999999999999999999', '100000000000000000000', false],
  ])('%j < %j is %s', (a, b, want) => {
    expect(natsortLess(a, b)).toBe(want);
  });
});

describe('goSort', () => {
  it('is an insertion sort up to 12 elements (Go), stable beyond', () => {
    const items = Array.from({ length: 30 }, (_, i) => ({ k: i % 3, i }));
    const sorted = goSort(items, (a, b) => a.k < b.k);
    expect(sorted.map((x) => x.k)).toEqual([...Array(10).fill(0), ...Array(10).fill(1), ...Array(10).fill(2)]);
    expect(sorted.filter((x) => x.k === 1).map((x) => x.i)).toEqual([1, 4, 7, 10, 13, 16, 19, 22, 25, 28]);
    // NaN against NaN is "less" both ways in Prometheus' comparator: insertion sort reverses such runs.
    const nans = goSort([{ v: NaN, i: 0 }, { v: NaN, i: 1 }, { v: 1, i: 2 }], (a, b) => Number.isNaN(b.v) || b.v > a.v);
    expect(nans.map((x) => x.i)).toEqual([2, 1, 0]);
  });
});
