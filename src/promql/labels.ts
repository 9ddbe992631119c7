/**
 * Output label inference: which labels the series an expression returns can carry, so that a template
 * printing `{{ $labels.instance }}` after `sum by (job)` dropped `instance` (it would always print nothing)
 * and a legend naming a label the query does not return can be reported.
 *
 * The rules follow Prometheus' engine with delayed name removal off (the default): `resultMetric` and
 * `VectorAnd/Or/Unless` for binary operators, `generateGroupingLabels`/`aggregationK`/`aggregationCountValues`
 * for aggregations, and in functions.go which functions drop the metric name, `label_replace`/`label_join`,
 * `createLabelsForAbsentFunction`, the classic-histogram functions' removal of `le`, and `info()`.
 *
 * Everything is "may carry": a label in `labels` is carried by some result series, not necessarily all.
 * A label is definitely missing when it is neither in `labels` nor admitted by `open` (see `mayCarry`).
 */
import type { CatalogIndex } from '../catalog/lookup.js';
import type { Aggregate, Binary, Call, Expr, LabelMatcher, VectorSelector } from './ast.js';
import { unwrapParens } from './ast.js';
import { typeOf } from './check.js';
import { FUNCTIONS } from './functions.js';
import { compileMatcherRegex, translateRe2 } from './regex.js';

const NAME = '__name__';

export interface LabelSet {
  /** Labels the result series may carry (never __name__). */
  readonly labels: ReadonlySet<string>;
  /** True when the series may also carry labels we cannot know (an uncatalogued metric, info(), …). */
  readonly open: boolean;
  /**
   * With `open`, labels the series certainly do not carry (dropped by `without`, a matcher `x=""`, …).
   * Without `open` every label outside `labels` is absent and this is empty or omitted.
   */
  readonly absent?: ReadonlySet<string>;
  /**
   * Labels whose value is known whenever a series carries them, e.g. from an equality matcher
   * `{job="node"}` or label_replace with a constant.
   */
  readonly values?: ReadonlyMap<string, string>;
  /** Whether the result may keep the metric name (__name__). */
  readonly keepsName: boolean;
}

export interface LabelContext {
  readonly index?: CatalogIndex;
  /** Output labels of recording rules declared earlier (recording rules feeding later rules); see `recordedSeries`. */
  readonly recorded?: ReadonlyMap<string, LabelSet>;
  /** The expression's text, so that explanations give `line:column` (UTF-8 byte columns, as promtool) rather than offsets. */
  readonly source?: string;
}

/** Whether series of `set` may carry `label` (`__name__` included). */
export function mayCarry(set: LabelSet, label: string): boolean {
  if (label === NAME) return set.keepsName;
  return set.labels.has(label) || (set.open && !(set.absent?.has(label) ?? false));
}

/** The labels `expr`'s result series may carry. */
export function outputLabels(expr: Expr, ctx: LabelContext = {}): LabelSet {
  return publish(infer(expr, ctx));
}

/** Why `label` is never on `expr`'s result, e.g. 'dropped by sum by (job) at 1:1'; undefined when it may be. */
export function explainMissing(expr: Expr, label: string, ctx: LabelContext = {}): string | undefined {
  const r = infer(expr, ctx);
  return carries(r, label) ? undefined : r.why(label);
}

/**
 * The series a recording rule writes: its expression's labels, the rule's static `labels` applied (an empty
 * value removes the label, as Prometheus does), and the record name as `__name__`. Feed these to `recorded`.
 */
export function recordedSeries(exprLabels: LabelSet, ruleLabels: Readonly<Record<string, string>> = {}): LabelSet {
  const labels = new Set(exprLabels.labels);
  const absent = new Set(exprLabels.absent ?? []);
  const values = new Map(exprLabels.values ?? []);
  for (const [k, v] of Object.entries(ruleLabels)) {
    if (k === NAME) continue;
    if (v === '') {
      labels.delete(k);
      values.delete(k);
      if (exprLabels.open) absent.add(k);
    } else {
      labels.add(k);
      absent.delete(k);
      values.set(k, v);
    }
  }
  return { labels, open: exprLabels.open, absent: exprLabels.open ? absent : new Set(), values, keepsName: true };
}

