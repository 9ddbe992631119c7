/**
 * The Nix build and cache check: `nix-build-cache-check.service` (a systemd timer, every 15 minutes, on
 * nas-01) builds a rotating test package (hello, cowsay, figlet, fortune, lolcat, sl), checks the binary
 * cache and its upstream proxy, and writes the results to
 * /var/lib/prometheus-node-exporter-text-files/nix_build_cache.prom. node_exporter's textfile collector
 * exposes the file, so the series come from the `node` job with that host's `instance`, and keep their last
 * value until the next run rewrites the file (node_textfile_mtime_seconds{file=~".*nix_build_cache.prom"}
 * tells when that was).
 *
 * All are gauges: the check writes current values, not counts.
 */
import { metricCatalog, type MetricCatalog } from './types.js';

export const nixCheckCatalog: MetricCatalog = metricCatalog({
  name: 'nix-build-cache-check',
  source: 'the Nix build/cache check (nix-build-cache-check.service), via the node_exporter textfile collector',
  namespaces: ['nix_'],
  jobs: ['node'],
  metrics: [
    {
      name: 'nix_build_cache_check_timestamp',
      type: 'gauge',
      help: 'Unix time of the last completed check.',
      labels: [],
      unit: 'seconds',
    },
    {
      name: 'nix_distributed_build_success',
      type: 'gauge',
      help: 'Whether the test build ran on a remote builder: 1 working, 0 failed, -1 no remote builders configured.',
      labels: [],
    },
    {
      name: 'nix_builder_used',
      type: 'gauge',
      help: 'Remote builders the test build used (1 per builder, e.g. nix-01, nix-02, nix-03), labelled by host name.',
      labels: ['builder'],
    },
    {
      name: 'nix_local_cache_hit',
      type: 'gauge',
      help: 'Whether the second build of the test package was served from a cache (local or upstream): 1 working, 0 failed.',
      labels: [],
    },
    {
      name: 'nix_upstream_cache_accessible',
      type: 'gauge',
      help: 'Whether the nginx proxy to cache.nixos.org answers: 1 accessible, 0 not accessible.',
      labels: [],
    },
    {
      name: 'nix_cache_info_accessible',
      type: 'gauge',
      help: "Whether the binary cache's /nix-cache-info endpoint answers: 1 accessible, 0 not accessible.",
      labels: [],
    },
    {
      name: 'nix_test_package_info',
      type: 'info',
      help: 'The test package of the last check (value 1), to follow the rotation.',
      labels: ['package'],
      values: { package: ['hello', 'cowsay', 'figlet', 'fortune', 'lolcat', 'sl'] },
    },
  ],
});
