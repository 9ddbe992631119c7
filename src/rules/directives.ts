/**
 * `# promforge disable <check>[, <check>…][: reason]` comments in rule files: the YAML spelling of a rule's
 * `lint: { disable, reason }`.
 */
import type { LintDirective, SourceLocation } from './model.js';

const DIRECTIVE = /^promforge\s+disable\s+([^:]+?)\s*(?::\s*(.*))?$/;

export function parseDirective(comment: string, at?: SourceLocation): LintDirective | undefined {
  const m = DIRECTIVE.exec(comment.trim());
  if (!m) return undefined;
  const disable = (m[1] ?? '').split(/[\s,]+/).filter(Boolean);
  const reason = m[2]?.trim();
  return { disable, ...(reason ? { reason } : {}), ...(at ? { at } : {}) };
}
