import { describe, expect, it } from 'vitest';
import { indexCatalogs } from '../../src/catalog/lookup.js';
import { metricCatalog } from '../../src/catalog/types.js';
import type { Call, Expr, ValueType } from '../../src/promql/ast.js';
import { FUNCTIONS } from '../../src/promql/functions.js';
import {
  explainMissing,
  mayCarry,
  outputLabels,
  recordedSeries,
  type LabelContext,
  type LabelSet,
} from '../../src/promql/labels.js';
import { parsePromQL, type PromQLFeature } from '../../src/promql/parse.js';

const FEATURES: ReadonlySet<PromQLFeature> = new Set(['promql-experimental-functions', 'promql-binop-fill-modifiers']);

function parse(q: string): Expr {
  const r = parsePromQL(q, { features: FEATURES });
  if (!r.ok) throw new Error(`${q}: ${r.errors.map((e) => e.message).join('; ')}`);
  return r.ast;
}

const catalogs = [
  metricCatalog({
    name: 'node_exporter',
    source: 'test',
    namespaces: ['node_'],
    metrics: [
      { name: 'node_cpu_seconds_total', type: 'counter', help: '', labels: ['cpu', 'mode'] },
      { name: 'node_memory_MemAvailable_bytes', type: 'gauge', help: '', labels: [] },
      { name: 'node_memory_MemTotal_bytes', type: 'gauge', help: '', labels: [] },
      { name: 'node_filesystem_avail_bytes', type: 'gauge', help: '', labels: ['device', 'fstype', 'mountpoint'] },
      { name: 'node_filesystem_size_bytes', type: 'gauge', help: '', labels: ['device', 'fstype', 'mountpoint'] },
      { name: 'node_filesystem_readonly', type: 'gauge', help: '', labels: ['device', 'fstype', 'mountpoint'] },
      { name: 'node_boot_time_seconds', type: 'gauge', help: '', labels: [] },
    ],
  }),
  metricCatalog({
    name: 'prometheus',
    source: 'test',
    namespaces: [],
    metrics: [{ name: 'up', type: 'gauge', help: '', labels: [] }],
  }),
  metricCatalog({
    name: 'nvidia_gpu_exporter',
    source: 'test',
    namespaces: ['nvidia_smi_'],
    metrics: [
      { name: 'nvidia_smi_temperature_gpu', type: 'gauge', help: '', labels: ['uuid'] },
      { name: 'nvidia_smi_memory_used_bytes', type: 'gauge', help: '', labels: ['uuid'] },
      { name: 'nvidia_smi_memory_total_bytes', type: 'gauge', help: '', labels: ['uuid'] },
      { name: 'nvidia_smi_gpu_info', type: 'info', help: '', labels: ['uuid', 'name', 'driver_version'] },
    ],
  }),
  metricCatalog({
    name: 'homelab_deploy',
    source: 'test',
    namespaces: ['homelab_deploy_'],
    metrics: [
      { name: 'homelab_deploy_builds_total', type: 'counter', help: '', labels: ['repo', 'status'] },
      { name: 'homelab_deploy_build_host_total', type: 'counter', help: '', labels: ['repo', 'host', 'status'] },
      { name: 'homelab_deploy_build_duration_seconds', type: 'histogram', help: '', labels: ['repo', 'host'] },
      { name: 'homelab_deploy_build_last_success_timestamp', type: 'gauge', help: '', labels: ['repo'] },
    ],
  }),
  metricCatalog({
    name: 'nix_build_cache',
    source: 'test',
    namespaces: ['nix_'],
    jobs: ['node'],
    metrics: [
      { name: 'nix_build_cache_check_timestamp', type: 'gauge', help: '', labels: [] },
      { name: 'nix_local_cache_hit', type: 'gauge', help: '', labels: [] },
    ],
  }),
  metricCatalog({
    name: 'cadvisor',
    source: 'test',
    namespaces: ['container_'],
    metrics: [
      { name: 'container_start_time_seconds', type: 'gauge', help: '', labels: ['id', 'image', 'name'] },
      { name: 'container_oom_events_total', type: 'counter', help: '', labels: ['id', 'image', 'name'] },
    ],
  }),
  metricCatalog({
    name: 'blackbox',
    source: 'test',
    namespaces: ['probe_'],
    metrics: [
      { name: 'probe_success', type: 'gauge', help: '', labels: [] },
      { name: 'probe_http_duration_seconds', type: 'gauge', help: '', labels: ['phase'] },
    ],
  }),
];

