/**
 * Panels: a title, a datasource Grafana can resolve (one promforge provisions, or a datasource variable), its
 * queries on that datasource, and units Grafana knows.
 */
import { error, type Diagnostic } from '../../diagnostics.js';
import { closest, orList } from '../../lint/checks/promql-series.js';
import { DATASOURCE_UIDS } from '../datasources.js';
import { describePanel, formatJsonPath, isJsonObject, panelsOf, type DashboardModel, type Json, type JsonPath, type PanelAt } from '../model.js';
import { isKnownUnit, suggestUnit } from '../units.js';
import { dashboardVariables, type DashboardVariable } from '../variables.js';
import { dashboardName } from './identity.js';

/** Panel types that show no query data, so need neither a datasource nor queries. */
const NO_DATA_PANELS = new Set(['row', 'text', 'dashlist', 'news', 'annolist', 'alertlist', 'welcome', 'gettingstarted']);

/** Datasources every Grafana has, by uid. */
const BUILTIN_DATASOURCES: Readonly<Record<string, string>> = {
  grafana: 'grafana', '-- Grafana --': 'grafana', '-- Mixed --': 'mixed', '-- Dashboard --': 'dashboard', __expr__: '__expr__',
};
const MIXED = '-- Mixed --';

/** The names promforge provisions its datasources under, for the legacy by-name form. */
const PROVISIONED_NAMES: Readonly<Record<string, string>> = { Prometheus: 'prometheus', Alertmanager: 'alertmanager', Loki: 'loki' };

export interface ResolvedDatasource {
  /** The plugin type (`prometheus`, `loki`, `mixed`, …) when known. */
  readonly type?: string;
  /** The ref, for comparing a query's datasource with its panel's. */
  readonly key: string;
}

type Resolution = { ok: true; ds: ResolvedDatasource } | { ok: false; problem: string; hint: string };

const VARIABLE_REF = /^\$\{(\w+)(?::[^}]*)?\}$|^\$(\w+)$|^\[\[(\w+)\]\]$/;

/** What a datasource ref points at, or why Grafana cannot resolve it. */
export function resolveDatasource(ref: Json | undefined, variables: ReadonlyMap<string, DashboardVariable>): Resolution {
  if (typeof ref === 'string') {
    const type = PROVISIONED_NAMES[ref];
    if (type) return { ok: true, ds: { type, key: DATASOURCE_UIDS[type as keyof typeof DATASOURCE_UIDS] } };
    const v = VARIABLE_REF.exec(ref);
    if (v) return resolveVariable((v[1] ?? v[2] ?? v[3])!, undefined, variables);
    return {
      ok: false, problem: `names the datasource "${ref}", which promforge does not provision`,
      hint: `use a provisioned one by uid (${Object.values(DATASOURCE_UIDS).join(', ')}) or the $datasource variable`,
    };
  }
  if (!isJsonObject(ref)) return { ok: false, problem: 'has no datasource', hint: 'set one: .datasource(datasources.prometheus), or use promQuery() for its queries' };
  const uid = ref['uid'];
  const type = typeof ref['type'] === 'string' ? ref['type'] : undefined;
  if (typeof uid !== 'string' || uid === '') {
    return { ok: false, problem: 'has a datasource without a uid: Grafana falls back to the default datasource', hint: 'give the uid, e.g. { type: "prometheus", uid: "prometheus" }' };
  }
  const v = VARIABLE_REF.exec(uid);
  if (v) return resolveVariable((v[1] ?? v[2] ?? v[3])!, type, variables);
  const builtin = BUILTIN_DATASOURCES[uid];
  if (builtin) return { ok: true, ds: { type: builtin, key: uid } };
  const provisioned = (Object.keys(DATASOURCE_UIDS) as (keyof typeof DATASOURCE_UIDS)[]).find((k) => DATASOURCE_UIDS[k] === uid);
  if (!provisioned) {
    const near = closest(uid, Object.values(DATASOURCE_UIDS));
    return {
      ok: false, problem: `names datasource uid "${uid}", which promforge does not provision: Grafana shows "datasource not found"`,
      hint: near.length > 0 ? `did you mean ${orList(near)}?` : `use one of ${Object.values(DATASOURCE_UIDS).join(', ')}, or the $datasource variable`,
    };
  }
  if (type !== undefined && type !== provisioned) {
    return { ok: false, problem: `names datasource uid "${uid}" with type "${type}", but that datasource is ${provisioned}`, hint: `use { type: "${provisioned}", uid: "${uid}" }` };
  }
  return { ok: true, ds: { type: provisioned, key: uid } };
}

