// Parser for Prometheus' PromQL test scripts (promql/promqltest): `load`, `clear` and `eval` commands
// with their indented data, expected results and `expect` directives. Line handling follows the
// upstream runner: every line is trimmed, `#` lines count as blank, a blank line ends a block.

import type { Labels } from '../engine/types.js';
import { expandSeries, parseMetricPrefix, parseSeriesLine, type SeriesValue } from '../engine/series-notation.js';
import { parsePromDuration } from '../duration.js';
import { goUnquote, parseGoFloat, parseGoInt } from '../../go/strconv.js';
import { translateRe2 } from '../regex.js';

export interface LoadedSeries {
  readonly line: number;
  readonly metric: Labels;
  /** Expanded values (floats, histograms, staleness markers, `undefined` for `_`). */
  readonly values: readonly SeriesValue[];
  readonly histogram: boolean;
}

export interface LoadCommand {
  readonly kind: 'load';
  readonly line: number;
  readonly intervalMs: number;
  /** `load_with_nhcb`: classic histogram series are also converted to native histograms. */
  readonly withNhcb: boolean;
  readonly series: readonly LoadedSeries[];
  /** Lines of `metric@st …` start-timestamp data, which the engine does not use. */
  readonly startTimestampLines: readonly number[];
  /** The series those lines give start timestamps for. */
  readonly startTimestampSeries: readonly Labels[];
}

export interface ClearCommand {
  readonly kind: 'clear';
  readonly line: number;
}

/** An `expect warn|info|fail` matcher: an exact message, a (Go) regex, or anything. */
export interface ExpectMatcher {
  readonly message?: string;
  readonly regex?: RegExp;
}

export interface ExpectedSeries {
  /** 1-based position among the result lines, for `expect ordered`. */
  readonly pos: number;
  readonly metric: Labels;
  readonly values: readonly SeriesValue[];
  readonly histogram: boolean;
}

export type Expected =
  | { readonly kind: 'scalar'; readonly value: number }
  | { readonly kind: 'series'; readonly series: readonly ExpectedSeries[] }
  | { readonly kind: 'string'; readonly value: string };

export interface EvalCommand {
  readonly kind: 'eval';
  /** 1-based line of the `eval` line. */
  readonly line: number;
  readonly expr: string;
  readonly instant: boolean;
  /** Instant: evaluation time. Range (or `expect range vector`): start, end, step. */
  readonly time: number;
  readonly start: number;
  readonly end: number;
  readonly step: number;
  readonly fail: boolean;
  readonly failMessage?: string;
  readonly failRegex?: RegExp;
  /** `eval_warn` / `eval_info`: at least one such annotation. */
  readonly warn: boolean;
  readonly info: boolean;
  readonly ordered: boolean;
  readonly expectWarn: readonly ExpectMatcher[];
  readonly expectInfo: readonly ExpectMatcher[];
  readonly noWarn: boolean;
  readonly noInfo: boolean;
  /** `expect range vector …`: an instant query whose result is a matrix. */
  readonly rangeVector: boolean;
  /** Not re-run as a range query (strings, range vectors). */
  readonly excludeFromRangeQuery: boolean;
  readonly expected: Expected;
}

/** A script line the parser could not use; the runner reports these rather than dropping them. */
export interface ScriptError {
  readonly line: number;
  readonly message: string;
}

export type Command = LoadCommand | ClearCommand | EvalCommand;

export interface Script {
  readonly commands: readonly Command[];
  readonly errors: readonly ScriptError[];
}

const PAT_LOAD = /^load(?:_(with_nhcb))?\s+(.+?)$/;
const PAT_EVAL_INSTANT = /^eval(?:_(fail|warn|ordered|info))?\s+instant\s+(?:at\s+(.+?))?\s+(.+)$/;
const PAT_EVAL_RANGE = /^eval(?:_(fail|warn|info))?\s+range\s+from\s+(.+)\s+to\s+(.+)\s+step\s+(.+?)\s+(.+)$/;
const PAT_EXPECT = /^expect\s+(ordered|fail|warn|no_warn|info|no_info)(?:\s+(regex|msg):(.+))?$/;
const PAT_EXPECT_RANGE = /^expect range vector\s+from\s+(.+)\s+to\s+(.+)\s+step\s+(.+)$/;

