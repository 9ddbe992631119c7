import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ruleFileSchema } from '../../src/rules/schema.js';
import { ruleTestFileSchema } from '../../src/testing/schema.js';
import { conformsToSchema } from '../../src/yaml/conforms.js';
import { readYaml } from '../../src/yaml/read.js';
import { compileShapeSchema } from '../../src/yaml/shape.js';
import { conformance } from '../helpers.js';

// conformsToSchema may only say yes where ajv (coercing, as the readers run it) accepts the value unchanged.

const promtool = conformance('promtool');
const documents = [...fs.readdirSync(promtool), ...fs.readdirSync(path.join(promtool, 'rulefmt')).map((f) => `rulefmt/${f}`)]
  .filter((f) => /\.ya?ml$/.test(f))
  .map((f) => readYaml(fs.readFileSync(path.join(promtool, f), 'utf8'), f).value);

/** Deterministic variations of a value: a field retyped, removed, or added. */
function variations(value: unknown): unknown[] {
  const out: unknown[] = [];
  const visit = (v: unknown, replace: (x: unknown) => unknown): void => {
    for (const x of [null, '', 'x', '5m', '1.5', 0, -1, 10, 2.5, true, [], {}, ['a'], { a: 'b' }]) out.push(replace(x));
    if (Array.isArray(v)) v.slice(0, 2).forEach((item, i) => visit(item, (x) => replace(v.map((y, j) => (j === i ? x : y)))));
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      out.push(replace({ ...o, unknown_field: 'x' }));
      for (const k of Object.keys(o).slice(0, 8)) {
        const { [k]: _dropped, ...rest } = o;
        out.push(replace(rest));
        visit(o[k], (x) => replace({ ...o, [k]: x }));
      }
    }
  };
  visit(value, (x) => x);
  return out.slice(0, 3000);
}

describe.each([
  ['rule files', ruleFileSchema, documents.filter((d) => d !== null && typeof d === 'object' && 'groups' in d)],
  ['rule test files', ruleTestFileSchema, documents.filter((d) => d !== null && typeof d === 'object' && 'tests' in d)],
])('conformsToSchema, %s', (_name, schema, docs) => {
  const ajv = compileShapeSchema(schema, true);

  it('says yes only where ajv accepts the value without changing it', () => {
    let yes = 0;
    let total = 0;
    const wrong: unknown[] = [];
    for (const doc of docs) {
      for (const v of [doc, ...variations(doc)]) {
        total++;
        const before = JSON.stringify(v);
        if (!conformsToSchema(schema, v)) continue;
        yes++;
        const copy = JSON.parse(before) as unknown;
        if (!ajv(copy) || JSON.stringify(copy) !== before) wrong.push(v);
      }
    }
    expect(wrong.slice(0, 3)).toEqual([]);
    expect(docs.length).toBeGreaterThan(3);
    expect(yes).toBeGreaterThan(0);
    expect(yes).toBeLessThan(total);
  });
});

describe('conformsToSchema', () => {
  it('accepts the large promtool fixture, which then needs no ajv', () => {
    const value = readYaml(fs.readFileSync(path.join(promtool, 'rules_large.yml'), 'utf8'), 'rules_large.yml').value;
    expect(conformsToSchema(ruleFileSchema, value)).toBe(true);
  });

  it('answers no to keywords it does not know', () => {
    expect(conformsToSchema({ type: 'string', enum: ['a'] }, 'a')).toBe(false);
    expect(conformsToSchema({ type: 'object', required: ['a'] }, { a: 'x' })).toBe(false);
    expect(conformsToSchema({ type: 'string' }, 'a')).toBe(true);
  });
});
