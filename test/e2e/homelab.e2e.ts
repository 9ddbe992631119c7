/**
 * The homelab end to end, through the real daemons: `npm run test:e2e`.
 *
 * The homelab is built with `--time-scale 1/60` (minutes become seconds: `for: 5m` is 5s, the 15s evaluation
 * interval 250ms, Alertmanager's group_interval 5s), loaded into Debian's Prometheus, Alertmanager and
 * node_exporter on loopback, and fed the Nix build/cache check's textfile metrics. Each test moves the homelab
 * into one state and waits, by polling, for what the rules and routes promise; no step sleeps for a fixed
 * time. The tests run in order and share the stack.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseTimeScale } from '../../src/build/time-scale.js';
import type { AlertingRule } from '../../src/rules/model.js';
import { readRuleFile } from '../../src/rules/read.js';
import { renderAlertTemplate, ruleTemplateData } from '../../src/template/prometheus.js';
import { requireBinary, tempDir } from '../helpers.js';
import { alertmanagerAlerts, prometheusAlerts, query, ruleGroups } from './api.js';
import { waitFor } from './processes.js';
import { startStack, type Stack } from './stack.js';
import { healthyNixCheck, memoryText, MEMORY_FILE, NIX_FILE, nixCheckText, removeTextfile, writeTextfile, type NixCheckResult } from './textfile.js';
import { alertsAt, type WebhookAlert } from './webhook.js';

const binaries = {
  prometheus: requireBinary('prometheus'),
  alertmanager: requireBinary('prometheus-alertmanager'),
  nodeExporter: requireBinary('prometheus-node-exporter'),
};
const installed = binaries.prometheus !== undefined && binaries.alertmanager !== undefined && binaries.nodeExporter !== undefined;

const parsedScale = parseTimeScale('1/60');
if (!parsedScale.ok) throw new Error(parsedScale.error);
const TIME_SCALE = parsedScale.scale;

/** Bound on any one awaited state: the longest chain is a 5s `for`, a 5s group_interval and a scrape. */
const STATE_TIMEOUT_MS = 45_000;

const CRITICAL = '/webhook/critical';
const WARNING = '/webhook/warning';

/** Memory sizes for HostHighMemoryUsage: 1 - available/total is the usage the rules compare. */
const MEM_TOTAL = 16_000_000_000;
const memoryAt = (used: number): { available: number; value: number } => {
  const available = Math.round(MEM_TOTAL * (1 - used));
  return { available, value: 1 - available / MEM_TOTAL };
};

const now = (): number => Math.floor(Date.now() / 1000);

