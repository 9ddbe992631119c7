/**
 * Our output and our verdicts, checked by the real promtool (Debian's `prometheus` package). In CI a missing
 * promtool fails these tests; .ci/run installs it.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildProject } from '../../src/build/pipeline.js';
import { cli, conformance, conformanceDir, readTree, repoRoot, requireBinary, tempDir } from '../helpers.js';

const promtool = requireBinary('promtool');

describe.skipIf(!promtool)('promtool', () => {
  it('accepts every rule file the shipped homelab builds, with no duplicate findings', async () => {
    const out = path.join(tempDir(), 'out');
    const built = await buildProject(repoRoot, { outDir: out });
    expect(built.diagnostics).toEqual([]);
    const files = Object.keys(readTree(out)).filter((f) => f.startsWith('prometheus/rules/')).map((f) => path.join(out, f));
    expect(files.length).toBeGreaterThanOrEqual(6);
    const r = spawnSync(promtool!, ['check', 'rules', '--lint-fatal', ...files], { encoding: 'utf8' });
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
    expect(r.stdout).not.toMatch(/FAILED|duplicate/);
  });

  it('passes every rule test file the build emits, as our own engine does', async () => {
    const out = path.join(tempDir(), 'out');
    const built = await buildProject(repoRoot, { outDir: out });
    expect(built.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const testsDir = path.join(out, 'prometheus/tests');
    const files = fs.readdirSync(testsDir).filter((f) => f.endsWith('.yaml')).sort();
    expect(files.length).toBeGreaterThanOrEqual(6);
    for (const file of files) {
      const theirs = spawnSync(promtool!, ['test', 'rules', file], { cwd: testsDir, encoding: 'utf8' });
      const ours = await cli(['test', '--prometheus-version', '2.42', file], testsDir);
      expect({ file, promtool: theirs.status, promforge: ours.code }, `${theirs.stdout}\n${theirs.stderr}\n---\n${ours.stdout}\n${ours.stderr}`)
        .toEqual({ file, promtool: 0, promforge: 0 });
    }
  });

  it('agrees with promforge check --prometheus-version <installed> on every conformance rule file', async () => {
    const version = /version (\d+\.\d+\.\d+)/.exec(spawnSync(promtool!, ['--version'], { encoding: 'utf8' }).stdout)?.[1];
    expect(version).toBeDefined();
    const dirs = [conformance('promtool'), conformance('promtool/rulefmt')];
    const ruleFiles = dirs.flatMap((d) =>
      fs.readdirSync(d).filter((f) => /\.ya?ml$/.test(f)).map((f) => path.join(d, f)),
    ).filter((f) => /^groups:/m.test(fs.readFileSync(f, 'utf8')) || /rules/.test(path.basename(f)));
    const disagreements: string[] = [];
    for (const file of ruleFiles) {
      if (/^\s*(tests|rule_files):/m.test(fs.readFileSync(file, 'utf8'))) continue; // unit-test files, not rule files
      const theirs = spawnSync(promtool!, ['check', 'rules', path.basename(file)], { cwd: path.dirname(file), encoding: 'utf8' }).status;
      const ours = (await cli(['check', '--prometheus-version', version!, path.basename(file)], path.dirname(file))).code;
      if (theirs !== ours) disagreements.push(`${path.relative(conformanceDir, file)}: promtool ${theirs}, promforge ${ours}`);
    }
    expect(disagreements).toEqual([]);
  });
});
