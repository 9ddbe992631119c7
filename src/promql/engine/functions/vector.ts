/**
 * Conversions between scalars and vectors (vector, scalar) and the absence checks (absent,
 * absent_over_time), whose result labels come from the argument's selector.
 */
import type { LabelMatcher } from '../../ast.js';
import type { FunctionCall, FunctionImpl, Labels } from '../types.js';
import { argNode, bareSample, matrixArg, METRIC_NAME, result, scalarArg, vectorArg } from './common.js';

/**
 * Prometheus' createLabelsForAbsentFunction: the labels a selector pins with `=` matchers. A label matched
 * more than once, or also by another kind of matcher, is left out (historic behaviour kept for
 * compatibility: `x{job="a",job="b"}` gives no `job`); `__name__` is never included; an empty value means no
 * label. Anything other than a selector (after removing parentheses) gives no labels.
 */
export function absentLabels(call: FunctionCall): Labels {
  const e = argNode(call, 0);
  let matchers: readonly LabelMatcher[];
  if (e.kind === 'VectorSelector') matchers = e.matchers;
  else if (e.kind === 'MatrixSelector') matchers = e.selector.matchers;
  else return {};
  const out: Record<string, string> = {};
  const has = new Set<string>();
  for (const m of matchers) {
    if (m.name === METRIC_NAME) continue;
    if (m.op === '=' && !has.has(m.name)) {
      if (m.value === '') delete out[m.name];
      else out[m.name] = m.value;
      has.add(m.name);
    } else {
      delete out[m.name];
    }
  }
  return out;
}

export const VECTOR_FUNCTIONS: ReadonlyMap<string, FunctionImpl> = new Map<string, FunctionImpl>([
  ['vector', (call) => [bareSample(call, scalarArg(call, 0))]],
  [
    'scalar',
    // NaN unless there is exactly one sample.
    (call) => {
      const samples = vectorArg(call, 0);
      const only = samples.length === 1 ? samples[0] : undefined;
      return [bareSample(call, only ? only.v : NaN)];
    },
  ],
  ['absent', (call) => (vectorArg(call, 0).length > 0 ? [] : [{ metric: absentLabels(call), t: call.ts, v: 1 }])],
  [
    'absent_over_time',
    // At one evaluation time Prometheus' post-processing reduces to: 1 when no series has a sample in the
    // window. Marked for name removal like other range functions (the labels never hold a name anyway).
    (call) =>
      matrixArg(call, 0).some((s) => s.points.length > 0) ? [] : [result(call, absentLabels(call), 1, true)],
  ],
]);
