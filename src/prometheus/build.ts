/**
 * The Prometheus configuration part of the build: `prometheus/*.ts` → Manifest → checks → `out/prometheus/
 * prometheus.yml` and `out/nixos/prometheus.json`, in that order and never back.
 *
 *   load      the modules of prometheus/ (not *.test.ts, not _*.ts); exactly one default-exports hostManifest(...)
 *   model     declarations lowered and checked at run time (declarations.ts); the Manifest also feeds the lint's
 *             scrape intervals (intervals.ts) and the cross-check of the rules' job selectors (crosscheck.ts)
 *   check     prometheus.yml as Prometheus loads it, for the target release (validate.ts)
 *   emit      byte-stable YAML with a header naming its source; `rule_files` lists the emitted rule files,
 *             relative to prometheus.yml, so the folder works wherever it is copied
 *   verify    verifyPrometheusEmitted reads the written files back: shape, semantics, rule files present
 */
import fs from 'node:fs';
import path from 'node:path';
import { discoverModules, importDefault } from '../build/load.js';
import { scaleDurationText, scaleMs, timeScaleHeader, type TimeScale } from '../build/time-scale.js';
import type { OutputFile } from '../build/write.js';
import type { ResolvedConfig } from '../config/config.js';
import { formatVersion } from '../config/version.js';
import { error, formatDiagnostic, hasErrors, type Diagnostic } from '../diagnostics.js';
import { formatDuration } from '../promql/duration.js';
import { readYaml } from '../yaml/read.js';
import { describeShapeError, pointerToPath } from '../yaml/shape.js';
import { lowerManifestModule } from './declarations.js';
import { emitNixosPrometheusJson, emitPrometheusYml, toPrometheusDocument } from './emit.js';
import type { Manifest, PrometheusDocument, PrometheusYml } from './model.js';
import { validatePrometheusShape } from './schema.js';
import { validatePrometheusConfig } from './validate.js';

export const PROMETHEUS_DIR = 'prometheus';
export const PROMETHEUS_OUT = 'prometheus/prometheus.yml';
export const NIXOS_PROMETHEUS_OUT = 'nixos/prometheus.json';

const posix = (p: string): string => p.split(path.sep).join('/');

export interface LoadedManifest {
  /** Undefined when the project has no prometheus/ modules, or when they have errors. */
  readonly manifest?: Manifest;
  readonly diagnostics: readonly Diagnostic[];
}

/** The project's manifest, checked; a project without prometheus/ modules has none, which is fine. */
export async function loadManifest(root: string): Promise<LoadedManifest> {
  const modules = discoverModules(path.join(root, PROMETHEUS_DIR));
  const diagnostics: Diagnostic[] = [];
  const found: Manifest[] = [];
  for (const modulePath of modules) {
    const imported = await importDefault(modulePath);
    if (!imported.ok) {
      diagnostics.push(imported.diagnostic);
      continue;
    }
    const lowered = lowerManifestModule(modulePath, imported.exported);
    diagnostics.push(...lowered.diagnostics);
    if (lowered.manifest) found.push(lowered.manifest);
  }
  if (found.length > 1) {
    diagnostics.push(error(`only one module may declare the host manifest; ${posix(path.relative(root, found[0]!.source))} already does`, {
      at: found[1]!.at ?? { file: found[1]!.source, line: 1, column: 1 },
      hint: 'merge them, or name helper modules with a leading underscore (_hosts.ts) and import them',
    }));
  }
  if (hasErrors(diagnostics)) return { diagnostics };
  return { ...(found[0] ? { manifest: found[0] } : {}), diagnostics };
}

export interface PrometheusBuild {
  readonly files: readonly OutputFile[];
  readonly diagnostics: readonly Diagnostic[];
  readonly document?: PrometheusDocument;
}

/** Where prometheus.yml's `rule_files` point: the emitted rule files (paths in out/), relative to it. */
export const ruleFilesFor = (emitted: readonly string[]): string[] =>
  emitted.map((f) => path.posix.relative(path.posix.dirname(PROMETHEUS_OUT), f)).sort();

/**
 * prometheus.yml for `manifest`, loading `ruleFiles` (paths in out/, e.g. `prometheus/rules/hosts.yaml`), with
 * the global intervals of the project configuration. With `timeScale` (a test aid, see build/time-scale.ts) the
 * intervals are scaled after the checks, the file says TEST BUILD, and there is no NixOS twin to deploy.
 */
