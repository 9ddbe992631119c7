/**
 * Declarations → Manifest. tsx runs TypeScript without type checking, so what the types of api.ts promise is
 * checked again here, and what no type can say: a host declared twice, two entries on one port of a host, two
 * targets of one job that would carry the same `instance`, a job mixing exporters. Every problem points at the
 * `host(...)`, `probe(...)` or `job(...)` call it is about, or at the `hostManifest(...)` call.
 *
 * Prometheus' own rules for the file (durations, timeouts, label names, the target version) are validate.ts's,
 * which runs on the prometheus.yml this becomes.
 */
import { error, type Diagnostic } from '../diagnostics.js';
import { closest } from '../rules/declarations.js';
import type { SourceLocation } from '../rules/model.js';
import type { HostManifestSpec, JobSettings } from './api.js';
import { EXPORTERS, isExporterKind, PROBERS, probeTargetProblem, type ExporterKind, type Prober } from './exporters.js';
import type { Manifest, ManifestAlertmanager, ManifestHost, ManifestJob, ManifestTarget, ProbeJob, ScrapeJob } from './model.js';

export interface LoweredManifest {
  readonly manifest?: Manifest;
  readonly diagnostics: readonly Diagnostic[];
}

type Obj = Readonly<Record<string, unknown>>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNonEmptyString = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';
const isPort = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 65535;

/** A DNS name, an IPv4 address or a bracketed IPv6 one: what goes before `:port`. */
const ADDRESS = /^(?:[A-Za-z0-9](?:[A-Za-z0-9_-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9_-]*[A-Za-z0-9])?)*\.?|\[[0-9A-Fa-f:.]+\])$/;

const JOB_SETTINGS: readonly (keyof JobSettings)[] = [
  'scrape_interval', 'scrape_timeout', 'metrics_path', 'scheme', 'honor_labels', 'sample_limit',
  'keep_dropped_targets', 'track_timestamps_staleness', 'scrape_protocols',
];

const ENTRY_FIELDS = { exporter: ['exporter', 'port', 'job', 'labels'], service: ['service', 'job', 'port', 'labels'] } as const;
const HOST_FIELDS = ['address', 'runs', 'labels'];
const MANIFEST_FIELDS = ['external_labels', 'hosts', 'alertmanagers', 'blackbox', 'probes', 'jobs'];

/** What an entry of `runs` resolved to. */
interface Entry {
  readonly job: string;
  readonly port: number;
  readonly exporter?: ExporterKind;
  readonly labels: Record<string, string>;
  /** How the entry reads in messages: `node`, `service business-metrics`. */
  readonly describe: string;
}

