import { expect } from 'vitest';
import type { Expr, ValueType } from '../../src/promql/ast.js';
import type { PromQLFeature } from '../../src/promql/functions.js';
import { formatPromQLError, parsePromQL, type PromQLError, type PromQLOptions } from '../../src/promql/parse.js';

export const ALL_FEATURES: ReadonlySet<PromQLFeature> = new Set([
  'promql-experimental-functions',
  'promql-extended-range-selectors',
  'promql-binop-fill-modifiers',
]);

/** Parses and fails the test with the formatted errors when the expression is rejected. */
export function parseOk(expr: string, options: PromQLOptions = {}): { ast: Expr; type: ValueType } {
  const r = parsePromQL(expr, options);
  if (!r.ok) expect.fail(`${JSON.stringify(expr)} should parse, got: ${r.errors.map(formatPromQLError).join('; ')}`);
  return r;
}

/** Parses and returns the first error, failing the test when the expression is accepted. */
export function firstError(expr: string, options: PromQLOptions = {}): PromQLError {
  const r = parsePromQL(expr, options);
  if (r.ok) expect.fail(`${JSON.stringify(expr)} should not parse`);
  const e = r.errors[0];
  if (!e) expect.fail('no error reported');
  return e;
}
