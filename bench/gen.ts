/**
 * Synthetic projects and test suites for the benchmarks. Everything is deterministic: the same size gives the
 * same bytes, so runs are comparable across sessions.
 *
 * Projects go under bench/.generated/ (git-ignored): their rules/*.ts import 'promforge', which only resolves
 * inside this package.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface ProjectSize {
  readonly label: string;
  readonly rules: number;
  readonly groups: number;
  /** rules/*.ts modules; groups are spread evenly over them. */
  readonly modules: number;
  /** dashboards/*.ts modules of one dashboard each, 20 panels a dashboard, spread evenly over the groups. */
  readonly dashboards: number;
}

/**
 * 50k gets 1,000 dashboards, one per group as at 10k: a Grafana with a thousand provisioned dashboards is
 * large but real (one per service and environment), and it keeps the dashboards' share comparable across sizes.
 */
export const SIZES: readonly ProjectSize[] = [
  { label: '1k', rules: 1_000, groups: 100, modules: 10, dashboards: 50 },
  { label: '10k', rules: 10_000, groups: 500, modules: 50, dashboards: 500 },
  { label: '50k', rules: 50_000, groups: 1_000, modules: 100, dashboards: 1_000 },
];

/** Panels per generated dashboard, row headers not counted. */
export const PANELS_PER_DASHBOARD = 20;

const FS = 'job="node", fstype!~"tmpfs|overlay|squashfs|ramfs"';

/**
 * One group's rules: recording rules first, then alerts built on them and on raw node_exporter / Prometheus
 * series from the catalogs, so every lint check has something to look at. `g` and `i` keep names unique.
 */
function ruleAt(g: number, i: number, link?: string): string {
  const tag = `g${g}r${i}`;
  const name = `G${g}R${i}`;
  const thr = (base: number, step: number): string => String(Math.round((base + ((g * 7 + i) % 10) * step) * 1000) / 1000);
  const inst = `instance=~"host-${g % 50}-.*"`;
  const kind = i % 10;
  const q = (s: string): string => JSON.stringify(s);
  switch (kind) {
    case 0:
      return `record(${q(`instance:node_cpu_busy_${tag}:rate5m`)}, { expr: ${q(`sum by (instance) (rate(node_cpu_seconds_total{job="node", ${inst}, mode!="idle"}[5m]))`)} })`;
    case 1:
      return `record(${q(`instance_device:node_network_receive_bytes_${tag}:rate5m`)}, { expr: ${q(`sum by (instance, device) (rate(node_network_receive_bytes_total{job="node", ${inst}, device!~"lo|veth.*"}[5m]))`)} })`;
    case 2:
      return `record(${q(`handler:prometheus_http_request_duration_seconds_${tag}:p99`)}, { expr: ${q(`histogram_quantile(0.99, sum by (le, handler) (rate(prometheus_http_request_duration_seconds_bucket{job="prometheus"}[5m])))`)} })`;
    case 3:
      return `record(${q(`instance:node_memory_used_${tag}:ratio`)}, { expr: ${q(`1 - node_memory_MemAvailable_bytes{job="node", ${inst}} / node_memory_MemTotal_bytes{job="node", ${inst}}`)} })`;
    case 4:
      return `alert(${q(`HostHighCpu${name}`)}, { expr: ${q(`instance:node_cpu_busy_g${g}r${i - 4}:rate5m > ${thr(0.8, 0.01)}`)}, for: '10m', severity: 'warning',
        summary: 'High CPU on {{ $labels.instance }}', description: 'CPU busy {{ $value | humanizePercentage }} on {{ $labels.instance }}.'${
          link ? `,\n        dashboard: { uid: ${q(link)}, panel: ${CPU_PANEL_ID}, vars: { instance: '{{ $labels.instance }}' } }` : ''} })`;
    case 5:
      return `alert(${q(`HostDiskIoSaturated${name}`)}, { expr: ${q(`avg by (instance) (rate(node_disk_io_time_seconds_total{job="node", ${inst}}[10m])) > ${thr(0.8, 0.01)}`)}, for: '15m', severity: 'warning',
        summary: 'Disk I/O saturated on {{ $labels.instance }}', description: 'See {{ $labels.instance }}; value {{ $value }}.' })`;
    case 6:
      return `alert(${q(`PrometheusSlowHandler${name}`)}, { expr: ${q(`handler:prometheus_http_request_duration_seconds_g${g}r${i - 4}:p99 > ${thr(0.5, 0.1)}`)}, for: '5m', severity: 'info',
        summary: 'Handler {{ $labels.handler }} is slow', description: 'p99 is {{ $value | humanizeDuration }}.' })`;
    case 7:
      return `alert(${q(`HostDiskWillFillIn4h${name}`)}, { expr: ${q(`predict_linear(node_filesystem_avail_bytes{${FS}}[6h], 4 * 3600) < 0 and on (instance, device, mountpoint) node_filesystem_readonly{${FS}} == 0`)}, for: '30m', severity: 'critical',
        summary: 'Filesystem {{ $labels.mountpoint }} on {{ $labels.instance }} fills up within 4 hours', description: 'See {{ $labels.instance }}; value {{ $value }}.' })`;
    case 8:
      return `alert(${q(`HostHighLoad${name}`)}, { expr: ${q(`node_load5{job="node", ${inst}} / on (instance) count by (instance) (node_cpu_seconds_total{job="node", ${inst}, mode="idle"}) > ${thr(1.5, 0.1)}`)}, for: '15m', severity: 'warning',
        summary: 'Load is high on {{ $labels.instance }}', description: 'See {{ $labels.instance }}; value {{ $value }}.' })`;
    default:
      return `alert(${q(`HostNetworkErrors${name}`)}, { expr: ${q(`increase(node_network_receive_errs_total{job="node", ${inst}}[15m]) > ${thr(10, 5)} or up{job="node", ${inst}} == 0`)}, for: '5m', severity: 'critical',
        summary: 'Network errors or scrape failures on {{ $labels.instance }}', description: 'See {{ $labels.instance }}; value {{ $value }}.' })`;
  }
}

