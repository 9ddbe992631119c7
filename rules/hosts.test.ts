/**
 * Tests for rules/hosts.ts (node_exporter, job `node`). HostHighMemoryUsage and HostLowDiskSpace have a warning
 * and a critical tier under one alert name: the tests check that each tier fires at its own threshold and
 * after its own `for`, and that both are listed while both fire.
 */
import { ruleTests } from 'promforge';
import hosts from './hosts.js';

const RUNBOOKS = 'https://git.t-juice.club/torjus/nixos-servers/src/branch/master/docs/runbooks';
/** The rendered runbook_url: the runbook section is the alert name in lower case. */
const runbook = (alertname: string): string => `${RUNBOOKS}/hosts.md#${alertname.toLowerCase()}`;
const GRAFANA = 'https://grafana.home.2rjus.net';
/** The rendered dashboard_url: the system overview, showing the alert's host. */
const dashboard = (instance: string): string => `${GRAFANA}/d/system-overview?var-instance=${encodeURIComponent(instance)}`;

const GiB = 1024 ** 3;

const hostDown = (instance: string) => ({
  exp_labels: { instance, job: 'node', severity: 'critical' },
  exp_annotations: {
    summary: `Host ${instance} is down`,
    description:
      `Prometheus has not been able to scrape node_exporter on ${instance} for over a minute: ` +
      'the host is down, unreachable, or node_exporter stopped.',
    runbook_url: runbook('HostDown'),
    dashboard_url: dashboard(instance),
  },
});

/** `avg by (instance)` keeps only the instance. */
const highCpu = (instance: string, now: string) => ({
  exp_labels: { instance, severity: 'warning' },
  exp_annotations: {
    summary: `High CPU usage on ${instance}`,
    description: `CPU usage on ${instance} has been above 85% for 10 minutes (now ${now}).`,
    runbook_url: runbook('HostHighCpuUsage'),
    dashboard_url: dashboard(instance),
  },
});

const memoryWarning = (instance: string, now: string) => ({
  exp_labels: { instance, job: 'node', severity: 'warning' },
  exp_annotations: {
    summary: `High memory usage on ${instance}`,
    description: `Memory usage on ${instance} has been above 85% for 5 minutes (now ${now}).`,
    runbook_url: runbook('HostHighMemoryUsage'),
    dashboard_url: dashboard(instance),
  },
});

const memoryCritical = (instance: string, now: string) => ({
  exp_labels: { instance, job: 'node', severity: 'critical' },
  exp_annotations: {
    summary: `Memory almost exhausted on ${instance}`,
    description:
      `Memory usage on ${instance} has been above 90% for 5 minutes (now ${now}); ` +
      'the kernel OOM killer may start killing processes.',
    runbook_url: runbook('HostHighMemoryUsage'),
    dashboard_url: dashboard(instance),
  },
});

interface Fs { instance: string; device: string; fstype: string; mountpoint: string }
const nasRoot: Fs = { instance: 'nas-01:9100', device: '/dev/nvme0n1p2', fstype: 'ext4', mountpoint: '/' };
const nasData: Fs = { instance: 'nas-01:9100', device: '/dev/sdb1', fstype: 'ext4', mountpoint: '/srv/data' };

const diskWarning = (fs: Fs, available: string) => ({
  exp_labels: { ...fs, job: 'node', severity: 'warning' },
  exp_annotations: {
    summary: `Filesystem ${fs.mountpoint} on ${fs.instance} is filling up`,
    description: `Only ${available} of ${fs.mountpoint} (${fs.device}) on ${fs.instance} is available.`,
    runbook_url: runbook('HostLowDiskSpace'),
    dashboard_url: dashboard(fs.instance),
  },
});

const diskCritical = (fs: Fs, available: string) => ({
  exp_labels: { ...fs, job: 'node', severity: 'critical' },
  exp_annotations: {
    summary: `Filesystem ${fs.mountpoint} on ${fs.instance} is almost full`,
    description:
      `Only ${available} of ${fs.mountpoint} (${fs.device}) on ${fs.instance} is available; ` +
      'writes will start failing when it reaches 0.',
    runbook_url: runbook('HostLowDiskSpace'),
    dashboard_url: dashboard(fs.instance),
  },
});

