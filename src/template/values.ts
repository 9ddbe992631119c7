// Go's value model, as far as text/template execution can observe it: the kind
// and the type name of every value (Go's messages quote both), interfaces as
// boxes that the executor unwraps where Go does, typed nils, and the few
// library types templates reach (time.Time, time.Duration) with their methods.
// A value is a plain record; `undefined` stands for Go's invalid reflect.Value
// (an untyped nil), which prints as "<no value>".

import { civilFromDays } from '../go/time.js';
import { compareGoStrings } from '../go/strings.js';

export type Kind = 'bool' | 'int' | 'uint' | 'float' | 'complex' | 'string' | 'slice' | 'map' | 'struct' | 'ptr' | 'interface' | 'func';

export interface GoField {
  readonly name: string;
  readonly type: GoType;
}

export interface GoType {
  readonly kind: Kind;
  /** reflect.Type.String(): `float64`, `map[string]string`, `*template.sample`, `interface {}`. */
  readonly name: string;
  /** Defined types (all predeclared ones included) versus type literals such as `[]T`; decides assignability. */
  readonly named: boolean;
  /** The name of the underlying type literal (its own name when unnamed or predeclared). */
  readonly underlying: string;
  /** Element type of slices, maps and pointers. */
  readonly elem?: GoType;
  readonly key?: GoType;
  readonly fields?: readonly GoField[];
  /** Methods with value receivers (so also in the method set of *T). */
  readonly methods?: ReadonlyMap<string, GoMethod>;
  /** The String() (or Error()) method fmt calls for %v %s %q %x %X. */
  readonly stringer?: (v: GoValue) => string;
  /** `reflect.Value` parameters of Go's builtins: anything, including an invalid value, passes as is. */
  readonly reflectValue?: boolean;
}

/** A method bound to its receiver. */
export type GoMethod = (receiver: GoValue) => GoFunction;

export type Val = GoValue | undefined;

export interface CallContext {
  /** The template call's name, for messages. */
  readonly name: string;
}

/** A Go function or bound method as templates call it. Errors are thrown as GoError. */
export interface GoFunction {
  readonly params: readonly GoType[];
  /** The last parameter is `...params[last]`. */
  readonly variadic?: boolean;
  readonly result: GoType;
  /** Declared `(T, error)`. */
  readonly returnsError?: boolean;
  readonly call: (args: readonly Val[], ctx: CallContext) => Val;
}

interface Base<K extends Kind> {
  readonly kind: K;
  readonly type: GoType;
}

export type MapKey = string | bigint | number | boolean;

export interface MapEntry {
  readonly key: GoValue;
  readonly value: GoValue;
}

export type GoValue =
  | (Base<'bool'> & { readonly v: boolean })
  | (Base<'int'> & { readonly v: bigint })
  | (Base<'uint'> & { readonly v: bigint })
  | (Base<'float'> & { readonly v: number })
  | (Base<'complex'> & { readonly re: number; readonly im: number })
  | (Base<'string'> & { readonly v: string })
  | (Base<'slice'> & { readonly elems: readonly GoValue[] | null })
  | (Base<'map'> & { readonly entries: ReadonlyMap<MapKey, MapEntry> | null })
  | (Base<'struct'> & { readonly fields: readonly GoValue[]; readonly opaque?: unknown })
  | (Base<'ptr'> & { readonly target: GoValue | null })
  | (Base<'interface'> & { readonly inner: GoValue | null })
  | (Base<'func'> & { readonly fn: GoFunction | null });

export type ValueOf<K extends Kind> = Extract<GoValue, { kind: K }>;

/** An error a Go function returns (or a panic it raises), carrying Go's text. */
export class GoError extends Error {}

// ---- types -----------------------------------------------------------------

function basic(kind: Kind, name: string): GoType {
  return { kind, name, named: true, underlying: name };
}

export const BOOL = basic('bool', 'bool');
export const INT = basic('int', 'int');
export const INT64 = basic('int', 'int64');
export const UINT = basic('uint', 'uint');
export const UINT64 = basic('uint', 'uint64');
export const UINT8 = basic('uint', 'uint8');
export const FLOAT64 = basic('float', 'float64');
export const COMPLEX128 = basic('complex', 'complex128');
export const STRING = basic('string', 'string');
/** interface {} */
export const ANY: GoType = { kind: 'interface', name: 'interface {}', named: false, underlying: 'interface {}' };
/** reflect.Value, the parameter type of Go's builtins. */
export const REFLECT_VALUE: GoType = { kind: 'struct', name: 'reflect.Value', named: true, underlying: 'reflect.Value', reflectValue: true };

const typeCache = new Map<string, GoType>();

