/**
 * The promforge command line. Each command lives in its own module; this file only wires flags to them and
 * turns commander's usage errors into exit code 2.
 */
import { Command, CommanderError, Option } from 'commander';
import { EXIT, processIO, type CliIO } from './io.js';

// Each command's module is imported when the command runs: `check` of a YAML file need not load the build
// pipeline, the PromQL engine or the Alertmanager schemas (start-up is most of a small check's time).

const collect = (value: string, previous: string[]): string[] => [...previous, value];

export async function main(argv: readonly string[], io: CliIO = processIO()): Promise<number> {
  let exitCode: number = EXIT.ok;
  const program = new Command()
    .name('promforge')
    .description('Prometheus rules, Alertmanager and Grafana configuration as TypeScript, proven valid before it ships')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) })
    .showHelpAfterError('(run promforge --help for usage)');

  program
    .command('build')
    .description('compile rules/*.ts into out/ (atomically: on any error out/ is left as it was)')
    .option('--out <dir>', 'output directory (default: out, or outDir in promforge.config.ts)')
    .option('--prometheus-version <version>', 'oldest Prometheus the output must load in (overrides promforge.config.ts)')
    .option('--project <dir>', 'project root holding promforge.config.ts and rules/', '.')
    .option('--time-scale <factor>', 'TEST AID: scale every duration (rules, groups, Alertmanager timers) by a factor such as 1/60; the output says so and must never be deployed')
    .action(async (opts: { out?: string; prometheusVersion?: string; project?: string; timeScale?: string }) => {
      exitCode = await (await import('./build.js')).runBuild(opts, io);
    });

  program
    .command('check')
    .description('validate rule files, prometheus.yml, Alertmanager configurations and Grafana dashboards written by anyone; exit 0 valid, 1 invalid, 2 usage, 3 lint with --lint-fatal')
    .argument('<files...>', 'files of any of those kinds, told apart by their content')
    .option('--prometheus-version <version>', 'apply this version\'s rules, e.g. 2.42 for classic metric and label names (default: current 3.x)')
    .option('--lint-fatal', 'exit 3 when lint finds duplicate rules, as promtool does')
    .option('--ignore-unknown-fields', 'ignore fields a rule file should not have, as promtool does')
    .option('--alertmanager-version <version>', 'for Alertmanager configurations: apply this release\'s rules, e.g. 0.25 (default: newest)')
    .addOption(new Option('--enable-feature <name>', 'PromQL feature flag, as for promtool (repeatable or comma-separated)').argParser(collect).default([]))
    .action(async (files: string[], opts: { prometheusVersion?: string; alertmanagerVersion?: string; lintFatal?: boolean; ignoreUnknownFields?: boolean; enableFeature: string[] }) => {
      exitCode = await (await import('./check.js')).runCheck(files, opts, io);
    });

  program
    .command('lint')
    .description('static analysis of PromQL and rules beyond promtool: the project\'s rules/ (no files), or rule files')
    .argument('[files...]', 'rule files (YAML); none: the declarations in rules/')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'github']).default('text'))
    .addOption(new Option('--fail-on <severity>', 'exit 1 when a finding at or above this severity is found').choices(['error', 'warning']).default('error'))
    .option('--project <dir>', 'project root holding promforge.config.ts', '.')
    .option('--prometheus-version <version>', 'target Prometheus version (overrides promforge.config.ts)')
    .action(async (files: string[], opts: { format: string; failOn: string; project: string; prometheusVersion?: string }) => {
      exitCode = await (await import('./lint.js')).runLint(files, opts, io);
    });

  program
    .command('test')
    .description('rule unit tests in-process: promtool test files, or (no files) the project\'s rules/*.test.ts')
    .argument('[files...]', 'promtool unit-test files (YAML)')
    .option('--prometheus-version <version>', 'apply this version\'s semantics (default: promforge.config.ts, or current 3.x for files)')
    .addOption(new Option('--run <regex>', 'only test groups whose name matches (repeatable), as promtool').argParser(collect).default([]))
    .option('--ignore-unknown-fields', 'ignore unknown fields in test and rule files, as promtool does')
    .option('--project <dir>', 'project root holding promforge.config.ts and rules/', '.')
    .action(async (files: string[], opts: { prometheusVersion?: string; run: string[]; ignoreUnknownFields?: boolean; project: string }) => {
      exitCode = await (await import('./test.js')).runTest(files, opts, io);
    });

  const routes = program.command('routes').description('Alertmanager routing, offline, printed as amtool config routes prints it');
  routes
    .command('test')
    .description('print the receivers an alert with these labels reaches, comma-separated in tree order')
    .argument('[labels...]', 'label=value pairs')
    .option('--config <file>', 'Alertmanager configuration (default: the project\'s out/alertmanager/alertmanager.yml)')
    .option('--verify-receivers <list>', 'exit 1 unless the receivers are exactly these (comma-separated)')
    .option('--tree', 'print the matching routes first')
    .option('--alertmanager-version <version>', 'apply this release\'s matcher syntax (default: the project\'s target; the newest with --config)')
    .option('--project <dir>', 'project root holding promforge.config.ts', '.')
    .action(async (labels: string[], opts: { config?: string; verifyReceivers?: string; tree?: boolean; alertmanagerVersion?: string; project: string }) => {
      exitCode = await (await import('./routes.js')).runRoutesTest({ ...opts, labels }, io);
    });
  routes
    .command('show')
    .description('print the routing tree')
    .option('--config <file>', 'Alertmanager configuration (default: the project\'s out/alertmanager/alertmanager.yml)')
    .option('--alertmanager-version <version>', 'apply this release\'s matcher syntax')
    .option('--project <dir>', 'project root holding promforge.config.ts', '.')
    .action(async (opts: { config?: string; alertmanagerVersion?: string; project: string }) => {
      exitCode = await (await import('./routes.js')).runRoutesShow(opts, io);
    });

  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) {
      return e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    throw e;
  }
  return exitCode;
}
