// Shared helpers for the engine tests: a store loaded from series-notation lines, and parse-and-evaluate
// shortcuts with Prometheus' defaults (5m lookback, 3.14 semantics, 1m default subquery step).

import { expect } from 'vitest';
import type { EngineOptions, Labels, Sample, Value } from '../../../src/promql/engine/types.js';
import { addSample, createStorage, type Storage } from '../../../src/promql/engine/storage.js';
import { expandSeries, parseSeriesLine, storableValue } from '../../../src/promql/engine/series-notation.js';
import { evalInstant, evalRange, type EvalExtras, type EvalResult } from '../../../src/promql/engine/eval.js';
import { parsePromQL } from '../../../src/promql/parse.js';
import { parseVersion } from '../../../src/config/version.js';
import { formatPromQLError } from '../../../src/promql/parse.js';
import { ALL_FEATURES } from '../helpers.js';

export const MIN = 60_000;

export function options(version = '3.14.0', overrides: Partial<EngineOptions> = {}): EngineOptions {
  const v = parseVersion(version);
  if (!v) throw new Error(version);
  return { lookbackDeltaMs: 5 * MIN, prometheusVersion: v, defaultStepMs: MIN, ...overrides };
}

/** A store from lines like `metric{a="b"} 0+10x5`, samples every `intervalMs` from time 0. */
export function store(lines: string, intervalMs = 5 * MIN): Storage {
  const st = createStorage();
  for (const line of lines.split('\n').map((l) => l.trim()).filter((l) => l !== '')) {
    const s = parseSeriesLine(line);
    expandSeries(s.valuesText).forEach((sv, i) => {
      const v = storableValue(sv);
      if (v !== undefined) addSample(st, s.metric, i * intervalMs, v);
    });
  }
  return st;
}

function parse(query: string): ReturnType<typeof parsePromQL> & { ok: true } {
  const r = parsePromQL(query, { features: new Set([...ALL_FEATURES, 'promql-duration-expr']) });
  if (!r.ok) expect.fail(`${query}: ${r.errors.map(formatPromQLError).join('; ')}`);
  return r;
}

export function instant(st: Storage, query: string, ts: number, extras: EvalExtras = {}, opts = options()): EvalResult {
  return evalInstant(parse(query).ast, ts, st, opts, { query, ...extras });
}

export function range(st: Storage, query: string, start: number, end: number, step: number, extras: EvalExtras = {}, opts = options()): EvalResult {
  return evalRange(parse(query).ast, start, end, step, st, opts, { query, ...extras });
}

/** The error message an instant evaluation throws. */
export function instantError(st: Storage, query: string, ts: number, extras: EvalExtras = {}): string {
  try {
    instant(st, query, ts, extras);
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
  return expect.fail(`${query} should fail`);
}

export function samples(v: Value): readonly Sample[] {
  if (v.type !== 'vector') return expect.fail(`expected a vector, got ${v.type}`);
  return v.samples;
}

/** A vector as `{labels} value` lines in result order, e.g. `{job="a"} 1`. */
export function lines(v: Value): string[] {
  return samples(v).map((s) => `${fmtLabels(s.metric)} ${s.v}`);
}

export function fmtLabels(m: Labels): string {
  const name = m['__name__'] ?? '';
  const rest = Object.keys(m)
    .filter((k) => k !== '__name__')
    .sort()
    .map((k) => `${k}="${m[k]}"`);
  return `${name}{${rest.join(',')}}`;
}

/** A matrix as `{labels} t=v …` lines (times in seconds). */
export function matrixLines(v: Value): string[] {
  if (v.type !== 'matrix') return expect.fail(`expected a matrix, got ${v.type}`);
  return v.series.map((s) => `${fmtLabels(s.metric)} ${s.points.map((p) => `${p.t / 1000}=${p.v}`).join(' ')}`);
}
