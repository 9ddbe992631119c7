/**
 * The host manifest: what `prometheus/*.ts` declares. One inventory of the hosts and what each runs, from which
 * the build writes `out/prometheus/prometheus.yml` (a scrape job per exporter kind, blackbox probe jobs, the
 * rule files, the Alertmanagers), the lint learns how often each job is scraped, and dashboards import the job
 * names:
 *
 *   export default hostManifest({
 *     external_labels: { monitor: 'homelab' },
 *     hosts: [
 *       host('nas-01', { runs: ['node', { exporter: 'cadvisor', port: 8083 }] }),
 *       host('admin', { runs: ['node', 'prometheus', 'alertmanager', 'blackbox'] }),
 *     ],
 *     alertmanagers: ['admin'],
 *     blackbox: { host: 'admin', modules: { http_2xx: { prober: 'http' } } },
 *     probes: [probe('blackbox-nix-cache', { module: 'http_2xx', targets: ['http://nas-01/nix-cache-info'] })],
 *     jobs: [job('cadvisor', { scrape_interval: '30s' })],
 *   });
 *
 * The types make wrong inventories fail to compile: an exporter kind outside EXPORTERS, Alertmanager or
 * blackbox on a host that does not run it, a probe naming a module the blackbox exporter does not have or a
 * target its prober cannot take (a URL for `http`), settings for a job that does not exist, a reading of
 * `manifest.jobs.<name>` for a job nobody scrapes. As with the other APIs, the functions only record what was
 * declared and where; declarations.ts checks it all again when the build runs (tsx does not type-check).
 */
import { fileURLToPath } from 'node:url';
import { callerLocation } from '../source-location.js';
import type { Duration } from '../rules/api.js';
import type { SourceLocation } from '../rules/model.js';
import { EXPORTERS, isExporterKind, type DefaultJob, type ExporterKind, type Prober, type ProbeTarget } from './exporters.js';

/** Labels a target carries on every series; `instance` and `job` are the manifest's to set. */
export type TargetLabels = Readonly<Record<string, string>> & { readonly instance?: never; readonly job?: never };

/** A known exporter, at its default port and job unless the entry says otherwise. */
export interface ExporterEntry<K extends ExporterKind = ExporterKind> {
  readonly exporter: K;
  /** Where it listens when not on the exporter's default port (cAdvisor published on 8083, say). */
  readonly port?: number;
  /** Scrape it as another job than the kind's own (`node-exporter` rather than `node`). */
  readonly job?: string;
  readonly labels?: TargetLabels;
}

/**
 * A service of your own that serves /metrics. `service` becomes the target's `service` label: it is what keeps
 * two services of one job on one host apart, since both carry the host's name as `instance`.
 */
export interface ServiceEntry {
  readonly service: string;
  readonly job: string;
  readonly port: number;
  readonly labels?: TargetLabels;
}

/** What a host runs: an exporter kind (`'node'`), an exporter with its own port or job, or a service. */
export type Runs = ExporterKind | ExporterEntry | ServiceEntry;

export interface HostSpec<R extends readonly Runs[] = readonly Runs[]> {
  /** The DNS name or IP Prometheus connects to; the host's name by default. `instance` stays the name. */
  readonly address?: string;
  readonly runs: R;
  /** Labels on every target of this host. */
  readonly labels?: TargetLabels;
}

export interface HostDeclaration<N extends string = string, R extends readonly Runs[] = readonly Runs[]> {
  readonly kind: 'host';
  readonly name: N;
  readonly spec: HostSpec<R>;
  readonly at?: SourceLocation;
}

/** A blackbox_exporter module, as its configuration (blackbox.yml) defines it. */
export interface BlackboxModule {
  readonly prober: Prober;
}

export interface ProbeSpec<Module extends string = string, Target extends string = string> {
  /** A module of `blackbox.modules`. */
  readonly module: Module;
  /** What to probe; each becomes a target whose `instance` is the target itself (the URL, for http). */
  readonly targets: readonly Target[];
}

export interface ProbeDeclaration<N extends string = string, S extends ProbeSpec = ProbeSpec> {
  readonly kind: 'probe';
  readonly name: N;
  readonly spec: S;
  readonly at?: SourceLocation;
}

