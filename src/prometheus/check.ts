/**
 * Checking a prometheus.yml written by anyone: what `promforge check` does for a Prometheus configuration, as
 * `promtool check config` would for the parts promforge models (global, alerting, rule_files, static scrape
 * configs and their settings; validate.ts).
 *
 * Fields Prometheus has and promforge does not model (service discovery, remote write, TLS, …) are not
 * judged: they are taken out before the shape check and named in the summary, so a valid configuration never
 * fails for using them. A field Prometheus does not have either is an error, as Prometheus refuses it. The rule
 * files `rule_files` lists are found as Prometheus finds them (relative to the configuration's folder, globs
 * expanded) and handed back for the caller to check as rule files; an explicit path that matches nothing is an
 * error, as it is for promtool.
 */
import path from 'node:path';
import type { Version } from '../config/version.js';
import { error, type Diagnostic } from '../diagnostics.js';
import { glob } from '../files/glob.js';
import { closest, orList } from '../lint/checks/promql-series.js';
import { readYaml, type YamlPath } from '../yaml/read.js';
import { describeShapeError, pointerToPath } from '../yaml/shape.js';
import type { ScrapedJobs } from './crosscheck.js';
import { PROMETHEUS_FIELDS } from './fields.js';
import { scrapedJobsOf } from './jobs.js';
import { formatYmlPath, type PrometheusYml } from './model.js';
import { PROMETHEUS_YML_SCHEMA, validatePrometheusShapeAsRead } from './schema.js';
import { validatePrometheusConfig } from './validate.js';

export interface PrometheusConfigCheck {
  readonly diagnostics: readonly Diagnostic[];
  /** The configuration as checked (fields promforge does not model left out), when it could be read. */
  readonly config?: PrometheusYml;
  /** Where the fields promforge does not check are (`remote_write`, `scrape_configs[1].kubernetes_sd_configs`). */
  readonly unchecked: readonly string[];
  /** The files `rule_files` names, found as Prometheus finds them: absolute paths, in its order. */
  readonly ruleFiles: readonly string[];
  /** The jobs its series carry, when the file alone decides them (jobs.ts): for the job check of its rules. */
  readonly scraped?: ScrapedJobs;
}

export function checkPrometheusConfigText(
  text: string,
  file: string,
  options: { readonly prometheusVersion: Version; /** How messages name the file (default: `file`). */ readonly name?: string },
): PrometheusConfigCheck {
  const yaml = readYaml(text, file);
  if (yaml.problems.length > 0) return { diagnostics: yaml.problems.map((p) => error(p.message, { at: p.at })), unchecked: [], ruleFiles: [] };
  const fields = sortFields(yaml.value, PROMETHEUS_YML_SCHEMA, []);
  const diagnostics: Diagnostic[] = fields.unknown.map((u) => error(`field ${u.field} not found in type ${u.type}`, {
    at: yaml.locateKey([...u.path, u.field]), subject: formatYmlPath(u.path) || undefined,
    hint: u.near.length > 0 ? `did you mean ${orList(u.near)}?` : `Prometheus knows no such field in ${u.type}; see its configuration documentation`,
  }));
  const shape = validatePrometheusShapeAsRead(fields.modelled);
  diagnostics.push(...shape.map((e) => error(describeShapeError(e), { at: yaml.locate(pointerToPath(e.instancePath)) })));
  const unchecked = fields.unchecked.map((p) => formatYmlPath(p));
  if (diagnostics.length > 0) return { diagnostics, unchecked, ruleFiles: [] };
  const config = fields.modelled as PrometheusYml;
  diagnostics.push(...validatePrometheusConfig({ config, locate: yaml.locate }, options));
  const found = findRuleFiles(config, file, yaml.locate);
  diagnostics.push(...found.diagnostics);
  const scraped = scrapedJobsOf(yaml.value, options.name ?? file);
  return { diagnostics, config, unchecked, ruleFiles: found.files, ...(scraped ? { scraped } : {}) };
}

