/**
 * The homelab-deploy builder on nix-cache02 (job `homelab-deploy-builder`, port 9973). It builds the hosts of
 * a flake repo (`nixos-servers`, `nixos`) when asked over NATS: by `scheduled-build.timer` every 2 hours and
 * on demand. A repo build builds one or all of its hosts. The counters and the last-build gauges start over
 * (counters from 0, gauges absent until the next build) whenever the builder restarts.
 */
import { metricCatalog, type MetricCatalog } from './types.js';

const status = ['success', 'failure'];

export const homelabDeployCatalog: MetricCatalog = metricCatalog({
  name: 'homelab-deploy',
  source: 'the homelab-deploy builder (homelab-deploy in builder mode on nix-cache02)',
  namespaces: ['homelab_deploy_'],
  jobs: ['homelab-deploy-builder'],
  metrics: [
    {
      name: 'homelab_deploy_builds_total',
      type: 'counter',
      help: 'Repo builds, by repo and outcome.',
      labels: ['repo', 'status'],
      values: { status },
    },
    {
      name: 'homelab_deploy_build_host_total',
      type: 'counter',
      help: 'Host builds within repo builds, by repo, host and outcome.',
      labels: ['repo', 'host', 'status'],
      values: { status },
    },
    {
      name: 'homelab_deploy_build_duration_seconds',
      type: 'histogram',
      help: 'Duration of the build of one host, in seconds.',
      labels: ['repo', 'host'],
    },
    {
      name: 'homelab_deploy_build_last_timestamp',
      type: 'gauge',
      help: 'Unix time of the last build attempt of the repo.',
      labels: ['repo'],
      unit: 'seconds',
    },
    {
      name: 'homelab_deploy_build_last_success_timestamp',
      type: 'gauge',
      help: 'Unix time of the last successful build of the repo.',
      labels: ['repo'],
      unit: 'seconds',
    },
  ],
});
