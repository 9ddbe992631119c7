// The PromQL evaluation engine: an in-memory series store, the evaluator and the series notation of
// Prometheus' test scripts and promtool's rule tests.

export type { Annotation, EngineOptions, FunctionCall, FunctionImpl, Labels, Point, RangeSeries, Sample, Value } from './types.js';
export { EvalError } from './types.js';
export {
  addHistogramSeries,
  addSample,
  addSeries,
  createStorage,
  selectSeries,
  type Storage,
  type StoredSeries,
} from './storage.js';
export { evalInstant, evalRange, type EvalExtras, type EvalResult } from './eval.js';
export { expandSeries, parseMetricPrefix, parseSeriesLine, type SeriesLine, type SeriesValue } from './series-notation.js';
export { compareLabels, formatLabels, labelsKey } from './labels.js';
export { FUNCTION_IMPLS } from './functions/index.js';
