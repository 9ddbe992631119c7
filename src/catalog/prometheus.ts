/**
 * What Prometheus itself gives every project, and the self-monitoring metrics of Prometheus and Alertmanager.
 *
 * prometheusCatalog:
 *  - the series Prometheus writes for every scrape (`up`, `scrape_*`), with the target's labels (job,
 *    instance and whatever relabelling added);
 *  - the series the rule manager writes for alerting rules: ALERTS and ALERTS_FOR_STATE. Their label set is
 *    open: besides `alertname` (and `alertstate` on ALERTS) they carry every label of the alert, i.e. the
 *    rule's `labels` (promforge always sets `severity`) and the labels of the expression's result series
 *    (often job and instance, but not necessarily). The labels listed are the ones always present;
 *  - Prometheus' own /metrics (job of the Prometheus self-scrape), https://github.com/prometheus/prometheus.
 *    The catalog owns the subsystems it lists completely (prometheus_rule_, prometheus_notifications_,
 *    prometheus_config_, prometheus_target_); of the rest (tsdb, sd, engine, http, ...) it claims only the
 *    names it lists, so other prometheus_* names are not judged.
 * alertmanagerCatalog: Alertmanager's own /metrics, https://github.com/prometheus/alertmanager (owns
 * alertmanager_). Note: in both, prometheus_/alertmanager_ series also carry job and instance of their scrape.
 *
 * A namespace that does not end in `_` or `:` is one exact name (`up`, `ALERTS`): `up` does not own `uptime`.
 */
import { counter, gauge, histogram, info, summary } from './define.js';
import { metricCatalog, type MetricCatalog, type MetricDef } from './types.js';

/** Written by Prometheus for every scrape; the scrape_timeout_seconds/sample_limit/body_size ones only with extra-scrape-metrics. */
const scrapeSeries: readonly MetricDef[] = [
  gauge(
    'up',
    '1 if the target was scraped successfully, 0 if the scrape failed. Written by Prometheus for every target.',
  ),
  gauge('scrape_duration_seconds', 'Duration of the scrape in seconds.'),
  gauge('scrape_samples_scraped', 'Number of samples the target exposed.'),
  gauge('scrape_samples_post_metric_relabeling', 'Number of samples remaining after metric relabeling was applied.'),
  gauge('scrape_series_added', 'Approximate number of new series in this scrape.'),
  gauge(
    'scrape_timeout_seconds',
    'The configured scrape_timeout of the target (--enable-feature=extra-scrape-metrics).',
  ),
  gauge(
    'scrape_sample_limit',
    'The configured sample_limit of the target, 0 if none (--enable-feature=extra-scrape-metrics).',
  ),
  gauge(
    'scrape_body_size_bytes',
    'Uncompressed size of the most recent scrape response, -1 if it exceeded body_size_limit (--enable-feature=extra-scrape-metrics).',
  ),
];

/** Written by the rule manager for alerting rules. */
const alertSeries: readonly MetricDef[] = [
  gauge(
    'ALERTS',
    'One series per pending or firing alert, value 1. Labels: alertname, alertstate and the alert\'s labels (the rule\'s `labels` and those of the expression\'s result series).',
    ['alertname', 'alertstate', 'severity'],
    { values: { alertstate: ['pending', 'firing'] } },
  ),
  gauge(
    'ALERTS_FOR_STATE',
    'One series per pending or firing alert of a rule with `for`: the Unix time the alert became active, used to restore `for` state after a restart. Labels: alertname and the alert\'s labels.',
    ['alertname', 'severity'],
  ),
];