// ---------------------------------------------------------------------------------------------------------
// Internal representation: a mutable label set plus a function telling why a label is missing.

interface Inferred {
  labels: Set<string>;
  open: boolean;
  /** Meaningful only when open. */
  absent: Set<string>;
  values: Map<string, string>;
  keepsName: boolean;
  /** Why `label` is missing; only asked for labels `carries` denies. */
  why: (label: string) => string;
}

function carries(r: Inferred, label: string): boolean {
  if (label === NAME) return r.keepsName;
  return r.labels.has(label) || (r.open && !r.absent.has(label));
}

function publish(r: Inferred): LabelSet {
  const labels = new Set([...r.labels].filter((l) => l !== NAME).sort());
  const values = new Map([...r.values].filter(([k]) => carries(r, k) && k !== NAME).sort(([a], [b]) => (a < b ? -1 : 1)));
  const absent = r.open ? new Set([...r.absent].filter((l) => !labels.has(l)).sort()) : new Set<string>();
  return { labels, open: r.open, absent, values, keepsName: r.keepsName };
}

function empty(why: (label: string) => string): Inferred {
  return { labels: new Set(), open: false, absent: new Set(), values: new Map(), keepsName: false, why };
}

function clone(r: Inferred): Inferred {
  return { ...r, labels: new Set(r.labels), absent: new Set(r.absent), values: new Map(r.values) };
}

/** Removes `label` for certain (value included). */
function drop(r: Inferred, label: string): void {
  if (label === NAME) {
    r.keepsName = false;
    return;
  }
  r.labels.delete(label);
  r.values.delete(label);
  if (r.open) r.absent.add(label);
}

/** Adds `label` as (possibly) carried; `value` known or unknown. */
function add(r: Inferred, label: string, value?: string): void {
  if (label === NAME) {
    r.keepsName = true;
    return;
  }
  r.labels.add(label);
  r.absent.delete(label);
  if (value === undefined) r.values.delete(label);
  else r.values.set(label, value);
}

// ---------------------------------------------------------------------------------------------------------

function infer(e: Expr, ctx: LabelContext): Inferred {
  switch (e.kind) {
    case 'NumberLiteral':
      return empty(() => `the number at ${at(ctx, e.from)} is a scalar, which has no labels`);
    case 'StringLiteral':
      return empty(() => `the string at ${at(ctx, e.from)} has no labels`);
    case 'VectorSelector':
      return selector(e, ctx);
    case 'MatrixSelector':
      return selector(e.selector, ctx);
    case 'Subquery':
    case 'Paren':
      return infer(e.expr, ctx);
    case 'Unary': {
      const r = infer(e.expr, ctx);
      if (e.op === '+' || typeOf(e.expr) === 'scalar' || !r.keepsName) return r;
      return dropName(r, `unary minus at ${at(ctx, e.from)}`);
    }
    case 'Aggregate':
      return aggregate(e, ctx);
    case 'Binary':
      return binary(e, ctx);
    case 'Call':
      return call(e, ctx);
  }
}

function dropName(input: Inferred, by: string): Inferred {
  const r = clone(input);
  r.keepsName = false;
  r.why = (l) => (l === NAME ? `dropped by ${by}` : input.why(l));
  return r;
}

// --- Selectors ---------------------------------------------------------------------------------------------

function metricName(s: VectorSelector): string | undefined {
  return s.name ?? s.matchers.find((m) => m.name === NAME && m.op === '=')?.value;
}

