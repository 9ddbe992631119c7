/**
 * Tests for rules/gpu.ts (utkuozdemir/nvidia_gpu_exporter, job `nvidia-gpu`). The per-GPU alerts join
 * nvidia_smi_gpu_info to add the model `name`: the expected labels check that the join keeps it (and only it).
 */
import { ruleTests } from 'promforge';
import gpu from './gpu.js';

const RUNBOOKS = 'https://git.t-juice.club/torjus/nixos-servers/src/branch/master/docs/runbooks';
/** The rendered runbook_url: the runbook section is the alert name in lower case. */
const runbook = (alertname: string): string => `${RUNBOOKS}/gpu.md#${alertname.toLowerCase()}`;
const GRAFANA = 'https://grafana.home.2rjus.net';
/** The rendered dashboard_url: the GPU dashboard, showing the alert's host and, when the alert has one, its GPU. */
const dashboard = (instance: string, uuid?: string): string =>
  `${GRAFANA}/d/gpu?var-instance=${encodeURIComponent(instance)}${uuid === undefined ? '' : `&var-gpu=${encodeURIComponent(uuid)}`}`;

const GiB = 1024 ** 3;
const exporter = { instance: 'nas-01:9445', job: 'nvidia-gpu' };

interface Gpu { uuid: string; name: string }
const rtx3090: Gpu = { uuid: 'GPU-5c3f2b1e-8d4a-4f0e-9b6c-2a7d1e3f4b5c', name: 'NVIDIA GeForce RTX 3090' };
const t400: Gpu = { uuid: 'GPU-0e9a7c42-61b3-4d15-a8f2-c3b4d5e6f708', name: 'NVIDIA T400 4GB' };
const rtx3080: Gpu = { uuid: 'GPU-9a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d', name: 'NVIDIA GeForce RTX 3080' };
const MiB = 1024 ** 2;

const onExporter = (metric: string): string => `${metric}{instance="${exporter.instance}", job="${exporter.job}"}`;
const perGpu = (metric: string, g: Gpu): string => `${metric}{instance="${exporter.instance}", job="${exporter.job}", uuid="${g.uuid}"}`;
/** The info series the alerts join; its other identity labels must not reach the alert. */
const info = (g: Gpu) => ({
  series: `nvidia_smi_gpu_info{driver_version="550.78", instance="${exporter.instance}", job="${exporter.job}", ` +
    `name="${g.name}", uuid="${g.uuid}", vbios_version="94.02.42.00.A9"}`,
  values: '1x40',
});

const exporterDown = {
  exp_labels: { ...exporter, severity: 'warning' },
  exp_annotations: {
    summary: 'NVIDIA GPU exporter nas-01:9445 is down',
    description:
      'Prometheus could not scrape the GPU exporter on nas-01:9445 for 5 minutes; ' +
      'GPU temperature and memory are not monitored.',
    runbook_url: runbook('GPUExporterDown'),
    dashboard_url: dashboard(exporter.instance),
  },
};

const collectionFailing = {
  exp_labels: { ...exporter, severity: 'warning' },
  exp_annotations: {
    summary: 'nvidia-smi keeps failing on nas-01:9445',
    description:
      'The GPU exporter on nas-01:9445 is running but its nvidia-smi collections have been failing ' +
      'for 10 minutes; GPU metrics are missing or stale.',
    runbook_url: runbook('GPUMetricsCollectionFailing'),
    dashboard_url: dashboard(exporter.instance),
  },
};

const hot = (g: Gpu, celsius: string) => ({
  exp_labels: { ...exporter, uuid: g.uuid, name: g.name, severity: 'warning' },
  exp_annotations: {
    summary: `GPU ${g.name} on nas-01:9445 is running hot`,
    description:
      `GPU ${g.name} (${g.uuid}) on nas-01:9445 has been above 80°C for 5 minutes ` +
      `(now ${celsius}°C). Past this point it may throttle, slowing transcodes and inference.`,
    runbook_url: runbook('GPUHighTemperature'),
    dashboard_url: dashboard(exporter.instance, g.uuid),
  },
});

const memoryHigh = (g: Gpu, used: string) => ({
  exp_labels: { ...exporter, uuid: g.uuid, name: g.name, severity: 'warning' },
  exp_annotations: {
    summary: `GPU ${g.name} on nas-01:9445 is almost out of memory`,
    description:
      `${used} of the memory of GPU ${g.name} (${g.uuid}) on ` +
      'nas-01:9445 has been in use for 10 minutes; new GPU workloads will fail to allocate.',
    runbook_url: runbook('GPUMemoryHigh'),
    dashboard_url: dashboard(exporter.instance, g.uuid),
  },
});

