/**
 * GPU performance: utkuozdemir/nvidia_gpu_exporter (job `nvidia-gpu`), one series per GPU `uuid`.
 *
 * From the seed "Phase 2 - Monitoring Stack Optimization" (GPU Performance dashboard, the GPU exporter, and its
 * GPU alerts). That seed's rules use `nvidia_gpu_temperature_celsius` and `nvidia_gpu_memory_{used,total}_bytes`,
 * which are another exporter's names: this one exposes `nvidia_smi_*` (see src/catalog/nvidia-gpu.ts). Ours:
 * - every per-GPU query joins `nvidia_smi_gpu_info` for the model name, as rules/gpu.ts does, so legends read
 *   "NVIDIA GeForce RTX 4080 SUPER" rather than a uuid alone;
 * - the temperature and memory thresholds are rules/gpu.ts's; power is shown against the board's own limit;
 * - an exporter row, because when nvidia-smi fails the per-GPU series vanish and every other panel goes blank.
 */
import { DashboardBuilder, RowBuilder } from '@grafana/grafana-foundation-sdk/dashboard';
import { GraphThresholdsStyleConfigBuilder, GraphThresholdsStyleMode } from '@grafana/grafana-foundation-sdk/common';
import * as units from '@grafana/grafana-foundation-sdk/units';
import { dashboard, datasourceVariable, labelValuesVariable, promQuery, statRow, thresholds } from 'promforge';
import homelab from '../prometheus/homelab.js';
import { GPU_THRESHOLDS } from '../rules/gpu.js';
import { graph, statusStat, trendStat, upDown } from './_style.js';

/** The exporter's series: its job is the manifest's (prometheus/homelab.ts). */
const job = `job="${homelab.jobs['nvidia-gpu']}"`;
const exporter = `${job}, instance=~"$instance"`;
const gpus = `${exporter}, uuid=~"$gpu"`;
/** Adds the GPU's model (`name`) to a per-GPU series. */
const named = (expr: string): string => `${expr} * on (instance, uuid) group_left (name) nvidia_smi_gpu_info{${gpus}}`;
const legend = '{{name}} {{uuid}}';

const temperature = named(`nvidia_smi_temperature_gpu{${gpus}}`);
const memoryUsed = named(`nvidia_smi_memory_used_bytes{${gpus}} / nvidia_smi_memory_total_bytes{${gpus}}`);
const utilisation = named(`nvidia_smi_utilization_gpu_ratio{${gpus}}`);
const power = named(`nvidia_smi_power_draw_watts{${gpus}}`);

const temperatureThresholds = thresholds('green', [GPU_THRESHOLDS.temperature - 10, 'orange'], [GPU_THRESHOLDS.temperature, 'red']);
const memoryThresholds = thresholds('green', [GPU_THRESHOLDS.memoryUsed, 'red']);
const dashed = (): GraphThresholdsStyleConfigBuilder => new GraphThresholdsStyleConfigBuilder().mode(GraphThresholdsStyleMode.Dashed);

const board = new DashboardBuilder('GPU performance')
  .uid('gpu')
  .description('NVIDIA GPU temperature, memory, utilisation and power per GPU, from nvidia_gpu_exporter.')
  .tags(['gpu', 'nvidia', 'homelab'])
  .time({ from: 'now-6h', to: 'now' })
  .refresh('30s')
  .withVariable(datasourceVariable())
  .withVariable(labelValuesVariable('instance', { label: 'instance', selector: `nvidia_smi_gpu_info{${job}}`, title: 'Host' }))
  .withVariable(labelValuesVariable('gpu', { label: 'uuid', selector: `nvidia_smi_gpu_info{${exporter}}`, title: 'GPU' }));

