/**
 * prometheus/blackbox_exporter probe metrics: https://github.com/prometheus/blackbox_exporter (prober/*.go).
 *
 * These are the series of a probe scrape (`/probe?module=...&target=...`), not of the exporter's own
 * `/metrics` (blackbox_exporter_*, which this catalog does not cover). The usual relabelling copies the target
 * into `instance` and the scrape adds the probe job's `job`; the exporter itself adds no labels to most
 * probe series, so they carry only job and instance. In this project the probe job is `blackbox-nix-cache`
 * (module http_2xx against the binary cache's /nix-cache-info).
 *
 * Which series a probe returns depends on its prober (http, tcp, dns, icmp, grpc, websocket); probe_success,
 * probe_duration_seconds and probe_timeout_seconds come with every probe, probe_dns_lookup_time_seconds and
 * probe_ip_protocol with every prober that resolves a name.
 */
import { gauge, info } from './define.js';
import { metricCatalog, type MetricCatalog, type MetricDef } from './types.js';

/** Every probe. */
const common: readonly MetricDef[] = [
  gauge('probe_success', 'Displays whether or not the probe was a success'),
  gauge('probe_duration_seconds', 'Returns how long the probe took to complete in seconds'),
  gauge('probe_timeout_seconds', 'Returns how long the probe timeout is in seconds'),
  gauge('probe_dns_lookup_time_seconds', 'Returns the time taken for probe dns lookup in seconds'),
  gauge('probe_ip_protocol', 'Specifies whether probe ip protocol is IP4 or IP6 (value 4 or 6)'),
  gauge('probe_ip_addr_hash', "Specifies the hash of IP address. It's useful to detect if the IP address changes."),
];

/** TLS, for the http, tcp (tls: true), grpc and websocket probers. */
const tls: readonly MetricDef[] = [
  gauge('probe_ssl_earliest_cert_expiry', 'Returns last SSL chain expiry in unixtime', [], { unit: 'seconds' }),
  gauge('probe_ssl_last_chain_expiry_timestamp_seconds', 'Returns last SSL chain expiry in timestamp'),
  info('probe_ssl_last_chain_info', 'Contains SSL leaf certificate information', [
    'fingerprint_sha256',
    'subject',
    'issuer',
    'subjectalternative',
    'serialnumber',
  ]),
  info('probe_tls_version_info', 'Returns the TLS version used or NaN when unknown', ['version']),
  info('probe_tls_cipher_info', 'Returns the TLS cipher negotiated during handshake', ['cipher']),
];

/** http prober. */
const http: readonly MetricDef[] = [
  gauge('probe_http_status_code', 'Response HTTP status code'),
  gauge('probe_http_duration_seconds', 'Duration of http request by phase, summed over all redirects', ['phase'], {
    values: { phase: ['resolve', 'connect', 'tls', 'processing', 'transfer'] },
  }),
  gauge('probe_http_content_length', 'Length of http content response', [], { unit: 'bytes' }),
  gauge('probe_http_uncompressed_body_length', 'Length of uncompressed response body', [], { unit: 'bytes' }),
  gauge('probe_http_redirects', 'The number of redirects'),
  gauge('probe_http_ssl', 'Indicates if SSL was used for the final redirect'),
  gauge('probe_http_version', 'Returns the version of HTTP of the probe response'),
  gauge('probe_http_last_modified_timestamp_seconds', 'Returns the Last-Modified HTTP response header in unixtime'),
  gauge('probe_failed_due_to_regex', 'Indicates if probe failed due to regex (http and tcp query_response)'),
  gauge('probe_failed_due_to_cel', 'Indicates if probe failed due to CEL expression not matching'),
];

/** tcp prober (query_response). */
const tcp: readonly MetricDef[] = [
  gauge('probe_failed_due_to_bytes', 'Indicates if probe failed due to bytes'),
  // The labels are the ones the module's `expect` regexp names (labels: in query_response), so not listed.
  info('probe_expect_info', 'Explicit content matched'),
];

/** dns prober. */
const dns: readonly MetricDef[] = [
  gauge('probe_dns_duration_seconds', 'Duration of DNS request by phase', ['phase'], {
    values: { phase: ['resolve', 'connect', 'request'] },
  }),
  gauge('probe_dns_answer_rrs', 'Returns number of entries in the answer resource record list'),
  gauge('probe_dns_authority_rrs', 'Returns number of entries in the authority resource record list'),
  gauge('probe_dns_additional_rrs', 'Returns number of entries in the additional resource record list'),
  gauge('probe_dns_query_succeeded', 'Displays whether or not the query was executed successfully'),
  gauge('probe_dns_serial', 'Returns the serial number of the zone (SOA queries)'),
];

/** icmp prober. */
const icmp: readonly MetricDef[] = [
  gauge('probe_icmp_duration_seconds', 'Duration of icmp request by phase', ['phase'], {
    values: { phase: ['resolve', 'setup', 'rtt'] },
  }),
  gauge('probe_icmp_reply_hop_limit', 'Replied packet hop limit (TTL for ipv4)'),
];

/** grpc prober. */
const grpc: readonly MetricDef[] = [
  gauge('probe_grpc_duration_seconds', 'Duration of gRPC request by phase', ['phase'], {
    values: { phase: ['resolve', 'check'] },
  }),
  gauge('probe_grpc_ssl', 'Indicates if SSL was used for the connection'),
  gauge('probe_grpc_status_code', 'Response gRPC status code'),
  gauge('probe_grpc_healthcheck_response', 'Response HealthCheck response', ['serving_status'], {
    values: { serving_status: ['UNKNOWN', 'SERVING', 'NOT_SERVING', 'SERVICE_UNKNOWN'] },
  }),
];

/** websocket prober. */
const websocket: readonly MetricDef[] = [
  gauge('probe_websocket_status_code', 'Response HTTP status code'),
  gauge('probe_websocket_connection_upgraded', 'Indicates if the websocket connection was successfully upgraded'),
  gauge('probe_websocket_failed_due_to_regex', 'Indicates if probe failed due to regex'),
  gauge('probe_websocket_duration_seconds', 'Duration of websocket request by phase', ['phase'], {
    values: { phase: ['resolve', 'connect', 'processing', 'transfer'] },
  }),
];

export const blackboxCatalog: MetricCatalog = metricCatalog({
  name: 'blackbox_exporter',
  source: 'https://github.com/prometheus/blackbox_exporter',
  namespaces: ['probe_'],
  jobs: ['blackbox-nix-cache'],
  metrics: [...common, ...tls, ...http, ...tcp, ...dns, ...icmp, ...grpc, ...websocket],
});
