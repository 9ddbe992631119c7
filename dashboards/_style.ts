/**
 * The homelab dashboards' house style, shared by every module in dashboards/ (a `_` module: the build does not
 * load it as a dashboard). Each function returns an SDK builder, so the SDK's own methods still apply.
 *
 * Why these exist: the SDK's defaults are not what a status board wants. Its timeseries panel hides the legend
 * (`showLegend: false`), which makes every `legendFormat` invisible; its stat panel reduces with an empty
 * `calcs` list, which leaves the choice to whatever the Grafana version defaults to.
 */
import {
  BigValueColorMode,
  BigValueGraphMode,
  LegendDisplayMode,
  LegendPlacement,
  ReduceDataOptionsBuilder,
  SortOrder,
  TooltipDisplayMode,
  VizLegendOptionsBuilder,
  VizTooltipOptionsBuilder,
} from '@grafana/grafana-foundation-sdk/common';
import * as stat from '@grafana/grafana-foundation-sdk/stat';
import * as timeseries from '@grafana/grafana-foundation-sdk/timeseries';
import { valueMappings } from 'promforge';

/** The latest value of each series: what a status panel shows. */
const latest = (): ReduceDataOptionsBuilder => new ReduceDataOptionsBuilder().calcs(['lastNotNull']);

/** A stat panel for a state: the latest value on a coloured background, no sparkline. */
export function statusStat(title: string): stat.PanelBuilder {
  return new stat.PanelBuilder()
    .title(title)
    .colorMode(BigValueColorMode.Background)
    .graphMode(BigValueGraphMode.None)
    .reduceOptions(latest());
}

/** A stat panel for a quantity: the latest value, coloured by thresholds, with its recent trend behind it. */
export function trendStat(title: string): stat.PanelBuilder {
  return new stat.PanelBuilder()
    .title(title)
    .colorMode(BigValueColorMode.Value)
    .graphMode(BigValueGraphMode.Area)
    .reduceOptions(latest());
}

/** A time series panel whose legend (the queries' `legend`) is shown, with all series in the tooltip. */
export function graph(title: string): timeseries.PanelBuilder {
  return new timeseries.PanelBuilder()
    .title(title)
    .legend(new VizLegendOptionsBuilder().showLegend(true).displayMode(LegendDisplayMode.List).placement(LegendPlacement.Bottom).calcs([]))
    .tooltip(new VizTooltipOptionsBuilder().mode(TooltipDisplayMode.Multi).sort(SortOrder.Descending));
}

/** `up`-style series (1 healthy, 0 not) as words a phone can read at a glance. */
export const upDown = (up = 'up', down = 'down'): ReturnType<typeof valueMappings> =>
  valueMappings({ 0: { text: down, color: 'red' }, 1: { text: up, color: 'green' }, null: { text: 'no data', color: 'text' } });
