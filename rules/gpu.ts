/**
 * NVIDIA GPU, from utkuozdemir/nvidia_gpu_exporter (job `nvidia-gpu`, port 9445).
 *
 * Note on the source plan ("Phase 2 monitoring stack optimization"): its GPU rules use
 * `nvidia_gpu_temperature_celsius` and `nvidia_gpu_memory_{used,total}_bytes`. This exporter does not expose
 * those names, so those rules would never have fired. It exposes `nvidia_smi_*` series labelled by the GPU
 * `uuid`:
 *   nvidia_smi_temperature_gpu          degrees Celsius
 *   nvidia_smi_memory_used_bytes        bytes
 *   nvidia_smi_memory_total_bytes       bytes
 *   nvidia_smi_gpu_info{uuid,name,...}  constant 1, identity labels (model name, driver version, ...)
 *   nvidia_smi_failed_scrapes_total     failed nvidia-smi collections (despite the name)
 * The alerts join `nvidia_smi_gpu_info` to show the model name next to the uuid.
 */
import { ruleGroup, alert } from 'promforge';
import homelab from '../prometheus/homelab.js';

/** Alert thresholds, shared with dashboards/gpu.ts so its colours change where the alerts fire. */
export const GPU_THRESHOLDS = {
  /** degrees Celsius */
  temperature: 80,
  /** used / total memory */
  memoryUsed: 0.9,
} as const;

/** dashboards/gpu.ts, showing the host (and, where the alert has one, the GPU) the alert is about. */
const onThisHost = { uid: 'gpu', vars: { instance: '{{ $labels.instance }}' } };
const thisGpu = { uid: 'gpu', vars: { instance: '{{ $labels.instance }}', gpu: '{{ $labels.uuid }}' } };

/** The exporter's series: the job the manifest (prometheus/homelab.ts) scrapes it as. */
const gpuExporter = `job="${homelab.jobs['nvidia-gpu']}"`;

/** Adds the GPU model (`name`) from the info metric to a per-GPU series. */
const withGpuName = `on (instance, uuid) group_left (name) nvidia_smi_gpu_info{${gpuExporter}}`;

export default ruleGroup('gpu', {
  rules: [
    alert('GPUExporterDown', {
      // Without the exporter the alerts below have no data and stay silent.
      expr: `up{${gpuExporter}} == 0`,
      for: '5m',
      severity: 'warning',
      summary: 'NVIDIA GPU exporter {{ $labels.instance }} is down',
      description:
        'Prometheus could not scrape the GPU exporter on {{ $labels.instance }} for 5 minutes; ' +
        'GPU temperature and memory are not monitored.',
      dashboard: onThisHost,
      runbook: 'gpu.md#gpuexporterdown',
    }),

    alert('GPUMetricsCollectionFailing', {
      // The exporter answers (up == 1) but nvidia-smi fails, typically a driver/kernel module mismatch after
      // an update. The per-GPU series then disappear and the alerts below go quiet. A single failure makes
      // rate() > 0 for 5m only, so `for: 10m` requires failures to keep happening.
      expr: `rate(nvidia_smi_failed_scrapes_total{${gpuExporter}}[5m]) > 0`,
      for: '10m',
      severity: 'warning',
      summary: 'nvidia-smi keeps failing on {{ $labels.instance }}',
      description:
        'The GPU exporter on {{ $labels.instance }} is running but its nvidia-smi collections have been failing ' +
        'for 10 minutes; GPU metrics are missing or stale.',
      dashboard: onThisHost,
      runbook: 'gpu.md#gpumetricscollectionfailing',
    }),

    alert('GPUHighTemperature', {
      // Phase 2 plan: > 80 °C for 5m, warning. Many GeForce cards start lowering their clocks around 83 °C.
      expr: `nvidia_smi_temperature_gpu{${gpuExporter}} * ${withGpuName} > ${GPU_THRESHOLDS.temperature}`,
      for: '5m',
      severity: 'warning',
      summary: 'GPU {{ $labels.name }} on {{ $labels.instance }} is running hot',
      description:
        'GPU {{ $labels.name }} ({{ $labels.uuid }}) on {{ $labels.instance }} has been above 80°C for 5 minutes ' +
        '(now {{ $value | printf "%.0f" }}°C). Past this point it may throttle, slowing transcodes and inference.',
      dashboard: thisGpu,
      runbook: 'gpu.md#gpuhightemperature',
    }),

    alert('GPUMemoryHigh', {
      // Phase 2 plan: > 90% for 10m, warning. Long enough to ignore a model briefly loading.
      expr: `
        nvidia_smi_memory_used_bytes{${gpuExporter}} / nvidia_smi_memory_total_bytes{${gpuExporter}}
        * ${withGpuName}
        > ${GPU_THRESHOLDS.memoryUsed}
      `,
      for: '10m',
      severity: 'warning',
      summary: 'GPU {{ $labels.name }} on {{ $labels.instance }} is almost out of memory',
      description:
        '{{ $value | humanizePercentage }} of the memory of GPU {{ $labels.name }} ({{ $labels.uuid }}) on ' +
        '{{ $labels.instance }} has been in use for 10 minutes; new GPU workloads will fail to allocate.',
      dashboard: thisGpu,
      runbook: 'gpu.md#gpumemoryhigh',
    }),
  ],
});
