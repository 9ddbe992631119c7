/**
 * The same manifest, scraped on this machine: for end-to-end tests that run the real exporters on loopback
 * ports. Job names, `instance` labels (the host's name), target labels, scrape settings and the rule files stay
 * the homelab's, so the alerts that arrive carry the labels production alerts would; only the addresses change.
 * Targets the test does not run are dropped (otherwise their `up == 0` would raise HostDown and friends), and
 * so are jobs left without targets.
 *
 * Use with the build's own emitter, so the result is checked like any prometheus.yml:
 *
 *   const compiled = await compileProject(root, {}, { timeScale });
 *   const local = onLoopback(compiled.manifest!, {
 *     targets: { node: { 'nas-01': nodeExporterPort } },
 *     alertmanagers: [alertmanagerPort],
 *   });
 *   const rules = compiled.files.map((f) => f.path).filter((p) => p.startsWith('prometheus/rules/'));
 *   const built = compilePrometheusConfig(root, compiled.config!, local, rules, { timeScale });
 *   // built.diagnostics is empty; built.files[0] is prometheus/prometheus.yml, to write beside prometheus/rules/
 *
 * A mapping naming a job or host the manifest does not have throws: in a test, a silent mismatch would look
 * like an alert that never fires.
 */
import type { Manifest, ManifestJob } from './model.js';

export interface LoopbackOptions {
  /** job → host → local port. Each listed target is scraped at `<address>:<port>`; the others are dropped. */
  readonly targets: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /** Local ports of the Alertmanagers that receive the alerts; none by default. */
  readonly alertmanagers?: readonly number[];
  /** Probe jobs to keep: the local blackbox_exporter's port and what it probes. Dropped when not listed. */
  readonly probes?: Readonly<Record<string, { readonly blackbox: number; readonly targets: readonly string[] }>>;
  /** Where everything listens; 127.0.0.1 by default. */
  readonly address?: string;
}

export function onLoopback(manifest: Manifest, options: LoopbackOptions): Manifest {
  const address = options.address ?? '127.0.0.1';
  const byName = new Map(manifest.jobs.map((j) => [j.job_name, j]));
  const known = (): string => [...byName.keys()].join(', ');
  for (const [job, hosts] of Object.entries(options.targets)) {
    const j = byName.get(job);
    if (!j || j.kind !== 'scrape') throw new Error(`onLoopback: the manifest has no scrape job "${job}" (jobs: ${known()})`);
    for (const host of Object.keys(hosts)) {
      if (!j.targets.some((t) => t.host === host)) {
        throw new Error(`onLoopback: job "${job}" has no target on host "${host}" (its hosts: ${j.targets.map((t) => t.host).join(', ')})`);
      }
    }
  }
  for (const job of Object.keys(options.probes ?? {})) {
    if (byName.get(job)?.kind !== 'probe') throw new Error(`onLoopback: the manifest has no probe job "${job}" (jobs: ${known()})`);
  }

  const jobs = manifest.jobs.flatMap((j): ManifestJob[] => {
    if (j.kind === 'probe') {
      const local = options.probes?.[j.job_name];
      return local ? [{ ...j, blackbox: `${address}:${local.blackbox}`, targets: [...local.targets] }] : [];
    }
    const ports = options.targets[j.job_name];
    const targets = j.targets.flatMap((t) => {
      const port = ports?.[t.host];
      return port === undefined ? [] : [{ ...t, address: `${address}:${port}` }];
    });
    return targets.length > 0 ? [{ ...j, targets }] : [];
  });
  return {
    ...manifest,
    jobs,
    alertmanagers: (options.alertmanagers ?? []).map((port) => ({ host: address, address: `${address}:${port}` })),
  };
}
