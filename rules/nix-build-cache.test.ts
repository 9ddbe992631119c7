/**
 * Tests for rules/nix-build-cache.ts.
 *
 * The check runs on nas-01 every 15 minutes and node_exporter's textfile collector exposes its result, so the
 * inputs below are sampled every minute (interval 1m) and change value at most every 15 minutes, like the real
 * series. Test time 0 is the Unix epoch, so a check that ran at minute 15 has nix_build_cache_check_timestamp 900.
 */
import { ruleTests } from 'promforge';
import nixBuildCache from './nix-build-cache.js';

const RUNBOOKS = 'https://git.t-juice.club/torjus/nixos-servers/src/branch/master/docs/runbooks';
/** The rendered runbook_url: the runbook section is the alert name in lower case. */
const runbook = (alertname: string): string => `${RUNBOOKS}/nix-build-cache.md#${alertname.toLowerCase()}`;
const GRAFANA = 'https://grafana.home.2rjus.net';
/** The rendered dashboard_url: every alert of the module opens its dashboard. */
const dashboard = `${GRAFANA}/d/nix-build-cache`;

/** The host that runs the check, as node_exporter's target. */
const nas = { instance: 'nas-01:9100', job: 'node' };
const onNas = (metric: string): string => `${metric}{instance="${nas.instance}", job="${nas.job}"}`;

const notAccessible = {
  labels: { ...nas, severity: 'critical' },
  annotations: {
    summary: 'Nix binary cache is unreachable from nas-01:9100',
    description:
      'The build/cache check on nas-01:9100 could not fetch /nix-cache-info from the binary cache. ' +
      'Hosts fall back to building locally or to cache.nixos.org, so deploys get slow or fail.',
    runbook_url: runbook('NixCacheNotAccessible'),
    dashboard_url: dashboard,
  },
};

const distributedBuildsNotWorking = {
  labels: { ...nas, severity: 'warning' },
  annotations: {
    summary: 'Distributed Nix builds fail on nas-01:9100',
    description:
      'The last test build on nas-01:9100 did not use a remote builder (nix-01, nix-02, nix-03). ' +
      'Builds still work but run locally; see nix_builder_used for which builders were reached.',
    runbook_url: runbook('NixDistributedBuildsNotWorking'),
    dashboard_url: dashboard,
  },
};

const notHitting = {
  labels: { ...nas, severity: 'warning' },
  annotations: {
    summary: 'Nix binary cache is not serving hits to nas-01:9100',
    description:
      'The second build of the test package on nas-01:9100 was not substituted from a cache. ' +
      'The cache is reachable but not answering with store paths (signing key, narinfo or proxy problem).',
    runbook_url: runbook('NixCacheNotHitting'),
    dashboard_url: dashboard,
  },
};

const upstreamProxyDown = {
  labels: { ...nas, severity: 'warning' },
  annotations: {
    summary: 'Upstream cache proxy to cache.nixos.org is down (seen from nas-01:9100)',
    description:
      'The check on nas-01:9100 could not reach cache.nixos.org through the nginx proxy. ' +
      'Packages not in the local cache cannot be substituted and will be built from source.',
    runbook_url: runbook('NixUpstreamCacheProxyDown'),
    dashboard_url: dashboard,
  },
};

/** NixBuildCacheCheckStale for nas-01, `ago` being `$value | humanizeDuration`. */
const staleOnNas = (ago: string) => ({
  exp_labels: { ...nas, severity: 'warning' },
  exp_annotations: {
    summary: 'Nix build/cache check on nas-01:9100 is not reporting',
    description:
      `The last Nix build/cache check on nas-01:9100 ran ${ago} ago (expected every 15m), or its metrics are no ` +
      'longer exported. The other Nix build/cache alerts are blind until the check reports again.',
    runbook_url: runbook('NixBuildCacheCheckStale'),
    dashboard_url: dashboard,
  },
});