function selector(s: VectorSelector, ctx: LabelContext): Inferred {
  const name = metricName(s);
  const recorded = name === undefined ? undefined : ctx.recorded?.get(name);
  const resolved = name === undefined || recorded ? undefined : ctx.index?.resolve(name);
  let r: Inferred;
  if (recorded) {
    r = {
      labels: new Set(recorded.labels),
      open: recorded.open,
      absent: new Set(recorded.absent ?? []),
      values: new Map(recorded.values ?? []),
      keepsName: true,
      why: (l) => `the recording rule ${name} does not output ${l}`,
    };
  } else if (resolved) {
    const known = resolved.labels.join(', ');
    r = {
      labels: new Set(resolved.labels),
      open: false,
      absent: new Set(),
      values: new Map(),
      keepsName: true,
      why: (l) => `${name} has no label ${l} in catalog ${resolved.catalog.name} (it has ${known || 'no labels'})`,
    };
  } else {
    r = {
      labels: new Set(),
      open: true,
      absent: new Set(),
      values: new Map(),
      keepsName: true,
      why: (l) => `${name ?? 'the selector'} has no label ${l}`,
    };
  }
  const base = r.why;
  const emptied = new Map<string, LabelMatcher>();
  for (const m of s.matchers) {
    if (m.name === NAME) continue;
    const matchesEmpty = matcherMatches(m, '');
    if (!matchesEmpty) {
      // Every selected series carries it.
      const value = m.op === '=' ? m.value : m.op === '=~' && isLiteralRegex(m.value) ? m.value : undefined;
      if (value !== undefined || !r.labels.has(m.name)) add(r, m.name, value ?? r.values.get(m.name));
    } else if (matchesOnlyEmpty(m)) {
      drop(r, m.name);
      emptied.set(m.name, m);
    }
  }
  r.why = (l) => {
    const m = emptied.get(l);
    if (m) return `the matcher ${l}${m.op}${JSON.stringify(m.value)} at ${at(ctx, m.from)} selects only series without it`;
    return base(l);
  };
  return r;
}

function matcherMatches(m: LabelMatcher, value: string): boolean {
  switch (m.op) {
    case '=':
      return m.value === value;
    case '!=':
      return m.value !== value;
    case '=~':
    case '!~': {
      const re = compileMatcherRegex(m.value);
      // An invalid regex does not parse; treat it as matching anything so nothing is concluded.
      if (!re.ok) return true;
      return re.regex.test(value) === (m.op === '=~');
    }
  }
}

/** Matchers that only accept the empty value (the label is absent): `x=""`, `x=~""`, `x!~".+"`. */
function matchesOnlyEmpty(m: LabelMatcher): boolean {
  if (m.op === '=') return m.value === '';
  if (m.op === '=~') return m.value === '' || m.value === '()' || m.value === '(?:)';
  if (m.op === '!~') return m.value === '.+' || m.value === '(.+)';
  return false;
}

/** A regex that is a plain string (Prometheus optimises these into equality matchers too). */
function isLiteralRegex(v: string): boolean {
  return v !== '' && !/[\\.+*?()|[\]{}^$]/.test(v);
}

// --- Aggregations ------------------------------------------------------------------------------------------

function describeAggregate(e: Aggregate): string {
  const g = e.grouping;
  return g ? `${e.op} ${g.mode} (${g.labels.join(', ')})` : e.op;
}

function aggregate(e: Aggregate, ctx: LabelContext): Inferred {
  const input = infer(e.expr, ctx);
  if (e.op === 'topk' || e.op === 'bottomk' || e.op === 'limitk' || e.op === 'limit_ratio') return input;

  const by = `${describeAggregate(e)} at ${at(ctx, e.from)}`;
  const src = clone(input);
  let valueLabel: string | undefined;
  if (e.op === 'count_values') {
    const p = e.param ? unwrapParens(e.param) : undefined;
    valueLabel = p?.kind === 'StringLiteral' ? p.value : undefined;
    // The value label is set on every input series before grouping (always to a non-empty value).
    if (valueLabel !== undefined) add(src, valueLabel);
  }
  const mode = e.grouping?.mode ?? 'by';
  const listed = e.grouping?.labels ?? [];
  if (mode === 'without') {
    const r = clone(src);
    for (const l of listed) drop(r, l);
    r.keepsName = false;
    const dropped = new Set([...listed, NAME]);
    r.why = (l) => (dropped.has(l) && carries(src, l) ? `dropped by ${by}` : input.why(l));
    return r;
  }
  const keep = new Set(listed);
  if (valueLabel !== undefined) keep.add(valueLabel);
  const r = empty((l) => (!keep.has(l) && carries(src, l) ? `dropped by ${by}` : input.why(l)));
  for (const l of keep) {
    if (!carries(src, l)) continue;
    if (l === NAME) r.keepsName = true;
    else add(r, l, src.values.get(l));
  }
  return r;
}

