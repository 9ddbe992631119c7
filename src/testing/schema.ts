/** The JSON Schema of a promtool unit-test file, for reading them strictly and for proving what we emit. */
import type { ErrorObject, ValidateFunction } from 'ajv';
import { conformsToSchema } from '../yaml/conforms.js';
import { compileShapeSchema } from '../yaml/shape.js';

const labelMap = { type: ['object', 'null'], additionalProperties: { type: 'string' } } as const;

export const ruleTestFileSchema = {
  $id: 'https://promforge.dev/schemas/promtool-rule-test-file.json',
  title: 'main.unitTestFile',
  type: 'object',
  properties: {
    rule_files: { type: ['array', 'null'], items: { type: 'string' } },
    evaluation_interval: { type: 'string' },
    group_eval_order: { type: ['array', 'null'], items: { type: 'string' } },
    fuzzy_compare: { type: 'boolean' },
    tests: { type: ['array', 'null'], items: { $ref: '#/definitions/testGroup' } },
  },
  additionalProperties: false,
  definitions: {
    testGroup: {
      title: 'main.testGroup',
      type: 'object',
      properties: {
        name: { type: 'string' },
        interval: { type: 'string' },
        input_series: { type: ['array', 'null'], items: { $ref: '#/definitions/series' } },
        alert_rule_test: { type: ['array', 'null'], items: { $ref: '#/definitions/alertTestCase' } },
        promql_expr_test: { type: ['array', 'null'], items: { $ref: '#/definitions/promqlTestCase' } },
        external_labels: labelMap,
        external_url: { type: 'string' },
        start_timestamp: { type: 'string' },
      },
      additionalProperties: false,
    },
    series: {
      title: 'main.series',
      type: 'object',
      properties: { series: { type: 'string' }, values: { type: 'string' } },
      additionalProperties: false,
    },
    alertTestCase: {
      title: 'main.alertTestCase',
      type: 'object',
      properties: {
        eval_time: { type: 'string' },
        alertname: { type: 'string' },
        exp_alerts: { type: ['array', 'null'], items: { $ref: '#/definitions/alert' } },
      },
      additionalProperties: false,
    },
    alert: {
      title: 'main.alert',
      type: 'object',
      properties: { exp_labels: labelMap, exp_annotations: labelMap },
      additionalProperties: false,
    },
    promqlTestCase: {
      title: 'main.promqlTestCase',
      type: 'object',
      properties: {
        expr: { type: 'string' },
        eval_time: { type: 'string' },
        exp_samples: { type: ['array', 'null'], items: { $ref: '#/definitions/sample' } },
      },
      additionalProperties: false,
    },
    sample: {
      title: 'main.sample',
      type: 'object',
      properties: { labels: { type: 'string' }, value: { type: 'number' }, histogram: { type: 'string' } },
      additionalProperties: false,
    },
  },
} as const;

let compiled: ValidateFunction | undefined;

export function validateRuleTestFileShape(value: unknown): readonly ErrorObject[] {
  if (conformsToSchema(ruleTestFileSchema, value)) return [];
  compiled ??= compileShapeSchema(ruleTestFileSchema, true);
  return compiled(value) ? [] : (compiled.errors ?? []);
}
