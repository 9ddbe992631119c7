/**
 * The build: declarations → model → checks → emitted files, in that order and never back.
 *
 *   load      promforge.config.ts and rules/*.ts (TypeScript, imported)
 *   model     declarations lowered to the rule model (rules/declarations.ts)
 *   check     rulefmt validation + PromQL + templates + target version (rules/validate.ts), duplicates
 *             across all files (what Prometheus sees when it loads them together), then the linter
 *             (lint/): its errors stop the build, its warnings are printed
 *   scale     only with --time-scale (a test aid): every duration shrunk by a factor (build/time-scale.ts)
 *   emit      YAML text per module (rules/emit.ts)
 *   verify    every emitted file read back from disk through the same reader `promforge check` uses
 *   write     swapped into out/ atomically (build/write.ts)
 */
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError, resolveConfig, type ConfigOverrides, type PromforgeConfig, type ResolvedConfig } from '../config/config.js';
import { formatVersion } from '../config/version.js';
import { error, formatDiagnostic, hasErrors, type Diagnostic } from '../diagnostics.js';
import { lintRuleFiles, type LintOptions } from '../lint/run.js';
import { lowerOptionsFor, lowerRulesModule } from '../rules/declarations.js';
import { emitRuleFile, readsBackAs } from '../rules/emit.js';
import type { RuleFile } from '../rules/model.js';
import { readRuleFile } from '../rules/read.js';
import { findDuplicateRules, validateRuleFile } from '../rules/validate.js';
import { emitRuleTestFile } from '../testing/emit.js';
import { loadProjectTests, TESTS_OUT } from '../testing/project.js';
import { readRuleTestFile } from '../testing/read.js';
import { compileAlertmanager, verifyAlertmanagerEmitted } from '../alertmanager/build.js';
import { checkAndEmitGrafana, dashboardCheckOptions, linkTargets, loadDashboards, startDashboardBundle, verifyGrafanaEmitted } from '../grafana/build.js';
import { discardBundle } from './bundle.js';
import { compilePrometheusConfig, loadManifest, verifyPrometheusEmitted } from '../prometheus/build.js';
import { crossCheckRules } from '../prometheus/crosscheck.js';
import { scrapeIntervals } from '../prometheus/intervals.js';
import type { Manifest } from '../prometheus/model.js';
import { CONFIG_FILE, discoverModules, importDefault } from './load.js';
import { scaleRuleFile, timeScaleHeader, type TimeScale } from './time-scale.js';
import { writeTreeAtomically, type OutputFile } from './write.js';

export const RULES_OUT = 'prometheus/rules';

export interface BuildSummary {
  readonly files: number;
  readonly groups: number;
  readonly alerts: number;
  readonly records: number;
  /** Rule unit-test groups emitted as promtool test files. */
  readonly tests: number;
  /** Grafana dashboards from dashboards/*.ts. */
  readonly dashboards: number;
}

export interface BuildOptions {
  /**
   * A test aid: scale every duration by this factor (see build/time-scale.ts). The files say so in their
   * header; rule unit tests (which hold for the real durations), the NixOS JSON and the dashboards are not emitted.
   */
  readonly timeScale?: TimeScale;
}

export interface Compiled {
  readonly config?: ResolvedConfig;
  readonly diagnostics: readonly Diagnostic[];
  /** Empty when there are errors: nothing is emitted from a project that does not check. */
  readonly files: readonly OutputFile[];
  readonly summary: BuildSummary;
  /** The host manifest (prometheus/*.ts), when the project has one that checks. */
  readonly manifest?: Manifest;
}

const posix = (p: string): string => p.split(path.sep).join('/');

export async function loadConfig(root: string, overrides: ConfigOverrides): Promise<{ config?: ResolvedConfig; diagnostics: Diagnostic[] }> {
  const file = path.join(root, CONFIG_FILE);
  let declared: PromforgeConfig = {};
  if (fs.existsSync(file)) {
    const imported = await importDefault(file);
    if (!imported.ok) return { diagnostics: [imported.diagnostic] };
    if (typeof imported.exported !== 'object' || imported.exported === null) {
      return { diagnostics: [error('must `export default defineConfig({...})`', { at: { file, line: 1, column: 1 } })] };
    }
    declared = imported.exported as PromforgeConfig;
  }
  try {
    return { config: resolveConfig(root, declared, overrides), diagnostics: [] };
  } catch (e) {
    if (e instanceof ConfigError) return { diagnostics: [error(e.message, { at: { file, line: 1, column: 1 } })] };
    throw e;
  }
}

