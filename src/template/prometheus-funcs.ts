// The functions Prometheus gives alert label and annotation templates
// (template.NewTemplateExpander), with their Go signatures, so that argument
// typing, conversions and error texts come out as Prometheus' do. Differences
// between releases that change results are followed by `prometheusVersion`:
// what humanize* accept, strings.Title versus x/text's title caser, and the
// float64 versus interface{} type of sample values.

import { parseVersion, atLeast, LATEST_PROMETHEUS, type Version } from '../config/version.js';
import { parsePromDuration } from '../promql/duration.js';
import { translateRe2 } from '../promql/regex.js';
import { goQuote, parseGoFloatDetailed } from '../go/strconv.js';
import { queryEscape, sprintf, sprint } from './builtins.js';
import {
  ANY,
  BOOL,
  DURATION,
  FLOAT64,
  HTML,
  MAP_STRING_ANY,
  MAP_STRING_STRING,
  STRING,
  TIME,
  box,
  compareGoStrings,
  definedType,
  durationValue,
  goBool,
  goFloat,
  goMap,
  goPtr,
  goString,
  goStruct,
  GoError,
  ptrTo,
  sliceOf,
  stringMap,
  structOf,
  timeFromNanos,
  toGoValue,
  type GoFunction,
  type GoType,
  type GoValue,
  type Val,
} from './values.js';

/** One element of a query result, as the rule test runner's engine gives it. */
export interface QuerySample {
  readonly labels: Readonly<Record<string, string>>;
  /** The float value, or a GoValue (e.g. a native histogram with a String method). */
  readonly value: number | GoValue;
}

/** Runs a PromQL instant query at the template's evaluation time; throw to fail the query with that message. */
export type QueryHook = (query: string) => readonly QuerySample[];

export interface PrometheusFuncOptions {
  readonly query?: QueryHook;
  /** Evaluation time in milliseconds since the epoch (what `now` returns, in seconds). Default: Date.now(). */
  readonly timestamp?: number;
  /** Prometheus' --web.external-url, for `externalURL` and `pathPrefix`. */
  readonly externalURL?: string;
  /** Target release, e.g. "2.42.0"; the newest by default. */
  readonly prometheusVersion?: string;
}

// ---- types ---------------------------------------------------------------------

export interface PrometheusTypes {
  /** template.sample */
  readonly sample: GoType;
  /** *template.sample */
  readonly samplePtr: GoType;
  /** template.queryResult ([]*sample) */
  readonly queryResult: GoType;
  /** The anonymous struct AlertTemplateData returns. */
  readonly alertData: GoType;
  /** float64 before 2.52, interface {} since (native histograms). */
  readonly value: GoType;
}

const typeSets = new Map<boolean, PrometheusTypes>();

export function prometheusTypes(version: Version): PrometheusTypes {
  const anyValue = atLeast(version, '2.52.0');
  let t = typeSets.get(anyValue);
  if (t === undefined) {
    const value = anyValue ? ANY : FLOAT64;
    const sample = definedType(
      'template.sample',
      structOf([
        { name: 'Labels', type: MAP_STRING_STRING },
        { name: 'Value', type: value },
      ]),
    );
    const samplePtr = ptrTo(sample);
    t = {
      sample,
      samplePtr,
      queryResult: definedType('template.queryResult', sliceOf(samplePtr)),
      alertData: structOf([
        { name: 'Labels', type: MAP_STRING_STRING },
        { name: 'ExternalLabels', type: MAP_STRING_STRING },
        { name: 'ExternalURL', type: STRING },
        { name: 'Value', type: value },
      ]),
      value,
    };
    typeSets.set(anyValue, t);
  }
  return t;
}

export function resolveVersion(v: string | undefined): Version {
  const text = v ?? LATEST_PROMETHEUS;
  let parsed = resolved.get(text);
  if (parsed) return parsed;
  parsed = parseVersion(text);
  if (!parsed) throw new Error(`invalid Prometheus version ${JSON.stringify(v)}: expected MAJOR.MINOR[.PATCH]`);
  resolved.set(text, parsed);
  return parsed;
}

/** Asked at every template render. Versions are read, never changed. */
const resolved = new Map<string, Version>();

