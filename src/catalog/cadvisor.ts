/**
 * google/cadvisor: https://github.com/google/cadvisor (lib/metrics/prometheus.go, prometheus_machine.go and
 * their testdata). In this project: job `cadvisor` (port 8083), reading the podman containers of the NixOS
 * oci-containers services.
 *
 * Container series carry `id` (the cgroup path), `name` (the container name, absent for plain cgroups such as
 * systemd slices and services: select `name!=""` for real containers) and `image`. cAdvisor also turns every
 * container label into a `container_label_<label>` label, and the environment variables matched by
 * --env_metadata_whitelist (containerd and docker only) into `container_env_<variable>` labels; their names
 * depend on the containers, so they are not listed (--store_container_labels=false with
 * --whitelisted_container_labels limits the label ones).
 *
 * Many series only appear when their metric group is enabled (--enable_metrics / --disable_metrics: cpu,
 * memory, network, tcp, udp, disk, diskIO, process, hugetlb, perf_event, resctrl, cpuset, oom_event,
 * advtcp, pressure, ...) and the runtime provides the data; container_memory_failcnt and
 * container_hugetlb_failcnt are counters named without `_total`.
 */
import { counter, gauge, info } from './define.js';
import { metricCatalog, type MetricCatalog, type MetricDef } from './types.js';

