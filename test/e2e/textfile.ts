/**
 * Metrics for node_exporter's textfile collector, written as the real producers do: the whole file to a
 * temporary name in the same directory, then renamed over the old one, so a scrape never reads half a file.
 *
 * nix_build_cache.prom is what nix-build-cache-check.service on nas-01 writes after each run (the metric set
 * of rules/nix-build-cache.ts and the seed's module). meminfo.prom stands in for node_exporter's meminfo
 * collector, which the test switches off so that it can set the host's memory usage itself.
 */
import fs from 'node:fs';
import path from 'node:path';

export const NIX_FILE = 'nix_build_cache.prom';
export const MEMORY_FILE = 'meminfo.prom';

export interface NixCheckResult {
  /** Unix seconds of the run; the rules compare it with time() in seconds, so it is the real clock. */
  readonly timestamp: number;
  readonly cacheInfoAccessible: 0 | 1;
  readonly upstreamCacheAccessible: 0 | 1;
  readonly localCacheHit: 0 | 1;
  /** 1 ok, 0 failed, -1 no remote builders configured. */
  readonly distributedBuildSuccess: 1 | 0 | -1;
  readonly buildersUsed: readonly string[];
  readonly testPackage: string;
}

export const healthyNixCheck = (timestamp: number): NixCheckResult => ({
  timestamp,
  cacheInfoAccessible: 1,
  upstreamCacheAccessible: 1,
  localCacheHit: 1,
  distributedBuildSuccess: 1,
  buildersUsed: ['nix-01'],
  testPackage: 'hello',
});

const gauge = (name: string, help: string, samples: readonly [labels: string, value: number][]): string =>
  [`# HELP ${name} ${help}`, `# TYPE ${name} gauge`, ...samples.map(([l, v]) => `${name}${l} ${v}`)].join('\n');

export function nixCheckText(r: NixCheckResult): string {
  return [
    gauge('nix_build_cache_check_timestamp', 'Unix time of the last Nix build/cache check.', [['', r.timestamp]]),
    gauge('nix_distributed_build_success', 'Whether the test build used a remote builder (1 ok, 0 failed, -1 not configured).', [['', r.distributedBuildSuccess]]),
    gauge('nix_builder_used', 'Remote builders the test build used.', r.buildersUsed.map((b) => [`{builder="${b}"}`, 1])),
    gauge('nix_local_cache_hit', 'Whether the second build was substituted from the local cache.', [['', r.localCacheHit]]),
    gauge('nix_upstream_cache_accessible', 'Whether cache.nixos.org is reachable through the proxy.', [['', r.upstreamCacheAccessible]]),
    gauge('nix_cache_info_accessible', 'Whether GET /nix-cache-info on the binary cache succeeded.', [['', r.cacheInfoAccessible]]),
    gauge('nix_test_package_info', 'The package the check built.', [[`{package="${r.testPackage}"}`, 1]]),
  ].join('\n') + '\n';
}

/** MemTotal and MemAvailable such that 1 - available/total is `used` (what HostHighMemoryUsage computes). */
export function memoryText(totalBytes: number, availableBytes: number): string {
  return [
    gauge('node_memory_MemTotal_bytes', 'Memory information field MemTotal_bytes.', [['', totalBytes]]),
    gauge('node_memory_MemAvailable_bytes', 'Memory information field MemAvailable_bytes.', [['', availableBytes]]),
  ].join('\n') + '\n';
}

/** Write then rename: node_exporter ignores files not ending in .prom, so the temporary one is never read. */
export function writeTextfile(dir: string, name: string, text: string): void {
  const tmp = path.join(dir, `.${name}.${process.pid}.tmp`);
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, path.join(dir, name));
}

export function removeTextfile(dir: string, name: string): void {
  fs.rmSync(path.join(dir, name), { force: true });
}