/** A sample value as the Value field of Prometheus' structs holds it. */
export function sampleValue(v: number | GoValue | unknown, types: PrometheusTypes): Val {
  const g = typeof v === 'number' ? goFloat(v) : toGoValue(v);
  return types.value.kind === 'interface' ? box(g) : g;
}

// ---- conversions -----------------------------------------------------------------

const TWO_63 = 2 ** 63;

/** Go's int64(f) on amd64: out-of-range and NaN give math.MinInt64. */
export function float64ToInt64(f: number): bigint {
  if (Number.isNaN(f) || f >= TWO_63 || f < -TWO_63) return -(1n << 63n);
  return BigInt(Math.trunc(f));
}

/** prometheus/common's ConvertToFloat (Prometheus' convertToFloat before 2.55), by release. */
function convertToFloat(v: Val, version: Version): number {
  if (v !== undefined) {
    switch (v.kind) {
      case 'float':
        if (v.type === FLOAT64) return v.v;
        break;
      case 'string':
        if (v.type === STRING && atLeast(version, '2.27.0')) {
          const r = parseGoFloatDetailed(v.v);
          if (!r.ok) throw new GoError(`strconv.ParseFloat: parsing ${goQuote(v.v)}: ${r.error}`);
          return r.value;
        }
        break;
      case 'int':
        if (v.type.name === 'int' && atLeast(version, '2.32.0')) return Number(v.v);
        if (v.type.name === 'int64' && atLeast(version, '2.35.0')) return Number(v.v);
        if (v.type === DURATION && atLeast(version, '2.55.0')) return Number(v.v) / 1e9;
        break;
      case 'uint':
        if (v.type.name === 'uint' && atLeast(version, '2.32.0')) return Number(v.v);
        if (v.type.name === 'uint64' && atLeast(version, '2.35.0')) return Number(v.v);
        break;
      default:
        break;
    }
  }
  throw new GoError(`can't convert ${v === undefined ? '<nil>' : v.type.name} to float`);
}

const g4 = (v: number, suffix = ''): string => sprintf('%.4g', [goFloat(v)]) + suffix;

export function humanize(v: number): string {
  if (v === 0 || !Number.isFinite(v)) return g4(v);
  let x = v;
  let prefix = '';
  if (Math.abs(x) >= 1) {
    for (const p of ['k', 'M', 'G', 'T', 'P', 'E', 'Z', 'Y']) {
      if (Math.abs(x) < 1000) break;
      prefix = p;
      x /= 1000;
    }
    return g4(x, prefix);
  }
  for (const p of ['m', 'u', 'n', 'p', 'f', 'a', 'z', 'y']) {
    if (Math.abs(x) >= 1) break;
    prefix = p;
    x *= 1000;
  }
  return g4(x, prefix);
}

export function humanize1024(v: number): string {
  if (Math.abs(v) <= 1 || !Number.isFinite(v)) return g4(v);
  let x = v;
  let prefix = '';
  for (const p of ['ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei', 'Zi', 'Yi']) {
    if (Math.abs(x) < 1024) break;
    prefix = p;
    x /= 1024;
  }
  return g4(x, prefix);
}

export function humanizeDuration(v: number): string {
  if (!Number.isFinite(v)) return g4(v);
  if (v === 0) return g4(v, 's');
  let x = v;
  if (Math.abs(x) >= 1) {
    let sign = '';
    if (x < 0) {
      sign = '-';
      x = -x;
    }
    const duration = float64ToInt64(x);
    const seconds = duration % 60n;
    const minutes = (duration / 60n) % 60n;
    const hours = (duration / 60n / 60n) % 24n;
    const days = duration / 60n / 60n / 24n;
    if (days !== 0n) return `${sign}${days}d ${hours}h ${minutes}m ${seconds}s`;
    if (hours !== 0n) return `${sign}${hours}h ${minutes}m ${seconds}s`;
    if (minutes !== 0n) return `${sign}${minutes}m ${seconds}s`;
    return `${sign}${g4(x)}s`;
  }
  let prefix = '';
  for (const p of ['m', 'u', 'n', 'p', 'f', 'a', 'z', 'y']) {
    if (Math.abs(x) >= 1) break;
    prefix = p;
    x *= 1000;
  }
  return `${g4(x)}${prefix}s`;
}

