/**
 * Whether a value already is what a file schema describes, needing no coercion: then ajv would accept it
 * unchanged, and need not be loaded and compiled at all (for `promforge check` of one file, ajv's load and
 * compile cost more than reading 10,000 rules). Only the keywords promforge's schemas use are understood;
 * any other keyword, a type mismatch ajv might coerce, or any doubt answers false, and ajv decides as before.
 */
type Schema = Readonly<Record<string, unknown>>;

const IGNORED = new Set(['$id', 'title', 'description', 'definitions']);
const UNDERSTOOD = new Set([...IGNORED, 'type', 'properties', 'additionalProperties', 'items', '$ref', 'pattern', 'minLength', 'minimum']);

/** A schema turned into a test once; a file of 10,000 rules walks the same few schemas 80,000 times. */
type Test = (v: unknown) => boolean;
const compiledRoots = new WeakMap<Schema, Test>();

export function conformsToSchema(root: Schema, value: unknown): boolean {
  let test = compiledRoots.get(root);
  if (!test) compiledRoots.set(root, (test = compile(root)));
  return test(value);
}

const NEVER: Test = () => false;

function compile(root: Schema): Test {
  const refs = new Map<string, Test>();
  const node = (schema: Schema, depth: number): Test => {
    if (depth > 64) return NEVER;
    for (const k of Object.keys(schema)) if (!UNDERSTOOD.has(k)) return NEVER;
    const ref = schema['$ref'];
    if (ref !== undefined) {
      // Draft-07: $ref stands alone.
      if (Object.keys(schema).some((k) => k !== '$ref' && !IGNORED.has(k))) return NEVER;
      const m = typeof ref === 'string' ? /^#\/definitions\/([\w-]+)$/.exec(ref) : null;
      const target = m ? (root['definitions'] as Record<string, Schema> | undefined)?.[m[1]!] : undefined;
      if (target === undefined || !isSchema(target)) return NEVER;
      // Compiled on first use, so recursive definitions terminate.
      return (v) => {
        let t = refs.get(ref as string);
        if (!t) refs.set(ref as string, (t = node(target, depth + 1)));
        return t(v);
      };
    }
    const tests: Test[] = [];
    if (schema['type'] !== undefined) {
      const types = ([] as unknown[]).concat(schema['type']).map(typeTest);
      tests.push(types.length === 1 ? types[0]! : (v) => types.some((t) => t(v)));
    }
    const pattern = schema['pattern'];
    if (pattern !== undefined) {
      if (typeof pattern !== 'string') tests.push((v) => typeof v !== 'string');
      else {
        const re = new RegExp(pattern, 'u');
        tests.push((v) => typeof v !== 'string' || re.test(v));
      }
    }
    const minLength = schema['minLength'];
    if (minLength !== undefined) {
      tests.push((v) => typeof v !== 'string' || (typeof minLength === 'number' && [...v].length >= minLength));
    }
    const minimum = schema['minimum'];
    if (minimum !== undefined) tests.push((v) => typeof v !== 'number' || (typeof minimum === 'number' && v >= minimum));
    const items = schema['items'];
    if (items !== undefined) {
      const item = isSchema(items) ? node(items, depth + 1) : NEVER;
      tests.push((v) => !Array.isArray(v) || (isSchema(items) && v.every(item)));
    }
    const properties = schema['properties'];
    const additional = schema['additionalProperties'];
    if (properties !== undefined || additional !== undefined) {
      if (properties !== undefined && !isSchema(properties)) tests.push((v) => !isObject(v));
      else {
        const own = new Map<string, Test>();
        for (const [key, p] of Object.entries(properties ?? {})) own.set(key, isSchema(p) ? node(p, depth + 1) : NEVER);
        const other: Test | undefined =
          additional === false ? NEVER : additional === undefined || additional === true ? undefined : isSchema(additional) ? node(additional, depth + 1) : NEVER;
        tests.push((v) => {
          if (!isObject(v)) return true;
          for (const key in v) {
            if (!Object.prototype.hasOwnProperty.call(v, key)) continue;
            const t = own.get(key) ?? other;
            if (t && !t(v[key])) return false;
          }
          return true;
        });
      }
    }
    if (tests.length === 1) return tests[0]!;
    return (v) => {
      for (const t of tests) if (!t(v)) return false;
      return true;
    };
  };
  return node(root, 0);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isSchema = (v: unknown): v is Schema => isObject(v);

function typeTest(type: unknown): Test {
  switch (type) {
    case 'null':
      return (v) => v === null;
    case 'string':
      return (v) => typeof v === 'string';
    case 'boolean':
      return (v) => typeof v === 'boolean';
    case 'number':
      return (v) => typeof v === 'number' && Number.isFinite(v);
    case 'integer':
      return (v) => typeof v === 'number' && Number.isInteger(v);
    case 'array':
      return Array.isArray;
    case 'object':
      return isObject;
    default:
      return NEVER;
  }
}
