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
}

/** `panels[3].targets[0].expr`, as messages show a JSON path. */
export function formatJsonPath(path: JsonPath): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

export const isJsonObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
