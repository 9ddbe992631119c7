/** Declarations → Manifest: what TypeScript cannot refuse (or tsx runs anyway), reported at the declaration. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { host, hostManifest, job, probe } from 'promforge';
import { formatDiagnostic } from '../../src/diagnostics.js';
import { loadManifest } from '../../src/prometheus/build.js';
import { lowerManifestModule } from '../../src/prometheus/declarations.js';
import { lower, problems } from './helpers.js';

const fixture = (name: string): string => path.join(import.meta.dirname, 'fixtures', name);

describe('manifest declarations', () => {
  it('report every mistake at the TypeScript line that made it, with the fix', async () => {
    const loaded = await loadManifest(fixture('bad'));
    expect(loaded.manifest).toBeUndefined();
    expect(loaded.diagnostics.map((d) => formatDiagnostic(d, fixture('bad')))).toEqual([
      'prometheus/homelab.ts:6:5: host "nas-01": node and cadvisor are both on port 9100\n  set the port of the one that listens elsewhere: { exporter, port }',
      'prometheus/homelab.ts:7:5: host "nas-01": is declared twice (first at line 6)\n  list everything the host runs in one host(...) declaration',
      'prometheus/homelab.ts:11:5: host "typo": runs "nodes", which is not an exporter promforge knows\n  did you mean node?',
      'prometheus/homelab.ts:12:5: host "web": address "http://web:8080" is not a host name or IP address\n' +
        '  give the name or address only: no scheme, port or path (ports come from what the host runs)',
      'prometheus/homelab.ts:13:5: host "admin": labels cannot set instance: the manifest sets it (the host name, the job)',
      'prometheus/homelab.ts:8:5: host "media": job "business" would scrape a service and node together\n' +
        '  give one of them its own job: { exporter, job: \'...\' }; a job is one kind of target, which its rules and dashboards assume',
      'prometheus/homelab.ts:9:5: host "twins": runs two targets of job "node" (twins:9100 and twins:9101) that would both be instance="twins"\n' +
        '  their series would collide; declare them as services, whose `service` label tells them apart, or give one its own job',
      'prometheus/homelab.ts:13:5: host "admin": alertmanagers needs it to run alertmanager, but it does not\n  add \'alertmanager\' to its runs',
      'prometheus/homelab.ts:20:5: probe "cache": module "http_2x" is not one of blackbox.modules (http_2xx)\n  did you mean http_2xx?',
      'prometheus/homelab.ts:21:5: probe "node": job "node" is declared twice: job names must be unique in prometheus.yml\n  rename the probe',
      'prometheus/homelab.ts:23:5: probe "ssh": target "nas-01:22": an http probe needs a URL (http://… or https://…)',
      'prometheus/homelab.ts:27:5: job "cadvisr": no host runs this job and no probe has this name\n  did you mean cadvisor?',
    ]);
  });

  it('accept the shipped homelab', async () => {
    const loaded = await loadManifest(path.join(import.meta.dirname, '../..'));
    expect(loaded.diagnostics).toEqual([]);
    const m = loaded.manifest!;
    expect(m.hosts.map((h) => h.name)).toEqual(['admin', 'nas-01', 'nix-cache02', 'nix-01', 'nix-02', 'nix-03', 'postgresql', 'caddy']);
    expect(m.alertmanagers).toEqual([{ host: 'admin', address: 'admin:9093' }]);
  });

  it('resolve exporter kinds to their default ports and jobs, entries to their own', () => {
    const m = lower(hostManifest({
      hosts: [host('nas-01', { address: '10.0.0.5', labels: { rack: 'r1' }, runs: ['node', { exporter: 'cadvisor', port: 8083, job: 'containers' }] })],
    }));
    expect(m.jobs.map((j) => (j.kind === 'scrape' ? [j.job_name, j.targets.map((t) => [t.host, t.address, t.labels])] : []))).toEqual([
      ['node', [['nas-01', '10.0.0.5:9100', { rack: 'r1' }]]],
      ['containers', [['nas-01', '10.0.0.5:8083', { rack: 'r1' }]]],
    ]);
  });

  it('tell two services of one job on one host apart by their service label', () => {
    const m = lower(hostManifest({
      hosts: [host('nas-01', { runs: [{ service: 'a', job: 'apps', port: 1 }, { service: 'b', job: 'apps', port: 2 }] })],
    }));
    const [apps] = m.jobs;
    expect(apps?.kind === 'scrape' && apps.targets.map((t) => t.labels)).toEqual([{ service: 'a' }, { service: 'b' }]);
  });

  it('refuse what only run time can see, naming the field', () => {
    const loose = (spec: unknown): unknown => hostManifest(spec as Parameters<typeof hostManifest>[0]);
    expect(problems(loose({ hosts: [host('a', { runs: [{ exporter: 'node', port: 70000 }] })] }))).toEqual([
      'host "a": node: port 70000 is not a port number (1-65535)',
    ]);
    expect(problems(loose({ hosts: [host('a', { runs: ['node'], adress: 'x' } as never)] }))).toEqual([
      'host "a": unknown field adress in host(...)',
    ]);
    expect(problems(loose({ hosts: [host('a', { runs: [] })] }))).toEqual(['host "a": runs must list what the host runs, e.g. runs: [\'node\']']);
    expect(problems(loose({ hosts: [host('a', { runs: ['node'], labels: { __meta: 'x' } as never })] }))).toEqual([
      'host "a": labels cannot set __meta: labels starting with __ are Prometheus\' own',
    ]);
    expect(problems(loose({ hosts: [host('a', { runs: ['node'] })], jobs: [job('node', { scrape_intervall: '1m' } as never)] }))).toEqual([
      'job "node": unknown field scrape_intervall in job settings',
    ]);
    expect(problems(loose({ hosts: [host('a', { runs: ['node'] })], probes: [probe('p', { module: 'm', targets: ['http://x/'] })] }))).toEqual([
      'probe "p": probes need a blackbox exporter: declare blackbox: { host, modules }',
    ]);
    expect(problems({ kind: 'something else' })).toEqual(['the module must `export default` a hostManifest(...) declaration']);
  });

  it('point at the did-you-mean of misspelt fields', () => {
    const d = hostManifest({ hosts: [host('a', { runs: ['node'] })], jobs: [job('node', { scrape_intervall: '1m' } as never)] });
    const [problem] = lowerManifestModule('/x.ts', d).diagnostics;
    expect(problem?.hint).toBe('did you mean scrape_interval?');
    expect(problem?.at?.line).toBe(d.spec.jobs?.[0]?.at?.line);
  });
});
