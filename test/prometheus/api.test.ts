/**
 * The manifest API: what it records, and what it refuses to compile. The `@ts-expect-error` lines are the
 * compile-time half of the tests: `npm test` runs tsc first, and an expected error that does not happen fails it.
 */
import { describe, expect, it } from 'vitest';
import { host, hostManifest, job, probe } from 'promforge';
import homelab from '../../prometheus/homelab.js';

const small = hostManifest({
  hosts: [
    host('nas-01', { runs: ['node', { exporter: 'cadvisor', port: 8083 }, { service: 'api', job: 'business-services', port: 9999 }] }),
    host('admin', { runs: ['node', 'alertmanager', 'blackbox'] }),
  ],
  alertmanagers: ['admin'],
  blackbox: { host: 'admin', modules: { http_2xx: { prober: 'http' }, ssh: { prober: 'tcp' } } },
  probes: [
    probe('cache', { module: 'http_2xx', targets: ['https://cache.example/nix-cache-info'] }),
    probe('sshd', { module: 'ssh', targets: ['nas-01:22'] }),
  ],
  jobs: [job('cadvisor', { scrape_interval: '30s' }), job('cache', { scrape_interval: '1m' })],
});

describe('hostManifest', () => {
  it('lists every job and host, each keyed by its name, for dashboards to import', () => {
    expect(small.jobs).toEqual({
      node: 'node', cadvisor: 'cadvisor', 'business-services': 'business-services', alertmanager: 'alertmanager', blackbox: 'blackbox',
      cache: 'cache', sshd: 'sshd',
    });
    expect(Object.keys(small.hosts)).toEqual(['nas-01', 'admin']);
    // Typed as literals: a dashboard's `job` variable reads them.
    const node: 'node' = small.jobs.node;
    const probeJob: 'cache' = small.jobs.cache;
    expect([node, probeJob]).toEqual(['node', 'cache']);
  });

  it('records where each part was declared', () => {
    expect(small.at?.file).toMatch(/test\/prometheus\/api\.test\.ts$/);
    const [nas] = small.spec.hosts;
    expect(nas?.at?.file).toBe(small.at?.file);
    expect(nas?.at?.line).toBe((small.at?.line ?? 0) + 2);
  });

  it('gives the homelab\'s job names the rules select on', () => {
    for (const name of ['node', 'nvidia-gpu', 'cadvisor', 'business-services', 'homelab-deploy-builder', 'blackbox-nix-cache'] as const) {
      expect(homelab.jobs[name]).toBe(name);
    }
  });

  it('refuses wrong inventories at compile time', () => {
    const refused = [
      // @ts-expect-error an exporter kind promforge does not know
      () => hostManifest({ hosts: [host('a', { runs: ['nodes'] })] }),
      () => hostManifest({ hosts: [host('a', { runs: ['node'] })],
        // @ts-expect-error host a does not run Alertmanager
        alertmanagers: ['a'] }),
      () => hostManifest({ hosts: [host('a', { runs: ['node'] })],
        // @ts-expect-error host a does not run blackbox_exporter
        blackbox: { host: 'a', modules: { http_2xx: { prober: 'http' } } } }),
      () => hostManifest({ hosts: [host('a', { runs: ['blackbox'] })], blackbox: { host: 'a', modules: { http_2xx: { prober: 'http' } } },
        // @ts-expect-error a module blackbox.modules does not define
        probes: [probe('p', { module: 'http_2x', targets: ['http://x/'] })] }),
      () => hostManifest({ hosts: [host('a', { runs: ['blackbox'] })], blackbox: { host: 'a', modules: { http_2xx: { prober: 'http' } } },
        // @ts-expect-error an http prober takes URLs
        probes: [probe('p', { module: 'http_2xx', targets: ['a:80'] })] }),
      () => hostManifest({ hosts: [host('a', { runs: ['node'] })],
        // @ts-expect-error settings for a job no host runs
        jobs: [job('nod', { scrape_interval: '1m' })] }),
      // @ts-expect-error the manifest sets instance
      () => host('a', { runs: [{ exporter: 'node', labels: { instance: 'b' } }] }),
      // @ts-expect-error a duration, not a number
      () => job('node', { scrape_interval: 15 }),
      () => {
        // @ts-expect-error no job the manifest does not have
        const _ = small.jobs.postgres;
      },
    ];
    expect(refused).toHaveLength(9);
  });
});
