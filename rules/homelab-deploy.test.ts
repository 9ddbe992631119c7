/**
 * Tests for rules/homelab-deploy.ts: the builder on nix-cache02 (job `homelab-deploy-builder`), its recording
 * rules (success ratio, builds per hour, build duration quantiles) and its alerts.
 *
 * The recording rule inputs are chosen so every expected value can be worked out by hand, and is the same
 * whether the range window is closed ([t-1h, t], Prometheus 2.x) or left-open ((t-1h, t], 3.x, which does not
 * see the sample on the window's start): each window ends on a sample, every counter that moves in it is
 * still 0 at its first samples (so increase() and rate() do not extrapolate toward the start in 3.x: a
 * counter's extrapolation stops at 0; 2.x has a sample on the start), and no increment falls on the window's
 * first sample. The histogram quantiles interpolate within one bucket with round numbers.
 */
import { ruleTests } from 'promforge';
import homelabDeploy from './homelab-deploy.js';

const RUNBOOKS = 'https://git.t-juice.club/torjus/nixos-servers/src/branch/master/docs/runbooks';
/** The rendered runbook_url: the runbook section is the alert name in lower case. */
const runbook = (alertname: string): string => `${RUNBOOKS}/homelab-deploy.md#${alertname.toLowerCase()}`;
const GRAFANA = 'https://grafana.home.2rjus.net';
/** The rendered dashboard_url: every alert of the module opens its dashboard. */
const dashboard = `${GRAFANA}/d/homelab-builds`;

const builder = { instance: 'nix-cache02:9973', job: 'homelab-deploy-builder' };
const target = `instance="${builder.instance}", job="${builder.job}"`;

/**
 * A series' values for samples 0..last in promtool's expanding notation, from the value at each sample:
 * runs of equal values are written `vxN`.
 */
function sampled(last: number, valueAt: (i: number) => number): string {
  const parts: string[] = [];
  let i = 0;
  while (i <= last) {
    const v = valueAt(i);
    let j = i;
    while (j + 1 <= last && valueAt(j + 1) === v) j++;
    parts.push(j > i ? `${v}x${j - i}` : `${v}`);
    i = j + 1;
  }
  return parts.join(' ');
}

/** A counter starting at `start`, incremented by one at each of the given sample indexes. */
const counter = (start: number, incrementsAt: readonly number[], last: number): string =>
  sampled(last, (i) => start + incrementsAt.filter((at) => at <= i).length);

const BUCKETS = ['30', '60', '120', '300', '600', '1200', '1800', '3600', '+Inf'];

/** The `_bucket` series of one (repo, host) build duration histogram, from its builds (sample index, seconds). */
const durationBuckets = (repo: string, host: string, builds: readonly { at: number; seconds: number }[], last: number) =>
  BUCKETS.map((le) => ({
    series: `homelab_deploy_build_duration_seconds_bucket{host="${host}", ${target}, le="${le}", repo="${repo}"}`,
    values: sampled(last, (i) => builds.filter((b) => b.at <= i && (le === '+Inf' || b.seconds <= Number(le))).length),
  }));

const builds = (repo: string, status: 'success' | 'failure') => `homelab_deploy_builds_total{${target}, repo="${repo}", status="${status}"}`;
const hostBuilds = (repo: string, host: string, status: 'success' | 'failure') =>
  `homelab_deploy_build_host_total{host="${host}", ${target}, repo="${repo}", status="${status}"}`;

const builderDown = {
  exp_labels: { ...builder, severity: 'warning' },
  exp_annotations: {
    summary: 'homelab-deploy builder nix-cache02:9973 is not scraped',
    description:
      'Prometheus could not scrape the homelab-deploy builder on nix-cache02:9973 for 5 minutes. ' +
      'Scheduled builds are probably not running and build failures are not being reported.',
    runbook_url: runbook('HomelabDeployBuilderDown'),
    dashboard_url: dashboard,
  },
};

