/**
 * Small helpers on top of Grafana's foundation SDK, for the parts every homelab dashboard repeats. Each returns
 * an SDK builder or SDK type, so the SDK's own methods still apply to the result: they add meaning (which
 * datasource, which variable, what a value means), they do not hide the SDK.
 */
import {
  DatasourceVariableBuilder,
  MappingType,
  QueryVariableBuilder,
  RowBuilder,
  SpecialValueMatch,
  ThresholdsConfigBuilder,
  ThresholdsMode,
  VariableRefresh,
  VariableSort,
  type DashboardBuilder,
  type ValueMapping,
  type ValueMappingResult,
} from '@grafana/grafana-foundation-sdk/dashboard';
import { DataqueryBuilder, PromQueryFormat } from '@grafana/grafana-foundation-sdk/prometheus';
import type { PanelBuilder as StatPanelBuilder } from '@grafana/grafana-foundation-sdk/stat';
import { DATASOURCE_UIDS, DATASOURCE_VARIABLE, templatedPrometheus } from './datasources.js';

export { DATASOURCE_UIDS, DATASOURCE_VARIABLE, datasources, templatedPrometheus } from './datasources.js';

/**
 * The `$datasource` variable: a choice among the Prometheus datasources, defaulting to the provisioned one,
 * so the same dashboard works against another Prometheus (a test instance, a Thanos) without editing it.
 *
 *   new DashboardBuilder('Hosts').uid('hosts').withVariable(datasourceVariable())
 */
export function datasourceVariable(options: { readonly label?: string } = {}): DatasourceVariableBuilder {
  return new DatasourceVariableBuilder(DATASOURCE_VARIABLE)
    .label(options.label ?? 'Data source')
    .type('prometheus')
    .current({ text: 'Prometheus', value: DATASOURCE_UIDS.prometheus });
}

export interface LabelValuesOptions {
  /** The label whose values the variable offers. */
  readonly label: string;
  /** The series the values are read from; default `up`. Filter by other variables here: `up{job=~"$job"}`. */
  readonly selector?: string;
  /** Shown before the drop-down; default the variable's name. */
  readonly title?: string;
  /** Several values at once (use `=~"$name"` in queries then). Default true. */
  readonly multi?: boolean;
  /** An "All" entry. Default true. */
  readonly includeAll?: boolean;
}

/**
 * A query variable listing the values of one label, read through the templated Prometheus datasource and
 * refreshed with the time range (so hosts that went away drop out of the list).
 *
 *   labelValuesVariable('uuid', { label: 'uuid', selector: 'nvidia_smi_gpu_info', title: 'GPU' })
 */
export function labelValuesVariable(name: string, options: LabelValuesOptions): QueryVariableBuilder {
  const query = `label_values(${options.selector ?? 'up'}, ${options.label})`;
  return new QueryVariableBuilder(name)
    .label(options.title ?? name)
    .datasource(templatedPrometheus)
    .query(query)
    .definition(query)
    .refresh(VariableRefresh.OnTimeRangeChanged)
    .sort(VariableSort.AlphabeticalAsc)
    .multi(options.multi ?? true)
    .includeAll(options.includeAll ?? true);
}

/**
 * `$job`: the scrape jobs.
 *
 *   jobVariable()                                        // label_values(up, job)
 *   jobVariable({ selector: 'node_uname_info' })         // only jobs with node_exporter series
 */
export function jobVariable(options: Omit<LabelValuesOptions, 'label'> = {}): QueryVariableBuilder {
  return labelValuesVariable('job', { title: 'Job', ...options, label: 'job' });
}

/**
 * `$instance`: the targets of the selected jobs.
 *
 *   instanceVariable()                                   // label_values(up{job=~"$job"}, instance)
 *   instanceVariable({ selector: 'node_uname_info{job=~"$job"}' })
 */
export function instanceVariable(options: Omit<LabelValuesOptions, 'label'> = {}): QueryVariableBuilder {
  return labelValuesVariable('instance', { title: 'Instance', selector: 'up{job=~"$job"}', ...options, label: 'instance' });
}

export interface PromQueryOptions {
  /** The series name shown in legends and tooltips: `{{instance}}`, `p95 {{host}}`. */
  readonly legend?: string;
  /** Evaluate once at the end of the range (stat panels, tables) instead of over the whole range. */
  readonly instant?: boolean;
  /** The query's id in the panel (`A`, `B`, …); assigned in order when left out. */
  readonly refId?: string;
  /** Lower bound of the step, e.g. `'1m'` for a metric scraped every minute. */
  readonly interval?: string;
  /** `'table'` for table panels; default time series. */
  readonly format?: 'time_series' | 'table' | 'heatmap';
}