/** rules/group.go: rule_group is "<file>;<group name>". */
const ruleMetrics: readonly MetricDef[] = [
  histogram('prometheus_rule_evaluation_duration_histogram_seconds', 'The duration for a rule to execute.'),
  summary('prometheus_rule_evaluation_duration_seconds', 'The duration for a rule to execute.'),
  counter('prometheus_rule_evaluation_failures_total', 'The total number of rule evaluation failures.', ['rule_group']),
  counter('prometheus_rule_evaluations_total', 'The total number of rule evaluations.', ['rule_group']),
  histogram('prometheus_rule_group_duration_histogram_seconds', 'The duration of rule group evaluations.'),
  summary('prometheus_rule_group_duration_seconds', 'The duration of rule group evaluations.'),
  gauge('prometheus_rule_group_interval_seconds', 'The interval of a rule group.', ['rule_group']),
  counter(
    'prometheus_rule_group_iterations_missed_total',
    'The total number of rule group evaluations missed due to slow rule group evaluation.',
    ['rule_group'],
  ),
  counter(
    'prometheus_rule_group_iterations_total',
    'The total number of scheduled rule group evaluations, whether executed or missed.',
    ['rule_group'],
  ),
  gauge(
    'prometheus_rule_group_last_duration_seconds',
    'The duration of the last rule group evaluation.',
    ['rule_group'],
  ),
  gauge(
    'prometheus_rule_group_last_evaluation_samples',
    'The number of samples returned during the last rule group evaluation.',
    ['rule_group'],
  ),
  gauge(
    'prometheus_rule_group_last_evaluation_timestamp_seconds',
    'The timestamp of the last rule group evaluation in seconds.',
    ['rule_group'],
  ),
  gauge(
    'prometheus_rule_group_last_restore_duration_seconds',
    'The duration of the last alert rules alerts restoration using the `ALERTS_FOR_STATE` series.',
    ['rule_group'],
  ),
  gauge(
    'prometheus_rule_group_last_rule_duration_sum_seconds',
    'The sum of time in seconds it took to evaluate each rule in the group regardless of concurrency. This should be higher than the group duration if rules are evaluated concurrently.',
    ['rule_group'],
  ),
  gauge('prometheus_rule_group_rules', 'The number of rules.', ['rule_group']),
];

/** notifier: alert delivery to Alertmanager, labelled by the Alertmanager URL. */
const notificationMetrics: readonly MetricDef[] = [
  gauge('prometheus_notifications_alertmanagers_discovered', 'The number of alertmanagers discovered and active.'),
  counter(
    'prometheus_notifications_dropped_total',
    'Total number of alerts dropped due to errors when sending to Alertmanager. (per Alertmanager since the independent send queues of 2026; one series before)',
    ['alertmanager'],
  ),
  counter('prometheus_notifications_errors_total', 'Total number of sent alerts affected by errors.', ['alertmanager']),
  histogram(
    'prometheus_notifications_latency_histogram_seconds',
    'Latency histogram for sending alert notifications.',
    ['alertmanager'],
  ),
  summary(
    'prometheus_notifications_latency_seconds',
    'Latency quantiles for sending alert notifications.',
    ['alertmanager'],
  ),
  gauge('prometheus_notifications_queue_capacity', 'The capacity of the alert notifications queue.'),
  gauge(
    'prometheus_notifications_queue_length',
    'The number of alert notifications in the queue. (per Alertmanager since the independent send queues of 2026; one series before)',
    ['alertmanager'],
  ),
  counter('prometheus_notifications_sent_total', 'Total number of alerts sent.', ['alertmanager']),
];

/** Configuration reloads. */
const configMetrics: readonly MetricDef[] = [
  gauge(
    'prometheus_config_last_reload_success_timestamp_seconds',
    'Timestamp of the last successful configuration reload.',
  ),
  gauge('prometheus_config_last_reload_successful', 'Whether the last configuration reload attempt was successful.'),
];

