/**
 * The file and line of the user's code that called one of our declaration functions, read off a stack
 * trace. tsx and vitest install source maps, so the positions are those of the TypeScript source.
 */
import { fileURLToPath } from 'node:url';
import type { SourceLocation } from './rules/model.js';

const FRAME = /\(?((?:file:\/\/)?[^()\s]+?):(\d+):(\d+)\)?$/;

/** The first frame outside the files in `skip` (our API modules) and outside node internals. */
export function callerLocation(skip: readonly string[]): SourceLocation | undefined {
  const stack = new Error().stack ?? '';
  for (const line of stack.split('\n').slice(1)) {
    const m = FRAME.exec(line.trim());
    if (!m || !m[1] || !m[2] || !m[3]) continue;
    const file = m[1].startsWith('file://') ? fileURLToPath(m[1]) : m[1];
    if (file.startsWith('node:') || file.includes('/node_modules/')) continue;
    if (file === thisFile || skip.includes(file)) continue;
    return { file, line: Number(m[2]), column: Number(m[3]) };
  }
  return undefined;
}

const thisFile = fileURLToPath(import.meta.url);