const QUERY_FORMATS = { time_series: PromQueryFormat.TimeSeries, table: PromQueryFormat.Table, heatmap: PromQueryFormat.Heatmap } as const;

/**
 * A Prometheus query on the templated datasource. The panel's datasource is taken from its queries when the
 * panel sets none, so a panel made only of `promQuery()`s needs no `.datasource(...)`.
 *
 *   .withTarget(promQuery('sum by (repo) (rate(homelab_deploy_builds_total[$__rate_interval]))', { legend: '{{repo}}' }))
 *   .withTarget(promQuery('nix_cache_info_accessible', { instant: true }))
 */
export function promQuery(expr: string, options: PromQueryOptions = {}): DataqueryBuilder {
  const q = new DataqueryBuilder().datasource(templatedPrometheus).expr(expr);
  if (options.legend !== undefined) q.legendFormat(options.legend);
  if (options.instant) q.instant();
  else q.range();
  if (options.refId !== undefined) q.refId(options.refId);
  if (options.interval !== undefined) q.interval(options.interval);
  if (options.format !== undefined) q.format(QUERY_FORMATS[options.format]);
  return q;
}

/** A Grafana colour: a named colour (`green`, `dark-red`, `text`, `transparent`) or `#rrggbb`. */
export type Color = string;

/**
 * Absolute thresholds: the base colour, then `[from, colour]` steps in ascending order.
 *
 *   .thresholds(thresholds('red', [0.8, 'orange'], [0.95, 'green']))   // hit rate: red below 80%
 */
export function thresholds(base: Color, ...steps: readonly (readonly [number, Color])[]): ThresholdsConfigBuilder {
  return new ThresholdsConfigBuilder()
    .mode(ThresholdsMode.Absolute)
    .steps([{ value: null, color: base }, ...steps.map(([value, color]) => ({ value, color }))]);
}

const SPECIAL_VALUES: Readonly<Record<string, SpecialValueMatch>> = {
  null: SpecialValueMatch.Null,
  nan: SpecialValueMatch.NotANumber,
  'null+nan': SpecialValueMatch.NullAndNan,
  true: SpecialValueMatch.True,
  false: SpecialValueMatch.False,
  empty: SpecialValueMatch.Empty,
};

/**
 * What values mean, as text (and optionally a colour): numbers map exactly, and the keys `null`, `nan`,
 * `null+nan`, `true`, `false` and `empty` match those special values.
 *
 *   .mappings(valueMappings({ '-1': { text: 'not configured', color: 'text' }, 0: 'failed', 1: 'ok', null: 'no data' }))
 */
export function valueMappings(map: Readonly<Record<string, string | ValueMappingResult>>): ValueMapping[] {
  const values: Record<string, ValueMappingResult> = {};
  const specials: ValueMapping[] = [];
  Object.entries(map).forEach(([key, given], index) => {
    const result: ValueMappingResult = { ...(typeof given === 'string' ? { text: given } : given), index };
    const special = SPECIAL_VALUES[key];
    if (special) specials.push({ type: MappingType.SpecialValue, options: { match: special, result } });
    else values[key] = result;
  });
  return [...(Object.keys(values).length > 0 ? [{ type: MappingType.ValueToText, options: values } as const] : []), ...specials];
}

export interface StatRowOptions {
  /** Panel height in grid units (a unit is 30 px); default 4. */
  readonly height?: number;
  /** Panels per line; default all of them on one line. Each gets an equal share of the 24 columns. */
  readonly perLine?: number;
}

/**
 * A row of equally sized stat panels under a row header, laid out on the 24-column grid: the status board
 * at the top of a dashboard.
 *
 *   statRow(new DashboardBuilder('Nix').uid('nix'), 'Status', [cacheUp, hitRate, builders], { height: 4 })
 *     .withRow(new RowBuilder('Details'))
 */
export function statRow(d: DashboardBuilder, title: string, panels: readonly StatPanelBuilder[], options: StatRowOptions = {}): DashboardBuilder {
  const perLine = options.perLine ?? panels.length;
  if (panels.length === 0) throw new Error(`statRow("${title}"): no panels given`);
  if (!Number.isInteger(perLine) || perLine < 1 || perLine > 24) {
    throw new Error(`statRow("${title}"): perLine must be a whole number from 1 to 24, not ${perLine}`);
  }
  const base = Math.floor(24 / perLine);
  const extra = 24 - base * perLine;
  d.withRow(new RowBuilder(title));
  panels.forEach((p, i) => {
    const column = i % perLine;
    d.withPanel(p.span(base + (column < extra ? 1 : 0)).height(options.height ?? 4));
  });
  return d;
}