const recordedRatio = outputLabels(
  parse(`
    sum by (repo) (increase(homelab_deploy_builds_total{status="success"}[1h]))
    /
    (sum by (repo) (increase(homelab_deploy_builds_total[1h])) > 0)`),
  { index: indexCatalogs(catalogs) },
);

const ctx: LabelContext = {
  index: indexCatalogs(catalogs),
  recorded: new Map([
    ['repo:homelab_deploy_builds:success_ratio1h', recordedSeries(recordedRatio)],
    ['env:up:sum', recordedSeries(outputLabels(parse('sum by (env) (up{env!=""})')), { team: 'infra', env: '' })],
  ]),
};

interface Expected {
  labels: string[];
  open?: boolean;
  name?: boolean;
  values?: Record<string, string>;
  absent?: string[];
}

function summary(s: LabelSet): Required<Expected> {
  return {
    labels: [...s.labels],
    open: s.open,
    name: s.keepsName,
    values: Object.fromEntries(s.values ?? []),
    absent: [...(s.absent ?? [])],
  };
}

// The homelab's rule expressions (rules/*.ts), with their helper strings expanded.
const fs = 'job="node", fstype!~"tmpfs|overlay|squashfs|ramfs"';
const cacheHost = 'job="node", instance=~"nix-cache02[.:].*"';
const usedRatio = (mp: string): string =>
  `1 - node_filesystem_avail_bytes{${cacheHost}, mountpoint="${mp}"} / node_filesystem_size_bytes{${cacheHost}, mountpoint="${mp}"}`;
const withGpuName = 'on (instance, uuid) group_left (name) nvidia_smi_gpu_info{job="nvidia-gpu"}';
const containers = 'job="cadvisor", name!=""';
const nixStale = `
  (time() - nix_build_cache_check_timestamp > 1800)
  or
  (time() - max_over_time(nix_build_cache_check_timestamp[1d]) unless nix_build_cache_check_timestamp)
  or
  absent_over_time(nix_build_cache_check_timestamp[1d])`;

const ALL_NODE_CPU = ['cpu', 'instance', 'job', 'mode'];

