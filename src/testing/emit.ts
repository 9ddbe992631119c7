/** The test model → a promtool unit-test file, byte-stable like every file the build writes. */
import { Document } from 'yaml';
import type { RuleTestFile } from './model.js';

export function emitRuleTestFile(file: RuleTestFile, header: string): string {
  const doc = new Document(JSON.parse(JSON.stringify(file)) as unknown);
  doc.commentBefore = header.split('\n').map((l) => (l ? ` ${l}` : '')).join('\n');
  return doc.toString({ lineWidth: 0, blockQuote: 'literal', indentSeq: true });
}