export default ruleTests(gpu, {
  tests: [
    // ---------------------------------------------------------------- GPUExporterDown (for 5m)
    {
      name: 'GPUExporterDown: the exporter unscraped for 5m fires, and resolves when it is back',
      interval: '1m',
      input_series: [{ series: onExporter('up'), values: '1x4 0x9 1x5' }], // down from 5m to 14m
      alert_rule_test: [
        { eval_time: '4m', alertname: 'GPUExporterDown', exp_alerts: [] },
        { eval_time: '9m', alertname: 'GPUExporterDown', exp_alerts: [] }, // pending for 4m
        { eval_time: '10m', alertname: 'GPUExporterDown', exp_alerts: [exporterDown] },
        { eval_time: '15m', alertname: 'GPUExporterDown', exp_alerts: [] },
      ],
    },

    // ---------------------------------------------------------------- GPUMetricsCollectionFailing (rate > 0 for 10m)
    {
      name: 'GPUMetricsCollectionFailing: nvidia-smi failing every scrape fires after 10m and resolves once the 5m window holds no failure',
      interval: '1m',
      // one failed collection a minute from 5m to 30m, none after
      input_series: [
        { series: onExporter('up'), values: '1x40' },
        { series: onExporter('nvidia_smi_failed_scrapes_total'), values: '0x4 1+1x25 26x10' },
      ],
      alert_rule_test: [
        { eval_time: '4m', alertname: 'GPUMetricsCollectionFailing', exp_alerts: [] },
        { eval_time: '14m', alertname: 'GPUMetricsCollectionFailing', exp_alerts: [] }, // pending for 9m
        { eval_time: '15m', alertname: 'GPUMetricsCollectionFailing', exp_alerts: [collectionFailing] },
        { eval_time: '33m', alertname: 'GPUMetricsCollectionFailing', exp_alerts: [collectionFailing] },
        { eval_time: '36m', alertname: 'GPUMetricsCollectionFailing', exp_alerts: [] },
        { eval_time: '36m', alertname: 'GPUExporterDown', exp_alerts: [] },
      ],
    },
    {
      name: 'GPUMetricsCollectionFailing: a single failed collection (rate > 0 for 5m only) never fires',
      interval: '1m',
      input_series: [{ series: onExporter('nvidia_smi_failed_scrapes_total'), values: '0x4 1x30' }],
      alert_rule_test: [
        { eval_time: '9m', alertname: 'GPUMetricsCollectionFailing', exp_alerts: [] },
        { eval_time: '15m', alertname: 'GPUMetricsCollectionFailing', exp_alerts: [] },
        { eval_time: '30m', alertname: 'GPUMetricsCollectionFailing', exp_alerts: [] },
      ],
    },

    // ---------------------------------------------------------------- GPUHighTemperature (> 80 °C for 5m)
    {
      name: 'GPUHighTemperature: a GPU at 85°C fires after 5m with its model name from nvidia_smi_gpu_info; one at exactly 80°C does not',
      interval: '1m',
      input_series: [
        info(rtx3090),
        info(t400),
        // the 3090: 70°C, 85°C from 5m to 19m, 70°C again from 20m
        { series: perGpu('nvidia_smi_temperature_gpu', rtx3090), values: '70x4 85x14 70x5' },
        { series: perGpu('nvidia_smi_temperature_gpu', t400), values: '80x30' },
      ],
      alert_rule_test: [
        { eval_time: '4m', alertname: 'GPUHighTemperature', exp_alerts: [] },
        { eval_time: '9m', alertname: 'GPUHighTemperature', exp_alerts: [] }, // pending for 4m
        { eval_time: '10m', alertname: 'GPUHighTemperature', exp_alerts: [hot(rtx3090, '85')] },
        { eval_time: '19m', alertname: 'GPUHighTemperature', exp_alerts: [hot(rtx3090, '85')] },
        { eval_time: '20m', alertname: 'GPUHighTemperature', exp_alerts: [] },
      ],
    },
    {
      name: 'GPUHighTemperature: the rendered temperature is rounded ("%.0f")',
      interval: '1m',
      input_series: [info(rtx3090), { series: perGpu('nvidia_smi_temperature_gpu', rtx3090), values: '91.6x10' }],
      alert_rule_test: [
        { eval_time: '4m', alertname: 'GPUHighTemperature', exp_alerts: [] },
        { eval_time: '5m', alertname: 'GPUHighTemperature', exp_alerts: [hot(rtx3090, '92')] },
      ],
    },

    // ---------------------------------------------------------------- GPUMemoryHigh (> 90% for 10m)
    {
      name: 'GPUMemoryHigh: a GPU over 90% for 10m fires with its model name; a model loading for 5m does not',
      interval: '1m',
      input_series: [
        info(rtx3090),
        info(t400),
        // the 3090 (24 GiB): 12 GiB used, 22.5 GiB (93.75%) from 5m to 24m, 12 GiB again from 25m
        { series: perGpu('nvidia_smi_memory_total_bytes', rtx3090), values: `${24 * GiB}x40` },
        { series: perGpu('nvidia_smi_memory_used_bytes', rtx3090), values: `${12 * GiB}x4 ${22.5 * GiB}x19 ${12 * GiB}x10` },
        // the T400 (4 GiB): 3.875 GiB (96.875%) for 5 minutes only, from 5m to 9m
        { series: perGpu('nvidia_smi_memory_total_bytes', t400), values: `${4 * GiB}x40` },
        { series: perGpu('nvidia_smi_memory_used_bytes', t400), values: `${GiB}x4 ${3.875 * GiB}x4 ${GiB}x30` },
      ],
      alert_rule_test: [
        { eval_time: '4m', alertname: 'GPUMemoryHigh', exp_alerts: [] },
        { eval_time: '14m', alertname: 'GPUMemoryHigh', exp_alerts: [] }, // pending for 9m
        { eval_time: '15m', alertname: 'GPUMemoryHigh', exp_alerts: [memoryHigh(rtx3090, '93.75%')] },
        { eval_time: '24m', alertname: 'GPUMemoryHigh', exp_alerts: [memoryHigh(rtx3090, '93.75%')] },
        { eval_time: '25m', alertname: 'GPUMemoryHigh', exp_alerts: [] },
      ],
    },
    {
      name: 'GPUMemoryHigh: exactly 90% in use does not fire',
      interval: '1m',
      input_series: [
        info(rtx3080),
        { series: perGpu('nvidia_smi_memory_total_bytes', rtx3080), values: `${10240 * MiB}x20` },
        { series: perGpu('nvidia_smi_memory_used_bytes', rtx3080), values: `${9216 * MiB}x20` },
      ],
      alert_rule_test: [{ eval_time: '20m', alertname: 'GPUMemoryHigh', exp_alerts: [] }],
    },
  ],
});
