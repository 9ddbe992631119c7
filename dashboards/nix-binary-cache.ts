/**
 * Nix binary cache server: Harmonia on nix-cache02, probed by blackbox_exporter (job `blackbox-nix-cache`),
 * with its store disk and memory from node_exporter and its hit rate from the Nix build/cache check.
 *
 * From the seed "Nix os remote cache server", "Metrics & KPIs" and Phase 6 "Monitoring Metrics": cache hit
 * latency under 100 ms, hit rate over 80%, disk usage growth under 5 GB a week, disk usage, memory pressure.
 * Ours:
 * - latency is the server's part of the probe (processing + transfer), as NixBinaryCacheSlow measures it; the
 *   whole probe (DNS, connect, TLS included) is drawn beside it for comparison;
 * - the targets, the probe job and the cache host are imported from rules/nix-binary-cache.ts, so the panels
 *   turn red exactly where its alerts fire; the store filesystem is /nix where it is its own filesystem and the
 *   root filesystem (seen through /nix/store) otherwise, as in NixBinaryCacheStoreDiskUsageHigh;
 * - memory pressure from the kernel's PSI (time tasks waited for memory), which says more than "memory used"
 *   on a host whose page cache is the cache's working set.
 */
import { DashboardBuilder, RowBuilder } from '@grafana/grafana-foundation-sdk/dashboard';
import { GraphDrawStyle, GraphThresholdsStyleConfigBuilder, GraphThresholdsStyleMode, StackingConfigBuilder, StackingMode } from '@grafana/grafana-foundation-sdk/common';
import * as units from '@grafana/grafana-foundation-sdk/units';
import { dashboard, datasourceVariable, promQuery, statRow, thresholds } from 'promforge';
import { HOST_THRESHOLDS } from '../rules/hosts.js';
import { cacheHost, NIX_BINARY_CACHE_TARGETS as targets, probe } from '../rules/nix-binary-cache.js';
import { graph, statusStat, trendStat, upDown } from './_style.js';

/** Seed target: the store grows by less than 5 GB a week (GC included). */
export const STORE_GROWTH_PER_WEEK = 5e9;

const serverTime = `sum by (instance) (probe_http_duration_seconds{${probe}, phase=~"processing|transfer"})`;
const hitRate = 'avg_over_time(nix_local_cache_hit[1h])';
/** A node_exporter filesystem series of the store: /nix if it is a filesystem of its own, else /nix/store. */
const storeFs = (metric: string): string =>
  `(${metric}{${cacheHost}, mountpoint="/nix"} or on (instance) ${metric}{${cacheHost}, mountpoint="/nix/store"})`;
const storeUsed = `1 - ${storeFs('node_filesystem_avail_bytes')} / ${storeFs('node_filesystem_size_bytes')}`;
const memoryUsed = `1 - node_memory_MemAvailable_bytes{${cacheHost}} / node_memory_MemTotal_bytes{${cacheHost}}`;

const latencyThresholds = thresholds('green', [targets.probeLatency, 'red']);
const hitRateThresholds = thresholds('red', [targets.hitRate, 'green']);
const storeThresholds = thresholds('green', [targets.storeUsed, 'orange'], [1 - HOST_THRESHOLDS.diskAvailableCritical, 'red']);
const memoryThresholds = thresholds('green', [HOST_THRESHOLDS.memoryUsedWarning, 'orange'], [HOST_THRESHOLDS.memoryUsedCritical, 'red']);
const dashed = (): GraphThresholdsStyleConfigBuilder => new GraphThresholdsStyleConfigBuilder().mode(GraphThresholdsStyleMode.Dashed);

const cache = new DashboardBuilder('Nix binary cache server')
  .uid('nix-binary-cache')
  .description('Harmonia on nix-cache02 against its targets: probe latency under 100 ms, hit rate over 80%, store disk, memory pressure.')
  .tags(['nix', 'cache', 'homelab'])
  .time({ from: 'now-24h', to: 'now' })
  .refresh('1m')
  .withVariable(datasourceVariable());

statRow(cache, 'Against the targets', [
  statusStat('Probe')
    .description('GET /nix-cache-info through blackbox_exporter; NixBinaryCacheDown pages after 2 minutes of failures.')
    .withTarget(promQuery(`probe_success{${probe}}`, { instant: true, legend: '{{instance}}' }))
    .mappings(upDown('serving', 'down')),
  statusStat('blackbox_exporter')
    .description('Whether Prometheus scrapes the probe at all: when it does not, the probe panels show nothing.')
    .withTarget(promQuery(`up{${probe}}`, { instant: true, legend: '{{instance}}' }))
    .mappings(upDown('probing', 'not scraped')),
  trendStat('Response time')
    .description(`Server time of the last probe (request sent to last byte); target under ${targets.probeLatency * 1000} ms.`)
    .withTarget(promQuery(serverTime, { legend: '{{instance}}' }))
    .unit(units.Seconds)
    .thresholds(latencyThresholds),
  trendStat('Hit rate (1h)')
    .description(`Cache checks served from the cache over the last hour; target over ${targets.hitRate * 100}%.`)
    .withTarget(promQuery(hitRate, { legend: '{{instance}}' }))
    .unit(units.PercentUnit)
    .min(0)
    .max(1)
    .thresholds(hitRateThresholds),
  trendStat('Store disk used')
    .withTarget(promQuery(storeUsed, { legend: '{{mountpoint}}' }))
    .unit(units.PercentUnit)
    .min(0)
    .max(1)
    .thresholds(storeThresholds),
], { height: 5 });

