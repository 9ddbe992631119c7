/**
 * Double exponential smoothing (Holt's linear method): holt_winters until Prometheus 2.x, renamed
 * double_exponential_smoothing (experimental) in 3.0 with the same computation and messages.
 */
import { goFixed } from '../../../go/fmt.js';
import type { FunctionCall, FunctionImpl, Point, Sample } from '../types.js';
import { overSeries, scalarArg } from './common.js';
import { EvalError } from '../types.js';

/** The trend at step i: the initial trend first, then a blend of the last level change and the old trend. */
function trend(i: number, tf: number, s0: number, s1: number, b: number): number {
  if (i === 0) return b;
  return tf * (s1 - s0) + (1 - tf) * b;
}

/** The smoothed level after the last sample, for smoothing factor sf and trend factor tf. */
export function smooth(points: readonly Point[], sf: number, tf: number): number | undefined {
  if (points.length < 2) return undefined;
  const v = (i: number): number => points[i]?.v ?? NaN;
  let s0 = 0;
  let s1 = v(0);
  let b = v(1) - v(0);
  for (let i = 1; i < points.length; i++) {
    const x = sf * v(i);
    b = trend(i - 1, tf, s0, s1, b);
    const y = (1 - sf) * (s1 + b);
    s0 = s1;
    s1 = x + y;
  }
  return s1;
}

function doubleExponentialSmoothing(call: FunctionCall): Sample[] {
  const sf = scalarArg(call, 1);
  const tf = scalarArg(call, 2);
  return overSeries(call, 0, true, (points) => {
    // Checked per series with samples, so an empty selection is no error (as in Prometheus); NaN passes.
    if (sf <= 0 || sf >= 1) throw new EvalError(`invalid smoothing factor. Expected: 0 < sf < 1, got: ${goFixed(sf)}`);
    if (tf <= 0 || tf >= 1) throw new EvalError(`invalid trend factor. Expected: 0 < tf < 1, got: ${goFixed(tf)}`);
    return smooth(points, sf, tf);
  });
}

export const SMOOTHING_FUNCTIONS: ReadonlyMap<string, FunctionImpl> = new Map<string, FunctionImpl>([
  ['double_exponential_smoothing', doubleExponentialSmoothing],
  ['holt_winters', doubleExponentialSmoothing],
]);