// --- Binary operators --------------------------------------------------------------------------------------

const ARITHMETIC: ReadonlySet<string> = new Set(['+', '-', '*', '/', '%', '^', 'atan2']);

function describeBinary(e: Binary): string {
  let s: string = e.op;
  if (e.bool) s += ' bool';
  const m = e.matching;
  if (m && (m.on || m.labels.length > 0)) s += ` ${m.on ? 'on' : 'ignoring'} (${m.labels.join(', ')})`;
  if (m?.card === 'many-to-one') s += ` group_left (${m.include.join(', ')})`;
  if (m?.card === 'one-to-many') s += ` group_right (${m.include.join(', ')})`;
  return s;
}

/** Offset of the operator: the first token between the operands (skipping spaces and comments). */
function operatorOffset(e: Binary, ctx: LabelContext): number {
  const src = ctx.source;
  if (src === undefined) return e.lhs.to;
  let i = e.lhs.to;
  while (i < e.rhs.from) {
    const c = src[i];
    if (c === '#') {
      const nl = src.indexOf('\n', i);
      i = nl < 0 ? e.rhs.from : nl + 1;
    } else if (c !== undefined && /\s/.test(c)) i++;
    else break;
  }
  return i;
}

function binary(e: Binary, ctx: LabelContext): Inferred {
  const lt = typeOf(e.lhs);
  const rt = typeOf(e.rhs);
  const desc = `${describeBinary(e)} at ${at(ctx, operatorOffset(e, ctx))}`;
  const dropsName = ARITHMETIC.has(e.op) || e.bool;
  if (lt === 'scalar' && rt === 'scalar') {
    return empty(() => `${desc} has two scalar operands, so it returns a scalar, which has no labels`);
  }
  if (lt === 'scalar' || rt === 'scalar' || !e.matching) {
    // VectorscalarBinop: the vector's series, without the name for arithmetic and `bool`.
    const v = infer(lt === 'scalar' ? e.rhs : e.lhs, ctx);
    return dropsName && v.keepsName ? dropName(v, desc) : v;
  }
  const L = infer(e.lhs, ctx);
  const R = infer(e.rhs, ctx);
  const m = e.matching;
  switch (e.op) {
    case 'and':
      return andOp(L, R, m.on, m.labels);
    case 'unless':
      return L;
    case 'or':
      return union(L, R, (l) => `neither side of ${desc} carries it: left: ${L.why(l)}; right: ${R.why(l)}`);
  }
  const fill = e.fill !== undefined && (e.fill.lhs !== undefined || e.fill.rhs !== undefined);
  if (m.card === 'one-to-one') return oneToOne(L, R, m.on, m.labels, dropsName, fill, desc);
  const [many, one] = m.card === 'many-to-one' ? [L, R] : [R, L];
  const oneSide = m.card === 'many-to-one' ? 'right' : 'left';
  return grouped(many, one, oneSide, m.on, m.labels, m.include, dropsName, fill, desc);
}

/** `and`: the left-hand side's series; matching labels take the right-hand side's known values. */
function andOp(L: Inferred, R: Inferred, on: boolean, matchingLabels: string[]): Inferred {
  const r = clone(L);
  const matched = (l: string): boolean => (on ? matchingLabels.includes(l) : !matchingLabels.includes(l));
  for (const [l, v] of R.values) if (matched(l) && carries(r, l) && !r.values.has(l)) r.values.set(l, v);
  return r;
}

function union(a: Inferred, b: Inferred, why: (l: string) => string): Inferred {
  const r: Inferred = {
    labels: new Set([...a.labels, ...b.labels]),
    open: a.open || b.open,
    absent: new Set(),
    values: new Map(),
    keepsName: a.keepsName || b.keepsName,
    why,
  };
  if (r.open) for (const l of [...a.absent, ...b.absent]) if (!carries(a, l) && !carries(b, l)) r.absent.add(l);
  for (const [l, v] of a.values) if (b.values.get(l) === v || !carries(b, l)) r.values.set(l, v);
  for (const [l, v] of b.values) if (!carries(a, l)) r.values.set(l, v);
  return r;
}

