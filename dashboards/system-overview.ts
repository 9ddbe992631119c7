/**
 * System overview: every host's node_exporter, filtered by the `$job` and `$instance` variables.
 *
 * From the seed "Phase 2 - Monitoring Stack Optimization", "Grafana Dashboard Provisioning" (its System
 * Overview example: CPU, memory and disk usage), and the NixMox README's host alerts. That example was
 * wrapped in the HTTP API envelope (`{"dashboard": {...}}`), which is why Grafana refused it with "title
 * cannot be empty". Ours:
 * - `rate(...[$__rate_interval])` instead of the seed's `irate(...[5m])`: irate shows the last two samples of
 *   the window only, so a graph zoomed out skips whatever happened between its points;
 * - used space from `avail` (what services can write) instead of the seed's `size - free`, and only the data
 *   filesystems, as rules/hosts.ts does;
 * - network, load and uptime, which the seed's example lacked; every threshold is the host alerts' own.
 */
import { DashboardBuilder, RowBuilder } from '@grafana/grafana-foundation-sdk/dashboard';
import { BarGaugeDisplayMode, GraphThresholdsStyleConfigBuilder, GraphThresholdsStyleMode, VizOrientation } from '@grafana/grafana-foundation-sdk/common';
import * as bargauge from '@grafana/grafana-foundation-sdk/bargauge';
import * as units from '@grafana/grafana-foundation-sdk/units';
import { dashboard, datasourceVariable, instanceVariable, jobVariable, promQuery, statRow, thresholds } from 'promforge';
import { HOST_THRESHOLDS } from '../rules/hosts.js';
import { graph, statusStat, trendStat, upDown } from './_style.js';

/** The selected hosts. */
const host = 'job=~"$job", instance=~"$instance"';
/** Filesystems that hold data (the filter of rules/hosts.ts): not memory-backed, not image layers, writable. */
const dataFs = `${host}, fstype!~"tmpfs|overlay|squashfs|ramfs"`;
/** Physical and bridge interfaces; container veths and the loopback would double-count traffic. */
const nics = `${host}, device!~"lo|veth.*|podman.*|cni.*|docker.*|virbr.*"`;

const cpuUsed = `1 - avg by (instance) (rate(node_cpu_seconds_total{${host}, mode="idle"}[$__rate_interval]))`;
const memoryUsed = `1 - node_memory_MemAvailable_bytes{${host}} / node_memory_MemTotal_bytes{${host}}`;
/** Used fraction of the writable data filesystems whose mountpoint matches (read-only ones cannot fill up). */
const fsUsed = (mountpoint: string): string => {
  const fs = `${dataFs}, mountpoint${mountpoint}`;
  return `(1 - node_filesystem_avail_bytes{${fs}} / node_filesystem_size_bytes{${fs}}) and on (instance, device, mountpoint) node_filesystem_readonly{${fs}} == 0`;
};

const cpuThresholds = thresholds('green', [HOST_THRESHOLDS.cpuBusy, 'orange']);
const memoryThresholds = thresholds('green', [HOST_THRESHOLDS.memoryUsedWarning, 'orange'], [HOST_THRESHOLDS.memoryUsedCritical, 'red']);
/** HostLowDiskSpace alerts on available space; the panels show used space, so the steps are 1 - those. */
const diskThresholds = thresholds('green', [1 - HOST_THRESHOLDS.diskAvailableWarning, 'orange'], [1 - HOST_THRESHOLDS.diskAvailableCritical, 'red']);

const dashedThresholds = (): GraphThresholdsStyleConfigBuilder => new GraphThresholdsStyleConfigBuilder().mode(GraphThresholdsStyleMode.Dashed);

const overview = new DashboardBuilder('System overview')
  .uid('system-overview')
  .description('CPU, memory, filesystems, network, load and uptime of every host running node_exporter.')
  .tags(['hosts', 'node-exporter', 'homelab'])
  .time({ from: 'now-6h', to: 'now' })
  .refresh('1m')
  .withVariable(datasourceVariable())
  .withVariable(jobVariable({ selector: 'node_uname_info' }))
  .withVariable(instanceVariable({ selector: 'node_uname_info{job=~"$job"}' }));

statRow(overview, 'Now', [
  statusStat('node_exporter')
    .description('Whether Prometheus scrapes the host; HostDown pages after a minute of failed scrapes.')
    .withTarget(promQuery(`up{${host}}`, { instant: true, legend: '{{instance}}' }))
    .mappings(upDown()),
  trendStat('Uptime')
    .withTarget(promQuery(`node_time_seconds{${host}} - node_boot_time_seconds{${host}}`, { instant: true, legend: '{{instance}}' }))
    .unit(units.DurationSeconds)
    .thresholds(thresholds('orange', [3600, 'green'])),
  trendStat('CPU used')
    .withTarget(promQuery(cpuUsed, { legend: '{{instance}}' }))
    .unit(units.PercentUnit)
    .min(0)
    .max(1)
    .thresholds(cpuThresholds),
  trendStat('Memory used')
    .withTarget(promQuery(memoryUsed, { legend: '{{instance}}' }))
    .unit(units.PercentUnit)
    .min(0)
    .max(1)
    .thresholds(memoryThresholds),
  trendStat('Root filesystem used')
    .withTarget(promQuery(fsUsed('="/"'), { legend: '{{instance}}' }))
    .unit(units.PercentUnit)
    .min(0)
    .max(1)
    .thresholds(diskThresholds),
], { height: 5 });