function cached(key: string, make: () => GoType): GoType {
  let t = typeCache.get(key);
  if (t === undefined) {
    t = make();
    typeCache.set(key, t);
  }
  return t;
}

export function sliceOf(elem: GoType): GoType {
  const name = `[]${elem.name}`;
  return cached(`slice:${name}`, () => ({ kind: 'slice', name, named: false, underlying: name, elem }));
}

export function mapOf(key: GoType, elem: GoType): GoType {
  const name = `map[${key.name}]${elem.name}`;
  return cached(`map:${name}`, () => ({ kind: 'map', name, named: false, underlying: name, key, elem }));
}

export function ptrTo(elem: GoType): GoType {
  const name = `*${elem.name}`;
  return cached(`ptr:${name}`, () => ({ kind: 'ptr', name, named: false, underlying: name, elem }));
}

/** An anonymous struct type: `struct { A string; B int }`. */
export function structOf(fields: readonly GoField[]): GoType {
  const name = fields.length === 0 ? 'struct {}' : `struct { ${fields.map((f) => `${f.name} ${f.type.name}`).join('; ')} }`;
  return cached(`struct:${name}`, () => ({ kind: 'struct', name, named: false, underlying: name, fields }));
}

/** A defined type `name` over `underlying` (e.g. template.queryResult over []*template.sample). */
export function definedType(
  name: string,
  underlying: GoType,
  extra: { methods?: ReadonlyMap<string, GoMethod>; stringer?: (v: GoValue) => string } = {},
): GoType {
  return { ...underlying, name, named: true, underlying: underlying.underlying, ...extra };
}

export const MAP_STRING_STRING = mapOf(STRING, STRING);
export const MAP_STRING_ANY = mapOf(STRING, ANY);
export const SLICE_ANY = sliceOf(ANY);
/** html/template.HTML, what Prometheus' safeHtml returns. */
export const HTML = definedType('template.HTML', STRING);

export function funcType(params: readonly GoType[], variadic: boolean, result: GoType, returnsError: boolean): GoType {
  const ps = params.map((p, i) => (variadic && i === params.length - 1 ? `...${p.name}` : p.name)).join(', ');
  const res = returnsError ? `(${result.name}, error)` : ` ${result.name}`;
  const name = `func(${ps})${returnsError ? ` ${res}` : res}`;
  return cached(`func:${name}`, () => ({ kind: 'func', name, named: false, underlying: name }));
}

/** Go's AssignableTo for the types templates meet (no interfaces with methods). */
export function assignableTo(v: GoType, t: GoType): boolean {
  if (v === t || v.name === t.name) return true;
  if (t.kind === 'interface') return true;
  return (!v.named || !t.named) && v.underlying === t.underlying;
}

/** Go's canBeNil: types an untyped nil can become. */
export function canBeNil(t: GoType): boolean {
  switch (t.kind) {
    case 'func':
    case 'interface':
    case 'map':
    case 'ptr':
    case 'slice':
      return true;
    case 'struct':
      return t.reflectValue === true;
    default:
      return false;
  }
}

export function isIntLike(t: GoType): boolean {
  return t.kind === 'int' || t.kind === 'uint';
}

// ---- constructors ----------------------------------------------------------

export const goBool = (v: boolean, type: GoType = BOOL): GoValue => ({ kind: 'bool', type, v });
export const goInt = (v: number | bigint, type: GoType = INT): GoValue => ({ kind: 'int', type, v: BigInt(v) });
export const goUint = (v: number | bigint, type: GoType = UINT): GoValue => ({ kind: 'uint', type, v: BigInt(v) });
export const goFloat = (v: number, type: GoType = FLOAT64): GoValue => ({ kind: 'float', type, v });
export const goString = (v: string, type: GoType = STRING): GoValue => ({ kind: 'string', type, v });
export const goComplex = (re: number, im: number): GoValue => ({ kind: 'complex', type: COMPLEX128, re, im });
export const goSlice = (elem: GoType, elems: readonly GoValue[] | null, type: GoType = sliceOf(elem)): GoValue => ({
  kind: 'slice',
  type,
  elems: elems?.map((e) => boxAs(e, elem)) ?? null,
});
export const goPtr = (target: GoValue | null, type: GoType): GoValue => ({ kind: 'ptr', type, target });
export const goStruct = (type: GoType, fields: readonly Val[], opaque?: unknown): GoValue => ({
  kind: 'struct',
  type,
  fields: (type.fields ?? []).map((f, i) => boxAs(fields[i], f.type)),
  ...(opaque === undefined ? {} : { opaque }),
});

/** A nil interface of type `interface {}` holding v (or nothing). */
export function box(v: Val, type: GoType = ANY): GoValue {
  return { kind: 'interface', type, inner: v ?? null };
}

