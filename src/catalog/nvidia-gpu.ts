/**
 * utkuozdemir/nvidia_gpu_exporter: https://github.com/utkuozdemir/nvidia_gpu_exporter
 * In this project: job `nvidia-gpu`, port 9445.
 *
 * The exporter runs `nvidia-smi --query-gpu=...` (or NVML with the nvml backend) and turns each query field
 * into a gauge named after it: `nvidia_smi_` + the field with dots as underscores, camelCase in snake_case,
 * and the unit nvidia-smi reports converted to a base unit and a suffix ([MiB] -> `_bytes`, [MHz] ->
 * `_clock_hz`, [%] -> `_ratio` (0-1), [W] -> `_watts`, [us]/[ms] -> `_seconds`). Every per-GPU series is
 * labelled with the GPU's `uuid` only; `nvidia_smi_gpu_info` (constant 1) carries the identity (name, driver
 * version, ...) to join on `uuid`. Fields are auto-discovered (`--query-field-names=AUTO`), so which series
 * exist depends on the GPU and driver: the fields listed are those of the exporter's captures of real GPUs
 * (GeForce RTX 2080/4080 SUPER, L40S, H100, H200; Linux and Windows) plus older query fields
 * (clocks_throttle_reasons.*, clocks.applications.*, retired_pages.*, ...) that older drivers return.
 *
 * NOT this exporter: `nvidia_gpu_*` names (nvidia_gpu_temperature_celsius, nvidia_gpu_memory_used_bytes,
 * nvidia_gpu_duty_cycle, ...) come from mindprince/nvidia_gpu_prometheus_exporter, and `DCGM_FI_*` from
 * NVIDIA's dcgm-exporter; rules written for them never match here.
 */
import { counter, gauge, info } from './define.js';
import { metricCatalog, type MetricCatalog, type MetricDef } from './types.js';

/** The commonly used query fields, and the GPU identity. */
const core: readonly MetricDef[] = [
  gauge('nvidia_smi_temperature_gpu', 'temperature.gpu (GPU core temperature in degrees Celsius)', ['uuid']),
  gauge('nvidia_smi_memory_used_bytes', 'memory.used [MiB] (Memory used on the GPU, in bytes)', ['uuid']),
  gauge('nvidia_smi_memory_total_bytes', 'memory.total [MiB] (Total memory of the GPU, in bytes)', ['uuid']),
  gauge('nvidia_smi_memory_free_bytes', 'memory.free [MiB] (Free memory on the GPU, in bytes)', ['uuid']),
  gauge(
    'nvidia_smi_utilization_gpu_ratio',
    'utilization.gpu [%] (Fraction of the last sample period in which a kernel ran on the GPU (0-1))',
    ['uuid'],
  ),
  gauge(
    'nvidia_smi_utilization_memory_ratio',
    'utilization.memory [%] (Fraction of the last sample period in which memory was read or written (0-1))',
    ['uuid'],
  ),
  gauge('nvidia_smi_power_draw_watts', 'power.draw [W] (Power drawn by the whole board, in watts)', ['uuid']),
  gauge(
    'nvidia_smi_fan_speed_ratio',
    'fan.speed [%] (Intended fan speed as a fraction of the maximum (0-1))',
    ['uuid'],
  ),
  gauge('nvidia_smi_pstate', 'pstate (Performance state, 0 (P0, maximum performance) to 15 (P15, minimum))', ['uuid']),
  info(
    'nvidia_smi_gpu_info',
    'A metric with a constant \'1\' value labeled by gpu uuid, name, driver_model_current, driver_model_pending, vbios_version, driver_version, pci_bus_id, serial, compute_cap, pci_sub_device_id, index, cuda_version.',
    [
      'uuid',
      'compute_cap',
      'cuda_version',
      'driver_model_current',
      'driver_model_pending',
      'driver_version',
      'index',
      'name',
      'pci_bus_id',
      'pci_sub_device_id',
      'serial',
      'vbios_version',
    ],
  ),
];