export function humanizePercentage(v: number): string {
  return g4(v * 100, '%');
}

class NaNOrInf extends GoError {
  constructor() {
    super('value is NaN or Inf');
  }
}

/** Prometheus' floatToTime: seconds to a UTC time.Time truncated to milliseconds. */
function floatToTime(v: number): GoValue {
  if (!Number.isFinite(v)) throw new NaNOrInf();
  const timestamp = v * 1e9;
  if (timestamp > TWO_63 || timestamp < -TWO_63) {
    throw new GoError(`${sprint([goFloat(v)])} cannot be represented as a nanoseconds timestamp since it overflows int64`);
  }
  const ns = float64ToInt64(timestamp);
  // model.TimeFromUnixNano keeps milliseconds; Time() rebuilds nanoseconds from them.
  const ms = ns / 1_000_000n;
  return timeFromNanos(ms * 1_000_000n);
}

export function humanizeTimestamp(v: number): string {
  let t: GoValue;
  try {
    t = floatToTime(v);
  } catch (e) {
    if (e instanceof NaNOrInf) return g4(v);
    throw e;
  }
  return sprint([t]);
}

// ---- strings, regexps, hosts -------------------------------------------------------

/** Go's strings.ToUpper/ToLower: per rune, keeping runes whose mapping is not a single rune. */
function mapRunes(s: string, f: (ch: string) => string): string {
  let out = '';
  for (const ch of s) {
    // unicode.ToLower('İ') is the simple mapping 'i'; JS gives the full 'i̇'.
    if (ch === '\u0130' && f === lower) {
      out += 'i';
      continue;
    }
    const m = f(ch);
    out += [...m].length === 1 ? m : ch;
  }
  return out;
}
const upper = (c: string): string => c.toUpperCase();
const lower = (c: string): string => c.toLowerCase();

export const toUpper = (s: string): string => mapRunes(s, upper);
export const toLower = (s: string): string => mapRunes(s, lower);

/** unicode.ToTitle of one rune. */
function toTitleRune(ch: string): string {
  const cp = ch.codePointAt(0) ?? 0;
  // Digraphs have a distinct title case form (DŽ/Dž/dž and friends).
  if (cp >= 0x01c4 && cp <= 0x01cc) return String.fromCodePoint(0x01c5 + 3 * Math.floor((cp - 0x01c4) / 3));
  if (cp >= 0x01f1 && cp <= 0x01f3) return '\u01f2';
  const u = ch.toUpperCase();
  return [...u].length === 1 ? u : ch;
}

/** strings.Title (Prometheus before 3.2): upper-case letters that follow a separator. */
export function stringsTitle(s: string): string {
  let prev = ' ';
  let out = '';
  for (const ch of s) {
    out += isSeparator(prev) ? toTitleRune(ch) : ch;
    prev = ch;
  }
  return out;
}

function isSeparator(ch: string): boolean {
  const cp = ch.codePointAt(0) ?? 0;
  if (cp <= 0x7f) return !/[0-9A-Za-z_]/.test(ch);
  if (/[\p{L}\p{Nd}]/u.test(ch)) return false;
  return /\s/u.test(ch);
}

const MID = new Set([':', '\u00b7', '\u0387', '\u05f4', '\u2027', '\ufe13', '\ufe55', '\uff1a', '.', '\u2018', '\u2019', '\u2024', '\ufe52', '\uff07', '\uff0e', "'"]);
const WORD = /[\p{L}\p{N}\p{M}\p{Pc}\p{Cf}\u200d]/u;
const CASED = /\p{Cased}/u;

/** Full title-case mapping of a cased letter (ß → Ss, ﬁ → Fi). */
function titleCase(ch: string): string {
  const t = toTitleRune(ch);
  if (t !== ch || ch.toUpperCase() === ch) return t;
  const u = ch.toUpperCase();
  return u.length > 0 ? (u[0] ?? '') + u.slice(1).toLowerCase() : ch;
}

