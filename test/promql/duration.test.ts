import { describe, expect, it } from 'vitest';
import type { DurationExpr } from '../../src/promql/ast.js';
import {
  evaluateDuration,
  formatDuration,
  isPromDuration,
  parseDuration,
  parsePromDuration,
} from '../../src/promql/duration.js';
import { parseOk } from './helpers.js';

describe('parseDuration', () => {
  it.each([
    ['500ms', 500],
    ['5m', 300_000],
    ['1h30m', 5_400_000],
    ['1d', 86_400_000],
    ['1w', 604_800_000],
    ['1y', 31_536_000_000],
    ['2y3w4d5h6m7s8ms', 2 * 31_536_000_000 + 3 * 604_800_000 + 4 * 86_400_000 + 5 * 3_600_000 + 6 * 60_000 + 7_000 + 8],
    ['0', 0],
    ['0s', 0],
    ['90', 90_000],
    ['1.5', 1500],
    ['.5', 500],
    ['1e3', 1_000_000],
  ])('%s is %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['', '5x', '1m1h', '1m1m', '1.5m', '-5m', 'm', '5m ', '1s1ms1s', 'abc', '1e'])('rejects %j', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });
});

describe('isPromDuration (rule files)', () => {
  it('accepts only the y w d h m s ms grammar', () => {
    for (const ok of ['0', '1s', '5m', '1h30m', '2w', '10y', '100ms', '1m500ms']) expect(isPromDuration(ok)).toBe(true);
    for (const bad of ['', '1.5', '90', '1.5h', '-1m', '5M', '1ms1s', '1h1h', '1 h']) expect(isPromDuration(bad)).toBe(false);
  });

  it("reports Prometheus' errors", () => {
    expect(parsePromDuration('5m1h')).toEqual({ ok: false, error: 'not a valid duration string: "5m1h"' });
    expect(parsePromDuration('5x')).toEqual({ ok: false, error: 'unknown unit "x" in duration "5x"' });
    expect(parsePromDuration('')).toEqual({ ok: false, error: 'empty duration string' });
    expect(parsePromDuration('300y')).toEqual({ ok: false, error: 'duration out of range' });
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [500, '500ms'],
    [90_000, '1m30s'],
    [5_400_000, '1h30m'],
    [86_400_000, '1d'],
    [691_200_000, '1w1d'],
    [31_536_000_000, '1y'],
    [3_600_001, '1h1ms'],
    [-300_000, '-5m'],
  ])('%d ms is %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it('round-trips what it prints', () => {
    for (const ms of [1, 999, 61_000, 3_723_004, 1_000_000_000_000]) expect(parseDuration(formatDuration(ms))).toBe(ms);
  });
});

describe('evaluateDuration', () => {
  function range(expr: string): DurationExpr {
    const { ast } = parseOk(`x[${expr}]`);
    if (ast.kind !== 'MatrixSelector') throw new Error('not a range selector');
    return ast.range.expr;
  }

  it('evaluates step() and range() from the query', () => {
    expect(evaluateDuration(range('step() * 2 + range()'), { stepMs: 15_000, rangeMs: 3_600_000 }, false)).toEqual({
      ok: true,
      ms: 3_630_000,
    });
  });

  it("reports the engine's errors", () => {
    expect(evaluateDuration(range('step()'), { stepMs: 0 }, false)).toMatchObject({ ok: false, error: 'duration must be greater than 0' });
    expect(evaluateDuration(range('1m / (step() - step())'), { stepMs: 1000 }, false)).toMatchObject({ error: 'division by zero' });
    expect(evaluateDuration(range('1m - 2m'), {}, true)).toEqual({ ok: true, ms: -60_000 });
  });

  it('leaves invalid constant expressions for the engine to reject', () => {
    const { ast } = parseOk('x[1m - 2m]');
    expect(ast).toMatchObject({ range: { ms: undefined } });
  });
});
