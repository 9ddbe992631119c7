import type { ResolvedSeries } from '../../catalog/types.js';
import type { Call, Expr, VectorSelector } from '../../promql/ast.js';
import { unwrapParens } from '../../promql/ast.js';
import type { Finding, RuleCheck } from '../check.js';
import { walk } from '../check.js';
import { metricName } from './promql-series.js';

/** Functions that read their input as a counter: a drop in value is a reset. */
const COUNTER_FUNCTIONS = new Set(['rate', 'irate', 'increase', 'resets']);

/** Functions for gauges, and how to fix them on a counter. */
const GAUGE_FUNCTIONS: Readonly<Record<string, string>> = {
  delta: 'use increase(), which accounts for counter resets',
  idelta: 'use irate() (per second) or increase() over a short range, which account for counter resets',
  deriv: 'use rate(), which accounts for counter resets',
  predict_linear: 'predict a gauge, or the counter\'s rate: predict_linear(rate(x_total[5m])[1h:], 3600)',
};

/** What the counter functions do instead on a gauge. */
const FOR_GAUGES: Readonly<Record<string, string>> = {
  rate: 'deriv() for its per-second slope',
  irate: 'deriv() for its slope, or idelta() for the change between the last two samples',
  increase: 'delta() for its change over the range',
  resets: 'changes() to count changes',
};

/**
 * The selector whose samples a range function reads: `f(x[5m])`, or `f(x[5m:1m])` where the subquery's
 * expression is a plain selector. Anything computed (`rate(sum(x)[5m:])`) has no catalog type.
 */
function rangeInput(call: Call): VectorSelector | undefined {
  const arg = call.args[0] && unwrapParens(call.args[0]);
  if (!arg) return undefined;
  if (arg.kind === 'MatrixSelector') return arg.selector;
  if (arg.kind === 'Subquery') {
    const inner: Expr = unwrapParens(arg.expr);
    if (inner.kind === 'VectorSelector') return inner;
  }
  return undefined;
}

/** What a non-counter series is, for messages: `a gauge`, `the quantiles of summary x (gauges)`. */
function typeName(s: ResolvedSeries): string {
  if (s.metric.type === 'summary' && s.part === 'value') return `the quantiles of summary ${s.metric.name} (gauges)`;
  switch (s.type) {
    case 'gauge': return 'a gauge';
    case 'info': return 'an info metric';
    case 'counter': return 'a counter';
    default: return `a series of ${s.type} type`;
  }
}

function judge(call: Call, name: string, series: ResolvedSeries): Omit<Finding, 'span'> | undefined {
  const f = call.func;
  const isCounter = series.type === 'counter';
  if (COUNTER_FUNCTIONS.has(f)) {
    if (isCounter) return undefined;
    return {
      message: `${f}() on ${name}, ${typeName(series)}, not a counter: ${f}() takes every decrease for a counter reset, so its result is wrong whenever the value goes down`,
      fix: `use ${FOR_GAUGES[f]}, or an *_over_time() function to summarise a gauge`,
      severity: series.type === 'gauge' ? 'error' : 'warning',
    };
  }
  const instead = GAUGE_FUNCTIONS[f];
  if (instead && isCounter) {
    return {
      message: `${f}() on ${name}, a counter: ${f}() is meant for gauges and takes every counter reset for a huge drop`,
      fix: instead,
      severity: 'warning',
    };
  }
  return undefined;
}

export const promqlRate: RuleCheck = {
  id: 'promql/rate',
  scope: 'rule',
  severity: 'error',
  title: 'rate()/increase() on a gauge, or delta()/deriv() on a counter',
  why: 'rate(), irate(), increase() and resets() assume a counter: any decrease is taken for a restart of the exporter and the drop is added back, so on a gauge (a temperature, a free-space figure) they report increases that never happened. The other way round, delta(), idelta(), deriv() and predict_linear() see a counter reset as a huge fall. The metric catalogs know each series\' type; a gauge is an error, a series of unknown or info type a warning.',
  example: {
    bad: 'groups:\n  - name: g\n    rules:\n      - alert: GPUHeatingUp\n        expr: rate(nvidia_smi_temperature_gpu[10m]) > 0.1\n        labels: { severity: warning }\n        annotations: { summary: hot, description: "{{ $labels.instance }}" }\n',
    good: 'groups:\n  - name: g\n    rules:\n      - alert: GPUHeatingUp\n        expr: deriv(nvidia_smi_temperature_gpu[10m]) > 0.1\n        labels: { severity: warning }\n        annotations: { summary: hot, description: "{{ $labels.instance }}" }\n',
  },
  run: ({ ast }, ctx) => {
    const out: Finding[] = [];
    for (const node of walk(ast)) {
      if (node.kind !== 'Call' || !(COUNTER_FUNCTIONS.has(node.func) || node.func in GAUGE_FUNCTIONS)) continue;
      const sel = rangeInput(node);
      const name = sel && metricName(sel);
      const series = name !== undefined ? ctx.index.resolve(name) : undefined;
      if (!series || name === undefined) continue;
      const found = judge(node, name, series);
      if (found) out.push({ ...found, span: { from: node.from, to: node.to } });
    }
    return out;
  },
};
