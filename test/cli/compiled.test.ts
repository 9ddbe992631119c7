import { spawnSync } from 'node:child_process';
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

  it('builds TypeScript declarations, pointing at their lines, as src/ does', async () => {
    const out = path.join(tempDir(), 'out');
    const compiled = bin(['build', '--project', fixtureProject('broken'), '--out', out], repoRoot);
    const inProcess = await cli(['build', '--project', fixtureProject('broken'), '--out', out]);
    expect(compiled.status).toBe(1);
    expect({ code: compiled.status, stdout: lines(compiled.stdout), stderr: lines(compiled.stderr) }).toEqual(inProcess);
    expect(compiled.stderr).toMatch(/rules\/[\w-]+\.ts:\d+:\d+: /);
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