export function lowerManifestModule(source: string, exported: unknown): LoweredManifest {
  const fileAt: SourceLocation = { file: source, line: 1, column: 1 };
  if (!isObj(exported) || exported['kind'] !== 'host-manifest' || !isObj(exported['spec'])) {
    return {
      diagnostics: [error('the module must `export default` a hostManifest(...) declaration', {
        at: fileAt, hint: "e.g. export default hostManifest({ hosts: [host('nas-01', { runs: ['node'] })] });",
      })],
    };
  }
  const rootAt = (exported['at'] as SourceLocation | undefined) ?? fileAt;
  const spec = exported['spec'] as Obj;
  const problems: Diagnostic[] = [];
  const fail = (at: SourceLocation | undefined, subject: string | undefined, message: string, hint?: string): void => {
    problems.push(error(message, { at: at ?? rootAt, ...(subject ? { subject } : {}), ...(hint ? { hint } : {}) }));
  };
  const unknownFields = (o: Obj, known: readonly string[], at: SourceLocation | undefined, subject: string | undefined, what: string): void => {
    for (const k of Object.keys(o)) {
      if (known.includes(k) || o[k] === undefined) continue;
      const near = closest(k, known);
      fail(at, subject, `unknown field ${k} in ${what}`, near ? `did you mean ${near}?` : `known fields: ${known.join(', ')}`);
    }
  };
  unknownFields(spec, MANIFEST_FIELDS, rootAt, undefined, 'hostManifest(...)');

  const external_labels = labelMap(spec['external_labels'], 'external_labels', (m) => fail(rootAt, undefined, m)) ?? {};

  // ---- hosts and what they run ----
  const hosts: ManifestHost[] = [];
  const runsByHost = new Map<string, Entry[]>();
  const hostAt = new Map<string, SourceLocation | undefined>();
  const declaredHosts = spec['hosts'];
  if (!Array.isArray(declaredHosts)) fail(rootAt, undefined, 'hosts must be a list of host(...) declarations');
  for (const h of Array.isArray(declaredHosts) ? (declaredHosts as unknown[]) : []) {
    if (!isObj(h) || h['kind'] !== 'host' || !isObj(h['spec'])) {
      fail(rootAt, undefined, 'every element of hosts must be a host(name, { runs }) declaration');
      continue;
    }
    const at = h['at'] as SourceLocation | undefined;
    const name = h['name'];
    if (!isNonEmptyString(name)) {
      fail(at, undefined, 'a host needs a name: it becomes the `instance` label of its targets');
      continue;
    }
    const subject = `host "${name}"`;
    if (hostAt.has(name)) {
      const first = hostAt.get(name);
      fail(at, subject, `is declared twice${first ? ` (first at line ${first.line})` : ''}`, 'list everything the host runs in one host(...) declaration');
      continue;
    }
    hostAt.set(name, at);
    const hs = h['spec'] as Obj;
    unknownFields(hs, HOST_FIELDS, at, subject, 'host(...)');
    const address = hs['address'] ?? name;
    if (typeof address !== 'string' || !ADDRESS.test(address)) {
      fail(at, subject, `address ${JSON.stringify(address)} is not a host name or IP address`,
        'give the name or address only: no scheme, port or path (ports come from what the host runs)');
      continue;
    }
    const hostLabels = labelMap(hs['labels'], 'labels', (m) => fail(at, subject, m)) ?? {};
    const entries: Entry[] = [];
    const runs = hs['runs'];
    if (!Array.isArray(runs) || runs.length === 0) {
      fail(at, subject, 'runs must list what the host runs, e.g. runs: [\'node\']');
    }
    for (const r of Array.isArray(runs) ? (runs as unknown[]) : []) {
      const entry = lowerEntry(r, (m, hint) => fail(at, subject, m, hint), unknownFields, at, subject);
      if (entry) entries.push({ ...entry, labels: { ...hostLabels, ...entry.labels } });
    }
    // Two entries on one port cannot both be listening there: a copy-paste slip, or a port that needs setting.
    const byPort = new Map<number, Entry>();
    for (const e of entries) {
      const other = byPort.get(e.port);
      if (other) fail(at, subject, `${other.describe} and ${e.describe} are both on port ${e.port}`, 'set the port of the one that listens elsewhere: { exporter, port }');
      else byPort.set(e.port, e);
    }
    hosts.push({ name, address, ...(at ? { at } : {}) });
    runsByHost.set(name, entries);
  }

  // ---- scrape jobs, in order of first appearance ----
  const scrape = new Map<string, { targets: ManifestTarget[]; exporters: Set<string>; at?: SourceLocation }>();
  for (const host of hosts) {
    const subject = `host "${host.name}"`;
    for (const e of runsByHost.get(host.name) ?? []) {
      const job = scrape.get(e.job) ?? { targets: [], exporters: new Set<string>(), ...(host.at ? { at: host.at } : {}) };
      scrape.set(e.job, job);
      const kind = e.exporter ?? 'a service';
      if (job.exporters.size > 0 && !job.exporters.has(kind)) {
        fail(host.at, subject, `job "${e.job}" would scrape ${[...job.exporters][0]} and ${kind} together`,
          'give one of them its own job: { exporter, job: \'...\' }; a job is one kind of target, which its rules and dashboards assume');
      }
      job.exporters.add(kind);
      const target: ManifestTarget = {
        host: host.name,
        address: `${host.address}:${e.port}`,
        labels: e.labels,
        ...(e.exporter ? { exporter: e.exporter } : {}),
        ...(host.at ? { at: host.at } : {}),
      };
      // job + instance + labels identify a target's series: two equal sets would write into the same series.
      const same = job.targets.find((t) => t.host === host.name && sameLabels(t.labels, target.labels));
      if (same) {
        fail(host.at, subject, `runs two targets of job "${e.job}" (${same.address} and ${target.address}) that would both be instance="${host.name}"`,
          'their series would collide; declare them as services, whose `service` label tells them apart, or give one its own job');
      }
      job.targets.push(target);
    }
  }

  // ---- Alertmanagers and the blackbox exporter: hosts that run them ----
  const portOf = (hostName: string, kind: ExporterKind): string | undefined => {
    const h = hosts.find((x) => x.name === hostName);
    const e = runsByHost.get(hostName)?.find((x) => x.exporter === kind);
    return h && e ? `${h.address}:${e.port}` : undefined;
  };
  const hostRunning = (value: unknown, kind: ExporterKind, field: string): string | undefined => {
    if (!isNonEmptyString(value)) {
      fail(rootAt, undefined, `${field} must name a host`);
      return undefined;
    }
    if (!hostAt.has(value)) {
      const near = closest(value, [...hostAt.keys()]);
      fail(rootAt, undefined, `${field} names host "${value}", which the manifest does not declare`, near ? `did you mean ${near}?` : undefined);
      return undefined;
    }
    const address = portOf(value, kind);
    if (!address) fail(hostAt.get(value), `host "${value}"`, `${field} needs it to run ${kind}, but it does not`, `add '${kind}' to its runs`);
    return address;
  };

  const alertmanagers: ManifestAlertmanager[] = [];
  const amList = spec['alertmanagers'];
  if (amList !== undefined && !Array.isArray(amList)) fail(rootAt, undefined, 'alertmanagers must be a list of host names');
  for (const name of Array.isArray(amList) ? (amList as unknown[]) : []) {
    const address = hostRunning(name, 'alertmanager', 'alertmanagers');
    if (address && alertmanagers.some((a) => a.address === address)) fail(rootAt, undefined, `alertmanagers lists ${String(name)} twice`);
    else if (address) alertmanagers.push({ host: name as string, address });
  }

  const modules = new Map<string, Prober>();
  let blackbox: string | undefined;
  const bb = spec['blackbox'];
  if (bb !== undefined) {
    if (!isObj(bb)) fail(rootAt, undefined, 'blackbox must be { host, modules }');
    else {
      unknownFields(bb, ['host', 'modules'], rootAt, undefined, 'blackbox');
      blackbox = hostRunning(bb['host'], 'blackbox', 'blackbox.host');
      const mods = bb['modules'];
      if (!isObj(mods)) fail(rootAt, undefined, 'blackbox.modules must map module names to { prober }, as in blackbox.yml');
      for (const [name, m] of Object.entries(isObj(mods) ? mods : {})) {
        const prober = isObj(m) ? m['prober'] : undefined;
        if (typeof prober !== 'string' || !(PROBERS as readonly string[]).includes(prober)) {
          fail(rootAt, undefined, `blackbox module ${name}: prober ${JSON.stringify(prober)} is not one of ${PROBERS.join(', ')}`);
        } else modules.set(name, prober as Prober);
      }
    }
  }

  // ---- probes ----
  const probes: ProbeJob[] = [];
  const declaredProbes = spec['probes'];
  if (declaredProbes !== undefined && !Array.isArray(declaredProbes)) fail(rootAt, undefined, 'probes must be a list of probe(...) declarations');
  for (const p of Array.isArray(declaredProbes) ? (declaredProbes as unknown[]) : []) {
    if (!isObj(p) || p['kind'] !== 'probe' || !isObj(p['spec'])) {
      fail(rootAt, undefined, 'every element of probes must be a probe(name, { module, targets }) declaration');
      continue;
    }
    const at = p['at'] as SourceLocation | undefined;
    const name = p['name'];
    if (!isNonEmptyString(name)) {
      fail(at, undefined, 'a probe needs a name: it is the job name of its series');
      continue;
    }
    const subject = `probe "${name}"`;
    const ps = p['spec'] as Obj;
    unknownFields(ps, ['module', 'targets'], at, subject, 'probe(...)');
    if (scrape.has(name) || probes.some((x) => x.job_name === name)) {
      fail(at, subject, `job "${name}" is declared twice: job names must be unique in prometheus.yml`, 'rename the probe');
      continue;
    }
    if (bb === undefined) {
      fail(at, subject, 'probes need a blackbox exporter: declare blackbox: { host, modules }');
      continue;
    }
    const module = ps['module'];
    const prober = typeof module === 'string' ? modules.get(module) : undefined;
    if (typeof module !== 'string' || !prober) {
      const near = typeof module === 'string' ? closest(module, [...modules.keys()]) : undefined;
      fail(at, subject, `module ${JSON.stringify(module)} is not one of blackbox.modules (${[...modules.keys()].join(', ') || 'none declared'})`,
        near ? `did you mean ${near}?` : 'declare it in blackbox.modules, as it is in blackbox.yml');
      continue;
    }
    const targets = ps['targets'];
    if (!Array.isArray(targets) || targets.length === 0) {
      fail(at, subject, 'targets must list what to probe');
      continue;
    }
    const seen = new Set<string>();
    for (const t of targets as unknown[]) {
      const problem = typeof t === 'string' ? probeTargetProblem(prober, t) : 'a target is a string';
      if (problem) fail(at, subject, `target ${JSON.stringify(t)}: ${problem}`);
      else if (seen.has(t as string)) fail(at, subject, `target ${String(t)} is listed twice`);
      seen.add(t as string);
    }
    probes.push({
      kind: 'probe', job_name: name, module, prober, targets: [...seen], blackbox: blackbox ?? '', settings: {}, ...(at ? { at } : {}),
    });
  }

  // ---- per-job settings ----
  const settings = new Map<string, { settings: JobSettings; at?: SourceLocation }>();
  const declaredJobs = spec['jobs'];
  if (declaredJobs !== undefined && !Array.isArray(declaredJobs)) fail(rootAt, undefined, 'jobs must be a list of job(...) declarations');
  const jobNames = [...scrape.keys(), ...probes.map((p) => p.job_name)];
  for (const j of Array.isArray(declaredJobs) ? (declaredJobs as unknown[]) : []) {
    if (!isObj(j) || j['kind'] !== 'job' || !isObj(j['settings'])) {
      fail(rootAt, undefined, 'every element of jobs must be a job(name, { ... }) declaration');
      continue;
    }
    const at = j['at'] as SourceLocation | undefined;
    const name = String(j['name']);
    const subject = `job "${name}"`;
    if (!jobNames.includes(name)) {
      const near = closest(name, jobNames);
      fail(at, subject, 'no host runs this job and no probe has this name', near ? `did you mean ${near}?` : `jobs: ${jobNames.join(', ')}`);
      continue;
    }
    if (settings.has(name)) {
      fail(at, subject, `has its settings declared twice (first at line ${settings.get(name)?.at?.line ?? '?'})`, 'merge the two job(...) declarations');
      continue;
    }
    const s = j['settings'] as Obj;
    unknownFields(s, JOB_SETTINGS, at, subject, 'job settings');
    settings.set(name, { settings: s as JobSettings, ...(at ? { at } : {}) });
  }

  if (problems.length > 0) return { diagnostics: problems };
  const withSettings = <J extends ManifestJob>(job: J): J => {
    const s = settings.get(job.job_name);
    return s ? { ...job, settings: s.settings, ...(s.at ? { at: s.at } : {}) } : job;
  };
  const jobs: ManifestJob[] = [
    ...[...scrape].map(([job_name, j]): ScrapeJob => withSettings({ kind: 'scrape', job_name, settings: {}, targets: j.targets, ...(j.at ? { at: j.at } : {}) })),
    ...probes.map(withSettings),
  ];
  return {
    manifest: { source, external_labels, hosts, jobs, alertmanagers, ...(exported['at'] ? { at: rootAt } : {}) },
    diagnostics: [],
  };
}

