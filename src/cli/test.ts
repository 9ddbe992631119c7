/**
 * `promforge test [FILE...]`: rule unit tests in-process. With files, promtool-format test files written by
 * anyone (output like `promtool test rules`); without, the project's `rules/*.test.ts`.
 */
import path from 'node:path';
import { loadConfig } from '../build/pipeline.js';
import { LATEST_PROMETHEUS, parseVersion } from '../config/version.js';
import { formatDiagnostic } from '../diagnostics.js';
import { runTestFile } from '../testing/files.js';
import { loadProjectTests } from '../testing/project.js';
import { passed, runRuleTestFile, type FileResult } from '../testing/run.js';
import { EXIT, type CliIO } from './io.js';

export interface TestCommandOptions {
  readonly prometheusVersion?: string;
  readonly run?: readonly string[];
  readonly ignoreUnknownFields?: boolean;
  readonly project?: string;
}

function report(name: string, result: FileResult & { warnings?: readonly string[] }, io: CliIO): boolean {
  io.out(`Unit Testing:  ${name}`);
  for (const w of result.warnings ?? []) io.err(w);
  const ok = passed(result);
  if (ok) {
    io.out('  SUCCESS');
  } else {
    io.err('  FAILED:');
    for (const f of result.fatal) io.err(f);
    for (const g of result.groups) for (const failure of g.failures) io.err(failure.message);
  }
  io.out('');
  return ok;
}

export async function runTest(files: readonly string[], options: TestCommandOptions, io: CliIO): Promise<number> {
  if (options.prometheusVersion !== undefined && !parseVersion(options.prometheusVersion)) {
    io.err(`promforge test: invalid --prometheus-version "${options.prometheusVersion}": expected MAJOR.MINOR[.PATCH], e.g. 2.42`);
    return EXIT.usage;
  }
  if (files.length > 0) {
    const prometheusVersion = parseVersion(options.prometheusVersion ?? LATEST_PROMETHEUS)!;
    let ok = true;
    for (const file of files) {
      const result = runTestFile(path.resolve(io.cwd, file), {
        prometheusVersion,
        ...(options.run ? { run: options.run } : {}),
        ...(options.ignoreUnknownFields ? { ignoreUnknownFields: true } : {}),
      });
      ok = report(file, result, io) && ok;
    }
    return ok ? EXIT.ok : EXIT.invalid;
  }
  const root = path.resolve(io.cwd, options.project ?? '.');
  const loaded = await loadConfig(root, options.prometheusVersion !== undefined ? { prometheusVersion: options.prometheusVersion } : {});
  if (!loaded.config) {
    for (const d of loaded.diagnostics) io.err(formatDiagnostic(d, io.cwd));
    return EXIT.invalid;
  }
  const project = await loadProjectTests(loaded.config);
  for (const d of project.diagnostics) io.err(formatDiagnostic(d, io.cwd));
  if (project.diagnostics.some((d) => d.severity === 'error')) return EXIT.invalid;
  if (project.tests.length === 0) {
    io.err('promforge test: no rule tests found (rules/*.test.ts)');
    return EXIT.invalid;
  }
  let ok = true;
  const run = options.run && options.run.length > 0 ? new RegExp(options.run.join('|')) : undefined;
  for (const t of project.tests) {
    const file = { ...t.file, tests: t.file.tests.filter((g) => !run || run.test(g.name ?? '')) };
    const result = runRuleTestFile(file, t.ruleFiles, { prometheusVersion: loaded.config.prometheusVersion });
    ok = report(path.relative(io.cwd, t.module), result, io) && ok;
  }
  return ok ? EXIT.ok : EXIT.invalid;
}