/**
 * x/text's cases.Title(language.AmericanEnglish, cases.NoLower) (Prometheus 3.2 on):
 * the first cased letter of each word is title-cased, the rest kept. Words follow
 * x/text's approximation of Unicode word breaking: letters, digits, marks and `_`
 * continue a word, one of ' . : (and kin) between them too, anything else breaks it.
 */
export function casesTitle(s: string): string {
  let out = '';
  let midWord = false;
  const chars = [...s];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    const isMid = MID.has(ch);
    if (CASED.test(ch)) {
      out += midWord ? ch : titleCase(ch);
      midWord = true;
    } else {
      out += ch;
      if (!isMid && !WORD.test(ch)) midWord = false;
    }
    const next = chars[i + 1];
    if (isMid && next !== undefined && MID.has(next)) midWord = false;
  }
  return out;
}

interface CompiledRe {
  readonly re: RegExp;
  readonly names: readonly (string | undefined)[];
}

const regexCache = new Map<string, CompiledRe | string>();

/** regexp.Compile: the JS regex (global, for scanning) or Go's error text. */
function compileGo(pattern: string): CompiledRe | string {
  let c = regexCache.get(pattern);
  if (c === undefined) {
    const t = translateRe2(pattern);
    c = t.ok ? { re: new RegExp(t.source, 'gu'), names: t.groupNames } : t.error;
    if (regexCache.size > 500) regexCache.clear();
    regexCache.set(pattern, c);
  }
  return c;
}

/** How regexp.MustCompile quotes the pattern in its panic. */
function compileQuote(s: string): string {
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp === 0xfeff || (cp < 0x20 && cp !== 0x09) || cp === 0x60 || cp === 0x7f) return goQuote(s);
  }
  return `\`${s}\``;
}

function matchAt(re: RegExp, text: string, from: number): RegExpExecArray | null {
  re.lastIndex = from;
  return re.exec(text);
}

/** Go's Regexp.Expand of a $-template for one match. */
function expand(template: string, m: RegExpExecArray, names: readonly (string | undefined)[]): string {
  let out = '';
  let rest = template;
  while (rest.length > 0) {
    const i = rest.indexOf('$');
    if (i < 0) break;
    out += rest.slice(0, i);
    rest = rest.slice(i + 1);
    if (rest.startsWith('$')) {
      out += '$';
      rest = rest.slice(1);
      continue;
    }
    const brace = rest.startsWith('{');
    const body = brace ? rest.slice(1) : rest;
    const nameMatch = /^[\p{L}\p{Nd}_]+/u.exec(body);
    const name = nameMatch?.[0] ?? '';
    if (name === '' || (brace && body[name.length] !== '}')) {
      out += '$';
      continue;
    }
    rest = body.slice(name.length + (brace ? 1 : 0));
    let num = /^[0-9]+$/.test(name) && name.length < 9 ? Number(name) : -1;
    if (name[0] === '0' && name.length > 1) num = -1;
    if (num >= 0) {
      out += m[num] ?? '';
    } else {
      const idx = names.findIndex((n, k) => n === name && m[k + 1] !== undefined);
      if (idx >= 0) out += m[idx + 1] ?? '';
    }
  }
  return out + rest;
}

/** Go's Regexp.ReplaceAllString (empty matches next to a previous match are skipped). */
export function reReplaceAll(pattern: string, repl: string, text: string): string {
  const c = compileGo(pattern);
  if (typeof c === 'string') throw new GoError(`regexp: Compile(${compileQuote(pattern)}): ${c}`);
  let out = '';
  let lastMatchEnd = 0;
  let searchPos = 0;
  while (searchPos <= text.length) {
    const m = matchAt(c.re, text, searchPos);
    if (m === null) break;
    const start = m.index;
    const end = start + m[0].length;
    out += text.slice(lastMatchEnd, start);
    if (end > lastMatchEnd || start === 0) out += expand(repl, m, c.names);
    lastMatchEnd = end;
    const cp = text.codePointAt(searchPos);
    const width = cp === undefined ? 0 : cp > 0xffff ? 2 : 1;
    if (searchPos + width > end) searchPos += width;
    else if (searchPos + 1 > end) searchPos++;
    else searchPos = end;
  }
  return out + text.slice(lastMatchEnd);
}