/** Health of the collection itself; command_exit_code with nvidia-smi, nvml_return_code with NVML. */
const collection: readonly MetricDef[] = [
  counter('nvidia_smi_failed_scrapes_total', 'Number of failed collections'),
  gauge('nvidia_smi_command_exit_code', 'Exit code of the most recent nvidia-smi run'),
  gauge('nvidia_smi_nvml_return_code', 'NVML return code of the most recent collection (0 = success)'),
  gauge('nvidia_smi_last_collect_success', 'Whether the most recent collection succeeded (1) or not (0)'),
  gauge('nvidia_smi_last_collect_success_timestamp_seconds', 'Unix timestamp of the most recent successful collection'),
  gauge('nvidia_smi_last_collect_duration_seconds', 'Duration of the most recent collection'),
];

/**
 * Per-process (--collect.compute-apps), NVML-only (energy, PCIe throughput, MIG instances) and XID (NVML
 * driver events) families.
 */
const features: readonly MetricDef[] = [
  info(
    'nvidia_smi_compute_app_info',
    'A metric with a constant \'1\' value labeled by the identity of a process with a compute context on a GPU.',
    ['uuid', 'compute_instance_id', 'gpu_instance_id', 'pid', 'process_name'],
  ),
  gauge(
    'nvidia_smi_compute_app_used_memory_bytes',
    'GPU memory used by the process. Absent when the driver cannot report it (e.g. Windows WDDM).',
    ['uuid', 'compute_instance_id', 'gpu_instance_id', 'pid', 'process_name'],
  ),
  gauge('nvidia_smi_compute_apps', 'Number of processes with a compute context on the GPU.', ['uuid']),
  gauge(
    'nvidia_smi_compute_apps_last_collect_success',
    'Whether the most recent per-process collection succeeded (1) or not (0)',
  ),
  counter(
    'nvidia_smi_energy_joules_total',
    'Total energy consumed by the GPU in joules since the driver was last loaded. Resets on a driver reload; absent on GPUs that cannot report it.',
    ['uuid'],
  ),
  gauge(
    'nvidia_smi_mig_graphics_activity_ratio',
    'Fraction of time the GPU instance\'s graphics/compute engines were active.',
    ['uuid', 'gpu_instance_id'],
  ),
  info(
    'nvidia_smi_mig_info',
    'A metric with a constant \'1\' value labeled by the identity of a MIG device: the parent GPU\'s uuid, the MIG device\'s own uuid, its GPU instance and compute instance ids, and its profile.',
    ['uuid', 'compute_instance_id', 'gpu_instance_id', 'mig_uuid', 'profile'],
  ),
  gauge(
    'nvidia_smi_mig_memory_free_bytes',
    'Memory of the GPU instance (free). The framebuffer belongs to the GPU instance and is shared by its compute instances (verified live: sibling compute instances report identical values).',
    ['uuid', 'gpu_instance_id'],
  ),
  gauge(
    'nvidia_smi_mig_memory_reserved_bytes',
    'Memory of the GPU instance (reserved). The framebuffer belongs to the GPU instance and is shared by its compute instances (verified live: sibling compute instances report identical values).',
    ['uuid', 'gpu_instance_id'],
  ),
  gauge(
    'nvidia_smi_mig_memory_total_bytes',
    'Memory of the GPU instance (total). The framebuffer belongs to the GPU instance and is shared by its compute instances (verified live: sibling compute instances report identical values).',
    ['uuid', 'gpu_instance_id'],
  ),
  gauge(
    'nvidia_smi_mig_memory_used_bytes',
    'Memory of the GPU instance (used). The framebuffer belongs to the GPU instance and is shared by its compute instances (verified live: sibling compute instances report identical values).',
    ['uuid', 'gpu_instance_id'],
  ),
  gauge(
    'nvidia_smi_mig_pcie_throughput_rx_bytes_per_second',
    'PCIe traffic received by the GPU instance.',
    ['uuid', 'gpu_instance_id'],
  ),
  gauge(
    'nvidia_smi_mig_pcie_throughput_tx_bytes_per_second',
    'PCIe traffic transmitted by the GPU instance.',
    ['uuid', 'gpu_instance_id'],
  ),
  gauge(
    'nvidia_smi_mig_sm_activity_ratio',
    'Fraction of time the GPU instance\'s SMs were active.',
    ['uuid', 'gpu_instance_id'],
  ),
  gauge(
    'nvidia_smi_mig_sm_occupancy_ratio',
    'Fraction of the GPU instance\'s resident warp slots that were occupied.',
    ['uuid', 'gpu_instance_id'],
  ),
  gauge(
    'nvidia_smi_mig_tensor_activity_ratio',
    'Fraction of time the GPU instance\'s tensor pipes were active.',
    ['uuid', 'gpu_instance_id'],
  ),
  gauge(
    'nvidia_smi_pcie_throughput_rx_bytes_per_second',
    'PCIe traffic received by the GPU, sampled by the driver over a dedicated 20ms window.',
    ['uuid'],
  ),
  gauge(
    'nvidia_smi_pcie_throughput_tx_bytes_per_second',
    'PCIe traffic transmitted by the GPU, sampled by the driver over a dedicated 20ms window.',
    ['uuid'],
  ),
  counter(
    'nvidia_smi_xid_errors_total',
    'Number of XID errors observed on the GPU since the exporter started. A series appears when its first event arrives; earlier history cannot be replayed.',
    ['uuid', 'xid'],
  ),
  gauge(
    'nvidia_smi_xid_last_timestamp_seconds',
    'Unix timestamp of the most recently observed XID error, as received by the exporter (the driver events carry no timestamp of their own).',
    ['uuid', 'xid'],
  ),
];

