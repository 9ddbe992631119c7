/**
 * The Alertmanager API: what users write in `alertmanager/*.ts`. It reads like the `alertmanager.yml` it
 * produces, field names and all, so the Alertmanager docs apply word for word:
 *
 *   export default alertmanager({
 *     route: route({
 *       receiver: 'warning-alerts',
 *       group_by: ['alertname', 'instance'],
 *       routes: [route({ matchers: ['severity="critical"'], receiver: 'critical-alerts' })],
 *     }),
 *     receivers: [
 *       receiver('critical-alerts', { webhook_configs: [{ url: 'http://hooks:9999/critical', send_resolved: true }] }),
 *       receiver('warning-alerts', { webhook_configs: [{ url: 'http://hooks:9999/warning', send_resolved: true }] }),
 *     ],
 *   });
 *
 * The types only offer fields Alertmanager has (a webhook with a `title` does not compile), matchers in the
 * modern syntax, and secrets as `*_file` references: an inline password is a type error, and a build error,
 * unless it is wrapped in `inlineSecret(value, reason)`. As with the rules API, the functions only record what
 * was declared and where (the call site); declarations.ts checks everything again at build time, because tsx
 * runs TypeScript without type checking.
 */
import { fileURLToPath } from 'node:url';
import { callerLocation } from '../source-location.js';
import type { Duration } from '../rules/api.js';
import type { SourceLocation } from '../rules/model.js';

// ---- values ----

type GoUnit = 'ns' | 'us' | 'ms' | 's' | 'm' | 'h';
/** Go's time.Duration as Alertmanager reads it for `timeout`: `'10s'`, `'1m30s'`. */
export type GoDuration = `${number}${GoUnit}` | `${number}${GoUnit}${number}${GoUnit}`;

/**
 * One or more label matchers in Alertmanager's syntax: `severity="critical"`, `alertname=~"Host.*"`,
 * `instance!="nas-01:9100"`. Quote values with double quotes: every Alertmanager release reads them the same.
 */
export type MatcherString = `${string}=${string}` | `${string}!~${string}`;

const SECRET = Symbol.for('promforge.alertmanager.inlineSecret');

/**
 * A secret written into the configuration itself, which then lands in `out/`. Only for values that are not
 * really secret (a test token, an internal webhook); say why.
 */
export interface InlineSecret {
  readonly [SECRET]: true;
  readonly value: string;
  readonly reason: string;
}

/** Allow one secret inline, with the reason it is acceptable. Prefer the field's `*_file` twin. */
export function inlineSecret(value: string, reason: string): InlineSecret {
  return { [SECRET]: true, value, reason };
}

export const isInlineSecret = (v: unknown): v is InlineSecret => typeof v === 'object' && v !== null && SECRET in v;

// ---- HTTP client (prometheus/common) ----

export interface TlsConfig {
  readonly ca_file?: string;
  readonly cert_file?: string;
  readonly key_file?: string;
  readonly ca?: string;
  readonly cert?: string;
  readonly key?: InlineSecret;
  readonly server_name?: string;
  readonly insecure_skip_verify?: boolean;
  readonly min_version?: 'TLS10' | 'TLS11' | 'TLS12' | 'TLS13';
  readonly max_version?: 'TLS10' | 'TLS11' | 'TLS12' | 'TLS13';
}

export interface HttpConfig {
  readonly basic_auth?: { readonly username?: string; readonly username_file?: string; readonly password?: InlineSecret; readonly password_file?: string };
  readonly authorization?: { readonly type?: string; readonly credentials?: InlineSecret; readonly credentials_file?: string };
  readonly oauth2?: {
    readonly client_id: string;
    readonly client_secret?: InlineSecret;
    readonly client_secret_file?: string;
    readonly scopes?: readonly string[];
    readonly token_url: string;
    readonly endpoint_params?: Readonly<Record<string, string>>;
    readonly tls_config?: TlsConfig;
    readonly proxy_url?: string;
  };
  readonly bearer_token_file?: string;
  readonly proxy_url?: string;
  readonly no_proxy?: string;
  readonly proxy_from_environment?: boolean;
  readonly tls_config?: TlsConfig;
  readonly follow_redirects?: boolean;
  readonly enable_http2?: boolean;
}

