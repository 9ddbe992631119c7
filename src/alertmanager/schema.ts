/**
 * The JSON Schema of an Alertmanager configuration, generated from the field table (fields.ts), one source for
 * two uses: reading files written by anyone (`promforge check`) and proving what the build emits has the shape
 * Alertmanager decodes, before anything is written.
 *
 * The schema holds every field of the newest release; which of them the target release knows is decided by
 * validate.ts from the same table, so a too-new field is reported with the version it needs rather than as a
 * typo. Values that yaml.v2 leaves empty (`key:` with nothing after it) are allowed everywhere, as Go takes
 * them for the zero value.
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import { compileShapeSchema } from '../yaml/shape.js';
import { PROM_DURATION_PATTERN } from '../rules/schema.js';
import { isListKind, isMapKind, isStructKind, STRUCTS, type Kind, type StructName } from './fields.js';

/** Go's time.ParseDuration: signed decimal numbers with units, or "0". */
export const GO_DURATION_PATTERN = '^[-+]?(0|(([0-9]*[.])?[0-9]+(ns|us|µs|μs|ms|s|m|h))+)$';

type Schema = Record<string, unknown>;

function kindSchema(kind: Kind): Schema {
  if (isStructKind(kind)) return { anyOf: [{ $ref: `#/definitions/${kind.struct}` }, { type: 'null' }] };
  if (isListKind(kind)) return { type: ['array', 'null'], items: kindSchema(kind.list) };
  if (isMapKind(kind)) return { type: ['object', 'null'], additionalProperties: kindSchema(kind.map) };
  switch (kind) {
    case 'bool':
      return { type: 'boolean' };
    case 'int':
      return { type: 'integer' };
    case 'uint':
      return { type: 'integer', minimum: 0 };
    case 'float':
      return { type: 'number' };
    case 'duration':
      return { type: 'string', pattern: PROM_DURATION_PATTERN };
    case 'goDuration':
      return { type: 'string', pattern: GO_DURATION_PATTERN };
    case 'matchers':
      return { type: ['array', 'null'], items: { type: 'string' } };
    case 'matchRegexps':
      // A null value is kept: Alertmanager rejects it with "invalid regexp value for <label>".
      return { type: ['object', 'null'], additionalProperties: { type: ['string', 'null'] } };
    case 'any':
      return {};
    default:
      return { type: 'string' };
  }
}

function structSchema(name: StructName): Schema {
  const spec = STRUCTS[name];
  return {
    title: spec.title,
    type: 'object',
    properties: Object.fromEntries(Object.entries(spec.fields).map(([f, field]) => [f, kindSchema(field.kind)])),
    additionalProperties: false,
  };
}

export const alertmanagerConfigSchema: Schema = {
  $id: 'https://promforge.dev/schemas/alertmanager-config.json',
  ...structSchema('config'),
  type: ['object', 'null'],
  definitions: Object.fromEntries((Object.keys(STRUCTS) as StructName[]).map((n) => [n, structSchema(n)])),
};

const compiled: { coercing?: ValidateFunction; strict?: ValidateFunction } = {};

/**
 * Validates the shape. YAML input is coerced in place as yaml.v2 decodes it ("true" → true, "5" → 5, null → ""
 * for strings); declarations are not (`coerce: false`), so `send_resolved: 'true'` is reported.
 */
export function validateAlertmanagerShape(value: unknown, options: { coerce?: boolean } = {}): readonly ErrorObject[] {
  const coerce = options.coerce ?? true;
  const validate = (coerce ? compiled.coercing : compiled.strict) ?? (compiled[coerce ? 'coercing' : 'strict'] = compileShapeSchema(alertmanagerConfigSchema, coerce));
  if (validate(value)) return [];
  // anyOf reports each branch; the struct branch's own errors say more than "must be null".
  const errors = validate.errors ?? [];
  return errors.filter((e) => e.keyword !== 'anyOf' && !(e.keyword === 'type' && e.params['type'] === 'null'));
}

/** Messages in Alertmanager's vocabulary (yaml.v2's) for the errors a user can cause. */
export function describeShapeError(e: ErrorObject): string {
  const field = e.instancePath.split('/').filter(Boolean).filter((p) => !/^\d+$/.test(p)).pop() ?? 'document';
  const typeName = typeof e.parentSchema?.['title'] === 'string' ? e.parentSchema['title'] : 'config.plain';
  switch (e.keyword) {
    case 'additionalProperties':
      return `field ${String(e.params['additionalProperty'])} not found in type ${typeName}`;
    case 'pattern':
      return String(e.schema).includes('ns|us') ? `${field}: invalid duration ${JSON.stringify(e.data)}` : `${field}: not a valid duration string: ${JSON.stringify(e.data)}`;
    case 'type': {
      const want = String(e.params['type']).replace(/,null/g, '').replace('array', 'a list').replace('object', 'a mapping');
      return `${field}: expected ${want}, got ${e.data === null ? 'nothing' : JSON.stringify(e.data)}`;
    }
    case 'minimum':
      return `${field}: must be >= 0, got ${JSON.stringify(e.data)}`;
    default:
      return `${field}: ${e.message ?? 'invalid'}`;
  }
}