/** The other query fields of current drivers, as the captured GPUs return them. */
const queryFields: readonly MetricDef[] = [
  gauge('nvidia_smi_accounting_buffer_size', 'accounting.buffer_size', ['uuid']),
  gauge('nvidia_smi_accounting_mode', 'accounting.mode', ['uuid']),
  gauge('nvidia_smi_c2c_mode', 'c2c.mode', ['uuid']),
  gauge(
    'nvidia_smi_clocks_current_graphics_clock_hz',
    'clocks.current.graphics [MHz] (Current graphics clock, in hertz)',
    ['uuid'],
  ),
  gauge(
    'nvidia_smi_clocks_current_memory_clock_hz',
    'clocks.current.memory [MHz] (Current memory clock, in hertz)',
    ['uuid'],
  ),
  gauge(
    'nvidia_smi_clocks_current_sm_clock_hz',
    'clocks.current.sm [MHz] (Current streaming multiprocessor clock, in hertz)',
    ['uuid'],
  ),
  gauge(
    'nvidia_smi_clocks_current_video_clock_hz',
    'clocks.current.video [MHz] (Current video encoder/decoder clock, in hertz)',
    ['uuid'],
  ),
  gauge('nvidia_smi_clocks_event_reasons_active', 'clocks_event_reasons.active', ['uuid']),
  gauge(
    'nvidia_smi_clocks_event_reasons_applications_clocks_setting',
    'clocks_event_reasons.applications_clocks_setting',
    ['uuid'],
  ),
  gauge(
    'nvidia_smi_clocks_event_reasons_counters_hw_power_brake_slowdown_seconds',
    'clocks_event_reasons_counters.hw_power_brake_slowdown [us]',
    ['uuid'],
  ),
  gauge(
    'nvidia_smi_clocks_event_reasons_counters_hw_thermal_slowdown_seconds',
    'clocks_event_reasons_counters.hw_thermal_slowdown [us]',
    ['uuid'],
  ),
  gauge(
    'nvidia_smi_clocks_event_reasons_counters_sw_power_cap_seconds',
    'clocks_event_reasons_counters.sw_power_cap [us]',
    ['uuid'],
  ),
  gauge(
    'nvidia_smi_clocks_event_reasons_counters_sw_thermal_slowdown_seconds',
    'clocks_event_reasons_counters.sw_thermal_slowdown [us]',
    ['uuid'],
  ),
  gauge(
    'nvidia_smi_clocks_event_reasons_counters_sync_boost_seconds',
    'clocks_event_reasons_counters.sync_boost [us]',
    ['uuid'],
  ),
  gauge('nvidia_smi_clocks_event_reasons_gpu_idle', 'clocks_event_reasons.gpu_idle', ['uuid']),
  gauge(
    'nvidia_smi_clocks_event_reasons_hw_power_brake_slowdown',
    'clocks_event_reasons.hw_power_brake_slowdown',
    ['uuid'],
  ),
  gauge('nvidia_smi_clocks_event_reasons_hw_slowdown', 'clocks_event_reasons.hw_slowdown', ['uuid']),
  gauge('nvidia_smi_clocks_event_reasons_hw_thermal_slowdown', 'clocks_event_reasons.hw_thermal_slowdown', ['uuid']),
  gauge('nvidia_smi_clocks_event_reasons_supported', 'clocks_event_reasons.supported', ['uuid']),
  gauge('nvidia_smi_clocks_event_reasons_sw_power_cap', 'clocks_event_reasons.sw_power_cap', ['uuid']),
  gauge('nvidia_smi_clocks_event_reasons_sw_thermal_slowdown', 'clocks_event_reasons.sw_thermal_slowdown', ['uuid']),
  gauge('nvidia_smi_clocks_event_reasons_sync_boost', 'clocks_event_reasons.sync_boost', ['uuid']),
  gauge('nvidia_smi_clocks_max_graphics_clock_hz', 'clocks.max.graphics [MHz]', ['uuid']),
  gauge('nvidia_smi_clocks_max_memory_clock_hz', 'clocks.max.memory [MHz]', ['uuid']),
  gauge('nvidia_smi_clocks_max_sm_clock_hz', 'clocks.max.sm [MHz]', ['uuid']),
  gauge('nvidia_smi_compute_cap', 'compute_cap', ['uuid']),
  gauge('nvidia_smi_compute_mode', 'compute_mode', ['uuid']),
  gauge('nvidia_smi_count', 'count', ['uuid']),
  gauge('nvidia_smi_display_active', 'display_active', ['uuid']),
  gauge('nvidia_smi_display_attached', 'display_attached', ['uuid']),
  gauge('nvidia_smi_driver_version', 'driver_version', ['uuid']),
  gauge(
    'nvidia_smi_ecc_errors_corrected_aggregate_device_memory',
    'ecc.errors.corrected.aggregate.device_memory',
    ['uuid'],
  ),
  gauge('nvidia_smi_ecc_errors_corrected_aggregate_dram', 'ecc.errors.corrected.aggregate.dram', ['uuid']),
  gauge('nvidia_smi_ecc_errors_corrected_aggregate_sram', 'ecc.errors.corrected.aggregate.sram', ['uuid']),
  gauge('nvidia_smi_ecc_errors_corrected_aggregate_total', 'ecc.errors.corrected.aggregate.total', ['uuid']),
  gauge(
    'nvidia_smi_ecc_errors_corrected_volatile_device_memory',
    'ecc.errors.corrected.volatile.device_memory',
    ['uuid'],
  ),
  gauge('nvidia_smi_ecc_errors_corrected_volatile_dram', 'ecc.errors.corrected.volatile.dram', ['uuid']),
  gauge('nvidia_smi_ecc_errors_corrected_volatile_sram', 'ecc.errors.corrected.volatile.sram', ['uuid']),
  gauge('nvidia_smi_ecc_errors_corrected_volatile_total', 'ecc.errors.corrected.volatile.total', ['uuid']),
  gauge(
    'nvidia_smi_ecc_errors_uncorrected_aggregate_device_memory',
    'ecc.errors.uncorrected.aggregate.device_memory',
    ['uuid'],
  ),
  gauge('nvidia_smi_ecc_errors_uncorrected_aggregate_dram', 'ecc.errors.uncorrected.aggregate.dram', ['uuid']),
  gauge('nvidia_smi_ecc_errors_uncorrected_aggregate_sram', 'ecc.errors.uncorrected.aggregate.sram', ['uuid']),
  gauge('nvidia_smi_ecc_errors_uncorrected_aggregate_sram_l2', 'ecc.errors.uncorrected.aggregate.sram.l2', ['uuid']),
  gauge('nvidia_smi_ecc_errors_uncorrected_aggregate_sram_mcu', 'ecc.errors.uncorrected.aggregate.sram.mcu', ['uuid']),
  gauge(
    'nvidia_smi_ecc_errors_uncorrected_aggregate_sram_other',
    'ecc.errors.uncorrected.aggregate.sram.other',
    ['uuid'],
  ),
  gauge(
    'nvidia_smi_ecc_errors_uncorrected_aggregate_sram_parity',
    'ecc.errors.uncorrected.aggregate.sram.parity',
    ['uuid'],
  ),
  gauge(
    'nvidia_smi_ecc_errors_uncorrected_aggregate_sram_pcie',
    'ecc.errors.uncorrected.aggregate.sram.pcie',
    ['uuid'],
  ),
  gauge(
    'nvidia_smi_ecc_errors_uncorrected_aggregate_sram_secded',
    'ecc.errors.uncorrected.aggregate.sram.secded',
    ['uuid'],
  ),
  gauge('nvidia_smi_ecc_errors_uncorrected_aggregate_sram_sm', 'ecc.errors.uncorrected.aggregate.sram.sm', ['uuid']),
  gauge(
    'nvidia_smi_ecc_errors_uncorrected_aggregate_sram_threshold_exceeded',
    'ecc.errors.uncorrected.aggregate.sram.thresholdExceeded',
    ['uuid'],
  ),
  gauge('nvidia_smi_ecc_errors_uncorrected_aggregate_total', 'ecc.errors.uncorrected.aggregate.total', ['uuid']),
  gauge(
    'nvidia_smi_ecc_errors_uncorrected_volatile_device_memory',
    'ecc.errors.uncorrected.volatile.device_memory',
    ['uuid'],
  ),
  gauge('nvidia_smi_ecc_errors_uncorrected_volatile_dram', 'ecc.errors.uncorrected.volatile.dram', ['uuid']),
  gauge('nvidia_smi_ecc_errors_uncorrected_volatile_sram', 'ecc.errors.uncorrected.volatile.sram', ['uuid']),
  gauge(
    'nvidia_smi_ecc_errors_uncorrected_volatile_sram_parity',
    'ecc.errors.uncorrected.volatile.sram.parity',
    ['uuid'],
  ),
  gauge(
    'nvidia_smi_ecc_errors_uncorrected_volatile_sram_secded',
    'ecc.errors.uncorrected.volatile.sram.secded',
    ['uuid'],
  ),
  gauge('nvidia_smi_ecc_errors_uncorrected_volatile_total', 'ecc.errors.uncorrected.volatile.total', ['uuid']),
  gauge('nvidia_smi_ecc_mode_current', 'ecc.mode.current', ['uuid']),
  gauge('nvidia_smi_ecc_mode_pending', 'ecc.mode.pending', ['uuid']),
  gauge('nvidia_smi_edpp_multiplier_ratio', 'edpp_multiplier [%]', ['uuid']),
  gauge('nvidia_smi_encoder_stats_average_fps', 'encoder.stats.averageFps', ['uuid']),
  gauge('nvidia_smi_encoder_stats_average_latency', 'encoder.stats.averageLatency', ['uuid']),
  gauge('nvidia_smi_encoder_stats_session_count', 'encoder.stats.sessionCount', ['uuid']),
  gauge(
    'nvidia_smi_enforced_power_limit_watts',
    'enforced.power.limit [W] (Power limit the driver enforces, in watts)',
    ['uuid'],
  ),
  gauge('nvidia_smi_fabric_clique_id', 'fabric.cliqueId', ['uuid']),
  gauge('nvidia_smi_fabric_state', 'fabric.state', ['uuid']),
  gauge(
    'nvidia_smi_gpu_recovery_action',
    'gpu_recovery_action (Recovery action the driver recommends: 0 none, 1 GPU reset, 2 node reboot, 3 drain P2P, 4 drain and reset)',
    ['uuid'],
  ),
  gauge('nvidia_smi_gsp_mode_current', 'gsp.mode.current', ['uuid']),
  gauge('nvidia_smi_gsp_mode_default', 'gsp.mode.default', ['uuid']),
  gauge('nvidia_smi_index', 'index', ['uuid']),
  gauge('nvidia_smi_inforom_ecc', 'inforom.ecc', ['uuid']),
  gauge('nvidia_smi_inforom_oem', 'inforom.oem', ['uuid']),
  gauge('nvidia_smi_kmd_version', 'kmd_version', ['uuid']),
  gauge(
    'nvidia_smi_memory_reserved_bytes',
    'memory.reserved [MiB] (Memory reserved by the driver, in bytes)',
    ['uuid'],
  ),
  gauge('nvidia_smi_mig_mode_current', 'mig.mode.current', ['uuid']),
  gauge('nvidia_smi_mig_mode_pending', 'mig.mode.pending', ['uuid']),
  gauge('nvidia_smi_name', 'name', ['uuid']),
  gauge('nvidia_smi_pci_base_class', 'pci.baseClass', ['uuid']),
  gauge('nvidia_smi_pci_bus', 'pci.bus', ['uuid']),
  gauge('nvidia_smi_pci_device', 'pci.device', ['uuid']),
  gauge('nvidia_smi_pci_device_id', 'pci.device_id', ['uuid']),
  gauge('nvidia_smi_pci_domain', 'pci.domain', ['uuid']),
  gauge('nvidia_smi_pci_sub_class', 'pci.subClass', ['uuid']),
  gauge('nvidia_smi_pci_sub_device_id', 'pci.sub_device_id', ['uuid']),
  gauge('nvidia_smi_pcie_link_gen_current', 'pcie.link.gen.current', ['uuid']),
  gauge('nvidia_smi_pcie_link_gen_gpucurrent', 'pcie.link.gen.gpucurrent', ['uuid']),
  gauge('nvidia_smi_pcie_link_gen_gpumax', 'pcie.link.gen.gpumax', ['uuid']),
  gauge('nvidia_smi_pcie_link_gen_hostmax', 'pcie.link.gen.hostmax', ['uuid']),
  gauge('nvidia_smi_pcie_link_gen_max', 'pcie.link.gen.max', ['uuid']),
  gauge('nvidia_smi_pcie_link_width_current', 'pcie.link.width.current', ['uuid']),
  gauge('nvidia_smi_pcie_link_width_max', 'pcie.link.width.max', ['uuid']),
  gauge('nvidia_smi_persistence_mode', 'persistence_mode', ['uuid']),
  gauge('nvidia_smi_platform_gpu_fabric_guid', 'platform.gpu_fabric_guid', ['uuid']),
  gauge('nvidia_smi_platform_host_id', 'platform.host_id', ['uuid']),
  gauge('nvidia_smi_platform_module_id', 'platform.module_id', ['uuid']),
  gauge('nvidia_smi_platform_slot_number', 'platform.slot_number', ['uuid']),
  gauge('nvidia_smi_platform_tray_index', 'platform.tray_index', ['uuid']),
  gauge('nvidia_smi_power_default_limit_watts', 'power.default_limit [W]', ['uuid']),
  gauge('nvidia_smi_power_draw_average_watts', 'power.draw.average [W]', ['uuid']),
  gauge('nvidia_smi_power_draw_instant_watts', 'power.draw.instant [W]', ['uuid']),
  gauge('nvidia_smi_power_limit_watts', 'power.limit [W] (Software power limit, in watts)', ['uuid']),
  gauge('nvidia_smi_power_max_limit_watts', 'power.max_limit [W]', ['uuid']),
  gauge('nvidia_smi_power_min_limit_watts', 'power.min_limit [W]', ['uuid']),
  gauge('nvidia_smi_protected_memory_free_bytes', 'protected_memory.free [MiB]', ['uuid']),
  gauge('nvidia_smi_protected_memory_total_bytes', 'protected_memory.total [MiB]', ['uuid']),
  gauge('nvidia_smi_protected_memory_used_bytes', 'protected_memory.used [MiB]', ['uuid']),
  gauge('nvidia_smi_remapped_rows_correctable', 'remapped_rows.correctable', ['uuid']),
  gauge('nvidia_smi_remapped_rows_correctable_inactive', 'remapped_rows.correctable_inactive', ['uuid']),
  gauge('nvidia_smi_remapped_rows_failure', 'remapped_rows.failure', ['uuid']),
  gauge('nvidia_smi_remapped_rows_histogram_high', 'remapped_rows.histogram.high', ['uuid']),
  gauge('nvidia_smi_remapped_rows_histogram_low', 'remapped_rows.histogram.low', ['uuid']),
  gauge('nvidia_smi_remapped_rows_histogram_max', 'remapped_rows.histogram.max', ['uuid']),
  gauge('nvidia_smi_remapped_rows_histogram_none', 'remapped_rows.histogram.none', ['uuid']),
  gauge('nvidia_smi_remapped_rows_histogram_partial', 'remapped_rows.histogram.partial', ['uuid']),
  gauge('nvidia_smi_remapped_rows_pending', 'remapped_rows.pending', ['uuid']),
  gauge('nvidia_smi_remapped_rows_uncorrectable', 'remapped_rows.uncorrectable', ['uuid']),
  gauge('nvidia_smi_remapped_rows_uncorrectable_inactive', 'remapped_rows.uncorrectable_inactive', ['uuid']),
  gauge('nvidia_smi_serial', 'serial', ['uuid']),
  gauge('nvidia_smi_temperature_gpu_tlimit', 'temperature.gpu.tlimit', ['uuid']),
  gauge('nvidia_smi_temperature_memory', 'temperature.memory (HBM memory temperature in degrees Celsius)', ['uuid']),
  gauge('nvidia_smi_utilization_decoder_ratio', 'utilization.decoder [%]', ['uuid']),
  gauge('nvidia_smi_utilization_encoder_ratio', 'utilization.encoder [%]', ['uuid']),
  gauge('nvidia_smi_utilization_jpeg_ratio', 'utilization.jpeg [%]', ['uuid']),
  gauge('nvidia_smi_utilization_ofa_ratio', 'utilization.ofa [%]', ['uuid']),
];

