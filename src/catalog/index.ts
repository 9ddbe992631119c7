/**
 * The metric catalogs promforge ships. A project's own catalogs (promforge.config.ts `catalogs`) come before
 * these and win for a name both list.
 */
import type { MetricCatalog } from './types.js';
import { blackboxCatalog } from './blackbox.js';
import { cadvisorCatalog } from './cadvisor.js';
import { homelabDeployCatalog } from './homelab-deploy.js';
import { nixCheckCatalog } from './nix-check.js';
import { nodeExporterCatalog } from './node-exporter.js';
import { nvidiaGpuCatalog } from './nvidia-gpu.js';
import { alertmanagerCatalog, prometheusCatalog } from './prometheus.js';

export { blackboxCatalog } from './blackbox.js';
export { cadvisorCatalog } from './cadvisor.js';
export { homelabDeployCatalog } from './homelab-deploy.js';
export { nixCheckCatalog } from './nix-check.js';
export { nodeExporterCatalog } from './node-exporter.js';
export { nvidiaGpuCatalog } from './nvidia-gpu.js';
export { alertmanagerCatalog, prometheusCatalog } from './prometheus.js';
export { metricCatalog } from './types.js';
export type { MetricCatalog, MetricDef, MetricType, ResolvedSeries } from './types.js';
export { indexCatalogs } from './lookup.js';
export type { CatalogIndex } from './lookup.js';

export const builtinCatalogs: readonly MetricCatalog[] = [
  prometheusCatalog,
  alertmanagerCatalog,
  nodeExporterCatalog,
  blackboxCatalog,
  cadvisorCatalog,
  nvidiaGpuCatalog,
  nixCheckCatalog,
  homelabDeployCatalog,
];
