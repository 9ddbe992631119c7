import * as lezer from '@prometheus-io/lezer-promql';
import { describe, expect, it } from 'vitest';
import {
  AGGREGATIONS,
  argType,
  FUNCTIONS,
  maxArgs,
  minArgs,
  SYNTAX_FEATURES,
} from '../../src/promql/functions.js';
import { atLeast as versionAtLeast, compareVersions, parseVersion } from '../../src/config/version.js';

const { parser } = lezer;

/**
 * Every node type the grammar package exports that is NOT a function name. A grammar
 * release that adds a term not listed here (most likely a new function) fails the test
 * below, so the catalogue gets updated together with the dependency.
 */
const NON_FUNCTION_TERMS = new Set([
  // Keywords, operators and aggregation operators.
  ...['inf', 'nan', 'Bool', 'Ignoring', 'On', 'GroupLeft', 'GroupRight', 'Offset', 'Atan2'],
  ...['Avg', 'Bottomk', 'Count', 'CountValues', 'Group', 'Max', 'Min', 'Quantile', 'LimitK', 'LimitRatio'],
  ...['Stddev', 'Stdvar', 'Sum', 'Topk', 'By', 'Without', 'And', 'Or', 'Unless', 'AtStart', 'AtEnd'],
  ...['Smoothed', 'Anchored', 'Fill', 'FillLeft', 'FillRight', 'LineComment'],
  ...['Pow', 'Mul', 'Div', 'Mod', 'Add', 'Sub', 'Eql', 'Gte', 'Gtr', 'TrimUpper', 'TrimLower', 'Lte', 'Lss', 'Neq'],
  ...['EqlSingle', 'EqlRegex', 'NeqRegex', 'At'],
  // Structure.
  ...['PromQL', 'MetricName', 'AggregateExpr', 'AggregateOp', 'AggregateModifier', 'GroupingLabels', 'LabelName'],
  ...['QuotedLabelName', 'StringLiteral', 'FunctionCallBody', 'BinaryExpr', 'BoolModifier', 'MatchingModifierClause'],
  ...['FillModifier', 'FillClause', 'FillLeftClause', 'FillRightClause', 'NumberDurationLiteral', 'FunctionCall'],
  ...['FunctionIdentifier', 'Identifier', 'MatrixSelector', 'DurationExpr', 'UnaryOp', 'OffsetExpr'],
  ...['OffsetDurationExpr', 'AnchoredExpr', 'SmoothedExpr', 'ParenExpr', 'SubqueryExpr', 'UnaryExpr'],
  ...['VectorSelector', 'LabelMatchers', 'UnquotedLabelMatcher', 'MatchOp', 'QuotedLabelMatcher'],
  ...['StepInvariantExpr', 'AtModifierPreprocessors', 'NumberDurationLiteralInDurationContext'],
  // Duration-expression forms of step()/range()/min_of()/max_of().
  ...['DurationStep', 'DurationRange', 'DurationMinOf', 'DurationMaxOf'],
]);

/**
 * Catalogue functions the grammar does not list as FunctionIdentifier, with the reason.
 * The parser handles these itself (see tree.ts).
 */
const NOT_IN_GRAMMAR = new Map([
  ['min_of', 'lezer only knows min_of() inside durations (DurationMinOf); Prometheus also has it as a scalar function'],
  ['max_of', 'lezer only knows max_of() inside durations (DurationMaxOf); Prometheus also has it as a scalar function'],
]);

/** The grammar term lezer uses for `name(...)`, or undefined when it is not a call there. */
function grammarTerm(name: string): string | undefined {
  const call = parser.parse(`${name}()`).topNode.firstChild;
  if (call?.name !== 'FunctionCall') return undefined;
  return call.getChild('FunctionIdentifier')?.firstChild?.name;
}

const exportedTerms = Object.entries(lezer)
  .filter(([, v]) => typeof v === 'number')
  .map(([k]) => k);