const TABLE: [string, Expected][] = [
  // Selectors.
  ['node_cpu_seconds_total', { labels: ALL_NODE_CPU, name: true }],
  ['node_cpu_seconds_total{mode="idle"}', { labels: ALL_NODE_CPU, name: true, values: { mode: 'idle' } }],
  ['node_cpu_seconds_total{cpu=""}', { labels: ['instance', 'job', 'mode'], name: true }],
  ['node_cpu_seconds_total{mode=~"idle"}', { labels: ALL_NODE_CPU, name: true, values: { mode: 'idle' } }],
  ['{__name__="node_cpu_seconds_total"}', { labels: ALL_NODE_CPU, name: true }],
  ['my_app_requests_total{job="app", env!="", region=~".*"}', { labels: ['env', 'job'], open: true, name: true, values: { job: 'app' } }],
  ['my_app_requests_total{env=""}', { labels: [], open: true, name: true, absent: ['env'] }],
  ['{__name__=~"node_.*"}', { labels: [], open: true, name: true }],
  ['homelab_deploy_build_duration_seconds_bucket', { labels: ['host', 'instance', 'job', 'le', 'repo'], name: true }],
  ['homelab_deploy_build_duration_seconds_count', { labels: ['host', 'instance', 'job', 'repo'], name: true }],
  ['repo:homelab_deploy_builds:success_ratio1h', { labels: ['repo'], name: true }],
  ['env:up:sum', { labels: ['team'], name: true, values: { team: 'infra' } }],
  ['node_cpu_seconds_total[5m] offset 1h', { labels: ALL_NODE_CPU, name: true }],
  ['node_cpu_seconds_total[1h:5m] @ end()', { labels: ALL_NODE_CPU, name: true }],
  ['(+node_memory_MemTotal_bytes)', { labels: ['instance', 'job'], name: true }],
  ['-node_memory_MemTotal_bytes', { labels: ['instance', 'job'] }],

  // Range functions.
  ['rate(node_cpu_seconds_total[5m])', { labels: ALL_NODE_CPU }],
  ['last_over_time(node_cpu_seconds_total[5m])', { labels: ALL_NODE_CPU, name: true }],
  ['first_over_time(node_cpu_seconds_total[5m:1m])', { labels: ALL_NODE_CPU, name: true }],
  ['last_over_time(rate(node_cpu_seconds_total[1m])[5m:])', { labels: ALL_NODE_CPU }],
  ['max_over_time(rate(node_cpu_seconds_total[1m])[1h:5m])', { labels: ALL_NODE_CPU }],
  ['quantile_over_time(0.9, node_memory_MemTotal_bytes[1h])', { labels: ['instance', 'job'] }],
  ['predict_linear(node_filesystem_avail_bytes[6h], 3600)', { labels: ['device', 'fstype', 'instance', 'job', 'mountpoint'] }],

  // Aggregations.
  ['sum by (instance) (rate(node_cpu_seconds_total[5m]))', { labels: ['instance'] }],
  ['sum(rate(node_cpu_seconds_total[5m])) by (instance, mode)', { labels: ['instance', 'mode'] }],
  ['sum without (cpu) (rate(node_cpu_seconds_total{mode="idle"}[5m]))', { labels: ['instance', 'job', 'mode'], values: { mode: 'idle' } }],
  ['sum(node_cpu_seconds_total)', { labels: [] }],
  ['count(node_cpu_seconds_total)', { labels: [] }],
  ['avg by (instance, nonexistent) (node_cpu_seconds_total)', { labels: ['instance'] }],
  ['max by (job) (my_metric{job="a"})', { labels: ['job'], values: { job: 'a' } }],
  ['group by (job) (my_metric)', { labels: ['job'] }],
  ['stddev without (cpu, mode) (my_metric)', { labels: [], open: true, absent: ['cpu', 'mode'] }],
  ['stdvar without (cpu) (node_cpu_seconds_total)', { labels: ['instance', 'job', 'mode'] }],
  ['min by (__name__) (node_cpu_seconds_total)', { labels: [], name: true }],
  ['quantile by (mode) (0.9, rate(node_cpu_seconds_total[5m]))', { labels: ['mode'] }],
  ['count_values("version", node_boot_time_seconds)', { labels: ['version'] }],
  ['count_values by (instance) ("version", node_boot_time_seconds)', { labels: ['instance', 'version'] }],
  ['count_values without (cpu) ("v", node_cpu_seconds_total)', { labels: ['instance', 'job', 'mode', 'v'] }],
  ['topk(3, node_cpu_seconds_total)', { labels: ALL_NODE_CPU, name: true }],
  ['bottomk by (instance) (1, rate(node_cpu_seconds_total[5m]))', { labels: ALL_NODE_CPU }],
  ['limitk(2, node_cpu_seconds_total)', { labels: ALL_NODE_CPU, name: true }],
  ['limit_ratio(0.5, my_metric{a="b"})', { labels: ['a'], open: true, name: true, values: { a: 'b' } }],

  // Binary operators.
  ['1 + 2', { labels: [] }],
  ['node_cpu_seconds_total > 0', { labels: ALL_NODE_CPU, name: true }],
  ['0 < node_cpu_seconds_total', { labels: ALL_NODE_CPU, name: true }],
  ['node_cpu_seconds_total > bool 0', { labels: ALL_NODE_CPU }],
  ['2 * node_cpu_seconds_total', { labels: ALL_NODE_CPU }],
  ['node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes', { labels: ['instance', 'job'] }],
  ['node_memory_MemAvailable_bytes == node_memory_MemTotal_bytes', { labels: ['instance', 'job'], name: true }],
  ['node_memory_MemAvailable_bytes > bool node_memory_MemTotal_bytes', { labels: ['instance', 'job'] }],
  ['node_filesystem_avail_bytes / on (instance) node_memory_MemTotal_bytes', { labels: ['instance'] }],
  ['node_filesystem_avail_bytes > on (instance, nonexistent) node_memory_MemTotal_bytes', { labels: ['instance'] }],
  // One-to-one matching keeps only what both sides share: `cpu` would have to be on the right too.
  ['rate(node_cpu_seconds_total[5m]) / ignoring (mode) node_memory_MemTotal_bytes', { labels: ['instance', 'job'] }],
  ['my_metric / node_memory_MemTotal_bytes', { labels: ['instance', 'job'] }],
  ['my_metric / ignoring (x) other_metric', { labels: [], open: true, absent: ['x'] }],
  [`nvidia_smi_temperature_gpu{job="nvidia-gpu"} * ${withGpuName} > 80`, { labels: ['instance', 'job', 'name', 'uuid'], values: { job: 'nvidia-gpu' } }],
  [
    `nvidia_smi_memory_used_bytes{job="nvidia-gpu"} / nvidia_smi_memory_total_bytes{job="nvidia-gpu"} * ${withGpuName} > 0.90`,
    { labels: ['instance', 'job', 'name', 'uuid'], values: { job: 'nvidia-gpu' } },
  ],
  ['nvidia_smi_gpu_info * on (uuid) group_right (name) nvidia_smi_temperature_gpu', { labels: ['instance', 'job', 'name', 'uuid'] }],
  ['node_cpu_seconds_total * on (instance) group_left (missing) node_memory_MemTotal_bytes', { labels: ALL_NODE_CPU }],
  ['node_cpu_seconds_total > on (instance) group_left node_memory_MemTotal_bytes', { labels: ALL_NODE_CPU, name: true }],
  ['node_cpu_seconds_total / on (instance, uuid) group_left node_memory_MemTotal_bytes', { labels: ALL_NODE_CPU }],
  ['my_metric * on (instance) group_left (version) my_info', { labels: ['version'], open: true }],
  ['node_memory_MemTotal_bytes / on (instance) fill(0) node_boot_time_seconds', { labels: ['instance'] }],
  // With a fill value unmatched series are kept, so the intersection no longer applies.
  ['node_cpu_seconds_total / ignoring (cpu) fill_right(1) node_memory_MemTotal_bytes', { labels: ['instance', 'job', 'mode'] }],
  ['node_cpu_seconds_total and node_memory_MemTotal_bytes', { labels: ALL_NODE_CPU, name: true }],
  ['node_cpu_seconds_total and on (job) up{job="node"}', { labels: ALL_NODE_CPU, name: true, values: { job: 'node' } }],
  ['node_cpu_seconds_total unless my_metric', { labels: ALL_NODE_CPU, name: true }],
  ['node_memory_MemTotal_bytes or vector(1)', { labels: ['instance', 'job'], name: true }],
  ['node_memory_MemTotal_bytes{job="node"} or up{job="node"}', { labels: ['instance', 'job'], name: true, values: { job: 'node' } }],
  ['node_memory_MemTotal_bytes{job="node"} or up{job="other"}', { labels: ['instance', 'job'], name: true }],
  ['my_metric{x=""} or node_memory_MemTotal_bytes', { labels: ['instance', 'job'], open: true, name: true, absent: ['x'] }],
  ['rate(node_cpu_seconds_total[5m]) or my_metric{cpu=""}', { labels: ALL_NODE_CPU, open: true, name: true }],

  // Functions.
  ['abs(node_memory_MemTotal_bytes)', { labels: ['instance', 'job'] }],
  ['clamp_min(node_memory_MemTotal_bytes, 0)', { labels: ['instance', 'job'] }],
  ['round(node_memory_MemTotal_bytes, 5)', { labels: ['instance', 'job'] }],
  ['timestamp(node_memory_MemTotal_bytes)', { labels: ['instance', 'job'] }],
  ['sort_desc(node_memory_MemTotal_bytes)', { labels: ['instance', 'job'], name: true }],
  ['sort_by_label(node_cpu_seconds_total, "instance")', { labels: ALL_NODE_CPU, name: true }],
  ['hour()', { labels: [] }],
  ['hour(node_boot_time_seconds)', { labels: ['instance', 'job'] }],
  ['vector(1)', { labels: [] }],
  ['time()', { labels: [] }],
  ['scalar(node_memory_MemTotal_bytes)', { labels: [] }],
  ['histogram_quantile(0.9, rate(my_latency_bucket[5m]))', { labels: [], open: true, absent: ['le'] }],
  ['histogram_quantile(0.9, rate(homelab_deploy_build_duration_seconds_bucket[5m]))', { labels: ['host', 'instance', 'job', 'repo'] }],
  ['histogram_fraction(0, 60, rate(homelab_deploy_build_duration_seconds_bucket[5m]))', { labels: ['host', 'instance', 'job', 'repo'] }],
  ['histogram_quantiles(rate(homelab_deploy_build_duration_seconds_bucket[5m]), "q", 0.5, 0.9)', { labels: ['host', 'instance', 'job', 'q', 'repo'] }],
  ['histogram_count(rate(my_native[5m]))', { labels: [], open: true }],
  ['label_replace(up, "host", "$1", "instance", "(.*):.*")', { labels: ['host', 'instance', 'job'], name: true }],
  ['label_replace(up{job="node"}, "svc", "my-$1", "job", "(.*)")', { labels: ['instance', 'job', 'svc'], name: true, values: { job: 'node', svc: 'my-node' } }],
  ['label_replace(up{job="node"}, "svc", "${1}x$$", "job", "no(d)e")', { labels: ['instance', 'job', 'svc'], name: true, values: { job: 'node', svc: 'dx$' } }],
  ['label_replace(up{job="node"}, "svc", "x", "job", "other")', { labels: ['instance', 'job'], name: true, values: { job: 'node' } }],
  ['label_replace(up, "env", "prod", "instance", ".*")', { labels: ['env', 'instance', 'job'], name: true, values: { env: 'prod' } }],
  ['label_replace(up, "env", "prod", "instance", "a.*")', { labels: ['env', 'instance', 'job'], name: true }],
  ['label_replace(up, "instance", "", "", "")', { labels: ['job'], name: true }],
  ['label_replace(up, "instance", "", "job", ".*")', { labels: ['job'], name: true }],
  ['label_replace(up, "instance", "", "job", "node")', { labels: ['instance', 'job'], name: true }],
  ['label_replace(rate(up[5m]), "__name__", "x", "", "")', { labels: ['instance', 'job'], name: true }],
  ['label_replace(my_metric, "team", "a", "", "")', { labels: ['team'], open: true, name: true, values: { team: 'a' } }],
  ['label_join(node_filesystem_size_bytes, "dev_mp", ":", "device", "mountpoint")', { labels: ['dev_mp', 'device', 'fstype', 'instance', 'job', 'mountpoint'], name: true }],
  ['label_join(up{job="a", instance="b"}, "ji", "/", "job", "instance")', { labels: ['instance', 'ji', 'job'], name: true, values: { instance: 'b', ji: 'a/b', job: 'a' } }],
  ['label_join(up, "job", ",")', { labels: ['instance'], name: true }],
  ['absent(up{job="node", instance=~"a.*"})', { labels: ['job'], values: { job: 'node' } }],
  ['absent((nonexistent{job="a", job="b", foo="bar"}))', { labels: ['foo'], values: { foo: 'bar' } }],
  ['absent(nonexistent{job=""})', { labels: [] }],
  ['absent(sum(up{job="x"}))', { labels: [] }],
  ['absent_over_time(nix_build_cache_check_timestamp{job="node"}[1d])', { labels: ['job'], values: { job: 'node' } }],
  ['absent_over_time(up{job="x"}[1d:1m])', { labels: [] }],
  ['info(rate(my_requests_total[5m]))', { labels: [], open: true }],
  ['info(rate(up[5m]), {k8s_cluster_name=~".+", region=""})', { labels: ['instance', 'job', 'k8s_cluster_name'] }],
  ['info(up, {__name__="nvidia_smi_gpu_info"})', { labels: ['driver_version', 'instance', 'job', 'name', 'uuid'], name: true }],
  ['info(up, {__name__=~".+_info"})', { labels: ['instance', 'job'], open: true, name: true }],

  // The homelab's rules.
  ['up{job="node"} == 0', { labels: ['instance', 'job'], name: true, values: { job: 'node' } }],
  ['1 - avg by (instance) (rate(node_cpu_seconds_total{mode="idle"}[5m]))', { labels: ['instance'] }],
  ['1 - avg by (instance) (rate(node_cpu_seconds_total{job="node", mode="idle"}[5m])) > 0.85', { labels: ['instance'] }],
  ['1 - node_memory_MemAvailable_bytes{job="node"} / node_memory_MemTotal_bytes{job="node"} > 0.85', { labels: ['instance', 'job'], values: { job: 'node' } }],
  [
    `node_filesystem_avail_bytes{${fs}} / node_filesystem_size_bytes{${fs}} < 0.20 and on (instance, device, mountpoint) node_filesystem_readonly{${fs}} == 0`,
    { labels: ['device', 'fstype', 'instance', 'job', 'mountpoint'], values: { job: 'node' } },
  ],
  [`(${usedRatio('/nix')} or on (instance) ${usedRatio('/nix/store')}) > 0.85`, { labels: ['device', 'fstype', 'instance', 'job', 'mountpoint'], values: { job: 'node' } }],
  [
    'sum by (instance) (probe_http_duration_seconds{job="blackbox-nix-cache", phase=~"processing|transfer"}) > 0.1 and on (instance) probe_success{job="blackbox-nix-cache"} == 1',
    { labels: ['instance'] },
  ],
  ['avg_over_time(nix_local_cache_hit[1h]) < 0.8', { labels: ['instance', 'job'] }],
  [nixStale, { labels: ['instance', 'job'] }],
  [
    `sum by (instance, name) (changes(container_start_time_seconds{${containers}}[15m])) + count by (instance, name) (count_over_time(container_start_time_seconds{${containers}}[15m])) - 1 > 2`,
    { labels: ['instance', 'name'] },
  ],
  [`sum by (instance, name) (increase(container_oom_events_total{${containers}}[15m])) > 0`, { labels: ['instance', 'name'] }],
  ['histogram_quantile(0.95, sum by (le, host) (rate(homelab_deploy_build_duration_seconds_bucket[1h]))) >= 0', { labels: ['host'] }],
  [
    'increase(homelab_deploy_build_host_total{status="failure"}[1h]) > 0 or (homelab_deploy_build_host_total{status="failure"} > 0 unless homelab_deploy_build_host_total{status="failure"} offset 1h)',
    { labels: ['host', 'instance', 'job', 'repo', 'status'], name: true, values: { status: 'failure' } },
  ],
  ['time() - max_over_time(homelab_deploy_build_last_success_timestamp[2d]) > 86400', { labels: ['instance', 'job', 'repo'] }],
];

