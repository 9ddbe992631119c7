/**
 * The homelab's hosts and what each runs: the one inventory prometheus.yml, the lint's scrape intervals and the
 * rules' and dashboards' job names come from. Built into out/prometheus/prometheus.yml (and out/nixos/prometheus.json).
 *
 * Where each part comes from:
 *   [Nix check]   "Nix Build and Cache Monitoring": Prometheus and Alertmanager on `admin` (Prometheus on port
 *                 9001), the build/cache check on nas-01 writing node_exporter textfile metrics, the binary cache
 *                 at http://nas-01:80, the remote builders nix-01..03, the nginx proxy to cache.nixos.org.
 *   [Reprovision] "Nix Cache Host Reprovision": nix-cache02 at 10.69.13.25, the homelab-deploy builder's metrics
 *                 on 9973 (job homelab-deploy-builder), Harmonia behind https://nix-cache.home.2rjus.net.
 *   [NixMox]      "NixMox Monitoring Module": the manifest-driven design itself; node_exporter on every host;
 *                 Grafana, Loki (3100) and Promtail (9080) beside Prometheus and Alertmanager on the monitoring
 *                 host; the PostgreSQL exporter (9187) and Caddy (2019) on their hosts (postgresql.nixmox.lan,
 *                 caddy.nixmox.lan); the global 15s scrape interval (promforge.config.ts).
 *   [Phase 2]     "Phase 2 monitoring stack optimization": the GPU exporter (9445), cAdvisor published on 8083 and
 *                 the business services (9999 business-metrics, 9998 business-dashboard) on the media server,
 *                 cAdvisor and the business services scraped every 30s.
 *   [ours]        the rest, with the reason beside it.
 *
 * The rules and dashboards take their job names from here (`homelab.jobs.node`, `homelab.jobs['nvidia-gpu']`):
 * renaming a job renames it in their selectors, removing one makes them fail to compile. A job name written out
 * by hand that this manifest does not scrape is reported by the build at its selector (prometheus/job).
 */
import { host, hostManifest, job, probe } from 'promforge';

export default hostManifest({
  // [ours] names this Prometheus to Alertmanager and to anything it federates or remote-writes to.
  external_labels: { monitor: 'homelab' },

  hosts: [
    // [Nix check] + [NixMox]: the monitoring host. [ours] blackbox_exporter runs here too, beside Prometheus.
    host('admin', {
      runs: ['node', { exporter: 'prometheus', port: 9001 }, 'alertmanager', 'grafana', 'loki', 'promtail', 'blackbox'],
    }),
    // [Nix check] the NAS runs the build/cache check (node_exporter textfile collector); [Phase 2] the media
    // server's GPU, containers and business services live here too (as the rule tests assume).
    host('nas-01', {
      runs: [
        'node',
        'nvidia-gpu',
        { exporter: 'cadvisor', port: 8083 },
        // Two services of one job on one host: their `service` label keeps their series apart.
        { service: 'business-metrics', job: 'business-services', port: 9999 },
        { service: 'business-dashboard', job: 'business-services', port: 9998 },
      ],
    }),
    // [Reprovision] the build host, addressed by IP; its `instance` stays "nix-cache02".
    host('nix-cache02', { address: '10.69.13.25', runs: ['node', 'homelab-deploy-builder'] }),
    // [Nix check] the remote builders; [NixMox] every host runs node_exporter.
    host('nix-01', { runs: ['node'] }),
    host('nix-02', { runs: ['node'] }),
    host('nix-03', { runs: ['node'] }),
    // [NixMox] the database and reverse-proxy hosts.
    host('postgresql', { address: 'postgresql.nixmox.lan', runs: ['node', 'postgres'] }),
    host('caddy', { address: 'caddy.nixmox.lan', runs: ['node', 'caddy'] }),
  ],

  // [Nix check] Alertmanager on the admin host.
  alertmanagers: ['admin'],

  // [ours] blackbox.yml on admin defines http_2xx (GET, any 2xx answer).
  blackbox: { host: 'admin', modules: { http_2xx: { prober: 'http' } } },

  probes: [
    // [Reprovision] the canonical cache URL; rules/nix-binary-cache.ts alerts on this job.
    probe('blackbox-nix-cache', { module: 'http_2xx', targets: ['https://nix-cache.home.2rjus.net/nix-cache-info'] }),
    // [Nix check] the nginx proxy to cache.nixos.org on nas-01. [ours] the seed does not say where it listens:
    // port 8080 is an assumption, set it to your proxy's address.
    probe('blackbox-upstream-cache', { module: 'http_2xx', targets: ['http://nas-01:8080/nix-cache-info'] }),
  ],

  jobs: [
    // [Phase 2] cAdvisor's housekeeping runs every 30s: scraping faster only repeats its numbers.
    job('cadvisor', { scrape_interval: '30s' }),
    job('business-services', { scrape_interval: '30s' }),
  ],
});