// ---- integrations ----

interface Notifier {
  /** Whether to notify about resolved alerts too. */
  readonly send_resolved?: boolean;
}

type OneOf<A, B> = (A & { readonly [K in keyof B]?: never }) | (B & { readonly [K in keyof A]?: never });

/**
 * A generic webhook: Alertmanager POSTs its JSON payload to `url` (or to the URL read from `url_file`, 0.26+,
 * for URLs that carry a token).
 */
export type WebhookConfig = Notifier &
  OneOf<{ readonly url: string }, { readonly url_file: string }> & {
    readonly http_config?: HttpConfig;
    /** At most this many alerts per message; 0 means all. */
    readonly max_alerts?: number;
    /** 0.28+. */
    readonly timeout?: GoDuration;
  };

export interface EmailConfig extends Notifier {
  readonly to: string;
  readonly from?: string;
  readonly hello?: string;
  /** `host:port`; defaults to global smtp_smarthost. */
  readonly smarthost?: `${string}:${number}`;
  readonly auth_username?: string;
  readonly auth_password?: InlineSecret;
  /** 0.25+. */
  readonly auth_password_file?: string;
  readonly auth_secret?: InlineSecret;
  /** 0.31+. */
  readonly auth_secret_file?: string;
  readonly auth_identity?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly html?: string;
  readonly text?: string;
  readonly require_tls?: boolean;
  readonly tls_config?: TlsConfig;
}

export interface SlackField {
  readonly title: string;
  readonly value: string;
  readonly short?: boolean;
}

export interface SlackAction {
  readonly type: string;
  readonly text: string;
  readonly url?: string;
  readonly style?: string;
  readonly name?: string;
  readonly value?: string;
  readonly confirm?: { readonly text: string; readonly title?: string; readonly ok_text?: string; readonly dismiss_text?: string };
}

export interface SlackConfig extends Notifier {
  /** The incoming-webhook URL is a secret: give it as a file. */
  readonly api_url_file?: string;
  readonly api_url?: InlineSecret;
  readonly http_config?: HttpConfig;
  readonly channel?: string;
  readonly username?: string;
  readonly color?: string;
  readonly title?: string;
  readonly title_link?: string;
  readonly pretext?: string;
  readonly text?: string;
  readonly fields?: readonly SlackField[];
  readonly short_fields?: boolean;
  readonly footer?: string;
  readonly fallback?: string;
  readonly callback_id?: string;
  readonly icon_emoji?: string;
  readonly icon_url?: string;
  readonly image_url?: string;
  readonly thumb_url?: string;
  readonly link_names?: boolean;
  readonly mrkdwn_in?: readonly string[];
  readonly actions?: readonly SlackAction[];
}

export type TelegramConfig = Notifier &
  OneOf<{ readonly chat_id: number }, { /** 0.31+. */ readonly chat_id_file: string }> & {
    /** 0.26+. */
    readonly bot_token_file?: string;
    readonly bot_token?: InlineSecret;
    readonly api_url?: string;
    readonly message?: string;
    readonly disable_notifications?: boolean;
    readonly parse_mode?: 'Markdown' | 'MarkdownV2' | 'HTML' | '';
    /** 0.28+. */
    readonly message_thread_id?: number;
    readonly http_config?: HttpConfig;
  };

export type DiscordConfig = Notifier &
  OneOf<{ /** 0.27+. */ readonly webhook_url_file: string }, { readonly webhook_url: InlineSecret }> & {
    readonly title?: string;
    readonly message?: string;
    /** 0.28+. */
    readonly content?: string;
    /** 0.28+. */
    readonly username?: string;
    /** 0.28+. */
    readonly avatar_url?: string;
    readonly http_config?: HttpConfig;
  };

