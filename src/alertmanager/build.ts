/**
 * The Alertmanager part of the build: `alertmanager/*.ts` → model → checks → `out/alertmanager/alertmanager.yml`
 * and `out/nixos/alertmanager.json`, in that order and never back.
 *
 *   load      the modules of alertmanager/ (not *.test.ts, not _*.ts); exactly one default-exports alertmanager(...)
 *   model     declarations lowered, checked at run time (declarations.ts: fields, types, secrets)
 *   check     Alertmanager's own validation for the target release (validate.ts), then the cross-checks against the
 *             project's alerting rules (crosscheck.ts)
 *   emit      byte-stable YAML with a header naming its source, after the JSON Schema proved its shape; the NixOS
 *             JSON with `$` escaped for the module's envsubst
 *   verify    verifyAlertmanagerEmitted reads the written files back through `promforge check`'s reader
 */
import fs from 'node:fs';
import path from 'node:path';
import { discoverModules, importDefault } from '../build/load.js';
import { scaleAlertmanagerConfig, timeScaleHeader, type TimeScale } from '../build/time-scale.js';
import type { OutputFile } from '../build/write.js';
import type { ResolvedConfig } from '../config/config.js';
import { formatVersion } from '../config/version.js';
import { error, formatDiagnostic, hasErrors, type Diagnostic } from '../diagnostics.js';
import type { RuleFile } from '../rules/model.js';
import type { AlertmanagerOptions } from './api.js';
import { checkAlertmanagerText } from './check.js';
import { crossCheckAlertmanager } from './crosscheck.js';
import { lowerAlertmanagerModule } from './declarations.js';
import { emitAlertmanagerConfig, emitNixosAlertmanagerJson, toAlertmanagerDocument } from './emit.js';
import type { AlertmanagerDocument } from './model.js';
import { describeShapeError, validateAlertmanagerShape } from './schema.js';
import { validateAlertmanagerConfig } from './validate.js';

export const ALERTMANAGER_DIR = 'alertmanager';
export const ALERTMANAGER_OUT = 'alertmanager/alertmanager.yml';
export const NIXOS_ALERTMANAGER_OUT = 'nixos/alertmanager.json';

export interface AlertmanagerBuild {
  /** Empty when there are errors, or when the project has no alertmanager/ modules. */
  readonly files: readonly OutputFile[];
  readonly diagnostics: readonly Diagnostic[];
  /** The lowered configuration, for routing tests and the `routes` commands. */
  readonly document?: AlertmanagerDocument;
  readonly options?: AlertmanagerOptions;
}

const posix = (p: string): string => p.split(path.sep).join('/');

export async function compileAlertmanager(
  root: string, config: ResolvedConfig, ruleFiles: readonly RuleFile[], build: { readonly timeScale?: TimeScale } = {},
): Promise<AlertmanagerBuild> {
  const modules = discoverModules(path.join(root, ALERTMANAGER_DIR));
  if (modules.length === 0) return { files: [], diagnostics: [] };
  const diagnostics: Diagnostic[] = [];
  const found: { module: string; document: AlertmanagerDocument; options: AlertmanagerOptions }[] = [];
  for (const modulePath of modules) {
    const imported = await importDefault(modulePath);
    if (!imported.ok) {
      diagnostics.push(imported.diagnostic);
      continue;
    }
    const lowered = lowerAlertmanagerModule(modulePath, imported.exported);
    diagnostics.push(...lowered.diagnostics);
    if (lowered.document) found.push({ module: modulePath, document: lowered.document, options: lowered.options });
  }
  if (found.length > 1) {
    const [, second] = found;
    diagnostics.push(error(`only one module may declare the Alertmanager configuration; ${posix(path.relative(root, found[0]!.module))} already does`, {
      at: second!.document.locate([]), hint: 'merge them, or name helper modules with a leading underscore (_receivers.ts) and import them',
    }));
  }
  const declared = found[0];
  if (!declared || hasErrors(diagnostics)) return { files: [], diagnostics, ...(declared ? { document: declared.document, options: declared.options } : {}) };

  const { document, options } = declared;
  const version = config.alertmanagerVersion;
  const invalid = validateAlertmanagerConfig(document, { alertmanagerVersion: version });
  diagnostics.push(...invalid);
  // Routing over a configuration Alertmanager would refuse means nothing.
  if (!hasErrors(invalid)) {
    diagnostics.push(...crossCheckAlertmanager(document, ruleFiles, {
      alertmanagerVersion: version, prometheusVersion: config.prometheusVersion, catalogs: config.catalogs, options,
    }));
  }
  if (hasErrors(diagnostics)) return { files: [], diagnostics, document, options };

  // --time-scale (a test aid) shrinks the timers of the configuration just proven, never what is checked.
  const scale = build.timeScale;
  const output = scale ? scaleAlertmanagerConfig(document.config, scale) : document.config;
  const emitted = toAlertmanagerDocument(output);
  const shape = validateAlertmanagerShape(structuredClone(emitted), { coerce: false });
  if (shape.length > 0) {
    return { files: [], diagnostics: [...diagnostics, ...shape.map((e) => error(`internal: the emitted configuration is malformed at ${e.instancePath}: ${describeShapeError(e)}`))], document, options };
  }
  const header = [
    ...(scale ? [timeScaleHeader(scale)] : []),
    `Generated by promforge from ${posix(path.relative(root, declared.module))} for Alertmanager >= ${formatVersion(version)}.`,
    'Do not edit: change the declaration and run `npm run build`.',
  ].join('\n');
  return {
    files: [
      { path: ALERTMANAGER_OUT, content: emitAlertmanagerConfig(output, header) },
      // JSON has no comment to carry the TEST BUILD mark, and the NixOS file is what gets deployed: a scaled
      // build leaves it out.
      ...(scale ? [] : [{ path: NIXOS_ALERTMANAGER_OUT, content: emitNixosAlertmanagerJson(output) }]),
    ],
    diagnostics,
    document,
    options,
  };
}

/**
 * Reads the emitted configuration back from the temporary tree with the reader `promforge check` uses and
 * validates it again for the target release; the NixOS JSON must be the same configuration once envsubst has
 * turned `$$` back into `$`.
 */
export function verifyAlertmanagerEmitted(config: ResolvedConfig, files: readonly OutputFile[]) {
  return (dir: string): string[] => {
    if (!files.some((f) => f.path === ALERTMANAGER_OUT)) return [];
    const full = path.join(dir, ...ALERTMANAGER_OUT.split('/'));
    // Templates are files on the Alertmanager host, not on the machine that builds.
    const check = checkAlertmanagerText(fs.readFileSync(full, 'utf8'), full, { alertmanagerVersion: config.alertmanagerVersion, templates: false });
    const problems = check.diagnostics.filter((d) => d.severity === 'error').map((d) => formatDiagnostic(d, dir));
    const nix = path.join(dir, ...NIXOS_ALERTMANAGER_OUT.split('/'));
    if (check.document && fs.existsSync(nix)) {
      const fromNix = JSON.parse(fs.readFileSync(nix, 'utf8').replaceAll('$$', '$')) as unknown;
      if (JSON.stringify(fromNix) !== JSON.stringify(toAlertmanagerDocument(check.document.config))) {
        problems.push(`${NIXOS_ALERTMANAGER_OUT}: does not hold the same configuration as ${ALERTMANAGER_OUT}`);
      }
    }
    return problems;
  };
}