function lowerEntry(
  r: unknown,
  fail: (message: string, hint?: string) => void,
  unknownFields: (o: Obj, known: readonly string[], at: SourceLocation | undefined, subject: string | undefined, what: string) => void,
  at: SourceLocation | undefined,
  subject: string,
): Omit<Entry, 'labels'> & { labels: Record<string, string> } | undefined {
  const kinds = Object.keys(EXPORTERS);
  const unknownKind = (k: unknown): undefined => {
    const near = typeof k === 'string' ? closest(k, kinds) : undefined;
    fail(`runs ${JSON.stringify(k)}, which is not an exporter promforge knows`,
      near ? `did you mean ${near}?` : `known: ${kinds.join(', ')}; for your own service use { service, job, port }`);
    return undefined;
  };
  if (typeof r === 'string') {
    if (!isExporterKind(r)) return unknownKind(r);
    return { job: EXPORTERS[r].job, port: EXPORTERS[r].port, exporter: r, labels: {}, describe: r };
  }
  if (!isObj(r)) {
    fail(`runs ${JSON.stringify(r)}: expected an exporter kind, { exporter, port?, job? } or { service, job, port }`);
    return undefined;
  }
  const labels = labelMap(r['labels'], 'labels', (m) => fail(m));
  if (labels === undefined && r['labels'] !== undefined) return undefined;
  if ('exporter' in r) {
    unknownFields(r, ENTRY_FIELDS.exporter, at, subject, `the ${String(r['exporter'])} entry`);
    const kind = r['exporter'];
    if (!isExporterKind(kind)) return unknownKind(kind);
    const port = r['port'] ?? EXPORTERS[kind].port;
    if (!isPort(port)) {
      fail(`${kind}: port ${JSON.stringify(port)} is not a port number (1-65535)`);
      return undefined;
    }
    const job = r['job'] ?? EXPORTERS[kind].job;
    if (!isNonEmptyString(job)) {
      fail(`${kind}: job must be a non-empty string`);
      return undefined;
    }
    return { job, port, exporter: kind, labels: labels ?? {}, describe: kind };
  }
  if ('service' in r) {
    unknownFields(r, ENTRY_FIELDS.service, at, subject, `service ${String(r['service'])}`);
    const { service, job, port } = r;
    if (!isNonEmptyString(service)) {
      fail('a service needs a name (service: \'...\'): it becomes its `service` label');
      return undefined;
    }
    if (!isNonEmptyString(job)) {
      fail(`service ${service}: job must name the job it is scraped as`);
      return undefined;
    }
    if (!isPort(port)) {
      fail(`service ${service}: port ${JSON.stringify(port)} is not a port number (1-65535)`);
      return undefined;
    }
    return { job, port, labels: { ...(labels ?? {}), service }, describe: `service ${service}` };
  }
  fail(`runs ${JSON.stringify(r)}: expected { exporter, port?, job? } or { service, job, port }`);
  return undefined;
}

/**
 * A label map as declared; `instance`, `job` and `__*` are refused (the manifest sets the first two, and
 * Prometheus drops or interprets the last). Label-name syntax is validate.ts's, for the target version.
 */
function labelMap(v: unknown, field: string, fail: (message: string) => void): Record<string, string> | undefined {
  if (v === undefined) return undefined;
  if (!isObj(v)) {
    fail(`${field} must map label names to values`);
    return undefined;
  }
  const out: Record<string, string> = {};
  let ok = true;
  for (const [k, value] of Object.entries(v)) {
    if (value === undefined) continue;
    if (typeof value !== 'string') {
      fail(`${field}.${k} must be a string`);
      ok = false;
    } else if (field !== 'external_labels' && (k === 'instance' || k === 'job' || k.startsWith('__'))) {
      fail(`${field} cannot set ${k}: ${k.startsWith('__') ? 'labels starting with __ are Prometheus\' own' : 'the manifest sets it (the host name, the job)'}`);
      ok = false;
    } else out[k] = value;
  }
  return ok ? out : undefined;
}

const sameLabels = (a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean => {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
};