/** regexp.MatchString. */
export function matchString(pattern: string, s: string): boolean {
  const c = compileGo(pattern);
  if (typeof c === 'string') throw new GoError(c);
  return matchAt(c.re, s, 0) !== null;
}

class AddrError extends Error {}

/** net.SplitHostPort. */
export function splitHostPort(hostport: string): [host: string, port: string] {
  const i = hostport.lastIndexOf(':');
  if (i < 0) throw new AddrError('missing port in address');
  let host: string;
  let j = 0;
  let k = 0;
  if (hostport[0] === '[') {
    const end = hostport.indexOf(']');
    if (end < 0) throw new AddrError("missing ']' in address");
    if (end + 1 === hostport.length) throw new AddrError('missing port in address');
    if (end + 1 !== i) {
      if (hostport[end + 1] === ':') throw new AddrError('too many colons in address');
      throw new AddrError('missing port in address');
    }
    host = hostport.slice(1, end);
    j = 1;
    k = end + 1;
  } else {
    host = hostport.slice(0, i);
    if (host.includes(':')) throw new AddrError('too many colons in address');
  }
  if (hostport.slice(j).includes('[')) throw new AddrError("unexpected '[' in address");
  if (hostport.slice(k).includes(']')) throw new AddrError("unexpected ']' in address");
  return [host, hostport.slice(i + 1)];
}

/** net.JoinHostPort. */
export function joinHostPort(host: string, port: string): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

function isIPv4(s: string): boolean {
  const parts = s.split('.');
  if (parts.length !== 4) return false;
  return parts.every((p) => /^[0-9]{1,3}$/.test(p) && Number(p) <= 255 && !(p.length > 1 && p[0] === '0'));
}

/** Whether net.ParseIP accepts s (IPv4 dotted quad or IPv6, no zone). */
export function isIP(s: string): boolean {
  if (isIPv4(s)) return true;
  if (!s.includes(':')) return false;
  let rest = s;
  let groups = 0;
  let ellipsis = false;
  if (rest.startsWith('::')) {
    ellipsis = true;
    rest = rest.slice(2);
    if (rest === '') return true;
  }
  while (rest !== '') {
    const m = /^[0-9a-fA-F]{1,4}/.exec(rest);
    if (!m) return false;
    const afterHex = rest.slice(m[0].length);
    if (afterHex.startsWith('.')) {
      // Embedded IPv4 in the last 32 bits.
      const end = rest.indexOf(':') < 0 ? rest.length : -1;
      if (end < 0 || !isIPv4(rest) || groups > 6) return false;
      groups += 2;
      rest = '';
      break;
    }
    groups++;
    rest = afterHex;
    if (rest === '') break;
    if (!rest.startsWith(':')) return false;
    if (rest.startsWith('::')) {
      if (ellipsis) return false;
      ellipsis = true;
      rest = rest.slice(2);
      if (rest === '') break;
    } else {
      rest = rest.slice(1);
      if (rest === '') return false;
    }
    if (groups >= 8) return false;
  }
  return ellipsis ? groups < 8 : groups === 8;
}

export function stripPort(hostPort: string): string {
  try {
    return splitHostPort(hostPort)[0];
  } catch (e) {
    if (e instanceof AddrError) return hostPort;
    throw e;
  }
}

export function stripDomain(hostPort: string): string {
  let host: string;
  let port = '';
  try {
    [host, port] = splitHostPort(hostPort);
  } catch (e) {
    if (!(e instanceof AddrError)) throw e;
    host = hostPort;
  }
  if (isIP(host)) return hostPort;
  host = host.split('.')[0] ?? '';
  return port !== '' ? joinHostPort(host, port) : host;
}

