// The template check Prometheus runs on alerting rules when it loads a rule
// file (rulefmt's testTemplateParsing), reproduced so that `promtool check
// rules` failures surface while the rules are still TypeScript.

import { executeTemplate } from './exec.js';
import { prometheusTemplateFunctions } from './functions.js';
import { formatTemplateError, locateOffset, parseTemplate, type TemplateError, type TemplateParseResult, type TemplateTree } from './parse.js';
import { prometheusFuncs, prometheusTypes, resolveVersion, sampleValue, type QueryHook } from './prometheus-funcs.js';
import { goString, goStruct, stringMap } from './values.js';

/**
 * Prometheus prepends these declarations to every label and annotation
 * template. They sit on one line and contain no newline, so line numbers in
 * Go's messages are those of the user's text.
 */
export const RULE_TEMPLATE_HEADER =
  '{{$labels := .Labels}}{{$externalLabels := .ExternalLabels}}{{$externalURL := .ExternalURL}}{{$value := .Value}}';

/** The dot of a rule template, as built by Prometheus' AlertTemplateData. */
export interface RuleTemplateData<Histogram = never> {
  readonly Labels: Readonly<Record<string, string>>;
  readonly ExternalLabels: Readonly<Record<string, string>>;
  readonly ExternalURL: string;
  /** The sample's float value, or its native histogram when the sample is one. */
  readonly Value: number | Histogram;
}

export function ruleTemplateData<Histogram = never>(
  labels: Readonly<Record<string, string>>,
  externalLabels: Readonly<Record<string, string>>,
  externalURL: string,
  value: number | Histogram,
): RuleTemplateData<Histogram> {
  return { Labels: labels, ExternalLabels: externalLabels, ExternalURL: externalURL, Value: value };
}

export interface RuleTemplateOptions {
  /** Target Prometheus release, e.g. "2.42"; functions added later are undefined. Default: newest. */
  prometheusVersion?: string;
}

/** Prometheus names each rule template after its alert. */
export function ruleTemplateName(ruleName: string): string {
  return `__alert_${ruleName}`;
}

/** Moves an error found in header+text back into the coordinates of the user's text. */
function relativeToUserText(error: TemplateError, text: string): TemplateError {
  const offset = Math.max(0, error.offset - RULE_TEMPLATE_HEADER.length);
  return { ...error, offset, ...locateOffset(text, offset) };
}

/**
 * Parses a rule template exactly as Prometheus does (header prepended, rule
 * functions only). The tree covers header plus text, since the header's
 * declarations are what an executor needs to run; errors are relative to `text`.
 */
export function parseRuleTemplate(text: string, ruleName: string, opts: RuleTemplateOptions = {}): TemplateParseResult {
  const name = ruleTemplateName(ruleName);
  const key = `${opts.prometheusVersion ?? ''}\u0000${text}`;
  const cached = parsedTemplates.get(key);
  if (cached) return { ok: true, tree: { name, text: cached.text, root: cached.root, templates: new Map([[name, { name, root: cached.root }]]) } };
  const result = parseTemplate(RULE_TEMPLATE_HEADER + text, { name, funcs: prometheusTemplateFunctions(opts.prometheusVersion) });
  if (!result.ok) return { ok: false, error: relativeToUserText(result.error, text) };
  if (nameIndependent(text, result.tree)) {
    if (parsedTemplates.size >= CACHE_LIMIT) parsedTemplates.clear();
    parsedTemplates.set(key, { text: result.tree.text, root: deepFreeze(result.tree.root) });
  }
  return result;
}

/**
 * Parsed rule templates by target and text, without the template's name. Alerts repeat the same summary and
 * description templates, and the build parses each several times (validation, lint, the verify read-back).
 * Only a template that defines nothing is kept: its tree does not depend on its name beyond the tree set's
 * one entry, which is rebuilt per alert. Failures are not kept, since their messages can name the template.
 */
const parsedTemplates = new Map<string, { readonly text: string; readonly root: TemplateTree['root'] }>();
const CACHE_LIMIT = 100_000;

const nameIndependent = (text: string, tree: TemplateTree): boolean =>
  tree.templates.size === 1 && !text.includes('define') && !text.includes('block');

function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  for (const v of Object.values(value)) deepFreeze(v);
  return Object.freeze(value);
}

/** The error Prometheus would report for this label/annotation template, if any. */
export function checkRuleTemplate(text: string, ruleName: string, opts: RuleTemplateOptions = {}): TemplateError | undefined {
  const result = parseRuleTemplate(text, ruleName, opts);
  return result.ok ? undefined : result.error;
}