/** NixBuildCacheCheckStale when no host has exported the series for a day: no instance to name. */
const staleEverywhere = {
  exp_labels: { severity: 'warning' },
  exp_annotations: {
    summary: 'Nix build/cache check is not reporting',
    description:
      'No nix_build_cache_check_timestamp series has been scraped from any host for a day. ' +
      'The other Nix build/cache alerts are blind until the check reports again.',
    runbook_url: runbook('NixBuildCacheCheckStale'),
    dashboard_url: dashboard,
  },
};

const fired = (a: { labels: Record<string, string>; annotations: Record<string, string> }) => [{ exp_labels: a.labels, exp_annotations: a.annotations }];

export default ruleTests(nixBuildCache, {
  tests: [
    // ---------------------------------------------------------------- NixCacheNotAccessible (== 0 for 5m)
    {
      name: 'NixCacheNotAccessible: one failed check (0 held for 15m) fires after 5m and resolves when the next check passes',
      interval: '1m',
      // ok at 0m, fails at 15m, ok again at 30m
      input_series: [{ series: onNas('nix_cache_info_accessible'), values: '1x14 0x14 1x14' }],
      alert_rule_test: [
        { eval_time: '14m', alertname: 'NixCacheNotAccessible', exp_alerts: [] },
        { eval_time: '19m', alertname: 'NixCacheNotAccessible', exp_alerts: [] }, // pending for 4m
        { eval_time: '20m', alertname: 'NixCacheNotAccessible', exp_alerts: fired(notAccessible) },
        { eval_time: '29m', alertname: 'NixCacheNotAccessible', exp_alerts: fired(notAccessible) },
        { eval_time: '30m', alertname: 'NixCacheNotAccessible', exp_alerts: [] },
      ],
    },
    {
      name: 'NixCacheNotAccessible: a failure shorter than 5m never fires',
      interval: '1m',
      input_series: [{ series: onNas('nix_cache_info_accessible'), values: '1x4 0x3 1x10' }], // 0 from 5m to 8m
      alert_rule_test: [
        { eval_time: '8m', alertname: 'NixCacheNotAccessible', exp_alerts: [] },
        { eval_time: '9m', alertname: 'NixCacheNotAccessible', exp_alerts: [] },
        { eval_time: '15m', alertname: 'NixCacheNotAccessible', exp_alerts: [] },
      ],
    },

    // ---------------------------------------------------------------- NixDistributedBuildsNotWorking (== 0 for 10m)
    {
      name: 'NixDistributedBuildsNotWorking: a check without remote builders fires after 10m and resolves when they work again',
      interval: '1m',
      input_series: [{ series: onNas('nix_distributed_build_success'), values: '1x14 0x14 1x14' }],
      alert_rule_test: [
        { eval_time: '14m', alertname: 'NixDistributedBuildsNotWorking', exp_alerts: [] },
        { eval_time: '24m', alertname: 'NixDistributedBuildsNotWorking', exp_alerts: [] }, // pending for 9m
        { eval_time: '25m', alertname: 'NixDistributedBuildsNotWorking', exp_alerts: fired(distributedBuildsNotWorking) },
        { eval_time: '29m', alertname: 'NixDistributedBuildsNotWorking', exp_alerts: fired(distributedBuildsNotWorking) },
        { eval_time: '30m', alertname: 'NixDistributedBuildsNotWorking', exp_alerts: [] },
      ],
    },
    {
      name: 'NixDistributedBuildsNotWorking: -1 (no remote builders configured) never alerts, however long it lasts',
      interval: '1m',
      input_series: [{ series: onNas('nix_distributed_build_success'), values: '-1x120' }],
      alert_rule_test: [
        { eval_time: '10m', alertname: 'NixDistributedBuildsNotWorking', exp_alerts: [] },
        { eval_time: '11m', alertname: 'NixDistributedBuildsNotWorking', exp_alerts: [] },
        { eval_time: '2h', alertname: 'NixDistributedBuildsNotWorking', exp_alerts: [] },
      ],
    },
    {
      name: 'NixDistributedBuildsNotWorking: builders removed from the config (1 -> -1) does not alert, a real failure after that does',
      interval: '1m',
      // working, then unconfigured from 15m, then configured but failing from 45m
      input_series: [{ series: onNas('nix_distributed_build_success'), values: '1x14 -1x29 0x20' }],
      alert_rule_test: [
        { eval_time: '30m', alertname: 'NixDistributedBuildsNotWorking', exp_alerts: [] },
        { eval_time: '44m', alertname: 'NixDistributedBuildsNotWorking', exp_alerts: [] },
        { eval_time: '54m', alertname: 'NixDistributedBuildsNotWorking', exp_alerts: [] },
        { eval_time: '55m', alertname: 'NixDistributedBuildsNotWorking', exp_alerts: fired(distributedBuildsNotWorking) },
      ],
    },

    // ---------------------------------------------------------------- NixCacheNotHitting (== 0 for 10m)
    {
      name: 'NixCacheNotHitting: a cache miss fires after 10m and resolves with the next hit',
      interval: '1m',
      input_series: [{ series: onNas('nix_local_cache_hit'), values: '1x14 0x14 1x14' }],
      alert_rule_test: [
        { eval_time: '14m', alertname: 'NixCacheNotHitting', exp_alerts: [] },
        { eval_time: '24m', alertname: 'NixCacheNotHitting', exp_alerts: [] },
        { eval_time: '25m', alertname: 'NixCacheNotHitting', exp_alerts: fired(notHitting) },
        { eval_time: '30m', alertname: 'NixCacheNotHitting', exp_alerts: [] },
      ],
    },
    {
      name: 'NixCacheNotHitting: a miss corrected within 10m never fires',
      interval: '1m',
      input_series: [{ series: onNas('nix_local_cache_hit'), values: '1x14 0x8 1x20' }], // 0 from 15m to 23m
      alert_rule_test: [
        { eval_time: '24m', alertname: 'NixCacheNotHitting', exp_alerts: [] },
        { eval_time: '25m', alertname: 'NixCacheNotHitting', exp_alerts: [] },
      ],
    },

    // ---------------------------------------------------------------- NixUpstreamCacheProxyDown (== 0 for 5m)
    {
      name: 'NixUpstreamCacheProxyDown: an unreachable cache.nixos.org fires after 5m and resolves when reachable again',
      interval: '1m',
      input_series: [{ series: onNas('nix_upstream_cache_accessible'), values: '1x14 0x14 1x14' }],
      alert_rule_test: [
        { eval_time: '14m', alertname: 'NixUpstreamCacheProxyDown', exp_alerts: [] },
        { eval_time: '19m', alertname: 'NixUpstreamCacheProxyDown', exp_alerts: [] },
        { eval_time: '20m', alertname: 'NixUpstreamCacheProxyDown', exp_alerts: fired(upstreamProxyDown) },
        { eval_time: '30m', alertname: 'NixUpstreamCacheProxyDown', exp_alerts: [] },
      ],
    },
    {
      name: 'Only the failing check alerts: the other results of the same run stay silent',
      interval: '1m',
      input_series: [
        { series: onNas('nix_cache_info_accessible'), values: '1x30' },
        { series: onNas('nix_distributed_build_success'), values: '1x30' },
        { series: onNas('nix_local_cache_hit'), values: '1x30' },
        { series: onNas('nix_upstream_cache_accessible'), values: '1x14 0x16' },
        { series: onNas('nix_build_cache_check_timestamp'), values: '0x14 900x14 1800' },
      ],
      alert_rule_test: [
        { eval_time: '30m', alertname: 'NixUpstreamCacheProxyDown', exp_alerts: fired(upstreamProxyDown) },
        { eval_time: '30m', alertname: 'NixCacheNotAccessible', exp_alerts: [] },
        { eval_time: '30m', alertname: 'NixDistributedBuildsNotWorking', exp_alerts: [] },
        { eval_time: '30m', alertname: 'NixCacheNotHitting', exp_alerts: [] },
        { eval_time: '30m', alertname: 'NixBuildCacheCheckStale', exp_alerts: [] },
      ],
    },

    // ---------------------------------------------------------------- NixBuildCacheCheckStale
    {
      name: 'NixBuildCacheCheckStale: silent while the check reports every 15 minutes',
      interval: '1m',
      input_series: [{ series: onNas('nix_build_cache_check_timestamp'), values: '0x14 900x14 1800x14 2700x14 3600x14 4500x14' }],
      alert_rule_test: [
        { eval_time: '5m', alertname: 'NixBuildCacheCheckStale', exp_alerts: [] },
        { eval_time: '44m', alertname: 'NixBuildCacheCheckStale', exp_alerts: [] },
        { eval_time: '89m', alertname: 'NixBuildCacheCheckStale', exp_alerts: [] },
      ],
    },
    {
      name: 'NixBuildCacheCheckStale: fires 5m after the last check is over 30m old, with its age, and resolves when the check runs again',
      interval: '1m',
      // checks at 0m and 15m, then the 30m and 45m runs are missed (the file keeps 900); a check runs at 61m
      input_series: [{ series: onNas('nix_build_cache_check_timestamp'), values: '0x14 900x45 3660x10' }],
      alert_rule_test: [
        // 45m: exactly 1800s old, not yet "> 1800"; 46m: condition true, pending until 50m
        { eval_time: '45m', alertname: 'NixBuildCacheCheckStale', exp_alerts: [] },
        { eval_time: '50m', alertname: 'NixBuildCacheCheckStale', exp_alerts: [] },
        { eval_time: '51m', alertname: 'NixBuildCacheCheckStale', exp_alerts: [staleOnNas('36m 0s')] },
        { eval_time: '60m', alertname: 'NixBuildCacheCheckStale', exp_alerts: [staleOnNas('45m 0s')] },
        { eval_time: '61m', alertname: 'NixBuildCacheCheckStale', exp_alerts: [] },
      ],
    },
    {
      name: 'NixBuildCacheCheckStale: fires 5m after the series disappears (stale marker), keeps the instance, resolves when it is back',
      interval: '1m',
      // the .prom file is deleted at 30m (the series goes stale), and restored by a check at 40m
      input_series: [{ series: onNas('nix_build_cache_check_timestamp'), values: '0x14 900x14 stale _x9 2400x5' }],
      alert_rule_test: [
        { eval_time: '29m', alertname: 'NixBuildCacheCheckStale', exp_alerts: [] },
        { eval_time: '34m', alertname: 'NixBuildCacheCheckStale', exp_alerts: [] },
        { eval_time: '35m', alertname: 'NixBuildCacheCheckStale', exp_alerts: [staleOnNas('20m 0s')] },
        { eval_time: '39m', alertname: 'NixBuildCacheCheckStale', exp_alerts: [staleOnNas('24m 0s')] },
        { eval_time: '40m', alertname: 'NixBuildCacheCheckStale', exp_alerts: [] },
      ],
    },
    {
      name: 'NixBuildCacheCheckStale: a single failed scrape (series stale for one scrape) does not fire',
      interval: '1m',
      input_series: [{ series: onNas('nix_build_cache_check_timestamp'), values: '0x14 900x5 stale 900x8 1800x14' }],
      alert_rule_test: [
        { eval_time: '21m', alertname: 'NixBuildCacheCheckStale', exp_alerts: [] },
        { eval_time: '26m', alertname: 'NixBuildCacheCheckStale', exp_alerts: [] },
        { eval_time: '40m', alertname: 'NixBuildCacheCheckStale', exp_alerts: [] },
      ],
    },
    {
      name: 'NixBuildCacheCheckStale: fires when the series stops without a stale marker, once the 5m lookback has passed',
      interval: '1m',
      // the last sample is at 29m; instant queries still see it for the 5m lookback delta, so case 2 starts
      // at 35m under Prometheus 2.x (34m under 3.x, whose lookback excludes its start): pending at 38m either way
      input_series: [{ series: onNas('nix_build_cache_check_timestamp'), values: '0x14 900x14 _x30' }],
      alert_rule_test: [
        { eval_time: '34m', alertname: 'NixBuildCacheCheckStale', exp_alerts: [] },
        { eval_time: '38m', alertname: 'NixBuildCacheCheckStale', exp_alerts: [] },
        { eval_time: '40m', alertname: 'NixBuildCacheCheckStale', exp_alerts: [staleOnNas('25m 0s')] },
      ],
    },
    {
      name: 'NixBuildCacheCheckStale: a series that never existed fires after 5m, without an instance',
      interval: '1m',
      // node_exporter on nas-01 is scraped, but the check never wrote its file
      input_series: [{ series: onNas('node_textfile_scrape_error'), values: '0x10' }],
      alert_rule_test: [
        { eval_time: '4m', alertname: 'NixBuildCacheCheckStale', exp_alerts: [] },
        { eval_time: '5m', alertname: 'NixBuildCacheCheckStale', exp_alerts: [staleEverywhere] },
        { eval_time: '10m', alertname: 'NixBuildCacheCheckStale', exp_alerts: [staleEverywhere] },
      ],
    },
    {
      name: 'NixBuildCacheCheckStale: a series gone for over a day hands over from the per-instance alert to the absent one without a gap',
      interval: '15m',
      // checks at 0m and 15m, then the series goes stale at 30m and never comes back. The per-instance alert
      // lasts as long as max_over_time(...[1d5m]) still sees the 15m sample (until about 1d20m);
      // absent_over_time(...[1d]) turns true at about 1d15m, is pending for 5m and fires, without an
      // instance, as the per-instance one ends (at 1d20m or 1d21m, depending on whether the range includes
      // its start: the next test checks the exact minute).
      input_series: [{ series: onNas('nix_build_cache_check_timestamp'), values: '0 900 stale' }],
      alert_rule_test: [
        { eval_time: '35m', alertname: 'NixBuildCacheCheckStale', exp_alerts: [staleOnNas('20m 0s')] },
        { eval_time: '1d10m', alertname: 'NixBuildCacheCheckStale', exp_alerts: [staleOnNas('23h 55m 0s')] },
        // with a 1d lookback for the per-instance case this was a gap: nothing firing from 1d15m to 1d20m
        { eval_time: '1d16m', alertname: 'NixBuildCacheCheckStale', exp_alerts: [staleOnNas('1d 0h 1m 0s')] },
        { eval_time: '1d18m', alertname: 'NixBuildCacheCheckStale', exp_alerts: [staleOnNas('1d 0h 3m 0s')] },
        { eval_time: '1d19m', alertname: 'NixBuildCacheCheckStale', exp_alerts: [staleOnNas('1d 0h 4m 0s')] },
        { eval_time: '1d21m', alertname: 'NixBuildCacheCheckStale', exp_alerts: [staleEverywhere] },
        { eval_time: '3d', alertname: 'NixBuildCacheCheckStale', exp_alerts: [staleEverywhere] },
      ],
    },
    {
      name: 'NixBuildCacheCheckStale: the handover happens within one rule evaluation, neither both nor none firing',
      interval: '30s',
      // the last sample at 1m30s, between two rule evaluations (every minute), so the boundaries below do not
      // depend on whether range windows include their start (Prometheus 2.x) or not (3.x): the per-instance
      // case sees it up to 1d6m30s, absent_over_time(...[1d]) is true from 1d2m and fires 5m later, at 1d7m
      input_series: [{ series: onNas('nix_build_cache_check_timestamp'), values: '0x3 stale' }],
      alert_rule_test: [
        { eval_time: '1d6m', alertname: 'NixBuildCacheCheckStale', exp_alerts: [staleOnNas('1d 0h 6m 0s')] },
        { eval_time: '1d7m', alertname: 'NixBuildCacheCheckStale', exp_alerts: [staleEverywhere] },
      ],
    },
  ],
});
