/**
 * Expressions that can never return anything, proven from the expression alone: a selector whose matchers
 * contradict each other, value filters on one series that cannot all hold (`x > 5 and x < 3`), and vector
 * matching between sides whose labels can never be equal. Only what is certain is reported; the value-set
 * helpers are shared with promql/division.
 */
import type { Binary, ComparisonOp, Expr, LabelMatcher, VectorSelector } from '../../promql/ast.js';
import { children, unwrapParens } from '../../promql/ast.js';
import { typeOf } from '../../promql/check.js';
import { mayCarry } from '../../promql/labels.js';
import { compileMatcherRegex } from '../../promql/regex.js';
import type { Finding, LintContext, RuleCheck } from '../check.js';
import { patternShape, showMatcher } from './promql-regexp.js';

// --- Sets of sample values ----------------------------------------------------------------------------------

interface Interval {
  readonly lo: number;
  readonly hi: number;
  readonly loOpen: boolean;
  readonly hiOpen: boolean;
}

/** The sample values a filter lets through: intervals of the extended reals, and whether NaN passes. */
export interface ValueSet {
  readonly ranges: readonly Interval[];
  readonly nan: boolean;
}

const REALS: Interval = { lo: -Infinity, hi: Infinity, loOpen: false, hiOpen: false };
export const ANY_VALUE: ValueSet = { ranges: [REALS], nan: true };
const NO_VALUE: ValueSet = { ranges: [], nan: false };

const nonEmpty = (i: Interval): boolean => i.lo < i.hi || (i.lo === i.hi && !i.loOpen && !i.hiOpen);

function intersectInterval(a: Interval, b: Interval): Interval {
  const lo = Math.max(a.lo, b.lo);
  const hi = Math.min(a.hi, b.hi);
  return {
    lo,
    hi,
    loOpen: (a.lo === lo && a.loOpen) || (b.lo === lo && b.loOpen),
    hiOpen: (a.hi === hi && a.hiOpen) || (b.hi === hi && b.hiOpen),
  };
}

export function intersectValues(a: ValueSet, b: ValueSet): ValueSet {
  const ranges = a.ranges.flatMap((x) => b.ranges.map((y) => intersectInterval(x, y))).filter(nonEmpty);
  return { ranges, nan: a.nan && b.nan };
}

function complementValues(s: ValueSet): ValueSet {
  const sorted = [...s.ranges].sort((x, y) => x.lo - y.lo || Number(x.loOpen) - Number(y.loOpen));
  const out: Interval[] = [];
  let cur = -Infinity;
  let curOpen = false;
  for (const r of sorted) {
    out.push({ lo: cur, loOpen: curOpen, hi: r.lo, hiOpen: !r.loOpen });
    if (r.hi > cur) {
      cur = r.hi;
      curOpen = !r.hiOpen;
    } else if (r.hi === cur) {
      curOpen = curOpen || !r.hiOpen;
    }
  }
  out.push({ lo: cur, loOpen: curOpen, hi: Infinity, hiOpen: false });
  return { ranges: out.filter(nonEmpty), nan: !s.nan };
}

export const isNoValue = (s: ValueSet): boolean => s.ranges.length === 0 && !s.nan;
const isSubset = (a: ValueSet, b: ValueSet): boolean => isNoValue(intersectValues(a, complementValues(b)));
export const admits = (s: ValueSet, v: number): boolean =>
  Number.isNaN(v) ? s.nan : s.ranges.some((r) => nonEmpty(intersectInterval(r, { lo: v, hi: v, loOpen: false, hiOpen: false })));

/** The values `x op c` keeps. */
export function comparisonValues(op: ComparisonOp, c: number): ValueSet {
  if (Number.isNaN(c)) return op === '!=' ? ANY_VALUE : NO_VALUE;
  switch (op) {
    case '==':
      return { ranges: [{ lo: c, hi: c, loOpen: false, hiOpen: false }], nan: false };
    case '!=':
      return { ranges: [{ ...REALS, hi: c, hiOpen: true }, { ...REALS, lo: c, loOpen: true }].filter(nonEmpty), nan: true };
    case '>':
      return { ranges: [{ ...REALS, lo: c, loOpen: true }].filter(nonEmpty), nan: false };
    case '>=':
      return { ranges: [{ ...REALS, lo: c }], nan: false };
    case '<':
      return { ranges: [{ ...REALS, hi: c, hiOpen: true }].filter(nonEmpty), nan: false };
    case '<=':
      return { ranges: [{ ...REALS, hi: c }], nan: false };
  }
}