/** url.URL.Path of an absolute or relative URL: the decoded path. */
export function urlPath(url: string): string {
  let rest = url.replace(/[#].*$/s, '');
  rest = rest.replace(/\?.*$/s, '');
  const scheme = /^[A-Za-z][A-Za-z0-9+.-]*:/.exec(rest);
  if (scheme) rest = rest.slice(scheme[0].length);
  if (rest.startsWith('//')) {
    const slash = rest.indexOf('/', 2);
    rest = slash < 0 ? '' : rest.slice(slash);
  }
  try {
    return decodeURIComponent(rest);
  } catch {
    return rest;
  }
}

// ---- the function map ------------------------------------------------------------

function fn(params: readonly GoType[], result: GoType, returnsError: boolean, call: (args: readonly Val[]) => Val, variadic = false): GoFunction {
  return { params, result, returnsError, variadic, call: (args) => call(args) };
}

const str = (v: Val): string => (v?.kind === 'string' ? v.v : '');

function sampleOf(v: Val): GoValue {
  if (v?.kind !== 'ptr' || v.target === null) throw new GoError('runtime error: invalid memory address or nil pointer dereference');
  return v.target;
}

function sampleField(s: GoValue, i: number): GoValue | undefined {
  return s.kind === 'struct' ? s.fields[i] : undefined;
}

/**
 * Prometheus' template functions for alert templates, for executeTemplate's
 * `funcs`. Functions a release lacks are left out (the parser rejects them).
 */
export function prometheusFuncs(opts: PrometheusFuncOptions = {}): Map<string, GoFunction> {
  const version = resolveVersion(opts.prometheusVersion);
  const key = version.join('.');
  let table = tables.get(key);
  if (!table) tables.set(key, (table = functionTable(version)));
  const context: FuncContext = { query: opts.query, timestamp: opts.timestamp ?? Date.now(), externalURL: opts.externalURL ?? '' };
  return new Map(table.map(([name, f]) => [name, typeof f === 'function' ? f(context) : f]));
}

/** What the few context-dependent functions (query, now, externalURL, pathPrefix) read. */
interface FuncContext {
  readonly query: QueryHook | undefined;
  readonly timestamp: number;
  readonly externalURL: string;
}

type TableEntry = readonly [string, GoFunction | ((context: FuncContext) => GoFunction)];

/**
 * The function map of a release, built once: the rule test runner renders templates at every evaluation,
 * and building ~35 functions each time cost more than executing the templates.
 */
const tables = new Map<string, readonly TableEntry[]>();

function functionTable(version: Version): TableEntry[] {
  const types = prometheusTypes(version);
  const since = (v: string): boolean => atLeast(version, v);
  const humanizeParam = since('2.27.0') ? ANY : FLOAT64;
  const toFloat = (v: Val): number => convertToFloat(v, version);
  const m: TableEntry[] = [];
  const set = (name: string, f: TableEntry[1]): void => {
    m.push([name, f]);
  };

  const makeSample = (s: QuerySample): GoValue =>
    goPtr(goStruct(types.sample, [stringMap(s.labels), sampleValue(s.value, types)]), types.samplePtr);

  set(
    'query',
    (context) => fn([STRING], types.queryResult, true, ([q]) => {
      if (context.query === undefined) throw new GoError('no query engine is available to run this template query');
      let result: readonly QuerySample[];
      try {
        result = context.query(str(q));
      } catch (e) {
        throw new GoError(e instanceof Error ? e.message : String(e));
      }
      return { kind: 'slice', type: types.queryResult, elems: result.map(makeSample) };
    }),
  );
  set(
    'first',
    fn([types.queryResult], types.samplePtr, true, ([v]) => {
      const elems = v?.kind === 'slice' ? (v.elems ?? []) : [];
      const first = elems[0];
      if (first === undefined) throw new GoError('first() called on vector with no elements');
      return first;
    }),
  );
  set(
    'label',
    fn([STRING, types.samplePtr], STRING, false, ([label, s]) => {
      const labels = sampleField(sampleOf(s), 0);
      const e = labels?.kind === 'map' ? labels.entries?.get(str(label)) : undefined;
      return goString(e?.value.kind === 'string' ? e.value.v : '');
    }),
  );
  set(
    'value',
    fn([types.samplePtr], types.value, false, ([s]) => sampleField(sampleOf(s), 1)),
  );
  set(
    'strvalue',
    fn([types.samplePtr], STRING, false, ([s]) => {
      const labels = sampleField(sampleOf(s), 0);
      const e = labels?.kind === 'map' ? labels.entries?.get('__value__') : undefined;
      return goString(e?.value.kind === 'string' ? e.value.v : '');
    }),
  );
  set(
    'args',
    fn([ANY], MAP_STRING_ANY, false, (args) => goMap(STRING, ANY, args.map((a, i) => [goString(`arg${i}`), box(a)] as const)), true),
  );
  set('reReplaceAll', fn([STRING, STRING, STRING], STRING, false, ([p, r, t]) => goString(reReplaceAll(str(p), str(r), str(t)))));
  set('safeHtml', fn([STRING], HTML, false, ([t]) => goString(str(t), HTML)));
  set('match', fn([STRING, STRING], BOOL, true, ([p, s]) => goBool(matchString(str(p), str(s)))));
  set('title', fn([STRING], STRING, false, ([s]) => goString(since('3.2.0') ? casesTitle(str(s)) : stringsTitle(str(s)))));
  set('toUpper', fn([STRING], STRING, false, ([s]) => goString(toUpper(str(s)))));
  set('toLower', fn([STRING], STRING, false, ([s]) => goString(toLower(str(s)))));
  set('graphLink', fn([STRING], STRING, false, ([e]) => goString(`/graph?g0.expr=${queryEscape(str(e))}&g0.tab=0`)));
  set('tableLink', fn([STRING], STRING, false, ([e]) => goString(`/graph?g0.expr=${queryEscape(str(e))}&g0.tab=1`)));
  set(
    'sortByLabel',
    fn([STRING, types.queryResult], types.queryResult, false, ([label, v]) => {
      if (v?.kind !== 'slice' || v.elems === null) return v;
      const key = (e: GoValue): string => {
        const labels = e.kind === 'ptr' && e.target !== null ? sampleField(e.target, 0) : undefined;
        const x = labels?.kind === 'map' ? labels.entries?.get(str(label)) : undefined;
        return x?.value.kind === 'string' ? x.value.v : '';
      };
      // sort.Stable sorts in place: the argument is reordered too.
      const sorted = [...v.elems].sort((a, b) => compareGoStrings(key(a), key(b)));
      (v.elems as GoValue[]).splice(0, sorted.length, ...sorted);
      return v;
    }),
  );
  if (since('2.33.0')) set('stripPort', fn([STRING], STRING, false, ([h]) => goString(stripPort(str(h)))));
  if (since('2.36.0')) set('stripDomain', fn([STRING], STRING, false, ([h]) => goString(stripDomain(str(h)))));
  const humanizer = (f: (v: number) => string): GoFunction =>
    fn([humanizeParam], STRING, humanizeParam === ANY, ([v]) => goString(f(toFloat(v))));
  set('humanize', humanizer(humanize));
  set('humanize1024', humanizer(humanize1024));
  set('humanizeDuration', humanizer(humanizeDuration));
  if (since('2.11.0')) set('humanizePercentage', humanizer(humanizePercentage));
  set('humanizeTimestamp', humanizer(humanizeTimestamp));
  if (since('2.38.0')) set('toTime', fn([ANY], ptrTo(TIME), true, ([v]) => goPtr(floatToTime(toFloat(v)), ptrTo(TIME))));
  if (since('3.6.0')) {
    set('toDuration', fn([ANY], ptrTo(DURATION), true, ([v]) => goPtr(durationValue(float64ToInt64(toFloat(v) * 1e9)), ptrTo(DURATION))));
    set('now', (context) => fn([], FLOAT64, false, () => goFloat(context.timestamp / 1000)));
  }
  set('pathPrefix', (context) => fn([], STRING, false, () => goString(urlPath(context.externalURL))));
  set('externalURL', (context) => fn([], STRING, false, () => goString(context.externalURL)));
  if (since('2.32.0')) {
    set(
      'parseDuration',
      fn([STRING], FLOAT64, true, ([d]) => {
        const text = str(d);
        const negative = text.startsWith('-');
        const r = parsePromDuration(negative ? text.slice(1) : text);
        if (!r.ok) throw new GoError(r.error);
        const seconds = Number(BigInt(r.ms) * 1_000_000n) / 1e9;
        return goFloat(negative ? -seconds : seconds);
      }),
    );
  }
  if (since('3.8.0')) set('urlQueryEscape', fn([STRING], STRING, false, ([s]) => goString(queryEscape(str(s)))));
  return m;
}