cache
  .withRow(new RowBuilder('Probe'))
  .withPanel(
    graph('Response time against the 100 ms target')
      .withTarget(promQuery(serverTime, { legend: 'server {{instance}}' }))
      .withTarget(promQuery(`probe_duration_seconds{${probe}}`, { legend: 'whole probe {{instance}}' }))
      .unit(units.Seconds)
      .min(0)
      .thresholds(latencyThresholds)
      .thresholdsStyle(dashed())
      .span(12)
      .height(8),
  )
  .withPanel(
    graph('Probe phases')
      .description('Where the time of a probe goes: resolve (DNS), connect, tls, processing (to first byte), transfer.')
      .withTarget(promQuery(`sum by (phase) (probe_http_duration_seconds{${probe}})`, { legend: '{{phase}}' }))
      .stacking(new StackingConfigBuilder().mode(StackingMode.Normal))
      .fillOpacity(60)
      .unit(units.Seconds)
      .span(12)
      .height(8),
  );

cache
  .withRow(new RowBuilder('Hit rate'))
  .withPanel(
    graph('Hit rate (1h) against the 80% target')
      .description('From the Nix build/cache check: one result every 15 minutes, so an hour holds four.')
      .withTarget(promQuery(hitRate, { legend: '{{instance}}' }))
      .unit(units.PercentUnit)
      .min(0)
      .max(1)
      .thresholds(hitRateThresholds)
      .thresholdsStyle(dashed())
      .span(24)
      .height(7),
  );

cache
  .withRow(new RowBuilder('Store disk'))
  .withPanel(
    graph('Store disk used')
      .withTarget(promQuery(`${storeFs('node_filesystem_size_bytes')} - ${storeFs('node_filesystem_avail_bytes')}`, { legend: 'used {{mountpoint}}' }))
      .withTarget(promQuery(storeFs('node_filesystem_size_bytes'), { legend: 'size {{mountpoint}}' }))
      .unit(units.BytesIEC)
      .min(0)
      .span(12)
      .height(8),
  )
  .withPanel(
    graph('Store growth per week')
      .description('Space taken over the past 7 days (negative after a garbage collection); the plan\'s target is under 5 GB.')
      .withTarget(promQuery(`-(delta(node_filesystem_avail_bytes{${cacheHost}, mountpoint="/nix"}[7d]) or on (instance) delta(node_filesystem_avail_bytes{${cacheHost}, mountpoint="/nix/store"}[7d]))`, { legend: '{{mountpoint}}' }))
      .unit(units.BytesSI)
      .thresholds(thresholds('green', [STORE_GROWTH_PER_WEEK, 'red']))
      .thresholdsStyle(dashed())
      .span(12)
      .height(8),
  );

cache
  .withRow(new RowBuilder('Memory'))
  .withPanel(
    graph('Memory pressure')
      .description('Share of time some task (waiting) or every task (stalled) was held up by a lack of memory (kernel PSI).')
      .withTarget(promQuery(`rate(node_pressure_memory_waiting_seconds_total{${cacheHost}}[$__rate_interval])`, { legend: 'some tasks waiting {{instance}}' }))
      .withTarget(promQuery(`rate(node_pressure_memory_stalled_seconds_total{${cacheHost}}[$__rate_interval])`, { legend: 'all tasks stalled {{instance}}' }))
      .unit(units.PercentUnit)
      .min(0)
      .span(8)
      .height(8),
  )
  .withPanel(
    graph('Memory used')
      .withTarget(promQuery(memoryUsed, { legend: '{{instance}}' }))
      .unit(units.PercentUnit)
      .min(0)
      .max(1)
      .thresholds(memoryThresholds)
      .thresholdsStyle(dashed())
      .span(8)
      .height(8),
  )
  .withPanel(
    graph('Major page faults')
      .description('Pages read back from disk: the page cache is too small for the working set.')
      .withTarget(promQuery(`rate(node_vmstat_pgmajfault{${cacheHost}}[$__rate_interval])`, { legend: '{{instance}}' }))
      .drawStyle(GraphDrawStyle.Line)
      .unit(units.OpsPerSecond)
      .min(0)
      .span(8)
      .height(8),
  );

export default dashboard({ folder: 'Nix', dashboard: cache });
