/**
 * The rule model → rule-file YAML. Keys come out in the order the Prometheus docs list them and nothing else
 * varies (no timestamps, no absolute paths), so the same declarations always give the same bytes.
 */
import { Document } from 'yaml';
import { firstDifference } from '../build/difference.js';
import { blockYaml } from './block-yaml.js';
import type { Labels, Rule, RuleFile, RuleGroup } from './model.js';

/** The plain document promtool reads; also what the JSON Schema validates before anything is written. */
export function toRuleFileDocument(file: RuleFile): { groups: Record<string, unknown>[] } {
  return { groups: file.groups.map(groupDocument) };
}

function groupDocument(group: RuleGroup): Record<string, unknown> {
  return {
    name: group.name,
    ...(group.interval !== undefined ? { interval: group.interval } : {}),
    ...(group.query_offset !== undefined ? { query_offset: group.query_offset } : {}),
    ...(group.limit !== undefined ? { limit: group.limit } : {}),
    ...(nonEmpty(group.labels) ? { labels: { ...group.labels } } : {}),
    rules: group.rules.map(ruleDocument),
  };
}

function ruleDocument(rule: Rule): Record<string, unknown> {
  if (rule.kind === 'record') {
    return { record: rule.record, expr: rule.expr, ...(nonEmpty(rule.labels) ? { labels: { ...rule.labels } } : {}) };
  }
  return {
    alert: rule.alert,
    expr: rule.expr,
    ...(rule.for !== undefined ? { for: rule.for } : {}),
    ...(rule.keep_firing_for !== undefined ? { keep_firing_for: rule.keep_firing_for } : {}),
    ...(nonEmpty(rule.labels) ? { labels: { ...rule.labels } } : {}),
    ...(nonEmpty(rule.annotations) ? { annotations: { ...rule.annotations } } : {}),
  };
}

const nonEmpty = (labels: Labels | undefined): labels is Labels => labels !== undefined && Object.keys(labels).length > 0;

/**
 * `header` names the source; it becomes a comment at the top of the file. Multi-line expressions are written
 * as literal blocks so they read as they were declared.
 */
export function emitRuleFile(file: RuleFile, header: string): string {
  const value = toRuleFileDocument(file);
  return blockYaml(value, header) ?? emitWithLibrary(value, header);
}

/** The yaml library's writing, which blockYaml matches byte for byte where it writes at all. */
export function emitWithLibrary(value: { groups: Record<string, unknown>[] }, header: string): string {
  const doc = new Document(value);
  doc.commentBefore = header
    .split('\n')
    .map((l) => (l ? ` ${l}` : ''))
    .join('\n');
  return doc.toString({ lineWidth: 0, blockQuote: 'literal', indentSeq: true });
}

/**
 * Whether a rule file read back from what was emitted holds exactly the rules of `emitted`: the same document,
 * and no fields the document leaves out (a recording rule's stray `for`). Validation judges nothing else (origins
 * only place its messages), so such a file is proven by the validation `emitted` passed.
 */
export function readsBackAs(read: RuleFile, emitted: RuleFile): boolean {
  const stray = read.groups.some((g) => g.rules.some((r) => r.kind === 'record' && r.stray !== undefined));
  return !stray && firstDifference(toRuleFileDocument(read), toRuleFileDocument(emitted)) === undefined;
}
