/** Every lint check, in the order the README lists them. */
import type { Check } from './check.js';
import { alertsAbsent } from './checks/alerts-absent.js';
import { alertsComparison } from './checks/alerts-comparison.js';
import { alertsDescription } from './checks/alerts-description.js';
import { alertsFor } from './checks/alerts-for.js';
import { alertsName } from './checks/alerts-name.js';
import { alertsSeverity } from './checks/alerts-severity.js';
import { alertsSummary } from './checks/alerts-summary.js';
import { alertsTemplate } from './checks/alerts-template.js';
import { promqlCounter } from './checks/promql-counter.js';
import { promqlDivision } from './checks/promql-division.js';
import { promqlImpossible } from './checks/promql-impossible.js';
import { promqlLabelMatch } from './checks/promql-label-match.js';
import { promqlRange } from './checks/promql-range.js';
import { promqlRate } from './checks/promql-rate.js';
import { promqlRegexp } from './checks/promql-regexp.js';
import { promqlSeries } from './checks/promql-series.js';
import { rulesInterval } from './checks/rules-interval.js';

export const CHECKS: readonly Check[] = [
  promqlSeries,
  promqlRate,
  promqlCounter,
  promqlRange,
  promqlImpossible,
  promqlLabelMatch,
  promqlRegexp,
  promqlDivision,
  alertsTemplate,
  alertsComparison,
  alertsAbsent,
  alertsFor,
  rulesInterval,
  alertsSeverity,
  alertsSummary,
  alertsDescription,
  alertsName,
];
