/**
 * Where the homelab's alerts go. Built into out/alertmanager/alertmanager.yml (and out/nixos/alertmanager.json
 * for the NixOS module); valid for Debian's Alertmanager 0.25, which CI checks it with, and for current releases.
 *
 * From the "Phase 2 monitoring stack optimization" plan: critical and warning alerts to two webhooks of the
 * notification relay on the monitoring host (port 9999), with resolved notifications. The plan's webhook
 * receivers also had a `title:`, which Alertmanager's webhook_config does not have (it refuses the file); the
 * relay formats messages from the webhook's JSON payload instead. [ours] everything else: mail for critical
 * alerts and an info digest, grouping, the warning-under-critical inhibition and the night-time mute.
 *
 *   severity=critical  → critical-alerts (webhook) and email, day and night, repeated every hour
 *   severity=warning   → warning-alerts (webhook), not at night, repeated every 4 hours
 *   severity=info      → email, batched per alert name, at most daily, not at night
 *   anything else      → warning-alerts (alerts/severity makes every alert carry one of the three)
 */
import { alertmanager, inhibitRule, receiver, route, timeInterval } from 'promforge';

/** The notification relay's webhooks: plain http on the host's container network, no credentials in the URL. */
const relay = 'http://host.containers.internal:9999/webhook';

export default alertmanager({
  global: {
    resolve_timeout: '5m',
    smtp_smarthost: 'smtp.example.org:587',
    smtp_from: 'alertmanager@example.org',
    smtp_auth_username: 'alertmanager@example.org',
    // A file the NixOS host provisions (agenix/sops-nix); Alertmanager >= 0.25 reads it.
    smtp_auth_password_file: '/run/secrets/alertmanager-smtp-password',
    smtp_require_tls: true,
  },

  route: route({
    receiver: 'warning-alerts',
    // The tiered host alerts share a name across severities: grouping by name and instance keeps the warning
    // and the critical of one host in one group, and one host's problems apart from another's.
    group_by: ['alertname', 'instance'],
    group_wait: '30s',
    group_interval: '5m',
    repeat_interval: '4h',
    routes: [
      route({
        matchers: ['severity="critical"'],
        receiver: 'critical-alerts',
        group_wait: '10s',
        repeat_interval: '1h',
        continue: true,
      }),
      route({ matchers: ['severity="critical"'], receiver: 'email', repeat_interval: '1h' }),
      route({ matchers: ['severity="warning"'], receiver: 'warning-alerts', mute_time_intervals: ['night'] }),
      route({
        // Low noise: one mail per alert name, at most once a day, never at night.
        matchers: ['severity="info"'],
        receiver: 'email',
        group_by: ['alertname'],
        group_wait: '5m',
        group_interval: '1h',
        repeat_interval: '24h',
        mute_time_intervals: ['night'],
      }),
    ],
  }),

  receivers: [
    receiver('critical-alerts', { webhook_configs: [{ url: `${relay}/critical`, send_resolved: true }] }),
    receiver('warning-alerts', { webhook_configs: [{ url: `${relay}/warning`, send_resolved: true }] }),
    receiver('email', { email_configs: [{ to: 'admin@example.org', send_resolved: true }] }),
  ],

  inhibit_rules: [
    // HostHighMemoryUsage and HostLowDiskSpace fire as warning first, then also as critical: while the
    // critical one fires for a host, its warning is noise. `mountpoint` keeps one filesystem's critical from
    // hiding another filesystem's warning; alerts without the label (memory) have it equal, empty, on both sides.
    inhibitRule({
      source_matchers: ['severity="critical"'],
      target_matchers: ['severity="warning"'],
      equal: ['alertname', 'instance', 'mountpoint'],
    }),
  ],

  time_intervals: [
    // A range cannot wrap midnight: the night is two ranges, in the homelab's time zone.
    timeInterval('night', [
      {
        times: [
          { start_time: '22:00', end_time: '24:00' },
          { start_time: '00:00', end_time: '07:00' },
        ],
        location: 'Europe/Oslo',
      },
    ]),
  ],
});
