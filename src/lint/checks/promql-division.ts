/**
 * A division inside an aggregation whose divisor can be 0: 0/0 is NaN, x/0 is ±Inf, and either one poisons
 * the aggregate of the whole group (`sum(rate(errors[5m]) / rate(requests[5m]))` is NaN as soon as one
 * target served no requests).
 */
import type { AggregateOp, Binary, Expr } from '../../promql/ast.js';
import { unwrapParens } from '../../promql/ast.js';
import { typeOf } from '../../promql/check.js';
import type { Finding, RuleCheck } from '../check.js';
import { walk } from '../check.js';
import { admits, literalNumber, sketch, valueFilter } from './promql-impossible.js';

/** Aggregations whose result a single NaN or ±Inf input changes. */
const POISONED: ReadonlySet<AggregateOp> = new Set(['sum', 'avg', 'stddev', 'stdvar', 'quantile', 'min', 'max']);

/** Functions whose output is never NaN or ±Inf whatever their input's values. */
const VALUE_FREE: ReadonlySet<string> = new Set(['count_over_time', 'present_over_time', 'absent', 'absent_over_time', 'timestamp', 'changes', 'resets']);

/** Functions and aggregations that never return 0. */
const NEVER_ZERO_CALLS: ReadonlySet<string> = new Set(['count_over_time', 'present_over_time', 'absent', 'absent_over_time', 'time', 'pi']);

/** Whether `e` can never evaluate to 0 (a literal, a `> 0` filter, clamp_min(x, 1), count(...), …). */
export function neverZero(e: Expr): boolean {
  const lit = literalNumber(e);
  if (lit !== undefined) return lit !== 0 && !Number.isNaN(lit);
  const x = unwrapParens(e);
  const filter = valueFilter(x);
  if (filter) return !admits(filter.set, 0) || neverZero(filter.subject);
  switch (x.kind) {
    case 'Unary':
      return neverZero(x.expr);
    case 'Aggregate':
      return x.op === 'count' || x.op === 'group';
    case 'Binary':
      if (x.op === 'and' || x.op === 'unless') return neverZero(x.lhs);
      if (x.op === 'or' || x.op === '*') return neverZero(x.lhs) && neverZero(x.rhs);
      return false;
    case 'Call': {
      if (NEVER_ZERO_CALLS.has(x.func)) return true;
      const n = (i: number): number | undefined => (x.args[i] ? literalNumber(x.args[i]!) : undefined);
      switch (x.func) {
        case 'vector':
          return x.args[0] !== undefined && neverZero(x.args[0]);
        case 'clamp_min':
          return (n(1) ?? 0) > 0 || (x.args[0] !== undefined && neverZero(x.args[0]));
        case 'clamp_max':
          return (n(1) ?? 0) < 0 || (x.args[0] !== undefined && neverZero(x.args[0]));
        case 'clamp':
          return (n(1) ?? 0) > 0 || (n(2) ?? 0) < 0;
        case 'label_replace':
        case 'label_join':
        case 'sort':
        case 'sort_desc':
          return x.args[0] !== undefined && neverZero(x.args[0]);
      }
      return false;
    }
    default:
      return false;
  }
}

/**
 * Divisions under `e` whose NaN/±Inf reaches the enclosing aggregation: not through a comparison (which
 * drops NaN or turns it into 0/1) and not past another aggregation (the nearer one is judged on its own).
 */
function divisionsReaching(e: Expr, out: Binary[]): void {
  const x = unwrapParens(e);
  switch (x.kind) {
    case 'Unary':
    case 'Subquery':
      divisionsReaching(x.expr, out);
      return;
    case 'Binary':
      if (['==', '!=', '>', '<', '>=', '<='].includes(x.op)) return;
      if (x.op === '/' || x.op === '%') out.push(x);
      if (x.op === 'and' || x.op === 'unless') divisionsReaching(x.lhs, out);
      else {
        divisionsReaching(x.lhs, out);
        divisionsReaching(x.rhs, out);
      }
      return;
    case 'Call':
      if (VALUE_FREE.has(x.func)) return;
      for (const a of x.args) {
        const t = typeOf(a);
        if (t === 'vector' || t === 'matrix') divisionsReaching(a, out);
      }
      return;
    default:
      return;
  }
}

