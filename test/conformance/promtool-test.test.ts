/**
 * `promforge test` gives promtool's verdict on every `test rules` case of the Prometheus fixtures
 * (../shared/conformance/promtool/expectations.json): same exit code, and the message promtool prints.
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
  cli_reachable?: boolean;
}

const dir = conformance('promtool');
const cases = (JSON.parse(fs.readFileSync(path.join(dir, 'expectations.json'), 'utf8')) as Expectation[])
  .filter((e) => e.command === 'test rules' && e.cli_reachable !== false);

describe('parity with promtool test rules on the Prometheus fixtures', () => {
  it('has the cases it is meant to cover', () => {
    expect(cases.length).toBeGreaterThanOrEqual(19);
  });

  it.each(cases.map((e) => [`${e.file} ${(e.args ?? []).join(' ')} → ${e.expect} (${e.exit_code})`, e] as const))('%s', async (_, e) => {
    const r = await cli(['test', ...(e.args ?? []), e.file], dir);
    const output = `${r.stdout}\n${r.stderr}`;
    expect(r.code, output).toBe(e.exit_code);
    if (e.error_contains) expect(output).toContain(e.error_contains);
  });
});