/** Query fields of older drivers (before the clocks_throttle_reasons -> clocks_event_reasons rename) and GPUs. */
const olderQueryFields: readonly MetricDef[] = [
  gauge('nvidia_smi_clocks_applications_graphics_clock_hz', 'clocks.applications.graphics [MHz]', ['uuid']),
  gauge('nvidia_smi_clocks_applications_memory_clock_hz', 'clocks.applications.memory [MHz]', ['uuid']),
  gauge(
    'nvidia_smi_clocks_default_applications_graphics_clock_hz',
    'clocks.default_applications.graphics [MHz]',
    ['uuid'],
  ),
  gauge('nvidia_smi_clocks_default_applications_memory_clock_hz', 'clocks.default_applications.memory [MHz]', ['uuid']),
  gauge('nvidia_smi_clocks_max_video_clock_hz', 'clocks.max.video [MHz]', ['uuid']),
  gauge('nvidia_smi_clocks_throttle_reasons_active', 'clocks_throttle_reasons.active', ['uuid']),
  gauge(
    'nvidia_smi_clocks_throttle_reasons_applications_clocks_setting',
    'clocks_throttle_reasons.applications_clocks_setting',
    ['uuid'],
  ),
  gauge('nvidia_smi_clocks_throttle_reasons_gpu_idle', 'clocks_throttle_reasons.gpu_idle', ['uuid']),
  gauge(
    'nvidia_smi_clocks_throttle_reasons_hw_power_brake_slowdown',
    'clocks_throttle_reasons.hw_power_brake_slowdown',
    ['uuid'],
  ),
  gauge('nvidia_smi_clocks_throttle_reasons_hw_slowdown', 'clocks_throttle_reasons.hw_slowdown', ['uuid']),
  gauge(
    'nvidia_smi_clocks_throttle_reasons_hw_thermal_slowdown',
    'clocks_throttle_reasons.hw_thermal_slowdown',
    ['uuid'],
  ),
  gauge('nvidia_smi_clocks_throttle_reasons_supported', 'clocks_throttle_reasons.supported', ['uuid']),
  gauge('nvidia_smi_clocks_throttle_reasons_sw_power_cap', 'clocks_throttle_reasons.sw_power_cap', ['uuid']),
  gauge(
    'nvidia_smi_clocks_throttle_reasons_sw_thermal_slowdown',
    'clocks_throttle_reasons.sw_thermal_slowdown',
    ['uuid'],
  ),
  gauge('nvidia_smi_clocks_throttle_reasons_sync_boost', 'clocks_throttle_reasons.sync_boost', ['uuid']),
  gauge('nvidia_smi_display_mode', 'display_mode', ['uuid']),
  gauge('nvidia_smi_ecc_errors_corrected_aggregate_cbu', 'ecc.errors.corrected.aggregate.cbu', ['uuid']),
  gauge('nvidia_smi_ecc_errors_corrected_aggregate_l1_cache', 'ecc.errors.corrected.aggregate.l1_cache', ['uuid']),
  gauge('nvidia_smi_ecc_errors_corrected_aggregate_l2_cache', 'ecc.errors.corrected.aggregate.l2_cache', ['uuid']),
  gauge(
    'nvidia_smi_ecc_errors_corrected_aggregate_register_file',
    'ecc.errors.corrected.aggregate.register_file',
    ['uuid'],
  ),
  gauge(
    'nvidia_smi_ecc_errors_corrected_aggregate_texture_memory',
    'ecc.errors.corrected.aggregate.texture_memory',
    ['uuid'],
  ),
  gauge('nvidia_smi_ecc_errors_corrected_volatile_cbu', 'ecc.errors.corrected.volatile.cbu', ['uuid']),
  gauge('nvidia_smi_ecc_errors_corrected_volatile_l1_cache', 'ecc.errors.corrected.volatile.l1_cache', ['uuid']),
  gauge('nvidia_smi_ecc_errors_corrected_volatile_l2_cache', 'ecc.errors.corrected.volatile.l2_cache', ['uuid']),
  gauge(
    'nvidia_smi_ecc_errors_corrected_volatile_register_file',
    'ecc.errors.corrected.volatile.register_file',
    ['uuid'],
  ),
  gauge(
    'nvidia_smi_ecc_errors_corrected_volatile_texture_memory',
    'ecc.errors.corrected.volatile.texture_memory',
    ['uuid'],
  ),
  gauge('nvidia_smi_ecc_errors_uncorrected_aggregate_cbu', 'ecc.errors.uncorrected.aggregate.cbu', ['uuid']),
  gauge('nvidia_smi_ecc_errors_uncorrected_aggregate_l1_cache', 'ecc.errors.uncorrected.aggregate.l1_cache', ['uuid']),
  gauge('nvidia_smi_ecc_errors_uncorrected_aggregate_l2_cache', 'ecc.errors.uncorrected.aggregate.l2_cache', ['uuid']),
  gauge(
    'nvidia_smi_ecc_errors_uncorrected_aggregate_register_file',
    'ecc.errors.uncorrected.aggregate.register_file',
    ['uuid'],
  ),
  gauge(
    'nvidia_smi_ecc_errors_uncorrected_aggregate_texture_memory',
    'ecc.errors.uncorrected.aggregate.texture_memory',
    ['uuid'],
  ),
  gauge('nvidia_smi_ecc_errors_uncorrected_volatile_cbu', 'ecc.errors.uncorrected.volatile.cbu', ['uuid']),
  gauge('nvidia_smi_ecc_errors_uncorrected_volatile_l1_cache', 'ecc.errors.uncorrected.volatile.l1_cache', ['uuid']),
  gauge('nvidia_smi_ecc_errors_uncorrected_volatile_l2_cache', 'ecc.errors.uncorrected.volatile.l2_cache', ['uuid']),
  gauge(
    'nvidia_smi_ecc_errors_uncorrected_volatile_register_file',
    'ecc.errors.uncorrected.volatile.register_file',
    ['uuid'],
  ),
  gauge(
    'nvidia_smi_ecc_errors_uncorrected_volatile_texture_memory',
    'ecc.errors.uncorrected.volatile.texture_memory',
    ['uuid'],
  ),
  gauge('nvidia_smi_gom_current', 'gom.current', ['uuid']),
  gauge('nvidia_smi_gom_pending', 'gom.pending', ['uuid']),
  gauge('nvidia_smi_inforom_img', 'inforom.img', ['uuid']),
  gauge('nvidia_smi_inforom_pwr', 'inforom.pwr', ['uuid']),
  gauge('nvidia_smi_power_management', 'power.management', ['uuid']),
  gauge('nvidia_smi_retired_pages_double_bit_count', 'retired_pages.double_bit.count', ['uuid']),
  gauge('nvidia_smi_retired_pages_pending', 'retired_pages.pending', ['uuid']),
  gauge('nvidia_smi_retired_pages_single_bit_ecc_count', 'retired_pages.single_bit_ecc.count', ['uuid']),
];

export const nvidiaGpuCatalog: MetricCatalog = metricCatalog({
  name: 'nvidia_gpu_exporter',
  source: 'https://github.com/utkuozdemir/nvidia_gpu_exporter',
  namespaces: ['nvidia_smi_'],
  jobs: ['nvidia-gpu'],
  metrics: [...core, ...collection, ...features, ...queryFields, ...olderQueryFields],
});
