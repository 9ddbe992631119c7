/**
 * Builds: the homelab-deploy builder on nix-cache02 (job `homelab-deploy-builder`), which builds every host of
 * the `nixos-servers` and `nixos` repos every 2 hours and on demand.
 *
 * From the seed "Nix Cache Host Reprovision", Phase 6 "Grafana dashboard for build metrics": success/failure
 * rate over time, build duration per host from the histogram, builds per hour/day, last successful build per
 * repo. Ours:
 * - builds come every 2 hours, so a rate over a few scrape intervals is almost always 0 with a spike; the
 *   panels count builds per hour or per day instead, by giving the query a 1h/1d minimum step (Grafana then
 *   stretches `$__rate_interval` to match);
 * - the success ratio and the per-host quantiles of the last day come from the recording rules in
 *   rules/homelab-deploy.ts; the "no successful build" line is that module's alert threshold;
 * - "last success" takes the newest value of the last 2 days like the alert does, because the builder's gauge
 *   starts over at 0 when it restarts.
 */
import { DashboardBuilder, RowBuilder } from '@grafana/grafana-foundation-sdk/dashboard';
import { BarGaugeDisplayMode, GraphDrawStyle, GraphThresholdsStyleConfigBuilder, GraphThresholdsStyleMode, StackingConfigBuilder, StackingMode, VizOrientation } from '@grafana/grafana-foundation-sdk/common';
import * as bargauge from '@grafana/grafana-foundation-sdk/bargauge';
import * as units from '@grafana/grafana-foundation-sdk/units';
import { dashboard, datasourceVariable, promQuery, statRow, thresholds } from 'promforge';
import homelab from '../prometheus/homelab.js';
import { NO_SUCCESS_AFTER } from '../rules/homelab-deploy.js';
import { graph, statusStat, trendStat, upDown } from './_style.js';

const builder = `job="${homelab.jobs['homelab-deploy-builder']}"`;

const builds = new DashboardBuilder('Builds')
  .uid('homelab-builds')
  .description('homelab-deploy builds on nix-cache02: outcomes, durations per host, frequency, last success per repo.')
  .tags(['nix', 'builds', 'homelab'])
  .time({ from: 'now-2d', to: 'now' })
  .refresh('5m')
  .withVariable(datasourceVariable());

statRow(builds, 'Now', [
  statusStat('Builder')
    .description('Whether Prometheus scrapes the builder: when it does not, every panel below is stale or empty.')
    .withTarget(promQuery(`up{${builder}}`, { instant: true, legend: '{{instance}}' }))
    .mappings(upDown()),
  trendStat('Since last successful build')
    .description(`HomelabDeployNoRecentSuccessfulBuild fires after ${NO_SUCCESS_AFTER / 3600} hours; builds are scheduled every 2 hours.`)
    .withTarget(promQuery(`time() - max by (repo) (max_over_time(homelab_deploy_build_last_success_timestamp{${builder}}[2d]))`, { instant: true, legend: '{{repo}}' }))
    .unit(units.DurationSeconds)
    .thresholds(thresholds('green', [4 * 3600, 'orange'], [NO_SUCCESS_AFTER, 'red'])),
  trendStat('Since last build attempt')
    .description('A recent attempt with an old success means builds fail; an old attempt means the scheduler stopped.')
    .withTarget(promQuery(`time() - max by (repo) (homelab_deploy_build_last_timestamp{${builder}})`, { instant: true, legend: '{{repo}}' }))
    .unit(units.DurationSeconds)
    .thresholds(thresholds('green', [4 * 3600, 'orange'])),
  trendStat('Success ratio (1 day)')
    .withTarget(promQuery('repo:homelab_deploy_builds:success_ratio1d', { instant: true, legend: '{{repo}}' }))
    .unit(units.PercentUnit)
    .min(0)
    .max(1)
    .thresholds(thresholds('red', [0.5, 'orange'], [1, 'green'])),
], { height: 5 });

