/**
 * Element-wise math on instant vectors (all drop the metric name), and the scalar functions pi(), min_of()
 * and max_of(). atan2 is a binary operator, not a function, so it is not here.
 */
import type { FunctionCall, FunctionImpl, Sample } from '../types.js';
import { bareSample, goMax, goMin, result, scalarArg, vectorArg } from './common.js';

/** Prometheus' simpleFloatFunc: f applied to every sample, metric name dropped. */
export function elementwise(call: FunctionCall, f: (v: number) => number): Sample[] {
  return vectorArg(call, 0).map((s) => result(call, s.metric, f(s.v), true));
}

const simple = (f: (v: number) => number): FunctionImpl => (call) => elementwise(call, f);

/** clamp family: nothing at all when max < min; NaN inputs stay NaN (Go's Max/Min rules). */
function clamp(call: FunctionCall, min: number, max: number): Sample[] {
  if (max < min) return [];
  return elementwise(call, (v) => goMax(min, goMin(max, v)));
}

/** sgn keeps NaN and the sign of zero. */
function sgn(v: number): number {
  if (v < 0) return -1;
  if (v > 0) return 1;
  return v;
}

export const MATH_FUNCTIONS: ReadonlyMap<string, FunctionImpl> = new Map<string, FunctionImpl>([
  ['abs', simple(Math.abs)],
  ['ceil', simple(Math.ceil)],
  ['floor', simple(Math.floor)],
  ['exp', simple(Math.exp)],
  ['sqrt', simple(Math.sqrt)],
  ['ln', simple(Math.log)],
  ['log2', simple(Math.log2)],
  ['log10', simple(Math.log10)],
  ['sin', simple(Math.sin)],
  ['cos', simple(Math.cos)],
  ['tan', simple(Math.tan)],
  ['asin', simple(Math.asin)],
  ['acos', simple(Math.acos)],
  ['atan', simple(Math.atan)],
  ['sinh', simple(Math.sinh)],
  ['cosh', simple(Math.cosh)],
  ['tanh', simple(Math.tanh)],
  ['asinh', simple(Math.asinh)],
  ['acosh', simple(Math.acosh)],
  ['atanh', simple(Math.atanh)],
  // Same operation order as Prometheus ((v*180)/π), for identical rounding.
  ['deg', simple((v) => (v * 180) / Math.PI)],
  ['rad', simple((v) => (v * Math.PI) / 180)],
  ['sgn', simple(sgn)],
  [
    'round',
    (call) => {
      const toNearest = call.args.length >= 2 ? scalarArg(call, 1) : 1;
      // Prometheus multiplies by the inverse (fewer floating point surprises); ties round up.
      const inverse = 1 / toNearest;
      return elementwise(call, (v) => Math.floor(v * inverse + 0.5) / inverse);
    },
  ],
  ['clamp', (call) => clamp(call, scalarArg(call, 1), scalarArg(call, 2))],
  ['clamp_min', (call) => clamp(call, scalarArg(call, 1), Infinity)],
  ['clamp_max', (call) => clamp(call, -Infinity, scalarArg(call, 1))],
  ['pi', (call) => [bareSample(call, Math.PI)]],
  ['max_of', (call) => [bareSample(call, goMax(scalarArg(call, 0), scalarArg(call, 1)))]],
  ['min_of', (call) => [bareSample(call, goMin(scalarArg(call, 0), scalarArg(call, 1)))]],
]);
