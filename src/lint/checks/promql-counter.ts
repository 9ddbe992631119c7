import type { Binary, Expr, VectorSelector } from '../../promql/ast.js';
import { children } from '../../promql/ast.js';
import type { Finding, LintContext, RuleCheck } from '../check.js';
import { metricName, nameSpan } from './promql-series.js';

/**
 * Functions that make a raw counter meaningful: they read its increases (rate, increase, resets, changes)
 * or only whether and when it has samples, never its absolute value. delta(), deriv(), idelta() and
 * predict_linear() are promql/rate's business.
 */
const SAFE_FUNCTIONS = new Set([
  'rate', 'irate', 'increase', 'resets', 'changes',
  'absent', 'absent_over_time', 'present_over_time', 'count_over_time',
  'timestamp', 'ts_of_last_over_time', 'ts_of_first_over_time',
  'delta', 'idelta', 'deriv', 'predict_linear',
]);

/**
 * Functions and aggregations that pass values through unchanged, only choosing or relabelling series:
 * whether their result is a problem depends on what reads it next. `last_over_time(x_total[1h])` at the top
 * of a recording rule copies the counter; inside `sum()` it is as raw as x_total itself.
 */
const TRANSPARENT_FUNCTIONS = new Set([
  'label_replace', 'label_join', 'sort', 'sort_desc', 'sort_by_label', 'sort_by_label_desc',
  'last_over_time', 'first_over_time', 'max_over_time', 'min_over_time',
]);
const TRANSPARENT_AGGREGATIONS = new Set(['topk', 'bottomk', 'limitk', 'limit_ratio']);
/** Aggregations whose value does not depend on the input values. */
const SAFE_AGGREGATIONS = new Set(['count', 'group']);

function selectors(e: Expr): VectorSelector[] {
  if (e.kind === 'VectorSelector') return [e];
  return children(e).flatMap(selectors);
}

/**
 * `x_total > 0 unless x_total offset 1h`: series that appeared within the window. Their value is the count
 * since they appeared, which is exactly what such a rule wants, whatever it is compared with on the left.
 */
function isNewSeriesIdiom(b: Binary, name: string): boolean {
  return b.op === 'unless' && selectors(b.rhs).some((s) => metricName(s) === name && (s.offset !== undefined || s.at !== undefined));
}

/** What reads the selector's values: a description of the first node that is not transparent, or undefined when safe. */
function rawReader(path: readonly Expr[], sel: VectorSelector, name: string): string | undefined {
  // path: root … parent of sel
  for (let i = 0; i < path.length; i++) {
    const node = path[i]!;
    const below = path[i + 1] ?? sel;
    if (node.kind === 'Binary' && node.lhs === below && isNewSeriesIdiom(node, name)) return undefined;
  }
  let child: Expr = sel;
  for (let i = path.length - 1; i >= 0; i--) {
    const node = path[i]!;
    switch (node.kind) {
      case 'Paren':
      case 'MatrixSelector':
      case 'Subquery':
        break;
      case 'Call':
        if (SAFE_FUNCTIONS.has(node.func)) return undefined;
        if (!TRANSPARENT_FUNCTIONS.has(node.func)) return `${node.func}()`;
        break;
      case 'Aggregate':
        if (node.param === child) return undefined; // topk(x_total, …)'s parameter: the scalar k, not our concern
        if (SAFE_AGGREGATIONS.has(node.op)) return undefined;
        if (!TRANSPARENT_AGGREGATIONS.has(node.op)) return `${node.op}()`;
        break;
      case 'Binary':
        if ((node.op === 'and' || node.op === 'unless') && node.rhs === child) return undefined; // only its labels count
        if (node.op === 'and' || node.op === 'or' || node.op === 'unless') break;
        return `\`${node.op}\``;
      case 'Unary':
        return `unary \`${node.op}\``;
      default:
        break;
    }
    child = node;
  }
  // Reached the top through transparent nodes: a recording rule copying the counter is fine, and an alert
  // without a comparison is alerts/comparison's to report.
  return undefined;
}

/** Each vector selector of `e` with its ancestors, outermost first (one array, changed as the walk goes). */
function eachSelector(e: Expr, visit: (node: VectorSelector, path: readonly Expr[]) => void, path: Expr[] = []): void {
  if (e.kind === 'VectorSelector') visit(e, path);
  path.push(e);
  for (const c of children(e)) eachSelector(c, visit, path);
  path.pop();
}

function check(ast: Expr, ctx: LintContext): Finding[] {
  const out: Finding[] = [];
  const seen = new Set<string>();
  eachSelector(ast, (node, path) => {
    const name = metricName(node);
    if (name === undefined || seen.has(name)) return;
    if (ctx.index.resolve(name)?.type !== 'counter') return;
    const reader = rawReader(path, node, name);
    if (!reader) return;
    seen.add(name);
    out.push({
      message: `counter ${name} is read as a raw value by ${reader}: a counter only grows, from 0 whenever the exporter restarts, so its value says how long the process has run rather than what is happening now`,
      span: nameSpan(node),
      fix: `read its change: rate(${name}[5m]) or increase(${name}[1h]); use count()/absent() if only its presence matters`,
    });
  });
  return out;
}

export const promqlCounter: RuleCheck = {
  id: 'promql/counter',
  scope: 'rule',
  severity: 'warning',
  title: 'counter used as a raw value',
  why: 'A counter counts since its process started: its absolute value depends on uptime and falls to 0 on every restart. Compared with a threshold or summed, it makes an alert that fires forever once crossed, or resolves on a restart; rate() and increase() turn it into what happened recently and handle resets. Reading whether it exists (count(), absent(), the right side of `and`/`unless`) is fine, as is a recording rule copying it.',
  example: {
    bad: 'groups:\n  - name: g\n    rules:\n      - alert: HomelabDeployBuildFailed\n        expr: homelab_deploy_builds_total{status="failure"} > 0\n        labels: { severity: warning }\n        annotations: { summary: failed, description: "{{ $labels.repo }}" }\n',
    good: 'groups:\n  - name: g\n    rules:\n      - alert: HomelabDeployBuildFailed\n        expr: increase(homelab_deploy_builds_total{status="failure"}[1h]) > 0\n        labels: { severity: warning }\n        annotations: { summary: failed, description: "{{ $labels.repo }}" }\n',
  },
  run: ({ ast }, ctx) => check(ast, ctx),
};
