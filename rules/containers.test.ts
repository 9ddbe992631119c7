/**
 * Tests for rules/containers.ts: cAdvisor (job `cadvisor`) on podman containers, and the business services.
 *
 * A container restart shows up in cAdvisor in one of two ways, and ContainerRestarting counts both:
 * restarted in place (same cgroup id, so the same series, whose container_start_time_seconds changes), or
 * recreated (oci-containers' `podman run --rm`: a new cgroup id each time, so a new series under the same name;
 * the old one goes stale).
 */
import { ruleTests } from 'promforge';
import containers from './containers.js';

const RUNBOOKS = 'https://git.t-juice.club/torjus/nixos-servers/src/branch/master/docs/runbooks';
/** The rendered runbook_url: the runbook section is the alert name in lower case. */
const runbook = (alertname: string): string => `${RUNBOOKS}/containers.md#${alertname.toLowerCase()}`;
const GRAFANA = 'https://grafana.home.2rjus.net';
/** The rendered dashboard_url: the media pipeline dashboard, showing only the alert's container when it has one. */
const dashboard = (container?: string): string => `${GRAFANA}/d/media-pipeline${container === undefined ? '' : `?var-container=${encodeURIComponent(container)}`}`;

const cadvisor = 'nas-01:8083';

/** One cAdvisor container series; `id` is the container's cgroup (a new one each time podman recreates it). */
const container = (metric: string, name: string, image: string, id: string): string =>
  `${metric}{id="/machine.slice/libpod-${id}.scope", image="${image}", instance="${cadvisor}", job="cadvisor", name="${name}"}`;
const jellyfin = (metric: string, id: string): string => container(metric, 'jellyfin', 'docker.io/jellyfin/jellyfin:10.9.11', id);

const cadvisorDown = {
  exp_labels: { instance: cadvisor, job: 'cadvisor', severity: 'warning' },
  exp_annotations: {
    summary: `cAdvisor ${cadvisor} is down`,
    description:
      `Prometheus could not scrape cAdvisor on ${cadvisor} for 5 minutes; container restarts ` +
      'and OOM kills are not being detected.',
    runbook_url: runbook('CadvisorDown'),
    dashboard_url: dashboard(),
  },
};

/** `sum/count by (instance, name)` keep only the instance and the container name. */
const restarting = (name: string, times: string) => ({
  exp_labels: { instance: cadvisor, name, severity: 'warning' },
  exp_annotations: {
    summary: `Container ${name} on ${cadvisor} is restarting repeatedly`,
    description:
      `Container ${name} on ${cadvisor} was (re)started ${times} times in the last ` +
      '15 minutes; it is probably crash-looping.',
    runbook_url: runbook('ContainerRestarting'),
    dashboard_url: dashboard(name),
  },
});

const oomKilled = (name: string, times: string) => ({
  exp_labels: { instance: cadvisor, name, severity: 'warning' },
  exp_annotations: {
    summary: `Container ${name} on ${cadvisor} ran out of memory`,
    description:
      `The OOM killer killed a process in container ${name} on ${cadvisor} ` +
      `(about ${times} time(s) in the last 15 minutes).`,
    runbook_url: runbook('ContainerOomKilled'),
    dashboard_url: dashboard(name),
  },
});

const businessDown = (instance: string) => ({
  exp_labels: { instance, job: 'business-services', severity: 'critical' },
  exp_annotations: {
    summary: `Business service ${instance} is down`,
    description:
      `The metrics endpoint ${instance} (9999: business-metrics, 9998: business-dashboard) has ` +
      'not answered Prometheus for over a minute; the service is down or hung.',
    runbook_url: runbook('BusinessServiceDown'),
    dashboard_url: dashboard(),
  },
});

