/**
 * The checks every dashboard goes through, declared or read from a file. Each problem has a stable id, says
 * where (the declaration's line, or the JSON value's), why it matters and how to fix it.
 *
 * Errors are what Grafana refuses or silently mishandles: provisioning skips a dashboard with an empty title
 * with only a log line, and a duplicate uid or a duplicate title in one folder stops the whole provider from
 * updating.
 */
import type { Diagnostic } from '../diagnostics.js';
import { checkIdentity, checkUniqueness } from './checks/identity.js';
import type { DashboardModel } from './model.js';

/** Every check on each dashboard, then the ones across them (provisioning loads them all together). */
export function validateDashboards(dashboards: readonly DashboardModel[]): Diagnostic[] {
  return [...dashboards.flatMap((d) => checkIdentity(d)), ...checkUniqueness(dashboards)];
}
