/**
 * What the build fills in on a declared dashboard before checking it, where the SDK leaves a gap that
 * Grafana would otherwise fill differently on every load (or not at all):
 *
 * - no dashboard `id`: it is the database row of one Grafana instance; provisioning matches on `uid`.
 * - panel ids, where missing or 0 (the SDK's rows all have id 0): Grafana links panels by id (`viewPanel=`,
 *   library panels, repeats), so each gets the next free number in layout order, stable across builds.
 * - query refIds `A`, `B`, … where missing, as Grafana's editor assigns them; overrides and expressions name
 *   queries by refId.
 * - a panel's datasource, where it sets none and all its queries name the same one (what `promQuery()`
 *   produces). With no panel datasource Grafana runs the panel against the default datasource and ignores
 *   the queries' own, unless the panel is "-- Mixed --".
 *
 * Dashboards read from files are checked as they are: this is for declarations only.
 */
import { isJsonObject, type Json, type JsonObject } from './model.js';

type Mutable = { [key: string]: Json };

/**
 * `input` is the SDK's output: it is copied through JSON, which also leaves out what the file cannot hold (the SDK
 * marks queries with function-valued properties).
 */
export function normalizeDashboard(input: JsonObject): JsonObject {
  const dashboard = JSON.parse(JSON.stringify(input)) as Mutable;
  delete dashboard['id'];
  const panels = allPanels(dashboard);
  const used = new Set(panels.map((p) => p['id']).filter((id): id is number => typeof id === 'number' && id > 0));
  let next = 1;
  for (const panel of panels) {
    if (typeof panel['id'] !== 'number' || panel['id'] <= 0) {
      while (used.has(next)) next++;
      panel['id'] = next;
      used.add(next);
    }
    const targets = panel['targets'];
    if (!Array.isArray(targets)) continue;
    const refIds = new Set(targets.map((t) => (isJsonObject(t) ? t['refId'] : undefined)).filter((r) => typeof r === 'string'));
    let letter = 0;
    for (const target of targets as Json[]) {
      if (!isJsonObject(target) || typeof target['refId'] === 'string' && target['refId'] !== '') continue;
      while (refIds.has(refIdName(letter))) letter++;
      (target as Mutable)['refId'] = refIdName(letter);
      refIds.add(refIdName(letter));
    }
    if (panel['datasource'] === undefined || panel['datasource'] === null) {
      const refs = targets.map((t) => (isJsonObject(t) ? t['datasource'] : undefined));
      const first = refs[0];
      if (isJsonObject(first) && refs.every((r) => JSON.stringify(r) === JSON.stringify(first))) panel['datasource'] = structuredClone(first);
    }
  }
  return dashboard;
}

/** Every panel, rows and the panels inside collapsed rows included, in layout order. */
function allPanels(dashboard: Mutable): Mutable[] {
  const out: Mutable[] = [];
  const walk = (list: Json | undefined): void => {
    if (!Array.isArray(list)) return;
    for (const p of list as Json[]) {
      if (!isJsonObject(p)) continue;
      out.push(p as Mutable);
      walk(p['panels']);
    }
  };
  walk(dashboard['panels']);
  return out;
}

/** A … Z, then AA, AB, … as Grafana names queries. */
function refIdName(n: number): string {
  const letter = String.fromCharCode(65 + (n % 26));
  return n < 26 ? letter : refIdName(Math.floor(n / 26) - 1) + letter;
}
