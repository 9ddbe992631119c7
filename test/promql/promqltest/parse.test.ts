import { describe, expect, it } from 'vitest';
import { parseScript, type EvalCommand } from '../../../src/promql/promqltest/parse.js';

const evals = (text: string): EvalCommand[] => parseScript(text).commands.filter((c): c is EvalCommand => c.kind === 'eval');

describe('promqltest script parser', () => {
  it('reads load blocks with the expanding notation, histogram series and @st lines', () => {
    const s = parseScript(`
# comment
load 5m
  up{job="a"} 1+1x2 _ stale
  hist {{schema:0 sum:1 count:1}}
  up{job="a"}@st _ -1m
  up{job="b"} 3

clear
`);
    expect(s.errors).toEqual([]);
    const [load, clear] = s.commands;
    expect(load).toMatchObject({ kind: 'load', line: 3, intervalMs: 300_000, withNhcb: false, startTimestampLines: [6] });
    if (load?.kind !== 'load') throw new Error('load');
    expect(load.series.map((x) => [x.metric, x.values, x.histogram])).toEqual([
      [{ __name__: 'up', job: 'a' }, [1, 2, 3, undefined, 'stale'], false],
      [
        { __name__: 'hist' },
        [{ h: { schema: 0, count: 1, sum: 1, zeroThreshold: 0, zeroCount: 0, positive: [], negative: [], counterResetHint: 'unknown' }, hintSet: false }],
        true,
      ],
      [{ __name__: 'up', job: 'b' }, [3], false],
    ]);
    expect(clear).toEqual({ kind: 'clear', line: 9 });
  });

  it('reads instant and range evals with their expected results', () => {
    const [a, b, c] = evals(`
eval instant at 1m sum(up)
  {} 3

eval range from 0 to 10m step 5m up
  up{job="a"} 1 _ 3

eval instant at 50m scalar(up)
  0x10
`);
    expect(a).toMatchObject({ line: 2, expr: 'sum(up)', instant: true, time: 60_000, expected: { kind: 'series', series: [{ pos: 1, metric: {}, values: [3] }] } });
    expect(b).toMatchObject({ instant: false, start: 0, end: 600_000, step: 300_000 });
    expect(b?.expected).toMatchObject({ kind: 'series', series: [{ values: [1, undefined, 3] }] });
    // A bare number (Go ParseInt base 0, then ParseFloat) is a scalar result.
    expect(c?.expected).toEqual({ kind: 'scalar', value: 16 });
  });

  it('reads expect directives and the older eval_* forms', () => {
    const [a, b, c, d] = evals(`
eval instant at 0 foo
  expect fail msg: something went wrong

eval instant at 0 foo
  expect warn regex: quantile value .* got NaN
  expect no_info
  expect ordered
  foo{a="1"} 1
  foo{a="2"} 2

eval_fail instant at 0 foo
  expected_fail_regexp bad.*thing

eval instant at 10s foo[10s]
  expect range vector from 0 to 10s step 5s
  foo 1 2 3
`);
    expect(a).toMatchObject({ fail: true, failMessage: 'something went wrong' });
    expect(b).toMatchObject({ ordered: true, noInfo: true, noWarn: false });
    expect(b?.expectWarn[0]?.regex?.test('PromQL warning: quantile value should be between 0 and 1, got NaN (1:10)')).toBe(true);
    expect(b?.expected).toMatchObject({ series: [{ pos: 1 }, { pos: 2 }] });
    expect(c).toMatchObject({ fail: true });
    expect(c?.failRegex?.test('a bad thing')).toBe(true);
    expect(d).toMatchObject({ rangeVector: true, excludeFromRangeQuery: true, start: 0, end: 10_000, step: 5_000, time: 10_000 });
  });

  it('reads expected strings', () => {
    const [a] = evals(`
eval instant at 0 "a\\tb"
  expect string "a\\tb"
`);
    expect(a?.expected).toEqual({ kind: 'string', value: 'a\tb' });
  });

  it('reports lines it cannot use instead of dropping them', () => {
    const s = parseScript('bogus command\n\neval instant at 0 x\n  x 1 2\n');
    expect(s.errors.map((e) => e.line)).toEqual([1, 3]);
    expect(s.errors[1]?.message).toMatch(/expecting multiple values in instant evaluation not allowed/);
  });
});