export function compilePrometheusConfig(
  root: string, config: ResolvedConfig, manifest: Manifest, ruleFiles: readonly string[], build: { readonly timeScale?: TimeScale } = {},
): PrometheusBuild {
  const options = {
    scrapeInterval: formatDuration(config.scrapeIntervalMs),
    evaluationInterval: formatDuration(config.evaluationIntervalMs),
    ruleFiles: ruleFilesFor(ruleFiles),
  };
  const document = toPrometheusDocument(manifest, options);
  const diagnostics = validatePrometheusConfig(document, { prometheusVersion: config.prometheusVersion });
  if (hasErrors(diagnostics)) return { files: [], diagnostics, document };
  const scale = build.timeScale;
  const emitted = scale
    ? toPrometheusDocument(scaleManifest(manifest, scale), {
      ...options,
      scrapeInterval: formatDuration(scaleMs(config.scrapeIntervalMs, scale)),
      evaluationInterval: formatDuration(scaleMs(config.evaluationIntervalMs, scale)),
    })
    : document;
  const shape = validatePrometheusShape(structuredClone(emitted.config));
  if (shape.length > 0) {
    return { files: [], diagnostics: shape.map((e) => error(`internal: the emitted prometheus.yml is malformed at ${e.instancePath}: ${describeShapeError(e)}`)), document };
  }
  const header = [
    ...(scale ? [timeScaleHeader(scale)] : []),
    `Generated by promforge from ${posix(path.relative(root, manifest.source))} for Prometheus >= ${formatVersion(config.prometheusVersion)}.`,
    'rule_files are relative to this file: keep the rules/ folder beside it.',
    'Do not edit: change the declaration and run `npm run build`.',
  ].join('\n');
  return {
    files: [
      { path: PROMETHEUS_OUT, content: emitPrometheusYml(emitted.config, header) },
      ...(scale ? [] : [{ path: NIXOS_PROMETHEUS_OUT, content: emitNixosPrometheusJson(emitted.config) }]),
    ],
    diagnostics,
    document: emitted,
  };
}

/** Every job's own scrape interval and timeout scaled, as the global ones are. */
export function scaleManifest(manifest: Manifest, s: TimeScale): Manifest {
  return {
    ...manifest,
    jobs: manifest.jobs.map((j) => ({
      ...j,
      settings: {
        ...j.settings,
        ...(j.settings.scrape_interval ? { scrape_interval: scaleDurationText(j.settings.scrape_interval, s) as typeof j.settings.scrape_interval } : {}),
        ...(j.settings.scrape_timeout ? { scrape_timeout: scaleDurationText(j.settings.scrape_timeout, s) as typeof j.settings.scrape_timeout } : {}),
      },
    })),
  };
}

/**
 * Reads back a prometheus.yml promforge wrote: exactly the shape it emits (schema.ts), then its semantics, problems
 * at the file's lines. A prometheus.yml written by anyone goes through check.ts, which knows Prometheus' other fields.
 */
export function checkPrometheusYmlText(text: string, file: string, options: { prometheusVersion: ResolvedConfig['prometheusVersion'] }): {
  readonly config?: PrometheusYml;
  readonly diagnostics: readonly Diagnostic[];
} {
  const yaml = readYaml(text, file);
  if (yaml.problems.length > 0) return { diagnostics: yaml.problems.map((p) => error(p.message, { at: p.at })) };
  const value = yaml.value;
  const shape = validatePrometheusShape(value);
  if (shape.length > 0) {
    return { diagnostics: shape.map((e) => error(describeShapeError(e), { at: yaml.locate(pointerToPath(e.instancePath)) })) };
  }
  const config = value as PrometheusYml;
  return { config, diagnostics: validatePrometheusConfig({ config, locate: yaml.locate }, options) };
}

/**
 * Reads the emitted files back from the temporary tree: prometheus.yml must have the shape and meaning it was
 * built with, every rule file it lists must be beside it, and the NixOS JSON must be the same configuration
 * (less `rule_files`, which the NixOS module sets) once envsubst has turned `$$` back into `$`.
 */
export function verifyPrometheusEmitted(config: ResolvedConfig, files: readonly OutputFile[]) {
  return (dir: string): string[] => {
    if (!files.some((f) => f.path === PROMETHEUS_OUT)) return [];
    const full = path.join(dir, ...PROMETHEUS_OUT.split('/'));
    const checked = checkPrometheusYmlText(fs.readFileSync(full, 'utf8'), full, { prometheusVersion: config.prometheusVersion });
    const problems = checked.diagnostics.filter((d) => d.severity === 'error').map((d) => formatDiagnostic(d, dir));
    for (const rules of checked.config?.rule_files ?? []) {
      if (!fs.existsSync(path.join(path.dirname(full), rules))) problems.push(`${PROMETHEUS_OUT}: rule file ${rules} is not beside it`);
    }
    const nix = path.join(dir, ...NIXOS_PROMETHEUS_OUT.split('/'));
    if (checked.config && fs.existsSync(nix)) {
      const fromNix = JSON.parse(fs.readFileSync(nix, 'utf8').replaceAll('$$', '$')) as unknown;
      const { rule_files: _ruleFiles, ...rest } = checked.config;
      if (JSON.stringify(fromNix) !== JSON.stringify(rest)) problems.push(`${NIXOS_PROMETHEUS_OUT}: does not hold the same configuration as ${PROMETHEUS_OUT}`);
    }
    return problems;
  };
}
