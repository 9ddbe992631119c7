// The expanding series notation of Prometheus' test scripts and promtool's `input_series`:
// `1 2 3`, `0+10x5` (0 10 20 30 40 50), `5-1x3`, `7x2` (7 7 7), `_` (no sample), `_x3`,
// `stale` (a staleness marker), `Inf`, `-Inf`, `NaN`, e.g. `metric{job="a"} 1 _ stale 0+2x3`.
// Native histogram samples are written `{{schema:0 count:3 buckets:[1 2] ...}}` and expand too:
// `{{…}}x3` repeats, `{{…}}+{{…}}x3` / `{{…}}-{{…}}x3` add or subtract the second histogram step by step.

import type { Labels } from './types.js';
import { METRIC_NAME, normalizeLabels } from './labels.js';
import { goUnquote } from '../../go/strconv.js';
import { addHistograms, parseHistogramLiteral, type FloatHistogram, type HistogramLiteral } from './histogram.js';

/**
 * One expanded position: a value, a native histogram, a staleness marker, or `undefined` for `_` (no
 * sample there).
 */
export type SeriesValue = number | 'stale' | undefined | HistogramLiteral;

export const isHistogramValue = (v: SeriesValue): v is HistogramLiteral => typeof v === 'object';

/** What storage takes for an expanded value: a float, a histogram, a staleness marker, or nothing. */
export function storableValue(v: SeriesValue): number | 'stale' | FloatHistogram | undefined {
  return typeof v === 'object' ? v.h : v;
}

/** Splits a value sequence into items; a `{{…}}` item (with its expansion suffix) may contain spaces. */
function splitItems(text: string): string[] {
  const items: string[] = [];
  let i = 0;
  while (i < text.length) {
    while (i < text.length && /[ \t]/.test(text[i] as string)) i++;
    if (i >= text.length) break;
    const start = i;
    while (i < text.length && !/[ \t]/.test(text[i] as string)) {
      if (text.startsWith('{{', i)) {
        const end = text.indexOf('}}', i);
        if (end < 0) throw new Error(`unterminated histogram in ${JSON.stringify(text)}`);
        i = end + 2;
      } else i++;
    }
    items.push(text.slice(start, i));
  }
  return items;
}

function expandHistogramItem(item: string, out: SeriesValue[]): void {
  const first = parseHistogramLiteral(item);
  let rest = first.rest;
  if (rest === '') {
    out.push(first.lit);
    return;
  }
  const times = /^x(\d+)$/.exec(rest);
  if (times) {
    for (let i = 0; i <= Number(times[1]); i++) out.push(first.lit);
    return;
  }
  const op = rest[0];
  rest = rest.slice(1);
  if ((op !== '+' && op !== '-') || !rest.startsWith('{{')) throw new Error(`invalid series value ${JSON.stringify(item)}`);
  const inc = parseHistogramLiteral(rest);
  const n = /^x(\d+)$/.exec(inc.rest);
  if (!n) throw new Error(`invalid series value ${JSON.stringify(item)}`);
  const hintSet = inc.lit.hintSet;
  let cur = first.lit.h;
  out.push({ h: cur, hintSet });
  for (let i = 1; i <= Number(n[1]); i++) {
    if (cur.schema > inc.lit.h.schema) {
      throw new Error(`error combining histograms: cannot merge from schema ${inc.lit.h.schema} to ${cur.schema}`);
    }
    cur = addHistograms(cur, inc.lit.h, op === '-').h;
    out.push({ h: cur, hintSet });
  }
}

const NUM = String.raw`(?:inf|nan|(?:\d[\d_]*(?:\.[\d_]*)?|\.\d[\d_]*)(?:e[+-]?\d+)?)`;
const BLANK_ITEM = /^_(?:x(\d+))?$/;
const VALUE_ITEM = new RegExp(String.raw`^(stale|[+-]?${NUM})(?:([+-]${NUM})?x(\d+))?$`, 'i');

/** Parses a number of the notation: decimal with optional `_` separators, `Inf`, `NaN`, with sign. */
function parseNumberToken(text: string): number {
  const sign = text.startsWith('-') ? -1 : 1;
  const body = text.replace(/^[+-]/, '').toLowerCase();
  if (body === 'inf') return sign * Infinity;
  if (body === 'nan') return NaN;
  const v = Number(body.replace(/_/g, ''));
  if (Number.isNaN(v)) throw new Error(`bad number ${JSON.stringify(text)}`);
  return sign * v;
}

/**
 * Expands a value sequence. `a+bxn` yields n+1 values (a, a+b, … added up step by step like Prometheus,
 * so float rounding matches), `axn` repeats a n+1 times, `_xn` is n missing samples.
 */