/** A value stored in a slot of type `t`: boxed for interface slots, the zero value for nil. */
export function boxAs(v: Val, t: GoType): GoValue {
  if (t.kind === 'interface') return v?.kind === 'interface' ? v : box(v, t);
  return v ?? zeroValue(t);
}

export function mapKeyOf(v: GoValue): MapKey {
  switch (v.kind) {
    case 'string':
    case 'bool':
    case 'float':
    case 'int':
    case 'uint':
      return v.v;
    case 'interface':
      return v.inner === null ? 'nil' : mapKeyOf(v.inner);
    default:
      return `${v.type.name}:${String(v.kind)}`;
  }
}

export function goMap(key: GoType, elem: GoType, entries: Iterable<readonly [GoValue, Val]> | null, type: GoType = mapOf(key, elem)): GoValue {
  if (entries === null) return { kind: 'map', type, entries: null };
  const m = new Map<MapKey, MapEntry>();
  for (const [k, v] of entries) m.set(mapKeyOf(k), { key: k, value: boxAs(v, elem) });
  return { kind: 'map', type, entries: m };
}

/** map[string]string from a record. */
export function stringMap(record: Readonly<Record<string, string>>, type: GoType = MAP_STRING_STRING): GoValue {
  return goMap(STRING, STRING, Object.entries(record).map(([k, v]) => [goString(k), goString(v)] as const), type);
}

/** Go's reflect.Zero. */
export function zeroValue(t: GoType): GoValue {
  switch (t.kind) {
    case 'bool':
      return goBool(false, t);
    case 'int':
      return goInt(0n, t);
    case 'uint':
      return goUint(0n, t);
    case 'float':
      return goFloat(0, t);
    case 'complex':
      return { kind: 'complex', type: t, re: 0, im: 0 };
    case 'string':
      return goString('', t);
    case 'slice':
      return { kind: 'slice', type: t, elems: null };
    case 'map':
      return { kind: 'map', type: t, entries: null };
    case 'ptr':
      return { kind: 'ptr', type: t, target: null };
    case 'interface':
      return { kind: 'interface', type: t, inner: null };
    case 'func':
      return { kind: 'func', type: t, fn: null };
    case 'struct':
      if (t === TIME) return timeValue(ZERO_TIME_SEC, 0);
      return { kind: 'struct', type: t, fields: (t.fields ?? []).map((f) => zeroValue(f.type)) };
  }
}

const GO_VALUE_KINDS: ReadonlySet<string> = new Set(['bool', 'int', 'uint', 'float', 'complex', 'string', 'slice', 'map', 'struct', 'ptr', 'interface', 'func']);

/** Whether x is already a GoValue (a record with a kind and a GoType). */
export function isGoValue(x: unknown): x is GoValue {
  if (typeof x !== 'object' || x === null) return false;
  const r = x as { kind?: unknown; type?: unknown };
  return typeof r.kind === 'string' && GO_VALUE_KINDS.has(r.kind) && typeof r.type === 'object' && r.type !== null && 'underlying' in r.type;
}

/**
 * A JS value as Go data. GoValues pass through; numbers become float64, bigints int,
 * Dates time.Time, arrays []interface {}; a plain object becomes map[string]string
 * when every value is a string, map[string]interface {} otherwise.
 */
export function toGoValue(x: unknown): Val {
  if (x === undefined || x === null) return undefined;
  if (isGoValue(x)) return x;
  switch (typeof x) {
    case 'boolean':
      return goBool(x);
    case 'number':
      return goFloat(x);
    case 'bigint':
      return goInt(x);
    case 'string':
      return goString(x);
    default:
      break;
  }
  if (x instanceof Date) {
    const ms = BigInt(x.getTime());
    const sec = ms >= 0n ? ms / 1000n : -((-ms + 999n) / 1000n);
    return timeValue(sec, Number(ms - sec * 1000n) * 1_000_000);
  }
  if (Array.isArray(x)) return goSlice(ANY, x.map(toGoValue).map((v) => box(v)));
  if (x instanceof Map) {
    return goMap(STRING, ANY, [...x.entries()].map(([k, v]) => [goString(String(k)), box(toGoValue(v))] as const));
  }
  if (typeof x === 'object') {
    const entries = Object.entries(x as Record<string, unknown>);
    if (entries.every(([, v]) => typeof v === 'string')) return stringMap(Object.fromEntries(entries) as Record<string, string>);
    return goMap(STRING, ANY, entries.map(([k, v]) => [goString(k), box(toGoValue(v))] as const));
  }
  return goString(String(x));
}

// ---- reflection helpers ----------------------------------------------------

/** Go's indirectInterface: the value inside an interface, or undefined for a nil one. */
export function indirectInterface(v: Val): Val {
  if (v?.kind !== 'interface') return v;
  return v.inner ?? undefined;
}

