/** Our unit table (src/grafana/units.ts) against the unit list of Grafana's published JSON Schema. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isKnownUnit, UNITS } from '../../src/grafana/units.js';
import { conformance } from '../helpers.js';

const schema = JSON.parse(fs.readFileSync(path.join(conformance('grafana'), 'units.jsonschema.json'), 'utf8')) as {
  definitions: Record<string, { const?: string }>;
};
const grafana = new Set(Object.values(schema.definitions).flatMap((d) => (d.const !== undefined ? [d.const] : [])));

describe("Grafana's units", () => {
  it('are exactly the units the schema lists', () => {
    expect(grafana.size).toBeGreaterThan(250);
    expect([...UNITS].filter((u) => !grafana.has(u))).toEqual([]);
    expect([...grafana].filter((u) => !UNITS.has(u))).toEqual([]);
  });

  it('plus the custom forms, and nothing else', () => {
    expect(['suffix: req', 'prefix:$', 'si:W', 'count:jobs', 'currency:kr', 'time:HH:mm', 'bool:up/down'].filter((u) => !isKnownUnit(u))).toEqual([]);
    expect(['seconds', 'suffix:', 'percent_unit', 'Bytes'].filter(isKnownUnit)).toEqual([]);
  });
});
