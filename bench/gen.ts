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
}

export const SIZES: readonly ProjectSize[] = [
  { label: '1k', rules: 1_000, groups: 100, modules: 10 },
  { label: '10k', rules: 10_000, groups: 500, modules: 50 },
  { label: '50k', rules: 50_000, groups: 1_000, modules: 100 },
];

const FS = 'job="node", fstype!~"tmpfs|overlay|squashfs|ramfs"';

/**
 * One group's rules: recording rules first, then alerts built on them and on raw node_exporter / Prometheus
 * series from the catalogs, so every lint check has something to look at. `g` and `i` keep names unique.
 */
function ruleAt(g: number, i: number): string {
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
        summary: 'High CPU on {{ $labels.instance }}', description: 'CPU busy {{ $value | humanizePercentage }} on {{ $labels.instance }}.' })`;
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

/** Writes `<dir>/promforge.config.ts` and `<dir>/rules/*.ts`; returns the number of alerts and records. */
export function generateProject(dir: string, size: ProjectSize): { alerts: number; records: number } {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, 'rules'), { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'promforge.config.ts'),
    `import { defineConfig } from 'promforge';\n\nexport default defineConfig({\n  prometheus: { version: '2.42.0' },\n  scrapeInterval: '30s',\n  evaluationInterval: '1m',\n});\n`,
  );
  const perGroup = Math.ceil(size.rules / size.groups);
  const groupsPerModule = Math.ceil(size.groups / size.modules);
  let alerts = 0, records = 0, made = 0;
  for (let m = 0; m < size.modules; m++) {
    const groups: string[] = [];
    for (let k = 0; k < groupsPerModule; k++) {
      const g = m * groupsPerModule + k;
      if (g >= size.groups) break;
      const rules: string[] = [];
      for (let i = 0; i < perGroup && made < size.rules; i++, made++) {
        // Alerts 4 and 6 of each ten use records 0 and 2 of the same ten: keep groups whole tens.
        rules.push(ruleAt(g, i));
        if (i % 10 < 4) records++; else alerts++;
      }
      groups.push(`  ruleGroup('bench-g${String(g).padStart(4, '0')}', {\n    rules: [\n      ${rules.join(',\n      ')},\n    ],\n  })`);
    }
    const file = path.join(dir, 'rules', `bench-m${String(m).padStart(3, '0')}.ts`);
    fs.writeFileSync(file, `// Generated by bench/gen.ts: do not edit.\nimport { alert, record, ruleGroup } from 'promforge';\n\nexport default [\n${groups.join(',\n')},\n];\n`);
  }
  return { alerts, records };
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
