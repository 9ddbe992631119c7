/**
 * Whether a value already is what a file schema describes, needing no coercion: then ajv would accept it
 * unchanged, and need not be loaded and compiled at all (for `promforge check` of one file, ajv's load and
 * compile cost more than reading 10,000 rules). Only the keywords promforge's schemas use are understood;
 * any other keyword, a type mismatch ajv might coerce, or any doubt answers false, and ajv decides as before.
 */
type Schema = Readonly<Record<string, unknown>>;

const IGNORED = new Set(['$id', 'title', 'description', 'definitions']);
const UNDERSTOOD = new Set([...IGNORED, 'type', 'properties', 'additionalProperties', 'items', '$ref', 'pattern', 'minLength', 'minimum']);

export function conformsToSchema(root: Schema, value: unknown): boolean {
  const patterns = new Map<string, RegExp>();
  const check = (schema: Schema, v: unknown, depth: number): boolean => {
    if (depth > 64) return false;
    for (const k of Object.keys(schema)) if (!UNDERSTOOD.has(k)) return false;
    const ref = schema['$ref'];
    if (ref !== undefined) {
      // Draft-07: $ref stands alone.
      if (Object.keys(schema).some((k) => k !== '$ref' && !IGNORED.has(k))) return false;
      const m = typeof ref === 'string' ? /^#\/definitions\/([\w-]+)$/.exec(ref) : null;
      const target = m ? (root['definitions'] as Record<string, Schema> | undefined)?.[m[1]!] : undefined;
      return target !== undefined && check(target, v, depth + 1);
    }
    const types = schema['type'] === undefined ? undefined : ([] as unknown[]).concat(schema['type']);
    if (types && !types.some((t) => hasType(v, t))) return false;
    if (typeof v === 'string') {
      const pattern = schema['pattern'];
      if (pattern !== undefined) {
        if (typeof pattern !== 'string') return false;
        let re = patterns.get(pattern);
        if (!re) patterns.set(pattern, (re = new RegExp(pattern, 'u')));
        if (!re.test(v)) return false;
      }
      const minLength = schema['minLength'];
      if (minLength !== undefined && (typeof minLength !== 'number' || [...v].length < minLength)) return false;
    }
    if (typeof v === 'number' && schema['minimum'] !== undefined) {
      const minimum = schema['minimum'];
      if (typeof minimum !== 'number' || v < minimum) return false;
    }
    if (Array.isArray(v)) {
      const items = schema['items'];
      if (items !== undefined) {
        if (!isSchema(items)) return false;
        for (const item of v) if (!check(items, item, depth + 1)) return false;
      }
      return true;
    }
    if (isObject(v)) {
      const properties = schema['properties'];
      const additional = schema['additionalProperties'];
      if (properties !== undefined && !isSchema(properties)) return false;
      for (const key of Object.keys(v)) {
        const own = properties && Object.prototype.hasOwnProperty.call(properties, key) ? properties[key] : undefined;
        if (own !== undefined) {
          if (!isSchema(own) || !check(own, v[key], depth + 1)) return false;
        } else if (additional === false) {
          return false;
        } else if (additional !== undefined && additional !== true) {
          if (!isSchema(additional) || !check(additional, v[key], depth + 1)) return false;
        }
      }
    }
    return true;
  };
  return check(root, value, 0);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isSchema = (v: unknown): v is Schema => isObject(v);

function hasType(v: unknown, type: unknown): boolean {
  switch (type) {
    case 'null':
      return v === null;
    case 'string':
      return typeof v === 'string';
    case 'boolean':
      return typeof v === 'boolean';
    case 'number':
      return typeof v === 'number' && Number.isFinite(v);
    case 'integer':
      return typeof v === 'number' && Number.isInteger(v);
    case 'array':
      return Array.isArray(v);
    case 'object':
      return isObject(v);
    default:
      return false;
  }
}
