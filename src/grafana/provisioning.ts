/**
 * The provisioning files Grafana reads at start-up (from `<provisioning>/dashboards/*.yaml` and
 * `<provisioning>/datasources/*.yaml`):
 *
 * - one file provider for every dashboard promforge builds. `foldersFromFilesStructure` makes each directory
 *   under `out/grafana/dashboards/` a Grafana folder of that name; `allowUiUpdates: false` makes the files
 *   the only truth (an edit in the UI cannot be saved, so it cannot be lost on the next deploy either);
 *   deleting a dashboard's declaration deletes the dashboard.
 * - the Prometheus, Alertmanager and Loki datasources under the fixed uids the dashboards name
 *   (helpers.ts). Prometheus gets the scrape interval as `timeInterval`: Grafana's `$__rate_interval` is at
 *   least four of them, so rate() windows always hold enough samples.
 */
import { Document } from 'yaml';
import type { ResolvedConfig } from '../config/config.js';
import { formatDuration } from '../promql/duration.js';
import { DATASOURCE_UIDS } from './datasources.js';

export const PROVIDER_NAME = 'promforge';

function emitYaml(value: unknown, header: string): string {
  const doc = new Document(value);
  doc.commentBefore = header.split('\n').map((l) => (l ? ` ${l}` : '')).join('\n');
  return doc.toString({ lineWidth: 0, indentSeq: true });
}

export function emitDashboardProvider(config: ResolvedConfig, header: string): string {
  return emitYaml({
    apiVersion: 1,
    providers: [{
      name: PROVIDER_NAME,
      orgId: 1,
      type: 'file',
      disableDeletion: false,
      allowUiUpdates: false,
      options: { path: config.grafana.dashboardsPath, foldersFromFilesStructure: true },
    }],
  }, header);
}

export function emitDatasources(config: ResolvedConfig, header: string): string {
  const { datasources } = config.grafana;
  return emitYaml({
    apiVersion: 1,
    datasources: [
      {
        name: 'Prometheus', uid: DATASOURCE_UIDS.prometheus, type: 'prometheus', access: 'proxy', url: datasources.prometheus,
        isDefault: true, editable: false, jsonData: { timeInterval: formatDuration(config.scrapeIntervalMs), httpMethod: 'POST' },
      },
      {
        name: 'Alertmanager', uid: DATASOURCE_UIDS.alertmanager, type: 'alertmanager', access: 'proxy', url: datasources.alertmanager,
        editable: false, jsonData: { implementation: 'prometheus', handleGrafanaManagedAlerts: false },
      },
      { name: 'Loki', uid: DATASOURCE_UIDS.loki, type: 'loki', access: 'proxy', url: datasources.loki, editable: false },
    ],
  }, header);
}