/** Labels of `r` other than those in `except`, with `r`'s openness: the series minus ignored labels. */
function without(r: Inferred, except: readonly string[]): Inferred {
  const out = clone(r);
  for (const l of except) drop(out, l);
  return out;
}

/** Labels of `r` among `only` (never open). */
function onlyThese(r: Inferred, only: readonly string[]): Inferred {
  const out = empty(r.why);
  for (const l of only) if (carries(r, l)) add(out, l, r.values.get(l));
  return out;
}

/**
 * Labels a matched pair keeps when signatures must be equal: a matching label survives only where both
 * sides may carry it (both carry it with the same value, or neither does).
 */
function intersect(a: Inferred, b: Inferred): Inferred {
  const r: Inferred = {
    labels: new Set(),
    open: a.open && b.open,
    absent: new Set([...a.absent, ...b.absent]),
    values: new Map(),
    keepsName: a.keepsName,
    why: a.why,
  };
  for (const l of new Set([...a.labels, ...b.labels])) if (carries(a, l) && carries(b, l)) r.labels.add(l);
  for (const l of r.labels) {
    const v = a.values.get(l) ?? b.values.get(l);
    if (v !== undefined) r.values.set(l, v);
  }
  return r;
}

function oneToOne(
  L: Inferred,
  R: Inferred,
  on: boolean,
  matchingLabels: string[],
  dropsName: boolean,
  fill: boolean,
  desc: string,
): Inferred {
  // resultMetric: the left-hand side's labels, minus the name (arithmetic, bool), then `on` keeps only the
  // listed labels or `ignoring` deletes them. Only pairs with equal signatures produce output.
  const listed = new Set(matchingLabels);
  const lhs = on ? onlyThese(L, matchingLabels) : without(L, matchingLabels);
  const rhs = on ? onlyThese(R, matchingLabels) : without(R, matchingLabels);
  let r = intersect(lhs, rhs);
  r.keepsName = lhs.keepsName && !dropsName && (!on || rhs.keepsName);
  if (fill) {
    // Unmatched series of either side still produce output; a filled-in side has only the matching labels.
    r = union(r, { ...clone(lhs), keepsName: lhs.keepsName && !dropsName }, r.why);
    r = union(r, { ...clone(rhs), keepsName: on && rhs.keepsName && !dropsName }, r.why);
  }
  r.why = (l) => {
    if (!carries(L, l)) return L.why(l);
    if (l === NAME && dropsName) return `dropped by ${desc}`;
    if (on ? !listed.has(l) : listed.has(l)) return `dropped by ${desc}`;
    return `${desc} matches only series whose right-hand side carries the same ${l}, and ${R.why(l)}`;
  };
  return r;
}

