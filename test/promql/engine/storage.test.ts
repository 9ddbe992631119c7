import { describe, expect, it } from 'vitest';
import {
  addHistogramSeries,
  addSample,
  createStorage,
  latestPoint,
  pointsInWindow,
  selectionTouchesHistograms,
  selectSeries,
} from '../../../src/promql/engine/storage.js';
import type { LabelMatcher } from '../../../src/promql/ast.js';

const m = (name: string, op: LabelMatcher['op'], value: string): LabelMatcher => ({ name, op, value, from: 0, to: 0 });

describe('storage', () => {
  it('keeps points sorted, replacing a sample at an existing time', () => {
    const st = createStorage();
    const metric = { __name__: 'x' };
    addSample(st, metric, 20, 2);
    addSample(st, metric, 10, 1);
    addSample(st, metric, 30, 3);
    addSample(st, metric, 20, 5);
    const [s] = selectSeries(st, [m('__name__', '=', 'x')]);
    expect(s?.points.map((p) => [p.t, p.v])).toEqual([
      [10, 1],
      [20, 5],
      [30, 3],
    ]);
  });

  it('selects by matchers, sorted by labels, with absent labels reading as empty', () => {
    const st = createStorage();
    addSample(st, { __name__: 'up', job: 'b' }, 0, 1);
    addSample(st, { __name__: 'up', job: 'a' }, 0, 1);
    addSample(st, { __name__: 'up' }, 0, 1);
    addSample(st, { __name__: 'down', job: 'a' }, 0, 1);
    const jobs = (ms: LabelMatcher[]): string[] => selectSeries(st, ms).map((s) => `${s.metric['__name__']}/${s.metric['job'] ?? ''}`);
    expect(jobs([m('__name__', '=', 'up')])).toEqual(['up/', 'up/a', 'up/b']);
    expect(jobs([m('__name__', '=', 'up'), m('job', '=', '')])).toEqual(['up/']);
    expect(jobs([m('job', '=~', 'a|b')])).toEqual(['down/a', 'up/a', 'up/b']);
    expect(jobs([m('__name__', '=~', '.*'), m('job', '!~', 'a')])).toEqual(['up/', 'up/b']);
    // Regexes are anchored.
    expect(jobs([m('__name__', '=~', 'u')])).toEqual([]);
  });

  it('sees new series after a selection was cached', () => {
    const st = createStorage();
    addSample(st, { __name__: 'up', job: 'a' }, 0, 1);
    expect(selectSeries(st, [m('__name__', '=', 'up')])).toHaveLength(1);
    addSample(st, { __name__: 'up', job: 'b' }, 0, 1);
    expect(selectSeries(st, [m('__name__', '=', 'up')])).toHaveLength(2);
  });

  it('finds the latest sample within the lookback window; a staleness marker ends the series', () => {
    const st = createStorage();
    const metric = { __name__: 'x' };
    addSample(st, metric, 0, 1);
    addSample(st, metric, 60_000, 2);
    addSample(st, metric, 120_000, 'stale');
    const [s] = selectSeries(st, [m('__name__', '=', 'x')]);
    const pts = s?.points ?? [];
    expect(latestPoint(pts, 60_000, 300_000)?.v).toBe(2);
    expect(latestPoint(pts, 119_999, 300_000)?.v).toBe(2);
    expect(latestPoint(pts, 120_000, 300_000)).toBeUndefined();
    // Exactly the lookback delta old is already out in Prometheus 3, still in for 2.x (closed window).
    expect(latestPoint(pts.slice(0, 1), 300_000, 300_000)).toBeUndefined();
    expect(latestPoint(pts.slice(0, 1), 300_000, 300_000, false)?.v).toBe(1);
    expect(latestPoint(pts.slice(0, 1), 300_001, 300_000, false)).toBeUndefined();
    expect(latestPoint(pts.slice(0, 1), 299_999, 300_000)?.v).toBe(1);
  });

  it('selects range windows left-open (3.x) or closed (2.x), without staleness markers', () => {
    const pts = [
      { t: 0, v: 0 },
      { t: 10, v: 1 },
      { t: 20, v: NaN, stale: true as const },
      { t: 30, v: 3 },
    ];
    expect(pointsInWindow(pts, 0, 30, true).map((p) => p.t)).toEqual([10, 30]);
    expect(pointsInWindow(pts, 0, 30, false).map((p) => p.t)).toEqual([0, 10, 30]);
  });

  it('reports selectors that would match a skipped native-histogram series', () => {
    const st = createStorage();
    addSample(st, { __name__: 'a' }, 0, 1);
    addHistogramSeries(st, { __name__: 'h' });
    expect(selectionTouchesHistograms(st, [m('__name__', '=', 'a')])).toBe(false);
    expect(selectionTouchesHistograms(st, [m('__name__', '=~', '.+')])).toBe(true);
  });
});
