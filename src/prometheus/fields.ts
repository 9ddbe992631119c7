/**
 * The fields Prometheus itself knows in the sections of prometheus.yml that promforge reads, by the type name
 * Prometheus gives the section (the `title` of each section in schema.ts). promforge models only the fields it
 * emits; `promforge check` on a prometheus.yml written by anyone needs the rest to tell a field it does not
 * check (`remote_write`, `kubernetes_sd_configs`: Prometheus' business, reported as not checked) from one
 * Prometheus does not have either (`scrape_intervall`: an error, as Prometheus refuses it).
 *
 * Names from the yaml tags of Prometheus' config, relabel and discovery packages and prometheus/common's HTTP
 * client configuration (current releases; older ones know fewer, and a build may leave service discoveries out,
 * as Debian's does Kubernetes: promtool check config is the judge of those).
 */

/** Every service discovery's `<name>_sd_configs`, and the static one. */
const SERVICE_DISCOVERY = [
  'aws', 'azure', 'consul', 'digitalocean', 'dns', 'docker', 'dockerswarm', 'ec2', 'ecs', 'elasticache', 'eureka', 'file',
  'gce', 'hetzner', 'http', 'ionos', 'kubernetes', 'kuma', 'lightsail', 'linode', 'marathon', 'msk', 'nerve', 'nomad',
  'oci', 'openstack', 'outscale', 'ovhcloud', 'puppetdb', 'rds', 'scaleway', 'serverset', 'stackit', 'triton', 'uyuni',
  'vultr',
].map((name) => `${name}_sd_configs`).concat('static_configs');

/** prometheus/common's HTTP client settings, inline in scrape and Alertmanager configs. */
const HTTP_CLIENT = [
  'basic_auth', 'authorization', 'oauth2', 'bearer_token', 'bearer_token_file', 'tls_config', 'proxy_url', 'no_proxy',
  'proxy_from_environment', 'proxy_connect_header', 'follow_redirects', 'enable_http2', 'http_headers',
];

export const PROMETHEUS_FIELDS: Readonly<Record<string, ReadonlySet<string>>> = {
  'config.Config': new Set([
    'global', 'runtime', 'alerting', 'rule_files', 'scrape_config_files', 'scrape_configs', 'storage', 'tracing',
    'remote_write', 'remote_read', 'otlp',
  ]),
  'config.GlobalConfig': new Set([
    'scrape_interval', 'scrape_timeout', 'scrape_protocols', 'evaluation_interval', 'rule_query_offset', 'query_log_file',
    'scrape_failure_log_file', 'external_labels', 'body_size_limit', 'sample_limit', 'target_limit', 'label_limit',
    'label_name_length_limit', 'label_value_length_limit', 'keep_dropped_targets', 'metric_name_validation_scheme',
    'metric_name_escaping_scheme', 'scrape_native_histograms', 'convert_classic_histograms_to_nhcb',
    'always_scrape_classic_histograms', 'extra_scrape_metrics',
  ]),
  'config.AlertingConfig': new Set(['alert_relabel_configs', 'alertmanagers']),
  'config.AlertmanagerConfig': new Set([
    ...SERVICE_DISCOVERY, ...HTTP_CLIENT,
    'sigv4', 'scheme', 'path_prefix', 'timeout', 'api_version', 'relabel_configs', 'alert_relabel_configs',
  ]),
  'config.ScrapeConfig': new Set([
    ...SERVICE_DISCOVERY, ...HTTP_CLIENT,
    'job_name', 'honor_labels', 'honor_timestamps', 'track_timestamps_staleness', 'params', 'scrape_interval',
    'scrape_timeout', 'scrape_protocols', 'fallback_scrape_protocol', 'scrape_native_histograms',
    'always_scrape_classic_histograms', 'convert_classic_histograms_to_nhcb', 'scrape_failure_log_file', 'metrics_path',
    'scheme', 'enable_compression', 'body_size_limit', 'sample_limit', 'target_limit', 'label_limit',
    'label_name_length_limit', 'label_value_length_limit', 'native_histogram_bucket_limit',
    'native_histogram_min_bucket_factor', 'keep_dropped_targets', 'metric_name_validation_scheme',
    'metric_name_escaping_scheme', 'extra_scrape_metrics', 'relabel_configs', 'metric_relabel_configs',
  ]),
  'targetgroup.Group': new Set(['targets', 'labels']),
  'relabel.Config': new Set(['source_labels', 'separator', 'regex', 'modulus', 'target_label', 'replacement', 'action']),
};