function resolveVariable(name: string, type: string | undefined, variables: ReadonlyMap<string, DashboardVariable>): Resolution {
  const v = variables.get(name);
  if (!v) {
    return { ok: false, problem: `names datasource variable $${name}, which the dashboard does not declare`, hint: 'declare it: .withVariable(datasourceVariable())' };
  }
  if (v.type !== 'datasource') {
    return { ok: false, problem: `names $${name} as its datasource, but $${name} is a ${v.type} variable, not a datasource variable`, hint: 'use a datasource variable: datasourceVariable()' };
  }
  if (type !== undefined && v.pluginType !== undefined && type !== v.pluginType) {
    return { ok: false, problem: `names $${name} as a ${type} datasource, but $${name} chooses among ${v.pluginType} datasources`, hint: `use type "${v.pluginType}"` };
  }
  return { ok: true, ds: { ...(v.pluginType !== undefined ? { type: v.pluginType } : type !== undefined ? { type } : {}), key: `$${name}` } };
}

/** The datasource a panel's query runs against: its own with a Mixed panel, else the panel's. */
export function queryDatasource(panel: Json | undefined, target: Json | undefined, variables: ReadonlyMap<string, DashboardVariable>): ResolvedDatasource | undefined {
  const p = resolveDatasource(isJsonObject(panel) ? panel['datasource'] : undefined, variables);
  const t = isJsonObject(target) && target['datasource'] !== undefined && target['datasource'] !== null ? resolveDatasource(target['datasource'], variables) : undefined;
  if (p.ok && p.ds.type !== 'mixed') return p.ds;
  return t?.ok ? t.ds : undefined;
}

export function checkPanels(d: DashboardModel): Diagnostic[] {
  const out: Diagnostic[] = [];
  const variables = dashboardVariables(d.json);
  const subject = (p: PanelAt): string => `${dashboardName(d)}, ${describePanel(p)}`;
  for (const p of panelsOf(d.json)) {
    const type = p.panel['type'];
    const title = p.panel['title'];
    if (type !== 'text' && (typeof title !== 'string' || title.trim() === '')) {
      out.push(error(`${formatJsonPath(p.path)} has no title: nobody can tell what it shows, and links and the panel menu name it by title`, {
        at: d.locate([...p.path, title === undefined ? 'type' : 'title']), subject: subject(p), code: 'panel/title',
        hint: ".title('What it shows')",
      }));
    }
    if (typeof type === 'string' && NO_DATA_PANELS.has(type)) continue;
    out.push(...checkPanelData(d, p, variables, subject(p)));
    out.push(...checkUnits(d, p, subject(p)));
  }
  out.push(...checkVariableDatasources(d, variables));
  return out;
}