/** The CPU graph's id on every generated dashboard (rows count: "Now" is 1, its six stats 2–7, the next row 8). */
const CPU_PANEL_ID = 9;

const dashboardUid = (d: number): string => `bench-d${String(d).padStart(4, '0')}`;
/** Dashboard `d` shows group `groupOfDashboard(d)`; with fewer dashboards than groups, the groups in between link to the one before them. */
const groupOfDashboard = (d: number, size: ProjectSize): number => Math.floor((d * size.groups) / size.dashboards);
const dashboardOfGroup = (g: number, size: ProjectSize): number => Math.floor((g * size.dashboards) / size.groups);

/**
 * The house style a team with many dashboards keeps in one `_` module (the build does not load it as a
 * dashboard): graphs that show their legend, stats that show the latest value over its trend.
 */
const STYLE_MODULE = `// Generated by bench/gen.ts: do not edit.
import { BigValueColorMode, BigValueGraphMode, LegendDisplayMode, LegendPlacement, ReduceDataOptionsBuilder, SortOrder, TooltipDisplayMode, VizLegendOptionsBuilder, VizTooltipOptionsBuilder } from '@grafana/grafana-foundation-sdk/common';
import * as stat from '@grafana/grafana-foundation-sdk/stat';
import * as timeseries from '@grafana/grafana-foundation-sdk/timeseries';

export function graph(title: string): timeseries.PanelBuilder {
  return new timeseries.PanelBuilder()
    .title(title)
    .legend(new VizLegendOptionsBuilder().showLegend(true).displayMode(LegendDisplayMode.List).placement(LegendPlacement.Bottom).calcs([]))
    .tooltip(new VizTooltipOptionsBuilder().mode(TooltipDisplayMode.Multi).sort(SortOrder.Descending));
}

export function trendStat(title: string): stat.PanelBuilder {
  return new stat.PanelBuilder()
    .title(title)
    .colorMode(BigValueColorMode.Value)
    .graphMode(BigValueGraphMode.Area)
    .reduceOptions(new ReduceDataOptionsBuilder().calcs(['lastNotNull']));
}
`;

