import { describe, expect, it } from 'vitest';
import { metricCatalog } from '../../src/catalog/types.js';
import { closest, editDistance, promqlSeries, withinOneEdit } from '../../src/lint/checks/promql-series.js';
import { alertYaml, brief, lintHomelab, lintYaml, recordYaml } from './helpers.js';

const nix = metricCatalog({
  name: 'nix-check',
  source: 'node_exporter textfile metrics of the Nix build-cache check',
  namespaces: ['nix_'],
  metrics: [
    { name: 'nix_cache_info_accessible', type: 'gauge', help: '', labels: [] },
    { name: 'nix_local_cache_hit', type: 'gauge', help: '', labels: [] },
    { name: 'nix_builder_used', type: 'gauge', help: '', labels: ['builder'] },
  ],
});
const gpu = metricCatalog({
  name: 'nvidia_gpu_exporter',
  source: 'https://github.com/utkuozdemir/nvidia_gpu_exporter',
  namespaces: ['nvidia_smi_'],
  metrics: [
    { name: 'nvidia_smi_temperature_gpu', type: 'gauge', help: '', labels: ['uuid'] },
    { name: 'nvidia_smi_memory_used_bytes', type: 'gauge', help: '', labels: ['uuid'] },
  ],
});
const deploy = metricCatalog({
  name: 'homelab-deploy',
  source: 'https://git.example.net/homelab-deploy',
  namespaces: ['homelab_deploy_'],
  metrics: [
    { name: 'homelab_deploy_builds_total', type: 'counter', help: '', labels: ['repo', 'status'] },
    { name: 'homelab_deploy_build_duration_seconds', type: 'histogram', help: '', labels: ['repo', 'host'] },
  ],
});
const node = metricCatalog({
  name: 'node_exporter',
  source: 'https://github.com/prometheus/node_exporter',
  namespaces: ['node_'],
  metrics: [
    { name: 'node_cpu_seconds_total', type: 'counter', help: '', labels: ['cpu', 'mode'] },
    { name: 'node_filesystem_avail_bytes', type: 'gauge', help: '', labels: ['device', 'fstype', 'mountpoint'] },
  ],
});
const catalogs = [nix, gpu, deploy, node];
const lint = (yaml: string, extra: object = {}): string[] => brief(lintYaml(yaml, [promqlSeries], { catalogs, ...extra }));