/** Everything but writing: what `build` would write, or why it cannot. */
export async function compileProject(root: string, overrides: ConfigOverrides = {}, options: BuildOptions = {}): Promise<Compiled> {
  const empty: BuildSummary = { files: 0, groups: 0, alerts: 0, records: 0, tests: 0, dashboards: 0 };
  // esbuild bundles a large dashboards/ in its own process while the config and manifest load (grafana/build.ts).
  const dashboardBundle = startDashboardBundle(root);
  const loaded = await loadConfig(root, overrides);
  const config = loaded.config;
  if (!config) {
    if (dashboardBundle) discardBundle(dashboardBundle);
    return { diagnostics: loaded.diagnostics, files: [], summary: empty };
  }

  const diagnostics: Diagnostic[] = [];
  // The host manifest first: the lint judges ranges against its jobs' scrape intervals.
  const { manifest, diagnostics: manifestProblems } = await loadManifest(root);
  diagnostics.push(...manifestProblems);
  const ruleFiles: { module: string; file: RuleFile }[] = [];
  // The rule modules are imported while esbuild may still be bundling dashboards/, and lowered once the dashboards
  // are loaded: alerts link to them by uid.
  const modules = discoverModules(config.rulesDir);
  if (modules.length === 0) {
    diagnostics.push(error(`no rule modules found in ${posix(path.relative(root, config.rulesDir)) || '.'}/ (expected *.ts files)`));
  }
  // All at once: the TypeScript loader resolves and reads one module while another runs. Declarations are plain
  // values, so the order the modules run in changes nothing; their results are taken in module order.
  const imports = await Promise.all(modules.map(async (modulePath) => ({ modulePath, imported: await importDefault(modulePath) })));
  const dashboards = await loadDashboards(root, dashboardBundle ? { started: dashboardBundle } : {});
  const lowerOptions = lowerOptionsFor(config, linkTargets(dashboards));
  for (const { modulePath, imported } of imports) {
    if (!imported.ok) {
      diagnostics.push(imported.diagnostic);
      continue;
    }
    const lowered = lowerRulesModule(modulePath, imported.exported, lowerOptions);
    diagnostics.push(...lowered.diagnostics);
    if (!lowered.file) continue;
    diagnostics.push(...validateRuleFile(lowered.file, { prometheusVersion: config.prometheusVersion }));
    ruleFiles.push({ module: modulePath, file: lowered.file });
  }
  // Prometheus loads every rule file together: a duplicate across two files collides just the same.
  diagnostics.push(...findDuplicateRules(ruleFiles.map((r) => r.file)).map((d) => ({ ...d, severity: 'error' as const })));
  diagnostics.push(...lintRuleFiles(ruleFiles.map((r) => r.file), lintOptions(config, manifest)));
  if (manifest) diagnostics.push(...crossCheckRules(manifest, ruleFiles.map((r) => r.file), { prometheusVersion: config.prometheusVersion }));

  // Rule unit tests become promtool test files beside the rule files they test.
  const project = await loadProjectTests(config);
  diagnostics.push(...project.diagnostics);

  // Alertmanager: alertmanager/*.ts, checked against the alerts just compiled.
  const alertmanager = await compileAlertmanager(root, config, ruleFiles.map((r) => r.file), options);
  diagnostics.push(...alertmanager.diagnostics);

  // Grafana: dashboards/*.ts (no durations a time scale would touch).
  const grafana = checkAndEmitGrafana(root, config, dashboards, ruleFiles.map((r) => r.file), manifest);
  diagnostics.push(...grafana.diagnostics);

  const summary = {
    ...summarize(ruleFiles.map((r) => r.file)),
    tests: options.timeScale ? 0 : project.tests.reduce((n, t) => n + t.file.tests.length, 0),
    dashboards: options.timeScale ? 0 : grafana.dashboards.length,
  };
  const withManifest = manifest ? { manifest } : {};
  if (hasErrors(diagnostics)) return { config, diagnostics, files: [], summary, ...withManifest };

  // Checks and lint judged the real durations; only now, with everything proven, are they scaled.
  const scale = options.timeScale;
  const emitted = scale ? ruleFiles.map((r) => {
    const scaled = scaleRuleFile(r.file, scale, { prometheusVersion: formatVersion(config.prometheusVersion) });
    diagnostics.push(...scaled.diagnostics);
    return { module: r.module, file: scaled.file };
  }) : ruleFiles;
  const files: OutputFile[] = emitted.map(({ module, file }): OutputFile => {
    const relSource = posix(path.relative(root, module));
    const name = path.basename(module, '.ts');
    const header = [
      ...(scale ? [timeScaleHeader(scale)] : []),
      `Generated by promforge from ${relSource} for Prometheus >= ${formatVersion(config.prometheusVersion)}.`,
      'Do not edit: change the declaration and run `npm run build`.',
    ].join('\n');
    const out = { path: `${RULES_OUT}/${name}.yaml`, content: emitRuleFile(file, header) };
    if (!scale) checkedRules.set(out, file);
    return out;
  });
  // The rule tests hold for the real durations, not the scaled ones.
  for (const t of scale ? [] : project.tests) {
    const relSource = posix(path.relative(root, t.module));
    const header = [
      `Generated by promforge from ${relSource}: run with \`promtool test rules\` from this folder.`,
      'Do not edit: change the declaration and run `npm run build`.',
    ].join('\n');
    files.push({ path: `${TESTS_OUT}/${path.basename(t.module, '.ts')}.yaml`, content: emitRuleTestFile(t.file, header) });
  }
  // Dashboards carry no durations to scale, and JSON has no room for the TEST BUILD mark: a scaled build leaves them out.
  files.push(...alertmanager.files, ...(scale ? [] : grafana.files));
  // prometheus.yml loads the rule files just emitted, from beside it.
  if (manifest) {
    const rules = files.filter((f) => f.path.startsWith(`${RULES_OUT}/`)).map((f) => f.path);
    const prometheus = compilePrometheusConfig(root, config, manifest, rules, scale ? { timeScale: scale } : {});
    diagnostics.push(...prometheus.diagnostics);
    if (hasErrors(prometheus.diagnostics)) return { config, diagnostics, files: [], summary, ...withManifest };
    files.push(...prometheus.files);
  }
  return { config, diagnostics, files, summary, ...withManifest };
}

