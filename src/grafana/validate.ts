/**
 * The checks every dashboard goes through, declared or read from a file. Each problem has a stable id
 * (checks/ids.ts), says where (the declaration's line, or the JSON value's), why it matters and how to fix it.
 *
 * Errors are what Grafana refuses or silently mishandles: provisioning skips a dashboard with an empty title
 * with only a log line, a duplicate uid or a duplicate title in one folder stops the whole provider from
 * updating, overlapping panels are moved, a query on a datasource that is not there shows an error.
 */
import { builtinCatalogs } from '../catalog/index.js';
import { indexCatalogs, type CatalogIndex } from '../catalog/lookup.js';
import type { MetricCatalog } from '../catalog/types.js';
import { LATEST_PROMETHEUS } from '../config/version.js';
import type { Diagnostic } from '../diagnostics.js';
import type { LabelSet } from '../promql/labels.js';
import type { ScrapeIntervals } from '../prometheus/intervals.js';
import type { Manifest } from '../prometheus/model.js';
import { checkIdentity, checkUniqueness } from './checks/identity.js';
import { checkLayout } from './checks/layout.js';
import { checkPanels } from './checks/panels.js';
import { checkQueries } from './checks/queries.js';
import type { DashboardModel } from './model.js';

export interface DashboardCheckOptions {
  readonly catalogs?: readonly MetricCatalog[];
  /** Output labels of the project's recording rules, by recorded name. */
  readonly recorded?: ReadonlyMap<string, LabelSet>;
  readonly scrapeIntervalMs?: number;
  /** Per-job scrape intervals from the host manifest. */
  readonly scrapeIntervals?: ScrapeIntervals;
  /** The host manifest: a query naming a job or instance it does not scrape is reported (prometheus/job). */
  readonly manifest?: Manifest;
  readonly evaluationIntervalMs?: number;
  /** e.g. '2.42.0'; default the newest Prometheus. */
  readonly prometheusVersion?: string;
  /** Lint checks switched off for the project (promforge.config.ts `lint.disable`). */
  readonly disable?: readonly string[];
}

const MINUTE = 60_000;

/** Every check on each dashboard, then the ones across them (provisioning loads them all together). */
export function validateDashboards(dashboards: readonly DashboardModel[], options: DashboardCheckOptions = {}): Diagnostic[] {
  const index: CatalogIndex = indexCatalogs(options.catalogs ?? builtinCatalogs);
  const ctx = {
    index,
    recorded: options.recorded ?? new Map<string, LabelSet>(),
    scrapeIntervalMs: options.scrapeIntervalMs ?? MINUTE,
    ...(options.scrapeIntervals ? { scrapeIntervals: options.scrapeIntervals } : {}),
    ...(options.manifest ? { manifest: options.manifest } : {}),
    evaluationIntervalMs: options.evaluationIntervalMs ?? MINUTE,
    prometheusVersion: options.prometheusVersion ?? LATEST_PROMETHEUS,
    ...(options.disable ? { disable: options.disable } : {}),
    clean: new Set<string>(),
  };
  const out: Diagnostic[] = [];
  for (const d of dashboards) {
    const identity = checkIdentity(d);
    out.push(...identity);
    // An API envelope is not a dashboard: nothing inside it is where the checks look.
    if (identity.some((x) => x.code === 'dashboard/envelope')) continue;
    out.push(...checkLayout(d), ...checkPanels(d), ...checkQueries(d, ctx));
  }
  out.push(...checkUniqueness(dashboards));
  return out;
}
