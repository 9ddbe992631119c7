/**
 * Host health from node_exporter (job `node`, port 9100 on every host).
 *
 * Two earlier write-ups of these rules disagree; this is the merged, tiered set. Where a threshold comes from:
 *   [NixMox]  the NixMox monitoring module README: CPU > 80% 5m warning, memory > 85% 5m warning,
 *             root filesystem < 10% free critical, any target down 1m critical.
 *   [Phase 2] the "Phase 2 monitoring stack optimization" plan: CPU > 85% 10m warning, memory > 90% 5m
 *             critical, any filesystem > 90% used critical, node exporter down 1m critical.
 *   [ours]    not in either document; the reason is given next to it.
 *
 * A resource with two tiers uses one alert name with two severities. Alertmanager can then inhibit the
 * warning while the critical fires with `equal: [alertname, instance]`, and both share one runbook section.
 * Values are ratios (0-1), shown with humanizePercentage.
 */
import { ruleGroup, alert } from 'promforge';
import homelab from '../prometheus/homelab.js';

/**
 * The alert thresholds, as ratios. Exported so the dashboards colour their panels where these alerts fire
 * (dashboards/system-overview.ts); change them here and both follow.
 */
export const HOST_THRESHOLDS = {
  cpuBusy: 0.85,
  memoryUsedWarning: 0.85,
  memoryUsedCritical: 0.9,
  diskAvailableWarning: 0.2,
  diskAvailableCritical: 0.1,
} as const;
const t = HOST_THRESHOLDS;

/** dashboards/system-overview.ts, showing the host the alert is about. */
const onThisHost = { uid: 'system-overview', vars: { instance: '{{ $labels.instance }}' } };

/** node_exporter's series: the job the manifest (prometheus/homelab.ts) scrapes it as. */
const node = `job="${homelab.jobs.node}"`;

/** Filesystems that hold data: not memory-backed (tmpfs, ramfs) and not image layers (overlay, squashfs). */
const fs = `${node}, fstype!~"tmpfs|overlay|squashfs|ramfs"`;

/**
 * Fraction of space left to unprivileged users. `avail` rather than `free` ([Phase 2] used size - free):
 * free includes the blocks ext4 reserves for root, which services cannot write to. Read-only filesystems
 * are skipped: they cannot fill up, and on NixOS /nix/store is a read-only bind mount that would report the
 * underlying filesystem a second time.
 */
const availableRatio = `node_filesystem_avail_bytes{${fs}} / node_filesystem_size_bytes{${fs}}`;
const writable = `on (instance, device, mountpoint) node_filesystem_readonly{${fs}} == 0`;

