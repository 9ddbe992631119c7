/** The metric catalogs promforge ships (src/catalog): well-formed, consistent, and covering the homelab rules. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinCatalogs, indexCatalogs } from '../../src/catalog/index.js';
import type { MetricDef } from '../../src/catalog/types.js';
import { repoRoot } from '../helpers.js';

const all = builtinCatalogs.flatMap((catalog) => catalog.metrics.map((metric) => ({ catalog, metric })));
const index = indexCatalogs(builtinCatalogs);

/** The series names a metric exposes, as the index resolves them. */
function seriesOf(m: MetricDef): string[] {
  switch (m.type) {
    case 'histogram':
      return [`${m.name}_bucket`, `${m.name}_sum`, `${m.name}_count`];
    case 'summary':
      return [m.name, `${m.name}_sum`, `${m.name}_count`];
    default:
      return [m.name];
  }
}

/**
 * Counters whose exporter names them without `_total`. Each is a real counter (cumulative since boot or since
 * the container started), so the catalog types it as one; the name is the exporter's, not ours to fix.
 */
const COUNTERS_WITHOUT_TOTAL: ReadonlyMap<string, string> = new Map([
  // node_exporter vmstat: /proc/vmstat event counts, exposed untyped under the kernel's field names.
  ['node_vmstat_oom_kill', 'vmstat field'],
  ['node_vmstat_pgfault', 'vmstat field'],
  ['node_vmstat_pgmajfault', 'vmstat field'],
  ['node_vmstat_pgpgin', 'vmstat field'],
  ['node_vmstat_pgpgout', 'vmstat field'],
  ['node_vmstat_pswpin', 'vmstat field'],
  ['node_vmstat_pswpout', 'vmstat field'],
  // cAdvisor: cgroup failcnt, the number of times usage hit the limit.
  ['container_memory_failcnt', 'cgroup memory.failcnt'],
  ['container_hugetlb_failcnt', 'cgroup hugetlb failcnt'],
]);