const containerMetrics: readonly MetricDef[] = [
  counter(
    'container_blkio_device_usage_total',
    'Blkio Device bytes usage',
    ['id', 'image', 'name', 'device', 'major', 'minor', 'operation'],
    { values: { operation: ['Async', 'Discard', 'Read', 'Sync', 'Total', 'Write'] } },
  ),
  counter('container_cpu_cfs_burst_periods_total', 'Number of periods when burst occurs.', ['id', 'image', 'name']),
  counter(
    'container_cpu_cfs_burst_seconds_total',
    'Total time duration the container has been bursted.',
    ['id', 'image', 'name'],
  ),
  counter(
    'container_cpu_cfs_periods_total',
    'Number of elapsed enforcement period intervals.',
    ['id', 'image', 'name'],
  ),
  counter(
    'container_cpu_cfs_throttled_periods_total',
    'Number of throttled period intervals.',
    ['id', 'image', 'name'],
  ),
  counter(
    'container_cpu_cfs_throttled_seconds_total',
    'Total time duration the container has been throttled.',
    ['id', 'image', 'name'],
  ),
  gauge(
    'container_cpu_load_average_10s',
    'Value of container cpu load average over the last 10 seconds.',
    ['id', 'image', 'name'],
  ),
  gauge(
    'container_cpu_load_d_average_10s',
    'Value of container cpu load.d average over the last 10 seconds.',
    ['id', 'image', 'name'],
  ),
  counter(
    'container_cpu_schedstat_run_periods_total',
    'Number of times processes of the cgroup have run on the cpu',
    ['id', 'image', 'name'],
  ),
  counter(
    'container_cpu_schedstat_run_seconds_total',
    'Time duration the processes of the container have run on the CPU.',
    ['id', 'image', 'name'],
  ),
  counter(
    'container_cpu_schedstat_runqueue_seconds_total',
    'Time duration processes of the container have been waiting on a runqueue.',
    ['id', 'image', 'name'],
  ),
  counter(
    'container_cpu_system_seconds_total',
    'Cumulative system cpu time consumed in seconds.',
    ['id', 'image', 'name'],
  ),
  counter(
    'container_cpu_usage_seconds_total',
    'Cumulative cpu time consumed in seconds. (cpu="total" unless per-CPU usage is enabled: --enable_metrics=percpu)',
    ['id', 'image', 'name', 'cpu'],
  ),
  counter('container_cpu_user_seconds_total', 'Cumulative user cpu time consumed in seconds.', ['id', 'image', 'name']),
  gauge(
    'container_creation_time_seconds',
    'Container creation time since unix epoch in seconds.',
    ['id', 'image', 'name'],
  ),
  gauge('container_file_descriptors', 'Number of open file descriptors for the container.', ['id', 'image', 'name']),
  gauge('container_fs_inodes_free', 'Number of available Inodes', ['id', 'image', 'name', 'device']),
  gauge('container_fs_inodes_total', 'Number of Inodes', ['id', 'image', 'name', 'device']),
  counter(
    'container_fs_io_cost_indebt_seconds_total',
    'Cumulative IOCost debt in seconds',
    ['id', 'image', 'name', 'device'],
  ),
  counter(
    'container_fs_io_cost_indelay_seconds_total',
    'Cumulative IOCost delay in seconds',
    ['id', 'image', 'name', 'device'],
  ),
  counter(
    'container_fs_io_cost_usage_seconds_total',
    'Cumulative IOCost usage in seconds',
    ['id', 'image', 'name', 'device'],
  ),
  counter(
    'container_fs_io_cost_wait_seconds_total',
    'Cumulative IOCost wait in seconds',
    ['id', 'image', 'name', 'device'],
  ),
  gauge('container_fs_io_current', 'Number of I/Os currently in progress', ['id', 'image', 'name', 'device']),
  counter(
    'container_fs_io_time_seconds_total',
    'Cumulative count of seconds spent doing I/Os',
    ['id', 'image', 'name', 'device'],
  ),
  counter(
    'container_fs_io_time_weighted_seconds_total',
    'Cumulative weighted I/O time in seconds',
    ['id', 'image', 'name', 'device'],
  ),
  gauge(
    'container_fs_limit_bytes',
    'Number of bytes that can be consumed by the container on this filesystem.',
    ['id', 'image', 'name', 'device'],
  ),
  counter(
    'container_fs_read_seconds_total',
    'Cumulative count of seconds spent reading',
    ['id', 'image', 'name', 'device'],
  ),
  counter('container_fs_reads_bytes_total', 'Cumulative count of bytes read', ['id', 'image', 'name', 'device']),
  counter('container_fs_reads_merged_total', 'Cumulative count of reads merged', ['id', 'image', 'name', 'device']),
  counter('container_fs_reads_total', 'Cumulative count of reads completed', ['id', 'image', 'name', 'device']),
  counter(
    'container_fs_sector_reads_total',
    'Cumulative count of sector reads completed',
    ['id', 'image', 'name', 'device'],
  ),
  counter(
    'container_fs_sector_writes_total',
    'Cumulative count of sector writes completed',
    ['id', 'image', 'name', 'device'],
  ),
  gauge(
    'container_fs_usage_bytes',
    'Number of bytes that are consumed by the container on this filesystem.',
    ['id', 'image', 'name', 'device'],
  ),
  counter(
    'container_fs_write_seconds_total',
    'Cumulative count of seconds spent writing',
    ['id', 'image', 'name', 'device'],
  ),
  counter('container_fs_writes_bytes_total', 'Cumulative count of bytes written', ['id', 'image', 'name', 'device']),
  counter('container_fs_writes_merged_total', 'Cumulative count of writes merged', ['id', 'image', 'name', 'device']),
  counter('container_fs_writes_total', 'Cumulative count of writes completed', ['id', 'image', 'name', 'device']),
  gauge('container_health_state', 'The result of the container\'s health check', ['id', 'image', 'name']),
  counter('container_hugetlb_failcnt', 'Number of hugepage usage hits limits', ['id', 'image', 'name', 'pagesize']),
  gauge(
    'container_hugetlb_max_usage_bytes',
    'Maximum hugepage usage recorded in bytes',
    ['id', 'image', 'name', 'pagesize'],
  ),
  gauge('container_hugetlb_usage_bytes', 'Current hugepage usage in bytes', ['id', 'image', 'name', 'pagesize']),
  gauge('container_last_seen', 'Last time a container was seen by the exporter', ['id', 'image', 'name']),
  gauge(
    'container_llc_occupancy_bytes',
    'Last level cache usage statistics for container counted with RDT Memory Bandwidth Monitoring (MBM).',
    ['id', 'image', 'name', 'node_id'],
  ),
  gauge(
    'container_memory_bandwidth_bytes',
    'Total memory bandwidth usage statistics for container counted with RDT Memory Bandwidth Monitoring (MBM).',
    ['id', 'image', 'name', 'node_id'],
  ),
  gauge(
    'container_memory_bandwidth_local_bytes',
    'Local memory bandwidth usage statistics for container counted with RDT Memory Bandwidth Monitoring (MBM).',
    ['id', 'image', 'name', 'node_id'],
  ),
  gauge('container_memory_cache', 'Number of bytes of page cache memory.', ['id', 'image', 'name']),
  counter(
    'container_memory_events_high_total',
    'Cumulative count of memory.high throttle events for the container',
    ['id', 'image', 'name'],
  ),
  counter(
    'container_memory_events_max_total',
    'Cumulative count of memory.max limit hit events for the container',
    ['id', 'image', 'name'],
  ),
  counter('container_memory_failcnt', 'Number of memory usage hits limits', ['id', 'image', 'name']),
  counter(
    'container_memory_failures_total',
    'Cumulative count of memory allocation failures.',
    ['id', 'image', 'name', 'failure_type', 'scope'],
    { values: { failure_type: ['pgfault', 'pgmajfault'], scope: ['container', 'hierarchy'] } },
  ),
  gauge(
    'container_memory_file_dirty_bytes',
    'Number of bytes of file cache that has been modified but not yet written back to disk.',
    ['id', 'image', 'name'],
  ),
  gauge(
    'container_memory_file_writeback_bytes',
    'Number of bytes of file cache that is currently being written back to disk.',
    ['id', 'image', 'name'],
  ),
  gauge('container_memory_kernel_usage', 'Size of kernel memory allocated in bytes.', ['id', 'image', 'name']),
  gauge('container_memory_mapped_file', 'Size of memory mapped files in bytes.', ['id', 'image', 'name']),
  gauge('container_memory_max_usage_bytes', 'Maximum memory usage recorded in bytes', ['id', 'image', 'name']),
  gauge('container_memory_migrate', 'Memory migrate status.', ['id', 'image', 'name']),
  gauge(
    'container_memory_numa_pages',
    'Number of used pages per NUMA node',
    ['id', 'image', 'name', 'node', 'scope', 'type'],
    { values: { scope: ['container', 'hierarchy'], type: ['anon', 'file', 'unevictable'] } },
  ),
  counter(
    'container_memory_pgscan_total',
    'Cumulative number of pages scanned by the page reclaim algorithm.',
    ['id', 'image', 'name'],
  ),
  counter(
    'container_memory_pgsteal_total',
    'Cumulative number of pages reclaimed by the page reclaim algorithm.',
    ['id', 'image', 'name'],
  ),
  gauge('container_memory_rss', 'Size of RSS in bytes.', ['id', 'image', 'name']),
  gauge('container_memory_swap', 'Container swap usage in bytes.', ['id', 'image', 'name']),
  gauge('container_memory_total_active_file_bytes', 'Current total active file in bytes.', ['id', 'image', 'name']),
  gauge('container_memory_total_inactive_file_bytes', 'Current total inactive file in bytes.', ['id', 'image', 'name']),
  gauge(
    'container_memory_usage_bytes',
    'Current memory usage in bytes, including all memory regardless of when it was accessed',
    ['id', 'image', 'name'],
  ),
  gauge('container_memory_working_set_bytes', 'Current working set in bytes.', ['id', 'image', 'name']),
  counter(
    'container_memory_workingset_refault_anon_total',
    'Cumulative number of refaults of previously evicted anonymous pages.',
    ['id', 'image', 'name'],
  ),
  counter(
    'container_memory_workingset_refault_file_total',
    'Cumulative number of refaults of previously evicted file pages.',
    ['id', 'image', 'name'],
  ),
  gauge(
    'container_network_advance_tcp_stats_total',
    'advance tcp connections statistic for container',
    ['id', 'image', 'name', 'tcp_state'],
  ),
  counter(
    'container_network_receive_bytes_total',
    'Cumulative count of bytes received',
    ['id', 'image', 'name', 'interface'],
  ),
  counter(
    'container_network_receive_errors_total',
    'Cumulative count of errors encountered while receiving',
    ['id', 'image', 'name', 'interface'],
  ),
  counter(
    'container_network_receive_packets_dropped_total',
    'Cumulative count of packets dropped while receiving',
    ['id', 'image', 'name', 'interface'],
  ),
  counter(
    'container_network_receive_packets_total',
    'Cumulative count of packets received',
    ['id', 'image', 'name', 'interface'],
  ),
  gauge(
    'container_network_tcp6_usage_total',
    'tcp6 connection usage statistic for container',
    ['id', 'image', 'name', 'tcp_state'],
    { values: { tcp_state: ['close', 'closewait', 'closing', 'established', 'finwait1', 'finwait2', 'lastack', 'listen', 'synrecv', 'synsent', 'timewait'] } },
  ),
  gauge(
    'container_network_tcp_usage_total',
    'tcp connection usage statistic for container',
    ['id', 'image', 'name', 'tcp_state'],
    { values: { tcp_state: ['close', 'closewait', 'closing', 'established', 'finwait1', 'finwait2', 'lastack', 'listen', 'synrecv', 'synsent', 'timewait'] } },
  ),
  counter(
    'container_network_transmit_bytes_total',
    'Cumulative count of bytes transmitted',
    ['id', 'image', 'name', 'interface'],
  ),
  counter(
    'container_network_transmit_errors_total',
    'Cumulative count of errors encountered while transmitting',
    ['id', 'image', 'name', 'interface'],
  ),
  counter(
    'container_network_transmit_packets_dropped_total',
    'Cumulative count of packets dropped while transmitting',
    ['id', 'image', 'name', 'interface'],
  ),
  counter(
    'container_network_transmit_packets_total',
    'Cumulative count of packets transmitted',
    ['id', 'image', 'name', 'interface'],
  ),
  gauge(
    'container_network_udp6_usage_total',
    'udp6 connection usage statistic for container',
    ['id', 'image', 'name', 'udp_state'],
    { values: { udp_state: ['dropped', 'listen', 'rxqueued', 'txqueued'] } },
  ),
  gauge(
    'container_network_udp_usage_total',
    'udp connection usage statistic for container',
    ['id', 'image', 'name', 'udp_state'],
    { values: { udp_state: ['dropped', 'listen', 'rxqueued', 'txqueued'] } },
  ),
  counter(
    'container_oom_events_total',
    'Count of out of memory events observed for the container',
    ['id', 'image', 'name'],
  ),
  gauge(
    'container_perf_events_scaling_ratio',
    'Perf event metric scaling ratio.',
    ['id', 'image', 'name', 'cpu', 'event'],
  ),
  counter('container_perf_events_total', 'Perf event metric.', ['id', 'image', 'name', 'cpu', 'event']),
  gauge(
    'container_perf_uncore_events_scaling_ratio',
    'Perf uncore event metric scaling ratio.',
    ['id', 'image', 'name', 'event', 'pmu', 'socket'],
  ),
  counter(
    'container_perf_uncore_events_total',
    'Perf uncore event metric.',
    ['id', 'image', 'name', 'event', 'pmu', 'socket'],
  ),
  counter(
    'container_pressure_cpu_stalled_seconds_total',
    'Total time duration no tasks in the container could make progress due to CPU congestion.',
    ['id', 'image', 'name'],
  ),
  counter(
    'container_pressure_cpu_waiting_seconds_total',
    'Total time duration tasks in the container have waited due to CPU congestion.',
    ['id', 'image', 'name'],
  ),
  counter(
    'container_pressure_io_stalled_seconds_total',
    'Total time duration no tasks in the container could make progress due to IO congestion.',
    ['id', 'image', 'name'],
  ),
  counter(
    'container_pressure_io_waiting_seconds_total',
    'Total time duration tasks in the container have waited due to IO congestion.',
    ['id', 'image', 'name'],
  ),
  counter(
    'container_pressure_memory_stalled_seconds_total',
    'Total time duration no tasks in the container could make progress due to memory congestion.',
    ['id', 'image', 'name'],
  ),
  counter(
    'container_pressure_memory_waiting_seconds_total',
    'Total time duration tasks in the container have waited due to memory congestion.',
    ['id', 'image', 'name'],
  ),
  gauge('container_processes', 'Number of processes running inside the container.', ['id', 'image', 'name']),
  gauge(
    'container_referenced_bytes',
    'Container referenced bytes during last measurements cycle',
    ['id', 'image', 'name'],
  ),
  gauge('container_scrape_error', '1 if there was an error while getting container metrics, 0 otherwise'),
  gauge('container_sockets', 'Number of open sockets for the container.', ['id', 'image', 'name']),
  gauge('container_spec_cpu_period', 'CPU period of the container.', ['id', 'image', 'name']),
  gauge('container_spec_cpu_quota', 'CPU quota of the container.', ['id', 'image', 'name']),
  gauge('container_spec_cpu_shares', 'CPU share of the container.', ['id', 'image', 'name']),
  gauge('container_spec_memory_limit_bytes', 'Memory limit for the container.', ['id', 'image', 'name']),
  gauge(
    'container_spec_memory_reservation_limit_bytes',
    'Memory reservation limit for the container.',
    ['id', 'image', 'name'],
  ),
  gauge('container_spec_memory_swap_limit_bytes', 'Memory swap limit for the container.', ['id', 'image', 'name']),
  gauge(
    'container_start_time_seconds',
    'Start time of the container since unix epoch in seconds.',
    ['id', 'image', 'name'],
  ),
  gauge(
    'container_tasks_state',
    'Number of tasks in given state',
    ['id', 'image', 'name', 'state'],
    { values: { state: ['iowaiting', 'running', 'sleeping', 'stopped', 'uninterruptible'] } },
  ),
  gauge('container_threads', 'Number of threads running inside the container', ['id', 'image', 'name']),
  gauge(
    'container_threads_max',
    'Maximum number of threads allowed inside the container, infinity if value is zero',
    ['id', 'image', 'name'],
  ),
  gauge(
    'container_ulimits_soft',
    'Soft ulimit values for the container root process. Unlimited if -1, except priority and nice',
    ['id', 'image', 'name', 'ulimit'],
  ),
];

