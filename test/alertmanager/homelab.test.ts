/**
 * The shipped homelab's Alertmanager configuration (alertmanager/homelab.ts), against the shipped rules: every
 * declared alert reaches the receivers its severity promises, warnings hide under their critical twin, and the
 * night mutes what can wait. No running Alertmanager: src/alertmanager/route.ts routes as it does.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { compileAlertmanager, type AlertmanagerBuild } from '../../src/alertmanager/build.js';
import { checkAlertmanagerText } from '../../src/alertmanager/check.js';
import { declaredAlerts, possibleRoutes } from '../../src/alertmanager/crosscheck.js';
import { buildRouter, notifications, receiversFor, type Router } from '../../src/alertmanager/route.js';
import { compileProject } from '../../src/build/pipeline.js';
import type { ResolvedConfig } from '../../src/config/config.js';
import { parseVersion } from '../../src/config/version.js';
import { formatDiagnostic } from '../../src/diagnostics.js';
import type { AlertingRule, RuleFile } from '../../src/rules/model.js';
import { readRuleFile } from '../../src/rules/read.js';
import { repoRoot } from '../helpers.js';

let config: ResolvedConfig;
let ruleFiles: RuleFile[];
let built: AlertmanagerBuild;
let router: Router;

beforeAll(async () => {
  const compiled = await compileProject(repoRoot);
  expect(compiled.diagnostics.map((d) => formatDiagnostic(d))).toEqual([]);
  config = compiled.config!;
  ruleFiles = compiled.files.filter((f) => f.path.startsWith('prometheus/rules/')).map((f) => readRuleFile(f.content, f.path).file!);
  built = await compileAlertmanager(repoRoot, config, ruleFiles);
  router = buildRouter(built.document!.config, config.alertmanagerVersion);
});

const alerts = (): AlertingRule[] => ruleFiles.flatMap((f) => f.groups.flatMap((g) => g.rules.filter((r): r is AlertingRule => r.kind === 'alert')));
const labelsOf = (a: AlertingRule, extra: Record<string, string> = {}): Record<string, string> => ({ alertname: a.alert, ...a.labels, instance: 'nas-01:9100', ...extra });

/** What each severity promises. */
const BY_SEVERITY: Readonly<Record<string, readonly string[]>> = {
  critical: ['critical-alerts', 'email'],
  warning: ['warning-alerts'],
  info: ['email'],
};

const DAY = new Date('2026-01-14T12:00:00Z'); // 13:00 in Oslo
const NIGHT = new Date('2026-01-14T22:30:00Z'); // 23:30 in Oslo

