/**
 * Every field of an Alertmanager configuration file, with its value kind, the first Alertmanager release that
 * knows it, and whether it holds a secret. One table serves four uses: the JSON Schema both readers validate
 * against (schema.ts), the target-version check (a field newer than `alertmanager.version` is refused, like
 * src/rules/features.ts does for Prometheus), the secrets policy of the build (declarations.ts), and the
 * runtime check of declarations made without type checking.
 *
 * Alertmanager decodes its configuration strictly (yaml.v2 UnmarshalStrict): a field it does not know is an
 * error, which is how an older Alertmanager rejects a newer field. The field sets were read from the Go structs
 * of prometheus/alertmanager v0.24.0 … v0.34.0 (config/, notify/*, timeinterval/) and of prometheus/common
 * (HTTP client and TLS configuration) at the version each release vendors: common v0.38 (Alertmanager 0.25),
 * v0.44 (0.26), v0.46 (0.27), v0.61 (0.28), v0.67.4 (0.30), v0.70.1 (0.34). `since` is absent for fields every
 * release from 0.24 on has; targets older than 0.24 are judged as 0.24.
 *
 * `title` is the Go type yaml.v2 names in its "field X not found in type Y" errors (at 0.34), so unknown fields
 * are reported in amtool's words.
 */

/** The structures of the configuration, keyed as in STRUCTS. */
export type StructName =
  | 'config'
  | 'global'
  | 'route'
  | 'inhibit_rule'
  | 'time_interval_set'
  | 'time_interval'
  | 'receiver'
  | 'http_config'
  | 'http_header'
  | 'basic_auth'
  | 'authorization'
  | 'oauth2'
  | 'tls_config'
  | 'webhook_config'
  | 'email_config'
  | 'slack_config'
  | 'slack_action'
  | 'telegram_config'
  | 'discord_config'
  | 'pagerduty_config'
  | 'pushover_config'
  | 'opsgenie_config'
  | 'msteams_config'
  | 'msteamsv2_config'
  | 'sns_config'
  | 'sigv4'
  | 'victorops_config'
  | 'wechat_config'
  | 'webex_config'
  | 'jira_config'
  | 'rocketchat_config'
  | 'mattermost_config'
  | 'incidentio_config'
  | 'time_range'
  | 'email_threading'
  | 'slack_field'
  | 'slack_confirm'
  | 'pagerduty_image'
  | 'pagerduty_link'
  | 'opsgenie_responder';

export type Kind =
  | 'string'
  | 'bool'
  | 'int'
  /** Go's uint64: no sign. */
  | 'uint'
  | 'float'
  /** Prometheus' model.Duration: `5m`, `1h30m`. */
  | 'duration'
  /** Go's time.Duration as yaml.v2 reads it: `10s`, `1m30s`, `1.5h`. */
  | 'goDuration'
  /** Alertmanager's URL: http or https, with a host. */
  | 'url'
  /** prometheus/common's URL (proxy_url): anything url.Parse accepts. */
  | 'anyUrl'
  /** `host:port` (smtp_smarthost). */
  | 'hostport'
  /** Labels matchers in Alertmanager's syntax, one or more per string. */
  | 'matchers'
  /** Deprecated `match_re`: label name → regular expression. */
  | 'matchRegexps'
  /** Anything (webhook payload templates, Jira fields). */
  | 'any'
  | { readonly list: Kind }
  | { readonly map: Kind }
  | { readonly struct: StructName };

export interface FieldSpec {
  readonly kind: Kind;
  /** First Alertmanager release that knows the field. */
  readonly since?: string;
  /** Holds a password, token, key or secret URL: Alertmanager masks it, and the build refuses it inline. */
  readonly secret?: boolean;
  /** The `*_file` field to use instead of this secret, when there is one. */
  readonly file?: string;
}

export interface StructSpec {
  /** The Go type yaml.v2 names in unknown-field errors. */
  readonly title: string;
  readonly fields: Readonly<Record<string, FieldSpec>>;
}

