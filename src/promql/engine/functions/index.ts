/**
 * The PromQL function implementations for float samples, by name. The engine evaluates the arguments and
 * calls these at one evaluation time (FunctionCall); see ../types.ts for the contract.
 *
 * What the engine has to do around them (Prometheus does it in its engine, not in functions.go):
 * - A range argument arrives as a matrix with the window in `call.window`. For `anchored` selectors it holds
 *   the samples from lookback-delta before the window; for `smoothed` ones also up to lookback-delta after it.
 * - timestamp() returns `Sample.t`: the stored sample's time for a plain selector argument, else the
 *   evaluation time.
 * - Results marked `dropName` have their `__name__`/`__type__`/`__unit__` already removed unless delayed name
 *   removal is on (then the engine removes them at the end). See RuntimeFlags for the settings read from
 *   EngineOptions.
 * - Duplicate label sets in a function's result are an error ("vector cannot contain metrics with the same
 *   labelset"); label_replace/label_join check this themselves.
 * - Annotations carry `position` (PositionedAnnotation); Prometheus prints them as `message (line:col)`.
 * - Warning "sort is ineffective for range queries" for sort* in range queries needs the query range.
 */
import { FUNCTIONS, argType } from '../../functions.js';
import type { FunctionImpl } from '../types.js';
import { EvalError } from '../types.js';
import { rangeSelectorOf } from './common.js';
import { HISTOGRAM_FUNCTIONS } from './histogram.js';
import { LABEL_FUNCTIONS } from './labels.js';
import { MATH_FUNCTIONS } from './math.js';
import { OVER_TIME_FUNCTIONS } from './over-time.js';
import { RATE_FUNCTIONS } from './rate.js';
import { SMOOTHING_FUNCTIONS } from './smoothing.js';
import { SORT_FUNCTIONS } from './sort.js';
import { TIME_FUNCTIONS } from './time.js';
import { VECTOR_FUNCTIONS } from './vector.js';

export type { PositionedAnnotation, RuntimeFlags } from './common.js';
export { runtimeFlags } from './common.js';

/**
 * Functions left to the engine, with the reason: they need more than one evaluation time's arguments.
 */
export const ENGINE_LEVEL_FUNCTIONS: ReadonlyMap<string, string> = new Map([
  ['info', 'joins with target_info/build_info series looked up in storage'],
  ['start', "the query's start time (Prometheus folds it into a number before evaluation)"],
  ['end', "the query's end time (folded before evaluation)"],
  ['range', "the query's range (folded before evaluation)"],
  ['step', "the query's step (folded before evaluation)"],
]);

/** Functions allowed with the `anchored` / `smoothed` range modifiers (Prometheus' *SafeFunctions). */
export const ANCHORED_SAFE: ReadonlySet<string> = new Set(['changes', 'delta', 'increase', 'rate', 'resets']);
export const SMOOTHED_SAFE: ReadonlySet<string> = new Set(['delta', 'increase', 'rate']);

/**
 * Rejects anchored/smoothed ranges in functions that cannot use the extra samples such a range carries, with
 * Prometheus' message. Prometheus raises it before evaluating anything, so the engine must call the function
 * even when the range selects no series.
 */
function withRangeModifierCheck(name: string, impl: FunctionImpl): FunctionImpl {
  const info = FUNCTIONS.get(name);
  if (!info) return impl;
  let matrixIndex = -1;
  for (let i = 0; i < info.argTypes.length; i++) if (argType(info, i) === 'matrix') matrixIndex = i;
  if (matrixIndex < 0) return impl;
  return (call) => {
    const sel = call.node.args.length > matrixIndex ? rangeSelectorOf(call, matrixIndex) : undefined;
    if (sel?.anchored && !ANCHORED_SAFE.has(name)) {
      throw new EvalError(`anchored modifier can only be used with: ${[...ANCHORED_SAFE].sort().join(', ')} - not with ${name}`);
    }
    if (sel?.smoothed && !SMOOTHED_SAFE.has(name)) {
      throw new EvalError(`smoothed modifier can only be used with: ${[...SMOOTHED_SAFE].sort().join(', ')} - not with ${name}`);
    }
    return impl(call);
  };
}

const GROUPS: readonly ReadonlyMap<string, FunctionImpl>[] = [
  RATE_FUNCTIONS,
  OVER_TIME_FUNCTIONS,
  MATH_FUNCTIONS,
  TIME_FUNCTIONS,
  LABEL_FUNCTIONS,
  SORT_FUNCTIONS,
  HISTOGRAM_FUNCTIONS,
  SMOOTHING_FUNCTIONS,
  VECTOR_FUNCTIONS,
];

function build(): ReadonlyMap<string, FunctionImpl> {
  const all = new Map<string, FunctionImpl>();
  for (const group of GROUPS) {
    for (const [name, impl] of group) {
      if (all.has(name)) throw new Error(`internal: function ${name} implemented twice`);
      all.set(name, withRangeModifierCheck(name, impl));
    }
  }
  return all;
}

/** Every PromQL function of FUNCTIONS except ENGINE_LEVEL_FUNCTIONS. */
export const FUNCTION_IMPLS: ReadonlyMap<string, FunctionImpl> = build();
