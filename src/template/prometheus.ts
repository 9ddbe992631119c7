// The template check Prometheus runs on alerting rules when it loads a rule
// file (rulefmt's testTemplateParsing), reproduced so that `promtool check
// rules` failures surface while the rules are still TypeScript.

import { prometheusTemplateFunctions } from './functions.js';
import { locateOffset, parseTemplate, type TemplateError, type TemplateParseResult } from './parse.js';

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
  const result = parseTemplate(RULE_TEMPLATE_HEADER + text, {
    name: ruleTemplateName(ruleName),
    funcs: prometheusTemplateFunctions(opts.prometheusVersion),
  });
  return result.ok ? result : { ok: false, error: relativeToUserText(result.error, text) };
}

/** The error Prometheus would report for this label/annotation template, if any. */
export function checkRuleTemplate(text: string, ruleName: string, opts: RuleTemplateOptions = {}): TemplateError | undefined {
  const result = parseRuleTemplate(text, ruleName, opts);
  return result.ok ? undefined : result.error;
}
