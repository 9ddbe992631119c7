/**
 * The JSON Schema of the prometheus.yml promforge writes: the fields it uses, each with its type, and nothing
 * else. The build reads the emitted file back and holds it against this before out/ is touched, so a field
 * misspelt in the emitter, a number written as a string, or a list where a mapping belongs never ships.
 * (Not a schema of every prometheus.yml: service discovery, remote write and the rest are not emitted.)
 */
import type { AnySchema, ErrorObject, ValidateFunction } from 'ajv';
import { PROM_DURATION_PATTERN } from '../rules/schema.js';
import { compileShapeSchema } from '../yaml/shape.js';

const duration = { type: 'string', pattern: PROM_DURATION_PATTERN, minLength: 1 };
const labelMap = { type: 'object', additionalProperties: { type: 'string' } };
const strings = { type: 'array', items: { type: 'string' } };
const staticConfig = {
  title: 'targetgroup.Group',
  type: 'object',
  additionalProperties: false,
  required: ['targets'],
  properties: { targets: { ...strings, minItems: 1 }, labels: labelMap },
};

export const PROMETHEUS_YML_SCHEMA = {
  title: 'config.Config',
  type: 'object',
  additionalProperties: false,
  required: ['global', 'scrape_configs'],
  properties: {
    global: {
      title: 'config.GlobalConfig',
      type: 'object',
      additionalProperties: false,
      required: ['scrape_interval', 'evaluation_interval'],
      properties: { scrape_interval: duration, scrape_timeout: duration, evaluation_interval: duration, external_labels: labelMap },
    },
    alerting: {
      title: 'config.AlertingConfig',
      type: 'object',
      additionalProperties: false,
      properties: {
        alertmanagers: {
          type: 'array',
          items: {
            title: 'config.AlertmanagerConfig',
            type: 'object',
            additionalProperties: false,
            required: ['static_configs'],
            properties: { static_configs: { type: 'array', items: staticConfig } },
          },
        },
      },
    },
    rule_files: strings,
    scrape_configs: {
      type: 'array',
      items: {
        title: 'config.ScrapeConfig',
        type: 'object',
        additionalProperties: false,
        required: ['job_name', 'static_configs'],
        properties: {
          job_name: { type: 'string', minLength: 1 },
          honor_labels: { type: 'boolean' },
          track_timestamps_staleness: { type: 'boolean' },
          scrape_interval: duration,
          scrape_timeout: duration,
          scrape_protocols: strings,
          metrics_path: { type: 'string' },
          scheme: { enum: ['http', 'https'] },
          sample_limit: { type: 'integer', minimum: 0 },
          keep_dropped_targets: { type: 'integer', minimum: 0 },
          params: { type: 'object', additionalProperties: strings },
          static_configs: { type: 'array', items: staticConfig },
          relabel_configs: {
            type: 'array',
            items: {
              title: 'relabel.Config',
              type: 'object',
              additionalProperties: false,
              properties: { source_labels: strings, target_label: { type: 'string' }, replacement: { type: 'string' } },
            },
          },
        },
      },
    },
  },
} as const;

let compiled: ValidateFunction | undefined;

/**
 * Holds `value` (YAML read as strings, as yaml.v2 hands scalars over) against the schema, coercing numbers and
 * booleans in place as Go's decoder does. Returns the errors, none when the shape is right.
 */
export function validatePrometheusShape(value: unknown): readonly ErrorObject[] {
  compiled ??= compileShapeSchema(PROMETHEUS_YML_SCHEMA, true);
  return compiled(value) ? [] : [...(compiled.errors ?? [])];
}

let compiledAsRead: ValidateFunction | undefined;

/**
 * The same for a prometheus.yml written by anyone: nothing is required, since Prometheus fills in its defaults
 * (validate.ts judges what must be there). Fields outside the schema are the caller's to remove first (check.ts).
 */
export function validatePrometheusShapeAsRead(value: unknown): readonly ErrorObject[] {
  compiledAsRead ??= compileShapeSchema(withoutRequired(PROMETHEUS_YML_SCHEMA) as AnySchema, true);
  return compiledAsRead(value) ? [] : [...(compiledAsRead.errors ?? [])];
}

function withoutRequired(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withoutRequired);
  if (typeof schema !== 'object' || schema === null) return schema;
  // `required` lists field names; a property of that name would be a schema (an object), never a list.
  return Object.fromEntries(Object.entries(schema).filter(([k, v]) => !(k === 'required' && Array.isArray(v))).map(([k, v]) => [k, withoutRequired(v)]));
}
