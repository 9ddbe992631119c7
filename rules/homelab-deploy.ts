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
 * With builds every 2 hours, a 1h window holds either one round of builds or none. When it holds none, the 1h
 * success ratio and duration quantiles are dropped (absent, not NaN), while builds per hour
 * (`repo:homelab_deploy_builds:increase1h`) is 0; the 1d series are the steady ones for trends.
 */
import { ruleGroup, alert, record } from 'promforge';
import homelab from '../prometheus/homelab.js';

/**
 * The repos `scheduled-build.timer` builds. HomelabDeployNoRecentSuccessfulBuild alerts for each of them even when
 * the builder exports nothing about it any more: add a repo here when the scheduler starts building it.
 */
const REPOS = ['nixos-servers', 'nixos'] as const;

/** Seconds without a successful build of a repo before HomelabDeployNoRecentSuccessfulBuild; the dashboard's red line. */
export const NO_SUCCESS_AFTER = 86400;

/** The builder's series: the job the manifest (prometheus/homelab.ts) scrapes it as. */
const builder = `job="${homelab.jobs['homelab-deploy-builder']}"`;

/** 1, labelled `{job, repo}`, while `repo` exported no last-success gauge for 2 days. */
const noSuccessGaugeIn = (repo: string): string =>
  `absent_over_time(homelab_deploy_build_last_success_timestamp{${builder}, repo="${repo}"}[2d])`;

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
        expr: `up{${builder}} == 0`,
        for: '5m',
        severity: 'warning',
        summary: 'homelab-deploy builder {{ $labels.instance }} is not scraped',
        description:
          'Prometheus could not scrape the homelab-deploy builder on {{ $labels.instance }} for 5 minutes. ' +
          'Scheduled builds are probably not running and build failures are not being reported.',
        dashboard: 'homelab-builds',
        runbook: 'homelab-deploy.md#homelabdeploybuilderdown',
      }),

      alert('HomelabDeployHostBuildFailed', {
        // The failure counter of a (repo, host) pair only appears with its first failure, and increase()
        // needs two samples, so it never sees that first one (nor the first one after a builder restart).
        // The second term catches it: a failure series that exists now but did not an hour ago.
        // The 1h window is the debounce: the alert resolves an hour after the last failure; the next
        // scheduled round (every 2h) re-fires it if the host still does not build.
        // "Did not exist an hour ago" only means something if Prometheus has data from an hour ago: in the
        // first hour on an empty database (or after a gap in Prometheus' data) `offset 1h` finds nothing and
        // every failure series the builder still carries, however old, would look new and fire. The
        // `and on (instance, job) up offset 1h` guard requires that the builder was scraped an hour ago.
        // Trade-off: in that first hour the very first failure of a (repo, host) pair is missed; the next one
        // (the next scheduled round, at most 2h later) is caught by increase(). A burst of stale alerts on
        // every Prometheus (re)start from scratch is the worse outcome.
        expr: `
          increase(homelab_deploy_build_host_total{status="failure"}[1h]) > 0
          or
          (
            (
              homelab_deploy_build_host_total{status="failure"} > 0
              unless
              homelab_deploy_build_host_total{status="failure"} offset 1h
            )
            and on (instance, job)
            up{${builder}} offset 1h
          )
        `,
        severity: 'warning',
        summary: 'Build of {{ $labels.host }} ({{ $labels.repo }}) failed',
        description:
          'homelab-deploy recorded about {{ $value | printf "%.0f" }} failed build(s) of host {{ $labels.host }} ' +
          'from repo {{ $labels.repo }} in the last hour. The host cannot be deployed from the current commit.',
        dashboard: 'homelab-builds',
        runbook: 'homelab-deploy.md#homelabdeployhostbuildfailed',
      }),

      alert('HomelabDeployNoRecentSuccessfulBuild', {
        // Builds are scheduled every 2 hours: 24h without a success is about twelve missed or failed rounds.
        // First term: the gauge starts over (at 0, or absent until the next success) whenever the builder
        // restarts, e.g. on every deploy of nix-cache02; max_over_time keeps the newest success seen in the
        // last 2 days across that. The window is longer than the 24h threshold so the alert can actually fire.
        // Second term: if the restart dropped the gauge and no success followed, the first term goes empty
        // once the last sample leaves the 2d window, and the alert would resolve with still no success. So
        // for each repo the scheduler builds (REPOS), absent_over_time over the same 2d window takes over at
        // exactly that evaluation; it keeps firing until a success is exported again, whatever else the
        // builder still exports (a counter-based form, increase(builds_total{status="success"}[1d]) == 0,
        // has the same hole: the builder drops its counters on restart too). Its `$value` is time(), the
        // "decades" of the runbook: no success in Prometheus' data. Both terms aggregate `by (job, repo)`
        // so the alert keeps one identity across the handover (and across a move of the builder to another
        // instance). The `present_over_time(up ...[1d] offset 1d)` guard: only once Prometheus has watched
        // the builder for a day, so a fresh database or a newly deployed builder (no success exported yet)
        // does not fire at once; it fires a day later if there is still no success, as the threshold wants.
        expr: `
          time() - max by (job, repo) (max_over_time(homelab_deploy_build_last_success_timestamp[2d])) > ${NO_SUCCESS_AFTER}
          or
          (
            time() * (
              ${REPOS.map(noSuccessGaugeIn).join('\n              or\n              ')}
            )
            and on ()
            present_over_time(up{${builder}}[1d] offset 1d)
          )
        `,
        severity: 'warning',
        summary: 'No successful build of {{ $labels.repo }} in 24 hours',
        description:
          'The last successful homelab-deploy build of {{ $labels.repo }} was {{ $value | humanizeDuration }} ago; ' +
          'builds are scheduled every 2 hours. Compare with homelab_deploy_build_last_timestamp: a recent attempt ' +
          'means builds fail, an old one means the scheduler stopped.',
        dashboard: 'homelab-builds',
        runbook: 'homelab-deploy.md#homelabdeploynorecentsuccessfulbuild',
      }),
    ],
  }),
];