/**
 * One service's dashboard, as a module of dashboards/: six stats under "Now", then fourteen graphs in three
 * rows, over the group's recording rules and the node_exporter and Prometheus series its alerts watch, filtered
 * by `$job` and `$instance`, thresholds at the group's alert thresholds.
 */
function dashboardModule(d: number, size: ProjectSize): string {
  const g = groupOfDashboard(d, size);
  const thr = (i: number, base: number, step: number): number => Math.round((base + ((g * 7 + i) % 10) * step) * 1000) / 1000;
  const q = (s: string): string => JSON.stringify(s);
  return `// Generated by bench/gen.ts: do not edit.
import { DashboardBuilder, RowBuilder } from '@grafana/grafana-foundation-sdk/dashboard';
import * as units from '@grafana/grafana-foundation-sdk/units';
import { dashboard, datasourceVariable, instanceVariable, jobVariable, promQuery, statRow, thresholds } from 'promforge';
import { graph, trendStat } from './_style.js';

/** The hosts selected in the variables. */
const host = 'job=~"$job", instance=~"$instance"';
const dataFs = \`\${host}, fstype!~"tmpfs|overlay|squashfs|ramfs"\`;
const nics = \`\${host}, device!~"lo|veth.*"\`;
/** The recording rules of group bench-g${String(g).padStart(4, '0')}. */
const cpuBusy = ${q(`instance:node_cpu_busy_g${g}r0:rate5m{instance=~"$instance"}`)};
const received = ${q(`instance_device:node_network_receive_bytes_g${g}r1:rate5m{instance=~"$instance"}`)};
const handlerP99 = ${q(`handler:prometheus_http_request_duration_seconds_g${g}r2:p99`)};
const memoryUsed = ${q(`instance:node_memory_used_g${g}r3:ratio{instance=~"$instance"}`)};
const loadPerCpu = \`node_load5{\${host}} / on (instance) count by (instance) (node_cpu_seconds_total{\${host}, mode="idle"})\`;

/** Where the group's alerts fire. */
const cpuThresholds = thresholds('green', [${thr(4, 0.8, 0.01)}, 'red']);
const loadThresholds = thresholds('green', [${thr(8, 1.5, 0.1)}, 'red']);
const latencyThresholds = thresholds('green', [${thr(6, 0.5, 0.1)}, 'red']);
const fsThresholds = thresholds('green', [0.8, 'orange'], [0.9, 'red']);

const board = new DashboardBuilder(${q(`Service ${d} hosts`)})
  .uid(${q(dashboardUid(d))})
  .description(${q(`Hosts of service ${d} (rule group bench-g${String(g).padStart(4, '0')}): CPU, memory, disks, network and the Prometheus handlers.`)})
  .tags(['bench', 'hosts', ${q(`team-${d % 10}`)}])
  .time({ from: 'now-6h', to: 'now' })
  .refresh('1m')
  .withVariable(datasourceVariable())
  .withVariable(jobVariable({ selector: 'node_uname_info' }))
  .withVariable(instanceVariable({ selector: ${q(`node_uname_info{job=~"$job", instance=~"host-${g % 50}-.*"}`)} }));

statRow(board, 'Now', [
  trendStat('Targets up').withTarget(promQuery(\`sum(up{\${host}})\`, { instant: true })).unit(units.Short).thresholds(thresholds('red', [1, 'green'])),
  trendStat('CPU busy (max)').withTarget(promQuery(\`max(\${cpuBusy})\`, { instant: true })).unit(units.PercentUnit).min(0).max(1).thresholds(cpuThresholds),
  trendStat('Memory used (max)').withTarget(promQuery(\`max(\${memoryUsed})\`, { instant: true })).unit(units.PercentUnit).min(0).max(1).thresholds(fsThresholds),
  trendStat('Load per CPU (max)').withTarget(promQuery(\`max(\${loadPerCpu})\`, { instant: true })).unit(units.Short).thresholds(loadThresholds),
  trendStat('Uptime (min)').withTarget(promQuery(\`min(node_time_seconds{\${host}} - node_boot_time_seconds{\${host}})\`, { instant: true })).unit(units.DurationSeconds).thresholds(thresholds('orange', [3600, 'green'])),
  trendStat('Slowest handler p99').withTarget(promQuery(\`max(\${handlerP99})\`, { instant: true })).unit(units.Seconds).thresholds(latencyThresholds),
], { height: 4 });

board
  .withRow(new RowBuilder('CPU and memory'))
  .withPanel(graph('CPU busy').withTarget(promQuery(cpuBusy, { legend: '{{instance}}' })).unit(units.PercentUnit).min(0).max(1).thresholds(cpuThresholds).span(12).height(8))
  .withPanel(graph('CPU by mode').withTarget(promQuery(\`sum by (instance, mode) (rate(node_cpu_seconds_total{\${host}, mode!="idle"}[$__rate_interval]))\`, { legend: '{{instance}} {{mode}}' })).unit(units.PercentUnit).min(0).span(12).height(8))
  .withPanel(graph('Memory used').withTarget(promQuery(memoryUsed, { legend: '{{instance}}' })).unit(units.PercentUnit).min(0).max(1).thresholds(fsThresholds).span(12).height(8))
  .withPanel(graph('Memory available').withTarget(promQuery(\`node_memory_MemAvailable_bytes{\${host}}\`, { legend: '{{instance}}' })).unit(units.BytesIEC).min(0).span(12).height(8))
  .withPanel(graph('Load average')
    .withTarget(promQuery(\`node_load1{\${host}}\`, { legend: '{{instance}} 1m' }))
    .withTarget(promQuery(\`node_load5{\${host}}\`, { legend: '{{instance}} 5m' }))
    .withTarget(promQuery(\`node_load15{\${host}}\`, { legend: '{{instance}} 15m' }))
    .unit(units.Short).min(0).span(12).height(8))
  .withPanel(graph('Context switches').withTarget(promQuery(\`rate(node_context_switches_total{\${host}}[$__rate_interval])\`, { legend: '{{instance}}' })).unit(units.OpsPerSecond).min(0).span(12).height(8));

board
  .withRow(new RowBuilder('Disks'))
  .withPanel(graph('Disk busy').withTarget(promQuery(\`rate(node_disk_io_time_seconds_total{\${host}}[$__rate_interval])\`, { legend: '{{instance}} {{device}}' })).unit(units.PercentUnit).min(0).max(1).span(12).height(8))
  .withPanel(graph('Disk throughput')
    .withTarget(promQuery(\`rate(node_disk_read_bytes_total{\${host}}[$__rate_interval])\`, { legend: '{{instance}} {{device}} read' }))
    .withTarget(promQuery(\`rate(node_disk_written_bytes_total{\${host}}[$__rate_interval])\`, { legend: '{{instance}} {{device}} written' }))
    .unit(units.BytesPerSecondSI).min(0).span(12).height(8))
  .withPanel(graph('Filesystem used').withTarget(promQuery(\`1 - node_filesystem_avail_bytes{\${dataFs}} / node_filesystem_size_bytes{\${dataFs}}\`, { legend: '{{instance}} {{mountpoint}}' })).unit(units.PercentUnit).min(0).max(1).thresholds(fsThresholds).span(12).height(8))
  .withPanel(graph('Available in 4 hours (linear)').withTarget(promQuery(\`predict_linear(node_filesystem_avail_bytes{\${dataFs}}[6h], 4 * 3600)\`, { legend: '{{instance}} {{mountpoint}}' })).unit(units.BytesIEC).span(12).height(8));

board
  .withRow(new RowBuilder('Network and Prometheus'))
  .withPanel(graph('Received').withTarget(promQuery(received, { legend: '{{instance}} {{device}}' })).unit(units.BytesPerSecondSI).min(0).span(12).height(8))
  .withPanel(graph('Transmitted').withTarget(promQuery(\`sum by (instance, device) (rate(node_network_transmit_bytes_total{\${nics}}[$__rate_interval]))\`, { legend: '{{instance}} {{device}}' })).unit(units.BytesPerSecondSI).min(0).span(12).height(8))
  .withPanel(graph('Network errors').withTarget(promQuery(\`sum by (instance) (rate(node_network_receive_errs_total{\${nics}}[$__rate_interval]) + rate(node_network_transmit_errs_total{\${nics}}[$__rate_interval]))\`, { legend: '{{instance}}' })).unit(units.PacketsPerSecond).min(0).span(12).height(8))
  .withPanel(graph('Prometheus handlers p99').withTarget(promQuery(handlerP99, { legend: '{{handler}}' })).unit(units.Seconds).min(0).thresholds(latencyThresholds).span(12).height(8));

export default dashboard({ folder: ${q(`Team ${d % 10}`)}, dashboard: board });
`;
}