/** PagerDuty: one of routing_key_file (Events API v2) or service_key_file (v1), or an inline key. */
export interface PagerdutyConfig extends Notifier {
  /** Events API v2 integration key, from a file (0.25+). */
  readonly routing_key_file?: string;
  readonly routing_key?: InlineSecret;
  /** Events API v1 service key, from a file (0.25+). */
  readonly service_key_file?: string;
  readonly service_key?: InlineSecret;
  readonly url?: string;
  readonly client?: string;
  readonly client_url?: string;
  readonly description?: string;
  readonly details?: Readonly<Record<string, string>>;
  readonly images?: readonly { readonly src?: string; readonly alt?: string; readonly href?: string }[];
  readonly links?: readonly { readonly href?: string; readonly text?: string }[];
  /** 0.25+. */
  readonly source?: string;
  readonly severity?: string;
  readonly class?: string;
  readonly component?: string;
  readonly group?: string;
  readonly http_config?: HttpConfig;
}

export interface PushoverConfig extends Notifier {
  /** 0.26+. */
  readonly user_key_file?: string;
  readonly user_key?: InlineSecret;
  /** 0.26+. */
  readonly token_file?: string;
  readonly token?: InlineSecret;
  readonly title?: string;
  readonly message?: string;
  readonly url?: string;
  readonly url_title?: string;
  /** 0.26+. */
  readonly device?: string;
  readonly sound?: string;
  readonly priority?: string;
  readonly retry?: Duration;
  readonly expire?: Duration;
  /** 0.27+. */
  readonly ttl?: Duration;
  readonly html?: boolean;
  /** 0.29+. */
  readonly monospace?: boolean;
  readonly http_config?: HttpConfig;
}

export interface OpsGenieResponder {
  readonly id?: string;
  readonly name?: string;
  readonly username?: string;
  readonly type: 'team' | 'teams' | 'user' | 'escalation' | 'schedule' | `{{${string}}}`;
}

export interface OpsGenieConfig extends Notifier {
  readonly api_key_file?: string;
  readonly api_key?: InlineSecret;
  readonly api_url?: string;
  readonly message?: string;
  readonly description?: string;
  readonly source?: string;
  readonly details?: Readonly<Record<string, string>>;
  readonly entity?: string;
  readonly responders?: readonly OpsGenieResponder[];
  readonly actions?: string;
  readonly tags?: string;
  readonly note?: string;
  readonly priority?: string;
  readonly update_alerts?: boolean;
  readonly http_config?: HttpConfig;
}

/** Microsoft Teams through an Office 365 connector (0.26+). */
export type MSTeamsConfig = Notifier &
  OneOf<{ /** 0.27+. */ readonly webhook_url_file: string }, { readonly webhook_url: InlineSecret }> & {
    readonly title?: string;
    /** 0.27+. */
    readonly summary?: string;
    readonly text?: string;
    readonly http_config?: HttpConfig;
  };

/** Microsoft Teams through a Power Automate workflow (0.28+). */
export type MSTeamsV2Config = Notifier &
  OneOf<{ readonly webhook_url_file: string }, { readonly webhook_url: InlineSecret }> & {
    readonly title?: string;
    readonly text?: string;
    readonly http_config?: HttpConfig;
  };

/**
 * ntfy (https://ntfy.sh) has no Alertmanager integration of its own: Alertmanager's webhook posts to a bridge
 * such as ntfy-alertmanager (github.com/xenrox/ntfy-alertmanager), which publishes to a topic. `url` is the
 * bridge's endpoint; a topic URL with an access token belongs in `url_file`.
 */
export const ntfy = (config: WebhookConfig): WebhookConfig => config;

/**
 * Gotify (https://gotify.net) is reached through a bridge such as alertmanager_gotify_bridge
 * (github.com/DRuggeri/alertmanager_gotify_bridge), which receives Alertmanager's webhook and holds the Gotify
 * application token itself, so the webhook URL carries no secret.
 */