function grouped(
  many: Inferred,
  one: Inferred,
  oneSide: 'left' | 'right',
  on: boolean,
  matchingLabels: string[],
  include: string[],
  dropsName: boolean,
  fill: boolean,
  desc: string,
): Inferred {
  // resultMetric with group_x: all labels of the "many" side (minus the name for arithmetic and bool), then
  // each include label copied from the "one" side (deleted where the one side lacks it). Matching still
  // requires equal signatures, which restricts the matching labels to those both sides may carry.
  const listed = new Set(matchingLabels);
  const isMatching = (l: string): boolean => (on ? listed.has(l) : !listed.has(l)) && l !== NAME;
  const r = clone(many);
  r.keepsName = many.keepsName && !dropsName;
  const restricted = new Set<string>();
  if (!fill) {
    // A matching label survives only where the one side may carry it too (with the same value).
    for (const l of on ? [...listed] : [...r.labels]) {
      if (isMatching(l) && !include.includes(l) && carries(r, l) && !carries(one, l)) {
        drop(r, l);
        restricted.add(l);
      }
    }
    if (!on && r.open && !one.open) {
      // With ignoring, every label but the ignored ones must also be on the one side: nothing unknown is left.
      r.open = false;
      for (const l of one.labels) if (carries(many, l)) add(r, l, many.values.get(l) ?? one.values.get(l));
      for (const l of listed) if (l !== NAME && carries(many, l)) add(r, l, many.values.get(l));
    }
    for (const l of r.labels) {
      const v = one.values.get(l);
      if (isMatching(l) && !r.values.has(l) && v !== undefined) r.values.set(l, v);
    }
  }
  const includeMissing = new Set<string>();
  for (const l of include) {
    if (carries(one, l)) add(r, l, one.values.get(l));
    else if (!fill) {
      drop(r, l);
      includeMissing.add(l);
    } else if (!carries(many, l)) drop(r, l);
  }
  let out = r;
  if (fill) {
    // An unmatched "one" series stands in for the missing many side with its matching labels only.
    const stand = on ? onlyThese(one, matchingLabels) : without(one, [...matchingLabels, NAME]);
    for (const l of include) if (carries(one, l)) add(stand, l, one.values.get(l));
    stand.keepsName = false;
    out = union(r, stand, r.why);
  }
  out.why = (l) => {
    if (l === NAME) return many.keepsName ? `dropped by ${desc}` : many.why(l);
    if (includeMissing.has(l)) return `${desc} copies ${l} from the ${oneSide}-hand side, which lacks it: ${one.why(l)}`;
    if (restricted.has(l)) {
      return `${desc} matches only series whose ${oneSide}-hand side carries the same ${l}, and ${one.why(l)}`;
    }
    if (!carries(many, l)) return many.why(l);
    return `${desc} matches only series whose ${oneSide}-hand side carries the same labels, and ${one.why(l)}`;
  };
  return out;
}

// --- Functions ---------------------------------------------------------------------------------------------

/** Functions whose result keeps the input's metric name; every other vector function drops it. */
const KEEP_NAME: ReadonlySet<string> = new Set([
  'sort',
  'sort_desc',
  'sort_by_label',
  'sort_by_label_desc',
  'last_over_time',
  'first_over_time',
  'label_replace',
  'label_join',
  'info',
]);

/** Without an argument these work on vector(time()): one series without labels. */
const DATE_FUNCS: ReadonlySet<string> = new Set([
  'day_of_month',
  'day_of_week',
  'day_of_year',
  'days_in_month',
  'hour',
  'minute',
  'month',
  'year',
]);

/** The classic-histogram functions group buckets by their labels without `le`. */
const DROP_LE: ReadonlySet<string> = new Set(['histogram_quantile', 'histogram_fraction', 'histogram_quantiles']);

function call(e: Call, ctx: LabelContext): Inferred {
  const fn = `${e.func}() at ${at(ctx, e.from)}`;
  const info = FUNCTIONS.get(e.func);
  if (info?.returnType === 'scalar') return empty(() => `${fn} returns a scalar, which has no labels`);
  if (info?.returnType === 'string') return empty(() => `${fn} returns a string, which has no labels`);
  switch (e.func) {
    case 'vector':
      return empty(() => `${fn} returns one series without labels`);
    case 'absent':
    case 'absent_over_time':
      return absent(e, fn);
    case 'label_replace':
      return labelReplace(e, ctx, fn);
    case 'label_join':
      return labelJoin(e, ctx, fn);
    case 'info':
      return infoCall(e, ctx, fn);
  }
  if (DATE_FUNCS.has(e.func) && e.args.length === 0) {
    return empty(() => `${fn} without an argument returns one series without labels`);
  }
  // The series come from the (first) vector or range-vector argument.
  const arg = e.args.find((a) => {
    const t = typeOf(a);
    return t === 'vector' || t === 'matrix';
  });
  if (!arg) {
    // Unknown function: nothing can be said.
    return { labels: new Set(), open: true, absent: new Set(), values: new Map(), keepsName: true, why: () => fn };
  }
  let r = infer(arg, ctx);
  if (DROP_LE.has(e.func)) {
    const input = r;
    r = clone(input);
    drop(r, 'le');
    if (e.func === 'histogram_quantiles') {
      const q = e.args[1] ? unwrapParens(e.args[1]) : undefined;
      if (q?.kind === 'StringLiteral') add(r, q.value);
    }
    r.why = (l) => (l === 'le' && carries(input, 'le') ? `dropped by ${fn}` : input.why(l));
  }
  if (!KEEP_NAME.has(e.func) && r.keepsName) r = dropName(r, fn);
  return r;
}