describe.skipIf(!installed)('the homelab through the real Prometheus, Alertmanager and node_exporter', () => {
  let stack: Stack;
  let dir: string;
  let failed = false;

  const writeNix = (change: Partial<NixCheckResult> = {}): void =>
    writeTextfile(stack.textfileDir, NIX_FILE, nixCheckText({ ...healthyNixCheck(now()), ...change }));
  const writeMemory = (used: number): void =>
    writeTextfile(stack.textfileDir, MEMORY_FILE, memoryText(MEM_TOTAL, memoryAt(used).available));

  /** The alert rule as built (scaled) and loaded into Prometheus. */
  const builtAlert = (module: string, name: string, severity: string): AlertingRule => {
    const file = path.join(stack.out, 'prometheus/rules', `${module}.yaml`);
    const read = readRuleFile(fs.readFileSync(file, 'utf8'), file);
    const rule = read.file?.groups.flatMap((g) => g.rules).find((r): r is AlertingRule => r.kind === 'alert' && r.alert === name && r.labels['severity'] === severity);
    if (!rule) throw new Error(`${file}: no ${severity} alert ${name}`);
    return rule;
  };

  /** What Alertmanager must deliver for `rule` firing on a series: Prometheus' labels and rendered annotations. */
  const expectedAlert = (rule: AlertingRule, series: Record<string, string>, value: number) => {
    const { __name__: _, ...seriesLabels } = series;
    const data = ruleTemplateData(series, stack.externalLabels, `${stack.prometheusUrl}/`, value);
    return {
      labels: { ...seriesLabels, ...rule.labels, alertname: rule.alert, ...stack.externalLabels },
      annotations: Object.fromEntries(Object.entries(rule.annotations).map(([k, t]) => [k, renderAlertTemplate(t, rule.alert, data, { prometheusVersion: '2.42' })])),
    };
  };

  const nodeSeries = (name?: string): Record<string, string> => ({ ...(name ? { __name__: name } : {}), instance: stack.instance, job: 'node' });

  /** Waits for the first alert at `webhookPath` after notification `after` that matches. */
  const notified = (webhookPath: string, status: 'firing' | 'resolved', labels: Record<string, string>, after = -1): Promise<{ seq: number; alert: WebhookAlert }> =>
    waitFor(`${status} ${JSON.stringify(labels)} at ${webhookPath}`, () => alertsAt(stack.webhook, webhookPath).find((a) =>
      a.seq > after && a.alert.status === status && Object.entries(labels).every(([k, v]) => a.alert.labels[k] === v)),
    { timeoutMs: STATE_TIMEOUT_MS, daemons: stack.daemons }, () => stack.webhook.describe());

  const noAlertsIn = async (what: string): Promise<void> => {
    await waitFor(`Prometheus to hold no alert (${what})`, async () => ((await prometheusAlerts(stack.prometheusUrl)).length === 0 ? true : undefined),
      { timeoutMs: STATE_TIMEOUT_MS, daemons: stack.daemons }, () => stack.report());
  };

  beforeAll(async () => {
    dir = tempDir('promforge-e2e-');
    stack = await startStack(
      { prometheus: binaries.prometheus!, alertmanager: binaries.alertmanager!, nodeExporter: binaries.nodeExporter! },
      TIME_SCALE, dir,
      (textfileDir) => {
        writeTextfile(textfileDir, NIX_FILE, nixCheckText(healthyNixCheck(now())));
        writeTextfile(textfileDir, MEMORY_FILE, memoryText(MEM_TOTAL, memoryAt(0.5).available));
      },
    );
  });

  beforeEach(({ onTestFailed }) => {
    onTestFailed(() => {
      failed = true;
      console.error(`end-to-end state (logs and data in ${dir}):\n${stack.report()}`);
    });
  });

  afterAll(async () => {
    await stack?.stop();
    if (!failed && dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a healthy homelab raises nothing: no alert pending or firing, no notification', async () => {
    await waitFor('the textfile metrics of nas-01 in Prometheus', async () => {
      const [nix, memory] = await Promise.all([
        query(stack.prometheusUrl, `nix_cache_info_accessible{instance="${stack.instance}", job="node"} == 1`),
        query(stack.prometheusUrl, `node_memory_MemTotal_bytes{instance="${stack.instance}", job="node"}`),
      ]);
      return nix.length === 1 && memory.length === 1 ? true : undefined;
    }, { timeoutMs: STATE_TIMEOUT_MS, daemons: stack.daemons });
    const seen = Date.now();
    // Every group has evaluated on the data at least once: a condition that held would now be pending.
    const groups = await waitFor('every rule group to evaluate the data', async () => {
      const gs = await ruleGroups(stack.prometheusUrl);
      return gs.length > 0 && gs.every((g) => Date.parse(g.lastEvaluation) > seen) ? gs : undefined;
    }, { timeoutMs: STATE_TIMEOUT_MS, daemons: stack.daemons });
    expect(groups.map((g) => g.name).sort()).toEqual(expect.arrayContaining(['hosts', 'nix-build-cache']));
    expect(groups.flatMap((g) => g.rules).filter((r) => r.health !== 'ok')).toEqual([]);
    expect(await prometheusAlerts(stack.prometheusUrl)).toEqual([]);
    expect(stack.webhook.notifications()).toEqual([]);
  });

  let nixCacheFiring: { seq: number; alert: WebhookAlert } | undefined;

  it('nix_cache_info_accessible 0 makes NixCacheNotAccessible arrive at the critical webhook, as declared', async () => {
    writeNix({ cacheInfoAccessible: 0 });
    const rule = builtAlert('nix-build-cache', 'NixCacheNotAccessible', 'critical');
    nixCacheFiring = await notified(CRITICAL, 'firing', { alertname: 'NixCacheNotAccessible' });
    const { alert } = nixCacheFiring;
    expect({ labels: alert.labels, annotations: alert.annotations }).toEqual(expectedAlert(rule, nodeSeries('nix_cache_info_accessible'), 0));
    expect(alert.annotations['summary']).toBe(`Nix binary cache is unreachable from ${stack.instance}`);
  });

  it('restoring the metric delivers the resolved notification', async () => {
    expect(nixCacheFiring).toBeDefined();
    writeNix();
    const resolved = await notified(CRITICAL, 'resolved', { alertname: 'NixCacheNotAccessible' }, nixCacheFiring!.seq);
    expect(resolved.alert.labels).toEqual(nixCacheFiring!.alert.labels);
    expect(resolved.alert.fingerprint).toBe(nixCacheFiring!.alert.fingerprint);
    await noAlertsIn('after the cache came back');
  });

  it('while HostHighMemoryUsage fires as critical, its warning twin is inhibited', async () => {
    // 95% used: both tiers turn pending at the same evaluation and fire together, the warning's group is new
    // (its group_wait still to run) when the critical arrives.
    writeMemory(0.95);
    const critical = builtAlert('hosts', 'HostHighMemoryUsage', 'critical');
    const firing = await notified(CRITICAL, 'firing', { alertname: 'HostHighMemoryUsage', severity: 'critical' });
    expect({ labels: firing.alert.labels, annotations: firing.alert.annotations }).toEqual(expectedAlert(critical, nodeSeries(), memoryAt(0.95).value));

    const [warning, source] = await waitFor('Alertmanager to inhibit the warning by the critical', async () => {
      const alerts = await alertmanagerAlerts(stack.alertmanagerUrl, ['alertname="HostHighMemoryUsage"']);
      const w = alerts.find((a) => a.labels['severity'] === 'warning');
      const c = alerts.find((a) => a.labels['severity'] === 'critical');
      return w && c && w.status.inhibitedBy.length > 0 ? [w, c] as const : undefined;
    }, { timeoutMs: STATE_TIMEOUT_MS, daemons: stack.daemons });
    expect(warning.status).toEqual({ state: 'suppressed', inhibitedBy: [source.fingerprint], silencedBy: [] });
    expect(source.status.state).toBe('active');
    // Routed to the warning webhook, which it never reaches while inhibited (proven in the next test).
    expect(warning.receivers.map((r) => r.name)).toEqual(['warning-alerts']);
    // Prometheus did fire and send it: holding it back is Alertmanager's doing.
    const sent = (await prometheusAlerts(stack.prometheusUrl)).find((a) => a.labels['alertname'] === 'HostHighMemoryUsage' && a.labels['severity'] === 'warning');
    expect(sent?.state).toBe('firing');

    writeMemory(0.5);
    await notified(CRITICAL, 'resolved', { alertname: 'HostHighMemoryUsage', severity: 'critical' }, firing.seq);
    await noAlertsIn('after memory usage fell back');
  });

  it('a warning-tier HostHighMemoryUsage arrives at the warning webhook, then resolves there', async () => {
    const before = stack.webhook.notifications().length - 1;
    writeMemory(0.88);
    const rule = builtAlert('hosts', 'HostHighMemoryUsage', 'warning');
    const firing = await notified(WARNING, 'firing', { alertname: 'HostHighMemoryUsage', severity: 'warning' }, before);
    expect({ labels: firing.alert.labels, annotations: firing.alert.annotations }).toEqual(expectedAlert(rule, nodeSeries(), memoryAt(0.88).value));
    // The warning of the previous test, inhibited, would have arrived within its group_wait, long before this
    // one: the first warning notification of HostHighMemoryUsage is this one.
    expect(alertsAt(stack.webhook, WARNING).filter((a) => a.alert.labels['alertname'] === 'HostHighMemoryUsage').map((a) => a.seq)).toEqual([firing.seq]);

    writeMemory(0.5);
    const resolved = await notified(WARNING, 'resolved', { alertname: 'HostHighMemoryUsage', severity: 'warning' }, firing.seq);
    expect(resolved.alert.fingerprint).toBe(firing.alert.fingerprint);
    await noAlertsIn('after memory usage fell back');
  });

  it('removing the Nix textfile makes NixBuildCacheCheckStale fire, for nas-01', async () => {
    const before = stack.webhook.notifications().length - 1;
    removeTextfile(stack.textfileDir, NIX_FILE);
    const rule = builtAlert('nix-build-cache', 'NixBuildCacheCheckStale', 'warning');
    const { alert } = await notified(WARNING, 'firing', { alertname: 'NixBuildCacheCheckStale' }, before);
    const expected = expectedAlert(rule, nodeSeries(), NaN);
    expect(alert.labels).toEqual(expected.labels);
    expect(alert.annotations['summary']).toBe(`Nix build/cache check on ${stack.instance} is not reporting`);
    expect(alert.annotations['runbook_url']).toBe(expected.annotations['runbook_url']);
    // $value is the seconds since the last check, which the clock decides: everything around it is as declared.
    const [head, tail] = expected.annotations['description']!.split('NaN');
    expect(alert.annotations['description']!.startsWith(head!)).toBe(true);
    expect(alert.annotations['description']!.endsWith(tail!)).toBe(true);
    expect(alert.annotations['description']!.slice(head!.length, -tail!.length)).toMatch(/^(\d+m )?\d+(\.\d+)?s$/);
  });

  it('every notification went where its severity routes it', () => {
    const all = stack.webhook.notifications();
    expect(all.length).toBeGreaterThan(0);
    for (const n of all) {
      expect(n.path).toMatch(/^\/webhook\/(critical|warning)$/);
      const severity = n.path === CRITICAL ? 'critical' : 'warning';
      expect(n.payload.receiver).toBe(`${severity}-alerts`);
      for (const a of n.payload.alerts) expect(a.labels['severity'], `${a.labels['alertname']} at ${n.path}`).toBe(severity);
    }
  });
});