const COMPARISONS: ReadonlySet<string> = new Set(['==', '!=', '>', '<', '>=', '<=']);
const FLIP: Record<ComparisonOp, ComparisonOp> = { '==': '==', '!=': '!=', '>': '<', '<': '>', '>=': '<=', '<=': '>=' };

/** A number written as a literal (`5`, `-5`, `(5)`, `NaN`), else undefined. */
export function literalNumber(e: Expr): number | undefined {
  const x = unwrapParens(e);
  if (x.kind === 'NumberLiteral') return x.value;
  if (x.kind === 'Unary') {
    const v = literalNumber(x.expr);
    return v === undefined ? undefined : x.op === '-' ? -v : v;
  }
  return undefined;
}

/**
 * A value filter `x op c` or `c op x` (without `bool`): the filtered expression and the values kept, with
 * the operator turned so that it reads `x op c`.
 */
export function valueFilter(e: Expr): { subject: Expr; op: ComparisonOp; c: number; set: ValueSet } | undefined {
  const x = unwrapParens(e);
  if (x.kind !== 'Binary' || !COMPARISONS.has(x.op) || x.bool) return undefined;
  const op = x.op as ComparisonOp;
  const r = literalNumber(x.rhs);
  if (r !== undefined && typeOf(x.lhs) === 'vector') return { subject: x.lhs, op, c: r, set: comparisonValues(op, r) };
  const l = literalNumber(x.lhs);
  if (l !== undefined && typeOf(x.rhs) === 'vector') return { subject: x.rhs, op: FLIP[op], c: l, set: comparisonValues(FLIP[op], l) };
  return undefined;
}

// --- Expression identity and display ------------------------------------------------------------------------

/** Structural identity of an expression: equal keys evaluate to the same series with the same values. */
export function exprKey(e: Expr): string {
  return JSON.stringify(unwrapParens(e), (k, v: unknown) => (k === 'from' || k === 'to' ? undefined : typeof v === 'number' && Number.isNaN(v) ? 'NaN' : v));
}

/** The expression's text with whitespace collapsed, shortened to about `max` characters. */
export function sketch(e: Expr, src: string, max = 60): string {
  const text = src.slice(e.from, e.to).replace(/\s+/g, ' ').trim();
  if (text.length <= max) return text;
  const detailed = outline(e, src, max, true);
  return detailed.length <= max + 20 ? detailed : outline(e, src, max, false);
}

/** Sub-expressions as `sum by (job) (...)`, `rate(...)`, `(...)`; `detailed` keeps short ones as written. */
function outline(e: Expr, src: string, max: number, detailed: boolean): string {
  const text = src.slice(e.from, e.to).replace(/\s+/g, ' ').trim();
  if (detailed && text.length <= max) return text;
  switch (e.kind) {
    case 'NumberLiteral':
    case 'StringLiteral':
      return text.length <= 20 ? text : '...';
    case 'Paren':
      return detailed ? `(${outline(e.expr, src, max - 2, detailed)})` : '(...)';
    case 'Aggregate': {
      const g = e.grouping ? ` ${e.grouping.mode} (${e.grouping.labels.join(', ')}) ` : '';
      return `${e.op}${g}(...)`;
    }
    case 'Call':
      return `${e.func}(...)`;
    case 'VectorSelector':
      return e.matchers.every((m) => m.name === '__name__' && m.op === '=') && e.name ? e.name : `${e.name ?? ''}{...}`;
    case 'MatrixSelector':
      return `${outline(e.selector, src, max, false)}[...]`;
    case 'Binary': {
      const side = Math.max(12, (max - e.op.length - 2) / 2);
      return `${outline(e.lhs, src, side, detailed)} ${e.op} ${outline(e.rhs, src, side, detailed)}`;
    }
    default:
      return '...';
  }
}

// --- Selectors ----------------------------------------------------------------------------------------------

const regexCache = new Map<string, RegExp | null>();

function matcherAccepts(m: LabelMatcher, value: string): boolean | undefined {
  if (m.op === '=') return m.value === value;
  if (m.op === '!=') return m.value !== value;
  let re = regexCache.get(m.value);
  if (re === undefined) {
    const c = compileMatcherRegex(m.value);
    re = c.ok ? c.regex : null;
    regexCache.set(m.value, re);
  }
  if (re === null) return undefined;
  return re.test(value) === (m.op === '=~');
}