/** Scrape settings of one job, where they differ from the global ones. Field names are prometheus.yml's. */
export interface JobSettings {
  /** How often to scrape this job; the global `scrape_interval` (promforge.config.ts `scrapeInterval`) otherwise. */
  readonly scrape_interval?: Duration;
  /** At most the scrape interval; 10s or the interval by default, whichever is shorter. */
  readonly scrape_timeout?: Duration;
  readonly metrics_path?: `/${string}`;
  readonly scheme?: 'http' | 'https';
  /** Keep the target's own `job`/`instance` labels over the manifest's (federation, pushgateway). */
  readonly honor_labels?: boolean;
  /** Fail the scrape above this many samples; 0 is no limit. */
  readonly sample_limit?: number;
  /** Prometheus ≥ 2.47: how many dropped targets to keep for the targets page. */
  readonly keep_dropped_targets?: number;
  /** Prometheus ≥ 2.48: mark a series stale when its explicit timestamps stop. */
  readonly track_timestamps_staleness?: boolean;
  /** Prometheus ≥ 2.49 (`PrometheusText1.0.0` ≥ 3.0): exposition formats to ask for, preferred first. */
  readonly scrape_protocols?: readonly ScrapeProtocol[];
}

export type ScrapeProtocol = 'PrometheusProto' | 'OpenMetricsText1.0.0' | 'OpenMetricsText0.0.1' | 'PrometheusText1.0.0' | 'PrometheusText0.0.4';

export interface JobDeclaration<N extends string = string> {
  readonly kind: 'job';
  readonly name: N;
  readonly settings: JobSettings;
  readonly at?: SourceLocation;
}

// ---- type-level inventory: which jobs and hosts a manifest has ----

type EntryJob<E> = E extends ExporterKind
  ? DefaultJob<E>
  : E extends { readonly job: infer J extends string }
    ? J
    : E extends { readonly exporter: infer K extends ExporterKind }
      ? DefaultJob<K>
      : never;
type EntryKind<E> = E extends ExporterKind ? E : E extends { readonly exporter: infer K extends ExporterKind } ? K : never;

type HostsOf<H extends readonly HostDeclaration[]> = H[number];
/** Every job the hosts' entries are scraped as. */
export type JobsOf<H extends readonly HostDeclaration[]> =
  HostsOf<H> extends infer D ? (D extends HostDeclaration<string, infer R> ? EntryJob<R[number]> : never) : never;
/** The names of the hosts that run exporter `K`. */
export type HostsRunning<H extends readonly HostDeclaration[], K extends ExporterKind> =
  HostsOf<H> extends infer D ? (D extends HostDeclaration<infer N, infer R> ? (K extends EntryKind<R[number]> ? N : never) : never) : never;
type ProbeNames<P extends readonly ProbeDeclaration[]> = P[number]['name'];

/** For each module, the probes it can run: its name and targets of its prober's shape. */
export type ProbeOf<M extends Readonly<Record<string, BlackboxModule>>> = {
  [K in keyof M & string]: ProbeDeclaration<string, ProbeSpec<K, ProbeTarget<M[K]['prober']>>>;
}[keyof M & string];

export interface HostManifestSpec<
  H extends readonly HostDeclaration[] = readonly HostDeclaration[],
  M extends Readonly<Record<string, BlackboxModule>> = Readonly<Record<string, BlackboxModule>>,
  P extends readonly ProbeDeclaration[] = readonly ProbeDeclaration[],
> {
  /** Labels Prometheus adds when it talks to Alertmanager or remote storage (`global.external_labels`). */
  readonly external_labels?: Readonly<Record<string, string>>;
  readonly hosts: H;
  /** Hosts whose Alertmanager receives the alerts (at its `alertmanager` entry's port). */
  readonly alertmanagers?: readonly NoInfer<HostsRunning<H, 'alertmanager'>>[];
  /** The blackbox_exporter that runs the probes, and the modules its configuration defines. */
  readonly blackbox?: { readonly host: NoInfer<HostsRunning<H, 'blackbox'>>; readonly modules: M };
  /** One job per probe, named by `probe(name, ...)`. Each must name a module of `blackbox.modules`. */
  readonly probes?: { readonly [I in keyof P]: P[I] extends ProbeOf<NoInfer<M>> ? P[I] : ProbeOf<NoInfer<M>> };
  /** Settings of jobs that differ from the global ones. */
  readonly jobs?: readonly JobDeclaration<NoInfer<JobsOf<H> | ProbeNames<P>>>[];
}