/** Scrape manager and scrape pools. */
const targetMetrics: readonly MetricDef[] = [
  histogram('prometheus_target_interval_length_histogram_seconds', 'Actual intervals between scrapes.', ['interval']),
  summary('prometheus_target_interval_length_seconds', 'Actual intervals between scrapes.', ['interval']),
  gauge(
    'prometheus_target_metadata_cache_bytes',
    'The number of bytes that are currently used for storing metric metadata in the cache',
    ['scrape_job'],
  ),
  gauge(
    'prometheus_target_metadata_cache_entries',
    'Total number of metric metadata entries in the cache',
    ['scrape_job'],
  ),
  summary(
    'prometheus_target_reload_length_seconds',
    'Actual interval to reload the scrape pool with a given configuration.',
    ['interval'],
  ),
  histogram(
    'prometheus_target_scrape_duration_seconds',
    'Total duration of the scrape from start to commit completion in seconds.',
  ),
  counter(
    'prometheus_target_scrape_pool_exceeded_label_limits_total',
    'Total number of times scrape pools hit the label limits, during sync or config reload.',
  ),
  counter(
    'prometheus_target_scrape_pool_exceeded_target_limit_total',
    'Total number of times scrape pools hit the target limit, during sync or config reload.',
  ),
  counter('prometheus_target_scrape_pool_reloads_failed_total', 'Total number of failed scrape pool reloads.'),
  counter('prometheus_target_scrape_pool_reloads_total', 'Total number of scrape pool reloads.'),
  gauge(
    'prometheus_target_scrape_pool_symboltable_items',
    'Current number of symbols in table for this scrape pool.',
    ['scrape_job'],
  ),
  counter(
    'prometheus_target_scrape_pool_sync_total',
    'Total number of syncs that were executed on a scrape pool.',
    ['scrape_job'],
  ),
  gauge(
    'prometheus_target_scrape_pool_target_limit',
    'Maximum number of targets allowed in this scrape pool.',
    ['scrape_job'],
  ),
  gauge('prometheus_target_scrape_pool_targets', 'Current number of targets in this scrape pool.', ['scrape_job']),
  counter('prometheus_target_scrape_pools_failed_total', 'Total number of scrape pool creations that failed.'),
  counter('prometheus_target_scrape_pools_total', 'Total number of scrape pool creation attempts.'),
  counter(
    'prometheus_target_scrapes_cache_flush_forced_total',
    'How many times a scrape cache was flushed due to getting big while scrapes are failing.',
  ),
  counter(
    'prometheus_target_scrapes_exceeded_body_size_limit_total',
    'Total number of scrapes that hit the body size limit',
  ),
  counter(
    'prometheus_target_scrapes_exceeded_native_histogram_bucket_limit_total',
    'Total number of scrapes that hit the native histogram bucket limit and were rejected.',
  ),
  counter(
    'prometheus_target_scrapes_exceeded_sample_limit_total',
    'Total number of scrapes that hit the sample limit and were rejected.',
  ),
  counter(
    'prometheus_target_scrapes_exemplar_out_of_order_total',
    'Total number of exemplar rejected due to not being out of the expected order.',
  ),
  counter(
    'prometheus_target_scrapes_sample_duplicate_timestamp_total',
    'Total number of samples rejected due to duplicate timestamps but different values.',
  ),
  counter(
    'prometheus_target_scrapes_sample_out_of_bounds_total',
    'Total number of samples rejected due to timestamp falling outside of the time bounds.',
  ),
  counter(
    'prometheus_target_scrapes_sample_out_of_order_total',
    'Total number of samples rejected due to not being out of the expected order.',
  ),
  counter('prometheus_target_sync_failed_total', 'Total number of target sync failures.', ['scrape_job']),
  histogram(
    'prometheus_target_sync_length_histogram_seconds',
    'Actual interval to sync the scrape pool.',
    ['scrape_job'],
  ),
  summary('prometheus_target_sync_length_seconds', 'Actual interval to sync the scrape pool.', ['scrape_job']),
];