interface UnknownField {
  readonly path: YamlPath;
  readonly field: string;
  readonly type: string;
  readonly near: readonly string[];
}

interface Sorted {
  /** The value with the fields promforge does not model taken out. */
  readonly modelled: unknown;
  readonly unchecked: readonly YamlPath[];
  readonly unknown: readonly UnknownField[];
}

/** The parts of a JSON Schema the walk reads. */
interface SchemaNode {
  readonly title?: string;
  readonly properties?: Readonly<Record<string, SchemaNode>>;
  readonly items?: SchemaNode;
  readonly [keyword: string]: unknown;
}

/**
 * Walks the value beside the schema. In each section Prometheus names (a schema `title`), a field the schema has
 * is kept and walked into, one Prometheus has is set aside as unchecked, any other is unknown.
 */
function sortFields(value: unknown, schema: SchemaNode, path: YamlPath): Sorted {
  if (Array.isArray(value) && schema.items) {
    const items = value.map((v, i) => sortFields(v, schema.items!, [...path, i]));
    return { modelled: items.map((s) => s.modelled), unchecked: items.flatMap((s) => s.unchecked), unknown: items.flatMap((s) => s.unknown) };
  }
  const known = schema.title ? PROMETHEUS_FIELDS[schema.title] : undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value) || !schema.properties || !known) {
    return { modelled: value, unchecked: [], unknown: [] };
  }
  const modelled: Record<string, unknown> = {};
  const unchecked: YamlPath[] = [];
  const unknown: UnknownField[] = [];
  for (const [field, v] of Object.entries(value)) {
    const sub = schema.properties[field];
    // An empty section (`global:`) is Prometheus' defaults, as if it were not written.
    if (sub && (v === null || v === '') && (sub['type'] === 'object' || sub['type'] === 'array')) continue;
    if (sub) {
      const sorted = sortFields(v, sub, [...path, field]);
      modelled[field] = sorted.modelled;
      unchecked.push(...sorted.unchecked);
      unknown.push(...sorted.unknown);
    } else if (known.has(field)) {
      unchecked.push([...path, field]);
    } else {
      unknown.push({ path, field, type: schema.title!, near: closest(field, [...known]) });
    }
  }
  return { modelled, unchecked, unknown };
}

/** rule_files as Prometheus resolves them: relative to the configuration's folder, each a glob. */
function findRuleFiles(config: PrometheusYml, file: string, locate: (path: YamlPath) => Diagnostic['at']): { files: string[]; diagnostics: Diagnostic[] } {
  const files: string[] = [];
  const diagnostics: Diagnostic[] = [];
  (config.rule_files ?? []).forEach((pattern, i) => {
    const matches = glob(path.resolve(path.dirname(file), pattern));
    // promtool only lets a pattern match nothing when it has a `*`: an explicit path must exist.
    if (matches.length === 0 && !pattern.includes('*')) {
      const at = locate(['rule_files', i]);
      diagnostics.push(error(`${JSON.stringify(pattern)} does not point to an existing file`, {
        ...(at ? { at } : {}), subject: `rule_files[${i}]`, hint: 'rule_files are relative to the folder of prometheus.yml',
      }));
    }
    files.push(...matches);
  });
  return { files, diagnostics };
}

/** One line for `promforge check`'s summary. */
export function summarizePrometheusConfigCheck(file: string, check: PrometheusConfigCheck): string {
  if (check.diagnostics.some((d) => d.severity === 'error') || !check.config) return `${file}: FAILED`;
  const jobs = check.config.scrape_configs?.length ?? 0;
  const rules = check.ruleFiles.length;
  const notChecked = check.unchecked.length > 0
    ? ` (not checked by promforge: ${check.unchecked.join(', ')}; promtool check config judges those)`
    : '';
  return `${file}: SUCCESS: ${jobs} scrape config${jobs === 1 ? '' : 's'}, ${rules} rule file${rules === 1 ? '' : 's'}${notChecked}`;
}