export default ruleGroup('hosts', {
  rules: [
    alert('HostDown', {
      // [NixMox] and [Phase 2] agree: critical after 1m. ([Phase 2] used job="node-exporter"; ours is "node".)
      expr: `up{${node}} == 0`,
      for: '1m',
      severity: 'critical',
      summary: 'Host {{ $labels.instance }} is down',
      description:
        'Prometheus has not been able to scrape node_exporter on {{ $labels.instance }} for over a minute: ' +
        'the host is down, unreachable, or node_exporter stopped.',
      dashboard: onThisHost,
      runbook: 'hosts.md#hostdown',
    }),

    alert('HostHighCpuUsage', {
      // [Phase 2] 85% for 10m, warning. [NixMox]'s 80% for 5m is dropped: nix-cache02 legitimately saturates
      // its CPUs for several minutes during every scheduled all-hosts build. No critical tier in either
      // document, and busy CPUs alone are not an outage.
      // rate() rather than irate() (which both documents used): irate() only looks at the last two samples,
      // so one quiet scrape interval resets the `for` timer; rate() averages the whole 5m window.
      expr: `1 - avg by (instance) (rate(node_cpu_seconds_total{${node}, mode="idle"}[5m])) > ${t.cpuBusy}`,
      for: '10m',
      severity: 'warning',
      summary: 'High CPU usage on {{ $labels.instance }}',
      description: 'CPU usage on {{ $labels.instance }} has been above 85% for 10 minutes (now {{ $value | humanizePercentage }}).',
      dashboard: onThisHost,
      runbook: 'hosts.md#hosthighcpuusage',
    }),

    alert('HostHighMemoryUsage', {
      // [NixMox] 85% for 5m, warning. MemAvailable counts reclaimable cache as free, unlike MemFree.
      expr: `1 - node_memory_MemAvailable_bytes{${node}} / node_memory_MemTotal_bytes{${node}} > ${t.memoryUsedWarning}`,
      for: '5m',
      severity: 'warning',
      summary: 'High memory usage on {{ $labels.instance }}',
      description: 'Memory usage on {{ $labels.instance }} has been above 85% for 5 minutes (now {{ $value | humanizePercentage }}).',
      dashboard: onThisHost,
      runbook: 'hosts.md#hosthighmemoryusage',
    }),
    alert('HostHighMemoryUsage', {
      // [Phase 2] 90% for 5m, critical: the OOM killer is close.
      expr: `1 - node_memory_MemAvailable_bytes{${node}} / node_memory_MemTotal_bytes{${node}} > ${t.memoryUsedCritical}`,
      for: '5m',
      severity: 'critical',
      summary: 'Memory almost exhausted on {{ $labels.instance }}',
      description:
        'Memory usage on {{ $labels.instance }} has been above 90% for 5 minutes (now {{ $value | humanizePercentage }}); ' +
        'the kernel OOM killer may start killing processes.',
      dashboard: onThisHost,
      runbook: 'hosts.md#hosthighmemoryusage',
    }),

    alert('HostLowDiskSpace', {
      // [ours] warning below 20% available, so there is time to clean up before the critical tier.
      // `for: 15m` because disks fill slowly and a large temporary file (a Nix build) should not notify.
      expr: `${availableRatio} < ${t.diskAvailableWarning} and ${writable}`,
      for: '15m',
      severity: 'warning',
      summary: 'Filesystem {{ $labels.mountpoint }} on {{ $labels.instance }} is filling up',
      description:
        'Only {{ $value | humanizePercentage }} of {{ $labels.mountpoint }} ({{ $labels.device }}) on ' +
        '{{ $labels.instance }} is available.',
      dashboard: onThisHost,
      runbook: 'hosts.md#hostlowdiskspace',
    }),
    alert('HostLowDiskSpace', {
      // [NixMox] root < 10% free and [Phase 2] any filesystem > 90% used, both critical for 5m: the same
      // threshold, applied to every writable filesystem as [Phase 2] does.
      expr: `${availableRatio} < ${t.diskAvailableCritical} and ${writable}`,
      for: '5m',
      severity: 'critical',
      summary: 'Filesystem {{ $labels.mountpoint }} on {{ $labels.instance }} is almost full',
      description:
        'Only {{ $value | humanizePercentage }} of {{ $labels.mountpoint }} ({{ $labels.device }}) on ' +
        '{{ $labels.instance }} is available; writes will start failing when it reaches 0.',
      dashboard: onThisHost,
      runbook: 'hosts.md#hostlowdiskspace',
    }),

    alert('HostFilesystemReadOnly', {
      // [ours] ext4 and friends remount read-only on I/O or metadata errors; the disk alerts above skip
      // read-only filesystems, so this is what reports them. /nix/store is read-only by design on NixOS;
      // add any other intentionally read-only mount to the exclusion.
      expr: `node_filesystem_readonly{${fs}, mountpoint!="/nix/store"} == 1`,
      for: '5m',
      severity: 'critical',
      summary: 'Filesystem {{ $labels.mountpoint }} on {{ $labels.instance }} is read-only',
      description:
        '{{ $labels.mountpoint }} ({{ $labels.device }}, {{ $labels.fstype }}) on {{ $labels.instance }} is mounted ' +
        'read-only, usually after the kernel saw I/O or filesystem errors. Services writing to it are failing.',
      dashboard: onThisHost,
      runbook: 'hosts.md#hostfilesystemreadonly',
    }),
  ],
});