export interface HostManifestDeclaration<
  H extends readonly HostDeclaration[] = readonly HostDeclaration[],
  P extends readonly ProbeDeclaration[] = readonly ProbeDeclaration[],
> {
  readonly kind: 'host-manifest';
  readonly spec: HostManifestSpec;
  readonly at?: SourceLocation;
  /**
   * Every job name, keyed by itself: `import homelab from '../prometheus/homelab.js'; homelab.jobs.node`. A job
   * renamed or removed in the manifest makes every reader of the old name fail to compile.
   */
  readonly jobs: { readonly [J in JobsOf<H> | ProbeNames<P>]: J };
  /** Every host name (the `instance` label of its targets), keyed by itself. */
  readonly hosts: { readonly [N in H[number]['name']]: N };
}

const here = fileURLToPath(import.meta.url);
const caller = (): SourceLocation | undefined => callerLocation([here]);

/** A host and what it runs. Its name is the `instance` label of all its targets. */
export function host<const N extends string, const R extends readonly Runs[]>(name: N, spec: HostSpec<R>): HostDeclaration<N, R> {
  return { kind: 'host', name, spec, at: caller() };
}

/** A blackbox probe job: `module` applied to each target, through the manifest's blackbox exporter. */
export function probe<const N extends string, const S extends ProbeSpec>(name: N, spec: S): ProbeDeclaration<N, S> {
  return { kind: 'probe', name, spec, at: caller() };
}

/** Scrape settings for one job. */
export function job<const N extends string>(name: N, settings: JobSettings): JobDeclaration<N> {
  return { kind: 'job', name, settings, at: caller() };
}

/** The manifest: a `prometheus/*.ts` module default-exports one. */
export function hostManifest<
  const H extends readonly HostDeclaration[],
  const M extends Readonly<Record<string, BlackboxModule>> = Record<never, BlackboxModule>,
  const P extends readonly ProbeDeclaration[] = readonly [],
>(spec: HostManifestSpec<H, M, P>): HostManifestDeclaration<H, P> {
  const at = caller();
  const plain = spec as unknown as HostManifestSpec;
  return {
    kind: 'host-manifest',
    spec: plain,
    ...(at ? { at } : {}),
    jobs: selfKeyed(declaredJobs(plain)) as HostManifestDeclaration<H, P>['jobs'],
    hosts: selfKeyed(listOf(plain.hosts).flatMap((h) => (typeof h?.name === 'string' ? [h.name] : []))) as HostManifestDeclaration<H, P>['hosts'],
  };
}

const listOf = <T>(v: readonly T[] | undefined): readonly T[] => (Array.isArray(v) ? v : []);

const selfKeyed = (names: readonly string[]): Record<string, string> => Object.fromEntries(names.map((n) => [n, n]));

/** The job an entry is scraped as, or undefined when the entry is malformed (declarations.ts reports it). */
export function entryJob(entry: unknown): string | undefined {
  if (isExporterKind(entry)) return EXPORTERS[entry].job;
  if (typeof entry !== 'object' || entry === null) return undefined;
  const e = entry as { exporter?: unknown; job?: unknown };
  if (typeof e.job === 'string') return e.job;
  return isExporterKind(e.exporter) ? EXPORTERS[e.exporter].job : undefined;
}

/** Job names in the order prometheus.yml lists them: hosts' jobs by first appearance, then the probes. */
export function declaredJobs(spec: HostManifestSpec): string[] {
  const jobs = new Set<string>();
  for (const h of listOf(spec.hosts)) {
    for (const entry of listOf(h?.spec?.runs)) {
      const j = entryJob(entry);
      if (j !== undefined) jobs.add(j);
    }
  }
  for (const p of listOf(spec.probes)) if (typeof p?.name === 'string') jobs.add(p.name);
  return [...jobs];
}
