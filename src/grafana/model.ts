/**
 * The dashboard model every check and emitter works on: classic dashboard JSON (what file provisioning reads),
 * plus where it came from. Declared dashboards (`dashboards/*.ts`) and dashboard files given to
 * `promforge check` become the same model, so both paths share every check.
 */
import type { SourceLocation } from '../rules/model.js';

export type Json = null | boolean | number | string | readonly Json[] | JsonObject;
export interface JsonObject {
  readonly [key: string]: Json;
}

/** A path into the dashboard JSON: `['panels', 3, 'targets', 0, 'expr']`. */
export type JsonPath = readonly (string | number)[];

export interface DashboardModel {
  /** The provisioning folder (a directory under the provider's path; Grafana names the folder after it). */
  readonly folder: string;
  readonly json: JsonObject;
  /** The declaring module or the JSON file, for messages. */
  readonly source: string;
  /**
   * Where a part of the dashboard was written: the `dashboard(...)` call for declared dashboards (the SDK
   * keeps no positions), the JSON value's own line and column for files.
   */
  readonly locate: (path: JsonPath) => SourceLocation;
  /** Where character `offset` of the string at `path` was written, when that is known (files, not declarations). */
  readonly locateInString?: (path: JsonPath, offset: number) => SourceLocation | undefined;
}

/** `panels[3].targets[0].expr`, as messages show a JSON path. */
export function formatJsonPath(path: JsonPath): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

export const isJsonObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface PanelAt {
  readonly panel: JsonObject;
  readonly path: JsonPath;
  /** The collapsed row holding it, for panels stored inside a row. */
  readonly row?: PanelAt;
}

/** Every panel: the top-level ones, and after each row the panels stored inside it. */
export function panelsOf(json: JsonObject): PanelAt[] {
  const out: PanelAt[] = [];
  const top = json['panels'];
  if (!Array.isArray(top)) return out;
  (top as readonly Json[]).forEach((p, i) => {
    if (!isJsonObject(p)) return;
    const at: PanelAt = { panel: p, path: ['panels', i] };
    out.push(at);
    const inner = p['panels'];
    if (Array.isArray(inner)) {
      (inner as readonly Json[]).forEach((q, j) => {
        if (isJsonObject(q)) out.push({ panel: q, path: ['panels', i, 'panels', j], row: at });
      });
    }
  });
  return out;
}

/** `panel "Cache hit rate"` (or its type and place when it has no title). */
export function describePanel(p: PanelAt): string {
  const title = p.panel['title'];
  const type = typeof p.panel['type'] === 'string' ? p.panel['type'] : 'panel';
  if (typeof title === 'string' && title.trim() !== '') return `${type === 'row' ? 'row' : 'panel'} "${title}"`;
  return `untitled ${type} ${formatJsonPath(p.path)}`;
}