statRow(board, 'Now', [
  trendStat('Temperature')
    .description(`GPUHighTemperature fires above ${GPU_THRESHOLDS.temperature}°C for 5 minutes.`)
    .withTarget(promQuery(temperature, { legend }))
    .unit(units.Celsius)
    .thresholds(temperatureThresholds),
  trendStat('Memory used')
    .description(`GPUMemoryHigh fires above ${GPU_THRESHOLDS.memoryUsed * 100}% for 10 minutes.`)
    .withTarget(promQuery(memoryUsed, { legend }))
    .unit(units.PercentUnit)
    .min(0)
    .max(1)
    .thresholds(memoryThresholds),
  trendStat('Utilisation')
    .withTarget(promQuery(utilisation, { legend }))
    .unit(units.PercentUnit)
    .min(0)
    .max(1)
    .thresholds(thresholds('blue')),
  trendStat('Power draw')
    .withTarget(promQuery(power, { legend }))
    .unit(units.Watt)
    .thresholds(thresholds('blue')),
], { height: 5 });

board
  .withRow(new RowBuilder('Per GPU'))
  .withPanel(
    graph('Temperature')
      .withTarget(promQuery(temperature, { legend }))
      .unit(units.Celsius)
      .thresholds(temperatureThresholds)
      .thresholdsStyle(dashed())
      .span(12)
      .height(8),
  )
  .withPanel(
    graph('Memory used')
      .withTarget(promQuery(memoryUsed, { legend }))
      .unit(units.PercentUnit)
      .min(0)
      .max(1)
      .thresholds(memoryThresholds)
      .thresholdsStyle(dashed())
      .span(12)
      .height(8),
  )
  .withPanel(
    graph('Utilisation')
      .description('GPU: share of time a kernel ran; memory: share of time memory was read or written.')
      .withTarget(promQuery(utilisation, { legend: `GPU ${legend}` }))
      .withTarget(promQuery(named(`nvidia_smi_utilization_memory_ratio{${gpus}}`), { legend: `memory ${legend}` }))
      .unit(units.PercentUnit)
      .min(0)
      .max(1)
      .span(12)
      .height(8),
  )
  .withPanel(
    graph('Power draw')
      .withTarget(promQuery(power, { legend: `draw ${legend}` }))
      .withTarget(promQuery(named(`nvidia_smi_power_limit_watts{${gpus}}`), { legend: `limit ${legend}` }))
      .unit(units.Watt)
      .min(0)
      .span(12)
      .height(8),
  )
  .withPanel(
    graph('Memory in bytes')
      .description('Which model or stream fits: used against the card\'s total.')
      .withTarget(promQuery(named(`nvidia_smi_memory_used_bytes{${gpus}}`), { legend: `used ${legend}` }))
      .withTarget(promQuery(named(`nvidia_smi_memory_total_bytes{${gpus}}`), { legend: `total ${legend}` }))
      .unit(units.BytesIEC)
      .min(0)
      .span(8)
      .height(7),
  )
  .withPanel(
    graph('Fan speed')
      .withTarget(promQuery(named(`nvidia_smi_fan_speed_ratio{${gpus}}`), { legend }))
      .unit(units.PercentUnit)
      .min(0)
      .max(1)
      .span(8)
      .height(7),
  )
  .withPanel(
    graph('Performance state')
      .description('P0 is maximum performance, P8 and above idle.')
      .withTarget(promQuery(named(`nvidia_smi_pstate{${gpus}}`), { legend }))
      .unit(units.Short)
      .decimals(0)
      .span(8)
      .height(7),
  );

statRow(board, 'Exporter', [
  statusStat('Exporter')
    .withTarget(promQuery(`up{${exporter}}`, { instant: true, legend: '{{instance}}' }))
    .mappings(upDown()),
  statusStat('Last nvidia-smi run')
    .description('Whether the exporter\'s most recent collection succeeded; a driver update without a reboot breaks it.')
    .withTarget(promQuery(`nvidia_smi_last_collect_success{${exporter}}`, { instant: true, legend: '{{instance}}' }))
    .mappings(upDown('ok', 'failed')),
  trendStat('Failed collections')
    .withTarget(promQuery(`sum by (instance) (increase(nvidia_smi_failed_scrapes_total{${exporter}}[$__rate_interval]))`, { legend: '{{instance}}' }))
    .unit(units.Short)
    .thresholds(thresholds('green', [1, 'red'])),
], { height: 4 });

export default dashboard({ folder: 'Hosts', dashboard: board });
