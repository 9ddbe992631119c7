/**
 * Media pipeline: the podman containers cAdvisor sees (job `cadvisor`), and the business services' targets
 * (job `business-services`: business-metrics on 9999, business-dashboard on 9998).
 *
 * From the seed "Phase 2 - Monitoring Stack Optimization": its Media Pipeline dashboard, "Enable GPU & Container
 * Metrics" (cAdvisor) and "Business and Media Metrics Integration". The seed names no media containers, so the
 * `$container` variable lists whatever containers cAdvisor reports (`name!=""`: real containers, not systemd
 * cgroups). Ours:
 * - restarts are counted as rules/containers.ts's ContainerRestarting does: cAdvisor has no restart counter,
 *   and oci-containers recreate a container (a new series under the same name) on every restart, so both
 *   changes() of the start time and the number of series per name count;
 * - OOM kills next to memory, because a container at its limit shows a flat line right before it is killed.
 */
import { DashboardBuilder, RowBuilder } from '@grafana/grafana-foundation-sdk/dashboard';
import { GraphDrawStyle } from '@grafana/grafana-foundation-sdk/common';
import * as units from '@grafana/grafana-foundation-sdk/units';
import { dashboard, datasourceVariable, labelValuesVariable, promQuery, statRow, thresholds } from 'promforge';
import homelab from '../prometheus/homelab.js';
import { graph, statusStat, trendStat, upDown } from './_style.js';

/** The jobs, as the manifest (prometheus/homelab.ts) names them. */
const cadvisor = `job="${homelab.jobs.cadvisor}"`;
const businessServices = `job="${homelab.jobs['business-services']}"`;
/** Real containers (systemd cgroups have no name), filtered by `$container`. */
const containers = `${cadvisor}, name!="", name=~"$container"`;

/** Starts of each container in the window: changes of its start time plus the extra series a recreate leaves. */
const starts = (window: string): string => `
  sum by (name) (changes(container_start_time_seconds{${containers}}[${window}]))
  + count by (name) (count_over_time(container_start_time_seconds{${containers}}[${window}]))
  - 1`;

const media = new DashboardBuilder('Media pipeline')
  .uid('media-pipeline')
  .description('Container CPU, memory, restarts and network (cAdvisor), and the business services\' targets.')
  .tags(['containers', 'media', 'homelab'])
  .time({ from: 'now-6h', to: 'now' })
  .refresh('1m')
  .withVariable(datasourceVariable())
  .withVariable(labelValuesVariable('container', { label: 'name', selector: `container_last_seen{${cadvisor}, name!=""}`, title: 'Container' }));

statRow(media, 'Services', [
  statusStat('business-metrics / business-dashboard')
    .description('The business services\' metrics endpoints (9999, 9998); BusinessServiceDown pages after 1 minute.')
    .withTarget(promQuery(`up{${businessServices}}`, { instant: true, legend: '{{instance}}' }))
    .mappings(upDown()),
  statusStat('cAdvisor')
    .description('Without cAdvisor every container panel below is empty and restarts go unnoticed.')
    .withTarget(promQuery(`up{${cadvisor}}`, { instant: true, legend: '{{instance}}' }))
    .mappings(upDown()),
  trendStat('Containers running')
    .withTarget(promQuery(`count(container_last_seen{${containers}})`, { legend: 'containers' }))
    .unit(units.Short)
    .thresholds(thresholds('blue')),
  trendStat('Restarts (1h)')
    .description('Container starts beyond the first in the last hour, all selected containers.')
    .withTarget(promQuery(`sum(${starts('1h')})`, { instant: true, legend: 'restarts' }))
    .unit(units.Short)
    .decimals(0)
    .thresholds(thresholds('green', [1, 'orange'], [3, 'red'])),
], { height: 5 });

media
  .withRow(new RowBuilder('Containers'))
  .withPanel(
    graph('CPU')
      .description('CPU time per second: 1 is one core busy.')
      .withTarget(promQuery(`sum by (name) (rate(container_cpu_usage_seconds_total{${containers}}[$__rate_interval]))`, { legend: '{{name}}' }))
      .unit(units.Short)
      .axisLabel('cores')
      .min(0)
      .span(12)
      .height(8),
  )
  .withPanel(
    graph('Memory (working set)')
      .description('What the kernel cannot reclaim without swapping: the figure memory limits and the OOM killer act on.')
      .withTarget(promQuery(`sum by (name) (container_memory_working_set_bytes{${containers}})`, { legend: '{{name}}' }))
      .unit(units.BytesIEC)
      .min(0)
      .span(12)
      .height(8),
  )
  .withPanel(
    graph('Restarts')
      .description('Container starts beyond the first per step; ContainerRestarting fires on more than 2 in 15 minutes.')
      .withTarget(promQuery(starts('$__rate_interval'), { legend: '{{name}}', interval: '15m' }))
      .drawStyle(GraphDrawStyle.Bars)
      .unit(units.Short)
      .decimals(0)
      .span(12)
      .height(8),
  )
  .withPanel(
    graph('OOM kills')
      .withTarget(promQuery(`sum by (name) (increase(container_oom_events_total{${containers}}[$__rate_interval]))`, { legend: '{{name}}', interval: '15m' }))
      .drawStyle(GraphDrawStyle.Bars)
      .unit(units.Short)
      .decimals(0)
      .span(12)
      .height(8),
  )
  .withPanel(
    graph('Network received')
      .description('Containers on the host network have no series of their own.')
      .withTarget(promQuery(`sum by (name) (rate(container_network_receive_bytes_total{${containers}}[$__rate_interval]))`, { legend: '{{name}}' }))
      .unit(units.BytesPerSecondSI)
      .min(0)
      .span(12)
      .height(8),
  )
  .withPanel(
    graph('Network transmitted')
      .withTarget(promQuery(`sum by (name) (rate(container_network_transmit_bytes_total{${containers}}[$__rate_interval]))`, { legend: '{{name}}' }))
      .unit(units.BytesPerSecondSI)
      .min(0)
      .span(12)
      .height(8),
  );

export default dashboard({ folder: 'Services', dashboard: media });