const readOnly = (fs: Fs) => ({
  exp_labels: { ...fs, job: 'node', severity: 'critical' },
  exp_annotations: {
    summary: `Filesystem ${fs.mountpoint} on ${fs.instance} is read-only`,
    description:
      `${fs.mountpoint} (${fs.device}, ${fs.fstype}) on ${fs.instance} is mounted read-only, usually after the kernel ` +
      'saw I/O or filesystem errors. Services writing to it are failing.',
    runbook_url: runbook('HostFilesystemReadOnly'),
    dashboard_url: dashboard(fs.instance),
  },
});

const fsLabels = (fs: Fs): string =>
  `device="${fs.device}", fstype="${fs.fstype}", instance="${fs.instance}", job="node", mountpoint="${fs.mountpoint}"`;

/** node_exporter's series for one mount: size, avail (expanding notation) and readonly (default: writable). */
const filesystem = (fs: Fs, sizeBytes: number, avail: string, readonlyValues = '0x60') => [
  { series: `node_filesystem_size_bytes{${fsLabels(fs)}}`, values: `${sizeBytes}x60` },
  { series: `node_filesystem_avail_bytes{${fsLabels(fs)}}`, values: avail },
  { series: `node_filesystem_readonly{${fsLabels(fs)}}`, values: readonlyValues },
];

const cpu = (instance: string, n: number, mode: string) =>
  `node_cpu_seconds_total{cpu="${n}", instance="${instance}", job="node", mode="${mode}"}`;

