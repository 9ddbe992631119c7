/**
 * homelab-deploy builder on nix-cache02 (job `homelab-deploy-builder`, port 9973).
 *
 * `scheduled-build.timer` asks the builder over NATS to build every host of both repos (`nixos-servers`,
 * `nixos`) every 2 hours; builds also run on demand. Metrics:
 *   homelab_deploy_builds_total{repo,status}              one per repo build (status: success | failure)
 *   homelab_deploy_build_host_total{repo,host,status}     one per host inside a repo build
 *   homelab_deploy_build_duration_seconds{repo,host}      histogram of per-host build durations
 *   homelab_deploy_build_last_timestamp{repo}             last build attempt (unix seconds)
 *   homelab_deploy_build_last_success_timestamp{repo}     last successful build (unix seconds)
 *
 * With builds every 2 hours, a 1h window holds either one round of builds or none. The recorded 1h series
 * are dropped (not NaN) when the window holds no build; the 1d series are the steady ones for trends.
 */
import { ruleGroup, alert, record } from 'promforge';

/**
 * Build duration quantile per host. A host without a build in the window has all bucket rates at 0, which
 * makes histogram_quantile return NaN; `>= 0` drops those (NaN compares false) so the series is absent.
 */
const buildDurationQuantile = (quantile: number, range: '1h' | '1d'): string => `
  histogram_quantile(${quantile},
    sum by (le, host) (rate(homelab_deploy_build_duration_seconds_bucket[${range}]))
  ) >= 0
`;

export default [
  // Recorded first so the dashboard (and any alert that wants them) read precomputed series.
  ruleGroup('homelab-deploy-builds-recording', {
    rules: [
      record('repo:homelab_deploy_builds:success_ratio1h', {
        expr: `
          sum by (repo) (increase(homelab_deploy_builds_total{status="success"}[1h]))
          /
          (sum by (repo) (increase(homelab_deploy_builds_total[1h])) > 0)
        `,
      }),
      record('repo:homelab_deploy_builds:success_ratio1d', {
        expr: `
          sum by (repo) (increase(homelab_deploy_builds_total{status="success"}[1d]))
          /
          (sum by (repo) (increase(homelab_deploy_builds_total[1d])) > 0)
        `,
      }),
      // Builds per hour: repo builds started in the last hour, whatever their outcome.
      record('repo:homelab_deploy_builds:increase1h', {
        expr: 'sum by (repo) (increase(homelab_deploy_builds_total[1h]))',
      }),
      record('host:homelab_deploy_build_duration_seconds:p50_1h', { expr: buildDurationQuantile(0.5, '1h') }),
      record('host:homelab_deploy_build_duration_seconds:p95_1h', { expr: buildDurationQuantile(0.95, '1h') }),
      record('host:homelab_deploy_build_duration_seconds:p50_1d', { expr: buildDurationQuantile(0.5, '1d') }),
      record('host:homelab_deploy_build_duration_seconds:p95_1d', { expr: buildDurationQuantile(0.95, '1d') }),
    ],
  }),

  ruleGroup('homelab-deploy-builds', {
    rules: [
      alert('HomelabDeployBuilderDown', {
        // Without this, a dead builder is silent: its counters vanish and the alerts below see nothing.
        expr: 'up{job="homelab-deploy-builder"} == 0',
        for: '5m',
        severity: 'warning',
        summary: 'homelab-deploy builder {{ $labels.instance }} is not scraped',
        description:
          'Prometheus could not scrape the homelab-deploy builder on {{ $labels.instance }} for 5 minutes. ' +
          'Scheduled builds are probably not running and build failures are not being reported.',
        runbook: 'homelab-deploy.md#homelabdeploybuilderdown',
      }),

      alert('HomelabDeployHostBuildFailed', {
        // The failure counter of a (repo, host) pair only appears with its first failure, and increase()
        // needs two samples, so it never sees that first one (nor the first one after a builder restart).
        // The second term catches it: a failure series that exists now but did not an hour ago.
        // The 1h window is the debounce: the alert resolves an hour after the last failure; the next
        // scheduled round (every 2h) re-fires it if the host still does not build.
        expr: `
          increase(homelab_deploy_build_host_total{status="failure"}[1h]) > 0
          or
          (
            homelab_deploy_build_host_total{status="failure"} > 0
            unless
            homelab_deploy_build_host_total{status="failure"} offset 1h
          )
        `,
        severity: 'warning',
        summary: 'Build of {{ $labels.host }} ({{ $labels.repo }}) failed',
        description:
          'homelab-deploy recorded about {{ $value | printf "%.0f" }} failed build(s) of host {{ $labels.host }} ' +
          'from repo {{ $labels.repo }} in the last hour. The host cannot be deployed from the current commit.',
        runbook: 'homelab-deploy.md#homelabdeployhostbuildfailed',
      }),

      alert('HomelabDeployNoRecentSuccessfulBuild', {
        // Builds are scheduled every 2 hours: 24h without a success is about twelve missed or failed rounds.
        // max_over_time: the gauge starts over (at 0, or absent until the next success) whenever the builder
        // restarts, e.g. on every deploy of nix-cache02; the newest success seen in the last 2 days survives
        // that. The window is longer than the 24h threshold so the alert can actually fire.
        expr: 'time() - max_over_time(homelab_deploy_build_last_success_timestamp[2d]) > 86400',
        severity: 'warning',
        summary: 'No successful build of {{ $labels.repo }} in 24 hours',
        description:
          'The last successful homelab-deploy build of {{ $labels.repo }} was {{ $value | humanizeDuration }} ago; ' +
          'builds are scheduled every 2 hours. Compare with homelab_deploy_build_last_timestamp: a recent attempt ' +
          'means builds fail, an old one means the scheduler stopped.',
        runbook: 'homelab-deploy.md#homelabdeploynorecentsuccessfulbuild',
      }),
    ],
  }),
];
