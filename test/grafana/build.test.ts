import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildProject } from '../../src/build/pipeline.js';
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
