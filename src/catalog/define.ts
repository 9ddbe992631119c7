/**
 * Builders for catalog entries, so that a catalog lists its metrics one call a line:
 * `counter('node_cpu_seconds_total', 'Seconds the CPUs spent in each mode.', ['cpu', 'mode'], { values })`.
 */
import type { MetricDef, MetricType } from './types.js';

/**
 * A builder for metrics of one type: `(name, help, labels = [], more = {})` gives the MetricDef, with `more`
 * (`values`, `unit`) spread over it.
 */
export const metric =
  (type: MetricType) =>
  (name: string, help: string, labels: readonly string[] = [], more: Partial<MetricDef> = {}): MetricDef => ({
    name,
    type,
    help,
    labels,
    ...more,
  });

export const gauge = metric('gauge');
export const counter = metric('counter');
export const info = metric('info');
/** A metric the exporter exposes without a type (Prometheus' `unknown`). */
export const untyped = metric('unknown');
/** Named by its base name; the catalog knows the `_bucket`/`_sum`/`_count` series. */
export const histogram = metric('histogram');
/** Named by its base name; the catalog knows the `_sum`/`_count` series and the `quantile` label. */
export const summary = metric('summary');