/**
 * The host manifest: 100 hosts running node_exporter (the rules' `instance=~"host-<n>-.*"` selectors find two
 * each) and one Prometheus, so the rules' and dashboards' job selectors are judged against it.
 */
function manifestModule(): string {
  const hosts: string[] = [];
  for (let n = 0; n < 50; n++) for (const k of [1, 2]) hosts.push(`    host('host-${n}-${k}', { runs: ['node'] }),`);
  hosts.push(`    host('prometheus-1', { runs: ['node', 'prometheus'] }),`);
  return `// Generated by bench/gen.ts: do not edit.\nimport { host, hostManifest } from 'promforge';\n\nexport default hostManifest({\n  hosts: [\n${hosts.join('\n')}\n  ],\n});\n`;
}

export interface GeneratedProject {
  readonly alerts: number;
  readonly records: number;
  readonly dashboards: number;
  readonly panels: number;
}

/**
 * Writes `<dir>/promforge.config.ts`, the host manifest `prometheus/bench.ts` and `rules/*.ts`; with
 * `dashboards`, also `dashboards/*.ts` (one dashboard a module, as the homelab's) and on every CPU alert a
 * `dashboard:` link to its service's dashboard. Without it the rules are the same but for those links, so the
 * two builds side by side show what the dashboards cost.
 */
