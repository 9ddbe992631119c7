/**
 * `promforge routes test|show`: Alertmanager's routing, offline, with amtool's output.
 *
 *   promforge routes test [--config FILE] [--verify-receivers a,b] [--tree] label=value...
 *       prints the receivers an alert with those labels reaches, comma-separated in tree order, exactly like
 *       `amtool config routes test`; with --verify-receivers, exits 1 when they differ.
 *   promforge routes show [--config FILE]
 *       prints the routing tree like `amtool config routes show`.
 *
 * Without --config both use the project's built configuration (out/alertmanager/alertmanager.yml).
 */
import fs from 'node:fs';
import path from 'node:path';
import { ALERTMANAGER_OUT } from '../alertmanager/build.js';
import { checkAlertmanagerText } from '../alertmanager/check.js';
import { parseMatcher, type LabelSet } from '../alertmanager/matchers.js';
import type { AlertmanagerDocument } from '../alertmanager/model.js';
import { buildRouteTree, formatMatchingTree, formatRouteTree, receiversFor } from '../alertmanager/route.js';
import { loadConfig } from '../build/pipeline.js';
import { LATEST_ALERTMANAGER, parseVersion, type Version } from '../config/version.js';
import { formatDiagnostic } from '../diagnostics.js';
import { EXIT, type CliIO } from './io.js';

export interface RoutesCommandOptions {
  /** An Alertmanager configuration file; default the project's built one. */
  readonly config?: string;
  /** Project root holding promforge.config.ts, when --config is not given. Default `.`. */
  readonly project?: string;
  /** Whose rules apply (matcher parsing); default the project's target, or the newest release with --config. */
  readonly alertmanagerVersion?: string;
}

export interface RoutesTestOptions extends RoutesCommandOptions {
  /** `label=value` arguments. */
  readonly labels: readonly string[];
  /** amtool's --verify.receivers: the expected receivers, comma-separated. */
  readonly verifyReceivers?: string;
  /** amtool's --tree: print the matching branches first. */
  readonly tree?: boolean;
}

interface Loaded {
  readonly document: AlertmanagerDocument;
  readonly version: Version;
}

async function load(opts: RoutesCommandOptions, io: CliIO, command: string): Promise<Loaded | number> {
  let version: Version | undefined;
  if (opts.alertmanagerVersion !== undefined) {
    version = parseVersion(opts.alertmanagerVersion);
    if (!version) {
      io.err(`promforge routes ${command}: invalid --alertmanager-version "${opts.alertmanagerVersion}": expected MAJOR.MINOR[.PATCH], e.g. 0.25`);
      return EXIT.usage;
    }
  }
  let file: string;
  if (opts.config !== undefined) {
    file = path.resolve(io.cwd, opts.config);
    version ??= parseVersion(LATEST_ALERTMANAGER)!;
  } else {
    const root = path.resolve(io.cwd, opts.project ?? '.');
    const loaded = await loadConfig(root, {});
    if (!loaded.config) {
      for (const d of loaded.diagnostics) io.err(formatDiagnostic(d, io.cwd));
      return EXIT.invalid;
    }
    file = path.join(loaded.config.outDir, ...ALERTMANAGER_OUT.split('/'));
    version ??= loaded.config.alertmanagerVersion;
    if (!fs.existsSync(file)) {
      io.err(`promforge routes ${command}: ${path.relative(io.cwd, file) || file} does not exist: run \`npm run build\` first, or pass --config FILE`);
      return EXIT.usage;
    }
  }
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    io.err(`${opts.config ?? file}: cannot read: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
    return EXIT.usage;
  }
  const check = checkAlertmanagerText(text, file, { alertmanagerVersion: version });
  const errors = check.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0 || !check.document) {
    for (const d of errors) io.err(formatDiagnostic(d, io.cwd));
    io.err(`promforge routes ${command}: ${path.relative(io.cwd, file) || file} is not a valid Alertmanager configuration`);
    return EXIT.invalid;
  }
  return { document: check.document, version };
}

export async function runRoutesShow(opts: RoutesCommandOptions, io: CliIO): Promise<number> {
  const loaded = await load(opts, io, 'show');
  if (typeof loaded === 'number') return loaded;
  for (const line of formatRouteTree(buildRouteTree(loaded.document.config, loaded.version), loaded.version)) io.out(line);
  return EXIT.ok;
}

export async function runRoutesTest(opts: RoutesTestOptions, io: CliIO): Promise<number> {
  const loaded = await load(opts, io, 'test');
  if (typeof loaded === 'number') return loaded;
  const labels: Record<string, string> = {};
  for (const arg of opts.labels) {
    const m = parseMatcher(arg, loaded.version);
    if (!m.ok) {
      io.err(`promforge routes test: failed to parse labels: ${m.error}`);
      return EXIT.usage;
    }
    if (m.matcher.type !== '=') {
      io.err('promforge routes test: labels must be specified as key=value pairs');
      return EXIT.usage;
    }
    labels[m.matcher.name] = m.matcher.value;
  }
  const tree = buildRouteTree(loaded.document.config, loaded.version);
  const lset: LabelSet = labels;
  if (opts.tree) for (const line of formatMatchingTree(tree, lset, loaded.version)) io.out(line);
  const slug = receiversFor(tree, lset).join(',');
  io.out(slug);
  if (opts.verifyReceivers !== undefined && opts.verifyReceivers !== '' && opts.verifyReceivers !== slug) {
    io.out('WARNING: Expected receivers did not match resolved receivers.');
    return EXIT.invalid;
  }
  return EXIT.ok;
}
