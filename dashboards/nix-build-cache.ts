/**
 * Nix build & cache: the results of nix-build-cache-check.service (nas-01, every 15 minutes, via the
 * node_exporter textfile collector).
 *
 * From the seed "Nix Build and Cache Monitoring", section "Grafana Dashboard Queries" (cache status, hit rate
 * over 1h, builder usage, distributed build success with -1 = not configured, time since last check, current
 * test package). Ours:
 * - the seed's "builder usage over time", `increase(nix_builder_used[1h])`, takes increase() of a gauge (each
 *   check writes 1 for a builder it used, it does not count); shown instead as the gauge itself on a state
 *   timeline, which says the same thing (which builder served which check) without inventing increments;
 * - the 1-day distributed build success ignores the -1 ("not configured") samples, which the seed's
 *   `avg_over_time(nix_distributed_build_success[24h])` averages in as if they were failures below zero;
 * - the stale-check threshold is the alert's (rules/nix-build-cache.ts).
 */
import { DashboardBuilder, RowBuilder } from '@grafana/grafana-foundation-sdk/dashboard';
import { BigValueTextMode, GraphThresholdsStyleConfigBuilder, GraphThresholdsStyleMode, VisibilityMode } from '@grafana/grafana-foundation-sdk/common';
import * as statetimeline from '@grafana/grafana-foundation-sdk/statetimeline';
import * as units from '@grafana/grafana-foundation-sdk/units';
import { dashboard, datasourceVariable, promQuery, statRow, thresholds, valueMappings } from 'promforge';
import { CHECK_STALE_AFTER } from '../rules/nix-build-cache.js';
import { NIX_BINARY_CACHE_TARGETS } from '../rules/nix-binary-cache.js';
import { graph, statusStat, trendStat, upDown } from './_style.js';

/** The check's tri-state: -1 is a valid setup (no remote builders), not a failure. */
export const distributedBuildMappings = valueMappings({
  '-1': { text: 'not configured', color: 'text' },
  0: { text: 'failed', color: 'red' },
  1: { text: 'working', color: 'green' },
  null: { text: 'no data', color: 'text' },
});

const checks = new DashboardBuilder('Nix build & cache')
  .uid('nix-build-cache')
  .description('Results of the Nix build/cache check on nas-01 (every 15 minutes): cache, upstream proxy, distributed builds.')
  .tags(['nix', 'homelab'])
  .time({ from: 'now-24h', to: 'now' })
  .refresh('5m')
  .withVariable(datasourceVariable());

statRow(checks, 'Last check', [
  statusStat('Cache reachable')
    .description('GET /nix-cache-info on the binary cache (nix_cache_info_accessible).')
    .withTarget(promQuery('nix_cache_info_accessible', { instant: true, legend: '{{instance}}' }))
    .mappings(upDown('reachable', 'unreachable')),
  trendStat('Cache hit rate (1h)')
    .description(`Share of the last hour's checks whose second build was substituted from a cache; target ${NIX_BINARY_CACHE_TARGETS.hitRate * 100}%.`)
    .withTarget(promQuery('avg_over_time(nix_local_cache_hit[1h])', { legend: '{{instance}}' }))
    .unit(units.PercentUnit)
    .min(0)
    .max(1)
    .thresholds(thresholds('red', [NIX_BINARY_CACHE_TARGETS.hitRate, 'green'])),
  statusStat('Upstream proxy')
    .description('The nginx proxy to cache.nixos.org (nix_upstream_cache_accessible).')
    .withTarget(promQuery('nix_upstream_cache_accessible', { instant: true, legend: '{{instance}}' }))
    .mappings(upDown('accessible', 'down')),
  statusStat('Distributed builds')
    .description('Whether the test build ran on a remote builder: -1 means no remote builders are configured.')
    .withTarget(promQuery('nix_distributed_build_success', { instant: true, legend: '{{instance}}' }))
    .mappings(distributedBuildMappings),
], { height: 4 });

statRow(checks, 'Last check: details', [
  statusStat('Builders used')
    .description('Remote builders the last test build used.')
    .withTarget(promQuery('sum by (builder) (nix_builder_used)', { instant: true, legend: '{{builder}}' }))
    .mappings(valueMappings({ 0: { text: 'not used', color: 'text' } }))
    .thresholds(thresholds('text', [1, 'blue'])),
  trendStat('Time since last check')
    .description(`The check runs every 15 minutes; NixBuildCacheCheckStale fires after ${CHECK_STALE_AFTER / 60} minutes.`)
    .withTarget(promQuery('time() - nix_build_cache_check_timestamp', { legend: '{{instance}}' }))
    .unit(units.Seconds)
    .thresholds(thresholds('green', [CHECK_STALE_AFTER / 2, 'orange'], [CHECK_STALE_AFTER, 'red'])),
  statusStat('Current test package')
    .description('The package of the last check; it rotates through hello, cowsay, figlet, fortune, lolcat and sl.')
    .withTarget(promQuery('nix_test_package_info', { instant: true, legend: '{{package}}' }))
    .textMode(BigValueTextMode.Name)
    .thresholds(thresholds('blue')),
], { height: 4 });

/** One state per check result, over time. */
const history = (title: string): statetimeline.PanelBuilder =>
  new statetimeline.PanelBuilder().title(title).showValue(VisibilityMode.Never).span(24).height(7);

checks
  .withRow(new RowBuilder('History'))
  .withPanel(
    history('Cache and proxy')
      .withTarget(promQuery('nix_cache_info_accessible', { legend: 'cache {{instance}}' }))
      .withTarget(promQuery('nix_local_cache_hit', { legend: 'cache hit {{instance}}' }))
      .withTarget(promQuery('nix_upstream_cache_accessible', { legend: 'upstream proxy {{instance}}' }))
      .mappings(upDown('ok', 'failed')),
  )
  .withPanel(
    history('Distributed builds and builders')
      .withTarget(promQuery('nix_distributed_build_success', { legend: 'distributed build {{instance}}' }))
      .withTarget(promQuery('nix_builder_used', { legend: '{{builder}}' }))
      .mappings(valueMappings({
        '-1': { text: 'not configured', color: 'text' },
        0: { text: 'no', color: 'red' },
        1: { text: 'yes', color: 'green' },
      })),
  )
  .withPanel(
    graph('Distributed build success (1 day)')
      .description('Share of the checks in the last day whose build used a remote builder; "not configured" checks are left out.')
      .withTarget(promQuery('avg_over_time((nix_distributed_build_success >= 0)[1d:15m])', { legend: '{{instance}}' }))
      .unit(units.PercentUnit)
      .min(0)
      .max(1)
      .span(12)
      .height(8),
  )
  .withPanel(
    graph('Time since last check')
      .withTarget(promQuery('time() - nix_build_cache_check_timestamp', { legend: '{{instance}}' }))
      .unit(units.Seconds)
      .thresholds(thresholds('green', [CHECK_STALE_AFTER, 'red']))
      .thresholdsStyle(new GraphThresholdsStyleConfigBuilder().mode(GraphThresholdsStyleMode.Dashed))
      .span(12)
      .height(8),
  );

export default dashboard({ folder: 'Nix', dashboard: checks });