describe('the builtin catalogs', () => {
  it('are all exported and named uniquely', () => {
    expect(builtinCatalogs.map((c) => c.name).sort()).toEqual(
      ['alertmanager', 'blackbox_exporter', 'cadvisor', 'homelab-deploy', 'nix-build-cache-check', 'node_exporter', 'nvidia_gpu_exporter', 'prometheus'],
    );
    for (const c of builtinCatalogs) {
      expect(c.source, c.name).toBeTruthy();
      expect(c.namespaces.length, c.name).toBeGreaterThan(0);
      expect(c.metrics.length, c.name).toBeGreaterThan(0);
    }
  });

  it('use valid metric names (classic charset, no colon: that is for recording rules)', () => {
    const bad = all.filter(({ metric }) => !/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(metric.name)).map(({ metric }) => metric.name);
    expect(bad).toEqual([]);
  });

  it('name counters with _total, except the listed exporter names', () => {
    const bad = all
      .filter(({ metric }) => metric.type === 'counter' && !metric.name.endsWith('_total') && !COUNTERS_WITHOUT_TOTAL.has(metric.name))
      .map(({ metric }) => metric.name);
    expect(bad).toEqual([]);
    // Every exception is still in a catalog and still a counter.
    for (const name of COUNTERS_WITHOUT_TOTAL.keys()) expect(index.resolve(name)?.type, name).toBe('counter');
  });

  it('never list a series name twice, across catalogs and histogram/summary parts', () => {
    const seen = new Map<string, string>();
    const dupes: string[] = [];
    for (const { catalog, metric } of all) {
      for (const s of seriesOf(metric)) {
        const where = `${catalog.name}:${metric.name}`;
        if (seen.has(s)) dupes.push(`${s} (${seen.get(s)} and ${where})`);
        else seen.set(s, where);
      }
    }
    expect(dupes).toEqual([]);
  });

  it("put every metric in one of its catalog's namespaces", () => {
    const bad = all.filter(({ catalog, metric }) => !catalog.namespaces.some((ns) => metric.name.startsWith(ns)));
    expect(bad.map(({ catalog, metric }) => `${catalog.name}:${metric.name}`)).toEqual([]);
  });

  it('resolve every listed name to the catalog whose namespace owns it', () => {
    // The index matches namespaces as prefixes, longest first, so an exact-name claim (`up`, `ALERTS`) or a
    // short namespace must not swallow a name another catalog lists, or `owner()` and `resolve()` disagree.
    const owners = builtinCatalogs.flatMap((c) => c.namespaces.map((ns) => ({ ns, c }))).sort((a, b) => b.ns.length - a.ns.length);
    const bad: string[] = [];
    for (const { catalog, metric } of all) {
      const owner = owners.find((o) => metric.name.startsWith(o.ns))?.c;
      if (owner !== catalog) bad.push(`${metric.name}: listed by ${catalog.name}, namespace owned by ${owner?.name}`);
    }
    expect(bad).toEqual([]);
  });

  it('give every metric a help text, and labels that are well-formed', () => {
    const bad: string[] = [];
    for (const { catalog, metric } of all) {
      const id = `${catalog.name}:${metric.name}`;
      if (metric.help.trim() === '') bad.push(`${id}: empty help`);
      if (new Set(metric.labels).size !== metric.labels.length) bad.push(`${id}: duplicate label`);
      for (const l of metric.labels) {
        if (!/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(l) || l.startsWith('__')) bad.push(`${id}: label ${l}`);
        // The scrape adds these; `le`/`quantile` come with the histogram and summary parts.
        if ((catalog.targetLabels ?? ['job', 'instance']).includes(l) || l === 'le' || l === 'quantile') bad.push(`${id}: ${l} is not the exporter's`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('only give value sets for labels the metric has', () => {
    const bad: string[] = [];
    for (const { catalog, metric } of all) {
      for (const [label, values] of Object.entries(metric.values ?? {})) {
        if (!metric.labels.includes(label)) bad.push(`${catalog.name}:${metric.name}: values for ${label}, not a label`);
        if (values.length === 0 || new Set(values).size !== values.length) bad.push(`${catalog.name}:${metric.name}: values of ${label}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('carry the facts the rules and dashboards rely on', () => {
    expect(index.resolve('node_cpu_seconds_total')?.metric.values?.['mode']).toEqual(
      ['idle', 'iowait', 'irq', 'nice', 'softirq', 'steal', 'system', 'user'],
    );
    expect(index.resolve('node_filesystem_avail_bytes')?.labels).toEqual(expect.arrayContaining(['device', 'fstype', 'mountpoint', 'job', 'instance']));
    expect(index.resolve('node_uname_info')?.type).toBe('info');
    expect(index.resolve('probe_http_duration_seconds')?.metric.values?.['phase']).toEqual(['resolve', 'connect', 'tls', 'processing', 'transfer']);
    expect(index.resolve('container_start_time_seconds')?.labels).toEqual(expect.arrayContaining(['id', 'image', 'name']));
    expect(index.resolve('nvidia_smi_temperature_gpu')?.labels).toEqual(['uuid', 'job', 'instance']);
    expect(index.resolve('nvidia_smi_gpu_info')?.labels).toEqual(expect.arrayContaining(['uuid', 'name', 'driver_version']));
    expect(index.resolve('ALERTS')?.metric.values?.['alertstate']).toEqual(['pending', 'firing']);
    // Names other exporters use are not this one's: unknown in the owned namespace, or not owned at all.
    expect(index.resolve('nvidia_gpu_temperature_celsius')).toBeUndefined();
    expect(index.owner('nvidia_gpu_temperature_celsius')).toBeUndefined();
    // An exact-name claim (`up`) does not own names it merely prefixes.
    expect(index.owner('up')?.catalog.name).toBeDefined();
    expect(index.owner('uptime_seconds')).toBeUndefined();
    expect(index.owner('nvidia_smi_temperature_gpuu')?.catalog.name).toBe('nvidia_gpu_exporter');
    expect(index.owner('node_memory_MemAvailable')?.catalog.name).toBe('node_exporter');
    expect(index.resolve('node_memory_MemAvailable')).toBeUndefined();
  });

  it('give the homelab jobs', () => {
    const jobs = Object.fromEntries(builtinCatalogs.map((c) => [c.name, c.jobs]));
    expect(jobs).toMatchObject({
      node_exporter: ['node'],
      blackbox_exporter: ['blackbox-nix-cache'],
      cadvisor: ['cadvisor'],
      nvidia_gpu_exporter: ['nvidia-gpu'],
      'nix-build-cache-check': ['node'],
      'homelab-deploy': ['homelab-deploy-builder'],
    });
  });

  it('resolve histogram parts', () => {
    const bucket = index.resolve('homelab_deploy_build_duration_seconds_bucket');
    expect(bucket).toMatchObject({ part: 'bucket', type: 'counter', metric: { name: 'homelab_deploy_build_duration_seconds', type: 'histogram' } });
    expect(bucket?.labels).toEqual(expect.arrayContaining(['repo', 'host', 'le', 'job', 'instance']));
    expect(index.resolve('homelab_deploy_build_duration_seconds_count')).toMatchObject({ part: 'count', type: 'counter' });
    expect(index.resolve('homelab_deploy_build_duration_seconds')).toBeUndefined();
    expect(index.resolve('prometheus_engine_query_duration_seconds')).toMatchObject({ part: 'value', labels: expect.arrayContaining(['quantile', 'slice']) });
  });
});

// ---- the homelab rules --------------------------------------------------------------------------------------

/** TypeScript source without its comments (strings, including template literals, are kept). */
function stripComments(src: string): string {
  let out = '';
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (c === '/' && src[i + 1] === '/') {
      while (i < src.length && src[i] !== '\n') i++;
    } else if (c === '/' && src[i + 1] === '*') {
      const end = src.indexOf('*/', i + 2);
      i = end < 0 ? src.length : end + 2;
    } else if (c === "'" || c === '"' || c === '`') {
      let j = i + 1;
      while (j < src.length && src[j] !== c) j += src[j] === '\\' ? 2 : 1;
      out += src.slice(i, j + 1);
      i = j + 1;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/**
 * Identifiers in a namespace the catalogs own, as a reader of the rule source sees them (comments aside):
 * `\b(node|nvidia_smi|container|probe|nix|homelab_deploy)_\w+` not followed by `(`. Skipped, because they are
 * not selectors: parts of recording-rule names (`repo:homelab_deploy_builds:success_ratio1h`) and file
 * names (`nix_build_cache.prom`).
 */
function referencedNames(src: string): string[] {
  const names = new Set<string>();
  for (const m of stripComments(src).matchAll(/\b(?:node|nvidia_smi|container|probe|nix|homelab_deploy)_[a-zA-Z0-9_]+\b(?!\()/g)) {
    const before = m.index > 0 ? m.input[m.index - 1] : '';
    const after = m.input.slice(m.index + m[0].length, m.index + m[0].length + 2);
    if (before === ':' || after.startsWith(':') || /^\.[a-z]/.test(after)) continue;
    names.add(m[0]);
  }
  return [...names];
}

/** Words in those namespaces the rules' annotations use in prose, not as metric names. */
const PROSE = new Set(['node_exporter']);

describe('the catalogs cover the shipped homelab rules', () => {
  const dir = path.join(repoRoot, 'rules');
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).sort();
  const referenced = files.map((f) => ({ file: f, names: referencedNames(fs.readFileSync(path.join(dir, f), 'utf8')) }));

  it('find the metric names in the rule sources', () => {
    const names = new Set(referenced.flatMap((r) => r.names));
    // Guards the extraction itself: each exporter the homelab scrapes shows up.
    for (const n of ['node_cpu_seconds_total', 'node_filesystem_readonly', 'probe_success', 'probe_http_duration_seconds',
      'container_start_time_seconds', 'nvidia_smi_gpu_info', 'nix_cache_info_accessible', 'homelab_deploy_build_duration_seconds_bucket']) {
      expect(names, n).toContain(n);
    }
    expect(names).not.toContain('homelab_deploy_builds'); // repo:homelab_deploy_builds:success_ratio1h, a recording rule
    expect(names).not.toContain('nix_build_cache'); // nix_build_cache.prom, the textfile
  });

  it.each(referenced)('resolve every metric $file uses', ({ names }) => {
    const unknown = names.filter((n) => !PROSE.has(n) && !index.resolve(n));
    expect(unknown).toEqual([]);
  });

  it('resolve them in the catalog of their exporter', () => {
    const expected: Record<string, string> = {
      node: 'node_exporter', nvidia_smi: 'nvidia_gpu_exporter', container: 'cadvisor', probe: 'blackbox_exporter',
      nix: 'nix-build-cache-check', homelab_deploy: 'homelab-deploy',
    };
    for (const { file, names } of referenced) {
      for (const n of names.filter((x) => !PROSE.has(x))) {
        const prefix = Object.keys(expected).find((p) => n.startsWith(`${p}_`))!;
        expect(index.resolve(n)?.catalog.name, `${file}: ${n}`).toBe(expected[prefix]);
      }
    }
  });
});