const s: FieldSpec = { kind: 'string' };
const b: FieldSpec = { kind: 'bool' };
const url: FieldSpec = { kind: 'url' };
const strings: FieldSpec = { kind: { list: 'string' } };
const stringMap: FieldSpec = { kind: { map: 'string' } };
const since = (v: string, f: FieldSpec = s): FieldSpec => ({ ...f, since: v });
const secret = (file?: string, extra: Partial<FieldSpec> = {}): FieldSpec => ({ kind: 'string', secret: true, ...(file ? { file } : {}), ...extra });
const struct = (name: StructName, extra: Partial<FieldSpec> = {}): FieldSpec => ({ kind: { struct: name }, ...extra });
const structs = (name: StructName, extra: Partial<FieldSpec> = {}): FieldSpec => ({ kind: { list: { struct: name } }, ...extra });
const http: FieldSpec = struct('http_config');
const sendResolved: FieldSpec = b;

const proxy = {
  proxy_url: { kind: 'anyUrl' },
  no_proxy: since('0.26.0'),
  proxy_from_environment: since('0.26.0', b),
  proxy_connect_header: since('0.26.0', { kind: { map: { list: 'string' } }, secret: true }),
} satisfies Record<string, FieldSpec>;

const STRUCT_TABLE: Readonly<Record<StructName, StructSpec>> = {
  config: {
    title: 'config.plain',
    fields: {
      global: struct('global'),
      templates: strings,
      route: struct('route'),
      receivers: structs('receiver'),
      inhibit_rules: structs('inhibit_rule'),
      mute_time_intervals: structs('time_interval_set'),
      time_intervals: structs('time_interval_set'),
      tracing: since('0.30.0', { kind: 'any' }),
      event_recorder: since('0.33.0', { kind: 'any' }),
    },
  },
  global: {
    title: 'config.plain',
    fields: {
      resolve_timeout: { kind: 'duration' },
      http_config: http,
      smtp_from: s,
      smtp_hello: s,
      smtp_smarthost: { kind: 'hostport' },
      smtp_auth_username: s,
      smtp_auth_password: secret('smtp_auth_password_file'),
      smtp_auth_password_file: since('0.25.0'),
      smtp_auth_secret: secret('smtp_auth_secret_file'),
      smtp_auth_secret_file: since('0.31.0'),
      smtp_auth_identity: s,
      smtp_require_tls: b,
      smtp_tls_config: since('0.28.0', struct('tls_config')),
      smtp_force_implicit_tls: since('0.31.0', b),
      slack_api_url: secret('slack_api_url_file', { kind: 'url' }),
      slack_api_url_file: s,
      slack_app_token: secret('slack_app_token_file', { since: '0.30.0' }),
      slack_app_token_file: since('0.30.0'),
      slack_app_url: since('0.30.0', url),
      pagerduty_url: url,
      opsgenie_api_url: url,
      opsgenie_api_key: secret('opsgenie_api_key_file'),
      opsgenie_api_key_file: s,
      wechat_api_url: url,
      wechat_api_secret: secret('wechat_api_secret_file'),
      wechat_api_secret_file: since('0.31.0'),
      wechat_api_corp_id: s,
      victorops_api_url: url,
      victorops_api_key: secret('victorops_api_key_file'),
      victorops_api_key_file: since('0.25.0'),
      telegram_api_url: url,
      telegram_bot_token: secret('telegram_bot_token_file', { since: '0.31.0' }),
      telegram_bot_token_file: since('0.31.0'),
      webex_api_url: since('0.25.0', url),
      jira_api_url: since('0.28.0', url),
      rocketchat_api_url: since('0.28.0', url),
      rocketchat_token: secret('rocketchat_token_file', { since: '0.28.0' }),
      rocketchat_token_file: since('0.28.0'),
      rocketchat_token_id: secret('rocketchat_token_id_file', { since: '0.28.0' }),
      rocketchat_token_id_file: since('0.28.0'),
      mattermost_webhook_url: secret('mattermost_webhook_url_file', { kind: 'url', since: '0.32.0' }),
      mattermost_webhook_url_file: since('0.32.0'),
    },
  },
  route: {
    title: 'config.plain',
    fields: {
      receiver: s,
      match: stringMap,
      match_re: { kind: 'matchRegexps' },
      matchers: { kind: 'matchers' },
      group_by: strings,
      group_wait: { kind: 'duration' },
      group_interval: { kind: 'duration' },
      repeat_interval: { kind: 'duration' },
      mute_time_intervals: strings,
      active_time_intervals: strings,
      labels: since('0.34.0', stringMap),
      continue: b,
      routes: structs('route'),
    },
  },
  inhibit_rule: {
    title: 'config.plain',
    fields: {
      name: since('0.30.0'),
      source_match: stringMap,
      source_match_re: { kind: 'matchRegexps' },
      source_matchers: { kind: 'matchers' },
      target_match: stringMap,
      target_match_re: { kind: 'matchRegexps' },
      target_matchers: { kind: 'matchers' },
      equal: strings,
    },
  },
  time_interval_set: {
    title: 'config.plain',
    fields: { name: s, time_intervals: structs('time_interval') },
  },
  time_interval: {
    title: 'timeinterval.TimeInterval',
    fields: {
      times: structs('time_range'),
      weekdays: strings,
      days_of_month: strings,
      months: strings,
      years: strings,
      location: since('0.25.0'),
    },
  },
  time_range: { title: 'timeinterval.yamlTimeRange', fields: { start_time: s, end_time: s } },
  receiver: {
    title: 'config.plain',
    fields: {
      name: s,
      labels: since('0.33.0', stringMap),
      discord_configs: structs('discord_config', { since: '0.25.0' }),
      email_configs: structs('email_config'),
      incidentio_configs: structs('incidentio_config', { since: '0.29.0' }),
      pagerduty_configs: structs('pagerduty_config'),
      slack_configs: structs('slack_config'),
      webhook_configs: structs('webhook_config'),
      opsgenie_configs: structs('opsgenie_config'),
      wechat_configs: structs('wechat_config'),
      pushover_configs: structs('pushover_config'),
      victorops_configs: structs('victorops_config'),
      sns_configs: structs('sns_config'),
      telegram_configs: structs('telegram_config'),
      webex_configs: structs('webex_config', { since: '0.25.0' }),
      msteams_configs: structs('msteams_config', { since: '0.26.0' }),
      msteamsv2_configs: structs('msteamsv2_config', { since: '0.28.0' }),
      jira_configs: structs('jira_config', { since: '0.28.0' }),
      rocketchat_configs: structs('rocketchat_config', { since: '0.28.0' }),
      mattermost_configs: structs('mattermost_config', { since: '0.30.0' }),
    },
  },

  // prometheus/common
  http_config: {
    title: 'config.plain',
    fields: {
      basic_auth: struct('basic_auth'),
      authorization: struct('authorization'),
      oauth2: struct('oauth2'),
      bearer_token: secret('bearer_token_file'),
      bearer_token_file: s,
      ...proxy,
      tls_config: struct('tls_config'),
      follow_redirects: b,
      enable_http2: b,
      http_headers: since('0.28.0', { kind: { map: { struct: 'http_header' } } }),
    },
  },
  http_header: {
    title: 'config.Header',
    fields: { values: strings, secrets: { kind: { list: 'string' }, secret: true, file: 'files' }, files: strings },
  },
  basic_auth: {
    title: 'config.BasicAuth',
    fields: {
      username: s,
      username_file: since('0.27.0'),
      username_ref: since('0.28.0'),
      password: secret('password_file'),
      password_file: s,
      password_ref: since('0.28.0'),
    },
  },
  authorization: {
    title: 'config.Authorization',
    fields: { type: s, credentials: secret('credentials_file'), credentials_file: s, credentials_ref: since('0.28.0') },
  },
  oauth2: {
    title: 'config.plain',
    fields: {
      client_id: s,
      client_secret: secret('client_secret_file'),
      client_secret_file: s,
      client_secret_ref: since('0.28.0'),
      client_certificate_key_id: since('0.30.0'),
      client_certificate_key: secret('client_certificate_key_file', { since: '0.30.0' }),
      client_certificate_key_file: since('0.30.0'),
      client_certificate_key_ref: since('0.30.0'),
      grant_type: since('0.30.0'),
      signature_algorithm: since('0.30.0'),
      iss: since('0.30.0'),
      audience: since('0.30.0'),
      claims: since('0.34.0', { kind: 'any' }),
      scopes: strings,
      token_url: s,
      endpoint_params: stringMap,
      tls_config: struct('tls_config'),
      ...proxy,
    },
  },
  tls_config: {
    title: 'config.plain',
    fields: {
      ca: since('0.26.0'),
      cert: since('0.26.0'),
      key: secret('key_file', { since: '0.26.0' }),
      ca_file: s,
      cert_file: s,
      key_file: s,
      ca_ref: since('0.28.0'),
      cert_ref: since('0.28.0'),
      key_ref: since('0.28.0'),
      server_name: s,
      insecure_skip_verify: b,
      min_version: s,
      max_version: s,
    },
  },

  // Receivers' integrations.
  webhook_config: {
    title: 'webhook.plain',
    fields: {
      url: s,
      url_file: since('0.26.0'),
      send_resolved: sendResolved,
      http_config: http,
      max_alerts: { kind: 'uint' },
      timeout: since('0.28.0', { kind: 'goDuration' }),
      payload: since('0.32.0', { kind: 'any' }),
    },
  },
  email_config: {
    title: 'config.plain',
    fields: {
      to: s,
      send_resolved: sendResolved,
      from: s,
      hello: s,
      smarthost: { kind: 'hostport' },
      auth_username: s,
      auth_password: secret('auth_password_file'),
      auth_password_file: since('0.25.0'),
      auth_secret: secret('auth_secret_file'),
      auth_secret_file: since('0.31.0'),
      auth_identity: s,
      headers: stringMap,
      html: s,
      text: s,
      require_tls: b,
      tls_config: struct('tls_config'),
      force_implicit_tls: since('0.31.0', b),
      threading: struct('email_threading', { since: '0.30.0' }),
    },
  },
  email_threading: { title: 'config.ThreadingConfig', fields: { enabled: b, thread_by_date: s } },
  slack_config: {
    title: 'config.plain',
    fields: {
      send_resolved: sendResolved,
      http_config: http,
      api_url: secret('api_url_file', { kind: 'url' }),
      api_url_file: s,
      app_token: secret('app_token_file', { since: '0.30.0' }),
      app_token_file: since('0.30.0'),
      app_url: since('0.30.0', url),
      channel: s,
      username: s,
      color: s,
      title: s,
      title_link: s,
      pretext: s,
      text: s,
      message_text: since('0.31.0'),
      fields: structs('slack_field'),
      short_fields: b,
      footer: s,
      fallback: s,
      callback_id: s,
      icon_emoji: s,
      icon_url: s,
      image_url: s,
      thumb_url: s,
      link_names: b,
      mrkdwn_in: strings,
      actions: structs('slack_action'),
      update_message: since('0.32.0', b),
      timeout: since('0.30.0', { kind: 'goDuration' }),
    },
  },
  slack_field: { title: 'config.plain', fields: { title: s, value: s, short: b } },
  slack_action: {
    title: 'config.plain',
    fields: { type: s, text: s, url: s, style: s, name: s, value: s, confirm: struct('slack_confirm') },
  },
  slack_confirm: { title: 'config.plain', fields: { text: s, title: s, ok_text: s, dismiss_text: s } },
  telegram_config: {
    title: 'telegram.plain',
    fields: {
      send_resolved: sendResolved,
      http_config: http,
      api_url: url,
      bot_token: secret('bot_token_file'),
      bot_token_file: since('0.26.0'),
      chat_id: { kind: 'int' },
      chat_id_file: since('0.31.0'),
      message_thread_id: since('0.28.0', { kind: 'int' }),
      message: s,
      disable_notifications: b,
      parse_mode: s,
    },
  },
  discord_config: {
    title: 'discord.plain',
    fields: {
      send_resolved: sendResolved,
      http_config: http,
      webhook_url: secret('webhook_url_file', { kind: 'url' }),
      webhook_url_file: since('0.27.0'),
      title: s,
      message: s,
      content: since('0.28.0'),
      username: since('0.28.0'),
      avatar_url: since('0.28.0'),
    },
  },
  pagerduty_config: {
    title: 'pagerduty.plain',
    fields: {
      send_resolved: sendResolved,
      http_config: http,
      service_key: secret('service_key_file'),
      service_key_file: since('0.25.0'),
      routing_key: secret('routing_key_file'),
      routing_key_file: since('0.25.0'),
      url,
      client: s,
      client_url: s,
      description: s,
      details: { kind: { map: 'any' } },
      images: structs('pagerduty_image'),
      links: structs('pagerduty_link'),
      source: since('0.25.0'),
      severity: s,
      class: s,
      component: s,
      group: s,
      timeout: since('0.30.0', { kind: 'goDuration' }),
    },
  },
  pagerduty_image: { title: 'pagerduty.PagerdutyImage', fields: { src: s, alt: s, href: s } },
  pagerduty_link: { title: 'pagerduty.PagerdutyLink', fields: { href: s, text: s } },
  pushover_config: {
    title: 'pushover.plain',
    fields: {
      send_resolved: sendResolved,
      http_config: http,
      user_key: secret('user_key_file'),
      user_key_file: since('0.26.0'),
      token: secret('token_file'),
      token_file: since('0.26.0'),
      title: s,
      message: s,
      url: s,
      url_title: s,
      device: since('0.26.0'),
      sound: s,
      priority: s,
      retry: s,
      expire: s,
      ttl: since('0.27.0'),
      html: b,
      monospace: since('0.29.0', b),
    },
  },
  opsgenie_config: {
    title: 'opsgenie.plain',
    fields: {
      send_resolved: sendResolved,
      http_config: http,
      api_key: secret('api_key_file'),
      api_key_file: s,
      api_url: url,
      message: s,
      description: s,
      source: s,
      details: stringMap,
      entity: s,
      responders: structs('opsgenie_responder'),
      actions: s,
      tags: s,
      note: s,
      priority: s,
      update_alerts: b,
    },
  },
  opsgenie_responder: { title: 'opsgenie.OpsGenieConfigResponder', fields: { id: s, name: s, username: s, type: s } },
  msteams_config: {
    title: 'msteams.plain',
    fields: {
      send_resolved: sendResolved,
      http_config: http,
      webhook_url: secret('webhook_url_file', { kind: 'url' }),
      webhook_url_file: since('0.27.0'),
      title: s,
      summary: since('0.27.0'),
      text: s,
    },
  },
  msteamsv2_config: {
    title: 'msteamsv2.plain',
    fields: {
      send_resolved: sendResolved,
      http_config: http,
      webhook_url: secret('webhook_url_file', { kind: 'url' }),
      webhook_url_file: s,
      title: s,
      text: s,
    },
  },
  sns_config: {
    title: 'sns.plain',
    fields: {
      send_resolved: sendResolved,
      http_config: http,
      api_url: s,
      sigv4: struct('sigv4'),
      topic_arn: s,
      phone_number: s,
      target_arn: s,
      subject: s,
      message: s,
      attributes: stringMap,
      use_aws_http_client: since('0.33.0', b),
    },
  },
  sigv4: {
    title: 'sigv4.SigV4Config',
    fields: { region: s, access_key: s, secret_key: secret(), profile: s, role_arn: s, external_id: s, use_fips_sts_endpoint: b },
  },
  victorops_config: {
    title: 'config.plain',
    fields: {
      send_resolved: sendResolved,
      http_config: http,
      api_key: secret('api_key_file'),
      api_key_file: s,
      api_url: url,
      routing_key: s,
      message_type: s,
      state_message: s,
      entity_display_name: s,
      monitoring_tool: s,
      custom_fields: stringMap,
    },
  },
  wechat_config: {
    title: 'config.plain',
    fields: {
      send_resolved: sendResolved,
      http_config: http,
      api_secret: secret('api_secret_file'),
      api_secret_file: since('0.31.0'),
      corp_id: s,
      message: s,
      api_url: url,
      to_user: s,
      to_party: s,
      to_tag: s,
      agent_id: s,
      message_type: s,
    },
  },
  webex_config: {
    title: 'config.plain',
    fields: { send_resolved: sendResolved, http_config: http, api_url: url, message: s, room_id: s },
  },
  jira_config: {
    title: 'jira.plain',
    fields: {
      send_resolved: sendResolved,
      http_config: http,
      api_url: url,
      api_type: since('0.29.0'),
      project: s,
      summary: { kind: 'any' },
      description: { kind: 'any' },
      labels: strings,
      priority: s,
      issue_type: s,
      reopen_transition: s,
      resolve_transition: s,
      wont_fix_resolution: s,
      reopen_duration: { kind: 'duration' },
      fields: { kind: { map: 'any' } },
    },
  },
  rocketchat_config: {
    title: 'rocketchat.plain',
    fields: {
      send_resolved: sendResolved,
      http_config: http,
      api_url: url,
      token_id: secret('token_id_file'),
      token_id_file: s,
      token: secret('token_file'),
      token_file: s,
      channel: s,
      color: s,
      title: s,
      title_link: s,
      text: s,
      fields: { kind: { list: 'any' } },
      short_fields: b,
      emoji: s,
      icon_url: s,
      image_url: s,
      thumb_url: s,
      link_names: b,
      actions: { kind: { list: 'any' } },
    },
  },
  mattermost_config: {
    title: 'mattermost.plain',
    fields: {
      send_resolved: sendResolved,
      http_config: http,
      webhook_url: secret('webhook_url_file', { kind: 'url' }),
      webhook_url_file: s,
      channel: s,
      username: s,
      text: s,
      icon_url: s,
      icon_emoji: s,
      attachments: { kind: { list: 'any' } },
      type: s,
      props: { kind: 'any' },
      priority: { kind: 'any' },
      fallback: since('0.32.0'),
      color: since('0.32.0'),
      pretext: since('0.32.0'),
      author_name: since('0.32.0'),
      author_link: since('0.32.0'),
      author_icon: since('0.32.0'),
      title: since('0.32.0'),
      title_link: since('0.32.0'),
      fields: since('0.32.0', { kind: { list: 'any' } }),
      thumb_url: since('0.32.0'),
      footer: since('0.32.0'),
      footer_icon: since('0.32.0'),
      image_url: since('0.32.0'),
    },
  },
  incidentio_config: {
    title: 'incidentio.plain',
    fields: {
      send_resolved: sendResolved,
      http_config: http,
      url,
      url_file: s,
      alert_source_token: secret('alert_source_token_file'),
      alert_source_token_file: s,
      max_alerts: { kind: 'uint' },
      timeout: { kind: 'goDuration' },
    },
  },
};

