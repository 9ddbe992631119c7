/**
 * Lint output for people (text), tools (json) and GitHub Actions (workflow annotations).
 */
import path from 'node:path';
import { formatDiagnostic, type Diagnostic } from '../diagnostics.js';

export type ReportFormat = 'text' | 'json' | 'github';
export const REPORT_FORMATS: readonly ReportFormat[] = ['text', 'json', 'github'];

export interface JsonFinding {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly check: string;
  readonly severity: 'error' | 'warning';
  readonly message: string;
}

const relative = (file: string, cwd: string): string => {
  const rel = path.relative(cwd, file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : file;
};

const messageOf = (d: Diagnostic): string => `${d.subject ? `${d.subject}: ` : ''}${d.message}${d.hint ? ` (${d.hint})` : ''}`;

export function toJson(diagnostics: readonly Diagnostic[], cwd: string): JsonFinding[] {
  return diagnostics.map((d) => ({
    file: d.at ? relative(d.at.file, cwd) : '',
    line: d.at?.line ?? 1,
    column: d.at?.column ?? 1,
    check: d.code ?? 'promtool/validity',
    severity: d.severity,
    message: messageOf(d),
  }));
}

/** GitHub's workflow-command escaping: `%`, CR and LF in data; also `:` and `,` in properties. */
const escapeData = (s: string): string => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string): string => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

export function formatReport(diagnostics: readonly Diagnostic[], format: ReportFormat, cwd: string): string[] {
  switch (format) {
    case 'text':
      return diagnostics.map((d) => formatDiagnostic(d, cwd));
    case 'json':
      return [JSON.stringify(toJson(diagnostics, cwd), null, 2)];
    case 'github':
      return toJson(diagnostics, cwd).map((f) => {
        const props = [`file=${escapeProperty(f.file)}`, `line=${f.line}`, `col=${f.column}`, `title=${escapeProperty(f.check)}`];
        return `::${f.severity} ${props.join(',')}::${escapeData(f.message)}`;
      });
  }
}
