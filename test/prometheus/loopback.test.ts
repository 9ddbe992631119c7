/** The homelab's manifest on loopback, for end-to-end tests. */
import { describe, expect, it } from 'vitest';
import { compileProject } from '../../src/build/pipeline.js';
import { compilePrometheusConfig } from '../../src/prometheus/build.js';
import { onLoopback } from '../../src/prometheus/loopback.js';
import type { Manifest } from '../../src/prometheus/model.js';
import { repoRoot } from '../helpers.js';
import { parse } from 'yaml';

let compiled: Awaited<ReturnType<typeof compileProject>> | undefined;
const homelab = async (): Promise<NonNullable<typeof compiled>> => (compiled ??= await compileProject(repoRoot));
const manifestOf = async (): Promise<Manifest> => (await homelab()).manifest!;

describe('onLoopback', () => {
  it('keeps job names, instance labels and settings, points the kept targets at loopback and drops the rest', async () => {
    const local = onLoopback(await manifestOf(), {
      targets: { node: { 'nas-01': 41001 }, 'business-services': { 'nas-01': 41002 } },
      alertmanagers: [41003],
    });
    expect(local.jobs.map((j) => j.job_name)).toEqual(['node', 'business-services']);
    const [node, business] = local.jobs;
    expect(node?.kind === 'scrape' && node.targets.map((t) => [t.host, t.address])).toEqual([['nas-01', '127.0.0.1:41001']]);
    // Both business services sit on nas-01: the mapping keeps both, on the one port given.
    expect(business?.kind === 'scrape' && business.targets.map((t) => [t.labels['service'], t.address])).toEqual([
      ['business-metrics', '127.0.0.1:41002'], ['business-dashboard', '127.0.0.1:41002'],
    ]);
    expect(business?.settings.scrape_interval).toBe('30s');
    expect(local.alertmanagers).toEqual([{ host: '127.0.0.1', address: '127.0.0.1:41003' }]);
  });

  it('keeps a probe job when given a local blackbox exporter and targets', async () => {
    const local = onLoopback(await manifestOf(), {
      targets: {}, probes: { 'blackbox-nix-cache': { blackbox: 41010, targets: ['http://127.0.0.1:41011/nix-cache-info'] } },
    });
    expect(local.jobs).toEqual([expect.objectContaining({ job_name: 'blackbox-nix-cache', blackbox: '127.0.0.1:41010', targets: ['http://127.0.0.1:41011/nix-cache-info'] })]);
  });

  it('throws on a job or host the manifest does not have, rather than scrape nothing', async () => {
    const m = await manifestOf();
    expect(() => onLoopback(m, { targets: { 'node-exporter': { 'nas-01': 1 } } })).toThrow(/no scrape job "node-exporter" \(jobs: node, /);
    expect(() => onLoopback(m, { targets: { node: { nas01: 1 } } })).toThrow('onLoopback: job "node" has no target on host "nas01" (its hosts: admin, nas-01, ');
    expect(() => onLoopback(m, { targets: {}, probes: { node: { blackbox: 1, targets: [] } } })).toThrow(/no probe job "node"/);
  });

  it('goes through the build\'s own emitter and checks, rule files included', async () => {
    const c = await homelab();
    const local = onLoopback(c.manifest!, { targets: { node: { 'nas-01': 41001 } }, alertmanagers: [41003] });
    const rules = c.files.map((f) => f.path).filter((p) => p.startsWith('prometheus/rules/'));
    const built = compilePrometheusConfig(repoRoot, c.config!, local, rules, { timeScale: { numerator: 1, denominator: 60 } });
    expect(built.diagnostics).toEqual([]);
    expect(built.files.map((f) => f.path)).toEqual(['prometheus/prometheus.yml']);
    const yml = parse(built.files[0]!.content) as Record<string, unknown>;
    expect(yml['scrape_configs']).toEqual([{ job_name: 'node', static_configs: [{ targets: ['127.0.0.1:41001'], labels: { instance: 'nas-01' } }] }]);
    expect(yml['rule_files']).toEqual(rules.map((r) => r.replace('prometheus/', '')));
    expect(yml['global']).toMatchObject({ scrape_interval: '250ms', evaluation_interval: '250ms' });
    expect(built.files[0]!.content).toMatch(/^# TEST BUILD: /);
  });
});