export const STRUCTS: Readonly<Record<StructName, StructSpec>> = STRUCT_TABLE;

/** The `*_configs` lists of a receiver, each an integration that sends notifications. */
export const INTEGRATION_LISTS = Object.keys(STRUCT_TABLE.receiver.fields).filter((f) => f.endsWith('_configs'));

export const isStructKind = (k: Kind): k is { readonly struct: StructName } => typeof k === 'object' && 'struct' in k;
export const isListKind = (k: Kind): k is { readonly list: Kind } => typeof k === 'object' && 'list' in k;
export const isMapKind = (k: Kind): k is { readonly map: Kind } => typeof k === 'object' && 'map' in k;

/** The structure one step down a path: the struct an object at `path` has, walking from the config root. */
export function structAt(path: readonly (string | number)[]): StructName | undefined {
  let kind: Kind = { struct: 'config' };
  for (const step of path) {
    if (isListKind(kind) && typeof step === 'number') kind = kind.list;
    else if (isMapKind(kind) && typeof step === 'string') kind = kind.map;
    else if (isStructKind(kind) && typeof step === 'string') {
      const f: FieldSpec | undefined = STRUCTS[kind.struct].fields[step];
      if (!f) return undefined;
      kind = f.kind;
    } else return undefined;
  }
  return isStructKind(kind) ? kind.struct : undefined;
}

