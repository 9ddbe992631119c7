/**
 * Mobile status: a status board for a phone screen. Stat panels only, at most two side by side, no graphs.
 *
 * From the seed "Phase 2 - Monitoring Stack Optimization" (its Mobile Status dashboard) and the NixMox
 * README's "any service target down" alert. Ours:
 * - firing alerts come from Prometheus' ALERTS series, one panel per severity, each 0 rather than empty when
 *   nothing fires (`or vector(0)`), so "no data" always means the query itself failed;
 * - one panel per scrape job, repeated by Grafana for each value of `$job`, with one coloured value per target;
 *   probes get their own panel, since a probe's `up` only says blackbox_exporter answered, not the target.
 */
import { DashboardBuilder, VariableHide } from '@grafana/grafana-foundation-sdk/dashboard';
import { BigValueTextMode } from '@grafana/grafana-foundation-sdk/common';
import * as units from '@grafana/grafana-foundation-sdk/units';
import { dashboard, datasourceVariable, jobVariable, promQuery, statRow, thresholds } from 'promforge';
import { statusStat, upDown } from './_style.js';

/** Panels per line: 2 keeps every value readable on a 360 px wide screen. */
export const MOBILE_COLUMNS = 2;

const firing = (severity: string): string => `count(ALERTS{alertstate="firing", severity="${severity}"}) or vector(0)`;
const alertCount = (title: string, severity: string, color: string): ReturnType<typeof statusStat> =>
  statusStat(title)
    .withTarget(promQuery(firing(severity), { instant: true, legend: title }))
    .unit(units.Short)
    .decimals(0)
    .thresholds(thresholds('green', [1, color]));

const board = new DashboardBuilder('Mobile status')
  .uid('mobile-status')
  .description('Firing alerts, every scrape target and every probe, readable on a phone.')
  .tags(['status', 'mobile', 'homelab'])
  .time({ from: 'now-1h', to: 'now' })
  .refresh('1m')
  .withVariable(datasourceVariable())
  // Drives the repeat below; hidden because the board shows every job and a phone has no room for a picker.
  .withVariable(jobVariable().hide(VariableHide.HideVariable).current({ text: ['All'], value: ['$__all'] }));

statRow(board, 'Alerts', [
  alertCount('Critical', 'critical', 'red'),
  alertCount('Warning', 'warning', 'orange'),
], { height: 4, perLine: MOBILE_COLUMNS });

statRow(board, 'Probes', [
  statusStat('Probes')
    .description('blackbox_exporter probes: whether the probed service answered.')
    .withTarget(promQuery('probe_success', { instant: true, legend: '{{instance}}' }))
    .mappings(upDown('ok', 'failed'))
    .textMode(BigValueTextMode.ValueAndName),
  statusStat('Probe latency')
    .description('How long each probe took, DNS and connection included.')
    .withTarget(promQuery('probe_duration_seconds', { instant: true, legend: '{{instance}}' }))
    .unit(units.Seconds)
    .thresholds(thresholds('green', [1, 'orange']))
    .textMode(BigValueTextMode.ValueAndName),
], { height: 5, perLine: MOBILE_COLUMNS });

statRow(board, 'Scrape targets', [
  statusStat('$job')
    .description('Every target of the job: down means Prometheus cannot scrape it.')
    .withTarget(promQuery('up{job=~"$job"}', { instant: true, legend: '{{instance}}' }))
    .mappings(upDown())
    .textMode(BigValueTextMode.ValueAndName)
    .repeat('job')
    .repeatDirection('h')
    .maxPerRow(MOBILE_COLUMNS),
], { height: 5, perLine: MOBILE_COLUMNS });

export default dashboard({ folder: 'Status', dashboard: board });
