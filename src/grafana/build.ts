/**
 * The Grafana part of the build: `dashboards/*.ts` → dashboard model → checks → `out/grafana/`, in that order
 * and never back.
 *
 *   load      the modules of dashboards/ (not *.test.ts, not _*.ts), each default-exporting dashboard(...)s
 *   model     the SDK's JSON, normalised (normalize.ts: no `id`, panel ids, refIds, panel datasources)
 *   check     validate.ts, on every dashboard and across them
 *   emit      `grafana/dashboards/<folder>/<uid>.json`, the dashboard provider and the datasources
 *   verify    verifyGrafanaEmitted reads the written dashboards back through `promforge check`'s reader
 */
import fs from 'node:fs';
import path from 'node:path';
import { importModules, startFolderBundle, type PendingBundle } from '../build/bundle.js';
import { discoverModules } from '../build/load.js';
import type { OutputFile } from '../build/write.js';
import { indexCatalogs } from '../catalog/lookup.js';
import type { ResolvedConfig } from '../config/config.js';
import { formatVersion } from '../config/version.js';
import { firstDifference } from '../build/difference.js';
import { formatDiagnostic, hasErrors, type Diagnostic } from '../diagnostics.js';
import { recordingRuleSeries } from '../promql/recorded.js';
import type { RuleFile } from '../rules/model.js';
import { lowerDashboardsModule } from './declarations.js';
import { emitDashboard } from './emit.js';
import { formatJsonPath, panelsOf, type DashboardModel } from './model.js';
import { dashboardVariables } from './variables.js';
import { scrapeIntervals } from '../prometheus/intervals.js';
import type { Manifest } from '../prometheus/model.js';
import { emitDashboardProvider, emitDatasources } from './provisioning.js';
import { readDashboardText } from './read.js';
import { validateDashboards, type DashboardCheckOptions } from './validate.js';

export const DASHBOARDS_DIR = 'dashboards';
export const GRAFANA_DASHBOARDS_OUT = 'grafana/dashboards';
export const GRAFANA_PROVIDER_OUT = 'grafana/provisioning/dashboards/promforge.yaml';
export const GRAFANA_DATASOURCES_OUT = 'grafana/provisioning/datasources/promforge.yaml';

export interface GrafanaBuild {
  /** Empty when there are errors, or when the project has no dashboards/ modules. */
  readonly files: readonly OutputFile[];
  readonly diagnostics: readonly Diagnostic[];
  /** Every declared dashboard, checked or not: alert links are resolved against their uids. */
  readonly dashboards: readonly DashboardModel[];
}

const posix = (p: string): string => p.split(path.sep).join('/');

export const dashboardOutPath = (d: DashboardModel): string => `${GRAFANA_DASHBOARDS_OUT}/${d.folder}/${String(d.json['uid'])}.json`;

/** What the checks need from the project: its catalogs, intervals, target, recording rules and host manifest. */
export function dashboardCheckOptions(config: ResolvedConfig, ruleFiles: readonly RuleFile[], manifest?: Manifest): DashboardCheckOptions {
  const prometheusVersion = formatVersion(config.prometheusVersion);
  return {
    catalogs: config.catalogs,
    recorded: recordingRuleSeries(ruleFiles, indexCatalogs(config.catalogs), { prometheusVersion }),
    scrapeIntervalMs: config.scrapeIntervalMs,
    ...(manifest ? { manifest, scrapeIntervals: scrapeIntervals(manifest, config.scrapeIntervalMs) } : {}),
    evaluationIntervalMs: config.evaluationIntervalMs,
    prometheusVersion,
    disable: config.lintDisable,
  };
}

export interface LoadedDashboards {
  readonly dashboards: readonly DashboardModel[];
  readonly diagnostics: readonly Diagnostic[];
}


/**
 * Starts bundling dashboards/ when it is large enough, so esbuild (its own process) works while the build loads
 * the configuration; give the result to loadDashboards, or to discardBundle when the build stops before.
 */
export function startDashboardBundle(root: string, options: { bundleFrom?: number } = {}): PendingBundle | undefined {
  return startFolderBundle(path.join(root, DASHBOARDS_DIR), options.bundleFrom);
}

/**
 * Imports and lowers dashboards/*.ts; before the rules, whose `dashboard:` links name these uids. `bundleFrom`
 * is for tests, which hold the bundled load to the one-by-one load on small projects.
 */
export async function loadDashboards(root: string, options: { bundleFrom?: number; started?: PendingBundle } = {}): Promise<LoadedDashboards> {
  const diagnostics: Diagnostic[] = [];
  const dashboards: DashboardModel[] = [];
  const modules = discoverModules(path.join(root, DASHBOARDS_DIR));
  for (const { modulePath, imported } of await importModules(modules, options.started ?? startDashboardBundle(root, options))) {
    if (!imported.ok) {
      diagnostics.push(imported.diagnostic);
      continue;
    }
    const lowered = lowerDashboardsModule(modulePath, imported.exported);
    diagnostics.push(...lowered.diagnostics);
    dashboards.push(...lowered.dashboards);
  }
  return { dashboards, diagnostics };
}