const hostBuildFailed = (repo: string, host: string, count: string) => ({
  exp_labels: { ...builder, host, repo, status: 'failure', severity: 'warning' },
  exp_annotations: {
    summary: `Build of ${host} (${repo}) failed`,
    description:
      `homelab-deploy recorded about ${count} failed build(s) of host ${host} ` +
      `from repo ${repo} in the last hour. The host cannot be deployed from the current commit.`,
    runbook_url: runbook('HomelabDeployHostBuildFailed'),
    dashboard_url: dashboard,
  },
});

const noRecentSuccess = (repo: string, ago: string) => ({
  // aggregated by (job, repo): no `instance`, so the alert keeps its identity when its second term takes over
  exp_labels: { job: builder.job, repo, severity: 'warning' },
  exp_annotations: {
    summary: `No successful build of ${repo} in 24 hours`,
    description:
      `The last successful homelab-deploy build of ${repo} was ${ago} ago; ` +
      'builds are scheduled every 2 hours. Compare with homelab_deploy_build_last_timestamp: a recent attempt ' +
      'means builds fail, an old one means the scheduler stopped.',
    runbook_url: runbook('HomelabDeployNoRecentSuccessfulBuild'),
    dashboard_url: dashboard,
  },
});

const lastSuccess = (repo: string) => `homelab_deploy_build_last_success_timestamp{${target}, repo="${repo}"}`;

/** The builder's `up`, scraped from sample 0 to sample `last`. */
const builderUp = (last: number) => ({ series: `up{${target}}`, values: `1x${last}` });

/** Four hours of the builder, one sample a minute (samples 0..240). */
const HOURS_4 = 240;

