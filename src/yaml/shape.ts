/**
 * JSON Schemas (ajv) of YAML documents: compiled the one way every file schema is, and their errors reported in
 * the words of the Go tools that read those files (`field namespace not found in type rulefmt.RuleGroup`) and at
 * the offending key or value.
 */
import { createRequire } from 'node:module';
import type { AnySchema, ErrorObject, ValidateFunction } from 'ajv';
import { error, type Diagnostic } from '../diagnostics.js';
import type { YamlPath, YamlRead } from './read.js';

/**
 * A file schema compiled the way all of promforge's are: every error, strict schema checking, union types,
 * `verbose` (the messages read the parent schema's `title`); with `coerce`, values are coerced in place as the
 * Go YAML decoders do ("10" → 10, null → "" for strings).
 */
export function compileShapeSchema(schema: AnySchema, coerce: boolean): ValidateFunction {
  // Loaded on first use: most files conform without coercion (conforms.ts) and never need ajv.
  const { Ajv } = createRequire(import.meta.url)('ajv') as typeof import('ajv');
  return new Ajv({ allErrors: true, coerceTypes: coerce, strict: true, allowUnionTypes: true, verbose: true }).compile(schema);
}

export function describeShapeError(e: ErrorObject): string {
  const field = e.instancePath.split('/').filter(Boolean).pop() ?? 'document';
  const typeName = typeof e.parentSchema?.['title'] === 'string' ? e.parentSchema['title'] : undefined;
  switch (e.keyword) {
    case 'additionalProperties':
      return `field ${String(e.params['additionalProperty'])} not found in type ${typeName ?? 'the document'}`;
    case 'pattern':
    case 'minLength':
      return `${field}: not a valid duration string`;
    case 'type':
      return `${field}: expected ${String(e.params['type']).replace(',null', '').replace('array', 'a list').replace('object', 'a mapping')}`;
    case 'minimum':
      return `${field}: must be >= ${String(e.params['limit'])}`;
    default:
      return `${field}: ${e.message ?? 'invalid'}`;
  }
}

export function pointerToPath(pointer: string): YamlPath {
  return pointer
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

/** Diagnostics for schema errors, placed at the unknown key or the bad value. */
export function shapeDiagnostics(errors: readonly ErrorObject[], yaml: YamlRead, options: { ignoreUnknownFields?: boolean } = {}): Diagnostic[] {
  return errors
    .filter((e) => !(options.ignoreUnknownFields && e.keyword === 'additionalProperties'))
    .map((e) => {
      const path = pointerToPath(e.instancePath);
      const extra = e.keyword === 'additionalProperties' ? String(e.params['additionalProperty']) : undefined;
      const at = extra !== undefined ? yaml.locateKey([...path, extra]) : yaml.locate(path);
      return error(describeShapeError(e), { at });
    });
}
