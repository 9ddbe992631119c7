/**
 * Resolving series names against catalogs. Built once per set of catalogs: the linter asks for every
 * selector of every rule.
 */
import type { MetricCatalog, MetricDef, MetricType, ResolvedSeries } from './types.js';

export interface CatalogIndex {
  readonly catalogs: readonly MetricCatalog[];
  /** The catalogued series of this exact name, if any. */
  resolve(series: string): ResolvedSeries | undefined;
  /** The catalog owning the name's namespace (the longest claim wins), whether or not it lists the name. */
  owner(series: string): { readonly catalog: MetricCatalog; readonly namespace: string } | undefined;
  /** Every series name the catalogs know (histogram parts included), for did-you-mean. */
  readonly names: readonly string[];
}

const DEFAULT_TARGET_LABELS = ['job', 'instance'];

function partsOf(metric: MetricDef): { name: string; part: ResolvedSeries['part']; extra: string[]; type: MetricType }[] {
  switch (metric.type) {
    case 'histogram':
      return [
        { name: `${metric.name}_bucket`, part: 'bucket', extra: ['le'], type: 'counter' },
        { name: `${metric.name}_sum`, part: 'sum', extra: [], type: 'counter' },
        { name: `${metric.name}_count`, part: 'count', extra: [], type: 'counter' },
      ];
    case 'summary':
      return [
        { name: metric.name, part: 'value', extra: ['quantile'], type: 'gauge' },
        { name: `${metric.name}_sum`, part: 'sum', extra: [], type: 'counter' },
        { name: `${metric.name}_count`, part: 'count', extra: [], type: 'counter' },
      ];
    default:
      return [{ name: metric.name, part: 'value', extra: [], type: metric.type }];
  }
}

/**
 * `node_` (or a recording-rule level like `job:`) owns every name it prefixes; a namespace ending otherwise
 * (`up`, `ALERTS`) owns that one name, so `up` does not claim `uptime_seconds`.
 */
const owns = (namespace: string, series: string): boolean =>
  /[_:]$/.test(namespace) ? series.startsWith(namespace) : series === namespace;

/** One index per list of catalogs: the lint, the dashboard checks and the cross-checks each ask for the project's. */
const indexes = new WeakMap<readonly MetricCatalog[], CatalogIndex>();

export function indexCatalogs(catalogs: readonly MetricCatalog[]): CatalogIndex {
  let index = indexes.get(catalogs);
  if (!index) indexes.set(catalogs, (index = buildIndex(catalogs)));
  return index;
}

function buildIndex(catalogs: readonly MetricCatalog[]): CatalogIndex {
  const byName = new Map<string, ResolvedSeries>();
  for (const catalog of catalogs) {
    const target = catalog.targetLabels ?? DEFAULT_TARGET_LABELS;
    for (const metric of catalog.metrics) {
      for (const p of partsOf(metric)) {
        if (byName.has(p.name)) continue; // first catalog wins: a project's own catalog comes first
        byName.set(p.name, {
          catalog, metric, part: p.part, type: p.type,
          labels: [...new Set([...metric.labels, ...p.extra, ...target])],
        });
      }
    }
  }
  const owners = catalogs.flatMap((c) => c.namespaces.map((ns) => ({ ns, c }))).sort((a, b) => b.ns.length - a.ns.length);
  return {
    catalogs,
    resolve: (series) => byName.get(series),
    owner: (series) => {
      const claim = owners.find((o) => owns(o.ns, series));
      return claim ? { catalog: claim.c, namespace: claim.ns } : undefined;
    },
    names: [...byName.keys()].sort(),
  };
}
