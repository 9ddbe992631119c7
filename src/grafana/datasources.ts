/**
 * The datasources promforge provisions and how dashboards refer to them. Plain data with no SDK import, so the
 * dashboard checks (and `promforge check` on a rule file, which loads them) do not load Grafana's SDK.
 */
import type { DataSourceRef } from '@grafana/grafana-foundation-sdk/common';

/**
 * The uids of the datasources promforge provisions (`out/grafana/provisioning/datasources/promforge.yaml`).
 * Fixed, so a dashboard can name its datasource without looking it up in a running Grafana.
 */
export const DATASOURCE_UIDS = { prometheus: 'prometheus', alertmanager: 'alertmanager', loki: 'loki' } as const;

/**
 * References to the provisioned datasources, for a panel's or a query's `.datasource(...)`:
 *
 *   new stat.PanelBuilder().title('Firing alerts').datasource(datasources.alertmanager)
 */
export const datasources = {
  prometheus: { type: 'prometheus', uid: DATASOURCE_UIDS.prometheus },
  alertmanager: { type: 'alertmanager', uid: DATASOURCE_UIDS.alertmanager },
  loki: { type: 'loki', uid: DATASOURCE_UIDS.loki },
} as const satisfies Record<keyof typeof DATASOURCE_UIDS, DataSourceRef>;

/** The name of the templated Prometheus datasource variable that `datasourceVariable()` declares. */
export const DATASOURCE_VARIABLE = 'datasource';

/**
 * The Prometheus datasource chosen in the dashboard's `$datasource` variable; what `promQuery()` uses. Give
 * it to a panel that has no query built by `promQuery()`:
 *
 *   new timeseries.PanelBuilder().title('Load').datasource(templatedPrometheus)
 */
export const templatedPrometheus: DataSourceRef = { type: 'prometheus', uid: `\${${DATASOURCE_VARIABLE}}` };