describe('function catalogue vs the lezer grammar', () => {
  const current = [...FUNCTIONS.values()].filter((f) => !f.until);

  it('classifies every exported grammar term', () => {
    const functionTerms = exportedTerms.filter((t) => !NON_FUNCTION_TERMS.has(t));
    const reached = new Set(current.map((f) => grammarTerm(f.name)));
    const unknown = functionTerms.filter((t) => !reached.has(t));
    expect(unknown, 'grammar terms that are neither catalogued functions nor listed as non-functions').toEqual([]);
    expect(functionTerms.length).toBeGreaterThan(80);
  });

  it('has every current catalogue function in the grammar (or says why not)', () => {
    const missing = current.filter((f) => !grammarTerm(f.name) && !NOT_IN_GRAMMAR.has(f.name)).map((f) => f.name);
    expect(missing).toEqual([]);
    for (const name of NOT_IN_GRAMMAR.keys()) expect(FUNCTIONS.has(name)).toBe(true);
  });

  it('does not find removed functions in the grammar', () => {
    const removed = [...FUNCTIONS.values()].filter((f) => f.until).map((f) => f.name);
    expect(removed).toEqual(['holt_winters']);
    expect(removed.filter((n) => grammarTerm(n))).toEqual([]);
  });

  it('matches the grammar aggregation operators', () => {
    for (const name of AGGREGATIONS.keys()) {
      expect(parser.parse(`${name}(x)`).topNode.firstChild?.name, name).toBe('AggregateExpr');
    }
    const grammarOps = ['Avg', 'Bottomk', 'Count', 'CountValues', 'Group', 'Max', 'Min', 'Quantile', 'LimitK', 'LimitRatio', 'Stddev', 'Stdvar', 'Sum', 'Topk'];
    expect(grammarOps.every((t) => exportedTerms.includes(t))).toBe(true);
    expect(AGGREGATIONS.size).toBe(grammarOps.length);
  });
});

describe('catalogue sanity', () => {
  const types = new Set(['vector', 'matrix', 'scalar', 'string']);

  it('has well-formed rows', () => {
    for (const [name, f] of FUNCTIONS) {
      expect(f.name).toBe(name);
      expect(name).toMatch(/^[a-z][a-z0-9_]*$/);
      expect(f.argTypes.every((t) => types.has(t)), name).toBe(true);
      expect(types.has(f.returnType)).toBe(true);
      expect(f.variadic).toBeGreaterThanOrEqual(-1);
      expect(parseVersion(f.since), name).toBeDefined();
      for (const later of [f.until, f.stableSince]) {
        if (later) expect(compareVersions(parseVersion(later)!, parseVersion(f.since)!), name).toBeGreaterThan(0);
      }
    }
    for (const f of SYNTAX_FEATURES.values()) {
      expect(parseVersion(f.since)).toBeDefined();
      if (f.defaultSince) expect(f.flag).toBeDefined();
    }
  });

  it('encodes argument counts like Prometheus', () => {
    const f = (name: string) => FUNCTIONS.get(name)!;
    expect([minArgs(f('rate')), maxArgs(f('rate'))]).toEqual([1, 1]);
    expect([minArgs(f('round')), maxArgs(f('round'))]).toEqual([1, 2]);
    expect([minArgs(f('hour')), maxArgs(f('hour'))]).toEqual([0, 1]);
    expect([minArgs(f('label_join')), maxArgs(f('label_join'))]).toEqual([3, Infinity]);
    expect([minArgs(f('sort_by_label')), maxArgs(f('sort_by_label'))]).toEqual([1, Infinity]);
    expect([minArgs(f('histogram_quantiles')), maxArgs(f('histogram_quantiles'))]).toEqual([3, 12]);
    expect(argType(f('label_join'), 7)).toBe('string');
    expect(argType(f('rate'), 1)).toBeUndefined();
  });

  it('records the experimental functions of Prometheus 3.14', () => {
    const experimental = [...FUNCTIONS.values()].filter((f) => f.experimental).map((f) => f.name);
    expect(experimental.sort()).toEqual(
      [
        'double_exponential_smoothing',
        'end',
        'histogram_quantiles',
        'info',
        'mad_over_time',
        'max_of',
        'min_of',
        'range',
        'sort_by_label',
        'sort_by_label_desc',
        'start',
        'start_timestamp',
        'step',
        'ts_of_first_over_time',
        'ts_of_last_over_time',
        'ts_of_max_over_time',
        'ts_of_min_over_time',
      ].sort(),
    );
    expect([...AGGREGATIONS.values()].filter((a) => a.experimental).map((a) => a.name)).toEqual(['limitk', 'limit_ratio']);
  });

  it('compares versions', () => {
    const v = parseVersion('v2.42.1')!;
    expect(v).toEqual([2, 42, 1]);
    expect(versionAtLeast(v, '2.42.0')).toBe(true);
    expect(versionAtLeast(v, '2.43.0')).toBe(false);
    expect(parseVersion('3.0')).toEqual([3, 0, 0]);
    expect(parseVersion('latest')).toBeUndefined();
  });
});
