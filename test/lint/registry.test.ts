import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderChecks, replaceBlock } from '../../src/lint/docs.js';
import { CHECK_IDS } from '../../src/lint/ids.js';
import { CHECKS } from '../../src/lint/registry.js';
import { repoRoot } from '../helpers.js';
import { lintYaml } from './helpers.js';

describe('the check registry', () => {
  it('registers exactly the documented ids, once each', () => {
    // lint/suppression is the runner's own check on suppressions, not a registered module.
    expect(CHECKS.map((c) => c.id).sort()).toEqual(CHECK_IDS.filter((id) => id !== 'lint/suppression').sort());
  });

  it.each(CHECKS.map((c) => [c.id, c] as const))('%s fires on its bad example and not on its good one', (id, check) => {
    expect(lintYaml(check.example.bad, [check]).filter((d) => d.code === id).length).toBeGreaterThan(0);
    expect(lintYaml(check.example.good, [check]).filter((d) => d.code === id)).toEqual([]);
  });

  it.each(CHECKS.map((c) => [c.id, c] as const))('%s says why it matters and how to fix it', (_, check) => {
    expect(check.title.length).toBeGreaterThan(10);
    expect(check.why.length).toBeGreaterThan(40);
    const findings = lintYaml(check.example.bad, [check]);
    expect(findings.every((d) => d.hint && d.hint.length > 5)).toBe(true);
  });

  it('is documented in the README (run npm run docs after changing a check)', () => {
    const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
    expect(replaceBlock(readme, renderChecks(CHECKS))).toBe(readme);
  });
});
