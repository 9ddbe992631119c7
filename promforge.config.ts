import { defineConfig } from 'promforge';

export default defineConfig({
  // The homelab runs Debian's Prometheus 2.42 in CI and 3.x on the NixOS hosts: emit what both load.
  prometheus: { version: '2.42.0' },
  // Debian bookworm's Alertmanager, which CI validates with (amtool 0.25).
  alertmanager: { version: '0.25.0' },
  // The homelab scrapes every 15s to 30s (cAdvisor and the business services at 30s); lint judges rate()
  // ranges against the slowest. Issue 7's host manifest will give each job its own interval.
  scrapeInterval: '30s',
  evaluationInterval: '15s',
  runbookBaseUrl: 'https://git.t-juice.club/torjus/nixos-servers/src/branch/master/docs/runbooks',
  // Alerts' dashboard_url links: <url>/d/<uid>. No seed names the Grafana host: this follows the homelab's
  // <name>.home.2rjus.net naming (nix-cache.home.2rjus.net) and is an assumption to correct in a real deployment.
  grafana: { url: 'https://grafana.home.2rjus.net' },
});