/** createLabelsForAbsentFunction: the labels of the selector's equality matchers, the first per name. */
function absent(e: Call, fn: string): Inferred {
  const r = empty((l) => `${fn} outputs only the labels of its selector's equality matchers, not ${l}`);
  const arg = e.args[0] ? unwrapParens(e.args[0]) : undefined;
  const sel = arg?.kind === 'VectorSelector' ? arg : arg?.kind === 'MatrixSelector' ? arg.selector : undefined;
  if (!sel) {
    r.why = () => `${fn} over anything but a selector outputs a series without labels`;
    return r;
  }
  const has = new Set<string>();
  for (const m of sel.matchers) {
    if (m.name === NAME) continue;
    if (m.op === '=' && !has.has(m.name)) {
      has.add(m.name);
      if (m.value === '') drop(r, m.name);
      else add(r, m.name, m.value);
    } else {
      drop(r, m.name);
    }
  }
  return r;
}

/** What a label holds on every series: a known value ('' = absent) or unknown. */
function knownValue(r: Inferred, label: string): string | undefined {
  if (label === '' || !carries(r, label)) return '';
  return label === NAME ? undefined : r.values.get(label);
}

function stringArg(e: Call, i: number): string | undefined {
  const a = e.args[i] ? unwrapParens(e.args[i]!) : undefined;
  return a?.kind === 'StringLiteral' ? a.value : undefined;
}

/** Patterns that match every string (label_replace anchors them and lets `.` match newlines). */
function matchesEverything(re: string): boolean {
  return ['.*', '(.*)', '(?:.*)', '.*?', '(.*?)', '(?s:.*)', '(?s).*'].includes(re);
}

function setLabel(r: Inferred, dst: string, value: string | undefined): void {
  if (value === '') drop(r, dst);
  else add(r, dst, value);
}

function labelReplace(e: Call, ctx: LabelContext, fn: string): Inferred {
  const input = infer(e.args[0]!, ctx);
  const [dst, repl, src, regex] = [stringArg(e, 1), stringArg(e, 2), stringArg(e, 3), stringArg(e, 4)];
  if (dst === undefined || repl === undefined || src === undefined || regex === undefined) return input;
  const r = clone(input);
  let removed = false;
  const srcVal = knownValue(input, src);
  const t = translateRe2(regex, { dotNL: true });
  if (srcVal !== undefined && t.ok) {
    // The source value is known: evaluate exactly.
    const m = new RegExp(`^(?:${t.source})$`, 'u').exec(srcVal);
    if (m) {
      const res = goExpand(repl, [...m], t.groupNames);
      setLabel(r, dst, res);
      removed = res === '';
    }
  } else {
    const constant = templateConstant(repl);
    const always = matchesEverything(regex);
    if (constant === undefined) {
      // Depends on the source value; may also be empty (which removes the label).
      add(r, dst);
    } else if (constant === '') {
      if (always) {
        drop(r, dst);
        removed = true;
      }
      // Otherwise the label is removed where the regex matches and kept as it was elsewhere.
    } else if (always || r.values.get(dst) === constant) {
      setLabel(r, dst, constant);
    } else {
      add(r, dst);
    }
  }
  r.why = (l) => (l === dst && removed ? `removed by ${fn}` : input.why(l));
  return r;
}

