/** The Alertmanager API: what it records, and what does not compile (checked by tsc in npm test). */
import { describe, expect, it } from 'vitest';
import {
  alertmanager, declaredAt, gotify, inhibitRule, inlineSecret, isInlineSecret, ntfy, receiver, route, timeInterval,
} from '../../src/alertmanager/api.js';

describe('Alertmanager API', () => {
  it('records what was declared, shaped like alertmanager.yml, and where', () => {
    const am = alertmanager({
      route: route({ receiver: 'default', group_by: ['alertname'], routes: [route({ matchers: ['severity="critical"'], receiver: 'pager' })] }),
      receivers: [receiver('default'), receiver('pager', { webhook_configs: [{ url: 'http://hooks:9999/pager', send_resolved: true }] })],
    });
    expect(am.kind).toBe('alertmanager');
    expect(am.spec.receivers[1]).toEqual({ name: 'pager', webhook_configs: [{ url: 'http://hooks:9999/pager', send_resolved: true }] });
    expect(am.spec.route.routes?.[0]).toEqual({ matchers: ['severity="critical"'], receiver: 'pager' });
    const file = new URL(import.meta.url).pathname;
    expect(am.at?.file).toBe(file);
    expect(declaredAt(am.spec.route)?.line).toBe(am.at!.line + 1);
    expect(declaredAt(am.spec.route.routes![0]!)?.line).toBe(am.at!.line + 1);
    expect(declaredAt(am.spec.receivers[1]!)?.line).toBe(am.at!.line + 2);
    expect(declaredAt({})).toBeUndefined();
  });

  it('wraps allowed inline secrets with their reason', () => {
    const s = inlineSecret('t0ken', 'a test bot without access to anything');
    expect(isInlineSecret(s)).toBe(true);
    expect(isInlineSecret('t0ken')).toBe(false);
    expect(s).toMatchObject({ value: 't0ken', reason: 'a test bot without access to anything' });
  });

  it('reaches ntfy and Gotify through webhook bridges', () => {
    expect(ntfy({ url: 'http://ntfy-alertmanager:8080' })).toEqual({ url: 'http://ntfy-alertmanager:8080' });
    expect(gotify({ url_file: '/run/secrets/gotify-bridge-url', send_resolved: true })).toEqual({ url_file: '/run/secrets/gotify-bridge-url', send_resolved: true });
  });

  it('makes wrong declarations fail to compile', () => {
    receiver('relay', {
      webhook_configs: [
        // @ts-expect-error the seed's webhook `title:` does not exist in Alertmanager's webhook_config
        { url: 'http://host.containers.internal:9999/webhook/critical', send_resolved: true, title: 'CRITICAL' },
      ],
    });
    // @ts-expect-error a webhook needs url or url_file
    receiver('relay', { webhook_configs: [{ send_resolved: true }] });
    // @ts-expect-error not both url and url_file
    receiver('relay', { webhook_configs: [{ url: 'http://a:1', url_file: '/run/secrets/url' }] });
    // @ts-expect-error secrets are not plain strings: use smtp_auth_password_file or inlineSecret(value, reason)
    alertmanager({ global: { smtp_auth_password: 'hunter2' }, route: { receiver: 'r' }, receivers: [receiver('r')] });
    // @ts-expect-error the Telegram bot token likewise
    receiver('tg', { telegram_configs: [{ chat_id: 1, bot_token: '123:abc' }] });
    // @ts-expect-error the Slack webhook URL is a secret
    receiver('slack', { slack_configs: [{ api_url: 'https://hooks.slack.com/services/T/B/X' }] });
    // @ts-expect-error an email needs a `to`
    receiver('mail', { email_configs: [{ from: 'a@example.org' }] });
    // @ts-expect-error no such integration
    receiver('sms', { sms_configs: [] });
    // @ts-expect-error matchers are `name op value` strings
    route({ receiver: 'r', matchers: ['severity'] });
    // @ts-expect-error deprecated match maps are not offered: use matchers
    route({ receiver: 'r', match: { severity: 'critical' } });
    // @ts-expect-error durations are Prometheus durations
    route({ receiver: 'r', group_wait: '30 seconds' });
    // @ts-expect-error inhibit rules need both sides
    inhibitRule({ source_matchers: ['severity="critical"'], equal: ['alertname'] });
    // @ts-expect-error times are HH:MM
    timeInterval('night', [{ times: [{ start_time: '10pm', end_time: '24:00' }] }]);
    // @ts-expect-error weekdays are names
    timeInterval('weekend', [{ weekdays: ['sat'] }]);
    // @ts-expect-error telegram parse_mode is one of Alertmanager's
    receiver('tg', { telegram_configs: [{ chat_id: 1, bot_token_file: '/run/secrets/tg', parse_mode: 'markdown' }] });
    // @ts-expect-error the root route needs a receiver list beside it
    alertmanager({ route: route({ receiver: 'r' }) });
    // Computed values compile and are checked at build time.
    const url: string = ['http://', 'relay:9999'].join('');
    expect(receiver('relay', { webhook_configs: [{ url }] }).name).toBe('relay');
  });
});
