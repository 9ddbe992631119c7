/**
 * Nix build and cache check.
 *
 * `nix-build-cache-check.service` on nas-01 runs every 15 minutes (systemd timer), builds a rotating test
 * package (hello, cowsay, figlet, fortune, lolcat, sl) and writes the result to
 * /var/lib/prometheus-node-exporter-text-files/nix_build_cache.prom, which node_exporter's textfile collector
 * exposes. The series therefore carry node_exporter's `instance` (the host that ran the check) and change
 * value at most every 15 minutes: a failed check holds its 0 for a full interval, so the `for` durations
 * below (5m, 10m) fire on the first failed check without waiting for a second one.
 *
 * Metrics (all gauges): nix_build_cache_check_timestamp, nix_distributed_build_success (1 ok, 0 failed,
 * -1 not configured), nix_builder_used{builder}, nix_local_cache_hit, nix_upstream_cache_accessible,
 * nix_cache_info_accessible, nix_test_package_info{package}.
 */
import { ruleGroup, alert } from 'promforge';

/** Seconds without a check before NixBuildCacheCheckStale: two missed 15-minute runs. Shared with the dashboard. */
export const CHECK_STALE_AFTER = 1800;

export default ruleGroup('nix-build-cache', {
  rules: [
    alert('NixCacheNotAccessible', {
      expr: 'nix_cache_info_accessible == 0',
      for: '5m',
      severity: 'critical',
      summary: 'Nix binary cache is unreachable from {{ $labels.instance }}',
      description:
        'The build/cache check on {{ $labels.instance }} could not fetch /nix-cache-info from the binary cache. ' +
        'Hosts fall back to building locally or to cache.nixos.org, so deploys get slow or fail.',
      dashboard: 'nix-build-cache',
      runbook: 'nix-build-cache.md#nixcachenotaccessible',
    }),

    alert('NixDistributedBuildsNotWorking', {
      // `== 0` only: -1 means "no remote builders configured", which is a valid setup and must never alert.
      expr: 'nix_distributed_build_success == 0',
      for: '10m',
      severity: 'warning',
      summary: 'Distributed Nix builds fail on {{ $labels.instance }}',
      description:
        'The last test build on {{ $labels.instance }} did not use a remote builder (nix-01, nix-02, nix-03). ' +
        'Builds still work but run locally; see nix_builder_used for which builders were reached.',
      dashboard: 'nix-build-cache',
      runbook: 'nix-build-cache.md#nixdistributedbuildsnotworking',
    }),

    alert('NixCacheNotHitting', {
      expr: 'nix_local_cache_hit == 0',
      for: '10m',
      severity: 'warning',
      summary: 'Nix binary cache is not serving hits to {{ $labels.instance }}',
      description:
        'The second build of the test package on {{ $labels.instance }} was not substituted from a cache. ' +
        'The cache is reachable but not answering with store paths (signing key, narinfo or proxy problem).',
      dashboard: 'nix-build-cache',
      runbook: 'nix-build-cache.md#nixcachenothitting',
    }),

    alert('NixUpstreamCacheProxyDown', {
      expr: 'nix_upstream_cache_accessible == 0',
      for: '5m',
      severity: 'warning',
      summary: 'Upstream cache proxy to cache.nixos.org is down (seen from {{ $labels.instance }})',
      description:
        'The check on {{ $labels.instance }} could not reach cache.nixos.org through the nginx proxy. ' +
        'Packages not in the local cache cannot be substituted and will be built from source.',
      dashboard: 'nix-build-cache',
      runbook: 'nix-build-cache.md#nixupstreamcacheproxydown',
    }),

    alert('NixBuildCacheCheckStale', {
      // Three cases, each with its own `$value`:
      //  1. the series exists but its timestamp is older than 30 minutes (two missed 15m runs):
      //     `$value` = seconds since the last check;
      //  2. the series was exported during the last day and 5 minutes but is gone now (the .prom file was
      //     deleted, the textfile collector was switched off): time() - max_over_time(...) again gives
      //     seconds since the last check that was seen, and the series keeps its `instance` label;
      //  3. no series at all for a day (never deployed, or gone for longer than the lookback):
      //     absent_over_time() returns 1 with no `instance` (rather than absent(), which would fire alongside
      //     case 2 for a whole day).
      // The handover from 2 to 3 changes the alert's labels, so 3 has to sit out its own `for` as a new
      // alert. Case 2 therefore looks back 1d + 5m (the `for`) while case 3 starts after 1d: case 3 turns
      // true 5 minutes before case 2 ends, is pending during those 5 minutes (both are true, only the
      // per-instance alert notifies), and fires at the very evaluation at which case 2 ends. No gap, no
      // overlap; the one visible seam is that Alertmanager sees the per-instance alert resolve as the one
      // without `instance` fires (no label can carry the instance of a series that is gone). Keep the two
      // windows 5m (= `for`) apart if either changes.
      // `for: 5m` keeps a single failed scrape (which makes the series vanish for one scrape) out of case 2.
      expr: `
        (time() - nix_build_cache_check_timestamp > ${CHECK_STALE_AFTER})
        or
        (time() - max_over_time(nix_build_cache_check_timestamp[1d5m]) unless nix_build_cache_check_timestamp)
        or
        absent_over_time(nix_build_cache_check_timestamp[1d])
      `,
      for: '5m',
      severity: 'warning',
      summary: 'Nix build/cache check {{ with $labels.instance }}on {{ . }} {{ end }}is not reporting',
      description:
        '{{ if $labels.instance }}The last Nix build/cache check on {{ $labels.instance }} ran ' +
        '{{ $value | humanizeDuration }} ago (expected every 15m), or its metrics are no longer exported. ' +
        '{{ else }}No nix_build_cache_check_timestamp series has been scraped from any host for a day. {{ end }}' +
        'The other Nix build/cache alerts are blind until the check reports again.',
      dashboard: 'nix-build-cache',
      runbook: 'nix-build-cache.md#nixbuildcachecheckstale',
    }),
  ],
});