describe('promql/series', () => {
  it('reports a typo in an owned namespace, with the closest catalogued name', () => {
    expect(lint(alertYaml('nix_cache_info_accesible == 0'))).toEqual([
      'promql/series @5:16 unknown metric nix_cache_info_accesible: the nix-check catalog owns nix_* and does not list it; did you mean nix_cache_info_accessible?',
    ]);
    const [d] = lintYaml(alertYaml('nix_cache_info_accesible == 0'), [promqlSeries], { catalogs });
    expect(d?.severity).toBe('error');
    expect(d?.hint).toBe('use nix_cache_info_accessible');
  });

  it('is quiet on the correct name, and on names outside every owned namespace', () => {
    expect(lint(alertYaml('nix_cache_info_accessible == 0'))).toEqual([]);
    expect(lint(alertYaml('my_app_requests_total > 0'))).toEqual([]);
    expect(lint(alertYaml('up == 0'))).toEqual([]);
  });

  it('is quiet on selectors without an exact name', () => {
    expect(lint(alertYaml('count({__name__=~"nix_.*"}) == 0'))).toEqual([]);
    expect(lint(alertYaml('count({job="nix"}) == 0'))).toEqual([]);
  });

  it('reads {__name__="…"} and points at the matcher', () => {
    expect(lint(alertYaml('{__name__="nix_cache_info_accesible", job="node"} == 0'))).toEqual([
      'promql/series @5:17 unknown metric nix_cache_info_accesible: the nix-check catalog owns nix_* and does not list it; did you mean nix_cache_info_accessible?',
    ]);
  });

  it('points at the name inside a larger expression, once per name', () => {
    expect(lint(alertYaml('rate(node_cpu_second_total[5m]) > 0 and node_cpu_second_total offset 1h'))).toEqual([
      'promql/series @5:21 unknown metric node_cpu_second_total: the node_exporter catalog owns node_* and does not list it; did you mean node_cpu_seconds_total?',
    ]);
  });

  it('says nothing it cannot back: no suggestion when nothing is close', () => {
    const ds = lintYaml(alertYaml('nix_frobnicator_widgets > 1'), [promqlSeries], { catalogs });
    expect(brief(ds)).toEqual([
      'promql/series @5:16 unknown metric nix_frobnicator_widgets: the nix-check catalog owns nix_* and does not list it',
    ]);
    expect(ds[0]?.hint).toMatch(/add nix_frobnicator_widgets to a project catalog/);
  });

  it('suggests the _total spelling of a counter', () => {
    expect(lint(alertYaml('rate(homelab_deploy_builds[1h]) > 0'))).toEqual([
      'promql/series @5:21 unknown metric homelab_deploy_builds: the homelab-deploy catalog owns homelab_deploy_* and does not list it; did you mean homelab_deploy_builds_total?',
    ]);
  });

  it('knows the names the project records, and suggests them', () => {
    const text = `groups:
  - name: g
    rules:
      - record: nix_cache:hit:avg1h
        expr: avg_over_time(nix_local_cache_hit[1h])
      - record: nix_cache_hit_ratio
        expr: avg(nix_local_cache_hit)
      - alert: A
        expr: nix_cache_hit_ratio < 0.5 or nix_cache_hit_rati < 0.5
`;
    expect(lint(text)).toEqual([
      'promql/series @9:44 unknown metric nix_cache_hit_rati: the nix-check catalog owns nix_* and does not list it; did you mean nix_cache_hit_ratio?',
    ]);
  });

  it('warns about a recording-rule name the project does not record but nearly does', () => {
    const text = `groups:
  - name: g
    rules:
      - record: job:nix_local_cache_hit:avg1h
        expr: avg by (job) (avg_over_time(nix_local_cache_hit[1h]))
      - alert: A
        expr: job:nix_local_cache_hit:avg1 < 0.5
`;
    const ds = lintYaml(text, [promqlSeries], { catalogs });
    expect(brief(ds)).toEqual([
      'promql/series @7:15 no recording rule records job:nix_local_cache_hit:avg1; did you mean job:nix_local_cache_hit:avg1h?',
    ]);
    expect(ds[0]?.severity).toBe('warning');
    expect(lint(recordYaml('x:y:z', 'sum(other:recorded:name)'))).toEqual([]);
  });

  it("names the exporter whose naming a metric comes from", () => {
    // nvidia_gpu_ is outside nvidia_smi_: the project may run that other exporter, so only a warning.
    const ds = lintYaml(alertYaml('nvidia_gpu_temperature_celsius > 80'), [promqlSeries], { catalogs });
    expect(brief(ds)).toEqual([
      "promql/series @5:16 unknown metric nvidia_gpu_temperature_celsius: that is the name in mindprince/nvidia_gpu_prometheus_exporter; utkuozdemir/nvidia_gpu_exporter exposes nvidia_smi_temperature_gpu",
    ]);
    expect(ds[0]?.severity).toBe('warning');
    expect(ds[0]?.hint).toBe('select nvidia_smi_temperature_gpu');
    // Inside an owned namespace the rename is an error; a unit difference is spelled out.
    const old = lintYaml(alertYaml('node_filesystem_avail / 1e9 < 1'), [promqlSeries], { catalogs });
    expect(brief(old)).toEqual([
      "promql/series @5:16 unknown metric node_filesystem_avail: that is the name in node_exporter before 0.16; prometheus/node_exporter exposes node_filesystem_avail_bytes",
    ]);
    expect(old[0]?.severity).toBe('error');
    // No hint when the replacement is not catalogued (here: no GPU catalog at all).
    expect(brief(lintYaml(alertYaml('nvidia_gpu_temperature_celsius > 80'), [promqlSeries], { catalogs: [nix] }))).toEqual([]);
  });

  it('explains that a classic histogram has no series under its bare name', () => {
    const ds = lintYaml(alertYaml('histogram_quantile(0.9, rate(homelab_deploy_build_duration_seconds[1h])) > 600'), [promqlSeries], { catalogs });
    expect(brief(ds)).toEqual([
      "promql/series @5:45 homelab_deploy_build_duration_seconds is a histogram: its series are homelab_deploy_build_duration_seconds_bucket, homelab_deploy_build_duration_seconds_sum and homelab_deploy_build_duration_seconds_count (the bare name exists only when the exporter's histograms are scraped as native histograms)",
    ]);
    expect(ds[0]?.severity).toBe('warning');
    expect(lint(alertYaml('histogram_quantile(0.9, rate(homelab_deploy_build_duration_seconds_bucket[1h])) > 600'))).toEqual([]);
  });

  it('works on the shipped catalogs', () => {
    const real = (e: string): string[] => brief(lintYaml(alertYaml(e), [promqlSeries]));
    expect(real('nix_cache_info_accesible == 0')).toEqual([expect.stringMatching(/unknown metric nix_cache_info_accesible: the nix-build-cache-check catalog owns nix_\* .*did you mean nix_cache_info_accessible\?$/)]);
    expect(real('nvidia_gpu_temperature_celsius > 80')).toEqual([expect.stringMatching(/utkuozdemir\/nvidia_gpu_exporter exposes nvidia_smi_temperature_gpu$/)]);
    expect(real('node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes < 0.1')).toEqual([]);
    expect(real('up == 0 or probe_success == 0 or ALERTS{alertstate="firing"} > 0')).toEqual([]);
    // `up` is one exact name of the prometheus catalog, not a prefix.
    expect(real('uptime_seconds > 0 or upstream_errors_total > 0')).toEqual([]);
  });

  it('warns about a name nobody owns that is one edit from a known one, and leaves other unowned names alone', () => {
    const ds = lintYaml(alertYaml('upp{job="node"} == 0 or my_app_errors_total > 0'), [promqlSeries]);
    expect(brief(ds)).toEqual(['promql/series @5:16 unknown metric upp: no catalog lists it; did you mean up?']);
    expect(ds[0]?.severity).toBe('warning');
    // Recorded names count as known: a typo of one is caught the same way.
    const recorded = lintYaml([
      'groups:', '  - name: g', '    rules:', '      - record: instance_cpu_ratio', '        expr: vector(1)',
      '      - alert: A', '        expr: instance_cpu_rato > 0.9', '        labels: { severity: warning }', '        annotations: { summary: s, description: d }', '',
    ].join('\n'), [promqlSeries]);
    expect(brief(recorded)).toEqual(['promql/series @7:15 unknown metric instance_cpu_rato: no catalog lists it; did you mean instance_cpu_ratio?']);
  });

  it('withinOneEdit agrees with editDistance <= 1 on every pair of short strings over a small alphabet', () => {
    const words = [''];
    for (let len = 1; len <= 4; len++) for (const w of words.filter((x) => x.length === len - 1)) for (const c of 'abc') words.push(w + c);
    let pairs = 0;
    for (const a of words) {
      for (const b of words) {
        if (withinOneEdit(a, b) !== (editDistance(a, b) <= 1)) throw new Error(`withinOneEdit(${a}, ${b}) disagrees with editDistance ${editDistance(a, b)}`);
        pairs++;
      }
    }
    expect(pairs).toBe(121 ** 2);
  });

  it('edit distance counts a transposition as one edit', () => {
    expect(editDistance('idle', 'idel')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(closest('nix_cache_info_accesible', ['nix_cache_info_accessible', 'nix_local_cache_hit'])).toEqual(['nix_cache_info_accessible']);
    expect(closest('up', ['ok'])).toEqual([]);
  });

  it('fires on its bad example (with a fix) and not on its good one, on the shipped catalogs', () => {
    const bad = lintYaml(promqlSeries.example.bad, [promqlSeries]);
    expect(bad.length).toBeGreaterThan(0);
    expect(bad.every((d) => d.code === promqlSeries.id && (d.hint?.length ?? 0) > 5)).toBe(true);
    expect(lintYaml(promqlSeries.example.good, [promqlSeries])).toEqual([]);
  });

  it('leaves the shipped homelab rules clean', async () => {
    expect(await lintHomelab(promqlSeries)).toEqual([]);
  });
});