export function generateProject(dir: string, size: ProjectSize, options: { dashboards?: boolean } = {}): GeneratedProject {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, 'rules'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'prometheus'), { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'promforge.config.ts'),
    `import { defineConfig } from 'promforge';\n\nexport default defineConfig({\n  prometheus: { version: '2.42.0' },\n  scrapeInterval: '30s',\n  evaluationInterval: '1m',\n  grafana: { url: 'https://grafana.example.org' },\n});\n`,
  );
  fs.writeFileSync(path.join(dir, 'prometheus', 'bench.ts'), manifestModule());
  const withDashboards = options.dashboards === true;
  const perGroup = Math.ceil(size.rules / size.groups);
  const groupsPerModule = Math.ceil(size.groups / size.modules);
  let alerts = 0, records = 0, made = 0;
  for (let m = 0; m < size.modules; m++) {
    const groups: string[] = [];
    for (let k = 0; k < groupsPerModule; k++) {
      const g = m * groupsPerModule + k;
      if (g >= size.groups) break;
      const rules: string[] = [];
      const link = withDashboards ? dashboardUid(dashboardOfGroup(g, size)) : undefined;
      for (let i = 0; i < perGroup && made < size.rules; i++, made++) {
        // Alerts 4 and 6 of each ten use records 0 and 2 of the same ten: keep groups whole tens.
        rules.push(ruleAt(g, i, link));
        if (i % 10 < 4) records++; else alerts++;
      }
      groups.push(`  ruleGroup('bench-g${String(g).padStart(4, '0')}', {\n    rules: [\n      ${rules.join(',\n      ')},\n    ],\n  })`);
    }
    const file = path.join(dir, 'rules', `bench-m${String(m).padStart(3, '0')}.ts`);
    fs.writeFileSync(file, `// Generated by bench/gen.ts: do not edit.\nimport { alert, record, ruleGroup } from 'promforge';\n\nexport default [\n${groups.join(',\n')},\n];\n`);
  }
  if (!withDashboards) return { alerts, records, dashboards: 0, panels: 0 };
  fs.mkdirSync(path.join(dir, 'dashboards'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'dashboards', '_style.ts'), STYLE_MODULE);
  for (let d = 0; d < size.dashboards; d++) {
    fs.writeFileSync(path.join(dir, 'dashboards', `${dashboardUid(d)}.ts`), dashboardModule(d, size));
  }
  return { alerts, records, dashboards: size.dashboards, panels: size.dashboards * PANELS_PER_DASHBOARD };
}