export type { QueryHook, QuerySample } from './prometheus-funcs.js';

export interface RuleTemplateExpandOptions extends RuleTemplateOptions {
  /** Runs `query "..."` calls (the rule test runner passes the PromQL engine). Without it, `query` fails. */
  query?: QueryHook;
  /** Evaluation time in milliseconds since the epoch, for `now`. Default: Date.now(). */
  timestamp?: number;
  /** Fail once the output exceeds this many characters. */
  maxOutput?: number;
}

export interface RuleTemplateExpandError {
  /** Prometheus' text: `error executing template __alert_X: template: __alert_X:1:120: executing ...`. */
  readonly message: string;
  /** Position in the user's text (1-based line and column) of what Go blames. */
  readonly line: number;
  readonly column: number;
  readonly offset: number;
}

export type RuleTemplateExpansion = { readonly ok: true; readonly output: string } | { readonly ok: false; readonly error: RuleTemplateExpandError };

/**
 * Expands an alert label or annotation template as Prometheus' alerting rule does
 * (header prepended, its function map, missingkey=zero) against the alert's data.
 * Messages keep Go's positions, which count the header on the first line.
 */
export function expandRuleTemplate<Histogram = never>(
  text: string,
  ruleName: string,
  data: RuleTemplateData<Histogram>,
  opts: RuleTemplateExpandOptions = {},
): RuleTemplateExpansion {
  // Without an action the text is its own output (the header only declares variables): Prometheus renders
  // every alert's labels and annotations at every evaluation, and most label values are plain text.
  const version = resolveVersion(opts.prometheusVersion);
  if (!text.includes('{{') && opts.maxOutput === undefined) return { ok: true, output: text };
  const name = ruleTemplateName(ruleName);
  const parsed = parseRuleTemplate(text, ruleName, opts);
  if (!parsed.ok) {
    const { line, column, offset } = parsed.error;
    return { ok: false, error: { message: `error parsing template ${name}: ${formatTemplateError(parsed.error, name)}`, line, column, offset } };
  }
  const types = prometheusTypes(version);
  const dot = goStruct(types.alertData, [
    stringMap(data.Labels),
    stringMap(data.ExternalLabels),
    goString(data.ExternalURL),
    sampleValue(data.Value, types),
  ]);
  // A template that calls no function by name never looks one up: it needs no function map.
  const funcs = callsFunctions(parsed.tree) ? prometheusFuncs({
    ...(opts.query ? { query: opts.query } : {}),
    ...(opts.timestamp !== undefined ? { timestamp: opts.timestamp } : {}),
    ...(opts.prometheusVersion !== undefined ? { prometheusVersion: opts.prometheusVersion } : {}),
    externalURL: data.ExternalURL,
  }) : NO_FUNCTIONS;
  const result = executeTemplate(parsed.tree, dot, { funcs, missingKey: 'zero', ...(opts.maxOutput !== undefined ? { maxOutput: opts.maxOutput } : {}) });
  if (result.ok) return { ok: true, output: result.output };
  const offset = Math.max(0, result.error.offset - RULE_TEMPLATE_HEADER.length);
  return {
    ok: false,
    error: { message: `error executing template ${name}: ${result.error.message}`, offset, ...locateOffset(text, offset) },
  };
}

const NO_FUNCTIONS = new Map<string, never>();

/** Whether any template of the tree names a function (an identifier node), remembered per parsed root. */
function callsFunctions(tree: TemplateTree): boolean {
  for (const t of tree.templates.values()) {
    let known = namesFunctions.get(t.root);
    if (known === undefined) namesFunctions.set(t.root, (known = hasIdentifier(t.root)));
    if (known) return true;
  }
  return false;
}

const namesFunctions = new WeakMap<object, boolean>();

function hasIdentifier(node: unknown): boolean {
  if (node === null || typeof node !== 'object') return false;
  if ((node as { type?: unknown }).type === 'identifier') return true;
  return Object.values(node).some(hasIdentifier);
}

/**
 * What an alert carries for this template: the expansion, or on failure the
 * `<error expanding template: ...>` text Prometheus puts in its place.
 */
export function renderAlertTemplate<Histogram = never>(
  text: string,
  ruleName: string,
  data: RuleTemplateData<Histogram>,
  opts: RuleTemplateExpandOptions = {},
): string {
  const r = expandRuleTemplate(text, ruleName, data, opts);
  return r.ok ? r.output : `<error expanding template: ${r.error.message}>`;
}
