import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, fixtureProject, repoRoot } from '../helpers.js';

const fixtures = path.join(repoRoot, 'test/fixtures/rules');

describe('promforge lint', () => {
  it('lints the project when given no files', async () => {
    const r = await cli(['lint', '--project', fixtureProject('minimal')]);
    expect(r).toMatchObject({ code: 0, stdout: '0 errors, 0 warnings' });
  });

  it('lints rule files, exiting 1 on an error, with the fix on the next line', async () => {
    const r = await cli(['lint', 'lint.yaml'], fixtures);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('lint.yaml:5:15: group "nix", alert NixCacheNotAccessible: unknown metric nix_cache_info_accesible');
    expect(r.stderr).toContain('nix_cache_info_accessible');
    expect(r.stdout).toBe('1 error, 0 warnings');
  });

  it('prints json with the documented fields', async () => {
    const r = await cli(['lint', '--format', 'json', 'lint.yaml'], fixtures);
    const findings = JSON.parse(r.stdout) as Record<string, unknown>[];
    expect(findings).toEqual([
      expect.objectContaining({ file: 'lint.yaml', line: 5, column: 15, check: 'promql/series', severity: 'error' }),
    ]);
    expect(Object.keys(findings[0]!).sort()).toEqual(['check', 'column', 'file', 'line', 'message', 'severity']);
  });

  it('prints GitHub workflow annotations', async () => {
    const r = await cli(['lint', '--format', 'github', 'lint.yaml'], fixtures);
    expect(r.stdout).toMatch(/^::error file=lint\.yaml,line=5,col=15,title=promql\/series::group "nix", alert NixCacheNotAccessible: unknown metric/);
  });

  it('exits 0 on warnings unless --fail-on warning', async () => {
    const plain = await cli(['lint', 'lint-warning.yaml'], fixtures);
    expect(plain.code).toBe(0);
    expect(plain.stderr).toContain('[alerts/description]');
    expect((await cli(['lint', '--fail-on', 'warning', 'lint-warning.yaml'], fixtures)).code).toBe(1);
  });

  it('exits 2 on usage errors', async () => {
    expect((await cli(['lint', '--format', 'xml', 'lint.yaml'], fixtures)).code).toBe(2);
    expect((await cli(['lint', 'missing.yaml'], fixtures)).code).toBe(2);
  });
});
