import type { Call, DurationValue, Expr } from '../../promql/ast.js';
import { unwrapParens } from '../../promql/ast.js';
import { formatDuration } from '../../promql/duration.js';
import { FUNCTIONS } from '../../promql/functions.js';
import type { Finding, LintContext, LintSeverity, RuleCheck } from '../check.js';
import { walk } from '../check.js';

/** Functions computed from two samples or more: with one they return nothing. */
const TWO_SAMPLES = new Set(['rate', 'irate', 'increase', 'delta', 'idelta', 'deriv', 'predict_linear', 'double_exponential_smoothing', 'holt_winters']);

/** The range argument of a function call, if it has one. */
function rangeArg(call: Call): Expr | undefined {
  const info = FUNCTIONS.get(call.func);
  const i = info?.argTypes.indexOf('matrix') ?? -1;
  const arg = i >= 0 ? call.args[i] : undefined;
  return arg && unwrapParens(arg);
}

interface Window {
  readonly range: DurationValue;
  /** How often a new value can appear in it. */
  readonly every: number;
  /** How often a point appears in it at all (subquery steps; the scrape interval for selectors). */
  readonly points: number;
  /** `samples`, or `points` for subqueries. */
  readonly noun: string;
  /** What sets `every`, for messages. */
  readonly because: string;
  /** A subquery stepping faster than the scrape interval: its points repeat samples, they never go missing. */
  readonly repeats?: string;
}

function windowOf(arg: Expr, ctx: LintContext): Window | undefined {
  const scrape = ctx.scrapeIntervalMs;
  if (arg.kind === 'MatrixSelector') {
    // anchored/smoothed ranges also use the sample before the window: one inside is enough.
    if (arg.selector.anchored || arg.selector.smoothed) return undefined;
    const { ms, job } = ctx.scrapeIntervalOf(arg.selector);
    const because = job !== undefined ? `job ${job}'s ${formatDuration(ms)} scrape interval` : `the ${formatDuration(ms)} scrape interval`;
    return { range: arg.range, every: ms, points: ms, noun: 'sample', because };
  }
  if (arg.kind === 'Subquery') {
    const step = arg.step?.ms ?? ctx.evaluationIntervalMs;
    if (step <= 0) return undefined;
    const because = arg.step ? `a ${formatDuration(step)} step` : `the default step (the ${formatDuration(step)} evaluation interval)`;
    return step >= scrape
      ? { range: arg.range, every: step, points: step, noun: 'point', because }
      : {
          range: arg.range, every: scrape, points: step, noun: 'point', because: `the ${formatDuration(scrape)} scrape interval`,
          repeats: `its ${formatDuration(step)} steps repeat samples scraped every ${formatDuration(scrape)}`,
        };
  }
  return undefined;
}

function judge(call: Call, w: Window): Omit<Finding, 'span'> | undefined {
  const ms = w.range.ms;
  if (ms === undefined) return undefined;
  const f = `${call.func}()`;
  const range = formatDuration(ms);
  if (TWO_SAMPLES.has(call.func)) {
    if (ms <= w.points) {
      return {
        message: `${f} over ${range}: with ${w.because} the range holds at most one ${w.noun}, and ${f} needs two, so it never returns anything`,
        fix: `use a range of at least ${formatDuration(2 * w.every)} (2× ${w.because}); ${formatDuration(4 * w.every)} also survives a missed scrape`,
        severity: 'error' as LintSeverity,
      };
    }
    if (ms < 2 * w.every && w.repeats) {
      return {
        message: `${f} over ${range}: ${w.repeats}, so the range often sees a single sample, and ${f} then sees no change at all`,
        fix: `use a range of at least ${formatDuration(2 * w.every)} (2× ${w.because})`,
      };
    }
    if (ms < 2 * w.every) {
      return {
        message: `${f} over ${range}: with ${w.because} the range often holds a single ${w.noun}, and ${f} returns nothing then`,
        fix: `use a range of at least ${formatDuration(2 * w.every)} (2× ${w.because}); ${formatDuration(4 * w.every)} also survives a missed scrape`,
      };
    }
    return undefined;
  }
  if (ms < w.points) {
    const consequence = call.func === 'absent_over_time'
      ? 'it reports the series absent then'
      : `${f} returns nothing then, so the result has gaps`;
    return {
      message: `${f} over ${range}: shorter than ${w.because}, so some evaluations find no ${w.noun} in the range and ${consequence}`,
      fix: `use a range of at least ${formatDuration(w.points)}, better a few times more`,
    };
  }
  return undefined;
}

export const promqlRange: RuleCheck = {
  id: 'promql/range',
  scope: 'rule',
  severity: 'warning',
  title: 'range too short for the scrape interval',
  why: 'A range only holds the samples scraped within it. rate(), irate(), increase(), delta(), idelta(), deriv() and predict_linear() need two: a range of at most one scrape interval never has them (error: the rule never produces anything), one shorter than two intervals often lacks them (warning: the result comes and goes, resetting alerts\' `for`). Other range functions (avg_over_time(), absent_over_time(), …) need one sample: a range shorter than the scrape interval leaves gaps, and absent_over_time() then reports present series missing (warning). Subquery ranges are measured in their steps. With a host manifest (prometheus/*.ts), a selector naming a job (`job="node"`) is judged against that job\'s scrape interval and any other against the slowest job\'s; without one, against the project\'s scrapeInterval (suppress the finding, with that reason, for a job scraped more often).',
  example: {
    bad: 'groups:\n  - name: g\n    rules:\n      - record: instance:node_cpu_busy:rate1m\n        expr: sum by (instance) (rate(node_cpu_seconds_total{mode!="idle"}[1m]))\n',
    good: 'groups:\n  - name: g\n    rules:\n      - record: instance:node_cpu_busy:rate5m\n        expr: sum by (instance) (rate(node_cpu_seconds_total{mode!="idle"}[5m]))\n',
  },
  run: ({ ast }, ctx) => {
    const out: Finding[] = [];
    for (const node of walk(ast)) {
      if (node.kind !== 'Call') continue;
      const arg = rangeArg(node);
      const w = arg && windowOf(arg, ctx);
      const found = w && judge(node, w);
      if (found) out.push({ ...found, span: { from: w.range.expr.from, to: w.range.expr.to } });
    }
    return out;
  },
};
