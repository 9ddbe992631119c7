/**
 * The shipped homelab project as the dashboard tests see it: the dashboards as the build checks and emits them
 * (normalised JSON), the alerting rules as the build lowers them, and PromQL helpers to read both.
 */
import path from 'node:path';
import { discoverModules, importDefault } from '../../src/build/load.js';
import { loadConfig } from '../../src/build/pipeline.js';
import { checkAndEmitGrafana, linkTargets, loadDashboards, type GrafanaBuild } from '../../src/grafana/build.js';
import { isJsonObject, type Json, type JsonObject } from '../../src/grafana/model.js';
import { children, parsePromQL, type Expr } from '../../src/promql/index.js';
import { lowerOptionsFor, lowerRulesModule } from '../../src/rules/declarations.js';
import type { AlertingRule, RuleFile } from '../../src/rules/model.js';
import { repoRoot } from '../helpers.js';

export interface Homelab {
  readonly grafana: GrafanaBuild;
  readonly alerts: readonly (AlertingRule & { readonly module: string })[];
}

let loaded: Promise<Homelab> | undefined;

/** Loaded once per test file: importing every module of the project takes a moment. */
export function homelab(): Promise<Homelab> {
  loaded ??= (async () => {
    const { config, diagnostics } = await loadConfig(repoRoot, {});
    if (!config) throw new Error(`promforge.config.ts: ${diagnostics.map((d) => d.message).join('; ')}`);
    // As the build does: dashboards first, since alerts link to them.
    const dashboards = await loadDashboards(repoRoot);
    const options = lowerOptionsFor(config, linkTargets(dashboards));
    const alerts: (AlertingRule & { module: string })[] = [];
    const ruleFiles: RuleFile[] = [];
    for (const file of discoverModules(config.rulesDir)) {
      const imported = await importDefault(file);
      if (!imported.ok) throw new Error(imported.diagnostic.message);
      const lowered = lowerRulesModule(file, imported.exported, options);
      const errors = lowered.diagnostics.filter((d) => d.severity === 'error');
      if (errors.length > 0 || !lowered.file) throw new Error(`${file}: ${errors.map((d) => d.message).join('; ')}`);
      ruleFiles.push(lowered.file);
      for (const group of lowered.file.groups) {
        for (const rule of group.rules) if (rule.kind === 'alert') alerts.push({ ...rule, module: path.basename(file, '.ts') });
      }
    }
    return { grafana: checkAndEmitGrafana(repoRoot, config, dashboards, ruleFiles), alerts };
  })();
  return loaded;
}

export interface Panel {
  readonly dashboard: string;
  readonly json: JsonObject;
  readonly title: string;
  readonly type: string;
  readonly exprs: readonly string[];
}

const str = (v: Json | undefined): string => (typeof v === 'string' ? v : '');
const list = (v: Json | undefined): readonly Json[] => (Array.isArray(v) ? v : []);

/** Every panel of a dashboard with its Prometheus queries, rows' nested panels included. */
export function panels(dashboard: JsonObject): Panel[] {
  const out: Panel[] = [];
  const walk = (items: Json | undefined): void => {
    for (const p of list(items)) {
      if (!isJsonObject(p)) continue;
      const exprs = list(p['targets']).filter(isJsonObject).map((t) => str(t['expr'])).filter((e) => e !== '');
      out.push({ dashboard: str(dashboard['uid']), json: p, title: str(p['title']), type: str(p['type']), exprs });
      walk(p['panels']);
    }
  };
  walk(dashboard['panels']);
  return out;
}

/** Grafana's interval variables as a fixed duration, and `$var` matcher values as a regex: enough to parse. */
export const withoutVariables = (expr: string): string =>
  expr.replace(/\$__(rate_interval|interval|range)/g, '5m').replace(/\$\{?\w+\}?/g, '.+');

export function parse(expr: string): Expr {
  const parsed = parsePromQL(withoutVariables(expr));
  if (!parsed.ok) throw new Error(`${expr}: ${parsed.errors.map((e) => e.message).join('; ')}`);
  return parsed.ast;
}

export function* walk(e: Expr): Generator<Expr> {
  yield e;
  for (const c of children(e)) yield* walk(c);
}

/** The metric names an expression selects. */
export const metricsOf = (expr: string): string[] =>
  [...walk(parse(expr))].flatMap((e) => (e.kind === 'VectorSelector' && e.name !== undefined ? [e.name] : []));

/** The numbers an expression compares against (`x > 0.85` → 0.85), in order. */
export const comparedTo = (expr: string): number[] =>
  [...walk(parse(expr))].flatMap((e) =>
    e.kind === 'Binary' && ['>', '<', '>=', '<='].includes(e.op) && e.rhs.kind === 'NumberLiteral' ? [e.rhs.value] : [],
  );

/** The values of a panel's threshold steps (the base step, `null`, left out). */
export function thresholdSteps(panel: Panel): number[] {
  const field = panel.json['fieldConfig'];
  const defaults = isJsonObject(field) ? field['defaults'] : undefined;
  const thresholds = isJsonObject(defaults) ? defaults['thresholds'] : undefined;
  const steps = isJsonObject(thresholds) ? list(thresholds['steps']) : [];
  return steps.filter(isJsonObject).map((s) => s['value']).filter((v): v is number => typeof v === 'number');
}