/** A field visited by `walkFields`: where it is, what the table says about it, and its value. */
export interface VisitedField {
  readonly path: readonly (string | number)[];
  readonly struct: StructName;
  readonly name: string;
  readonly spec: FieldSpec;
  readonly value: unknown;
}

/** Every known field present in `config` (a plain, shape-valid configuration), depth first, in document order. */
export function* walkFields(config: unknown): Generator<VisitedField> {
  yield* walkKind({ struct: 'config' }, config, [], undefined);
}

function* walkKind(kind: Kind, value: unknown, path: readonly (string | number)[], owner: VisitedField | undefined): Generator<VisitedField> {
  if (value === null || value === undefined) return;
  if (isStructKind(kind)) {
    if (typeof value !== 'object' || Array.isArray(value)) return;
    const spec = STRUCTS[kind.struct];
    for (const [name, v] of Object.entries(value as Record<string, unknown>)) {
      const f = spec.fields[name];
      if (!f || v === undefined) continue;
      const visited: VisitedField = { path: [...path, name], struct: kind.struct, name, spec: f, value: v };
      yield visited;
      yield* walkKind(f.kind, v, [...path, name], visited);
    }
  } else if (isListKind(kind) && Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) yield* walkKind(kind.list, value[i], [...path, i], owner);
  } else if (isMapKind(kind) && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) yield* walkKind(kind.map, v, [...path, k], owner);
  }
}