/** Other commonly used Prometheus metrics; each is claimed by its exact name only. */
const otherPrometheusMetrics: readonly MetricDef[] = [
  gauge(
    'prometheus_ready',
    'Whether Prometheus startup was fully completed and the server is ready for normal operation.',
  ),
  gauge('prometheus_tsdb_head_series', 'Total number of series in the head block.'),
  counter('prometheus_tsdb_head_series_created_total', 'Total number of series created in the head'),
  counter('prometheus_tsdb_head_series_removed_total', 'Total number of series removed in the head'),
  counter('prometheus_tsdb_head_series_not_found_total', 'Total number of requests for series that were not found.'),
  gauge('prometheus_tsdb_head_chunks', 'Total number of chunks in the head block.'),
  counter('prometheus_tsdb_head_chunks_created_total', 'Total number of chunks created in the head'),
  counter('prometheus_tsdb_head_chunks_removed_total', 'Total number of chunks removed in the head'),
  gauge('prometheus_tsdb_head_chunks_storage_size_bytes', 'Size of the chunks_head directory.'),
  counter('prometheus_tsdb_head_samples_appended_total', 'Total number of appended samples.', ['type']),
  gauge(
    'prometheus_tsdb_head_max_time',
    'Maximum timestamp of the head block. The unit is decided by the library consumer.',
  ),
  gauge('prometheus_tsdb_head_max_time_seconds', 'Maximum timestamp of the head block.'),
  gauge(
    'prometheus_tsdb_head_min_time',
    'Minimum time bound of the head block. The unit is decided by the library consumer.',
  ),
  gauge('prometheus_tsdb_head_min_time_seconds', 'Minimum time bound of the head block.'),
  counter('prometheus_tsdb_head_truncations_failed_total', 'Total number of head truncations that failed.'),
  counter('prometheus_tsdb_head_truncations_total', 'Total number of head truncations attempted.'),
  counter('prometheus_tsdb_compactions_failed_total', 'Total number of compactions that failed for the partition.'),
  counter('prometheus_tsdb_compactions_total', 'Total number of compactions that were executed for the partition.'),
  counter('prometheus_tsdb_compactions_triggered_total', 'Total number of triggered compactions for the partition.'),
  counter(
    'prometheus_tsdb_reloads_failures_total',
    'Number of times the database failed to reloadBlocks block data from disk.',
  ),
  counter('prometheus_tsdb_reloads_total', 'Number of times the database reloaded block data from disk.'),
  counter('prometheus_tsdb_wal_corruptions_total', 'Total number of WAL corruptions.'),
  counter('prometheus_tsdb_checkpoint_creations_failed_total', 'Total number of checkpoint creations that failed.'),
  counter('prometheus_tsdb_checkpoint_deletions_failed_total', 'Total number of checkpoint deletions that failed.'),
  gauge(
    'prometheus_tsdb_storage_blocks_bytes',
    'The number of bytes that are currently used for local storage by all blocks.',
  ),
  gauge('prometheus_tsdb_blocks_loaded', 'Number of currently loaded data blocks'),
  gauge(
    'prometheus_tsdb_lowest_timestamp',
    'Lowest timestamp value stored in the database. The unit is decided by the library consumer.',
  ),
  gauge('prometheus_tsdb_lowest_timestamp_seconds', 'Lowest timestamp value stored in the database.'),
  gauge(
    'prometheus_tsdb_retention_limit_bytes',
    'Max number of bytes to be retained in the tsdb blocks, configured 0 means disabled',
  ),
  gauge('prometheus_tsdb_retention_limit_seconds', 'How long to retain samples in storage.'),
  counter(
    'prometheus_tsdb_size_retentions_total',
    'The number of times that blocks were deleted because the maximum number of bytes was exceeded.',
  ),
  counter(
    'prometheus_tsdb_time_retentions_total',
    'The number of times that blocks were deleted because the maximum time limit was exceeded.',
  ),
  counter(
    'prometheus_tsdb_out_of_order_samples_total',
    'Total number of out of order samples ingestion failed attempts due to out of order being disabled.',
    ['type'],
  ),
  gauge('prometheus_sd_discovered_targets', 'Current number of discovered targets.', ['config']),
  gauge('prometheus_sd_failed_configs', 'Current number of service discovery configurations that failed to load.'),
  counter(
    'prometheus_sd_refresh_failures_total',
    'Number of refresh failures for the given SD mechanism.',
    ['mechanism', 'config'],
  ),
  gauge('prometheus_engine_queries', 'The current number of queries being executed or waiting.'),
  gauge('prometheus_engine_queries_concurrent_max', 'The max number of concurrent queries.'),
  summary(
    'prometheus_engine_query_duration_seconds',
    'Query timings',
    ['slice'],
    { values: { slice: ['inner_eval', 'prepare_time', 'queue_time', 'result_sort'] } },
  ),
  counter('prometheus_engine_query_log_failures_total', 'The number of query log failures.'),
  counter('prometheus_http_requests_total', 'Counter of HTTP requests.', ['handler', 'code']),
  histogram('prometheus_http_request_duration_seconds', 'Histogram of latencies for HTTP requests.', ['handler']),
  histogram('prometheus_http_response_size_bytes', 'Histogram of response size for HTTP requests.', ['handler']),
  info(
    'prometheus_build_info',
    'A metric with a constant \'1\' value labeled by version, revision, branch, goversion from which prometheus was built, and the goos and goarch for the build.',
    ['version', 'revision', 'branch', 'goversion', 'goos', 'goarch', 'tags'],
  ),
];

