/** The shipped homelab declarations: what `npm run build` compiles and users copy. */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileProject, type Compiled } from '../../src/build/pipeline.js';
import { readRuleFile } from '../../src/rules/read.js';
import type { AlertingRule, RuleFile } from '../../src/rules/model.js';
import { cli, repoRoot } from '../helpers.js';

let compiled: Compiled;
let files: RuleFile[];
const alerts = (): AlertingRule[] => files.flatMap((f) => f.groups.flatMap((g) => g.rules.filter((r): r is AlertingRule => r.kind === 'alert')));

beforeAll(async () => {
  compiled = await compileProject(repoRoot);
  files = compiled.files.filter((f) => f.path.startsWith('prometheus/rules/')).map((f) => readRuleFile(f.content, f.path).file!);
});

/** GitHub/Gitea heading anchors: lower-case, punctuation dropped, spaces to dashes. */
const slug = (heading: string): string => heading.trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-');

describe('the shipped homelab rules', () => {
  it('compile without a single diagnostic for Prometheus 2.42 and for 3.x', async () => {
    expect(compiled.diagnostics).toEqual([]);
    expect((await compileProject(repoRoot, { prometheusVersion: '3.5.0', outDir: '/nonexistent' })).diagnostics).toEqual([]);
  });

  it('cover every part of the homelab', () => {
    const modules = ['containers', 'gpu', 'homelab-deploy', 'hosts', 'nix-binary-cache', 'nix-build-cache'];
    // The dashboards' files are the dashboard tests' subject (test/dashboards).
    expect(compiled.files.map((f) => f.path).filter((p) => !p.startsWith('grafana/')).sort()).toEqual([
      'alertmanager/alertmanager.yml',
      'nixos/alertmanager.json',
      'nixos/prometheus.json',
      'prometheus/prometheus.yml',
      ...modules.map((m) => `prometheus/rules/${m}.yaml`),
      ...modules.map((m) => `prometheus/tests/${m}.test.yaml`),
    ]);
    const names = new Set(alerts().map((a) => a.alert));
    for (const required of ['NixCacheNotAccessible', 'NixDistributedBuildsNotWorking', 'NixCacheNotHitting', 'NixUpstreamCacheProxyDown',
      'NixBuildCacheCheckStale', 'GPUHighTemperature', 'GPUMemoryHigh']) {
      expect(names, required).toContain(required);
    }
  });

  it('give every alert a severity, summary, description and a runbook page that exists', () => {
    const base = 'https://git.t-juice.club/torjus/nixos-servers/src/branch/master/docs/runbooks/';
    for (const a of alerts()) {
      expect(['critical', 'warning', 'info'], a.alert).toContain(a.labels['severity']);
      expect(a.annotations['summary'], a.alert).toBeTruthy();
      expect(a.annotations['description'], a.alert).toBeTruthy();
      const url = a.annotations['runbook_url'] ?? '';
      expect(url.startsWith(base), `${a.alert}: ${url}`).toBe(true);
      const [page, anchor] = url.slice(base.length).split('#');
      const doc = path.join(repoRoot, 'docs/runbooks', page ?? '');
      expect(fs.existsSync(doc), `${a.alert}: ${doc}`).toBe(true);
      const anchors = fs.readFileSync(doc, 'utf8').split('\n').filter((l) => /^#{1,6} /.test(l)).map((l) => slug(l.replace(/^#+ /, '')));
      expect(anchors, `${a.alert}: #${anchor}`).toContain(anchor);
    }
  });

  it('take the seed thresholds the issue names', () => {
    const byName = (n: string) => alerts().filter((a) => a.alert === n);
    expect(byName('NixCacheNotAccessible')[0]).toMatchObject({ expr: 'nix_cache_info_accessible == 0', for: '5m', labels: { severity: 'critical' } });
    expect(byName('NixDistributedBuildsNotWorking')[0]).toMatchObject({ expr: 'nix_distributed_build_success == 0', for: '10m', labels: { severity: 'warning' } });
    expect(byName('NixCacheNotHitting')[0]).toMatchObject({ expr: 'nix_local_cache_hit == 0', for: '10m' });
    expect(byName('NixUpstreamCacheProxyDown')[0]).toMatchObject({ expr: 'nix_upstream_cache_accessible == 0', for: '5m' });
    // The GPU rules use what utkuozdemir/nvidia_gpu_exporter really exposes, not the seed's names.
    const gpu = alerts().filter((a) => a.alert.startsWith('GPU')).map((a) => a.expr).join('\n');
    expect(gpu).toContain('nvidia_smi_temperature_gpu');
    expect(gpu).toContain('nvidia_smi_memory_used_bytes');
    expect(gpu).not.toMatch(/nvidia_gpu_(temperature|memory)/);
  });

  // The homelab runs Prometheus 2.42 (Debian, CI) and 3.x (NixOS): its rule tests must hold under both window
  // conventions (3.x range windows are left-open).
  it.each(['2.42', '3.5'])('have rule tests that pass under Prometheus %s semantics', async (version) => {
    const r = await cli(['test', '--prometheus-version', version], repoRoot);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.match(/SUCCESS/g)).toHaveLength(6);
  });
});
