/**
 * Declarations → model: what the types promise is checked again at run time (tsx does not type-check), with the
 * declaration's line, and secrets never reach out/.
 */
import { describe, expect, it } from 'vitest';
import { alertmanager, inlineSecret, receiver, route, timeInterval, type AlertmanagerSpec } from '../../src/alertmanager/api.js';
import { lowerAlertmanagerModule, urlCarriesCredentials } from '../../src/alertmanager/declarations.js';
import { validateAlertmanagerConfig } from '../../src/alertmanager/validate.js';
import { parseVersion } from '../../src/config/version.js';
import type { Diagnostic } from '../../src/diagnostics.js';

const file = new URL(import.meta.url).pathname;
const v025 = parseVersion('0.25.0')!;
const v034 = parseVersion('0.34.0')!;

/** A declaration as untyped code (plain JavaScript, or TypeScript run without type checking) would make it. */
const untyped = (spec: unknown, options?: unknown) => alertmanager(spec as AlertmanagerSpec, options as never);

const lower = (exported: unknown) => lowerAlertmanagerModule(file, exported);
const messages = (ds: readonly Diagnostic[]): string[] => ds.map((d) => d.message);

const base = {
  route: route({ receiver: 'relay' }),
  receivers: [receiver('relay', { webhook_configs: [{ url: 'http://host.containers.internal:9999/webhook/critical', send_resolved: true }] })],
};