function labelJoin(e: Call, ctx: LabelContext, fn: string): Inferred {
  const input = infer(e.args[0]!, ctx);
  const dst = stringArg(e, 1);
  const sep = stringArg(e, 2);
  const srcs = e.args.slice(3).map((_, i) => stringArg(e, i + 3));
  if (dst === undefined || sep === undefined || srcs.some((s) => s === undefined)) return input;
  const vals = (srcs as string[]).map((s) => knownValue(input, s));
  const r = clone(input);
  let removed = false;
  if (vals.every((v) => v !== undefined)) {
    const res = (vals as string[]).join(sep);
    setLabel(r, dst, res);
    removed = res === '';
  } else {
    add(r, dst);
  }
  r.why = (l) => (l === dst && removed ? `removed by ${fn} (all its source labels are empty)` : input.why(l));
  return r;
}

/** The replacement when it refers to no capture group, following Go's regexp.Expand; else undefined. */
function templateConstant(template: string): string | undefined {
  let constant = true;
  const out = goExpand(template, [], [], () => {
    constant = false;
  });
  return constant ? out : undefined;
}

/** Go's regexp.Expand: `$1`, `${1}`, `$name`, `${name}` (longest name), `$$`; unknown references are empty. */
function goExpand(
  template: string,
  groups: readonly (string | undefined)[],
  names: readonly (string | undefined)[],
  onReference?: () => void,
): string {
  let out = '';
  let i = 0;
  while (i < template.length) {
    const j = template.indexOf('$', i);
    if (j < 0) {
      out += template.slice(i);
      break;
    }
    out += template.slice(i, j);
    i = j + 1;
    if (template[i] === '$') {
      out += '$';
      i++;
      continue;
    }
    const ref = /^(?:\{([\p{L}\p{Nd}_]+)\}|([\p{L}\p{Nd}_]+))/u.exec(template.slice(i));
    if (!ref) {
      out += '$';
      continue;
    }
    i += ref[0].length;
    onReference?.();
    const name = (ref[1] ?? ref[2])!;
    let num = /^\d+$/.test(name) && !(name.length > 1 && name.startsWith('0')) ? Number(name) : -1;
    if (num > 1e8) num = -1;
    if (num >= 0) out += groups[num] ?? '';
    else {
      const idx = names.indexOf(name);
      if (idx >= 0) out += groups[idx + 1] ?? '';
    }
  }
  return out;
}

/**
 * info(v, selector): v's series plus data labels of matching info series (target_info by default). With
 * data-label matchers only those labels are added; otherwise every label of the info metric, which the
 * catalog may know.
 */
function infoCall(e: Call, ctx: LabelContext, fn: string): Inferred {
  const input = infer(e.args[0]!, ctx);
  const r = clone(input);
  const sel = e.args[1] ? unwrapParens(e.args[1]) : undefined;
  const matchers = sel?.kind === 'VectorSelector' ? sel.matchers : [];
  const data = matchers.filter((m) => m.name !== NAME);
  if (data.length > 0) {
    for (const m of data) {
      if (carries(input, m.name)) continue; // labels already on the base series are not overwritten
      const fixed = m.op === '=' && m.value !== '' ? m.value : undefined;
      if (!matchesOnlyEmpty(m)) add(r, m.name, fixed);
    }
    return r;
  }
  const positive = matchers.filter((m) => m.name === NAME && (m.op === '=' || m.op === '=~'));
  const names = positive.length === 0 && matchers.length === 0 ? ['target_info'] : positive.every((m) => m.op === '=') ? positive.map((m) => m.value) : undefined;
  const resolved = names?.map((n) => ctx.index?.resolve(n));
  if (!names || names.length === 0 || !resolved || resolved.some((x) => x === undefined)) {
    // Unknown info metric: any label may be added, even ones the base series lacked.
    r.open = true;
    r.absent = new Set();
    r.why = (l) => `${fn} may add it from an info metric the catalogs do not describe`;
    return r;
  }
  for (const x of resolved) {
    for (const l of x!.labels) if (l !== 'job' && l !== 'instance' && !carries(input, l)) add(r, l);
  }
  return r;
}

// --- Positions ---------------------------------------------------------------------------------------------

function at(ctx: LabelContext, offset: number): string {
  const src = ctx.source;
  if (src === undefined) return `offset ${offset}`;
  const before = src.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  return `${before.split('\n').length}:${new TextEncoder().encode(before.slice(lineStart)).length + 1}`;
}