/** Go's indirect: through pointers and interfaces; `isNil` when a nil one stops the walk. */
export function indirect(v: Val): { v: Val; isNil: boolean } {
  let cur = v;
  for (;;) {
    if (cur?.kind === 'ptr') {
      if (cur.target === null) return { v: cur, isNil: true };
      cur = cur.target;
    } else if (cur?.kind === 'interface') {
      if (cur.inner === null) return { v: cur, isNil: true };
      cur = cur.inner;
    } else {
      return { v: cur, isNil: false };
    }
  }
}

/** Go's isTrue; `ok` false for kinds without a truth value. */
export function isTrue(v: Val): { truth: boolean; ok: boolean } {
  if (v === undefined) return { truth: false, ok: true };
  switch (v.kind) {
    case 'slice':
      return { truth: (v.elems?.length ?? 0) > 0, ok: true };
    case 'map':
      return { truth: (v.entries?.size ?? 0) > 0, ok: true };
    case 'string':
      return { truth: v.v.length > 0, ok: true };
    case 'bool':
      return { truth: v.v, ok: true };
    case 'complex':
      return { truth: v.re !== 0 || v.im !== 0, ok: true };
    case 'func':
      return { truth: v.fn !== null, ok: true };
    case 'ptr':
      return { truth: v.target !== null, ok: true };
    case 'interface':
      return { truth: v.inner !== null, ok: true };
    case 'int':
    case 'uint':
      return { truth: v.v !== 0n, ok: true };
    case 'float':
      return { truth: v.v !== 0, ok: true };
    case 'struct':
      return { truth: true, ok: true };
  }
}

export function truth(v: Val): boolean {
  return isTrue(indirectInterface(v)).truth;
}

export function lengthOf(v: GoValue): number | undefined {
  switch (v.kind) {
    case 'slice':
      return v.elems?.length ?? 0;
    case 'map':
      return v.entries?.size ?? 0;
    case 'string':
      return utf8Bytes(v.v).length;
    default:
      return undefined;
  }
}

/** A method of v's type (value receivers, so also found through a pointer). */
export function methodByName(v: GoValue, name: string): GoFunction | undefined {
  const target = v.kind === 'ptr' ? v.type.elem : v.type;
  const m = target?.methods?.get(name);
  if (m === undefined) return undefined;
  if (v.kind === 'ptr') {
    if (v.target === null) {
      const tn = target?.name ?? '?';
      return {
        ...m(zeroValue(target ?? ANY)),
        call: () => {
          throw new GoError(`value method ${tn}.${name} called using nil *${tn.replace(/^.*\./, '')} pointer`);
        },
      };
    }
    return m(v.target);
  }
  return m(v);
}

// ---- strings and sorting ---------------------------------------------------

const ENCODER = new TextEncoder();

export function utf8Bytes(s: string): Uint8Array {
  return ENCODER.encode(s);
}


function compareValues(a: GoValue, b: GoValue): number {
  if (a.kind === 'interface' || b.kind === 'interface') {
    const ia = a.kind === 'interface' ? a.inner : a;
    const ib = b.kind === 'interface' ? b.inner : b;
    if (ia === null || ib === null) return ia === ib ? 0 : ia === null ? -1 : 1;
    if (ia.type !== ib.type && ia.type.name !== ib.type.name) return compareGoStrings(ia.type.name, ib.type.name);
    return compareValues(ia, ib);
  }
  switch (a.kind) {
    case 'int':
    case 'uint':
      return b.kind === a.kind ? (a.v < b.v ? -1 : a.v > b.v ? 1 : 0) : 0;
    case 'string':
      return b.kind === 'string' ? compareGoStrings(a.v, b.v) : 0;
    case 'float':
      if (b.kind !== 'float') return 0;
      if (Number.isNaN(a.v)) return Number.isNaN(b.v) ? 0 : -1;
      if (Number.isNaN(b.v)) return 1;
      return a.v < b.v ? -1 : a.v > b.v ? 1 : 0;
    case 'bool':
      return b.kind === 'bool' ? Number(a.v) - Number(b.v) : 0;
    default:
      return 0;
  }
}

/** Map entries in Go's fmtsort order (what range and fmt use). */
export function sortedEntries(v: ValueOf<'map'>): MapEntry[] {
  return [...(v.entries?.values() ?? [])].sort((x, y) => compareValues(x.key, y.key));
}

// ---- time ------------------------------------------------------------------

export interface TimeParts {
  /** Unix seconds. */
  readonly sec: bigint;
  /** Nanoseconds within the second, 0..999999999. */
  readonly nsec: number;
}

