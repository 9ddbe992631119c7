import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain JavaScript without declarations: the bin's own helper
import { distIsFresh } from '../../bin/compile.js';
import { cli, conformance, fixtureProject, readTree, repoRoot, tempDir } from '../helpers.js';

// The installed command runs src/ compiled to dist/ (bin/compile.js); it must say exactly what src/ says.
// One process per case: the bin compiles dist/ first when src/ changed since the last build.
const bin = (args: readonly string[], cwd: string, env: Record<string, string> = {}) =>
  spawnSync(process.execPath, [path.join(repoRoot, 'bin/promforge.js'), ...args], { cwd, encoding: 'utf8', env: { ...process.env, ...env } });

const lines = (s: string): string => s.trimEnd();

describe('the compiled CLI', () => {
  it('checks rule files with the verdicts and messages of src/', async () => {
    // A child's working directory is the real path (getcwd resolves symlinks, and CI may reach ../shared through
    // one); give the in-process run the same, so absolute paths in messages compare.
    const dir = fs.realpathSync(conformance('promtool'));
    for (const files of [['rules.yml', 'rules-bad.yml'], ['bad-promql.yml'], ['rules_duplicates.yml', '--lint-fatal'], ['rulefmt/utf-8_lname.good.yaml', '--prometheus-version', '2.42']]) {
      const compiled = bin(['check', ...files], dir);
      const inProcess = await cli(['check', ...files], dir);
      expect({ code: compiled.status, stdout: lines(compiled.stdout), stderr: lines(compiled.stderr) }).toEqual(inProcess);
    }
    expect(distIsFresh(repoRoot)).toBe(true);
  });

  it('runs check from one script through V8\'s code cache, and a broken cache only costs the cache', () => {
    const dist = path.join(repoRoot, 'dist');
    const dir = fs.realpathSync(conformance('promtool'));
    const first = bin(['check', 'rules.yml', 'rules-bad.yml'], dir);
    const hash = /^\/\/ promforge-cache (\w+)\n/.exec(fs.readFileSync(path.join(dist, 'check.cjs'), 'utf8'))?.[1];
    expect(hash).toMatch(/^[0-9a-f]{16}$/);
    const cache = path.join(dist, `check-${hash}.v8cache`);
    expect(fs.statSync(cache).size).toBeGreaterThan(10_000);
    // A cache V8 refuses (here: garbage) is replaced; the output never depends on it.
    fs.writeFileSync(cache, 'not a cache');
    const second = bin(['check', 'rules.yml', 'rules-bad.yml'], dir);
    expect({ code: second.status, stdout: second.stdout, stderr: second.stderr }).toEqual({ code: first.status, stdout: first.stdout, stderr: first.stderr });
    expect(first.status).toBe(1);
    expect(fs.statSync(cache).size).toBeGreaterThan(10_000);
  });

  it('finishes its work when the reader of its output goes away', async () => {
    // `promforge build | head -1`: stdout closes before the command is done. It used to die of EPIPE with a
    // stack trace and exit 1 before writing out/.
    const out = path.join(tempDir(), 'out');
    const child = spawn(process.execPath, [path.join(repoRoot, 'bin/promforge.js'), 'build', '--out', out], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).not.toMatch(/EPIPE|internal error/);
    expect(code).toBe(0);
    expect(fs.existsSync(path.join(out, 'alertmanager', 'alertmanager.yml'))).toBe(true);
  });

  it('builds TypeScript declarations, pointing at their lines, as src/ does', async () => {
    const out = path.join(tempDir(), 'out');
    const compiled = bin(['build', '--project', fixtureProject('broken'), '--out', out], repoRoot);
    const inProcess = await cli(['build', '--project', fixtureProject('broken'), '--out', out]);
    expect(compiled.status).toBe(1);
    expect({ code: compiled.status, stdout: lines(compiled.stdout), stderr: lines(compiled.stderr) }).toEqual(inProcess);
    expect(compiled.stderr).toMatch(/rules\/[\w-]+\.ts:\d+:\d+: /);
  });

  it('loads a large dashboards/ as a bundle, pointing at the lines src/ points at', async () => {
    // Outside the repository, with promforge and the SDK linked in as an installed project has them.
    const root = tempDir();
    fs.mkdirSync(path.join(root, 'node_modules', '@grafana'), { recursive: true });
    fs.symlinkSync(repoRoot, path.join(root, 'node_modules', 'promforge'));
    fs.symlinkSync(path.join(repoRoot, 'node_modules', '@grafana', 'grafana-foundation-sdk'), path.join(root, 'node_modules', '@grafana', 'grafana-foundation-sdk'));
    fs.writeFileSync(path.join(root, 'package.json'), '{ "type": "module" }\n');
    fs.mkdirSync(path.join(root, 'rules'));
    fs.writeFileSync(path.join(root, 'rules', 'up.ts'), [
      "import { alert, ruleGroup } from 'promforge';",
      "export default ruleGroup('up', { rules: [alert('TargetDown', { expr: 'up == 0', severity: 'critical', summary: '{{ $labels.instance }} is down' })] });",
      '',
    ].join('\n'));
    fs.mkdirSync(path.join(root, 'dashboards'));
    fs.writeFileSync(path.join(root, 'dashboards', '_panel.ts'), [
      "import * as timeseries from '@grafana/grafana-foundation-sdk/timeseries';",
      "import { promQuery } from 'promforge';",
      '',
      'export const upPanel = (expr: string) => new timeseries.PanelBuilder().title(\'Up\').span(24).withTarget(promQuery(expr));',
      '',
    ].join('\n'));
    for (let i = 0; i < 24; i++) {
      fs.writeFileSync(path.join(root, 'dashboards', `d${String(i).padStart(2, '0')}.ts`), [
        "import { DashboardBuilder } from '@grafana/grafana-foundation-sdk/dashboard';",
        "import { dashboard, datasourceVariable } from 'promforge';",
        "import { upPanel } from './_panel.js';",
        '',
        // Says how it was loaded: a frame in the bundle's folder (Node runs the bundle with its source maps off).
        `const d = new DashboardBuilder('Board ${i}').uid('board-${i}').withVariable(datasourceVariable()).description(/promforge-bundle-/.test(new Error().stack ?? '') ? 'bundled' : 'alone')`,
        `  .withPanel(upPanel('${i === 3 ? 'node_lood1' : 'node_load1'}'));`,
        '',
        `export default dashboard({ folder: 'F${i % 3}', dashboard: d });`,
        '',
      ].join('\n'));
    }
    const out = path.join(tempDir(), 'out');
    const compiled = bin(['build', '--project', root, '--out', out], repoRoot);
    const inProcess = await cli(['build', '--project', root, '--out', out]);
    expect({ code: compiled.status, stdout: lines(compiled.stdout), stderr: lines(compiled.stderr) }).toEqual(inProcess);
    expect(compiled.stderr).toMatch(/dashboards\/d03\.ts:8:16: dashboard "board-3", panel "Up": panels\[0\]\.targets\[0\]\.expr: unknown metric node_lood1/);
    expect(fs.readdirSync(path.join(root, 'dashboards')).filter((n) => n.startsWith('.'))).toEqual([]);
    // Fixed, it builds; and it was the bundle that was loaded.
    const d03 = path.join(root, 'dashboards', 'd03.ts');
    fs.writeFileSync(d03, fs.readFileSync(d03, 'utf8').replace('node_lood1', 'node_load1'));
    expect(bin(['build', '--project', root, '--out', out], repoRoot).status).toBe(0);
    expect(JSON.parse(fs.readFileSync(path.join(out, 'grafana/dashboards/F0/board-0.json'), 'utf8'))).toMatchObject({ description: 'bundled' });
  });

  it('writes the same bytes as src/ under tsx (PROMFORGE_FROM_SOURCE=1)', () => {
    const a = path.join(tempDir(), 'out');
    const b = path.join(tempDir(), 'out');
    const compiled = bin(['build', '--out', a], repoRoot);
    const source = bin(['build', '--out', b], repoRoot, { PROMFORGE_FROM_SOURCE: '1' });
    expect(compiled.status, compiled.stderr).toBe(0);
    expect(source.status, source.stderr).toBe(0);
    expect(readTree(a)).toEqual(readTree(b));
  });
});