export const gotify = (config: WebhookConfig): WebhookConfig => config;

// ---- receivers, routes, inhibition, time intervals ----

export interface ReceiverIntegrations {
  readonly webhook_configs?: readonly WebhookConfig[];
  readonly email_configs?: readonly EmailConfig[];
  readonly slack_configs?: readonly SlackConfig[];
  readonly telegram_configs?: readonly TelegramConfig[];
  /** 0.25+. */
  readonly discord_configs?: readonly DiscordConfig[];
  readonly pagerduty_configs?: readonly PagerdutyConfig[];
  readonly pushover_configs?: readonly PushoverConfig[];
  readonly opsgenie_configs?: readonly OpsGenieConfig[];
  /** 0.26+. */
  readonly msteams_configs?: readonly MSTeamsConfig[];
  /** 0.28+. */
  readonly msteamsv2_configs?: readonly MSTeamsV2Config[];
}

export interface ReceiverSpec extends ReceiverIntegrations {
  readonly name: string;
}

export interface RouteSpec {
  /** Where matching alerts go; inherited from the parent route when absent. */
  readonly receiver?: string;
  /** Labels alerts are batched by; `['...']` groups by every label. */
  readonly group_by?: readonly string[];
  readonly group_wait?: Duration;
  readonly group_interval?: Duration;
  readonly repeat_interval?: Duration;
  /** All must match; the root route has none. */
  readonly matchers?: readonly MatcherString[];
  /** Keep looking at the following sibling routes after this one matched. */
  readonly continue?: boolean;
  readonly routes?: readonly RouteSpec[];
  /** Time intervals (by name) during which this route does not notify. Not inherited by child routes. */
  readonly mute_time_intervals?: readonly string[];
  /** Time intervals (by name) outside which this route does not notify. Not inherited by child routes. */
  readonly active_time_intervals?: readonly string[];
}

export interface InhibitRuleSpec {
  /** 0.30+. */
  readonly name?: string;
  /** The alert that, while firing, mutes others. */
  readonly source_matchers: readonly MatcherString[];
  /** The alerts it mutes. */
  readonly target_matchers: readonly MatcherString[];
  /** Labels the source and the target must have equal (both missing counts as equal). */
  readonly equal?: readonly string[];
}

type Digit = '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9';
type Hour = `${'0' | '1'}${Digit}` | `2${'0' | '1' | '2' | '3'}`;
/** `HH:MM`, 24-hour clock; `24:00` ends a day. */
export type ClockTime = `${Hour}:${'0' | '1' | '2' | '3' | '4' | '5'}${Digit}` | '24:00';
export type Weekday = 'sunday' | 'monday' | 'tuesday' | 'wednesday' | 'thursday' | 'friday' | 'saturday';
export type Month =
  | 'january' | 'february' | 'march' | 'april' | 'may' | 'june' | 'july' | 'august' | 'september' | 'october' | 'november' | 'december';

export interface TimeIntervalSpec {
  /** Start before end: a range cannot wrap midnight (use two ranges). */
  readonly times?: readonly { readonly start_time: ClockTime; readonly end_time: ClockTime }[];
  readonly weekdays?: readonly (Weekday | `${Weekday}:${Weekday}`)[];
  /** `'1'`, `'1:5'`, `'-1'` (the last day). */
  readonly days_of_month?: readonly string[];
  readonly months?: readonly (Month | `${Month}:${Month}` | `${number}` | `${number}:${number}`)[];
  readonly years?: readonly (`${number}` | `${number}:${number}`)[];
  /** IANA time zone, e.g. `'Europe/Oslo'` (0.25+); UTC when absent. */
  readonly location?: string;
}

export interface NamedTimeInterval {
  readonly name: string;
  readonly time_intervals: readonly TimeIntervalSpec[];
}