/** Alertmanager's own metrics. */
const alertmanagerMetrics: readonly MetricDef[] = [
  counter(
    'alertmanager_notifications_total',
    'The total number of attempted notifications. (receiver_name with --enable-feature=receiver-name-in-metrics)',
    ['integration', 'receiver_name'],
  ),
  counter(
    'alertmanager_notifications_failed_total',
    'The total number of failed notifications. (receiver_name with --enable-feature=receiver-name-in-metrics)',
    ['integration', 'receiver_name', 'reason'],
    { values: { reason: ['other', 'clientError', 'serverError', 'contextCanceled', 'contextDeadlineExceeded'] } },
  ),
  counter(
    'alertmanager_notification_requests_total',
    'The total number of attempted notification requests. (receiver_name with --enable-feature=receiver-name-in-metrics)',
    ['integration', 'receiver_name'],
  ),
  counter(
    'alertmanager_notification_requests_failed_total',
    'The total number of failed notification requests. (receiver_name with --enable-feature=receiver-name-in-metrics)',
    ['integration', 'receiver_name'],
  ),
  histogram(
    'alertmanager_notification_latency_seconds',
    'The latency of notifications in seconds. (receiver_name with --enable-feature=receiver-name-in-metrics)',
    ['integration', 'receiver_name'],
  ),
  counter(
    'alertmanager_notifications_suppressed_total',
    'The total number of notifications suppressed for being silenced, inhibited, outside of active time intervals or within muted time intervals.',
    ['reason'],
  ),
  gauge('alertmanager_config_last_reload_successful', 'Whether the last configuration reload attempt was successful.'),
  gauge(
    'alertmanager_config_last_reload_success_timestamp_seconds',
    'Timestamp of the last successful configuration reload.',
  ),
  gauge(
    'alertmanager_config_hash',
    'Hash of the currently loaded alertmanager configuration. Note that this is not a cryptographically strong hash.',
  ),
  gauge(
    'alertmanager_alerts',
    'How many alerts by state (group_key with --enable-feature=group-key-in-metrics).',
    ['state', 'group_key'],
    { values: { state: ['active', 'suppressed', 'unprocessed'] } },
  ),
  counter(
    'alertmanager_alerts_received_total',
    'The total number of received alerts.',
    ['status', 'version'],
    { values: { status: ['firing', 'resolved'] } },
  ),
  counter('alertmanager_alerts_invalid_total', 'The total number of received alerts that were invalid.'),
  gauge(
    'alertmanager_silences',
    'How many silences by state.',
    ['state'],
    { values: { state: ['active', 'pending', 'expired'] } },
  ),
  gauge('alertmanager_cluster_members', 'Number indicating current number of members in cluster.'),
  gauge('alertmanager_cluster_failed_peers', 'Number indicating the current number of failed peers in the cluster.'),
  gauge(
    'alertmanager_cluster_health_score',
    'Health score of the cluster. Lower values are better and zero means \'totally healthy\'.',
  ),
  gauge('alertmanager_cluster_enabled', 'Indicates whether the clustering is enabled or not.'),
  info(
    'alertmanager_build_info',
    'A metric with a constant \'1\' value labeled by version, revision, branch, goversion from which alertmanager was built, and the goos and goarch for the build.',
    ['version', 'revision', 'branch', 'goversion', 'goos', 'goarch', 'tags'],
  ),
  counter('alertmanager_alerts_limited_total', 'Total number of alerts that were dropped due to per alert name limit'),
  gauge('alertmanager_alerts_per_alert_limit', 'Current limit on number of alerts per alert name'),
  counter(
    'alertmanager_alerts_subscriber_channel_writes_total',
    'Number of times alerts were written to subscriber channels',
    ['subscriber'],
  ),
  counter('alertmanager_cluster_alive_messages_total', 'Total number of received alive messages.', ['peer']),
  counter('alertmanager_cluster_messages_pruned_total', 'Total number of cluster messages pruned.'),
  gauge('alertmanager_cluster_messages_queued', 'Number of cluster messages which are queued.'),
  counter(
    'alertmanager_cluster_messages_received_size_total',
    'Total size of cluster messages received.',
    ['msg_type'],
  ),
  counter('alertmanager_cluster_messages_received_total', 'Total number of cluster messages received.', ['msg_type']),
  counter('alertmanager_cluster_messages_sent_size_total', 'Total size of cluster messages sent.', ['msg_type']),
  counter('alertmanager_cluster_messages_sent_total', 'Total number of cluster messages sent.', ['msg_type']),
  info('alertmanager_cluster_peer_info', 'A metric with a constant \'1\' value labeled by peer name.', ['peer']),
  counter(
    'alertmanager_cluster_peer_name_conflicts_total',
    'Total number of times memberlist has noticed conflicting peer names',
  ),
  counter('alertmanager_cluster_peers_joined_total', 'A counter of the number of peers that have joined.'),
  counter('alertmanager_cluster_peers_left_total', 'A counter of the number of peers that have left.'),
  counter('alertmanager_cluster_peers_update_total', 'A counter of the number of peers that have updated metadata.'),
  histogram('alertmanager_cluster_pings_seconds', 'Histogram of latencies for ping messages.', ['peer']),
  counter(
    'alertmanager_cluster_reconnections_failed_total',
    'A counter of the number of failed cluster peer reconnection attempts.',
  ),
  counter('alertmanager_cluster_reconnections_total', 'A counter of the number of cluster peer reconnections.'),
  counter(
    'alertmanager_cluster_refresh_join_failed_total',
    'A counter of the number of failed cluster peer joined attempts via refresh.',
  ),
  counter('alertmanager_cluster_refresh_join_total', 'A counter of the number of cluster peer joined via refresh.'),
  counter(
    'alertmanager_dispatcher_aggregation_group_creation_given_up_total',
    'Number of alerts dropped because aggregation group creation exceeded the retry limit.',
  ),
  counter(
    'alertmanager_dispatcher_aggregation_group_creation_retries_total',
    'Number of CAS retries while creating aggregation groups under contention.',
  ),
  counter(
    'alertmanager_dispatcher_aggregation_group_limit_reached_total',
    'Number of times when dispatcher failed to create new aggregation group due to limit.',
  ),
  gauge('alertmanager_dispatcher_aggregation_groups', 'Number of active aggregation groups'),
  summary(
    'alertmanager_dispatcher_alert_processing_duration_seconds',
    'Summary of latencies for the processing of alerts.',
  ),
  counter(
    'alertmanager_event_kafka_produce_errors_total',
    'The total number of Kafka produce attempts that failed.',
    ['output', 'error_type'],
  ),
  counter(
    'alertmanager_event_output_drops_total',
    'The total number of events dropped by an output due to a full local buffer.',
    ['output'],
  ),
  counter(
    'alertmanager_event_recorder_bytes_written_total',
    'The total number of bytes written to the event recorder.',
    ['event_type', 'output'],
  ),
  gauge(
    'alertmanager_event_recorder_queue_length',
    'Current number of events waiting in the event recorder write queue.',
  ),
  counter(
    'alertmanager_event_serialize_errors_total',
    'The total number of events that failed to serialize.',
    ['event_type'],
  ),
  counter(
    'alertmanager_events_dropped_total',
    'The total number of events dropped due to a full queue.',
    ['event_type'],
  ),
  counter(
    'alertmanager_events_recorded_total',
    'The total number of events recorded by the event recorder.',
    ['event_type', 'output', 'result'],
  ),
  counter(
    'alertmanager_http_concurrency_limit_exceeded_total',
    'Total number of times an HTTP request failed because the concurrency limit was reached.',
  ),
  histogram(
    'alertmanager_http_request_duration_seconds',
    'Histogram of latencies for HTTP requests.',
    ['handler', 'method', 'code'],
  ),
  gauge('alertmanager_http_requests_in_flight', 'Current number of HTTP requests being processed.'),
  histogram(
    'alertmanager_http_response_size_bytes',
    'Histogram of response size for HTTP requests.',
    ['handler', 'method'],
  ),
  gauge('alertmanager_inhibition_rules', 'Number of configured inhibition rules.'),
  gauge('alertmanager_integrations', 'Number of configured integrations.'),
  summary('alertmanager_nflog_gc_duration_seconds', 'Duration of the last notification log garbage collection cycle.'),
  counter(
    'alertmanager_nflog_gossip_messages_propagated_total',
    'Number of received gossip messages that have been further gossiped.',
  ),
  counter(
    'alertmanager_nflog_maintenance_errors_total',
    'How many maintenances were executed for the notification log that failed.',
  ),
  counter('alertmanager_nflog_maintenance_total', 'How many maintenances were executed for the notification log.'),
  counter('alertmanager_nflog_queries_total', 'Number of notification log queries were received.'),
  histogram('alertmanager_nflog_query_duration_seconds', 'Duration of notification log query evaluation.'),
  counter('alertmanager_nflog_query_errors_total', 'Number notification log received queries that failed.'),
  summary('alertmanager_nflog_snapshot_duration_seconds', 'Duration of the last notification log snapshot.'),
  gauge('alertmanager_nflog_snapshot_size_bytes', 'Size of the last notification log snapshot in bytes.'),
  histogram('alertmanager_oversize_gossip_message_duration_seconds', 'Duration of oversized gossip message requests.'),
  counter(
    'alertmanager_oversized_gossip_message_dropped_total',
    'Number of oversized gossip messages that were dropped due to a full message queue.',
  ),
  counter(
    'alertmanager_oversized_gossip_message_failure_total',
    'Number of oversized gossip message sends that failed.',
  ),
  counter('alertmanager_oversized_gossip_message_sent_total', 'Number of oversized gossip message sent.'),
  gauge(
    'alertmanager_peer_position',
    'Position the Alertmanager instance believes it\'s in. The position determines a peer\'s behavior in the cluster.',
  ),
  gauge('alertmanager_receivers', 'Number of configured receivers.'),
  summary('alertmanager_silences_gc_duration_seconds', 'Duration of the last silence garbage collection cycle.'),
  counter('alertmanager_silences_gc_errors_total', 'How many silence GC errors were encountered.'),
  counter(
    'alertmanager_silences_gossip_messages_propagated_total',
    'Number of received gossip messages that have been further gossiped.',
  ),
  counter(
    'alertmanager_silences_maintenance_errors_total',
    'How many maintenances were executed for silences that failed.',
  ),
  counter('alertmanager_silences_maintenance_total', 'How many maintenances were executed for silences.'),
  counter(
    'alertmanager_silences_matcher_compile_errors_total',
    'How many silence matcher compilations failed.',
    ['stage'],
  ),
  gauge('alertmanager_silences_matcher_index_size', 'The number of entries in the matcher cache index.'),
  counter('alertmanager_silences_queries_total', 'How many silence queries were received.'),
  histogram('alertmanager_silences_query_duration_seconds', 'Duration of silence query evaluation.'),
  counter('alertmanager_silences_query_errors_total', 'How many silence received queries did not succeed.'),
  counter(
    'alertmanager_silences_query_silences_scanned_total',
    'How many silences were scanned during query evaluation.',
  ),
  counter(
    'alertmanager_silences_query_silences_skipped_total',
    'How many silences were skipped during query evaluation using the version index.',
  ),
  summary('alertmanager_silences_snapshot_duration_seconds', 'Duration of the last silence snapshot.'),
  gauge('alertmanager_silences_snapshot_size_bytes', 'Size of the last silence snapshot in bytes.'),
  gauge('alertmanager_silences_state_size', 'The number of silences in the state map.'),
  gauge('alertmanager_silences_version_index_size', 'The number of entries in the version index.'),
  counter(
    'alertmanager_tls_transport_packet_bytes_received_total',
    'The number of packet bytes received from incoming connections (excluding internal metadata).',
  ),
  counter(
    'alertmanager_tls_transport_packet_bytes_sent_total',
    'The number of packet bytes sent to outgoing connections (excluding internal metadata).',
  ),
  counter(
    'alertmanager_tls_transport_read_errors_total',
    'The number of errors encountered while reading from incoming connections.',
  ),
  counter('alertmanager_tls_transport_stream_connections_received_total', 'The number of stream connections received.'),
  counter('alertmanager_tls_transport_stream_connections_sent_total', 'The number of stream connections sent.'),
  counter(
    'alertmanager_tls_transport_write_errors_total',
    'The number of errors encountered while writing to outgoing connections.',
    ['connection_type'],
  ),
];

export const prometheusCatalog: MetricCatalog = metricCatalog({
  name: 'prometheus',
  source: 'https://github.com/prometheus/prometheus',
  namespaces: [
    ...scrapeSeries.map((m) => m.name),
    ...alertSeries.map((m) => m.name),
    'prometheus_rule_',
    'prometheus_notifications_',
    'prometheus_config_',
    'prometheus_target_',
    ...otherPrometheusMetrics.map((m) => m.name),
  ],
  metrics: [
    ...scrapeSeries,
    ...alertSeries,
    ...ruleMetrics,
    ...notificationMetrics,
    ...configMetrics,
    ...targetMetrics,
    ...otherPrometheusMetrics,
  ],
});

export const alertmanagerCatalog: MetricCatalog = metricCatalog({
  name: 'alertmanager',
  source: 'https://github.com/prometheus/alertmanager',
  namespaces: ['alertmanager_'],
  metrics: alertmanagerMetrics,
});
