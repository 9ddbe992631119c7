import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileProject, verifyEmitted, type Compiled } from '../../src/build/pipeline.js';
import type { OutputFile } from '../../src/build/write.js';
import { fixtureProject, tempDir } from '../helpers.js';

// The read-back before out/ is touched: every emitted rule file must read back as the rules that were checked.

const RULES = 'prometheus/rules/example.yaml';

/** The compiled files written to a fresh folder, with the rule file's text changed by `edit`; verify's problems. */
function verifyWritten(compiled: Compiled, edit: (text: string) => string = (t) => t): string[] {
  const dir = tempDir();
  for (const f of compiled.files) {
    const full = path.join(dir, ...f.path.split('/'));
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, f.path === RULES ? edit(f.content) : f.content);
  }
  return verifyEmitted(compiled.config!, compiled.files, compiled.manifest)(dir) as string[];
}

describe('verifying emitted rule files', () => {
  it('passes what was emitted', async () => {
    const compiled = await compileProject(fixtureProject('minimal'));
    expect(compiled.files.map((f) => f.path)).toContain(RULES);
    expect(verifyWritten(compiled)).toEqual([]);
  });

  it('fails a file that reads back as valid rules other than the ones checked (an emitter bug)', async () => {
    const compiled = await compileProject(fixtureProject('minimal'));
    expect(verifyWritten(compiled, (t) => t.replace('for: 5m', 'for: 6m'))).toEqual([`${RULES}: reads back unlike the rules that were checked`]);
    expect(verifyWritten(compiled, (t) => t.replace('severity: critical', 'severity: warning'))).toEqual([`${RULES}: reads back unlike the rules that were checked`]);
  });

  it('fails a file that does not read back, at its line', async () => {
    const compiled = await compileProject(fixtureProject('minimal'));
    const problems = verifyWritten(compiled, (t) => t.replace('for: 5m', 'for: [5m'));
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]).toMatch(/example\.yaml:\d+:\d+: /);
  });

  it('validates a time-scaled file again, having never validated its scaled durations', async () => {
    const compiled = await compileProject(fixtureProject('minimal'), {}, { timeScale: { numerator: 1, denominator: 60 } });
    expect(verifyWritten(compiled)).toEqual([]);
    // Valid rules differing from the scaled model are not an emitter bug the verify can see: they are validated.
    expect(verifyWritten(compiled, (t) => t.replace('expr: up == 0', 'expr: up == 1'))).toEqual([]);
    const problems = verifyWritten(compiled, (t) => t.replace('expr: up == 0', 'expr: up == (0'));
    expect(problems).toEqual([expect.stringMatching(/example\.yaml:\d+:\d+: .*expr.*parse error/)]);
  });

  it('validates a rule file it has no checked model for', async () => {
    const compiled = await compileProject(fixtureProject('minimal'));
    const copies: OutputFile[] = compiled.files.map((f) => ({ ...f }));
    const dir = tempDir();
    for (const f of copies) {
      const full = path.join(dir, ...f.path.split('/'));
      fs.mkdirSync(path.dirname(full), { recursive: true });
      fs.writeFileSync(full, f.path === RULES ? f.content.replace('expr: up == 0', 'expr: up == (0') : f.content);
    }
    const problems = verifyEmitted(compiled.config!, copies, compiled.manifest)(dir) as string[];
    expect(problems).toEqual([expect.stringMatching(/example\.yaml:\d+:\d+: .*parse error/)]);
  });
});