/** The script's lines, trimmed, with comment lines blanked (they end a block like blank lines do). */
function scriptLines(text: string): string[] {
  return text.split('\n').map((l) => {
    const t = l.trim();
    return t.startsWith('#') ? '' : t;
  });
}

function duration(text: string, what: string): number {
  const d = parsePromDuration(text.trim());
  if (!d.ok) throw new Error(`invalid ${what} ${JSON.stringify(text)}: ${d.error}`);
  return d.ms;
}

/** A Go regexp (as written in `regex:` / `expected_fail_regexp`), unanchored like MatchString. */
function goRegex(pattern: string): RegExp {
  const t = translateRe2(pattern);
  if (!t.ok) throw new Error(`invalid regex ${pattern}: ${t.error}`);
  return new RegExp(t.source, 'u');
}

/** test.go's parseNumber: strconv.ParseInt(s, 0, 64), else ParseFloat. */
function parseNumberLine(s: string): number | undefined {
  const i = parseGoInt(s);
  if (i !== undefined) return Number(i);
  return parseGoFloat(s);
}

export function parseScript(text: string): Script {
  const lines = scriptLines(text);
  const commands: Command[] = [];
  const errors: ScriptError[] = [];
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i] as string;
    if (l === '') continue;
    const word = (l.split(/[\t ]+/, 1)[0] as string).toLowerCase();
    try {
      if (word === 'clear') {
        commands.push({ kind: 'clear', line: i + 1 });
      } else if (word.startsWith('load')) {
        const r = parseLoad(lines, i);
        commands.push(r.cmd);
        i = r.last;
      } else if (word.startsWith('eval')) {
        const r = parseEval(lines, i);
        commands.push(r.cmd);
        i = r.last;
      } else {
        errors.push({ line: i + 1, message: `invalid command ${JSON.stringify(l)}` });
      }
    } catch (err) {
      errors.push({ line: i + 1, message: err instanceof Error ? err.message : String(err) });
      // Skip the rest of the block so its lines are not read as commands.
      while (i + 1 < lines.length && lines[i + 1] !== '') i++;
    }
  }
  return { commands, errors };
}

function parseLoad(lines: readonly string[], i0: number): { cmd: LoadCommand; last: number } {
  const m = PAT_LOAD.exec(lines[i0] as string);
  if (!m) throw new Error('invalid load command. (load[_with_nhcb] <step:duration>)');
  const intervalMs = duration(m[2] as string, 'step');
  const series: LoadedSeries[] = [];
  const startTimestampLines: number[] = [];
  const startTimestampSeries: Labels[] = [];
  let i = i0;
  while (i + 1 < lines.length && lines[i + 1] !== '') {
    i++;
    const def = lines[i] as string;
    const first = def.split(/[\t ]/, 1)[0] as string;
    if (first.endsWith('@st')) {
      startTimestampLines.push(i + 1);
      startTimestampSeries.push(parseMetricPrefix(first.slice(0, -'@st'.length)).metric);
      continue;
    }
    const s = parseSeriesLine(def);
    series.push({ line: i + 1, metric: s.metric, values: expandSeries(s.valuesText), histogram: s.histogram });
  }
  return { cmd: { kind: 'load', line: i0 + 1, intervalMs, withNhcb: m[1] === 'with_nhcb', series, startTimestampLines, startTimestampSeries }, last: i };
}