/** Host metrics, labelled with the machine's identity (boot_id, machine_id, system_uuid). */
const machineMetrics: readonly MetricDef[] = [
  gauge('machine_cpu_books', 'Number of CPU books.', ['boot_id', 'machine_id', 'system_uuid']),
  gauge(
    'machine_cpu_cache_capacity_bytes',
    'Cache size in bytes assigned to NUMA node and CPU core.',
    ['boot_id', 'machine_id', 'system_uuid', 'core_id', 'level', 'node_id', 'type'],
  ),
  gauge('machine_cpu_cores', 'Number of logical CPU cores.', ['boot_id', 'machine_id', 'system_uuid']),
  gauge('machine_cpu_drawers', 'Number of CPU drawers.', ['boot_id', 'machine_id', 'system_uuid']),
  gauge('machine_cpu_physical_cores', 'Number of physical CPU cores.', ['boot_id', 'machine_id', 'system_uuid']),
  gauge('machine_cpu_sockets', 'Number of CPU sockets.', ['boot_id', 'machine_id', 'system_uuid']),
  gauge(
    'machine_dimm_capacity_bytes',
    'Total RAM DIMM capacity (all types memory modules) value labeled by dimm type.',
    ['boot_id', 'machine_id', 'system_uuid', 'type'],
  ),
  gauge(
    'machine_dimm_count',
    'Number of RAM DIMM (all types memory modules) value labeled by dimm type.',
    ['boot_id', 'machine_id', 'system_uuid', 'type'],
  ),
  gauge('machine_memory_bytes', 'Amount of memory installed on the machine.', ['boot_id', 'machine_id', 'system_uuid']),
  gauge(
    'machine_node_distance',
    'Distance between NUMA node and target NUMA node.',
    ['boot_id', 'machine_id', 'system_uuid', 'node_id', 'target_node_id'],
  ),
  gauge(
    'machine_node_hugepages_count',
    'Numer of hugepages assigned to NUMA node.',
    ['boot_id', 'machine_id', 'system_uuid', 'node_id', 'page_size'],
  ),
  gauge(
    'machine_node_memory_capacity_bytes',
    'Amount of memory assigned to NUMA node.',
    ['boot_id', 'machine_id', 'system_uuid', 'node_id'],
  ),
  gauge('machine_nvm_avg_power_budget_watts', 'NVM power budget.', ['boot_id', 'machine_id', 'system_uuid']),
  gauge(
    'machine_nvm_capacity',
    'NVM capacity value labeled by NVM mode (memory mode or app direct mode).',
    ['boot_id', 'machine_id', 'system_uuid', 'mode'],
  ),
  gauge('machine_scrape_error', '1 if there was an error while getting machine metrics, 0 otherwise.'),
  gauge(
    'machine_swap_bytes',
    'Amount of swap memory available on the machine.',
    ['boot_id', 'machine_id', 'system_uuid'],
  ),
  gauge(
    'machine_thread_siblings_count',
    'Number of CPU thread siblings.',
    ['boot_id', 'machine_id', 'system_uuid', 'core_id', 'node_id', 'thread_id'],
  ),
];

export const cadvisorCatalog: MetricCatalog = metricCatalog({
  name: 'cadvisor',
  source: 'https://github.com/google/cadvisor',
  namespaces: ['container_', 'machine_', 'cadvisor_version_info'],
  jobs: ['cadvisor'],
  metrics: [
    ...containerMetrics,
    ...machineMetrics,
    info(
      'cadvisor_version_info',
      'A metric with a constant \'1\' value labeled by kernel version, OS version, docker version, cadvisor version & cadvisor revision.',
      ['kernelVersion', 'osVersion', 'dockerVersion', 'cadvisorVersion', 'cadvisorRevision'],
    ),
  ],
});
