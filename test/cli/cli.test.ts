import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, conformance, fixtureProject, readTree, repoRoot, tempDir } from '../helpers.js';

const fixtures = path.join(repoRoot, 'test/fixtures/rules');

describe('promforge check', () => {
  it('exits 0 for a valid rule file', async () => {
    const r = await cli(['check', 'valid.yaml'], fixtures);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toBe('valid.yaml: SUCCESS: 2 rules found');
  });

  it('exits 1 with file:line:col errors for an invalid one', async () => {
    const r = await cli(['check', 'invalid.yaml', 'valid.yaml'], fixtures);
    expect(r.code).toBe(1);
    const lines = r.stderr.split('\n');
    // The parse error sits inside the block scalar: the end of the expression, line 4 of it, is line 9 of the file.
    expect(lines[0]).toBe('invalid.yaml:9:11: group "hosts", alert HostDown: expr 4:1: parse error: unclosed left parenthesis');
    expect(lines).toContain("invalid.yaml:12:14: group \"hosts\", record job:up:sum: invalid field 'for' in recording rule");
    expect(r.stdout.split('\n')).toEqual(['invalid.yaml: FAILED', 'valid.yaml: SUCCESS: 2 rules found']);
  });

  it('reports duplicates as lint: exit 0, or 3 with --lint-fatal as promtool', async () => {
    const plain = await cli(['check', 'duplicates.yaml'], fixtures);
    expect(plain.code).toBe(0);
    expect(plain.stderr).toContain('1 duplicate rule(s) found');
    expect(plain.stderr).toContain('duplicates.yaml:8:9: warning: group "b", record job:up:sum: duplicate rule: job:up:sum');
    expect((await cli(['check', '--lint-fatal', 'duplicates.yaml'], fixtures)).code).toBe(3);
  });

  it('applies an older Prometheus\' name rules with --prometheus-version', async () => {
    const dir = conformance('promtool/rulefmt');
    expect((await cli(['check', 'utf-8_lname.good.yaml'], dir)).code).toBe(0);
    const old = await cli(['check', '--prometheus-version', '2.42', 'utf-8_lname.good.yaml'], dir);
    expect(old.code).toBe(1);
    expect(old.stderr).toContain('invalid label name: ins-tance');
  });

  it('checks Alertmanager configurations too, detected from their content', async () => {
    const r = await cli(['check', 'alertmanager.yml'], fixtures);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('alertmanager.yml: SUCCESS: 1 receivers, 0 inhibit rules, 0 templates');
  });

  it('exits 2 on usage errors', async () => {
    expect((await cli(['check'], fixtures)).code).toBe(2);
    expect((await cli(['check', 'missing.yaml'], fixtures))).toMatchObject({ code: 2, stderr: 'missing.yaml: cannot read: no such file' });
    expect((await cli(['check', '--no-such-flag', 'valid.yaml'], fixtures)).code).toBe(2);
    expect((await cli(['check', '--enable-feature', 'bogus', 'valid.yaml'], fixtures)).code).toBe(2);
    expect((await cli(['check', '--prometheus-version', 'latest', 'valid.yaml'], fixtures)).code).toBe(2);
    expect((await cli(['frobnicate'], fixtures)).code).toBe(2);
  });
});

describe('promforge build', () => {
  it('builds a project and prints a summary', async () => {
    const out = path.join(tempDir(), 'out');
    const r = await cli(['build', '--project', fixtureProject('minimal'), '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^wrote 1 file to .*out\/ \(Prometheus >= 2\.42\.0\): 2 groups, 1 alerts, 1 recording rules, 0 rule test groups in \d+ ms/);
  });

  it('exits 1 and explains when the declarations are wrong', async () => {
    const r = await cli(['build', '--project', fixtureProject('broken'), '--out', path.join(tempDir(), 'out')]);
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n').at(-1)).toBe('build failed: 2 errors; out/ was left unchanged.');
  });

  it('exits 2 for an invalid --prometheus-version', async () => {
    const r = await cli(['build', '--project', fixtureProject('minimal'), '--prometheus-version', 'three', '--out', path.join(tempDir(), 'out')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('invalid --prometheus-version "three"');
  });
});

describe('the installed command', () => {
  // One real process each: npm run build and the bin, as a user runs them. Two separate processes also prove
  // reproducibility beyond one process's module cache.
  it('npm run build and npx promforge build write the same bytes', () => {
    const a = path.join(tempDir(), 'out');
    const b = path.join(tempDir(), 'out');
    const npm = spawnSync('npm', ['run', '--silent', 'build', '--', '--out', a], { cwd: repoRoot, encoding: 'utf8' });
    expect(npm.status, npm.stderr).toBe(0);
    const bin = spawnSync('npx', ['promforge', 'build', '--out', b], { cwd: repoRoot, encoding: 'utf8' });
    expect(bin.status, bin.stderr).toBe(0);
    expect(bin.stdout).toMatch(/^wrote \d+ files to /);
    const tree = readTree(a);
    expect(Object.keys(tree).length).toBeGreaterThan(0);
    expect(readTree(b)).toEqual(tree);
  });
});
