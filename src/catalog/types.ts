/**
 * Metric catalogs: what an exporter exposes, as typed data. The linter uses them to know a metric's type
 * (rate() on a gauge), its labels (a template printing a label the series never has) and its name (a typo
 * that makes an alert silently never fire); dashboards use them for legends.
 *
 * A catalog owns namespaces (`node_`, `nvidia_smi_`): a name in an owned namespace that the catalog does not
 * list is an unknown metric. Names outside every namespace are not judged.
 */

export type MetricType = 'counter' | 'gauge' | 'histogram' | 'summary' | 'info' | 'unknown';

export interface MetricDef {
  /**
   * The name as documented: counters with `_total`; histograms and summaries by their base name (the
   * catalog knows they expose `_bucket`/`_sum`/`_count`, and summaries the base name with `quantile`).
   */
  readonly name: string;
  readonly type: MetricType;
  readonly help: string;
  /** Labels the exporter itself sets, without the target labels (`job`, `instance`) the scrape adds. */
  readonly labels: readonly string[];
  /** Closed sets of values where the exporter documents them, e.g. `mode` of node_cpu_seconds_total. */
  readonly values?: Readonly<Record<string, readonly string[]>>;
  /** Base unit, when the name does not already say it. */
  readonly unit?: string;
}

export interface MetricCatalog {
  /** e.g. `node_exporter`. */
  readonly name: string;
  /** Where the metrics come from: project URL or a description of the check that writes them. */
  readonly source: string;
  /** Name prefixes this catalog owns (`node_`); an entry not ending in `_` owns exactly that name (`up`). */
  readonly namespaces: readonly string[];
  /** Scrape jobs that expose these metrics in this project, when known. */
  readonly jobs?: readonly string[];
  /** Labels every series gets from the scrape; default `job` and `instance`. */
  readonly targetLabels?: readonly string[];
  readonly metrics: readonly MetricDef[];
}

/** One concrete series name resolved against the catalogs: `x_bucket` is the `bucket` part of histogram `x`. */
export interface ResolvedSeries {
  readonly catalog: MetricCatalog;
  readonly metric: MetricDef;
  readonly part: 'value' | 'bucket' | 'sum' | 'count' | 'created';
  /** The labels a series of this name carries: the metric's, the target labels, and `le`/`quantile`. */
  readonly labels: readonly string[];
  /** The type this particular series behaves as: `x_bucket`/`_sum`/`_count` are counters. */
  readonly type: MetricType;
}

/** Identity at run time; types a project's own catalog (`catalogs: [metricCatalog({...})]` in the config). */
export const metricCatalog = (catalog: MetricCatalog): MetricCatalog => catalog;
