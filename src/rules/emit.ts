/**
 * The rule model → rule-file YAML. Keys come out in the order the Prometheus docs list them and nothing else
 * varies (no timestamps, no absolute paths), so the same declarations always give the same bytes.
 */
import { Document } from 'yaml';
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
  return !stray && sameData(toRuleFileDocument(read), toRuleFileDocument(emitted));
}

/**
 * Deep equality of plain data (strings, numbers, arrays, plain objects; key order aside). node:util's
 * isDeepStrictEqual answers the same here, at twice the cost of this for 10,000 rules: it also weighs
 * prototypes, symbols and the rest of what JavaScript values can be.
 */
function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameData(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let keys = 0;
  for (const k in x) {
    if (!Object.hasOwn(x, k)) continue;
    if (!Object.hasOwn(y, k) || !sameData(x[k], y[k])) return false;
    keys++;
  }
  for (const k in y) if (Object.hasOwn(y, k)) keys--;
  return keys === 0;
}