describe('lowerAlertmanagerModule', () => {
  it('turns a declaration into the configuration, with no diagnostics', () => {
    const r = lower(alertmanager(base));
    expect(r.diagnostics).toEqual([]);
    expect(r.document?.config).toEqual({
      route: { receiver: 'relay' },
      receivers: [{ name: 'relay', webhook_configs: [{ url: 'http://host.containers.internal:9999/webhook/critical', send_resolved: true }] }],
    });
    expect(validateAlertmanagerConfig(r.document!, { alertmanagerVersion: v025 })).toEqual([]);
  });

  it('requires an alertmanager(...) default export', () => {
    expect(messages(lower(undefined).diagnostics)).toEqual(['the module must `export default` an alertmanager(...) declaration']);
    expect(lower({ route: {} }).diagnostics[0]?.at).toEqual({ file, line: 1, column: 1 });
  });

  it("refuses the seed's webhook title, at the receiver's line, with a suggestion", () => {
    const line = new Error().stack!.split('\n')[1]!.match(/:(\d+):\d+\)?$/)![1];
    const r = lower(untyped({ route: { receiver: 'critical-alerts' }, receivers: [receiver('critical-alerts', { webhook_configs: [{ url: 'http://relay:9999/critical', send_resolved: true, title: 'CRITICAL: {{ .CommonAnnotations.summary }}' } as never] })] }));
    expect(messages(r.diagnostics)).toEqual(['unknown field "title"']);
    expect(r.diagnostics[0]).toMatchObject({ subject: 'receivers[0].webhook_configs[0]', at: { file, line: Number(line) + 1 } });
    expect(r.diagnostics[0]?.hint).toMatch(/known fields: url, url_file, send_resolved/);
    expect(r.document).toBeUndefined();
  });

  it('suggests the field meant', () => {
    const r = lower(untyped({ ...base, route: { receiver: 'relay', group_by: ['alertname'], gruop_wait: '30s' } }));
    expect(r.diagnostics[0]).toMatchObject({ message: 'unknown field "gruop_wait"', hint: 'did you mean "group_wait"?' });
  });

  it('checks value types without coercing them', () => {
    const r = lower(untyped({ ...base, receivers: [{ name: 'relay', webhook_configs: [{ url: 'http://relay:9999', send_resolved: 'true' }] }] }));
    expect(messages(r.diagnostics)).toEqual(['send_resolved: expected boolean, got "true"']);
  });

  it('refuses inline secrets, pointing at the *_file field', () => {
    const r = lower(untyped({
      ...base,
      global: { smtp_smarthost: 'smtp.example.org:587', smtp_from: 'am@example.org', smtp_auth_password: 'hunter2' },
      receivers: [...base.receivers, { name: 'tg', telegram_configs: [{ chat_id: 42, bot_token: '123:abc' }] }],
    }));
    expect(messages(r.diagnostics)).toEqual([
      'bot_token is a secret: written inline it would end up in out/ in clear text',
      'smtp_auth_password is a secret: written inline it would end up in out/ in clear text',
    ]);
    expect(r.diagnostics[0]?.hint).toMatch(/bot_token_file/);
    expect(r.diagnostics[1]?.hint).toMatch(/smtp_auth_password_file/);
  });

  it('allows an inline secret with a reason, and only with one', () => {
    const ok = lower(alertmanager({ ...base, global: { smtp_smarthost: 'smtp.example.org:587', smtp_auth_password: inlineSecret('x', 'local relay, no real password') } }));
    expect(ok.diagnostics).toEqual([]);
    expect(ok.document?.config.global).toEqual({ smtp_smarthost: 'smtp.example.org:587', smtp_auth_password: 'x' });
    const bad = lower(alertmanager({ ...base, global: { smtp_auth_password: inlineSecret('x', ' ') } }));
    expect(messages(bad.diagnostics)).toEqual(['inlineSecret(...) needs a reason: why is it fine for this value to be written to out/?']);
  });

  it('refuses URLs that carry credentials', () => {
    expect(urlCarriesCredentials('http://user:pass@relay:9999/')).toBe(true);
    expect(urlCarriesCredentials('https://ntfy.example.org/alerts?auth=abc')).toBe(true);
    expect(urlCarriesCredentials('http://host.containers.internal:9999/webhook/critical')).toBe(false);
    const r = lower(alertmanager({ ...base, receivers: [receiver('relay', { webhook_configs: [{ url: 'https://relay.example.org/hook?token=abc' }] })] }));
    expect(r.diagnostics[0]).toMatchObject({ message: expect.stringMatching(/^url carries credentials/), hint: expect.stringMatching(/url_file/) });
  });

  it('leaves version checks to validation, which names the release a field needs', () => {
    const r = lower(alertmanager({ ...base, receivers: [receiver('relay', { webhook_configs: [{ url_file: '/run/secrets/relay-url' }] })] }));
    expect(r.diagnostics).toEqual([]);
    const v = validateAlertmanagerConfig(r.document!, { alertmanagerVersion: v025 });
    expect(messages(v)).toEqual(['url_file needs Alertmanager 0.26 or later, but the target is 0.25.0']);
    expect(v[0]?.at?.file).toBe(file);
    expect(validateAlertmanagerConfig(r.document!, { alertmanagerVersion: v034 })).toEqual([]);
  });

  it('warns about matchers the two matcher parsers read differently', () => {
    const r = lower(alertmanager({ ...base, route: route({ receiver: 'relay', routes: [route({ receiver: 'relay', matchers: ['job=~node\\.(a|b)'] })] }) }));
    expect(r.diagnostics.map((d) => [d.severity, d.message])).toEqual([['warning', 'matcher "job=~node\\\\.(a|b)" is not read the same by every Alertmanager release']]);
  });

  it('validates the options: unnotified alerts need a reason', () => {
    expect(lower(alertmanager(base, { unnotified: { Watchdog: 'heartbeat for the dead man\'s switch' } })).options).toEqual({ unnotified: { Watchdog: 'heartbeat for the dead man\'s switch' } });
    expect(messages(lower(untyped(base, { unnotified: { Watchdog: '' } })).diagnostics)).toEqual(['unnotified alert Watchdog needs a reason']);
    expect(messages(lower(untyped(base, { quiet: {} })).diagnostics)).toEqual(['unknown option "quiet"']);
  });

  it('points validation problems at the call that declared the part', () => {
    const night = timeInterval('night', [{ times: [{ start_time: '22:00', end_time: '07:00' }] }]);
    const r = lower(alertmanager({ ...base, time_intervals: [night], route: route({ receiver: 'nobody' }) }));
    const v = validateAlertmanagerConfig(r.document!, { alertmanagerVersion: v025 });
    expect(v.map((d) => [d.message, d.at?.line])).toEqual([
      ['start time cannot be equal or greater than end time', r.document!.locate(['time_intervals', 0])?.line],
      ['undefined receiver "nobody" used in route', r.document!.locate(['route'])?.line],
    ]);
    expect(r.document!.locate(['time_intervals', 0])?.line).not.toBe(r.document!.locate(['route'])?.line);
  });
});
