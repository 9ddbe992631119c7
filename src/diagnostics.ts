/**
 * Problems found in declarations or files. Every step of the pipeline reports through this one shape, so the
 * CLI prints them all the same way: the place first, then what is wrong, then (where we know it) the fix.
 */
import path from 'node:path';
import type { SourceLocation } from './rules/model.js';

export type DiagnosticSeverity = 'error' | 'warning';

export interface Diagnostic {
  readonly severity: DiagnosticSeverity;
  /** Where: a TypeScript call site or a YAML position. */
  readonly at?: SourceLocation;
  /** What: `group "nix-cache", alert NixCacheNotAccessible`. */
  readonly subject?: string;
  readonly message: string;
  /** How to fix it, printed on a second line. */
  readonly hint?: string;
  /** Stable id for lint findings (`promtool/duplicate-rules`); absent for plain validity errors. */
  readonly code?: string;
}

export const error = (message: string, extra: Omit<Diagnostic, 'severity' | 'message'> = {}): Diagnostic => ({
  severity: 'error',
  message,
  ...extra,
});

export const warning = (message: string, extra: Omit<Diagnostic, 'severity' | 'message'> = {}): Diagnostic => ({
  severity: 'warning',
  message,
  ...extra,
});

export const hasErrors = (diagnostics: readonly Diagnostic[]): boolean =>
  diagnostics.some((d) => d.severity === 'error');

/** Paths are shown relative to `cwd` when they are inside it, as editors and terminals link them. */
export function formatLocation(at: SourceLocation, cwd = process.cwd()): string {
  const rel = path.relative(cwd, at.file);
  const file = rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : at.file;
  return `${file}:${at.line}:${at.column}`;
}

export function formatDiagnostic(d: Diagnostic, cwd = process.cwd()): string {
  const place = d.at ? `${formatLocation(d.at, cwd)}: ` : '';
  const level = d.severity === 'warning' ? 'warning: ' : '';
  const subject = d.subject ? `${d.subject}: ` : '';
  const code = d.code ? ` [${d.code}]` : '';
  const first = `${place}${level}${subject}${d.message}${code}`;
  return d.hint ? `${first}\n  ${d.hint}` : first;
}
