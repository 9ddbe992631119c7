/**
 * Our output and our verdicts, checked by the real amtool (Debian's `prometheus-alertmanager`). In CI a missing
 * amtool fails these tests; .ci/run installs it.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileAlertmanager } from '../../src/alertmanager/build.js';
import { checkAlertmanagerText } from '../../src/alertmanager/check.js';
import { compileProject } from '../../src/build/pipeline.js';
import { runRoutesShow, runRoutesTest } from '../../src/cli/routes.js';
import type { CliIO } from '../../src/cli/io.js';
import { parseVersion } from '../../src/config/version.js';
import type { AlertingRule } from '../../src/rules/model.js';
import { readRuleFile } from '../../src/rules/read.js';
import { conformance, repoRoot, requireBinary, tempDir } from '../helpers.js';

const amtool = requireBinary('amtool');

const run = (args: readonly string[], cwd?: string) => spawnSync(amtool!, args, { encoding: 'utf8', ...(cwd ? { cwd } : {}) });

async function ours(f: (io: CliIO) => Promise<number>): Promise<{ code: number; stdout: string }> {
  const out: string[] = [];
  const code = await f({ cwd: repoRoot, out: (l) => out.push(l), err: () => undefined });
  return { code, stdout: out.map((l) => `${l}\n`).join('') };
}

describe.skipIf(!amtool)('amtool', () => {
  let version: string;
  let configFile: string;
  let alerts: AlertingRule[];

  beforeAll(async () => {
    version = /version (\d+\.\d+\.\d+)/.exec(run(['--version']).stdout + run(['--version']).stderr)?.[1] ?? '';
    const compiled = await compileProject(repoRoot);
    const ruleFiles = compiled.files.filter((f) => f.path.startsWith('prometheus/rules/')).map((f) => readRuleFile(f.content, f.path).file!);
    alerts = ruleFiles.flatMap((f) => f.groups.flatMap((g) => g.rules.filter((r): r is AlertingRule => r.kind === 'alert')));
    const built = await compileAlertmanager(repoRoot, compiled.config!, ruleFiles);
    expect(built.diagnostics).toEqual([]);
    configFile = path.join(tempDir(), 'alertmanager.yml');
    fs.writeFileSync(configFile, built.files.find((f) => f.path === 'alertmanager/alertmanager.yml')!.content);
  });

  it('accepts the configuration the shipped homelab builds', () => {
    expect(version).toMatch(/^0\.\d+\.\d+$/);
    const r = run(['check-config', configFile]);
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
    expect(r.stdout).toContain('SUCCESS');
  });

  it('routes every homelab alert to the receivers we compute, and prints them the same', async () => {
    const labelSets = [
      ...alerts.map((a) => [`alertname=${a.alert}`, ...Object.entries(a.labels).map(([k, v]) => `${k}=${v}`), 'instance=nas-01:9100']),
      ['alertname=Unlabelled'],
      ['severity=info', 'alertname=Digest'],
    ];
    for (const labels of labelSets) {
      const theirs = run(['config', 'routes', 'test', `--config.file=${configFile}`, ...labels]);
      const mine = await ours((io) => runRoutesTest({ config: configFile, labels, alertmanagerVersion: version }, io));
      expect(mine, labels.join(' ')).toEqual({ code: theirs.status, stdout: theirs.stdout });
    }
  });

  it('agrees on --verify.receivers and --tree', async () => {
    const labels = ['alertname=HostDown', 'severity=critical', 'instance=nas-01:9100'];
    for (const expected of ['critical-alerts,email', 'critical-alerts']) {
      const theirs = run(['config', 'routes', 'test', `--config.file=${configFile}`, `--verify.receivers=${expected}`, '--tree', ...labels]);
      const mine = await ours((io) => runRoutesTest({ config: configFile, labels, verifyReceivers: expected, tree: true, alertmanagerVersion: version }, io));
      expect(mine).toEqual({ code: theirs.status, stdout: theirs.stdout });
    }
  });

  it('prints the routing trees like amtool config routes show', async () => {
    const dir = conformance('alertmanager');
    for (const file of [configFile, path.join(dir, 'conf.good.yml'), path.join(dir, 'cli/conf.routing.yml'), path.join(dir, 'cli/conf.routing-reverted.yml')]) {
      const theirs = run(['config', 'routes', 'show', `--config.file=${file}`]);
      const mine = await ours((io) => runRoutesShow({ config: file, alertmanagerVersion: version }, io));
      expect(mine, file).toEqual({ code: theirs.status, stdout: theirs.stdout });
    }
  });

  it('agrees with promforge check --alertmanager-version <installed> on every conformance configuration', () => {
    const dir = conformance('alertmanager');
    const files = [...fs.readdirSync(dir), ...fs.readdirSync(path.join(dir, 'cli')).map((f) => `cli/${f}`)].filter((f) => f.endsWith('.yml'));
    expect(files.length).toBe(50);
    // And our own: notification templates amtool parses (one of them broken).
    const ours = ['good.yml', 'bad.yml'].map((f) => path.join(repoRoot, 'test/fixtures/alertmanager/templates', f));
    const disagreements: string[] = [];
    for (const file of [...files, ...ours]) {
      const full = path.resolve(dir, file);
      const theirs = run(['check-config', path.basename(full)], path.dirname(full)).status === 0 ? 'pass' : 'fail';
      const r = checkAlertmanagerText(fs.readFileSync(full, 'utf8'), full, { alertmanagerVersion: parseVersion(version)! });
      const mine = r.diagnostics.some((d) => d.severity === 'error') ? 'fail' : 'pass';
      if (theirs !== mine) disagreements.push(`${file}: amtool ${theirs}, promforge ${mine}`);
    }
    expect(disagreements).toEqual([]);
  });
});