export default ruleTests(containers, {
  tests: [
    // ---------------------------------------------------------------- CadvisorDown (for 5m)
    {
      name: 'CadvisorDown: cAdvisor unscraped for 5m fires, and resolves when it is back',
      interval: '1m',
      input_series: [{ series: `up{instance="${cadvisor}", job="cadvisor"}`, values: '1x4 0x9 1x5' }], // down 5m-14m
      alert_rule_test: [
        { eval_time: '4m', alertname: 'CadvisorDown', exp_alerts: [] },
        { eval_time: '9m', alertname: 'CadvisorDown', exp_alerts: [] }, // pending for 4m
        { eval_time: '10m', alertname: 'CadvisorDown', exp_alerts: [cadvisorDown] },
        { eval_time: '15m', alertname: 'CadvisorDown', exp_alerts: [] },
      ],
    },

    // ---------------------------------------------------------------- ContainerRestarting (> 2 restarts in 15m, no `for`)
    {
      name: 'ContainerRestarting: three in-place restarts within 15 minutes fire at the third, and resolve when one leaves the window',
      interval: '1m',
      // started at 0m, restarted in place at 5m, 8m and 11m (same series, new start time)
      input_series: [{ series: jellyfin('container_start_time_seconds', 'a1b2c3'), values: '0x4 300x2 480x2 660x10' }],
      alert_rule_test: [
        { eval_time: '10m', alertname: 'ContainerRestarting', exp_alerts: [] }, // two restarts: normal
        { eval_time: '11m', alertname: 'ContainerRestarting', exp_alerts: [restarting('jellyfin', '3')] },
        { eval_time: '18m', alertname: 'ContainerRestarting', exp_alerts: [restarting('jellyfin', '3')] },
        { eval_time: '21m', alertname: 'ContainerRestarting', exp_alerts: [] },
      ],
    },
    {
      name: 'ContainerRestarting: a container recreated three times (a new series each time) fires at the third',
      interval: '1m',
      // podman run --rm: each restart is a new cgroup id; the old series goes stale
      input_series: [
        { series: jellyfin('container_start_time_seconds', 'a1b2c3'), values: '0x4 stale' },
        { series: jellyfin('container_start_time_seconds', 'd4e5f6'), values: '_x5 300x2 stale' },
        { series: jellyfin('container_start_time_seconds', '0718a9'), values: '_x8 480x2 stale' },
        { series: jellyfin('container_start_time_seconds', 'bcdef0'), values: '_x11 660x10' },
      ],
      alert_rule_test: [
        { eval_time: '10m', alertname: 'ContainerRestarting', exp_alerts: [] },
        { eval_time: '11m', alertname: 'ContainerRestarting', exp_alerts: [restarting('jellyfin', '3')] },
        { eval_time: '18m', alertname: 'ContainerRestarting', exp_alerts: [restarting('jellyfin', '3')] },
        { eval_time: '21m', alertname: 'ContainerRestarting', exp_alerts: [] },
      ],
    },
    {
      name: 'ContainerRestarting: one recreate (a deploy), two in-place restarts, and systemd cgroups without a container name stay silent',
      interval: '1m',
      input_series: [
        { series: jellyfin('container_start_time_seconds', 'a1b2c3'), values: '0x9 stale' },
        { series: jellyfin('container_start_time_seconds', 'd4e5f6'), values: '_x10 600x20' },
        {
          series: container('container_start_time_seconds', 'immich-server', 'ghcr.io/immich-app/immich-server:v1.119.0', '77aa88'),
          values: '0x4 300x4 600x20',
        },
        // a systemd service's cgroup (no `name`), restarted every minute
        { series: `container_start_time_seconds{id="/system.slice/nginx.service", instance="${cadvisor}", job="cadvisor"}`, values: '0+60x30' },
      ],
      alert_rule_test: [
        { eval_time: '12m', alertname: 'ContainerRestarting', exp_alerts: [] },
        { eval_time: '25m', alertname: 'ContainerRestarting', exp_alerts: [] },
      ],
    },

    // ---------------------------------------------------------------- ContainerOomKilled (increase over 15m > 0, no `for`)
    {
      name: 'ContainerOomKilled: fires at the first OOM kill, counts a second one, and resolves 15 minutes after the last',
      interval: '1m',
      // OOM kills at 5m and 9m
      input_series: [
        {
          series: container('container_oom_events_total', 'immich-machine-learning', 'ghcr.io/immich-app/immich-machine-learning:v1.119.0', '5e6f70'),
          values: '0x4 1x3 2x30',
        },
      ],
      alert_rule_test: [
        { eval_time: '4m', alertname: 'ContainerOomKilled', exp_alerts: [] },
        { eval_time: '5m', alertname: 'ContainerOomKilled', exp_alerts: [oomKilled('immich-machine-learning', '1')] },
        { eval_time: '9m', alertname: 'ContainerOomKilled', exp_alerts: [oomKilled('immich-machine-learning', '2')] },
        { eval_time: '22m', alertname: 'ContainerOomKilled', exp_alerts: [oomKilled('immich-machine-learning', '1')] },
        { eval_time: '25m', alertname: 'ContainerOomKilled', exp_alerts: [] },
      ],
    },
    {
      name: 'ContainerOomKilled: a container without OOM kills, and a nameless cgroup with them, stay silent',
      interval: '1m',
      input_series: [
        { series: jellyfin('container_oom_events_total', 'a1b2c3'), values: '0x20' },
        { series: `container_oom_events_total{id="/system.slice/nix-daemon.service", instance="${cadvisor}", job="cadvisor"}`, values: '0x4 1x15' },
      ],
      alert_rule_test: [
        { eval_time: '5m', alertname: 'ContainerOomKilled', exp_alerts: [] },
        { eval_time: '15m', alertname: 'ContainerOomKilled', exp_alerts: [] },
      ],
    },

    // ---------------------------------------------------------------- BusinessServiceDown (for 1m)
    {
      name: 'BusinessServiceDown: business-metrics down for over a minute fires (critical) for that endpoint only, and resolves',
      interval: '1m',
      input_series: [
        { series: 'up{instance="nas-01:9999", job="business-services"}', values: '1x4 0x5 1x5' }, // down 5m-10m
        { series: 'up{instance="nas-01:9998", job="business-services"}', values: '1x15' },
        // another job's target being down is not a business service
        { series: `up{instance="${cadvisor}", job="cadvisor"}`, values: '0x15' },
      ],
      alert_rule_test: [
        { eval_time: '5m', alertname: 'BusinessServiceDown', exp_alerts: [] }, // pending
        { eval_time: '6m', alertname: 'BusinessServiceDown', exp_alerts: [businessDown('nas-01:9999')] },
        { eval_time: '10m', alertname: 'BusinessServiceDown', exp_alerts: [businessDown('nas-01:9999')] },
        { eval_time: '11m', alertname: 'BusinessServiceDown', exp_alerts: [] },
      ],
    },
  ],
});