export const lintOptions = (config: ResolvedConfig, manifest?: Manifest): LintOptions => ({
  catalogs: config.catalogs,
  scrapeIntervalMs: config.scrapeIntervalMs,
  ...(manifest ? { scrapeIntervals: scrapeIntervals(manifest, config.scrapeIntervalMs) } : {}),
  evaluationIntervalMs: config.evaluationIntervalMs,
  prometheusVersion: config.prometheusVersion,
  disable: config.lintDisable,
});

function summarize(files: readonly RuleFile[]): Omit<BuildSummary, 'tests' | 'dashboards'> {
  let groups = 0, alerts = 0, records = 0;
  for (const f of files) {
    groups += f.groups.length;
    for (const g of f.groups) for (const r of g.rules) r.kind === 'alert' ? alerts++ : records++;
  }
  return { files: files.length, groups, alerts, records };
}

/** The validated model each rule file was emitted from (scaled files were never validated as such). */
const checkedRules = new WeakMap<OutputFile, RuleFile>();

/**
 * Reads every emitted rule file back from the temporary tree with the reader `promforge check` uses: what lands
 * in out/ is what was proven, byte for byte. A file that reads back as the rules validation passed is proven by
 * it; one that reads back as other rules is an emitter bug; any other is validated again.
 */
export function verifyEmitted(config: ResolvedConfig, files: readonly OutputFile[], manifest?: Manifest) {
  const alertmanager = verifyAlertmanagerEmitted(config, files);
  // Only needed for dashboards whose checked model is not known (grafana/build.ts).
  const rules = (): RuleFile[] => files.filter((f) => f.path.startsWith(`${RULES_OUT}/`)).flatMap((f) => readRuleFile(f.content, f.path).file ?? []);
  const grafana = verifyGrafanaEmitted(files, () => dashboardCheckOptions(config, rules(), manifest));
  const prometheus = verifyPrometheusEmitted(config, files);
  return (dir: string): string[] => [
    ...alertmanager(dir),
    ...grafana(dir),
    ...prometheus(dir),
    ...files.flatMap((f) => {
      const full = path.join(dir, ...f.path.split('/'));
      if (f.path.startsWith(`${TESTS_OUT}/`)) {
        return readRuleTestFile(fs.readFileSync(full, 'utf8'), full).diagnostics.map((d) => formatDiagnostic(d, dir));
      }
      if (!f.path.startsWith(`${RULES_OUT}/`)) return [];
      const read = readRuleFile(fs.readFileSync(full, 'utf8'), full);
      const checked = checkedRules.get(f);
      const problems = read.file && !checked ? validateRuleFile(read.file, { prometheusVersion: config.prometheusVersion }) : [];
      const unlike = read.file && checked && !readsBackAs(read.file, checked) ? [`${f.path}: reads back unlike the rules that were checked`] : [];
      return [...[...read.diagnostics, ...problems].filter((d) => d.severity === 'error').map((d) => formatDiagnostic(d, dir)), ...unlike];
    }),
  ];
}

export interface Built extends Compiled {
  readonly outDir?: string;
  readonly written: boolean;
}

export async function buildProject(root: string, overrides: ConfigOverrides = {}, options: BuildOptions = {}): Promise<Built> {
  const compiled = await compileProject(root, overrides, options);
  if (!compiled.config || hasErrors(compiled.diagnostics)) return { ...compiled, written: false };
  await writeTreeAtomically(compiled.config.outDir, compiled.files, verifyEmitted(compiled.config, compiled.files, compiled.manifest));
  return { ...compiled, outDir: compiled.config.outDir, written: true };
}
