/**
 * Every dashboard the build emits, validated against Grafana's own JSON Schemas (../shared/conformance/grafana,
 * published with the foundation SDK): the classic dashboard, each panel's options and custom field config
 * against its panel type's schema, and each Prometheus query against the Prometheus datasource's schema.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileProject } from '../../src/build/pipeline.js';
import { GRAFANA_DASHBOARDS_OUT } from '../../src/grafana/build.js';
import { isJsonObject, panelsOf, type JsonObject } from '../../src/grafana/model.js';
import { conformance, fixtureProject, repoRoot } from '../helpers.js';

const dir = conformance('grafana');
const load = (file: string): Record<string, unknown> => JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as Record<string, unknown>;

function schemas() {
  const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
  // The SDK's schemas carry this annotation on deprecated fields (see SOURCE.md).
  ajv.addKeyword('x-deprecation-message');
  // Snapshot timestamps only; RFC 3339 as Go's time.Time marshals it.
  ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
  ajv.addSchema(load('dashboard.jsonschema.json'), 'dashboard');
  ajv.addSchema(load('prometheus.jsonschema.json'), 'prometheus');
  const panelTypes = new Map<string, { options?: ValidateFunction; custom?: ValidateFunction }>();
  for (const file of fs.readdirSync(dir)) {
    const type = file.replace(/\.jsonschema\.json$/, '');
    if (file === type || ['dashboard', 'prometheus', 'common', 'units', 'loki'].includes(type)) continue;
    const schema = load(file);
    ajv.addSchema(schema, type);
    const defs = (schema['definitions'] ?? {}) as Record<string, unknown>;
    panelTypes.set(type, {
      ...('Options' in defs ? { options: ajv.getSchema(`${type}#/definitions/Options`)! } : {}),
      ...('FieldConfig' in defs ? { custom: ajv.getSchema(`${type}#/definitions/FieldConfig`)! } : {}),
    });
  }
  return { dashboard: ajv.getSchema('dashboard')!, prometheus: ajv.getSchema('prometheus')!, panelTypes };
}

type Schemas = ReturnType<typeof schemas>;

const show = (errors: readonly ErrorObject[] | null | undefined): string[] =>
  (errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);

/** What was validated, so a test can prove it was not vacuous. */
const validated = { options: 0, custom: 0, queries: 0 };

/** Every schema violation in one dashboard, as `where: what` lines (empty when it conforms). */
function violations(s: Schemas, dashboard: JsonObject): string[] {
  const out: string[] = [];
  if (!s.dashboard(dashboard)) out.push(...show(s.dashboard.errors).map((e) => `dashboard: ${e}`));
  for (const p of panelsOf(dashboard)) {
    const where = p.path.join('.');
    const type = typeof p.panel['type'] === 'string' ? p.panel['type'] : '';
    // Panel types are hyphenated ("state-timeline"), their schema files are not (statetimeline.jsonschema.json).
    const schema = s.panelTypes.get(type.replaceAll('-', ''));
    if (schema === undefined && type !== 'row') out.push(`${where}: no Grafana schema for panel type "${type}"`);
    if (schema?.options && p.panel['options'] !== undefined) validated.options++;
    if (schema?.options && p.panel['options'] !== undefined && !schema.options(p.panel['options'])) {
      out.push(...show(schema.options.errors).map((e) => `${where}.options (${type}): ${e}`));
    }
    const fieldConfig = p.panel['fieldConfig'];
    const custom = isJsonObject(fieldConfig) && isJsonObject(fieldConfig['defaults']) ? fieldConfig['defaults']['custom'] : undefined;
    if (schema?.custom && custom !== undefined) validated.custom++;
    if (schema?.custom && custom !== undefined && !schema.custom(custom)) {
      out.push(...show(schema.custom.errors).map((e) => `${where}.fieldConfig.defaults.custom (${type}): ${e}`));
    }
    const targets = Array.isArray(p.panel['targets']) ? p.panel['targets'] : [];
    targets.forEach((t, i) => {
      const ds = isJsonObject(t) && isJsonObject(t['datasource']) ? t['datasource'] : isJsonObject(p.panel['datasource']) ? p.panel['datasource'] : undefined;
      if (ds?.['type'] === 'prometheus') validated.queries++;
      if (ds?.['type'] === 'prometheus' && !s.prometheus(t)) out.push(...show(s.prometheus.errors).map((e) => `${where}.targets.${i}: ${e}`));
    });
  }
  return out;
}

async function emittedDashboards(root: string): Promise<{ path: string; json: JsonObject }[]> {
  const compiled = await compileProject(root);
  expect(compiled.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return compiled.files
    .filter((f) => f.path.startsWith(`${GRAFANA_DASHBOARDS_OUT}/`))
    .map((f) => ({ path: f.path, json: JSON.parse(f.content) as JsonObject }));
}

describe("emitted dashboards against Grafana's JSON Schemas", () => {
  let s: Schemas;
  let homelab: { path: string; json: JsonObject }[];
  let fixture: { path: string; json: JsonObject }[];
  beforeAll(async () => {
    s = schemas();
    homelab = await emittedDashboards(repoRoot);
    fixture = await emittedDashboards(fixtureProject('grafana'));
  });

  it('the homelab builds its seven dashboards', () => {
    expect(homelab.length).toBe(7);
  });

  it('every homelab dashboard, panel and Prometheus query conforms', () => {
    const before = { ...validated };
    for (const d of homelab) expect({ file: d.path, violations: violations(s, d.json) }).toEqual({ file: d.path, violations: [] });
    // Panel options, timeseries/table field config and queries were all actually validated.
    expect(validated.options - before.options).toBeGreaterThan(40);
    expect(validated.custom - before.custom).toBeGreaterThan(5);
    expect(validated.queries - before.queries).toBeGreaterThan(60);
  });

  it('the helpers (stat rows, variables, value mappings, thresholds) produce conforming JSON', () => {
    expect(fixture.length).toBeGreaterThan(0);
    for (const d of fixture) expect({ file: d.path, violations: violations(s, d.json) }).toEqual({ file: d.path, violations: [] });
  });

  it('and the validation can fail: a broken dashboard, panel options and query are each caught', () => {
    const broken = structuredClone(homelab[0]!.json) as Record<string, unknown>;
    broken['id'] = 'not a number';
    broken['refreshh'] = '1m';
    const panels = broken['panels'] as Record<string, unknown>[];
    const stat = panels.find((p) => p['type'] === 'stat' || p['type'] === 'timeseries')!;
    stat['options'] = { ...(stat['options'] as object), graphMode: 'sparkline' };
    stat['targets'] = [{ refId: 'A', datasource: { type: 'prometheus', uid: 'prometheus' }, expr: 'up', format: 'graph' }];
    const found = violations(s, broken as JsonObject);
    expect(found).toEqual(expect.arrayContaining([
      expect.stringMatching(/^dashboard: \/id /),
      expect.stringMatching(/^dashboard: \/ must NOT have additional properties .*refreshh/),
      expect.stringMatching(/targets\.0: \/format must be equal to one of the allowed values/),
    ]));
    if (stat['type'] === 'stat') expect(found).toEqual(expect.arrayContaining([expect.stringMatching(/options \(stat\): \/graphMode/)]));
  });
});