/** Unix seconds of Go's zero Time (January 1, year 1, 00:00:00 UTC). */
const ZERO_TIME_SEC = -62135596800n;
const MAX_INT64 = (1n << 63n) - 1n;
const MIN_INT64 = -(1n << 63n);
const NS_PER_SEC = 1_000_000_000n;

function fillTimeMethods(m: Map<string, GoMethod>): void {
  const nullary = (name: string, result: GoType, f: (t: TimeParts) => Val): void => {
    m.set(name, (recv) => ({ params: [], result, call: () => f(timeParts(recv)) }));
  };
  nullary('Unix', INT64, (t) => goInt(t.sec, INT64));
  nullary('UnixMilli', INT64, (t) => goInt(wrapInt64(t.sec * 1000n + BigInt(Math.floor(t.nsec / 1e6))), INT64));
  nullary('UnixMicro', INT64, (t) => goInt(wrapInt64(t.sec * 1_000_000n + BigInt(Math.floor(t.nsec / 1e3))), INT64));
  nullary('UnixNano', INT64, (t) => goInt(wrapInt64(t.sec * NS_PER_SEC + BigInt(t.nsec)), INT64));
  nullary('String', STRING, (t) => goString(formatGoTime(t, DEFAULT_TIME_LAYOUT)));
  nullary('UTC', TIME, (t) => timeValue(t.sec, t.nsec));
  nullary('Local', TIME, (t) => timeValue(t.sec, t.nsec));
  nullary('IsZero', BOOL, (t) => goBool(t.sec === ZERO_TIME_SEC && t.nsec === 0));
  nullary('Year', INT, (t) => goInt(civil(t).year));
  nullary('Month', MONTH, (t) => goInt(civil(t).month, MONTH));
  nullary('Day', INT, (t) => goInt(civil(t).day));
  nullary('Hour', INT, (t) => goInt(civil(t).hour));
  nullary('Minute', INT, (t) => goInt(civil(t).minute));
  nullary('Second', INT, (t) => goInt(civil(t).second));
  nullary('Nanosecond', INT, (t) => goInt(t.nsec));
  nullary('YearDay', INT, (t) => goInt(civil(t).yearDay));
  nullary('Weekday', WEEKDAY, (t) => goInt(civil(t).weekday, WEEKDAY));
  m.set('Format', (recv) => ({
    params: [STRING],
    result: STRING,
    call: ([layout]) => goString(formatGoTime(timeParts(recv), layout?.kind === 'string' ? layout.v : '')),
  }));
  m.set('Add', (recv) => ({
    params: [DURATION],
    result: TIME,
    call: ([d]) => {
      const t = timeParts(recv);
      const total = t.sec * NS_PER_SEC + BigInt(t.nsec) + (d?.kind === 'int' ? d.v : 0n);
      return timeFromNanos(total);
    },
  }));
  m.set('Sub', (recv) => ({
    params: [TIME],
    result: DURATION,
    call: ([u]) => {
      const a = timeParts(recv);
      const b = u === undefined ? { sec: 0n, nsec: 0 } : timeParts(u);
      const d = (a.sec - b.sec) * NS_PER_SEC + BigInt(a.nsec - b.nsec);
      return goInt(d > MAX_INT64 ? MAX_INT64 : d < MIN_INT64 ? MIN_INT64 : d, DURATION);
    },
  }));
  const compare = (name: string, f: (c: number) => boolean): void => {
    m.set(name, (recv) => ({
      params: [TIME],
      result: BOOL,
      call: ([u]) => {
        const a = timeParts(recv);
        const b = u === undefined ? { sec: 0n, nsec: 0 } : timeParts(u);
        const c = a.sec !== b.sec ? (a.sec < b.sec ? -1 : 1) : Math.sign(a.nsec - b.nsec);
        return goBool(f(c));
      },
    }));
  };
  compare('Before', (c) => c < 0);
  compare('After', (c) => c > 0);
  compare('Equal', (c) => c === 0);
}

function fillDurationMethods(m: Map<string, GoMethod>): void {
  const nanos = (v: GoValue): bigint => (v.kind === 'int' ? v.v : 0n);
  const nullary = (name: string, result: GoType, f: (d: bigint) => Val): void => {
    m.set(name, (recv) => ({ params: [], result, call: () => f(nanos(recv)) }));
  };
  nullary('String', STRING, (d) => goString(formatGoDuration(d)));
  nullary('Nanoseconds', INT64, (d) => goInt(d, INT64));
  nullary('Microseconds', INT64, (d) => goInt(d / 1000n, INT64));
  nullary('Milliseconds', INT64, (d) => goInt(d / 1_000_000n, INT64));
  const fractional = (unit: bigint) => (d: bigint): Val => {
    const whole = d / unit;
    const rest = d % unit;
    return goFloat(Number(whole) + Number(rest) / Number(unit));
  };
  nullary('Seconds', FLOAT64, fractional(NS_PER_SEC));
  nullary('Minutes', FLOAT64, fractional(60n * NS_PER_SEC));
  nullary('Hours', FLOAT64, fractional(3600n * NS_PER_SEC));
  nullary('Abs', DURATION, (d) => goInt(d >= 0n ? d : d === MIN_INT64 ? MAX_INT64 : -d, DURATION));
}