describe('outputLabels', () => {
  it.each(TABLE)('%s', (q, want) => {
    expect(summary(outputLabels(parse(q), ctx))).toEqual({
      labels: want.labels,
      open: want.open ?? false,
      name: want.name ?? false,
      values: want.values ?? {},
      absent: want.absent ?? [],
    });
  });

  it('has at least 40 cases', () => {
    expect(TABLE.length).toBeGreaterThanOrEqual(40);
  });

  it('treats every selector as open without catalogs', () => {
    const s = outputLabels(parse(nixStale));
    expect(summary(s)).toEqual({ labels: [], open: true, name: false, values: {}, absent: [] });
    expect(mayCarry(s, 'instance')).toBe(true);
    expect(mayCarry(s, '__name__')).toBe(false);
    const by = outputLabels(parse('sum by (job) (anything)'));
    expect(mayCarry(by, 'job')).toBe(true);
    expect(mayCarry(by, 'instance')).toBe(false);
    const without = outputLabels(parse('sum without (instance) (anything)'));
    expect(mayCarry(without, 'job')).toBe(true);
    expect(mayCarry(without, 'instance')).toBe(false);
  });

  it('uses the catalog to resolve the default info metric', () => {
    const withTargetInfo: LabelContext = {
      index: indexCatalogs([
        ...catalogs,
        metricCatalog({
          name: 'otel',
          source: 'test',
          namespaces: ['target_'],
          metrics: [{ name: 'target_info', type: 'info', help: '', labels: ['k8s_cluster_name', 'service_version'] }],
        }),
      ]),
    };
    expect(summary(outputLabels(parse('info(up)'), withTargetInfo))).toMatchObject({
      labels: ['instance', 'job', 'k8s_cluster_name', 'service_version'],
      open: false,
      name: true,
    });
  });

  // Each function's effect on the metric name and labels, from functions.go: only these keep the name.
  const KEEPS_NAME = new Set([
    'sort',
    'sort_desc',
    'sort_by_label',
    'sort_by_label_desc',
    'last_over_time',
    'first_over_time',
    'label_replace',
    'label_join',
    'info',
  ]);
  const NO_LABELS = new Set(['absent', 'absent_over_time', 'vector']);
  const selector = parse('node_cpu_seconds_total{mode="idle"}');
  const range = parse('node_cpu_seconds_total{mode="idle"}[5m]');
  const arg = (t: ValueType): Expr => {
    if (t === 'vector') return selector;
    if (t === 'matrix') return range;
    if (t === 'scalar') return { kind: 'NumberLiteral', value: 0.5, duration: false, from: 0, to: 0 };
    return { kind: 'StringLiteral', value: 'x', validUtf8: true, from: 0, to: 0 };
  };
  it.each([...FUNCTIONS.values()].map((f) => [f.name, f] as const))('function %s', (name, f) => {
    const call: Call = { kind: 'Call', func: name, args: f.argTypes.map(arg), from: 0, to: 0 };
    const s = outputLabels(call, ctx);
    if (f.returnType === 'scalar') {
      expect(summary(s)).toEqual({ labels: [], open: false, name: false, values: {}, absent: [] });
      return;
    }
    expect(s.keepsName).toBe(KEEPS_NAME.has(name));
    if (NO_LABELS.has(name)) expect([...s.labels]).toEqual(name === 'vector' ? [] : ['mode']);
    else if (name === 'label_replace' || name === 'label_join') expect(s.labels.has('cpu')).toBe(true);
    else expect([...s.labels].filter((l) => l !== 'x')).toEqual(ALL_NODE_CPU);
  });
});

