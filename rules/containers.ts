/**
 * Containers (cAdvisor, job `cadvisor`, port 8083) and the business/media services
 * (job `business-services`: business-metrics on 9999, business-dashboard on 9998).
 *
 * The containers run under podman (NixOS oci-containers); cAdvisor reads them through the podman socket,
 * and its per-container series carry `name` (the container name), `image` and `id` (the cgroup).
 * `name!=""` keeps real containers and drops the cgroups of systemd slices and services.
 */
import { ruleGroup, alert } from 'promforge';
import homelab from '../prometheus/homelab.js';

/** The jobs, as the manifest (prometheus/homelab.ts) scrapes them. */
const cadvisor = `job="${homelab.jobs.cadvisor}"`;
const businessServices = `job="${homelab.jobs['business-services']}"`;
const containers = `${cadvisor}, name!=""`;

/** dashboards/media-pipeline.ts, showing only the container the alert is about. */
const thisContainer = { uid: 'media-pipeline', vars: { container: '{{ $labels.name }}' } };

export default [
  ruleGroup('containers', {
    rules: [
      alert('CadvisorDown', {
        expr: `up{${cadvisor}} == 0`,
        for: '5m',
        severity: 'warning',
        summary: 'cAdvisor {{ $labels.instance }} is down',
        description:
          'Prometheus could not scrape cAdvisor on {{ $labels.instance }} for 5 minutes; container restarts ' +
          'and OOM kills are not being detected.',
        dashboard: 'media-pipeline',
        runbook: 'containers.md#cadvisordown',
      }),

      alert('ContainerRestarting', {
        // cAdvisor has no restart counter; a restart shows up in container_start_time_seconds in one of two ways:
        //  - restarted in place (same container id, same series): the value changes -> changes();
        //  - recreated (oci-containers runs `podman run --rm`, so every systemd restart makes a new container
        //    with a new id, i.e. a new series under the same name): changes() of each series stays 0, so we
        //    also count how many series the name had in the window, minus the one that is running.
        // One restart is normal (a deploy, an image update); more than 2 in 15 minutes is a crash loop.
        expr: `
          sum by (instance, name) (changes(container_start_time_seconds{${containers}}[15m]))
          +
          count by (instance, name) (count_over_time(container_start_time_seconds{${containers}}[15m]))
          - 1
          > 2
        `,
        severity: 'warning',
        summary: 'Container {{ $labels.name }} on {{ $labels.instance }} is restarting repeatedly',
        description:
          'Container {{ $labels.name }} on {{ $labels.instance }} was (re)started {{ $value }} times in the last ' +
          '15 minutes; it is probably crash-looping.',
        dashboard: thisContainer,
        runbook: 'containers.md#containerrestarting',
      }),

      alert('ContainerOomKilled', {
        // The kernel OOM killer hit a process in the container's cgroup (its memory limit, or the host's).
        // Fires for 15m after each kill; there is no `for` because a kill is an event, not a state.
        expr: `sum by (instance, name) (increase(container_oom_events_total{${containers}}[15m])) > 0`,
        severity: 'warning',
        summary: 'Container {{ $labels.name }} on {{ $labels.instance }} ran out of memory',
        description:
          'The OOM killer killed a process in container {{ $labels.name }} on {{ $labels.instance }} ' +
          '(about {{ $value | printf "%.0f" }} time(s) in the last 15 minutes).',
        dashboard: thisContainer,
        runbook: 'containers.md#containeroomkilled',
      }),
    ],
  }),

  ruleGroup('business-services', {
    rules: [
      alert('BusinessServiceDown', {
        // NixMox: any service target down for 1m is critical. These are user-facing, so that applies.
        expr: `up{${businessServices}} == 0`,
        for: '1m',
        severity: 'critical',
        summary: 'Business service {{ $labels.instance }} is down',
        description:
          'The metrics endpoint {{ $labels.instance }} (9999: business-metrics, 9998: business-dashboard) has ' +
          'not answered Prometheus for over a minute; the service is down or hung.',
        dashboard: 'media-pipeline',
        runbook: 'containers.md#businessservicedown',
      }),
    ],
  }),
];
