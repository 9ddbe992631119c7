/**
 * `promforge check` gives promtool's verdict on every `check rules` case of the Prometheus project's own
 * fixtures (../shared/conformance/promtool, see its SOURCE.md), and on every rulefmt fixture.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, conformance } from '../helpers.js';

interface Expectation {
  file: string;
  command: string;
  args?: string[];
  expect: 'pass' | 'fail';
  exit_code: number;
  error_contains?: string;
  name_validation?: 'legacy' | 'utf8';
  cli_reachable?: boolean;
  debian_exit_code?: number;
  debian_failed_for_other_reason?: boolean;
}

const promtoolDir = conformance('promtool');
const expectations = JSON.parse(fs.readFileSync(path.join(promtoolDir, 'expectations.json'), 'utf8')) as Expectation[];
const checkCases = expectations.filter((e) => e.command === 'check rules');

/** promtool 3.x's CLI cannot select legacy names; our equivalent is targeting a 2.x Prometheus. */
const argsFor = (e: Expectation): string[] => [
  ...(e.args ?? []),
  ...(e.name_validation === 'legacy' && e.cli_reachable === false ? ['--prometheus-version', '2.42'] : []),
];

const run = (file: string, args: readonly string[]) =>
  cli(['check', ...args, path.basename(file)], path.join(promtoolDir, path.dirname(file)));

describe('parity with promtool 3.x on the Prometheus fixtures', () => {
  it('has the cases it is meant to cover', () => {
    expect(checkCases.length).toBeGreaterThanOrEqual(33);
  });

  it.each(checkCases.map((e) => [`${e.file} ${argsFor(e).join(' ')} → ${e.expect} (${e.exit_code})`, e] as const))('%s', async (_, e) => {
    const r = await run(e.file, argsFor(e));
    const output = `${r.stdout}\n${r.stderr}`;
    expect(r.code, output).toBe(e.exit_code);
    if (e.error_contains) expect(output).toContain(e.error_contains);
  });
});

describe('every rulefmt fixture', () => {
  const dir = path.join(promtoolDir, 'rulefmt');
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();
  it.each(files)('%s', async (file) => {
    // *.good.yaml and test*.yaml are valid rule files; *.bad.yaml are not, except the one that is only bad
    // under legacy name validation (valid for Prometheus 3).
    const legacyOnly = file === 'legacy_validation_annotation.bad.yaml';
    const r = await run(`rulefmt/${file}`, []);
    expect(r.code, r.stderr).toBe(file.endsWith('.bad.yaml') && !legacyOnly ? 1 : 0);
    if (legacyOnly) expect((await run(`rulefmt/${file}`, ['--prometheus-version', '2.42'])).code).toBe(1);
  });
});

describe('parity with Debian\'s promtool 2.42 under --prometheus-version 2.42', () => {
  // Only cases whose flags 2.42 knows: its verdict on the others is "unknown flag", not about the file.
  const known = new Set(['--lint-fatal']);
  const cases = checkCases.filter((e) => e.debian_exit_code !== undefined && (e.args ?? []).every((a) => known.has(a)) && e.cli_reachable !== false);
  it.each(cases.map((e) => [`${e.file} ${(e.args ?? []).join(' ')} → exit ${e.debian_exit_code}`, e] as const))('%s', async (_, e) => {
    const r = await run(e.file, [...(e.args ?? []), '--prometheus-version', '2.42']);
    expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(e.debian_exit_code);
  });
});
