import type { Expr } from '../../promql/ast.js';
import { typeOf } from '../../promql/check.js';
import type { RuleCheck } from '../check.js';

const ABSENT = new Set(['absent', 'absent_over_time']);
/** Functions that return nothing or a series of their own regardless of the input. */
const CONSTANT = new Set(['vector', 'time', 'pi', 'scalar']);

/**
 * Whether an expression can return nothing: an alert fires for every series its expression returns, so one
 * that always returns its input always fires.
 */
export function canBeEmpty(e: Expr): boolean {
  switch (e.kind) {
    case 'Paren':
    case 'Unary':
      return canBeEmpty(e.expr);
    case 'Binary':
      if (['==', '!=', '>', '<', '>=', '<='].includes(e.op)) return !e.bool || canBeEmpty(e.lhs) || canBeEmpty(e.rhs);
      if (e.op === 'or') return canBeEmpty(e.lhs) && canBeEmpty(e.rhs);
      if (e.op === 'unless') return true;
      return canBeEmpty(e.lhs) || canBeEmpty(e.rhs);
    case 'Aggregate':
      return canBeEmpty(e.expr);
    case 'Call': {
      if (ABSENT.has(e.func)) return true;
      if (CONSTANT.has(e.func)) return false;
      return e.args.some((a) => a.kind !== 'StringLiteral' && a.kind !== 'NumberLiteral' && canBeEmpty(a));
    }
    case 'Subquery':
    case 'MatrixSelector':
    case 'VectorSelector':
    case 'NumberLiteral':
    case 'StringLiteral':
      return false;
  }
}

export const alertsComparison: RuleCheck = {
  id: 'alerts/comparison',
  scope: 'rule',
  severity: 'warning',
  title: 'alert expression without a condition: it always fires',
  why: 'An alert fires for every series its expression returns. Without a comparison (or absent(), unless, …) the expression returns every series that exists, so the alert fires all the time, or never when the series is missing.',
  example: {
    bad: 'groups:\n  - name: g\n    rules:\n      - alert: NixCacheNotAccessible\n        expr: nix_cache_info_accessible\n        labels: { severity: critical }\n        annotations: { summary: down, description: "{{ $labels.instance }}" }\n',
    good: 'groups:\n  - name: g\n    rules:\n      - alert: NixCacheNotAccessible\n        expr: nix_cache_info_accessible == 0\n        labels: { severity: critical }\n        annotations: { summary: down, description: "{{ $labels.instance }}" }\n',
  },
  run: ({ rule, ast }) => {
    if (rule.kind !== 'alert' || canBeEmpty(ast)) return [];
    const scalar = typeOf(ast) === 'scalar';
    return [{
      message: scalar ? 'the expression is a scalar: the alert always fires' : 'the expression has no comparison, so the alert fires for every series it selects',
      span: ast,
      fix: 'compare it with a threshold (`== 0`, `> 0.9`), or use absent() for missing series',
    }];
  },
};