const EFFECT: Record<string, string> = {
  sum: 'one NaN or Inf makes the whole sum NaN or Inf',
  avg: 'one NaN or Inf makes the whole average NaN or Inf',
  stddev: 'one NaN or Inf makes the whole stddev NaN',
  stdvar: 'one NaN or Inf makes the whole stdvar NaN',
  quantile: 'NaN sorts below every number and Inf above, skewing the quantile',
  min: 'a -Inf wins the min (NaN only when every input is NaN)',
  max: 'a +Inf wins the max (NaN only when every input is NaN)',
};

export const promqlDivision: RuleCheck = {
  id: 'promql/division',
  scope: 'rule',
  severity: 'warning',
  title: 'division inside an aggregation whose divisor can be 0',
  why: 'In PromQL 0/0 is NaN and x/0 is ±Inf, and aggregations do not skip them: sum and avg of a vector holding one NaN are NaN, so `sum(rate(errors[5m]) / rate(requests[5m]))` turns NaN for the whole group as soon as one target served no requests in the window, and an alert comparing it with a threshold silently stops firing (NaN compares false). Divide the aggregates instead (`sum(rate(errors[5m])) / sum(rate(requests[5m]))`), or drop the zero divisors before aggregating (`a / (b > 0)`).',
  example: {
    bad: 'groups:\n  - name: g\n    rules:\n      - record: job:http_errors:ratio_rate5m\n        expr: sum by (job) (rate(http_errors_total[5m]) / rate(http_requests_total[5m]))\n',
    good: 'groups:\n  - name: g\n    rules:\n      - record: job:http_errors:ratio_rate5m\n        expr: sum by (job) (rate(http_errors_total[5m])) / sum by (job) (rate(http_requests_total[5m]))\n',
  },
  run: ({ rule, ast }) => {
    const out: Finding[] = [];
    for (const node of walk(ast)) {
      if (node.kind !== 'Aggregate' || !POISONED.has(node.op)) continue;
      const divisions: Binary[] = [];
      divisionsReaching(node.expr, divisions);
      for (const d of divisions) {
        if (neverZero(d.rhs)) continue;
        // x % 0 is NaN, never ±Inf, and min/max skip NaN unless it is all they see.
        if (d.op === '%' && (node.op === 'min' || node.op === 'max')) continue;
        const num = sketch(d.lhs, rule.expr, 30);
        const den = sketch(d.rhs, rule.expr, 30);
        const g = node.grouping ? ` ${node.grouping.mode} (${node.grouping.labels.join(', ')}) ` : '';
        const paren = (t: string): string => (t.startsWith('(') && t.endsWith(')') ? t : `(${t})`);
        const result = d.op === '%' ? 'the remainder is NaN' : 'the ratio is NaN (0/0) or ±Inf';
        const ratioOfSums = node.op === 'sum' || node.op === 'avg' ? `divide the aggregates, sum${g}${paren(num)} / sum${g}${paren(den)}, or ` : '';
        if (literalNumber(d.rhs) === 0) {
          out.push({
            message: `${node.op}${g}(...) aggregates a division by 0: every ${d.op === '%' ? 'remainder is NaN' : 'ratio is NaN or ±Inf'}, and ${EFFECT[node.op]}`,
            fix: 'divide by what was meant',
            span: d,
          });
          continue;
        }
        out.push({
          message: `${node.op}${g}(...) aggregates ${sketch(d, rule.expr, 60)}: wherever ${den} is 0 ${result}, and ${EFFECT[node.op]}`,
          fix: `${ratioOfSums}drop zero divisors before aggregating: ${num} ${d.op} (${den} > 0)`,
          span: d,
        });
      }
    }
    return out;
  },
};
