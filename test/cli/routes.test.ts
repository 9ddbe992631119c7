/** `promforge routes test|show`: amtool's output for the conformance routing cases, and the command's edges. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIO } from '../../src/cli/io.js';
import { runRoutesShow, runRoutesTest } from '../../src/cli/routes.js';
import { conformance, tempDir } from '../helpers.js';

interface Run {
  readonly code: number;
  readonly stdout: string[];
  readonly stderr: string[];
}

async function capture(f: (io: CliIO) => Promise<number>, cwd = conformance('alertmanager')): Promise<Run> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await f({ cwd, out: (l) => stdout.push(l), err: (l) => stderr.push(l) });
  return { code, stdout, stderr };
}

interface Expectation {
  readonly file: string;
  readonly command: string;
  readonly args: readonly string[];
  readonly expect_receivers: readonly string[];
}

const routing = (JSON.parse(fs.readFileSync(path.join(conformance('alertmanager'), 'expectations.json'), 'utf8')) as Expectation[])
  .filter((e) => e.command === 'config routes test');

describe('promforge routes test', () => {
  it.each(routing)('$file $args prints $expect_receivers', async (e) => {
    const r = await capture((io) => runRoutesTest({ config: e.file, labels: e.args }, io));
    expect(r).toEqual({ code: 0, stdout: [e.expect_receivers.join(',')], stderr: [] });
  });

  it('verifies receivers like --verify.receivers, exiting 1 on a mismatch', async () => {
    const ok = await capture((io) => runRoutesTest({ config: 'cli/conf.routing.yml', labels: ['test=2'], verifyReceivers: 'test1,test2' }, io));
    expect(ok.code).toBe(0);
    const bad = await capture((io) => runRoutesTest({ config: 'cli/conf.routing.yml', labels: ['test=2'], verifyReceivers: 'test2' }, io));
    expect(bad).toEqual({ code: 1, stdout: ['test1,test2', 'WARNING: Expected receivers did not match resolved receivers.'], stderr: [] });
  });

  it('prints the matching branches with --tree', async () => {
    const r = await capture((io) => runRoutesTest({ config: 'cli/conf.routing.yml', labels: ['test=2'], tree: true }, io));
    expect(r.stdout).toEqual([
      'Matching routes:', '.', '└── default-route',
      '    ├── {test=~"^(?:^[12]$)$"}  receiver: test1',
      '    └── {test="2"}  receiver: test2',
      '', '', 'test1,test2',
    ]);
  });

  it('refuses labels that are not key=value', async () => {
    const r = await capture((io) => runRoutesTest({ config: 'cli/conf.routing.yml', labels: ['test=~2'] }, io));
    expect(r).toMatchObject({ code: 2, stderr: ['promforge routes test: labels must be specified as key=value pairs'] });
    const bad = await capture((io) => runRoutesTest({ config: 'cli/conf.routing.yml', labels: ['test'] }, io));
    expect(bad.code).toBe(2);
    expect(bad.stderr[0]).toMatch(/^promforge routes test: failed to parse labels: bad matcher format: test/);
  });

  it('refuses an invalid configuration with its problems', async () => {
    const r = await capture((io) => runRoutesTest({ config: 'cli/conf.bad.yml', labels: [] }, io));
    expect(r.code).toBe(1);
    expect(r.stderr.at(-1)).toBe('promforge routes test: cli/conf.bad.yml is not a valid Alertmanager configuration');
    expect((await capture((io) => runRoutesTest({ config: 'missing.yml', labels: [] }, io))).code).toBe(2);
  });

  it("uses the project's built configuration without --config", async () => {
    const project = tempDir();
    const missing = await capture((io) => runRoutesTest({ labels: ['test=1'] }, io), project);
    expect(missing.code).toBe(2);
    expect(missing.stderr[0]).toMatch(/out\/alertmanager\/alertmanager\.yml does not exist: run `npm run build` first/);
    fs.mkdirSync(path.join(project, 'out/alertmanager'), { recursive: true });
    fs.copyFileSync(path.join(conformance('alertmanager'), 'cli/conf.routing.yml'), path.join(project, 'out/alertmanager/alertmanager.yml'));
    expect(await capture((io) => runRoutesTest({ labels: ['test=1'] }, io), project)).toEqual({ code: 0, stdout: ['test1'], stderr: [] });
  });
});

describe('promforge routes show', () => {
  it('prints the tree like amtool config routes show', async () => {
    const r = await capture((io) => runRoutesShow({ config: 'cli/conf.routing-reverted.yml' }, io));
    expect(r).toEqual({
      code: 0,
      stdout: [
        'Routing tree:', '.', '└── default-route  receiver: default',
        '    ├── {test="2"}  continue: true  receiver: test2',
        '    └── {test=~"^(?:^[12]$)$"}  continue: true  receiver: test1',
        '',
      ],
      stderr: [],
    });
  });

  it('refuses a bad --alertmanager-version', async () => {
    expect((await capture((io) => runRoutesShow({ config: 'cli/conf.good.yml', alertmanagerVersion: 'latest' }, io))).code).toBe(2);
  });
});
