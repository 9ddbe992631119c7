/** `promforge build`: compile the project's declarations into out/. */
import path from 'node:path';
import { buildProject } from '../build/pipeline.js';
import { formatTimeScale, parseTimeScale, type TimeScale } from '../build/time-scale.js';
import { VerifyError } from '../build/write.js';
import { formatVersion, parseVersion } from '../config/version.js';
import { formatDiagnostic, hasErrors } from '../diagnostics.js';
import { EXIT, type CliIO } from './io.js';

export interface BuildCommandOptions {
  readonly out?: string;
  readonly prometheusVersion?: string;
  readonly project?: string;
  /** A test aid: `1/60` scales every duration (see build/time-scale.ts). */
  readonly timeScale?: string;
}

export async function runBuild(options: BuildCommandOptions, io: CliIO): Promise<number> {
  const started = performance.now();
  const root = path.resolve(io.cwd, options.project ?? '.');
  if (options.prometheusVersion !== undefined && !parseVersion(options.prometheusVersion)) {
    io.err(`promforge build: invalid --prometheus-version "${options.prometheusVersion}": expected MAJOR.MINOR[.PATCH], e.g. 2.42`);
    return EXIT.usage;
  }
  let timeScale: TimeScale | undefined;
  if (options.timeScale !== undefined) {
    const parsed = parseTimeScale(options.timeScale);
    if (!parsed.ok) {
      io.err(`promforge build: ${parsed.error}`);
      return EXIT.usage;
    }
    timeScale = parsed.scale;
  }
  let built;
  try {
    built = await buildProject(root, {
      ...(options.out !== undefined ? { outDir: path.resolve(io.cwd, options.out) } : {}),
      ...(options.prometheusVersion !== undefined ? { prometheusVersion: options.prometheusVersion } : {}),
    }, timeScale ? { timeScale } : {});
  } catch (e) {
    if (e instanceof VerifyError) {
      io.err('promforge: internal error: the emitted files did not pass their own checks; out/ was left unchanged.');
      for (const p of e.problems) io.err(p);
      return EXIT.invalid;
    }
    throw e;
  }
  for (const d of built.diagnostics) io.err(formatDiagnostic(d, io.cwd));
  if (!built.written || hasErrors(built.diagnostics)) {
    const n = built.diagnostics.filter((d) => d.severity === 'error').length;
    io.err(`build failed: ${n} error${n === 1 ? '' : 's'}; out/ was left unchanged.`);
    return EXIT.invalid;
  }
  const s = built.summary;
  const warnings = built.diagnostics.filter((d) => d.severity === 'warning').length;
  const ms = Math.round(performance.now() - started);
  const target = built.config ? formatVersion(built.config.prometheusVersion) : '?';
  const outRel = path.relative(io.cwd, built.outDir ?? '') || '.';
  const scaled = timeScale ? `, TEST BUILD with durations scaled by ${formatTimeScale(timeScale)}` : '';
  io.out(`wrote ${built.files.length} file${built.files.length === 1 ? '' : 's'} to ${outRel}/ (Prometheus >= ${target}${scaled}): ` +
    `${s.groups} groups, ${s.alerts} alerts, ${s.records} recording rules, ${s.tests} rule test groups` +
    (s.dashboards > 0 ? `, ${s.dashboards} dashboard${s.dashboards === 1 ? '' : 's'}` : '') + ` in ${ms} ms` +
    (warnings > 0 ? ` (${warnings} warning${warnings === 1 ? '' : 's'})` : ''));
  for (const f of built.files) io.out(`  ${outRel}/${f.path}`);
  return EXIT.ok;
}