function parseEval(lines: readonly string[], i0: number): { cmd: EvalCommand; last: number } {
  const line = lines[i0] as string;
  const inst = PAT_EVAL_INSTANT.exec(line);
  const rng = inst ? null : PAT_EVAL_RANGE.exec(line);
  if (!inst && !rng) {
    throw new Error("invalid evaluation command. Must be either 'eval[_fail|_warn|_ordered] instant [at <offset:duration>] <query>' or 'eval[_fail|_warn] range from <from> to <to> step <step> <query>'");
  }
  const mod = (inst ? inst[1] : rng?.[1]) ?? '';
  const expr = (inst ? inst[3] : rng?.[5]) as string;
  let time = 0;
  let start = 0;
  let end = 0;
  let step = 0;
  if (inst) {
    time = duration(inst[2] ?? '', 'timestamp definition');
    start = end = time;
  } else if (rng) {
    start = duration(rng[2] as string, 'start timestamp definition');
    end = duration(rng[3] as string, 'end timestamp definition');
    if (end < start) throw new Error(`invalid test definition, end timestamp (${rng[3]}) is before start timestamp (${rng[2]})`);
    step = duration(rng[4] as string, 'step definition');
  }

  let fail = mod === 'fail';
  let failMessage: string | undefined;
  let failRegex: RegExp | undefined;
  let ordered = mod === 'ordered';
  const expectWarn: ExpectMatcher[] = [];
  const expectInfo: ExpectMatcher[] = [];
  let noWarn = false;
  let noInfo = false;
  let rangeVector = false;
  let excludeFromRangeQuery = false;
  let expectedString: string | undefined;
  let scalar: number | undefined;
  const series: ExpectedSeries[] = [];

  let i = i0;
  for (let j = 1; i + 1 < lines.length; j++) {
    i++;
    const def = lines[i] as string;
    if (def === '') {
      i--;
      break;
    }
    if (fail && def.startsWith('expected_fail_message')) {
      failMessage = def.slice('expected_fail_message'.length).trim();
      break;
    }
    if (fail && def.startsWith('expected_fail_regexp')) {
      failRegex = goRegex(def.slice('expected_fail_regexp'.length).trim());
      break;
    }
    if (def.startsWith('expect range vector')) {
      const r = PAT_EXPECT_RANGE.exec(def);
      if (!r) throw new Error(`invalid range vector definition ${JSON.stringify(def)}`);
      start = duration(r[1] as string, 'start timestamp definition');
      end = duration(r[2] as string, 'end timestamp definition');
      step = duration(r[3] as string, 'step definition');
      time = end;
      rangeVector = true;
      excludeFromRangeQuery = true;
      continue;
    }
    if (def.startsWith('expect string')) {
      const lit = def.slice('expect string'.length).trim();
      const value = lit === '' ? undefined : goUnquote(lit);
      if (value === undefined) throw new Error('expected string literal not valid - a quoted string literal is required');
      expectedString = value;
      excludeFromRangeQuery = true;
      continue;
    }
    if (def.split(' ', 1)[0] === 'expect') {
      const e = PAT_EXPECT.exec(def);
      if (!e) throw new Error('invalid expect statement, must match `expect <type> <match_type>: <string>` format');
      const matcher: ExpectMatcher = e[2] === 'msg' ? { message: (e[3] as string).trim() } : e[2] === 'regex' ? { regex: goRegex((e[3] as string).trim()) } : {};
      switch (e[1]) {
        case 'ordered':
          ordered = true;
          break;
        case 'fail':
          fail = true;
          if (matcher.message !== undefined) failMessage = matcher.message;
          if (matcher.regex) failRegex = matcher.regex;
          break;
        case 'warn':
          expectWarn.push(matcher);
          break;
        case 'info':
          expectInfo.push(matcher);
          break;
        case 'no_warn':
          noWarn = true;
          break;
        case 'no_info':
          noInfo = true;
          break;
      }
      j--;
      continue;
    }
    const n = parseNumberLine(def);
    if (n !== undefined) {
      scalar = n;
      break;
    }
    const s = parseSeriesLine(def);
    const values = expandSeries(s.valuesText);
    if (values.length > 1 && inst && !rangeVector) {
      throw new Error('expecting multiple values in instant evaluation not allowed. consider using \'expect range vector\' directive to enable a range vector result for an instant query');
    }
    series.push({ pos: j, metric: s.metric, values, histogram: s.histogram });
  }
  if ((expectWarn.length > 0 && noWarn) || (expectInfo.length > 0 && noInfo)) {
    throw new Error('invalid expect lines, warn and no_warn (or info and no_info) cannot be used together');
  }
  const expected: Expected =
    expectedString !== undefined ? { kind: 'string', value: expectedString } : scalar !== undefined ? { kind: 'scalar', value: scalar } : { kind: 'series', series };
  return {
    cmd: {
      kind: 'eval',
      line: i0 + 1,
      expr,
      instant: inst !== null,
      time,
      start,
      end,
      step,
      fail,
      ...(failMessage !== undefined ? { failMessage } : {}),
      ...(failRegex ? { failRegex } : {}),
      warn: mod === 'warn',
      info: mod === 'info',
      ordered,
      expectWarn,
      expectInfo,
      noWarn,
      noInfo,
      rangeVector,
      excludeFromRangeQuery,
      expected,
    },
    last: i,
  };
}