/** The only values a matcher accepts, when they are few and known: `="a"`, `=~"a|b"`, `!~".+"` (only ""). */
function finiteValues(m: LabelMatcher): readonly string[] | undefined {
  if (m.op === '=') return [m.value];
  if (m.op === '!=') return undefined;
  const shape = patternShape(m.value);
  if (!shape) return undefined;
  if (m.op === '=~') return shape.literals;
  if (shape.matchesAll) return [];
  if (shape.matchesNonEmpty) return [''];
  return undefined;
}

/** Several `=` on one label: the author probably meant either value. */
function fixFor(name: string, ms: readonly LabelMatcher[]): string {
  const eq = ms.filter((m) => m.op === '=');
  if (eq.length === ms.length && eq.length > 1) {
    const either = showMatcher({ name, op: '=~', value: eq.map((m) => m.value.replace(/[.*+?()[\]{}|^$\\]/g, '\\$&')).join('|') });
    return name === '__name__' ? `select one metric, or either with {${either}}` : `keep the value you mean, or select either with ${either}`;
  }
  return 'remove the matcher that contradicts the others';
}

function selectorContradictions(sel: VectorSelector): Finding[] {
  const byName = new Map<string, LabelMatcher[]>();
  for (const m of sel.matchers) {
    const ms = byName.get(m.name);
    if (ms) ms.push(m);
    else byName.set(m.name, [m]);
  }
  const out: Finding[] = [];
  for (const [name, ms] of byName) {
    // One `=` always accepts its own value, one `!=` bounds nothing: the common selector has nothing to judge.
    if (ms.length === 1 && (ms[0]!.op === '=' || ms[0]!.op === '!=')) continue;
    const finite = ms.map(finiteValues).find((v) => v !== undefined);
    if (finite === undefined) continue;
    let unknown = false;
    const survivors = finite.filter((v) =>
      ms.every((m) => {
        const ok = matcherAccepts(m, v);
        if (ok === undefined) unknown = true;
        return ok !== false;
      }),
    );
    if (unknown || survivors.length > 0) continue;
    const span = { from: Math.min(...ms.map((m) => m.from)), to: Math.max(...ms.map((m) => m.to)) };
    const shown = ms.map(showMatcher);
    const what = name === '__name__' ? 'metric name' : `label ${name}`;
    if (ms.length === 1) {
      out.push({
        message: `${shown[0]} matches no series: every value of ${name}, a missing label included, matches ${JSON.stringify(ms[0]!.value)}`,
        fix: `remove the matcher, or write the values to exclude: ${showMatcher({ name, op: '!~', value: 'a|b' })}`,
        span,
      });
    } else {
      out.push({
        message: `${shown.join(' and ')} contradict: no value of the ${what} satisfies all of them, so the selector never matches anything`,
        fix: fixFor(name, ms),
        span,
      });
    }
  }
  return out;
}

// --- Value filters on one series ------------------------------------------------------------------------------

interface Filtered {
  /** The unfiltered series; two are the same series when their exprKey is (computed only then: it is O(size)). */
  readonly subject: Expr;
  readonly set: ValueSet;
  /** `> 5`, `< 3`: the conditions applied, for messages. */
  readonly conds: readonly string[];
  /** Already reported as never returning anything. */
  readonly dead: boolean;
}

/** `and`/`unless` that match each series with itself: default matching, nothing ignored, no fill. */
const selfMatching = (b: Binary): boolean =>
  !!b.matching && !b.matching.on && b.matching.labels.length === 0 && (b.fill === undefined || (b.fill.lhs === undefined && b.fill.rhs === undefined));

const fmt = (n: number): string => (Number.isNaN(n) ? 'NaN' : Number.isFinite(n) ? String(n) : n > 0 ? '+Inf' : '-Inf');

class Analysis {
  readonly findings: Finding[] = [];
  constructor(
    private readonly src: string,
    private readonly ctx: LintContext,
  ) {}

  private base(e: Expr): Filtered {
    return { subject: unwrapParens(e), set: ANY_VALUE, conds: [], dead: false };
  }

