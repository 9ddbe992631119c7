/**
 * Nix binary cache server: Harmonia on nix-cache02, behind the proxy serving https://nix-cache.home.2rjus.net.
 *
 * blackbox_exporter (job `blackbox-nix-cache`, module http_2xx) probes `/nix-cache-info`; the hit rate comes
 * from the nix build/cache check (see nix-build-cache.ts) and the store disk from node_exporter (job `node`).
 */
import { ruleGroup, alert } from 'promforge';
import homelab from '../prometheus/homelab.js';

/**
 * Targets from the cache server plan, and the store disk threshold; dashboards/nix-binary-cache.ts draws its
 * thresholds from the same numbers.
 */
export const NIX_BINARY_CACHE_TARGETS = {
  /** seconds: server time of a /nix-cache-info probe (processing + transfer) */
  probeLatency: 0.1,
  /** fraction of cache checks served from the cache over 1h */
  hitRate: 0.8,
  /** used fraction of the store's filesystem */
  storeUsed: 0.85,
} as const;
const targets = NIX_BINARY_CACHE_TARGETS;

/** The blackbox probe of the cache: the probe job the manifest (prometheus/homelab.ts) declares. */
export const probe = `job="${homelab.jobs['blackbox-nix-cache']}"`;

/**
 * The cache host's node_exporter. prometheus/homelab.ts labels it `instance="nix-cache02"` (the host's name);
 * the pattern also accepts `nix-cache02:9100` and `nix-cache02.home.2rjus.net:9100`, as other configurations
 * write it.
 */
export const cacheHost = `job="${homelab.jobs.node}", instance=~"nix-cache02([.:].*)?"`;

/** Used fraction of a filesystem, for the cache host's store filesystems. */
const usedRatio = (mountpoint: string): string => `
  1 - node_filesystem_avail_bytes{${cacheHost}, mountpoint="${mountpoint}"}
      / node_filesystem_size_bytes{${cacheHost}, mountpoint="${mountpoint}"}
`;

export default ruleGroup('nix-binary-cache', {
  rules: [
    alert('NixBinaryCacheDown', {
      // Probes over the network flap; keep_firing_for stops one successful probe in the middle of an outage
      // from resolving the alert and re-notifying a minute later.
      expr: `probe_success{${probe}} == 0`,
      for: '2m',
      keep_firing_for: '5m',
      severity: 'critical',
      summary: 'Nix binary cache {{ $labels.instance }} is down',
      description:
        'blackbox_exporter has failed to fetch /nix-cache-info from {{ $labels.instance }} for 2 minutes. ' +
        'Hosts cannot substitute from the homelab cache: deploys rebuild locally or fetch from cache.nixos.org.',
      dashboard: 'nix-binary-cache',
      runbook: 'nix-binary-cache.md#nixbinarycachedown',
    }),

    alert('NixBinaryCacheProbeDown', {
      // When blackbox_exporter itself is not scraped there is no probe_success at all, and the alert above
      // cannot fire: the cache's state is unknown.
      expr: `up{${probe}} == 0`,
      for: '5m',
      severity: 'warning',
      summary: 'Nix binary cache probe {{ $labels.instance }} is not running',
      description:
        'Prometheus could not scrape blackbox_exporter for the probe of {{ $labels.instance }} for 5 minutes; ' +
        'the binary cache is not being monitored.',
      dashboard: 'nix-binary-cache',
      runbook: 'nix-binary-cache.md#nixbinarycacheprobedown',
    }),

    alert('NixBinaryCacheSlow', {
      // Target from the cache server plan: responses under 100 ms. Measured as the server's part of the
      // probe, the `processing` (request sent to first byte) and `transfer` phases of
      // probe_http_duration_seconds. probe_duration_seconds would also count the DNS lookup, TCP connect and
      // TLS handshake, which Nix clients pay once per keep-alive connection, not per request, and would make
      // a DNS hiccup look like a slow cache. Only successful probes count; failures are NixBinaryCacheDown's.
      expr: `
        sum by (instance) (probe_http_duration_seconds{${probe}, phase=~"processing|transfer"}) > ${targets.probeLatency}
        and on (instance)
        probe_success{${probe}} == 1
      `,
      for: '10m',
      severity: 'warning',
      summary: 'Nix binary cache {{ $labels.instance }} responds slowly',
      description:
        'The probe of {{ $labels.instance }} has been answered in more than 100ms for 10 minutes ' +
        '(last probe: {{ $value | humanizeDuration }}). Narinfo lookups during builds and deploys are likely just as slow.',
      dashboard: 'nix-binary-cache',
      runbook: 'nix-binary-cache.md#nixbinarycacheslow',
    }),

    alert('NixBinaryCacheLowHitRate', {
      // Target from the cache server plan: hit rate above 80%. nix_local_cache_hit is one result every 15
      // minutes, so a 1h window holds four: a single miss already pulls the average to 75% for most of an
      // hour. A single miss is NixCacheNotHitting's job; `for: 1h` makes this one mean "misses keep
      // happening" (two or more within about an hour), i.e. a degraded cache rather than a blip.
      expr: `avg_over_time(nix_local_cache_hit[1h]) < ${targets.hitRate}`,
      for: '1h',
      severity: 'warning',
      summary: 'Nix binary cache hit rate is low (measured from {{ $labels.instance }})',
      description:
        'Only {{ $value | humanizePercentage }} of the cache checks run by {{ $labels.instance }} in the last hour ' +
        'were served from the cache (target: 80%); builds fall back to upstream or to building from source.',
      dashboard: 'nix-binary-cache',
      runbook: 'nix-binary-cache.md#nixbinarycachelowhitrate',
    }),

    alert('NixBinaryCacheStoreDiskUsageHigh', {
      // The store lives on /nix when that is its own filesystem; otherwise on the root filesystem, which
      // node_exporter reports through the /nix/store bind mount. Take /nix where it exists, and /nix/store
      // only for hosts without a /nix series (`or on (instance)`), so one filesystem never alerts twice.
      // 85%: leaves room for a full round of builds before HostLowDiskSpace turns critical at 90%.
      expr: `
        (${usedRatio('/nix')} or on (instance) ${usedRatio('/nix/store')})
        > ${targets.storeUsed}
      `,
      for: '15m',
      severity: 'warning',
      summary: 'Nix store on {{ $labels.instance }} is {{ $value | humanizePercentage }} full',
      description:
        'The filesystem holding the binary cache store ({{ $labels.mountpoint }}, {{ $labels.device }}) on ' +
        '{{ $labels.instance }} is {{ $value | humanizePercentage }} used. Run the Nix garbage collector before ' +
        'new builds fail to write to the store.',
      dashboard: 'nix-binary-cache',
      runbook: 'nix-binary-cache.md#nixbinarycachestorediskusagehigh',
    }),
  ],
});
