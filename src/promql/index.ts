// The PromQL front end's public surface, for the rule, lint and engine layers.

export type * from './ast.js';
export { children } from './ast.js';
export { documentedType, typeOf } from './check.js';
export {
  evaluateDuration,
  formatDuration,
  isConstantDuration,
  isPromDuration,
  parseDuration,
  parsePromDuration,
  type DurationContext,
  type DurationEvaluation,
  type DurationResult,
} from './duration.js';
export {
  AGGREGATIONS,
  argType,
  FUNCTIONS,
  maxArgs,
  minArgs,
  SYNTAX_FEATURES,
  type AggregationInfo,
  type FunctionInfo,
  type PromQLFeature,
  type SyntaxFeature,
  type SyntaxFeatureId,
} from './functions.js';
export {
  formatPromQLError,
  parsePromQL,
  type ParseResult,
  type PromQLError,
  type PromQLOptions,
} from './parse.js';
export { compileMatcherRegex, translateRe2, type Re2Result } from './regex.js';
export { LATEST_PROMETHEUS as DEFAULT_PROMETHEUS_VERSION } from '../config/version.js';
