/**
 * The end-to-end suite's own rewrites of the built files, checked in-process (part of `npm test`): if one of
 * them were wrong, the end-to-end test would prove something about a configuration other than the homelab's.
 */
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { checkAlertmanagerText } from '../../src/alertmanager/check.js';
import { buildRouter, notifications } from '../../src/alertmanager/route.js';
import { parseVersion } from '../../src/config/version.js';
import { afternoonZone, alertmanagerForTest } from './stack.js';

const hourIn = (zone: string, at: Date): number =>
  Number(new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', hourCycle: 'h23' }).format(at));

describe('afternoonZone', () => {
  it.each(Array.from({ length: 24 }, (_, h) => h))('at %i:30 UTC names a zone where it is 13:30', (h) => {
    const at = new Date(Date.UTC(2026, 0, 14, h, 30));
    const zone = afternoonZone(at);
    expect(zone).toMatch(/^Etc\/GMT([+-]([1-9]|1[0-2]))?$/);
    expect(hourIn(zone, at)).toBe(13);
  });
});

const built = `# TEST BUILD: every duration scaled by 1/60 (promforge build --time-scale 1/60).

global:
  resolve_timeout: 5s
  smtp_from: alertmanager@example.org
  smtp_smarthost: smtp.example.org:587
route:
  receiver: warning-alerts
  group_by: [alertname]
  routes:
    - receiver: critical-alerts
      matchers: ['severity="critical"']
    - receiver: warning-alerts
      matchers: ['severity="warning"']
      mute_time_intervals: [night]
receivers:
  - name: critical-alerts
    webhook_configs:
      - url: http://host.containers.internal:9999/webhook/critical
        send_resolved: true
  - name: warning-alerts
    webhook_configs:
      - url: http://host.containers.internal:9999/webhook/warning?relay=1
        send_resolved: true
time_intervals:
  - name: night
    time_intervals:
      - times:
          - start_time: "22:00"
            end_time: "24:00"
          - start_time: "00:00"
            end_time: "07:00"
        location: Europe/Oslo
`;

describe('alertmanagerForTest', () => {
  const night = new Date(Date.UTC(2026, 0, 14, 23, 0));
  const text = alertmanagerForTest(built, 4321, 2525, night);
  const config = parseDocument(text).toJS() as {
    global: Record<string, string>;
    receivers: { name: string; webhook_configs: { url: string; send_resolved: boolean }[] }[];
    time_intervals: { time_intervals: { location: string; times: { start_time: string }[] }[] }[];
  };

  it('points the webhooks at the test receiver and keeps their paths, so the path proves the route', () => {
    expect(config.receivers.map((r) => r.webhook_configs[0]!.url)).toEqual([
      'http://127.0.0.1:4321/webhook/critical',
      'http://127.0.0.1:4321/webhook/warning?relay=1',
    ]);
    expect(config.receivers.every((r) => r.webhook_configs[0]!.send_resolved)).toBe(true);
    expect(config.global['smtp_smarthost']).toBe('127.0.0.1:2525');
  });

  it('moves the night to a zone where it is afternoon now, keeping the interval and the TEST BUILD mark', () => {
    expect(config.time_intervals[0]!.time_intervals[0]!.location).toBe(afternoonZone(night));
    expect(config.time_intervals[0]!.time_intervals[0]!.times.map((t) => t.start_time)).toEqual(['22:00', '00:00']);
    expect(text).toContain('start_time: "22:00"');
    expect(text.split('\n')[0]).toBe('# TEST BUILD: every duration scaled by 1/60 (promforge build --time-scale 1/60).');
  });

  it('still routes warnings to the warning webhook, no longer muted at an hour that is night in the homelab', () => {
    const version = parseVersion('0.25.0')!;
    const check = (t: string) => checkAlertmanagerText(t, 'alertmanager.yml', { alertmanagerVersion: version, templates: false });
    const rewritten = check(text);
    expect(rewritten.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const warning = { alertname: 'X', severity: 'warning' };
    expect(notifications(buildRouter(rewritten.document!.config, version), warning, { at: night })).toEqual(['warning-alerts']);
    expect(notifications(buildRouter(check(built).document!.config, version), warning, { at: night })).toEqual([]);
  });
});
