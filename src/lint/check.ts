/**
 * What a lint check is. One check per module under `checks/`, each with a stable id, the reason it matters
 * and a bad/good example (the README's check list is generated from these, so docs and code cannot drift).
 */
import type { CatalogIndex } from '../catalog/lookup.js';
import type { Expr, VectorSelector } from '../promql/ast.js';
import type { LabelSet } from '../promql/labels.js';
import type { Rule, RuleFile, RuleGroup } from '../rules/model.js';
import type { CheckId } from './ids.js';

export type LintSeverity = 'error' | 'warning';

export interface LintContext {
  readonly index: CatalogIndex;
  /**
   * How often targets are scraped (project config, default 1m): bounds for ranges. With a host manifest, the
   * slowest job's interval, for selectors that name no job.
   */
  readonly scrapeIntervalMs: number;
  /** The scrape interval a selector's series come in at: its job's when it names one the manifest knows. */
  readonly scrapeIntervalOf: (selector: VectorSelector) => { readonly ms: number; readonly job?: string };
  /** Prometheus' global evaluation_interval: a group's interval when it sets none. */
  readonly evaluationIntervalMs: number;
  /** Output labels of every recording rule in the project, by recorded name. */
  readonly recorded: ReadonlyMap<string, LabelSet>;
  /** Output labels of an expression of the rule being linted, with the catalogs and recorded rules. */
  readonly labelsOf: (expr: Expr) => LabelSet;
  /** The target Prometheus ('2.42.0'), as validation parses templates for it; default the newest. */
  readonly prometheusVersion?: string;
}

export interface LintTarget {
  readonly file: RuleFile;
  readonly group: RuleGroup;
  readonly rule: Rule;
  /** The parsed expression; rules whose expression does not parse are reported by validation, not linted. */
  readonly ast: Expr;
}

export interface Finding {
  readonly message: string;
  /** How to fix it, in one sentence. */
  readonly fix?: string;
  /** Characters of the expression the finding is about. */
  readonly span?: { readonly from: number; readonly to: number };
  /** Or the rule field it is about: `for`, `labels.severity`, `annotations.summary`. */
  readonly field?: string;
  /** When one finding of a check is more (or less) serious than the check's default. */
  readonly severity?: LintSeverity;
}

interface CheckInfo {
  readonly id: CheckId;
  readonly severity: LintSeverity;
  /** What it catches, one line. */
  readonly title: string;
  /** Why it matters. */
  readonly why: string;
  /** Rule-file YAML that makes the check fire, and its fixed twin. */
  readonly example: { readonly bad: string; readonly good: string };
}

export interface RuleCheck extends CheckInfo {
  readonly scope: 'rule';
  readonly run: (target: LintTarget, ctx: LintContext) => readonly Finding[];
}

export interface GroupCheck extends CheckInfo {
  readonly scope: 'group';
  readonly run: (group: RuleGroup, file: RuleFile, ctx: LintContext) => readonly Finding[];
}

export type Check = RuleCheck | GroupCheck;

/** Every node of an expression, parents before children. */
export function walk(expr: Expr): readonly Expr[] {
  let nodes = walked.get(expr);
  if (!nodes) {
    const out: Expr[] = [];
    collect(expr, out);
    walked.set(expr, (nodes = Object.freeze(out)));
  }
  return nodes;
}

/**
 * Every check walks the rule's expression: the parse cache hands out one frozen tree per text, so its nodes
 * are listed once (a recursive generator cost a step through every enclosing one for each node).
 */
const walked = new WeakMap<Expr, readonly Expr[]>();

function collect(expr: Expr, out: Expr[]): void {
  out.push(expr);
  switch (expr.kind) {
    case 'MatrixSelector':
      collect(expr.selector, out);
      break;
    case 'Subquery':
    case 'Unary':
    case 'Paren':
      collect(expr.expr, out);
      break;
    case 'Call':
      for (const a of expr.args) collect(a, out);
      break;
    case 'Aggregate':
      if (expr.param) collect(expr.param, out);
      collect(expr.expr, out);
      break;
    case 'Binary':
      collect(expr.lhs, out);
      collect(expr.rhs, out);
      break;
    default:
      break;
  }
}