/**
 * A promtool unit-test suite: a rule file of `alerts` alerts and a test file of `groups` test groups, each
 * with `seriesPerGroup` input series of `samples` 1-minute samples (1440 = one day), and three
 * alert_rule_test checks per alert it names. Values are integers counting up one per minute, so when each
 * alert fires is known exactly: `x > T for 5m` is first firing at T+6m. Eval times stay clear of the edges.
 */
export interface TestSuiteSize {
  readonly alerts: number;
  readonly groups: number;
  readonly seriesPerGroup: number;
  readonly samples: number;
  readonly alertsPerGroup: number;
}

export function generateTestSuite(dir: string, size: TestSuiteSize): { file: string; alertTests: number } {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const rules: string[] = [];
  const threshold = (a: number): number => 60 + ((a * 37) % Math.max(1, size.samples - 200));
  for (let a = 0; a < size.alerts; a++) {
    rules.push(
      `      - alert: CounterHigh${a}\n        expr: bench_value{job="bench", series="s${a % size.seriesPerGroup}"} > ${threshold(a)}\n        for: 5m\n` +
        `        labels:\n          severity: warning\n        annotations:\n          summary: "{{ $labels.instance }} is above ${threshold(a)}"\n`,
    );
  }
  fs.writeFileSync(path.join(dir, 'rules.yml'), `groups:\n  - name: bench\n    rules:\n${rules.join('')}`);

  const tests: string[] = [];
  let alertTests = 0;
  for (let t = 0; t < size.groups; t++) {
    const instance = `host-${t}:9100`;
    const series: string[] = [];
    for (let s = 0; s < size.seriesPerGroup; s++) {
      series.push(`      - series: 'bench_value{job="bench", series="s${s}", instance="${instance}"}'\n        values: '0+1x${size.samples}'\n`);
    }
    const checks: string[] = [];
    for (let k = 0; k < size.alertsPerGroup; k++) {
      const a = (t * size.alertsPerGroup + k) % size.alerts;
      const thr = threshold(a);
      const firing = `          - exp_labels: { severity: warning, job: bench, series: s${a % size.seriesPerGroup}, instance: "${instance}" }\n` +
        `            exp_annotations: { summary: "${instance} is above ${thr}" }\n`;
      for (const [at, fires] of [[thr - 10, false], [thr + 3, false], [thr + 20, true], [size.samples, true]] as const) {
        checks.push(`      - eval_time: ${at}m\n        alertname: CounterHigh${a}\n        exp_alerts:${fires ? `\n${firing}` : ' []\n'}`);
        alertTests++;
      }
    }
    tests.push(`  - name: group ${t}\n    interval: 1m\n    input_series:\n${series.join('')}    alert_rule_test:\n${checks.join('')}`);
  }
  const file = path.join(dir, 'alerts.test.yml');
  fs.writeFileSync(file, `rule_files:\n  - rules.yml\nevaluation_interval: 1m\ntests:\n${tests.join('')}`);
  return { file, alertTests };
}