export default ruleTests(homelabDeploy, {
  tests: [
    // ---------------------------------------------------------------- recording rules, 1h windows
    {
      name: 'Recording rules, last hour: success ratio 3 of 4, builds per hour, p50/p95 build durations per host; absent or 0 after an hour without builds',
      interval: '1m',
      input_series: [
        // The builder (re)started at 0m: the counters that move in the window start from 0 (see the top).
        // nixos-servers: builds at 65m, 80m and 100m succeed, the one at 90m fails
        { series: builds('nixos-servers', 'success'), values: counter(0, [65, 80, 100], HOURS_4) },
        { series: builds('nixos-servers', 'failure'), values: counter(0, [90], HOURS_4) },
        // nixos: its build at 100m fails; its success counter does not move (and may start above 0)
        { series: builds('nixos', 'success'), values: counter(5, [], HOURS_4) },
        { series: builds('nixos', 'failure'), values: counter(0, [100], HOURS_4) },
        // nas-01: 90s at 62m: within the last hour one build, in (60, 120]
        ...durationBuckets('nixos-servers', 'nas-01', [{ at: 62, seconds: 90 }], HOURS_4),
        // nix-cache02, built from both repos: 500s at 90m and 250s at 100m, one in (300, 600], one in (120, 300]
        ...durationBuckets('nixos-servers', 'nix-cache02', [{ at: 90, seconds: 500 }], HOURS_4),
        ...durationBuckets('nixos', 'nix-cache02', [{ at: 100, seconds: 250 }], HOURS_4),
        // nix-01: built at 30m only, before the window at 2h
        ...durationBuckets('nixos-servers', 'nix-01', [{ at: 30, seconds: 100 }], HOURS_4),
      ],
      promql_expr_test: [
        {
          // 3 successes of 4 builds; nixos: 0 of 1
          expr: 'repo:homelab_deploy_builds:success_ratio1h',
          eval_time: '2h',
          exp_samples: [
            { labels: 'repo:homelab_deploy_builds:success_ratio1h{repo="nixos-servers"}', value: 0.75 },
            { labels: 'repo:homelab_deploy_builds:success_ratio1h{repo="nixos"}', value: 0 },
          ],
        },
        {
          expr: 'repo:homelab_deploy_builds:increase1h',
          eval_time: '2h',
          exp_samples: [
            { labels: 'repo:homelab_deploy_builds:increase1h{repo="nixos-servers"}', value: 4 },
            { labels: 'repo:homelab_deploy_builds:increase1h{repo="nixos"}', value: 1 },
          ],
        },
        {
          // nas-01: one build in (60, 120]: 60 + 60 × 0.5. nix-cache02: rank 1 of 2 is the top of (120, 300].
          // nix-01 had no build in the hour: histogram_quantile gives NaN, which `>= 0` drops.
          expr: 'host:homelab_deploy_build_duration_seconds:p50_1h',
          eval_time: '2h',
          exp_samples: [
            { labels: 'host:homelab_deploy_build_duration_seconds:p50_1h{host="nas-01"}', value: 90 },
            { labels: 'host:homelab_deploy_build_duration_seconds:p50_1h{host="nix-cache02"}', value: 300 },
          ],
        },
        {
          // nas-01: 60 + 60 × 0.95. nix-cache02: rank 1.9 of 2 is 0.9 into (300, 600]: 300 + 300 × 0.9.
          expr: 'host:homelab_deploy_build_duration_seconds:p95_1h',
          eval_time: '2h',
          exp_samples: [
            { labels: 'host:homelab_deploy_build_duration_seconds:p95_1h{host="nas-01"}', value: 117 },
            { labels: 'host:homelab_deploy_build_duration_seconds:p95_1h{host="nix-cache02"}', value: 570 },
          ],
        },
        // 4h: no build since 100m. The ratio and the quantiles are absent rather than NaN; builds per hour is 0.
        { expr: 'repo:homelab_deploy_builds:success_ratio1h', eval_time: '4h', exp_samples: [] },
        {
          expr: 'repo:homelab_deploy_builds:increase1h',
          eval_time: '4h',
          exp_samples: [
            { labels: 'repo:homelab_deploy_builds:increase1h{repo="nixos-servers"}', value: 0 },
            { labels: 'repo:homelab_deploy_builds:increase1h{repo="nixos"}', value: 0 },
          ],
        },
        { expr: 'host:homelab_deploy_build_duration_seconds:p50_1h', eval_time: '4h', exp_samples: [] },
        { expr: 'host:homelab_deploy_build_duration_seconds:p95_1h', eval_time: '4h', exp_samples: [] },
      ],
    },

    // ---------------------------------------------------------------- recording rules, 1d windows
    {
      name: 'Recording rules, last day: 12 scheduled rounds, success ratio 9 of 12, p50/p95 over the day',
      // one sample an hour (samples 0..24 cover 0h..24h), a scheduled round every 2h at 2h, 4h, ..., 24h. The 1d
      // window at 24h holds all 12 rounds in both conventions: 3.x does not see the sample at 0h, but the first
      // round only shows from the sample at 2h.
      interval: '1h',
      input_series: [
        // nixos-servers: the rounds at 12h, 14h and 16h fail, the other nine succeed. Both counters start
        // above 0, so 3.x extrapolates both by the same hour toward the window's start: the ratio is exact.
        { series: builds('nixos-servers', 'success'), values: counter(10, [2, 4, 6, 8, 10, 18, 20, 22, 24], 24) },
        { series: builds('nixos-servers', 'failure'), values: counter(2, [12, 14, 16], 24) },
        { series: builds('nixos', 'success'), values: counter(0, [2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24], 24) },
        { series: builds('nixos', 'failure'), values: counter(0, [], 24) },
        // nas-01, once per round: 45s in the rounds at 2h, 10h and 18h, 100s in the other nine
        ...durationBuckets('nixos-servers', 'nas-01',
          [2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24].map((hour) => ({ at: hour, seconds: [2, 10, 18].includes(hour) ? 45 : 100 })), 24),
      ],
      promql_expr_test: [
        {
          expr: 'repo:homelab_deploy_builds:success_ratio1d',
          eval_time: '24h',
          exp_samples: [
            { labels: 'repo:homelab_deploy_builds:success_ratio1d{repo="nixos-servers"}', value: 0.75 },
            { labels: 'repo:homelab_deploy_builds:success_ratio1d{repo="nixos"}', value: 1 },
          ],
        },
        {
          // 3 builds in (30, 60], 9 in (60, 120]: rank 6 is 3 of 9 into (60, 120]: 60 + 60 × 3/9
          expr: 'host:homelab_deploy_build_duration_seconds:p50_1d',
          eval_time: '24h',
          exp_samples: [{ labels: 'host:homelab_deploy_build_duration_seconds:p50_1d{host="nas-01"}', value: 80 }],
        },
        {
          // rank 11.4 is 8.4 of 9 into (60, 120]: 60 + 60 × 8.4/9
          expr: 'host:homelab_deploy_build_duration_seconds:p95_1d',
          eval_time: '24h',
          exp_samples: [{ labels: 'host:homelab_deploy_build_duration_seconds:p95_1d{host="nas-01"}', value: 116 }],
        },
      ],
    },

    // ---------------------------------------------------------------- HomelabDeployBuilderDown (for 5m)
    {
      name: 'HomelabDeployBuilderDown: the builder unscraped for 5m fires, and resolves when it is back',
      interval: '1m',
      input_series: [{ series: `up{${target}}`, values: '1x4 0x9 1x5' }], // down from 5m to 14m
      alert_rule_test: [
        { eval_time: '4m', alertname: 'HomelabDeployBuilderDown', exp_alerts: [] },
        { eval_time: '9m', alertname: 'HomelabDeployBuilderDown', exp_alerts: [] }, // pending for 4m
        { eval_time: '10m', alertname: 'HomelabDeployBuilderDown', exp_alerts: [builderDown] },
        { eval_time: '15m', alertname: 'HomelabDeployBuilderDown', exp_alerts: [] },
      ],
    },

    // ---------------------------------------------------------------- HomelabDeployHostBuildFailed (no `for`)
    {
      name: 'HomelabDeployHostBuildFailed: the first failure (a new failure series) fires at once and resolves an hour later; a second one fires again',
      interval: '1m',
      input_series: [
        builderUp(300),
        { series: hostBuilds('nixos-servers', 'nas-01', 'success'), values: '5x300' },
        // nas-01's first failure ever at 90m (Prometheus has an hour of data by then): the series appears
        // with 1. A second failure at 210m.
        { series: hostBuilds('nixos-servers', 'nas-01', 'failure'), values: '_x90 1x119 2x90' },
        // nix-01 builds fine every time
        { series: hostBuilds('nixos-servers', 'nix-01', 'success'), values: counter(20, [90, 210], 300) },
        // a failure series that appears at 0 (initialised, no failure yet) is not a failure
        { series: hostBuilds('nixos-servers', 'nix-02', 'failure'), values: '_x90 0x210' },
      ],
      alert_rule_test: [
        { eval_time: '89m', alertname: 'HomelabDeployHostBuildFailed', exp_alerts: [] },
        // increase() needs two samples: the `unless ... offset 1h` term is what fires here
        { eval_time: '90m', alertname: 'HomelabDeployHostBuildFailed', exp_alerts: [hostBuildFailed('nixos-servers', 'nas-01', '1')] },
        { eval_time: '149m', alertname: 'HomelabDeployHostBuildFailed', exp_alerts: [hostBuildFailed('nixos-servers', 'nas-01', '1')] },
        { eval_time: '150m', alertname: 'HomelabDeployHostBuildFailed', exp_alerts: [] },
        { eval_time: '209m', alertname: 'HomelabDeployHostBuildFailed', exp_alerts: [] },
        // the second failure: increase() over the last hour is 1 (not the counter's 2)
        { eval_time: '210m', alertname: 'HomelabDeployHostBuildFailed', exp_alerts: [hostBuildFailed('nixos-servers', 'nas-01', '1')] },
        { eval_time: '268m', alertname: 'HomelabDeployHostBuildFailed', exp_alerts: [hostBuildFailed('nixos-servers', 'nas-01', '1')] },
        { eval_time: '271m', alertname: 'HomelabDeployHostBuildFailed', exp_alerts: [] },
      ],
    },
    {
      name: 'HomelabDeployHostBuildFailed: in Prometheus\' first hour on an empty database, failures from before it started do not fire',
      interval: '1m',
      input_series: [
        builderUp(150),
        // pi-01 and nas-01 failed long before Prometheus started; their counters have not moved since
        { series: hostBuilds('nixos-servers', 'pi-01', 'failure'), values: '3x150' },
        { series: hostBuilds('nixos-servers', 'nas-01', 'failure'), values: '1x150' },
        // nix-01 failed before too, and fails again at 30m: increase() sees that one
        { series: hostBuilds('nixos-servers', 'nix-01', 'failure'), values: counter(2, [30], 150) },
        // nix-02's first failure ever, at 20m: the trade-off of the guard, missed in this first hour...
        { series: hostBuilds('nixos-servers', 'nix-02', 'failure'), values: '_x20 1x99 2x31' },
        // ...and caught with its next failure, at 120m
      ],
      alert_rule_test: [
        // `offset 1h` has no data yet: without the `up offset 1h` guard every series here would fire
        { eval_time: '0m', alertname: 'HomelabDeployHostBuildFailed', exp_alerts: [] },
        { eval_time: '29m', alertname: 'HomelabDeployHostBuildFailed', exp_alerts: [] },
        { eval_time: '30m', alertname: 'HomelabDeployHostBuildFailed', exp_alerts: [hostBuildFailed('nixos-servers', 'nix-01', '1')] },
        { eval_time: '59m', alertname: 'HomelabDeployHostBuildFailed', exp_alerts: [hostBuildFailed('nixos-servers', 'nix-01', '1')] },
        { eval_time: '100m', alertname: 'HomelabDeployHostBuildFailed', exp_alerts: [] },
        { eval_time: '120m', alertname: 'HomelabDeployHostBuildFailed', exp_alerts: [hostBuildFailed('nixos-servers', 'nix-02', '1')] },
      ],
    },
    {
      name: 'HomelabDeployHostBuildFailed: two failures of one host within an hour are counted; failures from over an hour ago are not',
      interval: '1m',
      input_series: [
        builderUp(150),
        // nix-cache02 failed at 70m and 80m (nixos); pi-01's counter has not moved since before 0m
        { series: hostBuilds('nixos', 'nix-cache02', 'failure'), values: counter(4, [70, 80], 150) },
        { series: hostBuilds('nixos-servers', 'pi-01', 'failure'), values: '3x150' },
      ],
      alert_rule_test: [
        // (in the first hour of the test `offset 1h` has no data; see the empty-database test above)
        { eval_time: '65m', alertname: 'HomelabDeployHostBuildFailed', exp_alerts: [] },
        { eval_time: '70m', alertname: 'HomelabDeployHostBuildFailed', exp_alerts: [hostBuildFailed('nixos', 'nix-cache02', '1')] },
        { eval_time: '90m', alertname: 'HomelabDeployHostBuildFailed', exp_alerts: [hostBuildFailed('nixos', 'nix-cache02', '2')] },
        { eval_time: '135m', alertname: 'HomelabDeployHostBuildFailed', exp_alerts: [hostBuildFailed('nixos', 'nix-cache02', '1')] },
        { eval_time: '145m', alertname: 'HomelabDeployHostBuildFailed', exp_alerts: [] },
      ],
    },
    {
      name: 'HomelabDeployHostBuildFailed: after a builder restart long ago, the first failure (counter back at 1) fires',
      interval: '1m',
      // failures counted up to 2, the builder restarts at 21m (series stale), the next failure at 130m
      input_series: [builderUp(190), { series: hostBuilds('nixos-servers', 'nas-01', 'failure'), values: '2x20 stale _x108 1x60' }],
      alert_rule_test: [
        { eval_time: '129m', alertname: 'HomelabDeployHostBuildFailed', exp_alerts: [] },
        { eval_time: '130m', alertname: 'HomelabDeployHostBuildFailed', exp_alerts: [hostBuildFailed('nixos-servers', 'nas-01', '1')] },
      ],
    },
    {
      name: 'HomelabDeployHostBuildFailed: after a builder restart within the hour, the first failure fires (increase() sees the counter reset)',
      interval: '1m',
      // failures counted up to 2, the builder restarts at 101m (series stale), the next failure at 130m
      input_series: [builderUp(190), { series: hostBuilds('nixos-servers', 'nas-01', 'failure'), values: '2x100 stale _x28 1x60' }],
      alert_rule_test: [
        { eval_time: '129m', alertname: 'HomelabDeployHostBuildFailed', exp_alerts: [] },
        { eval_time: '130m', alertname: 'HomelabDeployHostBuildFailed', exp_alerts: [hostBuildFailed('nixos-servers', 'nas-01', '1')] },
      ],
    },

    // ---------------------------------------------------------------- HomelabDeployNoRecentSuccessfulBuild (> 24h, no `for`)
    {
      name: 'HomelabDeployNoRecentSuccessfulBuild: fires once the last success is over 24h old, and resolves with the next success',
      interval: '1h',
      // successes at 0h, 2h and 4h (timestamps 0, 7200, 14400), then none until one at 30h (108000)
      input_series: [{ series: lastSuccess('nixos-servers'), values: '0 0 7200 7200 14400x25 108000x5' }],
      alert_rule_test: [
        { eval_time: '28h', alertname: 'HomelabDeployNoRecentSuccessfulBuild', exp_alerts: [] }, // exactly 24h: not "> 86400"
        { eval_time: '28h1m', alertname: 'HomelabDeployNoRecentSuccessfulBuild', exp_alerts: [noRecentSuccess('nixos-servers', '1d 0h 1m 0s')] },
        { eval_time: '29h', alertname: 'HomelabDeployNoRecentSuccessfulBuild', exp_alerts: [noRecentSuccess('nixos-servers', '1d 1h 0m 0s')] },
        { eval_time: '30h', alertname: 'HomelabDeployNoRecentSuccessfulBuild', exp_alerts: [] },
      ],
    },
    {
      name: 'HomelabDeployNoRecentSuccessfulBuild: a builder restart resetting the gauge to 0 does not hide the last success',
      interval: '1h',
      // last success at 4h; the builder restarts at 6h and reports 0 until its next success
      input_series: [{ series: lastSuccess('nixos-servers'), values: '0 0 7200 7200 14400 14400 0x24' }],
      alert_rule_test: [
        // time() - 0 would already be over 24h here
        { eval_time: '24h1m', alertname: 'HomelabDeployNoRecentSuccessfulBuild', exp_alerts: [] },
        { eval_time: '28h', alertname: 'HomelabDeployNoRecentSuccessfulBuild', exp_alerts: [] },
        { eval_time: '28h1m', alertname: 'HomelabDeployNoRecentSuccessfulBuild', exp_alerts: [noRecentSuccess('nixos-servers', '1d 0h 1m 0s')] },
        // a day after the restart, only the 2d window still holds the last success
        { eval_time: '29h30m', alertname: 'HomelabDeployNoRecentSuccessfulBuild', exp_alerts: [noRecentSuccess('nixos-servers', '1d 1h 30m 0s')] },
      ],
    },
    {
      name: 'HomelabDeployNoRecentSuccessfulBuild: a builder restart that drops the gauge until the next success still fires 24h after the last one',
      interval: '1h',
      input_series: [{ series: lastSuccess('nixos-servers'), values: '0 0 7200 7200 14400 14400 _x24' }],
      alert_rule_test: [
        { eval_time: '28h', alertname: 'HomelabDeployNoRecentSuccessfulBuild', exp_alerts: [] },
        { eval_time: '28h1m', alertname: 'HomelabDeployNoRecentSuccessfulBuild', exp_alerts: [noRecentSuccess('nixos-servers', '1d 0h 1m 0s')] },
        { eval_time: '29h30m', alertname: 'HomelabDeployNoRecentSuccessfulBuild', exp_alerts: [noRecentSuccess('nixos-servers', '1d 1h 30m 0s')] },
      ],
    },
    {
      name: 'HomelabDeployNoRecentSuccessfulBuild: a restart that drops the gauge, and no success after it, keeps firing past the 2d window until the next success',
      interval: '1h',
      input_series: [
        builderUp(80),
        // last success at 4h; the builder restarts at 6h and drops the gauge (stale); the next success at 75h
        { series: lastSuccess('nixos-servers'), values: '0 0 7200 7200 14400 14400 stale _x68 270000x5' },
        // nixos succeeds every hour
        { series: lastSuccess('nixos'), values: '0+3600x80' },
      ],
      alert_rule_test: [
        { eval_time: '28h', alertname: 'HomelabDeployNoRecentSuccessfulBuild', exp_alerts: [] },
        { eval_time: '30h', alertname: 'HomelabDeployNoRecentSuccessfulBuild', exp_alerts: [noRecentSuccess('nixos-servers', '1d 2h 0m 0s')] },
        // 52h59m: the 2d window still holds the 5h sample. (Not 53h: the window then starts exactly on that
        // sample, which Prometheus 2.x still sees and 3.x's left-open window does not.)
        { eval_time: '52h59m', alertname: 'HomelabDeployNoRecentSuccessfulBuild', exp_alerts: [noRecentSuccess('nixos-servers', '2d 0h 59m 0s')] },
        // 53h1m: it no longer does; absent_over_time takes over in the same evaluation, same labels. `$value` is
        // time(): no success in Prometheus' data (in a real Prometheus, decades).
        { eval_time: '53h1m', alertname: 'HomelabDeployNoRecentSuccessfulBuild', exp_alerts: [noRecentSuccess('nixos-servers', '2d 5h 1m 0s')] },
        { eval_time: '54h', alertname: 'HomelabDeployNoRecentSuccessfulBuild', exp_alerts: [noRecentSuccess('nixos-servers', '2d 6h 0m 0s')] },
        { eval_time: '74h', alertname: 'HomelabDeployNoRecentSuccessfulBuild', exp_alerts: [noRecentSuccess('nixos-servers', '3d 2h 0m 0s')] },
        { eval_time: '75h', alertname: 'HomelabDeployNoRecentSuccessfulBuild', exp_alerts: [] },
      ],
    },
    {
      name: 'HomelabDeployNoRecentSuccessfulBuild: a repo with no success gauge at all fires once Prometheus has watched the builder for a day, not before',
      interval: '1h',
      input_series: [
        // a fresh database (or a newly deployed builder): nixos-servers has exported no success yet
        builderUp(30),
        { series: lastSuccess('nixos'), values: '0+3600x30' },
      ],
      alert_rule_test: [
        { eval_time: '0m', alertname: 'HomelabDeployNoRecentSuccessfulBuild', exp_alerts: [] },
        { eval_time: '23h', alertname: 'HomelabDeployNoRecentSuccessfulBuild', exp_alerts: [] },
        { eval_time: '25h', alertname: 'HomelabDeployNoRecentSuccessfulBuild', exp_alerts: [noRecentSuccess('nixos-servers', '1d 1h 0m 0s')] },
      ],
    },
    {
      name: 'HomelabDeployNoRecentSuccessfulBuild: successes every 2 hours never fire',
      interval: '2h',
      input_series: [builderUp(48), { series: lastSuccess('nixos'), values: '0+7200x24' }, { series: lastSuccess('nixos-servers'), values: '0+7200x24' }],
      alert_rule_test: [
        { eval_time: '24h', alertname: 'HomelabDeployNoRecentSuccessfulBuild', exp_alerts: [] },
        { eval_time: '48h', alertname: 'HomelabDeployNoRecentSuccessfulBuild', exp_alerts: [] },
      ],
    },
  ],
});