  visit(e: Expr): Filtered {
    const x = unwrapParens(e);
    if (x.kind === 'VectorSelector') this.findings.push(...selectorContradictions(x));
    if (x.kind !== 'Binary') {
      for (const c of children(x)) this.visit(c);
      return this.base(x);
    }
    const filter = valueFilter(x);
    if (filter) {
      const inner = this.visit(filter.subject);
      const set = intersectValues(inner.set, filter.set);
      const conds = [...inner.conds, `${filter.op} ${fmt(filter.c)}`];
      const dead = isNoValue(set);
      if (dead && !inner.dead) {
        const what = sketch(inner.subject, this.src, 40);
        this.findings.push({
          message: Number.isNaN(filter.c)
            ? `${filter.op} NaN is never true: NaN compares false with everything, so this never returns anything`
            : `this filter never returns anything: no value of ${what} is ${conds.join(' and ')}`,
          fix: Number.isNaN(filter.c) ? `to find NaN samples use ${what} != ${what}` : 'fix the thresholds (a mixed-up < and >?)',
          span: x,
        });
      }
      return { subject: inner.subject, set, conds, dead: dead || inner.dead };
    }
    const L = this.visit(x.lhs);
    const R = this.visit(x.rhs);
    if ((x.op === 'and' || x.op === 'unless') && selfMatching(x) && exprKey(L.subject) === exprKey(R.subject)) {
      const what = sketch(L.subject, this.src, 40);
      if (x.op === 'and') {
        const set = intersectValues(L.set, R.set);
        const dead = isNoValue(set);
        if (dead && !L.dead && !R.dead) {
          this.findings.push({
            message: `\`and\` never returns anything: both sides filter the same series, and no value of ${what} is ${[...L.conds, ...R.conds].join(' and ')}`,
            fix: 'fix the thresholds; to alert when either holds, use `or`',
            span: x,
          });
        }
        return { ...L, set, conds: [...L.conds, ...R.conds], dead: dead || L.dead || R.dead };
      }
      if (!L.dead && !R.dead && isSubset(L.set, R.set)) {
        const cond = (c: readonly string[]): string => (c.length > 0 ? `${what} ${c.join(' and ')}` : `every ${what}`);
        this.findings.push({
          message: `\`unless\` never returns anything: the right side removes every series the left side returns (${cond(L.conds)} is also ${R.conds.length > 0 ? R.conds.join(' and ') : 'on the right'})`,
          fix: 'fix the thresholds, or compare against a different series (e.g. with offset)',
          span: x,
        });
        return { ...L, set: NO_VALUE, dead: true };
      }
    }
    if (x.matching && x.op !== 'or') this.matching(x);
    // `and`/`unless` return some of the left side's series, unchanged: its filters still hold.
    return x.op === 'and' || x.op === 'unless' ? L : this.base(x);
  }

  /** Vector matching between sides whose matching labels can never be equal. */
  private matching(x: Binary): void {
    const m = x.matching!;
    if (x.fill && (x.fill.lhs !== undefined || x.fill.rhs !== undefined)) return;
    const lhs = this.ctx.labelsOf(x.lhs);
    const rhs = this.ctx.labelsOf(x.rhs);
    const candidates = m.on ? m.labels : [...new Set([...(lhs.values?.keys() ?? []), ...(rhs.values?.keys() ?? [])])].filter((l) => !m.labels.includes(l));
    for (const label of candidates) {
      if (label === '__name__') continue;
      const l = certainValue(x.lhs, label) ?? (mayCarry(lhs, label) ? undefined : '');
      const r = certainValue(x.rhs, label) ?? (mayCarry(rhs, label) ? undefined : '');
      if (l === undefined || r === undefined || l === r) continue;
      const show = (v: string): string => (v === '' ? `no ${label}` : `${label}=${JSON.stringify(v)}`);
      const sides = `the left side always has ${show(l)}, the right side ${show(r)}`;
      const on = m.on ? ` on (${m.labels.join(', ')})` : m.labels.length > 0 ? ` ignoring (${m.labels.join(', ')})` : '';
      this.findings.push(
        x.op === 'unless'
          ? {
            message: `\`unless${on}\` never removes anything: its sides never match, ${sides}`,
            fix: `match on labels both sides share (unless on (...)), or fix the selectors' ${label}`,
            span: x,
          }
          : {
            message: `\`${x.op}${on}\` never returns anything: its sides never match, ${sides}`,
            fix: m.on ? `drop ${label} from on (...)` : `ignore the label (${x.op} ignoring (${label})) or match with on (...)`,
            span: x,
          },
      );
      return;
    }
  }
}

