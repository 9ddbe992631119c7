/**
 * The checks promtool makes when it loads a rule file (rulefmt's validation), plus the target-version checks
 * promtool cannot make for a version it is not. Runs on the model, so it serves `rules/*.ts` declarations and
 * YAML files alike; problems point at the field's position when the source had one.
 */
import { error, warning, type Diagnostic } from '../diagnostics.js';
import { atLeast, formatVersion, type Version } from '../config/version.js';
import { parsePromQL, type PromQLOptions } from '../promql/parse.js';
import { checkRuleTemplate } from '../template/prometheus.js';
import { fieldAt, insideField } from './origin.js';
import { GROUP_FIELD_SINCE, RULE_FIELD_SINCE, usesLegacyNames } from './features.js';
import { describeRule, ruleName, type Rule, type RuleFile, type RuleGroup, type SourceLocation } from './model.js';
import { isValidLabelName, isValidLabelValue, isValidMetricName, type NameValidation } from './names.js';
import { isPromDuration } from '../promql/duration.js';

export interface ValidateOptions {
  /** The Prometheus version the file must load in. */
  readonly prometheusVersion: Version;
  /** Defaults to what the version does: legacy names before 3.0. */
  readonly nameValidation?: NameValidation;
  /** promtool's `--enable-feature` values that change what PromQL parses. */
  readonly features?: PromQLOptions['features'];
}

type Problems = Diagnostic[];

export function validateRuleFile(file: RuleFile, options: ValidateOptions): Diagnostic[] {
  const problems: Problems = [];
  const seen = new Set<string>();
  const names: NameValidation = options.nameValidation ?? (usesLegacyNames(options.prometheusVersion) ? 'legacy' : 'utf8');
  // One options object for every expression: parsePromQL's cache is keyed by text and these options.
  const promql: PromQLOptions = { features: options.features, prometheusVersion: formatVersion(options.prometheusVersion) };
  for (const group of file.groups) {
    // Origins are looked up only for a problem: a YAML file's positions are worked out when first asked for.
    const at = (): SourceLocation | undefined => group.origin.at;
    const subject = `group "${group.name}"`;
    if (group.name === '') problems.push(error('Groupname must not be empty', { at: group.origin.fields?.['name'] ?? at() }));
    if (seen.has(group.name)) {
      problems.push(error(`groupname: "${group.name}" is repeated in the same file`, {
        at: group.origin.fields?.['name'] ?? at(), hint: 'group names must be unique within a file',
      }));
    }
    seen.add(group.name);
    checkGroupFields(group, options.prometheusVersion, problems);
    for (const [k, v] of Object.entries(group.labels ?? {})) {
      if (!isValidLabelName(k, names) || k === '__name__') problems.push(error(`invalid label name: ${k}`, { at: at(), subject }));
      if (!isValidLabelValue(v)) problems.push(error(`invalid label value: ${v}`, { at: at(), subject }));
    }
    for (const rule of group.rules) validateRule(rule, group, options, names, promql, problems);
  }
  return problems;
}

function checkGroupFields(group: RuleGroup, target: Version, problems: Problems): void {
  const subject = `group "${group.name}"`;
  for (const field of ['interval', 'query_offset'] as const) {
    const v = group[field];
    if (v !== undefined && !isPromDuration(v)) {
      problems.push(error(`${field}: not a valid duration string: "${v}"`, { at: fieldAt(group.origin, field), subject, hint: DURATION_HINT }));
    }
  }
  if (group.limit !== undefined && (!Number.isInteger(group.limit) || group.limit < 0)) {
    problems.push(error(`limit must be a non-negative integer, got ${group.limit}`, { at: fieldAt(group.origin, 'limit'), subject }));
  }
  for (const [field, feature] of Object.entries(GROUP_FIELD_SINCE)) {
    const present = field === 'labels' ? Object.keys(group.labels ?? {}).length > 0 : group[field as keyof RuleGroup] !== undefined;
    if (present && !atLeast(target, feature.since)) {
      problems.push(tooNew(feature.field, feature.since, target, fieldAt(group.origin, field), subject));
    }
  }
}

