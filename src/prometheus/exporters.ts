/**
 * The exporters promforge knows: the port each listens on by default and the job it is scraped as. A host in
 * the manifest lists them by kind (`runs: ['node', 'nvidia-gpu']`), so a misspelt kind does not compile and the
 * port is the exporter's own unless the host says otherwise.
 *
 * Job names follow the shipped rules (`up{job="node"}`, `job="nvidia-gpu"`, `job="homelab-deploy-builder"`): a
 * rule selecting a job that nothing scrapes never fires, which the build reports (crosscheck.ts).
 */

export const EXPORTERS = {
  /** prometheus/node_exporter: host metrics, and the textfile collector (the Nix build/cache check). */
  node: { port: 9100, job: 'node' },
  /** prometheus/blackbox_exporter: its own metrics; the probes it runs are `probe(...)` jobs. */
  blackbox: { port: 9115, job: 'blackbox' },
  /** google/cadvisor: container metrics. */
  cadvisor: { port: 8080, job: 'cadvisor' },
  /** utkuozdemir/nvidia_gpu_exporter. */
  'nvidia-gpu': { port: 9445, job: 'nvidia-gpu' },
  /** prometheus-community/postgres_exporter. */
  postgres: { port: 9187, job: 'postgres' },
  /** Caddy's admin endpoint, which serves /metrics. */
  caddy: { port: 2019, job: 'caddy' },
  /** homelab-deploy in builder mode (NATS-triggered Nix builds). */
  'homelab-deploy-builder': { port: 9973, job: 'homelab-deploy-builder' },
  loki: { port: 3100, job: 'loki' },
  promtail: { port: 9080, job: 'promtail' },
  prometheus: { port: 9090, job: 'prometheus' },
  alertmanager: { port: 9093, job: 'alertmanager' },
  grafana: { port: 3000, job: 'grafana' },
} as const satisfies Readonly<Record<string, { readonly port: number; readonly job: string }>>;

export type ExporterKind = keyof typeof EXPORTERS;

/** The job an exporter kind is scraped as unless its entry names another. */
export type DefaultJob<K extends ExporterKind> = (typeof EXPORTERS)[K]['job'];

export const isExporterKind = (v: unknown): v is ExporterKind => typeof v === 'string' && Object.hasOwn(EXPORTERS, v);

/**
 * blackbox_exporter's probers, and what a probe target looks like for each: a URL for `http`, `host:port` for
 * `tcp`, `grpc` and `dns` (the DNS server to ask), a bare host for `icmp`.
 */
export const PROBERS = ['http', 'tcp', 'icmp', 'dns', 'grpc'] as const;
export type Prober = (typeof PROBERS)[number];

export type ProbeTarget<P extends Prober> = P extends 'http'
  ? `http://${string}` | `https://${string}`
  : P extends 'icmp'
    ? string
    : `${string}:${number}`;

/** Run-time twin of ProbeTarget, with the reason a target does not fit. */
export function probeTargetProblem(prober: Prober, target: string): string | undefined {
  switch (prober) {
    case 'http':
      return /^https?:\/\/[^/\s]+/.test(target) ? undefined : 'an http probe needs a URL (http://… or https://…)';
    case 'icmp':
      return /^[^\s/:]+$|^\[[0-9a-fA-F:.]+\]$/.test(target) ? undefined : 'an icmp probe needs a bare host name or address';
    default:
      return /^[^\s/]+:\d+$/.test(target) ? undefined : `a ${prober} probe needs host:port`;
  }
}
