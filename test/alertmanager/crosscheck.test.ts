/** The Alertmanager configuration checked against the project's alerting rules. */
import { describe, expect, it } from 'vitest';
import { alertmanager, inhibitRule, receiver, route, type AlertmanagerOptions, type AlertmanagerSpec } from '../../src/alertmanager/api.js';
import { crossCheckAlertmanager, declaredAlerts, possibleRoutes } from '../../src/alertmanager/crosscheck.js';
import { lowerAlertmanagerModule } from '../../src/alertmanager/declarations.js';
import { buildRouter } from '../../src/alertmanager/route.js';
import { builtinCatalogs } from '../../src/catalog/index.js';
import { parseVersion } from '../../src/config/version.js';
import { readRuleFile } from '../../src/rules/read.js';
import type { RuleFile } from '../../src/rules/model.js';

const v = parseVersion('0.25.0')!;

const rules: RuleFile = readRuleFile(`
groups:
  - name: hosts
    rules:
      - alert: HostDown
        expr: up{job="node"} == 0
        labels: { severity: critical }
      - alert: HostHighCpuUsage
        expr: 1 - avg by (instance) (rate(node_cpu_seconds_total{job="node", mode="idle"}[5m])) > 0.85
        labels: { severity: warning }
      - alert: Watchdog
        expr: vector(1)
        labels: { severity: info }
`, 'rules/hosts.yaml').file!;

function check(spec: AlertmanagerSpec, options: AlertmanagerOptions = {}) {
  const lowered = lowerAlertmanagerModule('alertmanager/test.ts', alertmanager(spec, options));
  expect(lowered.diagnostics).toEqual([]);
  return crossCheckAlertmanager(lowered.document!, [rules], { alertmanagerVersion: v, catalogs: builtinCatalogs, options: lowered.options });
}

const relay = receiver('relay', { webhook_configs: [{ url: 'http://relay:9999/hook' }] });
const blackhole = receiver('blackhole');

describe('crossCheckAlertmanager', () => {
  it('knows each alert\'s static labels and the labels its expression outputs', () => {
    const [down, cpu, watchdog] = declaredAlerts([rules], { catalogs: builtinCatalogs });
    expect(down?.labels).toEqual({ severity: 'critical', alertname: 'HostDown' });
    expect([...down!.output.labels].sort()).toEqual(['instance', 'job']);
    expect([...cpu!.output.labels]).toEqual(['instance']);
    expect([...watchdog!.output.labels]).toEqual([]);
  });

  it('accepts a configuration where every alert notifies someone', () => {
    expect(check({ route: route({ receiver: 'relay', routes: [route({ matchers: ['severity="info"'], receiver: 'relay' })] }), receivers: [relay] })).toEqual([]);
  });

  it('reports an alert that only reaches a null receiver, at the alert', () => {
    const ds = check({ route: route({ receiver: 'relay', routes: [route({ matchers: ['severity="info"'], receiver: 'blackhole' })] }), receivers: [relay, blackhole] });
    expect(ds.map((d) => [d.severity, d.message])).toEqual([
      ['error', 'alert Watchdog (severity="info") reaches only "blackhole", which notifies no one'],
    ]);
    expect(ds[0]?.at?.file).toBe('rules/hosts.yaml');
  });

  it('lets the configuration name alerts that notify no one on purpose', () => {
    const spec = { route: route({ receiver: 'relay', routes: [route({ matchers: ['severity="info"'], receiver: 'blackhole' })] }), receivers: [relay, blackhole] };
    expect(check(spec, { unnotified: { Watchdog: 'heartbeat, watched by the dead man\'s switch' } })).toEqual([]);
    expect(check(spec, { unnotified: { Watchdog: 'heartbeat', Heartbeat: 'typo' } }).map((d) => d.message)).toEqual(['unnotified names alert Heartbeat, which no rule declares']);
  });

  it('explores labels only known at run time both ways', () => {
    // HostHighCpuUsage has an instance label whose value routing cannot know: on one host it would be dropped.
    const ds = check({
      route: route({ receiver: 'relay', routes: [route({ matchers: ['instance=~"test-.*"'], receiver: 'blackhole' })] }),
      receivers: [relay, blackhole],
    });
    expect(ds.map((d) => d.message)).toEqual([
      'alert HostDown (severity="critical") reaches only "blackhole", which notifies no one',
      'alert HostHighCpuUsage (severity="warning") reaches only "blackhole", which notifies no one',
    ]);
    const lowered = lowerAlertmanagerModule('t.ts', alertmanager({ route: route({ receiver: 'relay', routes: [route({ matchers: ['instance=~"test-.*"'], receiver: 'blackhole' })] }), receivers: [relay, blackhole] }));
    const watchdog = declaredAlerts([rules], { catalogs: builtinCatalogs })[2]!;
    expect(possibleRoutes(buildRouter(lowered.document!.config, v), watchdog).map((o) => o.map((r) => r.opts.receiver))).toEqual([['relay']]);
  });

  it('warns about matchers and equal labels no declared alert carries', () => {
    const ds = check({
      route: route({ receiver: 'relay', routes: [route({ matchers: ['cluster="prod"', 'severity="critical"'], receiver: 'relay' })] }),
      receivers: [relay],
      inhibit_rules: [inhibitRule({ source_matchers: ['severity="critical"'], target_matchers: ['severity="warning"'], equal: ['alertname', 'datacenter'] })],
    });
    expect(ds.map((d) => [d.severity, d.message, d.subject])).toEqual([
      ['warning', 'matches on label "cluster", which no declared alert carries', 'route.routes[0]'],
      ['warning', 'compares label "datacenter", which no declared alert carries', 'inhibit_rules[0]'],
    ]);
    expect(ds[0]?.hint).toBe('labels the declared alerts carry: alertname, instance, job, severity');
  });
});