/** The value `label` has on every series of `e`, when the expression pins it (`{job="node"}`), else undefined. */
export function certainValue(e: Expr, label: string): string | undefined {
  const x = unwrapParens(e);
  switch (x.kind) {
    case 'VectorSelector':
    case 'MatrixSelector': {
      const sel = x.kind === 'VectorSelector' ? x : x.selector;
      for (const m of sel.matchers) {
        if (m.name !== label) continue;
        const v = finiteValues(m);
        if (m.op !== '!=' && m.op !== '!~' && v?.length === 1 && v[0] !== '') return v[0];
      }
      return undefined;
    }
    case 'Subquery':
      return certainValue(x.expr, label);
    case 'Unary':
      return certainValue(x.expr, label);
    case 'Aggregate': {
      if (x.op === 'count_values') return undefined;
      const g = x.grouping;
      const kept = !g || g.mode === 'by' ? (g?.labels.includes(label) ?? false) : !g.labels.includes(label);
      return kept || ['topk', 'bottomk', 'limitk', 'limit_ratio'].includes(x.op) ? certainValue(x.expr, label) : undefined;
    }
    case 'Binary': {
      const lt = typeOf(x.lhs);
      const rt = typeOf(x.rhs);
      if (lt === 'scalar' && rt === 'scalar') return undefined;
      if (lt === 'scalar') return certainValue(x.rhs, label);
      if (rt === 'scalar' || !x.matching) return certainValue(x.lhs, label);
      const m = x.matching;
      if (x.op === 'or') {
        const l = certainValue(x.lhs, label);
        return l !== undefined && l === certainValue(x.rhs, label) ? l : undefined;
      }
      if (x.op === 'and' || x.op === 'unless') return certainValue(x.lhs, label);
      if (x.fill && (x.fill.lhs !== undefined || x.fill.rhs !== undefined)) return undefined;
      if (m.card === 'one-to-one') {
        const kept = m.on ? m.labels.includes(label) : !m.labels.includes(label);
        return kept ? certainValue(x.lhs, label) : undefined;
      }
      const [many, one] = m.card === 'many-to-one' ? [x.lhs, x.rhs] : [x.rhs, x.lhs];
      return m.include.includes(label) ? certainValue(one, label) : certainValue(many, label);
    }
    case 'Call': {
      if (x.func === 'absent' || x.func === 'absent_over_time') {
        const a = x.args[0] ? unwrapParens(x.args[0]) : undefined;
        const sel = a?.kind === 'VectorSelector' ? a : a?.kind === 'MatrixSelector' ? a.selector : undefined;
        const eq = sel?.matchers.find((m) => m.name === label && m.op === '=');
        return eq && eq.value !== '' && sel?.matchers.filter((m) => m.name === label).length === 1 ? eq.value : undefined;
      }
      if (['label_replace', 'label_join', 'info', 'vector', 'count_values', 'histogram_quantiles'].includes(x.func)) {
        if (x.func === 'label_replace' || x.func === 'label_join') {
          const dst = x.args[1] ? unwrapParens(x.args[1]) : undefined;
          if (dst?.kind === 'StringLiteral' && dst.value !== label) return certainValue(x.args[0]!, label);
        }
        return undefined;
      }
      const arg = x.args.find((a) => typeOf(a) === 'vector' || typeOf(a) === 'matrix');
      return arg && !(label === 'le' && x.func.startsWith('histogram_')) ? certainValue(arg, label) : undefined;
    }
    default:
      return undefined;
  }
}

export const promqlImpossible: RuleCheck = {
  id: 'promql/impossible',
  scope: 'rule',
  severity: 'error',
  title: 'expressions that can never return anything',
  why: 'A selector whose matchers contradict (job="a" and job="b"), value filters that cannot all hold on one series (x > 5 and x < 3), or vector matching between sides whose labels are never equal select nothing. Prometheus evaluates such a rule without complaint: an alert that can never fire, a recording rule that never writes a sample.',
  example: {
    bad: 'groups:\n  - name: g\n    rules:\n      - alert: GPUHot\n        expr: nvidia_smi_temperature_gpu > 90 and nvidia_smi_temperature_gpu < 80\n        labels: { severity: warning }\n        annotations: { summary: hot, description: "{{ $labels.instance }}" }\n',
    good: 'groups:\n  - name: g\n    rules:\n      - alert: GPUHot\n        expr: nvidia_smi_temperature_gpu > 80 and nvidia_smi_temperature_gpu < 90\n        labels: { severity: warning }\n        annotations: { summary: hot, description: "{{ $labels.instance }}" }\n',
  },
  run: ({ rule, ast }, ctx) => {
    const a = new Analysis(rule.expr, ctx);
    a.visit(ast);
    return a.findings;
  },
};