export default ruleTests(hosts, {
  tests: [
    // ---------------------------------------------------------------- HostDown (for 1m)
    {
      name: 'HostDown: node_exporter unscraped for over a minute fires for that host only, and resolves when it answers',
      interval: '1m',
      input_series: [
        { series: 'up{instance="nas-01:9100", job="node"}', values: '1x4 0x5 1x5' }, // down from 5m to 10m
        { series: 'up{instance="nix-cache02:9100", job="node"}', values: '1x15' },
      ],
      alert_rule_test: [
        { eval_time: '4m', alertname: 'HostDown', exp_alerts: [] },
        { eval_time: '5m', alertname: 'HostDown', exp_alerts: [] }, // pending
        { eval_time: '6m', alertname: 'HostDown', exp_alerts: [hostDown('nas-01:9100')] },
        { eval_time: '10m', alertname: 'HostDown', exp_alerts: [hostDown('nas-01:9100')] },
        { eval_time: '11m', alertname: 'HostDown', exp_alerts: [] },
      ],
    },
    {
      name: 'HostDown: a single failed scrape does not fire',
      interval: '1m',
      input_series: [{ series: 'up{instance="nas-01:9100", job="node"}', values: '1x4 0 1x5' }],
      alert_rule_test: [
        { eval_time: '5m', alertname: 'HostDown', exp_alerts: [] },
        { eval_time: '6m', alertname: 'HostDown', exp_alerts: [] },
      ],
    },

    // ---------------------------------------------------------------- HostHighCpuUsage (> 85% for 10m)
    {
      name: 'HostHighCpuUsage: 90% busy across both CPUs fires 10m after the 5m rate window fills, and resolves when idle',
      // node_exporter scraped every 15s. With 1m samples the conventions differ by a whole scrape: a 5m
      // window holds 6 samples in Prometheus 2.x ([t-5m, t]) but 5 in 3.x ((t-5m, t], rate() extrapolates
      // the 4m it sees), so 3.x saw the window "all busy" a minute earlier. With 15s samples 3.x sees 4m45s:
      // at 14m it is 4/4.75 busy (76%, 2.x: 4/5, 72%), both under 85%, and both are all busy from 15m.
      interval: '15s',
      // idle until 10m; from 10m to 40m cpu0 is 95% busy (idle +0.75s/15s) and cpu1 85% (idle +2.25s/15s):
      // 90% on average. The 5m rate window is all busy from 15m, so the alert is pending from 15m and fires at 25m.
      input_series: [
        { series: cpu('nix-cache02:9100', 0, 'idle'), values: '0+15x40 600.75+0.75x119 705+15x39' },
        { series: cpu('nix-cache02:9100', 1, 'idle'), values: '0+15x40 602.25+2.25x119 885+15x39' },
        { series: cpu('nix-cache02:9100', 0, 'user'), values: '0x40 14.25+14.25x119 1710x39' },
        { series: cpu('nix-cache02:9100', 1, 'user'), values: '0x40 12.75+12.75x119 1530x39' },
      ],
      alert_rule_test: [
        { eval_time: '14m', alertname: 'HostHighCpuUsage', exp_alerts: [] }, // 72% (2.x) / 76% (3.x): the window is not all busy yet
        { eval_time: '24m', alertname: 'HostHighCpuUsage', exp_alerts: [] }, // pending for 9m
        { eval_time: '25m', alertname: 'HostHighCpuUsage', exp_alerts: [highCpu('nix-cache02:9100', '90%')] },
        { eval_time: '40m', alertname: 'HostHighCpuUsage', exp_alerts: [highCpu('nix-cache02:9100', '90%')] },
        { eval_time: '41m', alertname: 'HostHighCpuUsage', exp_alerts: [] },
      ],
    },
    {
      name: 'HostHighCpuUsage: an 8-minute build at 100% and a steady 84% never fire',
      interval: '1m',
      input_series: [
        // nix-cache02: all CPUs busy from 10m to 18m (idle counter flat), then idle
        { series: cpu('nix-cache02:9100', 0, 'idle'), values: '0+60x10 600x8 660+60x40' },
        // nas-01: 84% busy for an hour (idle +9.6s/min)
        { series: cpu('nas-01:9100', 0, 'idle'), values: '0+9.6x60' },
      ],
      alert_rule_test: [
        { eval_time: '18m', alertname: 'HostHighCpuUsage', exp_alerts: [] },
        { eval_time: '25m', alertname: 'HostHighCpuUsage', exp_alerts: [] },
        { eval_time: '28m', alertname: 'HostHighCpuUsage', exp_alerts: [] },
        { eval_time: '60m', alertname: 'HostHighCpuUsage', exp_alerts: [] },
      ],
    },

    // ---------------------------------------------------------------- HostHighMemoryUsage (> 85% warning, > 90% critical)
    {
      name: 'HostHighMemoryUsage: the warning fires 5m after 85% is crossed, the critical 5m after 90%, both resolve together',
      interval: '1m',
      // 16 GiB: 8 GiB available (50% used) until 4m, 2 GiB (87.5%) from 5m, 1 GiB (93.75%) from 20m, 8 GiB from 35m
      input_series: [
        { series: 'node_memory_MemTotal_bytes{instance="nas-01:9100", job="node"}', values: `${16 * GiB}x40` },
        { series: 'node_memory_MemAvailable_bytes{instance="nas-01:9100", job="node"}', values: `${8 * GiB}x4 ${2 * GiB}x14 ${GiB}x14 ${8 * GiB}x5` },
      ],
      alert_rule_test: [
        { eval_time: '4m', alertname: 'HostHighMemoryUsage', exp_alerts: [] },
        { eval_time: '9m', alertname: 'HostHighMemoryUsage', exp_alerts: [] }, // warning pending for 4m
        { eval_time: '10m', alertname: 'HostHighMemoryUsage', exp_alerts: [memoryWarning('nas-01:9100', '87.5%')] },
        // 93.75% from 20m: the warning shows the new value, the critical tier is pending until 24m
        { eval_time: '24m', alertname: 'HostHighMemoryUsage', exp_alerts: [memoryWarning('nas-01:9100', '93.75%')] },
        {
          eval_time: '25m', alertname: 'HostHighMemoryUsage',
          exp_alerts: [memoryWarning('nas-01:9100', '93.75%'), memoryCritical('nas-01:9100', '93.75%')],
        },
        { eval_time: '34m', alertname: 'HostHighMemoryUsage', exp_alerts: [memoryWarning('nas-01:9100', '93.75%'), memoryCritical('nas-01:9100', '93.75%')] },
        { eval_time: '35m', alertname: 'HostHighMemoryUsage', exp_alerts: [] },
      ],
    },
    {
      name: 'HostHighMemoryUsage: a jump straight past 90% fires both tiers after 5m; 84% fires neither',
      interval: '1m',
      input_series: [
        { series: 'node_memory_MemTotal_bytes{instance="nas-01:9100", job="node"}', values: `${16 * GiB}x20` },
        // 50% used, then 96.875% (0.5 GiB available) from 5m
        { series: 'node_memory_MemAvailable_bytes{instance="nas-01:9100", job="node"}', values: `${8 * GiB}x4 ${0.5 * GiB}x15` },
        { series: 'node_memory_MemTotal_bytes{instance="nix-cache02:9100", job="node"}', values: `${32 * GiB}x20` },
        // 84% used throughout (5.12 GiB of 32 GiB available)
        { series: 'node_memory_MemAvailable_bytes{instance="nix-cache02:9100", job="node"}', values: `${0.16 * 32 * GiB}x20` },
      ],
      alert_rule_test: [
        { eval_time: '9m', alertname: 'HostHighMemoryUsage', exp_alerts: [] },
        { eval_time: '10m', alertname: 'HostHighMemoryUsage', exp_alerts: [memoryWarning('nas-01:9100', '96.88%'), memoryCritical('nas-01:9100', '96.88%')] },
      ],
    },

    {
      name: 'HostHighMemoryUsage: the thresholds are exclusive: exactly 85% fires nothing, exactly 90% only the warning',
      interval: '1m',
      input_series: [
        { series: 'node_memory_MemTotal_bytes{instance="nas-01:9100", job="node"}', values: '20000000000x20' },
        { series: 'node_memory_MemAvailable_bytes{instance="nas-01:9100", job="node"}', values: '3000000000x20' },
        { series: 'node_memory_MemTotal_bytes{instance="nix-cache02:9100", job="node"}', values: '10000000000x20' },
        { series: 'node_memory_MemAvailable_bytes{instance="nix-cache02:9100", job="node"}', values: '1000000000x20' },
      ],
      alert_rule_test: [
        { eval_time: '5m', alertname: 'HostHighMemoryUsage', exp_alerts: [memoryWarning('nix-cache02:9100', '90%')] },
        { eval_time: '20m', alertname: 'HostHighMemoryUsage', exp_alerts: [memoryWarning('nix-cache02:9100', '90%')] },
      ],
    },

    // ---------------------------------------------------------------- HostLowDiskSpace (< 20% warning for 15m, < 10% critical for 5m)
    {
      name: 'HostLowDiskSpace: the warning fires 15m after free space drops under 20%, the critical 5m after 10%',
      interval: '1m',
      // 100 GiB root: 22 GiB available until 4m, 18 GiB from 5m, 5 GiB from 25m, cleaned up to 50 GiB at 40m
      input_series: filesystem(nasRoot, 100 * GiB, `${22 * GiB}x4 ${18 * GiB}x19 ${5 * GiB}x14 ${50 * GiB}x10`),
      alert_rule_test: [
        { eval_time: '4m', alertname: 'HostLowDiskSpace', exp_alerts: [] },
        { eval_time: '19m', alertname: 'HostLowDiskSpace', exp_alerts: [] }, // warning pending for 14m
        { eval_time: '20m', alertname: 'HostLowDiskSpace', exp_alerts: [diskWarning(nasRoot, '18%')] },
        { eval_time: '29m', alertname: 'HostLowDiskSpace', exp_alerts: [diskWarning(nasRoot, '5%')] }, // critical pending for 4m
        { eval_time: '30m', alertname: 'HostLowDiskSpace', exp_alerts: [diskWarning(nasRoot, '5%'), diskCritical(nasRoot, '5%')] },
        { eval_time: '40m', alertname: 'HostLowDiskSpace', exp_alerts: [] },
      ],
    },
    {
      name: 'HostLowDiskSpace: memory-backed, image-layer and read-only filesystems never get disk alerts',
      interval: '1m',
      input_series: [
        // all of them 99% full (1% available)
        ...filesystem({ instance: 'nas-01:9100', device: 'tmpfs', fstype: 'tmpfs', mountpoint: '/run' }, 2 * GiB, `${0.01 * 2 * GiB}x60`),
        ...filesystem({ instance: 'nas-01:9100', device: 'ramfs', fstype: 'ramfs', mountpoint: '/run/keys' }, 2 * GiB, `${0.01 * 2 * GiB}x60`),
        ...filesystem({ instance: 'nas-01:9100', device: 'overlay', fstype: 'overlay', mountpoint: '/var/lib/containers/storage/overlay/3f2c/merged' }, 100 * GiB, `${GiB}x60`),
        ...filesystem({ instance: 'nas-01:9100', device: '/dev/loop0', fstype: 'squashfs', mountpoint: '/iso' }, 100 * GiB, `${GiB}x60`),
        // NixOS' read-only /nix/store bind mount, and a data disk remounted read-only
        ...filesystem({ ...nasRoot, mountpoint: '/nix/store' }, 100 * GiB, `${GiB}x60`, '1x60'),
        ...filesystem({ instance: 'nas-01:9100', device: '/dev/sdc1', fstype: 'xfs', mountpoint: '/srv/backup' }, 100 * GiB, `${GiB}x60`, '1x60'),
      ],
      alert_rule_test: [
        { eval_time: '20m', alertname: 'HostLowDiskSpace', exp_alerts: [] },
        { eval_time: '60m', alertname: 'HostLowDiskSpace', exp_alerts: [] },
      ],
    },

    {
      name: 'HostLowDiskSpace: the thresholds are exclusive: exactly 20% available fires nothing, exactly 10% only the warning',
      interval: '1m',
      input_series: [
        ...filesystem(nasRoot, 100 * GiB, `${20 * GiB}x30`),
        ...filesystem(nasData, 1000 * GiB, `${100 * GiB}x30`),
      ],
      alert_rule_test: [
        { eval_time: '15m', alertname: 'HostLowDiskSpace', exp_alerts: [diskWarning(nasData, '10%')] },
        { eval_time: '30m', alertname: 'HostLowDiskSpace', exp_alerts: [diskWarning(nasData, '10%')] },
      ],
    },

    // ---------------------------------------------------------------- HostFilesystemReadOnly (for 5m)
    {
      name: 'HostFilesystemReadOnly: a data filesystem remounted read-only fires after 5m; /nix/store, read-only by design, never does',
      interval: '1m',
      input_series: [
        // /srv/data goes read-only at 10m and is remounted read-write at 21m
        ...filesystem(nasData, 1000 * GiB, `${500 * GiB}x30`, '0x9 1x10 0x10'),
        ...filesystem({ ...nasRoot, mountpoint: '/nix/store' }, 100 * GiB, `${50 * GiB}x30`, '1x30'),
        ...filesystem({ instance: 'nas-01:9100', device: 'tmpfs', fstype: 'tmpfs', mountpoint: '/run/credentials' }, GiB, `${GiB}x30`, '1x30'),
      ],
      alert_rule_test: [
        { eval_time: '9m', alertname: 'HostFilesystemReadOnly', exp_alerts: [] },
        { eval_time: '14m', alertname: 'HostFilesystemReadOnly', exp_alerts: [] }, // pending for 4m
        { eval_time: '15m', alertname: 'HostFilesystemReadOnly', exp_alerts: [readOnly(nasData)] },
        { eval_time: '20m', alertname: 'HostFilesystemReadOnly', exp_alerts: [readOnly(nasData)] },
        { eval_time: '21m', alertname: 'HostFilesystemReadOnly', exp_alerts: [] },
      ],
    },
  ],
});