describe('explainMissing', () => {
  const explain = (q: string, label: string): string | undefined => explainMissing(parse(q), label, { ...ctx, source: q });

  it('names the aggregation that dropped a label, with its position', () => {
    expect(explain('sum by (job) (node_cpu_seconds_total)', 'instance')).toBe('dropped by sum by (job) at 1:1');
    expect(explain('sum by (job) (node_cpu_seconds_total)', 'job')).toBeUndefined();
    expect(explain('\n  1 - sum without (instance, cpu) (rate(node_cpu_seconds_total[5m]))', 'cpu')).toBe(
      'dropped by sum without (instance, cpu) at 2:7',
    );
    expect(explain('count(up)', 'job')).toBe('dropped by count at 1:1');
    expect(explain('sum(rate(up[5m]))', '__name__')).toBe('dropped by rate() at 1:5');
    expect(explain('sum without (job) (up)', '__name__')).toBe('dropped by sum without (job) at 1:1');
    expect(explainMissing(parse('sum by (job) (up)'), 'instance', ctx)).toBe('dropped by sum by (job) at offset 0');
  });

  it('reports labels the catalog does not list and labels a matcher excludes', () => {
    expect(explain('rate(node_cpu_seconds_total[5m])', 'foo')).toBe(
      'node_cpu_seconds_total has no label foo in catalog node_exporter (it has cpu, mode, job, instance)',
    );
    expect(explain('sum by (foo) (node_cpu_seconds_total)', 'foo')).toBe(
      'node_cpu_seconds_total has no label foo in catalog node_exporter (it has cpu, mode, job, instance)',
    );
    expect(explain('my_metric{env=""}', 'env')).toBe('the matcher env="" at 1:11 selects only series without it');
    expect(explain('my_metric{env=""}', 'other')).toBeUndefined();
    expect(explain('repo:homelab_deploy_builds:success_ratio1h', 'instance')).toBe(
      'the recording rule repo:homelab_deploy_builds:success_ratio1h does not output instance',
    );
  });

  it('explains the metric name', () => {
    expect(explain('rate(up[5m])', '__name__')).toBe('dropped by rate() at 1:1');
    expect(explain('up * 2', '__name__')).toBe('dropped by * at 1:4');
    expect(explain('up > bool 2', '__name__')).toBe('dropped by > bool at 1:4');
    expect(explain('-up', '__name__')).toBe('dropped by unary minus at 1:1');
    expect(explain('up > 2', '__name__')).toBeUndefined();
  });

  it('explains binary operators', () => {
    expect(explain('node_filesystem_avail_bytes / on (instance) node_memory_MemTotal_bytes', 'mountpoint')).toBe(
      'dropped by / on (instance) at 1:29',
    );
    expect(explain('rate(node_cpu_seconds_total[5m]) / ignoring (mode) node_memory_MemTotal_bytes', 'mode')).toBe(
      'dropped by / ignoring (mode) at 1:34',
    );
    expect(explain('rate(node_cpu_seconds_total[5m])\n  # per core\n  / ignoring (mode) node_memory_MemTotal_bytes', 'cpu')).toBe(
      '/ ignoring (mode) at 3:3 matches only series whose right-hand side carries the same cpu, and ' +
        'node_memory_MemTotal_bytes has no label cpu in catalog node_exporter (it has job, instance)',
    );
    expect(explain('node_cpu_seconds_total * on (instance) group_left (version) node_memory_MemTotal_bytes', 'version')).toBe(
      '* on (instance) group_left (version) at 1:24 copies version from the right-hand side, which lacks it: ' +
        'node_memory_MemTotal_bytes has no label version in catalog node_exporter (it has job, instance)',
    );
    expect(explain('up or vector(1)', 'foo')).toBe(
      'neither side of or at 1:4 carries it: left: up has no label foo in catalog prometheus (it has job, instance); ' +
        'right: vector() at 1:7 returns one series without labels',
    );
    expect(explain(`nvidia_smi_temperature_gpu{job="nvidia-gpu"} * ${withGpuName} > 80`, 'name')).toBeUndefined();
  });

  it('explains functions', () => {
    const q = 'histogram_quantile(0.95, sum by (le, host) (rate(homelab_deploy_build_duration_seconds_bucket[1h])))';
    expect(explain(q, 'le')).toBe('dropped by histogram_quantile() at 1:1');
    expect(explain('histogram_quantile(0.9, sum by (host) (rate(homelab_deploy_build_duration_seconds_bucket[5m])))', 'le')).toBe(
      'dropped by sum by (host) at 1:25',
    );
    expect(explain(q, 'repo')).toBe('dropped by sum by (le, host) at 1:26');
    expect(explain('label_replace(up, "instance", "", "", "")', 'instance')).toBe('removed by label_replace() at 1:1');
    expect(explain('absent(up{job="node"})', 'instance')).toBe(
      "absent() at 1:1 outputs only the labels of its selector's equality matchers, not instance",
    );
    expect(explain('time()', 'instance')).toBe('time() at 1:1 returns a scalar, which has no labels');
    // The NixBuildCacheCheckStale alert prints `instance` only when it is there (`with`): it may be.
    expect(explain(nixStale, 'instance')).toBeUndefined();
    expect(explain(nixStale, 'foo')).toMatch(/^neither side of or at 5:3 carries it: left: neither side of or at 3:3/);
  });
});

describe('recordedSeries', () => {
  it('applies rule labels and keeps the record name', () => {
    const s = recordedSeries(outputLabels(parse('sum by (job, env) (up{env="x"})'), ctx), { env: '', team: 'a' });
    expect(summary(s)).toEqual({ labels: ['job', 'team'], open: false, name: true, values: { team: 'a' }, absent: [] });
  });
});