describe('the homelab Alertmanager configuration', () => {
  it('builds for Alertmanager 0.25 without a single diagnostic', () => {
    expect(config.alertmanagerVersion).toEqual([0, 25, 0]);
    expect(built.diagnostics.map((d) => formatDiagnostic(d))).toEqual([]);
    expect(built.files.map((f) => f.path)).toEqual(['alertmanager/alertmanager.yml', 'nixos/alertmanager.json']);
  });

  it('emits a file valid for 0.25 and for the newest release alike', () => {
    for (const version of ['0.25.0', '0.34.0']) {
      const r = checkAlertmanagerText(built.files[0]!.content, 'alertmanager.yml', { alertmanagerVersion: parseVersion(version)! });
      expect(r.diagnostics, version).toEqual([]);
    }
  });

  it('sends the seed\'s two webhooks resolved notifications too, without the title Alertmanager refuses', () => {
    const text = built.files[0]!.content;
    expect(text).toContain('- url: http://host.containers.internal:9999/webhook/critical\n        send_resolved: true');
    expect(text).toContain('- url: http://host.containers.internal:9999/webhook/warning\n        send_resolved: true');
    expect(text).not.toMatch(/title:/);
  });

  it('reads the SMTP password from a file: no secret in the output', () => {
    const global = built.document!.config.global!;
    expect(global['smtp_auth_password_file']).toMatch(/^\/run\/secrets\//);
    expect(global['smtp_auth_password']).toBeUndefined();
  });

  it('groups by alert name and instance', () => {
    expect(router.tree.opts.groupBy).toEqual(['alertname', 'instance']);
  });

  it('routes every declared alert to the receivers its severity promises', () => {
    expect(alerts().length).toBeGreaterThanOrEqual(25);
    for (const a of alerts()) {
      const severity = a.labels['severity']!;
      expect(receiversFor(router.tree, labelsOf(a)), `${a.alert} (${severity})`).toEqual(BY_SEVERITY[severity]);
    }
  });

  it('notifies someone about every alert, whatever its run-time labels hold', () => {
    for (const a of declaredAlerts(ruleFiles, { catalogs: config.catalogs })) {
      for (const outcome of possibleRoutes(router, a)) {
        expect(outcome.some((r) => (router.receivers.get(r.opts.receiver) ?? 0) > 0), a.rule.alert).toBe(true);
      }
    }
  });

  it('routes info alerts to a low-noise digest', () => {
    const [info] = receiversFor(router.tree, { alertname: 'SomeInfo', severity: 'info' }).map((name) => name);
    expect(info).toBe('email');
    const route = router.tree.routes.find((r) => r.matchers.some((m) => m.value === 'info'))!;
    expect(route.opts).toMatchObject({ groupBy: ['alertname'], repeatIntervalMs: 24 * 3600_000, muteTimeIntervals: ['night'] });
  });

  it('sends alerts without a known severity to the warning webhook', () => {
    expect(receiversFor(router.tree, { alertname: 'Unlabelled' })).toEqual(['warning-alerts']);
  });

  it('holds a tiered warning back while its critical twin fires on the same host', () => {
    for (const name of ['HostHighMemoryUsage', 'HostLowDiskSpace']) {
      const tiers = alerts().filter((a) => a.alert === name);
      expect(tiers.map((a) => a.labels['severity']).sort(), name).toEqual(['critical', 'warning']);
      const warning = labelsOf(tiers.find((a) => a.labels['severity'] === 'warning')!, { mountpoint: '/' });
      const critical = labelsOf(tiers.find((a) => a.labels['severity'] === 'critical')!, { mountpoint: '/' });
      expect(notifications(router, warning, { firing: [warning, critical] }), name).toEqual([]);
      expect(notifications(router, critical, { firing: [warning, critical] }), name).toEqual(['critical-alerts', 'email']);
      // Another host's critical, or another alert's, does not hide it.
      expect(notifications(router, warning, { firing: [{ ...critical, instance: 'nix-cache02:9100' }] })).toEqual(['warning-alerts']);
      expect(notifications(router, warning, { firing: [{ ...critical, alertname: 'HostDown' }] })).toEqual(['warning-alerts']);
    }
    // One filesystem's critical does not hide another filesystem's warning.
    const disk = alerts().filter((a) => a.alert === 'HostLowDiskSpace');
    const warnHome = labelsOf(disk.find((a) => a.labels['severity'] === 'warning')!, { mountpoint: '/home' });
    const critRoot = labelsOf(disk.find((a) => a.labels['severity'] === 'critical')!, { mountpoint: '/' });
    expect(notifications(router, warnHome, { firing: [critRoot] })).toEqual(['warning-alerts']);
  });

  it('keeps the night quiet for everything but critical alerts', () => {
    for (const a of alerts()) {
      const severity = a.labels['severity']!;
      expect(notifications(router, labelsOf(a), { at: DAY }), `${a.alert} by day`).toEqual(BY_SEVERITY[severity]);
      expect(notifications(router, labelsOf(a), { at: NIGHT }), `${a.alert} at night`).toEqual(severity === 'critical' ? BY_SEVERITY['critical'] : []);
    }
    // Summer time: 06:30 in Oslo is 04:30 UTC, still night; 07:30 is morning.
    const warning = { alertname: 'HostHighCpuUsage', severity: 'warning' };
    expect(notifications(router, warning, { at: new Date('2026-07-01T04:30:00Z') })).toEqual([]);
    expect(notifications(router, warning, { at: new Date('2026-07-01T05:30:00Z') })).toEqual(['warning-alerts']);
  });
});