/** Builds counted per step: bars, one per hour or day. */
const perStep = (title: string): ReturnType<typeof graph> =>
  graph(title).drawStyle(GraphDrawStyle.Bars).fillOpacity(80).stacking(new StackingConfigBuilder().mode(StackingMode.Normal)).unit(units.Short).decimals(0);

builds
  .withRow(new RowBuilder('Outcomes'))
  .withPanel(
    perStep('Builds per hour')
      .description('Repo builds started in each hour, by outcome.')
      .withTarget(promQuery(`sum by (repo, status) (increase(homelab_deploy_builds_total{${builder}}[$__rate_interval]))`, { legend: '{{repo}} {{status}}', interval: '1h' }))
      .span(12)
      .height(8),
  )
  .withPanel(
    perStep('Builds per day')
      .withTarget(promQuery(`sum by (repo, status) (increase(homelab_deploy_builds_total{${builder}}[$__rate_interval]))`, { legend: '{{repo}} {{status}}', interval: '1d' }))
      .timeFrom('14d')
      .span(12)
      .height(8),
  )
  .withPanel(
    graph('Success ratio (1 day)')
      .withTarget(promQuery('repo:homelab_deploy_builds:success_ratio1d', { legend: '{{repo}}' }))
      .unit(units.PercentUnit)
      .min(0)
      .max(1)
      .span(12)
      .height(8),
  )
  .withPanel(
    perStep('Failed host builds')
      .description('Hosts that failed to build, per 2 hours (one scheduled round); HomelabDeployHostBuildFailed fires on each.')
      .withTarget(promQuery(`sum by (repo, host) (increase(homelab_deploy_build_host_total{${builder}, status="failure"}[$__rate_interval]))`, { legend: '{{host}} ({{repo}})', interval: '2h' }))
      .span(12)
      .height(8),
  )
  .withPanel(
    graph('Since last successful build')
      .withTarget(promQuery(`time() - max by (repo) (max_over_time(homelab_deploy_build_last_success_timestamp{${builder}}[2d]))`, { legend: '{{repo}}' }))
      .unit(units.DurationSeconds)
      .thresholds(thresholds('green', [NO_SUCCESS_AFTER, 'red']))
      .thresholdsStyle(new GraphThresholdsStyleConfigBuilder().mode(GraphThresholdsStyleMode.Dashed))
      .span(24)
      .height(7),
  );

/** Build duration quantile per host over each 2-hour step: one scheduled round of builds. */
const durationQuantile = (q: number): string =>
  `histogram_quantile(${q}, sum by (le, host) (rate(homelab_deploy_build_duration_seconds_bucket{${builder}}[$__rate_interval])))`;

builds
  .withRow(new RowBuilder('Duration per host'))
  .withPanel(
    graph('Build duration p50')
      .withTarget(promQuery(durationQuantile(0.5), { legend: '{{host}}', interval: '2h' }))
      .unit(units.Seconds)
      .span(12)
      .height(9),
  )
  .withPanel(
    graph('Build duration p95')
      .withTarget(promQuery(durationQuantile(0.95), { legend: '{{host}}', interval: '2h' }))
      .unit(units.Seconds)
      .span(12)
      .height(9),
  )
  .withPanel(
    new bargauge.PanelBuilder()
      .title('Slowest hosts (p95 over the last day)')
      .description('From the recording rule host:homelab_deploy_build_duration_seconds:p95_1d; hosts without a build in the day are absent.')
      .withTarget(promQuery('sort_desc(host:homelab_deploy_build_duration_seconds:p95_1d)', { instant: true, legend: '{{host}}' }))
      .displayMode(BarGaugeDisplayMode.Basic)
      .orientation(VizOrientation.Horizontal)
      .unit(units.Seconds)
      .thresholds(thresholds('blue'))
      .span(24)
      .height(10),
  );

export default dashboard({ folder: 'Nix', dashboard: builds });