overview
  .withRow(new RowBuilder('CPU and memory'))
  .withPanel(
    graph('CPU used')
      .description(`HostHighCpuUsage fires above ${HOST_THRESHOLDS.cpuBusy * 100}% for 10 minutes.`)
      .withTarget(promQuery(cpuUsed, { legend: '{{instance}}' }))
      .unit(units.PercentUnit)
      .min(0)
      .max(1)
      .thresholds(cpuThresholds)
      .thresholdsStyle(dashedThresholds())
      .span(12)
      .height(8),
  )
  .withPanel(
    graph('Memory used')
      .description('MemAvailable counts reclaimable page cache as free, so this is memory that is really in use.')
      .withTarget(promQuery(memoryUsed, { legend: '{{instance}}' }))
      .unit(units.PercentUnit)
      .min(0)
      .max(1)
      .thresholds(memoryThresholds)
      .thresholdsStyle(dashedThresholds())
      .span(12)
      .height(8),
  )
  .withPanel(
    graph('Load (1m) per CPU')
      .description('The 1-minute load average divided by the number of CPUs: above 1, tasks wait for a CPU.')
      .withTarget(promQuery(`node_load1{${host}} / on (instance) count by (instance) (node_cpu_seconds_total{${host}, mode="idle"})`, { legend: '{{instance}}' }))
      .unit(units.Short)
      .min(0)
      .span(12)
      .height(8),
  )
  .withPanel(
    graph('Load average')
      .withTarget(promQuery(`node_load1{${host}}`, { legend: '{{instance}} 1m' }))
      .withTarget(promQuery(`node_load5{${host}}`, { legend: '{{instance}} 5m' }))
      .withTarget(promQuery(`node_load15{${host}}`, { legend: '{{instance}} 15m' }))
      .unit(units.Short)
      .min(0)
      .span(12)
      .height(8),
  );

overview
  .withRow(new RowBuilder('Filesystems'))
  .withPanel(
    graph('Root filesystem used')
      .withTarget(promQuery(fsUsed('="/"'), { legend: '{{instance}}' }))
      .unit(units.PercentUnit)
      .min(0)
      .max(1)
      .thresholds(diskThresholds)
      .thresholdsStyle(dashedThresholds())
      .span(12)
      .height(9),
  )
  .withPanel(
    new bargauge.PanelBuilder()
      .title('Other filesystems used')
      .description('Every data filesystem except the root one; HostLowDiskSpace warns below 20% available, pages below 10%.')
      .withTarget(promQuery(`sort_desc(${fsUsed('!="/"')})`, { instant: true, legend: '{{instance}} {{mountpoint}}' }))
      .displayMode(BarGaugeDisplayMode.Gradient)
      .orientation(VizOrientation.Horizontal)
      .unit(units.PercentUnit)
      .min(0)
      .max(1)
      .thresholds(diskThresholds)
      .span(12)
      .height(9),
  );

overview
  .withRow(new RowBuilder('Network'))
  .withPanel(
    graph('Network received')
      .withTarget(promQuery(`sum by (instance, device) (rate(node_network_receive_bytes_total{${nics}}[$__rate_interval]))`, { legend: '{{instance}} {{device}}' }))
      .unit(units.BytesPerSecondSI)
      .min(0)
      .span(8)
      .height(8),
  )
  .withPanel(
    graph('Network transmitted')
      .withTarget(promQuery(`sum by (instance, device) (rate(node_network_transmit_bytes_total{${nics}}[$__rate_interval]))`, { legend: '{{instance}} {{device}}' }))
      .unit(units.BytesPerSecondSI)
      .min(0)
      .span(8)
      .height(8),
  )
  .withPanel(
    graph('Network errors and drops')
      .withTarget(promQuery(`sum by (instance, device) (rate(node_network_receive_errs_total{${nics}}[$__rate_interval]) + rate(node_network_transmit_errs_total{${nics}}[$__rate_interval]))`, { legend: '{{instance}} {{device}} errors' }))
      .withTarget(promQuery(`sum by (instance, device) (rate(node_network_receive_drop_total{${nics}}[$__rate_interval]) + rate(node_network_transmit_drop_total{${nics}}[$__rate_interval]))`, { legend: '{{instance}} {{device}} drops' }))
      .unit(units.PacketsPerSecond)
      .min(0)
      .span(8)
      .height(8),
  );

export default dashboard({ folder: 'Hosts', dashboard: overview });
