/**
 * Turning a place inside a rule (a field, or a line/column inside a field's text) into a file position. YAML
 * input knows every field's position; TypeScript declarations know the line of the `alert(...)` call, which is
 * where such errors point.
 */
import { locateInScalar } from '../yaml/read.js';
import type { Origin, SourceLocation } from './model.js';

export const fieldAt = (origin: Origin, field: string): SourceLocation | undefined => origin.fields?.[field] ?? origin.at;

export function insideField(origin: Origin, field: string, line: number, column: number): SourceLocation | undefined {
  const mapping = origin.scalars?.[field];
  return mapping ? locateInScalar(mapping, line, column) : fieldAt(origin, field);
}

/** 1-based line and column of a character offset in a text. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, offset));
  const lines = before.split('\n');
  return { line: lines.length, column: (lines[lines.length - 1]?.length ?? 0) + 1 };
}
