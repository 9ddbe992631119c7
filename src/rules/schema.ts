/**
 * The JSON Schema of a Prometheus rule file, one source for two uses: reading files written by anyone
 * (`promforge check`) and proving what the build emits has the shape promtool expects.
 *
 * Field sets follow rulefmt at the Prometheus version the conformance fixtures come from; which of them an
 * older target accepts is decided by features.ts, not here. `title` carries the Go type name so unknown
 * fields are reported in promtool's words: `field namespace not found in type rulefmt.RuleGroup`.
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import { conformsToSchema } from '../yaml/conforms.js';
import { compileShapeSchema } from '../yaml/shape.js';

/** Go's model.ParseDuration: units largest first, each at most once, integers only; "0" is allowed. */
export const PROM_DURATION_PATTERN = '^(0|(([0-9]+)y)?(([0-9]+)w)?(([0-9]+)d)?(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)s)?(([0-9]+)ms)?)$';

const duration = { type: 'string', pattern: PROM_DURATION_PATTERN, minLength: 1 } as const;
const stringMap = { type: ['object', 'null'], additionalProperties: { type: 'string' } } as const;

export const ruleFileSchema = {
  $id: 'https://promforge.dev/schemas/prometheus-rule-file.json',
  title: 'rulefmt.RuleGroups',
  type: ['object', 'null'],
  properties: {
    groups: { type: ['array', 'null'], items: { $ref: '#/definitions/group' } },
  },
  additionalProperties: false,
  definitions: {
    group: {
      title: 'rulefmt.RuleGroup',
      type: 'object',
      properties: {
        name: { type: 'string' },
        interval: duration,
        query_offset: duration,
        limit: { type: 'integer', minimum: 0 },
        labels: stringMap,
        rules: { type: ['array', 'null'], items: { $ref: '#/definitions/rule' } },
      },
      additionalProperties: false,
    },
    rule: {
      title: 'rulefmt.Rule',
      type: 'object',
      properties: {
        record: { type: 'string' },
        alert: { type: 'string' },
        expr: { type: 'string' },
        for: duration,
        keep_firing_for: duration,
        labels: stringMap,
        annotations: stringMap,
      },
      additionalProperties: false,
    },
  },
} as const;

let compiled: ValidateFunction | undefined;

/** Validates (and coerces: "10" → 10 for `limit`, null → "" for strings) in place. */
export function validateRuleFileShape(value: unknown): readonly ErrorObject[] {
  if (conformsToSchema(ruleFileSchema, value)) return [];
  compiled ??= compileShapeSchema(ruleFileSchema, true);
  return compiled(value) ? [] : (compiled.errors ?? []);
}