function checkPanelData(d: DashboardModel, p: PanelAt, variables: ReadonlyMap<string, DashboardVariable>, subject: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const targets = Array.isArray(p.panel['targets']) ? (p.panel['targets'] as readonly Json[]) : [];
  if (targets.length === 0 && p.panel['libraryPanel'] === undefined) {
    out.push(error(`${formatJsonPath(p.path)} has no queries: it can only show "No data"`, {
      at: d.locate(p.path), subject, code: 'panel/queries', hint: '.withTarget(promQuery(...))',
    }));
  }
  const panelRef = p.panel['datasource'];
  const panelDs = resolveDatasource(panelRef ?? undefined, variables);
  if (!panelDs.ok) {
    out.push(error(`${formatJsonPath(p.path)} ${panelDs.problem}`, {
      at: d.locate([...p.path, 'datasource']), subject, code: 'dashboard/datasource', hint: panelDs.hint,
    }));
  }
  targets.forEach((t, i) => {
    if (!isJsonObject(t) || t['datasource'] === undefined || t['datasource'] === null) {
      if (panelDs.ok && panelDs.ds.type === 'mixed') {
        out.push(error(`${formatJsonPath([...p.path, 'targets', i])} has no datasource, in a panel on "-- Mixed --" where every query names its own`, {
          at: d.locate([...p.path, 'targets', i]), subject, code: 'dashboard/datasource', hint: 'give the query a datasource, e.g. promQuery(...)',
        }));
      }
      return;
    }
    const path: JsonPath = [...p.path, 'targets', i, 'datasource'];
    const ds = resolveDatasource(t['datasource'], variables);
    if (!ds.ok) {
      out.push(error(`${formatJsonPath([...p.path, 'targets', i])} ${ds.problem}`, { at: d.locate(path), subject, code: 'dashboard/datasource', hint: ds.hint }));
    } else if (panelDs.ok && panelDs.ds.type !== 'mixed' && ds.ds.key !== panelDs.ds.key && ds.ds.type !== '__expr__') {
      out.push(error(`${formatJsonPath([...p.path, 'targets', i])} runs on ${ds.ds.key} but its panel on ${panelDs.ds.key}: Grafana runs every query of a panel on the panel's datasource unless the panel is "-- Mixed --"`, {
        at: d.locate(path), subject, code: 'dashboard/datasource', hint: 'give the panel the same datasource as its queries, or { type: "datasource", uid: "-- Mixed --" }',
      }));
    }
  });
  return out;
}

function checkVariableDatasources(d: DashboardModel, variables: ReadonlyMap<string, DashboardVariable>): Diagnostic[] {
  const templating = d.json['templating'];
  const list = isJsonObject(templating) && Array.isArray(templating['list']) ? (templating['list'] as readonly Json[]) : [];
  const out: Diagnostic[] = [];
  list.forEach((v, i) => {
    if (!isJsonObject(v) || v['type'] !== 'query') return;
    const ds = resolveDatasource(v['datasource'] ?? undefined, variables);
    if (!ds.ok) {
      out.push(error(`templating.list[${i}] ${ds.problem}`, {
        at: d.locate(['templating', 'list', i, 'datasource']), subject: `${dashboardName(d)}, variable $${String(v['name'])}`,
        code: 'dashboard/datasource', hint: ds.hint,
      }));
    }
  });
  return out;
}

function checkUnits(d: DashboardModel, p: PanelAt, subject: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const fieldConfig = p.panel['fieldConfig'];
  if (!isJsonObject(fieldConfig)) return out;
  const check = (unit: Json | undefined, path: JsonPath): void => {
    if (typeof unit !== 'string' || unit === '' || isKnownUnit(unit)) return;
    const near = suggestUnit(unit, closest);
    out.push(error(`${formatJsonPath(path)} "${unit}" is not a Grafana unit: Grafana prints it after the number as plain text instead of formatting the value`, {
      at: d.locate(path), subject, code: 'panel/unit',
      hint: near.length > 0 ? `did you mean ${orList(near)}?` : 'pick one from Grafana\'s unit list (percentunit, bytes, s, …), or write a custom one as "suffix:<text>"',
    }));
  };
  const defaults = fieldConfig['defaults'];
  if (isJsonObject(defaults)) check(defaults['unit'], [...p.path, 'fieldConfig', 'defaults', 'unit']);
  const overrides = fieldConfig['overrides'];
  if (Array.isArray(overrides)) {
    (overrides as readonly Json[]).forEach((o, i) => {
      const properties = isJsonObject(o) ? o['properties'] : undefined;
      if (!Array.isArray(properties)) return;
      (properties as readonly Json[]).forEach((prop, j) => {
        if (isJsonObject(prop) && prop['id'] === 'unit') check(prop['value'], [...p.path, 'fieldConfig', 'overrides', i, 'properties', j, 'value']);
      });
    });
  }
  return out;
}
