import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, repoRoot, tempDir } from '../helpers.js';

const fixture = (name: string): string => path.join('test/fixtures/grafana', name);

describe('promforge check on dashboards', () => {
  it('accepts a clean dashboard and says what it found', async () => {
    const run = await cli(['check', fixture('good.json')]);
    expect(run).toEqual({ code: 0, stdout: 'test/fixtures/grafana/good.json: SUCCESS: dashboard "hosts", 3 panels, 3 queries', stderr: '' });
  });

  it('explains the HTTP API envelope and exits 1', async () => {
    const run = await cli(['check', fixture('envelope.json')]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('test/fixtures/grafana/envelope.json: FAILED');
    expect(run.stderr).toMatch(/^test\/fixtures\/grafana\/envelope\.json:2:16: dashboard: this is an HTTP API request body/);
  });

  it('finds a uid used twice across the files given, and a title twice in one folder (directory)', async () => {
    const dir = tempDir();
    const text = fs.readFileSync(path.join(repoRoot, fixture('good.json')), 'utf8');
    fs.writeFileSync(path.join(dir, 'a.json'), text);
    fs.writeFileSync(path.join(dir, 'b.json'), text.replace('"title": "Hosts"', '"title": "Hosts 2"'));
    const run = await cli(['check', 'a.json', 'b.json'], dir);
    expect(run.code).toBe(1);
    expect(run.stdout.split('\n')).toEqual(['a.json: SUCCESS: dashboard "hosts", 3 panels, 3 queries', 'b.json: FAILED']);
    expect(run.stderr).toMatch(/^b\.json:2:10: dashboard "hosts": uid "hosts" is also used by dashboard "hosts" \(.*a\.json:1:1\)/);
  });

  it('checks rule files and dashboards in one run, and reports JSON syntax errors with their place', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'broken.json'), '{\n  "uid": "x",\n  "panels": [,]\n}\n');
    fs.writeFileSync(path.join(dir, 'rules.yml'), 'groups: []\n');
    const run = await cli(['check', 'rules.yml', 'broken.json'], dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('rules.yml: SUCCESS');
    expect(run.stderr).toMatch(/^broken\.json:3:14: not valid JSON: /m);
    expect(run.stdout).toContain('broken.json: FAILED');
  });
});