function validateRule(rule: Rule, group: RuleGroup, options: ValidateOptions, names: NameValidation, promql: PromQLOptions, problems: Problems): void {
  const subject = `group "${group.name}", ${rule.kind === 'record' && rule.record === '' ? 'rule' : describeRule(rule)}`;
  const at = (field: string): SourceLocation | undefined => fieldAt(rule.origin, field);
  if (rule.kind === 'record') {
    if (rule.stray?.alert !== undefined) {
      problems.push(error("only one of 'record' and 'alert' must be set", { at: at('record'), subject }));
    } else if (rule.record === '') {
      problems.push(error("one of 'record' or 'alert' must be set", { at: rule.origin.at, subject }));
    }
  }
  if (rule.expr.trim() === '') {
    problems.push(error("field 'expr' must be set in rule", { at: at('expr'), subject }));
  } else {
    const parsed = parsePromQL(rule.expr, promql);
    if (!parsed.ok) {
      for (const e of parsed.errors) {
        problems.push(error(`expr ${e.line}:${e.column}: ${e.message}`, {
          at: insideField(rule.origin, 'expr', e.line, e.column), subject,
        }));
      }
    }
  }
  if (rule.kind === 'record') {
    if (rule.stray?.annotations) problems.push(error("invalid field 'annotations' in recording rule", { at: at('annotations'), subject }));
    if (rule.stray?.for !== undefined && rule.stray.for !== '0') {
      problems.push(error("invalid field 'for' in recording rule", { at: at('for'), subject }));
    }
    if (rule.stray?.keep_firing_for !== undefined && rule.stray.keep_firing_for !== '0') {
      problems.push(error("invalid field 'keep_firing_for' in recording rule", { at: at('keep_firing_for'), subject }));
    }
    if (rule.record !== '' && !isValidMetricName(rule.record, names)) {
      problems.push(error(`invalid recording rule name: ${rule.record}`, {
        at: at('record'), subject,
        hint: names === 'legacy' ? 'before Prometheus 3.0 metric names may only contain [a-zA-Z0-9_:] and must not start with a digit' : undefined,
      }));
    }
    if (rule.record.includes('{') || rule.record.includes('}')) {
      problems.push(error(`braces present in the recording rule name; should it be in expr?: ${rule.record}`, { at: at('record'), subject }));
    }
  } else {
    for (const field of ['for', 'keep_firing_for'] as const) {
      const v = rule[field];
      if (v !== undefined && !isPromDuration(v)) {
        problems.push(error(`${field}: not a valid duration string: "${v}"`, { at: at(field), subject, hint: DURATION_HINT }));
      }
    }
    const feature = RULE_FIELD_SINCE['keep_firing_for'];
    if (rule.keep_firing_for !== undefined && feature && !atLeast(options.prometheusVersion, feature.since)) {
      problems.push(tooNew(feature.field, feature.since, options.prometheusVersion, at('keep_firing_for'), subject));
    }
  }
  for (const k in rule.labels) {
    const v = rule.labels[k]!;
    if (!isValidLabelName(k, names) || k === '__name__') problems.push(error(`invalid label name: ${k}`, { at: at(`labels.${k}`), subject }));
    if (!isValidLabelValue(v)) problems.push(error(`invalid label value: ${v}`, { at: at(`labels.${k}`), subject }));
  }
  if (rule.kind === 'alert') {
    for (const k of Object.keys(rule.annotations)) {
      if (!isValidLabelName(k, names)) problems.push(error(`invalid annotation name: ${k}`, { at: at(`annotations.${k}`), subject }));
    }
    checkTemplates(rule, options, subject, problems);
  }
}

/** Alert labels and annotations are Go templates; Prometheus refuses a rule file whose templates do not parse. */
function checkTemplates(rule: Rule & { kind: 'alert' }, options: ValidateOptions, subject: string, problems: Problems): void {
  const version = formatVersion(options.prometheusVersion);
  for (const map of ['labels', 'annotations'] as const) {
    for (const [k, text] of Object.entries(rule[map])) {
      const e = checkRuleTemplate(text, rule.alert, { prometheusVersion: version });
      if (!e) continue;
      const what = map === 'labels' ? 'label' : 'annotation';
      problems.push(error(`${what} "${k}" ${e.line}:${e.column}: ${e.message}`, {
        at: insideField(rule.origin, `${map}.${k}`, e.line, e.column), subject,
      }));
    }
  }
}

/**
 * promtool's duplicate-rules lint: two rules producing the same name with the same labels (group labels
 * included) write the same series, and Prometheus drops one of them with "duplicate sample" warnings.
 * One finding per duplicated name+labels, at its second occurrence.
 */
export function findDuplicateRules(files: readonly RuleFile[]): Diagnostic[] {
  const first = new Map<string, Rule>();
  const reported = new Set<string>();
  const findings: Diagnostic[] = [];
  for (const file of files) {
    for (const group of file.groups) {
      const groupLabels = group.labels && Object.keys(group.labels).length > 0 ? group.labels : undefined;
      for (const rule of group.rules) {
        const key = `${ruleName(rule)}${formatLabels(groupLabels ? { ...groupLabels, ...rule.labels } : rule.labels)}`;
        const earlier = first.get(key);
        if (!earlier) {
          first.set(key, rule);
          continue;
        }
        if (reported.has(key)) continue;
        reported.add(key);
        const firstAt = earlier.origin.at;
        const where = firstAt ? ` (first at ${firstAt.file}:${firstAt.line})` : '';
        findings.push(warning(`duplicate rule: ${key} is also produced by an earlier rule${where}`, {
          at: rule.origin.at, subject: `group "${group.name}", ${describeRule(rule)}`, code: 'promtool/duplicate-rules',
          hint: 'rules with the same name and labels write the same series; give one of them a distinguishing label or remove it',
        }));
      }
    }
  }
  return findings;
}

function formatLabels(labels: Readonly<Record<string, string>>): string {
  const keys = Object.keys(labels);
  if (keys.length === 0) return '';
  if (keys.length > 1) keys.sort();
  let out = '{';
  for (let i = 0; i < keys.length; i++) out += `${i > 0 ? ', ' : ''}${keys[i]}=${JSON.stringify(labels[keys[i]!])}`;
  return `${out}}`;
}

const DURATION_HINT = 'durations are like 30s, 5m, 1h30m: integer amounts, units y w d h m s ms, largest first';

function tooNew(field: string, since: string, target: Version, at: SourceLocation | undefined, subject: string): Diagnostic {
  return error(`${field} needs Prometheus ${since} or later, but the target is ${formatVersion(target)}`, {
    at, subject, hint: 'remove it, or raise prometheus.version in promforge.config.ts (or pass --prometheus-version)',
  });
}