export interface GlobalSpec {
  readonly resolve_timeout?: Duration;
  readonly http_config?: HttpConfig;
  readonly smtp_from?: string;
  readonly smtp_hello?: string;
  readonly smtp_smarthost?: `${string}:${number}`;
  readonly smtp_auth_username?: string;
  readonly smtp_auth_password?: InlineSecret;
  /** 0.25+. */
  readonly smtp_auth_password_file?: string;
  readonly smtp_auth_secret?: InlineSecret;
  /** 0.31+. */
  readonly smtp_auth_secret_file?: string;
  readonly smtp_auth_identity?: string;
  readonly smtp_require_tls?: boolean;
  /** 0.28+. */
  readonly smtp_tls_config?: TlsConfig;
  readonly slack_api_url?: InlineSecret;
  readonly slack_api_url_file?: string;
  readonly pagerduty_url?: string;
  readonly opsgenie_api_url?: string;
  readonly opsgenie_api_key?: InlineSecret;
  readonly opsgenie_api_key_file?: string;
  readonly telegram_api_url?: string;
  /** 0.31+. */
  readonly telegram_bot_token_file?: string;
  readonly telegram_bot_token?: InlineSecret;
  /** 0.25+. */
  readonly webex_api_url?: string;
}

export interface AlertmanagerSpec {
  readonly global?: GlobalSpec;
  /** The root route: a default receiver, no matchers. */
  readonly route: RouteSpec;
  readonly receivers: readonly ReceiverSpec[];
  readonly inhibit_rules?: readonly InhibitRuleSpec[];
  readonly time_intervals?: readonly NamedTimeInterval[];
  /** Notification template files (globs), read by Alertmanager at start. */
  readonly templates?: readonly string[];
}

/** Settings for promforge's checks; not part of the emitted configuration. */
export interface AlertmanagerOptions {
  /**
   * Alerts that do not need to notify anyone (alertname → why), e.g. a heartbeat watched by a dead man's
   * switch. Every other declared alert must reach a receiver that notifies.
   */
  readonly unnotified?: Readonly<Record<string, string>>;
}

export interface AlertmanagerDeclaration {
  readonly kind: 'alertmanager';
  readonly spec: AlertmanagerSpec;
  readonly options: AlertmanagerOptions;
  readonly at?: SourceLocation;
}

// ---- call sites ----

const here = fileURLToPath(import.meta.url);
const caller = (): SourceLocation | undefined => callerLocation([here]);
const sites = new WeakMap<object, SourceLocation>();

/** Where `route(...)`, `receiver(...)`, `inhibitRule(...)` or `timeInterval(...)` made this object. */
export const declaredAt = (o: object): SourceLocation | undefined => sites.get(o);

function mark<T extends object>(o: T): T {
  const at = caller();
  if (at) sites.set(o, at);
  return o;
}

/** The Alertmanager configuration: what a module in `alertmanager/` default-exports. */
export function alertmanager(spec: AlertmanagerSpec, options: AlertmanagerOptions = {}): AlertmanagerDeclaration {
  const at = caller();
  return { kind: 'alertmanager', spec, options, ...(at ? { at } : {}) };
}

/** A route: which alerts (matchers), where they go (receiver), how they are batched, and child routes. */
export function route(spec: RouteSpec): RouteSpec {
  return mark({ ...spec });
}

/** A receiver: one or more integrations that notify someone. A receiver without any is a null receiver. */
export function receiver(name: string, integrations: ReceiverIntegrations = {}): ReceiverSpec {
  return mark({ name, ...integrations });
}

/** Mute alerts matching `target_matchers` while an alert matching `source_matchers` fires with equal labels. */
export function inhibitRule(spec: InhibitRuleSpec): InhibitRuleSpec {
  return mark({ ...spec });
}

/** A named time interval, for routes' `mute_time_intervals` and `active_time_intervals`. */
export function timeInterval(name: string, intervals: readonly TimeIntervalSpec[]): NamedTimeInterval {
  return mark({ name, time_intervals: intervals });
}