/** What an alert's `dashboard:` link can name: each dashboard's uid, variables and panel ids. */
export function linkTargets(loaded: LoadedDashboards): Map<string, { variables: Set<string>; panels: Set<number> }> {
  const out = new Map<string, { variables: Set<string>; panels: Set<number> }>();
  for (const d of loaded.dashboards) {
    const uid = d.json['uid'];
    if (typeof uid !== 'string') continue;
    const panels = new Set(panelsOf(d.json).map((p) => p.panel['id']).filter((id): id is number => typeof id === 'number'));
    out.set(uid, { variables: new Set(dashboardVariables(d.json).keys()), panels });
  }
  return out;
}

/** Loads, checks and emits the project's dashboards: the Grafana part of the build on its own. */
export async function compileGrafana(root: string, config: ResolvedConfig, ruleFiles: readonly RuleFile[] = []): Promise<GrafanaBuild> {
  return checkAndEmitGrafana(root, config, await loadDashboards(root), ruleFiles);
}

/** Checks the loaded dashboards (with the project's recording rules and manifest known) and emits them with the provisioning files. */
export function checkAndEmitGrafana(
  root: string, config: ResolvedConfig, loaded: LoadedDashboards, ruleFiles: readonly RuleFile[] = [], manifest?: Manifest,
): GrafanaBuild {
  const { dashboards } = loaded;
  if (dashboards.length === 0 && loaded.diagnostics.length === 0) return { files: [], diagnostics: [], dashboards: [] };
  const diagnostics: Diagnostic[] = [...loaded.diagnostics];
  diagnostics.push(...validateDashboards(dashboards, dashboardCheckOptions(config, ruleFiles, manifest)));
  if (hasErrors(diagnostics)) return { files: [], diagnostics, dashboards };

  const header = (what: string): string => [
    `Generated by promforge: ${what}.`,
    'Do not edit: change the declarations in dashboards/ or promforge.config.ts and run `npm run build`.',
  ].join('\n');
  const files: OutputFile[] = dashboards
    .map((d) => {
      const file = { path: dashboardOutPath(d), content: emitDashboard(d.json) };
      emittedFrom.set(file, d);
      return file;
    })
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  files.push(
    { path: GRAFANA_PROVIDER_OUT, content: emitDashboardProvider(config, header(`the file provider for the dashboards of ${posix(path.relative(root, path.join(root, DASHBOARDS_DIR)))}/`)) },
    { path: GRAFANA_DATASOURCES_OUT, content: emitDatasources(config, header('the datasources the dashboards name by uid')) },
  );
  return { files, diagnostics, dashboards };
}

/** The checked model each emitted dashboard file was made from, for the read-back to be compared with. */
const emittedFrom = new WeakMap<OutputFile, DashboardModel>();

/**
 * Reads every emitted dashboard back from the temporary tree with the reader `promforge check` uses: what lands
 * in out/ is what was proven. A file that reads back as exactly the JSON the checks passed (same values, same
 * folder) is proven by them already, the checks being functions of the JSON: only a file whose model is not
 * known is checked again (all of them then, as uniqueness is judged across files). One that reads back as
 * anything else is an emitter bug, and fails the build with the first place it differs.
 */
export function verifyGrafanaEmitted(files: readonly OutputFile[], options: () => DashboardCheckOptions) {
  return (dir: string): string[] => {
    const emitted = files.filter((f) => f.path.startsWith(`${GRAFANA_DASHBOARDS_OUT}/`));
    const problems: string[] = [];
    const models: DashboardModel[] = [];
    let unproven = false;
    for (const f of emitted) {
      const full = path.join(dir, ...f.path.split('/'));
      const folder = f.path.split('/').at(-2) ?? '';
      const read = readDashboardText(fs.readFileSync(full, 'utf8'), full, folder);
      problems.push(...read.diagnostics.filter((d) => d.severity === 'error').map((d) => formatDiagnostic(d, dir)));
      if (!read.dashboard) continue;
      models.push(read.dashboard);
      const checked = emittedFrom.get(f);
      if (!checked) {
        unproven = true;
        continue;
      }
      const differs = checked.folder !== folder ? ['(folder)'] : firstDifference(read.dashboard.json, checked.json);
      if (differs) problems.push(`${f.path}: reads back unlike the dashboard that was checked, at ${formatJsonPath(differs) || '(top)'}`);
    }
    if (unproven) problems.push(...validateDashboards(models, options()).filter((d) => d.severity === 'error').map((d) => formatDiagnostic(d, dir)));
    return problems;
  };
}