function wrapInt64(x: bigint): bigint {
  return BigInt.asIntN(64, x);
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

export const MONTH = definedType('time.Month', INT, {
  stringer: (v) => {
    const n = v.kind === 'int' ? Number(v.v) : 0;
    return n >= 1 && n <= 12 ? (MONTHS[n - 1] ?? '') : `%!Month(${n})`;
  },
});
export const WEEKDAY = definedType('time.Weekday', INT, {
  stringer: (v) => {
    const n = v.kind === 'int' ? Number(v.v) : 0;
    return n >= 0 && n <= 6 ? (DAYS[n] ?? '') : `%!Weekday(${n})`;
  },
});

const durationMethodTable = new Map<string, GoMethod>();
const timeMethodTable = new Map<string, GoMethod>();

export const DURATION: GoType = definedType('time.Duration', INT64, {
  methods: durationMethodTable,
  stringer: (v) => formatGoDuration(v.kind === 'int' ? v.v : 0n),
});

export const TIME: GoType = {
  kind: 'struct',
  name: 'time.Time',
  named: true,
  underlying: 'time.Time',
  fields: [],
  methods: timeMethodTable,
  stringer: (v) => formatGoTime(timeParts(v), DEFAULT_TIME_LAYOUT),
};

fillTimeMethods(timeMethodTable);
fillDurationMethods(durationMethodTable);

export function timeValue(sec: bigint, nsec: number): GoValue {
  return { kind: 'struct', type: TIME, fields: [], opaque: { sec, nsec } satisfies TimeParts };
}

/** A time.Time from nanoseconds since the epoch. */
export function timeFromNanos(ns: bigint): GoValue {
  let sec = ns / NS_PER_SEC;
  let rem = ns % NS_PER_SEC;
  if (rem < 0n) {
    rem += NS_PER_SEC;
    sec -= 1n;
  }
  return timeValue(sec, Number(rem));
}

export function timeParts(v: GoValue): TimeParts {
  if (v.kind === 'struct' && v.type === TIME) {
    const o = v.opaque as TimeParts | undefined;
    if (o !== undefined) return o;
  }
  if (v.kind === 'ptr' && v.target !== null) return timeParts(v.target);
  return { sec: ZERO_TIME_SEC, nsec: 0 };
}

export function durationValue(ns: bigint): GoValue {
  return goInt(ns, DURATION);
}

/** Go's Duration.String: "1h2m3.5s", "1.5µs", "0s". */
export function formatGoDuration(d: bigint): string {
  if (d === 0n) return '0s';
  const neg = d < 0n;
  let u = neg ? -d : d;
  let out: string;
  const frac = (value: bigint, prec: number): [string, bigint] => {
    let s = '';
    let print = false;
    let v = value;
    for (let i = 0; i < prec; i++) {
      const digit = v % 10n;
      print = print || digit !== 0n;
      if (print) s = `${digit}${s}`;
      v /= 10n;
    }
    return [print ? `.${s}` : '', v];
  };
  if (u < NS_PER_SEC) {
    let unit: string;
    let prec: number;
    if (u < 1000n) [unit, prec] = ['ns', 0];
    else if (u < 1_000_000n) [unit, prec] = ['µs', 3];
    else [unit, prec] = ['ms', 6];
    const [f, whole] = frac(u, prec);
    out = `${whole}${f}${unit}`;
  } else {
    const [f, secs] = frac(u, 9);
    u = secs;
    out = `${u % 60n}${f}s`;
    u /= 60n;
    if (u > 0n) {
      out = `${u % 60n}m${out}`;
      u /= 60n;
      if (u > 0n) out = `${u}h${out}`;
    }
  }
  return neg ? `-${out}` : out;
}

interface Civil {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly yearDay: number;
  readonly weekday: number;
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

/** The UTC calendar fields of a time (proleptic Gregorian, like Go). */
function civil(t: TimeParts): Civil {
  const days = floorDiv(t.sec, 86400n);
  const secOfDay = Number(t.sec - days * 86400n);
  const { year, month, day } = civilFromDays(Number(days));
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const cumulative = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
  const yearDay = (cumulative[month - 1] ?? 0) + day + (leap && month > 2 ? 1 : 0);
  const weekday = (((Number(days % 7n) + 4) % 7) + 7) % 7;
  return {
    year,
    month,
    day,
    hour: Math.floor(secOfDay / 3600),
    minute: Math.floor(secOfDay / 60) % 60,
    second: secOfDay % 60,
    yearDay,
    weekday,
  };
}

export const DEFAULT_TIME_LAYOUT = '2006-01-02 15:04:05.999999999 -0700 MST';

type Std =
  | 'longMonth'
  | 'month'
  | 'numMonth'
  | 'zeroMonth'
  | 'longWeekDay'
  | 'weekDay'
  | 'day'
  | 'underDay'
  | 'zeroDay'
  | 'underYearDay'
  | 'zeroYearDay'
  | 'hour'
  | 'hour12'
  | 'zeroHour12'
  | 'minute'
  | 'zeroMinute'
  | 'second'
  | 'zeroSecond'
  | 'longYear'
  | 'year'
  | 'PM'
  | 'pm'
  | 'tz'
  | 'iso8601TZ'
  | 'iso8601SecondsTZ'
  | 'iso8601ShortTZ'
  | 'iso8601ColonTZ'
  | 'iso8601ColonSecondsTZ'
  | 'numTZ'
  | 'numSecondsTz'
  | 'numShortTZ'
  | 'numColonTZ'
  | 'numColonSecondsTZ'
  | { frac: '0' | '9'; digits: number; sep: string };

const startsWithLower = (s: string): boolean => s.length > 0 && s[0]! >= 'a' && s[0]! <= 'z';
const isDigitAt = (s: string, i: number): boolean => i < s.length && s[i]! >= '0' && s[i]! <= '9';

/** Go's nextStdChunk: the text before the next layout element, the element, and the rest. */
function nextStdChunk(layout: string): [string, Std | undefined, string] {
  const has = (i: number, s: string): boolean => layout.startsWith(s, i);
  for (let i = 0; i < layout.length; i++) {
    const c = layout[i];
    const pre = layout.slice(0, i);
    switch (c) {
      case 'J':
        if (has(i, 'Jan')) {
          if (has(i, 'January')) return [pre, 'longMonth', layout.slice(i + 7)];
          if (!startsWithLower(layout.slice(i + 3))) return [pre, 'month', layout.slice(i + 3)];
        }
        break;
      case 'M':
        if (has(i, 'Mon')) {
          if (has(i, 'Monday')) return [pre, 'longWeekDay', layout.slice(i + 6)];
          if (!startsWithLower(layout.slice(i + 3))) return [pre, 'weekDay', layout.slice(i + 3)];
        }
        if (has(i, 'MST')) return [pre, 'tz', layout.slice(i + 3)];
        break;
      case '0': {
        const n = layout[i + 1];
        if (n !== undefined && n >= '1' && n <= '6') {
          const std0x: Std[] = ['zeroMonth', 'zeroDay', 'zeroHour12', 'zeroMinute', 'zeroSecond', 'year'];
          return [pre, std0x[n.charCodeAt(0) - 49]!, layout.slice(i + 2)];
        }
        if (has(i, '002')) return [pre, 'zeroYearDay', layout.slice(i + 3)];
        break;
      }
      case '1':
        if (layout[i + 1] === '5') return [pre, 'hour', layout.slice(i + 2)];
        return [pre, 'numMonth', layout.slice(i + 1)];
      case '2':
        if (has(i, '2006')) return [pre, 'longYear', layout.slice(i + 4)];
        return [pre, 'day', layout.slice(i + 1)];
      case '_':
        if (layout[i + 1] === '2') {
          if (has(i + 1, '2006')) return [layout.slice(0, i + 1), 'longYear', layout.slice(i + 5)];
          return [pre, 'underDay', layout.slice(i + 2)];
        }
        if (has(i, '__2')) return [pre, 'underYearDay', layout.slice(i + 3)];
        break;
      case '3':
        return [pre, 'hour12', layout.slice(i + 1)];
      case '4':
        return [pre, 'minute', layout.slice(i + 1)];
      case '5':
        return [pre, 'second', layout.slice(i + 1)];
      case 'P':
        if (layout[i + 1] === 'M') return [pre, 'PM', layout.slice(i + 2)];
        break;
      case 'p':
        if (layout[i + 1] === 'm') return [pre, 'pm', layout.slice(i + 2)];
        break;
      case '-':
        if (has(i, '-070000')) return [pre, 'numSecondsTz', layout.slice(i + 7)];
        if (has(i, '-07:00:00')) return [pre, 'numColonSecondsTZ', layout.slice(i + 9)];
        if (has(i, '-0700')) return [pre, 'numTZ', layout.slice(i + 5)];
        if (has(i, '-07:00')) return [pre, 'numColonTZ', layout.slice(i + 6)];
        if (has(i, '-07')) return [pre, 'numShortTZ', layout.slice(i + 3)];
        break;
      case 'Z':
        if (has(i, 'Z070000')) return [pre, 'iso8601SecondsTZ', layout.slice(i + 7)];
        if (has(i, 'Z07:00:00')) return [pre, 'iso8601ColonSecondsTZ', layout.slice(i + 9)];
        if (has(i, 'Z0700')) return [pre, 'iso8601TZ', layout.slice(i + 5)];
        if (has(i, 'Z07:00')) return [pre, 'iso8601ColonTZ', layout.slice(i + 6)];
        if (has(i, 'Z07')) return [pre, 'iso8601ShortTZ', layout.slice(i + 3)];
        break;
      case '.':
      case ',': {
        const ch = layout[i + 1];
        if (ch === '0' || ch === '9') {
          let j = i + 1;
          while (j < layout.length && layout[j] === ch) j++;
          if (!isDigitAt(layout, j)) return [pre, { frac: ch, digits: j - (i + 1), sep: c }, layout.slice(j)];
        }
        break;
      }
      default:
        break;
    }
  }
  return [layout, undefined, ''];
}

function pad(n: number, width: number, fill = '0'): string {
  const s = String(Math.abs(n));
  return (n < 0 ? '-' : '') + (s.length >= width ? s : fill.repeat(width - s.length) + s);
}

/** Go's Time.Format for a UTC time. */
export function formatGoTime(t: TimeParts, layout: string): string {
  const c = civil(t);
  let out = '';
  let rest = layout;
  while (rest !== '') {
    const [prefix, std, suffix] = nextStdChunk(rest);
    out += prefix;
    if (std === undefined) break;
    rest = suffix;
    if (typeof std === 'object') {
      const digits = Math.min(std.digits, 9);
      let frac = String(t.nsec).padStart(9, '0').slice(0, digits);
      if (std.frac === '9') {
        frac = frac.replace(/0+$/, '');
        if (frac !== '') out += std.sep + frac;
      } else {
        out += std.sep + frac;
      }
      continue;
    }
    switch (std) {
      case 'year':
        out += pad(Math.abs(c.year) % 100, 2);
        break;
      case 'longYear':
        out += pad(c.year, 4);
        break;
      case 'month':
        out += (MONTHS[c.month - 1] ?? '').slice(0, 3);
        break;
      case 'longMonth':
        out += MONTHS[c.month - 1] ?? '';
        break;
      case 'numMonth':
        out += String(c.month);
        break;
      case 'zeroMonth':
        out += pad(c.month, 2);
        break;
      case 'weekDay':
        out += (DAYS[c.weekday] ?? '').slice(0, 3);
        break;
      case 'longWeekDay':
        out += DAYS[c.weekday] ?? '';
        break;
      case 'day':
        out += String(c.day);
        break;
      case 'underDay':
        out += pad(c.day, 2, ' ');
        break;
      case 'zeroDay':
        out += pad(c.day, 2);
        break;
      case 'underYearDay':
        out += pad(c.yearDay, 3, ' ');
        break;
      case 'zeroYearDay':
        out += pad(c.yearDay, 3);
        break;
      case 'hour':
        out += pad(c.hour, 2);
        break;
      case 'hour12':
        out += String(c.hour % 12 === 0 ? 12 : c.hour % 12);
        break;
      case 'zeroHour12':
        out += pad(c.hour % 12 === 0 ? 12 : c.hour % 12, 2);
        break;
      case 'minute':
        out += String(c.minute);
        break;
      case 'zeroMinute':
        out += pad(c.minute, 2);
        break;
      case 'second':
        out += String(c.second);
        break;
      case 'zeroSecond':
        out += pad(c.second, 2);
        break;
      case 'PM':
        out += c.hour >= 12 ? 'PM' : 'AM';
        break;
      case 'pm':
        out += c.hour >= 12 ? 'pm' : 'am';
        break;
      case 'tz':
        out += 'UTC';
        break;
      case 'iso8601TZ':
      case 'iso8601SecondsTZ':
      case 'iso8601ShortTZ':
      case 'iso8601ColonTZ':
      case 'iso8601ColonSecondsTZ':
        out += 'Z';
        break;
      case 'numTZ':
        out += '+0000';
        break;
      case 'numSecondsTz':
        out += '+000000';
        break;
      case 'numShortTZ':
        out += '+00';
        break;
      case 'numColonTZ':
        out += '+00:00';
        break;
      case 'numColonSecondsTZ':
        out += '+00:00:00';
        break;
    }
  }
  return out;
}

export { compareGoStrings };
