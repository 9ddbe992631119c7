import { defineConfig } from 'promforge';

export default defineConfig({
  // The homelab runs Debian's Prometheus 2.42 in CI and 3.x on the NixOS hosts: emit what both load.
  prometheus: { version: '2.42.0' },
  // Debian bookworm's Alertmanager, which CI validates with (amtool 0.25).
  alertmanager: { version: '0.25.0' },
  // prometheus.yml's global intervals (NixMox: 15s). Jobs scraped less often say so in prometheus/homelab.ts
  // (cAdvisor and the business services at 30s); lint judges a range against its job's interval.
  scrapeInterval: '15s',
  evaluationInterval: '15s',
  runbookBaseUrl: 'https://git.t-juice.club/torjus/nixos-servers/src/branch/master/docs/runbooks',
  // Alerts' dashboard_url links: <url>/d/<uid>. No seed names the Grafana host: this follows the homelab's
  // <name>.home.2rjus.net naming (nix-cache.home.2rjus.net) and is an assumption to correct in a real deployment.
  grafana: { url: 'https://grafana.home.2rjus.net' },
});
