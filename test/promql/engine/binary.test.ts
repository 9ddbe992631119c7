import { describe, expect, it } from 'vitest';
import { instant, instantError, lines, store } from './helpers.js';

const st = store(`
  reqs{method="get", code="200", job="a"} 10
  reqs{method="get", code="500", job="a"} 2
  reqs{method="post", code="200", job="a"} 4
  limits{code="200"} 100
  limits{code="500"} 10
  dup{label="alpha"} 1
  dup{label="beta"} 2
  single 5
`);

const at = (q: string): string[] => lines(instant(st, q, 0).value);

describe('binary operators', () => {
  it('compute scalar arithmetic like Go (pow, mod, atan2) and compare with bool', () => {
    expect(lines(instant(st, 'vector(2 ^ 10)', 0).value)).toEqual(['{} 1024']);
    expect(at('vector(-7 % 3)')).toEqual(['{} -1']);
    expect(at('vector(1 atan2 1)')).toEqual([`{} ${Math.PI / 4}`]);
    expect(at('vector(1 ^ NaN)')).toEqual(['{} 1']);
    expect(at('vector(2 > bool 1)')).toEqual(['{} 1']);
  });

  it('filter with comparisons, keeping the vector value even when the scalar is on the left', () => {
    expect(at('reqs > 3')).toEqual(['reqs{code="200",job="a",method="get"} 10', 'reqs{code="200",job="a",method="post"} 4']);
    expect(at('3 < reqs')).toEqual(['reqs{code="200",job="a",method="get"} 10', 'reqs{code="200",job="a",method="post"} 4']);
    expect(at('reqs == 2')).toEqual(['reqs{code="500",job="a",method="get"} 2']);
    expect(at('reqs > bool 3')).toEqual(['{code="200",job="a",method="get"} 1', '{code="200",job="a",method="post"} 1', '{code="500",job="a",method="get"} 0']);
  });

  it('match one-to-one on labels, ignoring, and many-to-one with group_left', () => {
    expect(at('reqs{method="get"} / on(code) limits')).toEqual(['{code="200"} 0.1', '{code="500"} 0.2']);
    expect(at('reqs / ignoring(method, job) group_left limits')).toEqual([
      '{code="200",job="a",method="get"} 0.1',
      '{code="200",job="a",method="post"} 0.04',
      '{code="500",job="a",method="get"} 0.2',
    ]);
    expect(at('limits * on(code) group_right reqs')).toEqual([
      '{code="200",job="a",method="get"} 1000',
      '{code="200",job="a",method="post"} 400',
      '{code="500",job="a",method="get"} 20',
    ]);
    expect(at('reqs * on(code) group_left(extra) limits')).toHaveLength(3);
  });

  it('reject ambiguous matches with Prometheus\' messages', () => {
    expect(instantError(st, 'reqs / on(code) limits', 0)).toBe(
      'multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)',
    );
    expect(instantError(st, 'single + on() dup', 0)).toBe(
      'found duplicate series for the match group {} on the right hand-side of the operation: [{__name__="dup", label="alpha"}, {__name__="dup", label="beta"}];many-to-many matching not allowed: matching labels must be unique on one side',
    );
    expect(instantError(st, 'dup + on() group_right single', 0)).toBe(
      'found duplicate series for the match group {} on the left hand-side of the operation: [{__name__="dup", label="alpha"}, {__name__="dup", label="beta"}];many-to-many matching not allowed: matching labels must be unique on one side',
    );
    expect(instantError(st, 'reqs + on(job) group_left limits', 0)).toBe(
      'found duplicate series for the match group {} on the right hand-side of the operation: [{__name__="limits", code="200"}, {__name__="limits", code="500"}];many-to-many matching not allowed: matching labels must be unique on one side',
    );
  });

  it('apply set operators on label signatures', () => {
    expect(at('reqs and on(code) limits{code="500"}')).toEqual(['reqs{code="500",job="a",method="get"} 2']);
    expect(at('reqs unless on(method) reqs{method="get"}')).toEqual(['reqs{code="200",job="a",method="post"} 4']);
    expect(at('limits or dup')).toEqual(['limits{code="200"} 100', 'limits{code="500"} 10', 'dup{label="alpha"} 1', 'dup{label="beta"} 2']);
    expect(at('single or on() dup')).toEqual(['single{} 5']);
  });

  it('fill missing matches with fill_left/fill_right', () => {
    expect(at('limits + on(code) fill_right(0) reqs{method="post"}')).toEqual(['{code="200"} 104', '{code="500"} 10']);
  });
});
