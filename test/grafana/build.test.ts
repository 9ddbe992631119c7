import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildProject } from '../../src/build/pipeline.js';
import { resolveConfig } from '../../src/config/config.js';
import { checkAndEmitGrafana, loadDashboards, verifyGrafanaEmitted } from '../../src/grafana/build.js';
import { formatDiagnostic } from '../../src/diagnostics.js';
import { fixtureProject, readTree, tempDir } from '../helpers.js';

describe('grafana build', () => {
  it('writes each dashboard under its folder, the dashboard provider and the datasources', async () => {
    const out = path.join(tempDir(), 'out');
    const built = await buildProject(fixtureProject('grafana'), { outDir: out });
    expect(built.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(built.summary.dashboards).toBe(1);
    const tree = readTree(out);
    expect(Object.keys(tree).filter((f) => f.startsWith('grafana/')).sort()).toEqual([
      'grafana/dashboards/Nix/nix-build-cache.json',
      'grafana/provisioning/dashboards/promforge.yaml',
      'grafana/provisioning/datasources/promforge.yaml',
    ]);
    const json = JSON.parse(tree['grafana/dashboards/Nix/nix-build-cache.json']!) as Record<string, unknown>;
    expect(json['uid']).toBe('nix-build-cache');
    expect(json).not.toHaveProperty('id');
    expect(tree['grafana/provisioning/dashboards/promforge.yaml']).toContain('path: /etc/grafana/dashboards/homelab');
    expect(tree['grafana/provisioning/dashboards/promforge.yaml']).toContain('foldersFromFilesStructure: true');
    expect(tree['grafana/provisioning/datasources/promforge.yaml']).toContain('url: http://monitoring:9090');
    expect(tree['grafana/provisioning/datasources/promforge.yaml']).toContain('timeInterval: 30s');
  });

  it('is byte-for-byte reproducible', async () => {
    const a = path.join(tempDir(), 'out');
    const b = path.join(tempDir(), 'out');
    await buildProject(fixtureProject('grafana'), { outDir: a });
    await buildProject(fixtureProject('grafana'), { outDir: b });
    expect(readTree(a)).toEqual(readTree(b));
  });
});

describe('grafana build errors', () => {
  it('fail the build at the dashboard(...) call, naming the dashboard, panel and JSON path, and leave out/ alone', async () => {
    const root = fixtureProject('grafana-broken');
    const parent = tempDir();
    const out = path.join(parent, 'out');
    fs.mkdirSync(out);
    fs.writeFileSync(path.join(out, 'previous.txt'), 'previous build');
    const built = await buildProject(root, { outDir: out });
    expect(built.written).toBe(false);
    expect(readTree(out)).toEqual({ 'previous.txt': 'previous build' });
    const lines = built.diagnostics.map((d) => formatDiagnostic(d, root).split('\n')[0]).sort();
    expect(lines).toEqual([
      expect.stringMatching(/^dashboards\/hosts\.ts:12:3: dashboard "Hosts": title "Hosts" is also used by dashboard "hosts" .*\[dashboard\/duplicate-title\]$/),
      expect.stringMatching(/^dashboards\/hosts\.ts:12:3: dashboard "Hosts": uid is missing: .*\[dashboard\/uid\]$/),
      expect.stringMatching(/^dashboards\/hosts\.ts:6:3: dashboard "hosts", panel "CPU": panels\[1\] spans columns 16 to 32 .*\[panel\/grid\]$/),
      expect.stringMatching(/^dashboards\/hosts\.ts:6:3: dashboard "hosts", panel "Load": panels\[0\]\.targets\[0\]\.legendFormat prints \{\{host\}\}.*\[query\/legend\]$/),
      'dashboards/not-a-dashboard.ts:1:1: the module must `export default` a dashboard(...) or an array of them',
      expect.stringMatching(/^dashboards\/other\.ts:4:16: dashboard "hosts": folder cannot contain \/ .*\[dashboard\/folder\]$/),
      expect.stringMatching(/^dashboards\/other\.ts:4:16: dashboard "hosts": uid "hosts" is also used by dashboard "hosts" .*\[dashboard\/duplicate-uid\]$/),
      'rules/targets.ts:5:5: alert TargetDown: dashboard "hosts" needs Grafana\'s URL, and promforge.config.ts sets no grafana.url',
    ]);
  });
});

describe('grafana read-back', () => {
  const emitted = async () => {
    const root = fixtureProject('grafana');
    const config = resolveConfig(root, {});
    const built = checkAndEmitGrafana(root, config, await loadDashboards(root));
    const dir = tempDir();
    for (const f of built.files) {
      fs.mkdirSync(path.dirname(path.join(dir, f.path)), { recursive: true });
      fs.writeFileSync(path.join(dir, f.path), f.content);
    }
    return { dir, files: built.files, file: 'grafana/dashboards/Nix/nix-build-cache.json' };
  };
  const noOptions = (): never => { throw new Error('the checks ran again'); };

  it('proves a dashboard by its JSON: the file reads back as the dashboard that was checked, with no second check', async () => {
    const { dir, files } = await emitted();
    expect(verifyGrafanaEmitted(files, noOptions)(dir)).toEqual([]);
  });

  it('fails a file that reads back unlike the checked dashboard, naming the first place it differs', async () => {
    const { dir, files, file } = await emitted();
    const text = fs.readFileSync(path.join(dir, file), 'utf8');
    fs.writeFileSync(path.join(dir, file), text.replace('"title": "Nix build & cache"', '"title": "Nix"'));
    expect(verifyGrafanaEmitted(files, noOptions)(dir)).toEqual([`${file}: reads back unlike the dashboard that was checked, at title`]);
  });

  it('checks again a dashboard file whose checked model it does not know', async () => {
    const { dir, files, file } = await emitted();
    const copies = files.map((f) => ({ ...f }));
    fs.writeFileSync(path.join(dir, file), fs.readFileSync(path.join(dir, file), 'utf8').replace('"uid": "nix-build-cache"', '"uid": "nix build cache"'));
    const problems = verifyGrafanaEmitted(copies, () => ({}))(dir);
    expect(problems).toEqual([expect.stringMatching(/uid "nix build cache".*\[dashboard\/uid\]/)]);
  });
});