export function expandSeries(text: string): SeriesValue[] {
  const out: SeriesValue[] = [];
  for (const item of splitItems(text.trim())) {
    if (item === '') continue;
    if (item.startsWith('{{')) {
      expandHistogramItem(item, out);
      continue;
    }
    const blank = BLANK_ITEM.exec(item);
    if (blank) {
      const n = blank[1] === undefined ? 1 : Number(blank[1]);
      for (let i = 0; i < n; i++) out.push(undefined);
      continue;
    }
    const m = VALUE_ITEM.exec(item);
    if (!m) throw new Error(`invalid series value ${JSON.stringify(item)}`);
    const [, first, delta, times] = m;
    if ((first as string).toLowerCase() === 'stale') {
      if (delta !== undefined) throw new Error(`invalid series value ${JSON.stringify(item)}`);
      const n = times === undefined ? 1 : Number(times) + 1;
      for (let i = 0; i < n; i++) out.push('stale');
      continue;
    }
    let v = parseNumberToken(first as string);
    if (times === undefined) {
      out.push(v);
      continue;
    }
    const step = delta === undefined ? 0 : parseNumberToken(delta);
    for (let i = 0; i <= Number(times); i++) {
      out.push(v);
      v += step;
    }
  }
  return out;
}

/** A series description line: `metric{labels} values…` (the values are left unexpanded). */
export interface SeriesLine {
  readonly metric: Labels;
  readonly valuesText: string;
  /** The values contain native histogram samples (`{{…}}`). */
  readonly histogram: boolean;
}

/**
 * Parses `name{a="b", "c.d"="e"}` (name optional, braces optional) from the start of `text`, returning the
 * labels and where the selector text ended.
 */
export function parseMetricPrefix(text: string): { metric: Labels; end: number } {
  const labels: Record<string, string> = {};
  let i = 0;
  const skipSpace = (): void => {
    while (i < text.length && /\s/.test(text[i] as string)) i++;
  };
  skipSpace();
  const nameMatch = /^[a-zA-Z_:][a-zA-Z0-9_:.]*/.exec(text.slice(i));
  if (nameMatch) {
    labels[METRIC_NAME] = nameMatch[0];
    i += nameMatch[0].length;
  }
  if (text[i] === '{') {
    i++;
    for (;;) {
      skipSpace();
      if (text[i] === '}') {
        i++;
        break;
      }
      let name: string;
      if (text[i] === '"' || text[i] === "'" || text[i] === '`') {
        const q = readQuoted(text, i);
        name = q.value;
        i = q.end;
      } else {
        const m = /^[a-zA-Z_][a-zA-Z0-9_]*/.exec(text.slice(i));
        if (!m) throw new Error(`invalid label name at ${JSON.stringify(text.slice(i, i + 20))}`);
        name = m[0];
        i += name.length;
      }
      skipSpace();
      if (text[i] === ',' || text[i] === '}') {
        // A bare quoted string inside the braces is the metric name (`{"my.metric", a="b"}`).
        labels[METRIC_NAME] = name;
      } else {
        if (text[i] !== '=') throw new Error(`expected "=" after label ${JSON.stringify(name)}`);
        i++;
        skipSpace();
        const q = readQuoted(text, i);
        labels[name] = q.value;
        i = q.end;
        skipSpace();
      }
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === '}') {
        i++;
        break;
      }
      throw new Error(`expected "," or "}" in ${JSON.stringify(text)}`);
    }
  } else if (!nameMatch) {
    throw new Error(`expected a metric name or "{" in ${JSON.stringify(text)}`);
  }
  return { metric: normalizeLabels(labels), end: i };
}

function readQuoted(text: string, start: number): { value: string; end: number } {
  const quote = text[start];
  if (quote !== '"' && quote !== "'" && quote !== '`') {
    throw new Error(`expected a quoted string at ${JSON.stringify(text.slice(start, start + 20))}`);
  }
  let i = start + 1;
  while (i < text.length && text[i] !== quote) i += text[i] === '\\' && quote !== '`' ? 2 : 1;
  if (i >= text.length) throw new Error(`unterminated string in ${JSON.stringify(text)}`);
  const literal = text.slice(start, i + 1);
  // Go's Unquote rejects multi-character single-quoted strings; PromQL accepts them like double quotes.
  const value = goUnquote(quote === "'" ? `"${literal.slice(1, -1).replace(/\\'/g, "'").replace(/"/g, '\\"')}"` : literal);
  if (value === undefined) throw new Error(`invalid string ${literal}`);
  return { value, end: i + 1 };
}

/** A whole `metric{labels} values` line. */
export function parseSeriesLine(line: string): SeriesLine {
  const { metric, end } = parseMetricPrefix(line);
  const valuesText = line.slice(end).trim();
  return { metric, valuesText, histogram: valuesText.includes('{{') };
}
