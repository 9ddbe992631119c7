/**
 * The checks Alertmanager makes when it loads a configuration (`amtool check-config`): what Config.UnmarshalYAML
 * and the integrations' UnmarshalYAML methods refuse, in the target release's words, plus the target-version
 * check amtool cannot make for a version it is not. Runs on the model, so it serves declarations and YAML files
 * alike; every problem points at the node it is about.
 *
 * Alertmanager stops at the first problem; this reports all of them. The shape (unknown fields, value types)
 * has been checked by the JSON Schema before this runs (schema.ts).
 */
import { atLeast, formatVersion, type Version } from '../config/version.js';
import { error, type Diagnostic } from '../diagnostics.js';
import { translateRe2 } from '../promql/regex.js';
import { parsePromDuration } from '../promql/duration.js';
import { walkFields } from './fields.js';
import { isValidLabelName, parseMatchers } from './matchers.js';
import {
  CLASSIC_LABEL_NAME, formatPath, type AlertmanagerDocument, type AmInhibitRule, type AmPath, type AmReceiver, type AmRoute, type AmTimeInterval,
} from './model.js';
import { parseTimeInterval } from './timeinterval.js';

export interface AmValidateOptions {
  /** The Alertmanager release the configuration must load in. */
  readonly alertmanagerVersion: Version;
}

type Obj = Readonly<Record<string, unknown>>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (o: Obj | undefined, k: string): string => (typeof o?.[k] === 'string' ? (o[k] as string) : '');
const has = (o: Obj | undefined, k: string): boolean => str(o, k) !== '';
const present = (o: Obj | undefined, k: string): boolean => o !== undefined && o[k] !== undefined && o[k] !== null;

export const VERSION_HINT = 'remove it, or raise alertmanager.version in promforge.config.ts (or pass --alertmanager-version)';

class Checker {
  readonly problems: Diagnostic[] = [];
  /** Objects holding a field too new for the target: their other problems follow from it and are not repeated. */
  readonly tooNew: AmPath[] = [];
  constructor(
    readonly doc: AlertmanagerDocument,
    readonly version: Version,
  ) {}

  since(v: string): boolean {
    return atLeast(this.version, v);
  }

  fail(path: AmPath, message: string, hint?: string): void {
    if (this.tooNew.some((p) => p.length <= path.length && p.every((x, i) => path[i] === x))) return;
    const at = this.doc.locate(path);
    this.problems.push(error(message, { ...(at ? { at } : {}), subject: formatPath(path), ...(hint ? { hint } : {}) }));
  }
}

export function validateAlertmanagerConfig(doc: AlertmanagerDocument, options: AmValidateOptions): Diagnostic[] {
  const c = new Checker(doc, options.alertmanagerVersion);
  const cfg = doc.config;
  checkVersions(c);
  const global = isObj(cfg.global) ? cfg.global : undefined;
  checkGlobal(c, global);
  const receivers = Array.isArray(cfg.receivers) ? cfg.receivers : [];
  const names = new Set<string>();
  receivers.forEach((r, i) => {
    if (!isObj(r)) return;
    checkReceiver(c, r as AmReceiver, ['receivers', i], global);
    const name = str(r, 'name');
    if (name !== '' && names.has(name)) c.fail(['receivers', i, 'name'], `notification config name "${name}" is not unique`);
    names.add(name);
  });
  (cfg.inhibit_rules ?? []).forEach((r, i) => isObj(r) && checkInhibitRule(c, r, ['inhibit_rules', i]));
  const intervals = new Set<string>();
  for (const key of ['mute_time_intervals', 'time_intervals'] as const) {
    (cfg[key] ?? []).forEach((ti, i) => {
      if (!isObj(ti)) return;
      checkTimeIntervalSet(c, ti as AmTimeInterval, [key, i], key === 'mute_time_intervals');
      const name = str(ti, 'name');
      if (name === '') return;
      if (intervals.has(name)) c.fail([key, i, 'name'], `${key === 'mute_time_intervals' ? 'mute time interval' : 'time interval'} "${name}" is not unique`);
      intervals.add(name);
    });
  }
  const route = cfg.route;
  if (!isObj(route)) {
    c.fail([], 'no route provided in config', 'every configuration needs a root `route:` with a default receiver');
  } else {
    checkRootRoute(c, route as AmRoute);
    walkRoutes(c, route as AmRoute, ['route'], names, intervals);
  }
  for (const [i, t] of (cfg.templates ?? []).entries()) {
    if (typeof t !== 'string' || t === '') c.fail(['templates', i], 'template paths must not be empty');
  }
  return c.problems;
}

/**
 * Fields the target release does not know yet (yaml.v2 decodes strictly, so it refuses them as unknown), and
 * `host:port` values.
 */
function checkVersions(c: Checker): void {
  for (const f of walkFields(c.doc.config)) {
    if (f.spec.kind === 'hostport' && typeof f.value === 'string') {
      const problem = hostPortProblem(f.value);
      if (problem) c.fail(f.path, problem);
    }
    if (f.spec.since && !c.since(f.spec.since)) {
      c.tooNew.push(f.path.slice(0, -1));
      const at = c.doc.locateKey(f.path) ?? c.doc.locate(f.path);
      c.problems.push(error(`${f.name} needs Alertmanager ${f.spec.since.replace(/\.0$/, '')} or later, but the target is ${formatVersion(c.version)}`, {
        ...(at ? { at } : {}), subject: formatPath(f.path.slice(0, -1)), hint: VERSION_HINT,
      }));
    }
  }
}

function atMostOne(c: Checker, o: Obj | undefined, path: AmPath, a: string, b: string, label = `${a} & ${b}`): void {
  if (present(o, a) && o![a] !== '' && has(o, b)) c.fail([...path, a], `at most one of ${label} must be configured`);
}

function checkGlobal(c: Checker, g: Obj | undefined): void {
  const p = ['global'];
  if (!g) return;
  if (c.since('0.30.0')) atMostOne(c, g, p, 'slack_app_token', 'slack_app_token_file');
  atMostOne(c, g, p, 'slack_api_url', 'slack_api_url_file');
  if (c.since('0.30.0') && (has(g, 'slack_app_token') || has(g, 'slack_app_token_file')) && (has(g, 'slack_api_url') || has(g, 'slack_api_url_file'))) {
    const appUrl = str(g, 'slack_app_url') || 'https://slack.com/api/chat.postMessage';
    if (str(g, 'slack_api_url') !== appUrl) {
      c.fail([...p, 'slack_app_token'], 'at most one of slack_app_token/slack_app_token_file & slack_api_url/slack_api_url_file must be configured');
    }
  }
  atMostOne(c, g, p, 'opsgenie_api_key', 'opsgenie_api_key_file');
  atMostOne(c, g, p, 'victorops_api_key', 'victorops_api_key_file');
  atMostOne(c, g, p, 'telegram_bot_token', 'telegram_bot_token_file');
  atMostOne(c, g, p, 'smtp_auth_password', 'smtp_auth_password_file');
  atMostOne(c, g, p, 'rocketchat_token', 'rocketchat_token_file');
  atMostOne(c, g, p, 'rocketchat_token_id', 'rocketchat_token_id_file');
  atMostOne(c, g, p, 'smtp_auth_secret', 'smtp_auth_secret_file');
  atMostOne(c, g, p, 'wechat_api_secret', 'wechat_api_secret_file');
  atMostOne(c, g, p, 'mattermost_webhook_url', 'mattermost_webhook_url_file');
}

const INTEGRATION_NAMES: Readonly<Record<string, string>> = {
  webhook_configs: 'webhook', email_configs: 'email', pushover_configs: 'pushover', pagerduty_configs: 'pagerduty',
  victorops_configs: 'victorops', sns_configs: 'sns', telegram_configs: 'telegram', discord_configs: 'discord',
  webex_configs: 'webex', msteams_configs: 'msteams', msteamsv2_configs: 'msteamsv2', jira_configs: 'jira',
  mattermost_configs: 'mattermost', incidentio_configs: 'incidentio',
};

function checkReceiver(c: Checker, r: AmReceiver, path: AmPath, g: Obj | undefined): void {
  if (!r.name) c.fail(path, 'missing name in receiver');
  const labels = r.labels;
  if (isObj(labels) && labels['name'] !== undefined && labels['name'] !== r.name) {
    c.fail([...path, 'labels', 'name'], `receiver label "name" must match receiver name "${r.name ?? ''}", got "${String(labels['name'])}"`);
  }
  for (const [list, entries] of Object.entries(r)) {
    if (!list.endsWith('_configs') || !Array.isArray(entries)) continue;
    entries.forEach((e: unknown, i: number) => {
      const p = [...path, list, i];
      if (!isObj(e)) {
        // A `- ` with nothing after it. Slack, OpsGenie, Wechat and Rocket.Chat fall back to an empty config.
        const what = INTEGRATION_NAMES[list];
        if (what) return c.fail(p, `missing ${what} config`);
        return checkIntegration(c, list, {}, p, g);
      }
      checkIntegration(c, list, e, p, g);
    });
  }
}

function checkUrl(c: Checker, path: AmPath, value: unknown): void {
  if (typeof value !== 'string' || value === '' || value === '<secret>') return;
  const problem = urlProblem(value);
  if (problem) c.fail(path, problem);
}

/** Alertmanager's ParseURL: http or https, with a host. */
export function urlProblem(value: string): string | undefined {
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(value)?.[1];
    if (scheme === undefined || (scheme !== 'http' && scheme !== 'https')) return `unsupported scheme ${JSON.stringify(scheme?.toLowerCase() ?? '')} for URL`;
    return `parse ${JSON.stringify(value)}: invalid URL`;
  }
  const scheme = u.protocol.replace(/:$/, '');
  if (scheme !== 'http' && scheme !== 'https') return `unsupported scheme ${JSON.stringify(scheme)} for URL`;
  if (u.host === '') return 'missing host for URL';
  return undefined;
}

/** Go's net.SplitHostPort, as smarthost values go through it. */
export function hostPortProblem(value: string): string | undefined {
  if (value === '') return undefined;
  const m = /^(?:\[([^\]]*)\]|([^:[\]]*)):([^:[\]]*)$/.exec(value);
  if (!m) {
    if (!value.includes(':')) return `address ${value}: missing port in address`;
    return `address ${value}: too many colons in address`;
  }
  if ((m[3] ?? '') === '') return `address ${JSON.stringify(value)}: port cannot be empty`;
  return undefined;
}

function checkIntegration(c: Checker, list: string, e: Obj, p: AmPath, g: Obj | undefined): void {
  const gs = (k: string): boolean => has(g, k);
  if (isObj(e['http_config'])) checkHttpConfig(c, e['http_config'], [...p, 'http_config']);
  switch (list) {
    case 'webhook_configs': {
      if (!c.since('0.26.0')) {
        if (!has(e, 'url')) return c.fail(p, 'missing URL in webhook config');
      } else {
        if (!has(e, 'url') && !has(e, 'url_file')) return c.fail(p, 'one of url or url_file must be configured');
        if (has(e, 'url') && has(e, 'url_file')) return c.fail([...p, 'url'], 'at most one of url & url_file must be configured');
      }
      if (has(e, 'url') && !str(e, 'url').includes('{{')) {
        const problem = urlProblem(str(e, 'url'));
        if (problem) c.fail([...p, 'url'], problem);
      }
      return;
    }
    case 'email_configs': {
      if (!has(e, 'to')) c.fail(p, 'missing to address in email config');
      const seen = new Set<string>();
      for (const h of Object.keys(isObj(e['headers']) ? e['headers'] : {})) {
        const canonical = canonicalHeader(h);
        if (seen.has(canonical)) c.fail([...p, 'headers', h], `duplicate header "${canonical}" in email config`);
        seen.add(canonical);
      }
      const threading = isObj(e['threading']) ? e['threading'] : undefined;
      if (threading?.['enabled'] === true) {
        if (seen.has('References')) c.fail([...p, 'threading'], 'conflicting configuration: threading.enabled conflicts with custom References header');
        if (seen.has('In-Reply-To')) c.fail([...p, 'threading'], 'conflicting configuration: threading.enabled conflicts with custom In-Reply-To header');
        if (!['none', 'daily'].includes(str(threading, 'thread_by_date'))) c.fail([...p, 'threading'], "threading.thread_by_date must be either 'none' or 'daily'");
      }
      const smarthost = str(e, 'smarthost') || str(g, 'smtp_smarthost');
      if (smarthost === '') c.fail(p, 'no global SMTP smarthost set', 'set smarthost here or smtp_smarthost in global');
      if (!has(e, 'from') && !gs('smtp_from')) c.fail(p, 'no global SMTP from set', 'set from here or smtp_from in global');
      return;
    }
    case 'slack_configs': {
      checkHttpUrl(c, e, p, 'api_url');
      atMostOne(c, e, p, 'api_url', 'api_url_file');
      if (c.since('0.30.0')) {
        atMostOne(c, e, p, 'app_token', 'app_token_file');
        if ((has(e, 'api_url') || has(e, 'api_url_file')) && (has(e, 'app_token') || has(e, 'app_token_file'))) {
          c.fail(p, 'at most one of api_url/api_url_file & app_token/app_token_file must be configured');
        }
      }
      if (e['update_message'] === true && str(e, 'api_url') !== 'https://slack.com/api/chat.postMessage') {
        c.fail([...p, 'update_message'], 'update_message can only be used with bot tokens. api_url must be set to https://slack.com/api/chat.postMessage');
      }
      (Array.isArray(e['fields']) ? e['fields'] : []).forEach((f: unknown, i: number) => {
        if (!has(f as Obj, 'title')) c.fail([...p, 'fields', i], 'missing title in Slack field configuration');
        else if (!has(f as Obj, 'value')) c.fail([...p, 'fields', i], 'missing value in Slack field configuration');
      });
      (Array.isArray(e['actions']) ? e['actions'] : []).forEach((a: unknown, i: number) => {
        const o = isObj(a) ? a : {};
        if (!has(o, 'type')) c.fail([...p, 'actions', i], 'missing type in Slack action configuration');
        else if (!has(o, 'text')) c.fail([...p, 'actions', i], 'missing text in Slack action configuration');
        else if (!has(o, 'url') && !has(o, 'name')) c.fail([...p, 'actions', i], 'missing name or url in Slack action configuration');
        if (isObj(o['confirm']) && !has(o['confirm'], 'text')) c.fail([...p, 'actions', i, 'confirm'], 'missing text in Slack confirmation configuration');
      });
      const local = has(e, 'api_url') || has(e, 'api_url_file');
      if (c.since('0.30.0')) {
        const token = has(e, 'app_token') || has(e, 'app_token_file');
        const hasAuth = isObj(e['http_config']) && present(e['http_config'], 'authorization');
        const inheritsToken = !token && !hasAuth && !has(e, 'api_url') && (gs('slack_app_token') || gs('slack_app_token_file'));
        const url = local || gs('slack_api_url') || gs('slack_api_url_file');
        if (!url && !token && !inheritsToken) c.fail(p, 'no Slack API URL nor App token set either inline or in a file');
        else if ((token || inheritsToken) && hasAuth) c.fail([...p, 'http_config', 'authorization'], "http authorization can't be set when using Slack App tokens");
      } else if (!local && !gs('slack_api_url') && !gs('slack_api_url_file')) {
        c.fail(p, 'no global Slack API URL set either inline or in a file');
      }
      return;
    }
    case 'pushover_configs': {
      if (!c.since('0.26.0')) {
        if (!has(e, 'user_key')) c.fail(p, 'missing user key in Pushover config');
        if (!has(e, 'token')) c.fail(p, 'missing token in Pushover config');
        return;
      }
      if (!has(e, 'user_key') && !has(e, 'user_key_file')) c.fail(p, 'one of user_key or user_key_file must be configured');
      atMostOne(c, e, p, 'user_key', 'user_key_file');
      if (!has(e, 'token') && !has(e, 'token_file')) c.fail(p, 'one of token or token_file must be configured');
      atMostOne(c, e, p, 'token', 'token_file');
      if (e['html'] === true && e['monospace'] === true) c.fail(p, 'at most one of monospace & html must be configured');
      return;
    }
    case 'pagerduty_configs': {
      checkHttpUrl(c, e, p, 'url');
      if (!has(e, 'routing_key') && !has(e, 'service_key') && !has(e, 'routing_key_file') && !has(e, 'service_key_file')) {
        c.fail(p, 'missing service or routing key in PagerDuty config');
      }
      atMostOne(c, e, p, 'routing_key', 'routing_key_file');
      atMostOne(c, e, p, 'service_key', 'service_key_file');
      return;
    }
    case 'opsgenie_configs': {
      checkHttpUrl(c, e, p, 'api_url');
      atMostOne(c, e, p, 'api_key', 'api_key_file');
      (Array.isArray(e['responders']) ? e['responders'] : []).forEach((r: unknown, i: number) => {
        const o = isObj(r) ? r : {};
        if (!has(o, 'id') && !has(o, 'username') && !has(o, 'name')) {
          c.fail([...p, 'responders', i], `opsGenieConfig responder ${goStruct(o)} has to have at least one of id, username or name specified`);
        } else if (!str(o, 'type').includes('{{') && !/^(team|teams|user|escalation|schedule)$/.test(str(o, 'type').toLowerCase())) {
          c.fail([...p, 'responders', i, 'type'], `opsGenieConfig responder ${goStruct(o)} type does not match valid options ^(team|teams|user|escalation|schedule)$`);
        }
      });
      if (!has(e, 'api_key') && !has(e, 'api_key_file') && !gs('opsgenie_api_key') && !gs('opsgenie_api_key_file')) {
        c.fail(p, 'no global OpsGenie API Key set either inline or in a file');
      }
      return;
    }
    case 'wechat_configs': {
      checkHttpUrl(c, e, p, 'api_url');
      const type = str(e, 'message_type') || 'text';
      if (!/^(text|markdown)$/.test(type)) c.fail([...p, 'message_type'], `weChat message type "${type}" does not match valid options ^(text|markdown)$`);
      atMostOne(c, e, p, 'api_secret', 'api_secret_file');
      if (!has(e, 'api_secret') && !has(e, 'api_secret_file') && !gs('wechat_api_secret') && !gs('wechat_api_secret_file')) {
        c.fail(p, c.since('0.31.0') ? 'no global Wechat Api Secret set either inline or in a file' : 'no global Wechat ApiSecret set');
      } else if (!has(e, 'corp_id') && !gs('wechat_api_corp_id')) {
        c.fail(p, 'no global Wechat CorpID set');
      }
      return;
    }
    case 'victorops_configs': {
      checkHttpUrl(c, e, p, 'api_url');
      if (!has(e, 'routing_key')) c.fail(p, 'missing Routing key in VictorOps config');
      atMostOne(c, e, p, 'api_key', 'api_key_file');
      for (const reserved of ['routing_key', 'message_type', 'state_message', 'entity_display_name', 'monitoring_tool', 'entity_id', 'entity_state']) {
        if (isObj(e['custom_fields']) && reserved in e['custom_fields']) {
          c.fail([...p, 'custom_fields', reserved], `victorOps config contains custom field ${reserved} which cannot be used as it conflicts with the fixed/static fields`);
        }
      }
      if (!has(e, 'api_key') && !has(e, 'api_key_file') && !gs('victorops_api_key') && !gs('victorops_api_key_file')) {
        c.fail(p, 'no global VictorOps API Key set');
      }
      return;
    }
    case 'sns_configs': {
      const empty = (k: string): boolean => !has(e, k);
      if (((empty('target_arn') !== empty('topic_arn')) !== empty('phone_number'))) {
        c.fail(p, 'must provide either a Target ARN, Topic ARN, or Phone Number for SNS config');
      }
      return;
    }
    case 'telegram_configs': {
      checkHttpUrl(c, e, p, 'api_url');
      const mode = str(e, 'parse_mode');
      if (!c.since('0.26.0')) {
        if (!has(e, 'bot_token')) c.fail(p, 'missing bot_token on telegram_config');
        if (!e['chat_id']) c.fail(p, 'missing chat_id on telegram_config');
      } else {
        atMostOne(c, e, p, 'bot_token', 'bot_token_file');
        const token = has(e, 'bot_token') || has(e, 'bot_token_file') || (c.since('0.31.0') && (gs('telegram_bot_token') || gs('telegram_bot_token_file')));
        if (!token) c.fail(p, 'missing bot_token or bot_token_file on telegram_config');
        if (c.since('0.31.0')) {
          if (!e['chat_id'] && !has(e, 'chat_id_file')) c.fail(p, 'missing chat_id or chat_id_file on telegram_config');
          if (e['chat_id'] && has(e, 'chat_id_file')) c.fail([...p, 'chat_id'], 'at most one of chat_id & chat_id_file must be configured');
        } else if (!e['chat_id']) {
          c.fail(p, 'missing chat_id on telegram_config');
        }
      }
      if (mode !== '' && !['Markdown', 'MarkdownV2', 'HTML'].includes(mode)) {
        c.fail([...p, 'parse_mode'], 'unknown parse_mode on telegram_config, must be Markdown, MarkdownV2, HTML or empty string');
      }
      return;
    }
    case 'discord_configs':
    case 'msteams_configs':
    case 'msteamsv2_configs':
    case 'mattermost_configs': {
      const name = INTEGRATION_NAMES[list]!;
      checkHttpUrl(c, e, p, 'webhook_url');
      const url = has(e, 'webhook_url');
      const file = has(e, 'webhook_url_file');
      if (url && file) return c.fail([...p, 'webhook_url'], 'at most one of webhook_url & webhook_url_file must be configured');
      if (list === 'mattermost_configs') {
        if (!url && !file && !gs('mattermost_webhook_url') && !gs('mattermost_webhook_url_file')) c.fail(p, 'missing webhook_url or webhook_url_file on mattermost_config');
      } else if (list === 'msteamsv2_configs') {
        if (!url && !file) c.fail(p, 'no msteamsv2 webhook URL or URLFile provided');
      } else if (!url && !file) {
        const fileKnown = c.since('0.27.0');
        c.fail(p, fileKnown ? 'one of webhook_url or webhook_url_file must be configured' : `no ${name} webhook URL provided`);
      }
      return;
    }
    case 'webex_configs': {
      checkHttpUrl(c, e, p, 'api_url');
      if (!has(e, 'room_id')) c.fail(p, 'missing room_id on webex_config');
      if (!isObj(e['http_config']) || !present(e['http_config'], 'authorization')) c.fail(p, 'missing webex_configs.http_config.authorization');
      return;
    }
    case 'jira_configs': {
      checkHttpUrl(c, e, p, 'api_url');
      if (!has(e, 'project')) c.fail(p, 'missing project in jira_config');
      if (!has(e, 'issue_type')) c.fail(p, 'missing issue_type in jira_config');
      if (c.since('0.29.0') && !['auto', 'cloud', 'datacenter'].includes(str(e, 'api_type') || 'auto')) {
        c.fail([...p, 'api_type'], 'unknown api_type on jira_config, must be auto, cloud or datacenter');
      }
      if (!has(e, 'api_url') && !gs('jira_api_url')) c.fail(p, 'no global Jira Cloud URL set');
      return;
    }
    case 'rocketchat_configs': {
      checkHttpUrl(c, e, p, 'api_url');
      atMostOne(c, e, p, 'token', 'token_file');
      atMostOne(c, e, p, 'token_id', 'token_id_file');
      if (!has(e, 'token_id') && !has(e, 'token_id_file') && !gs('rocketchat_token_id') && !gs('rocketchat_token_id_file')) {
        c.fail(p, 'no global Rocketchat TokenID set either inline or in a file');
      }
      if (!has(e, 'token') && !has(e, 'token_file') && !gs('rocketchat_token') && !gs('rocketchat_token_file')) {
        c.fail(p, 'no global Rocketchat Token set either inline or in a file');
      }
      return;
    }
    case 'incidentio_configs': {
      if (!has(e, 'url') && !has(e, 'url_file')) return c.fail(p, 'one of url or url_file must be configured');
      atMostOne(c, e, p, 'url', 'url_file');
      atMostOne(c, e, p, 'alert_source_token', 'alert_source_token_file');
      const auth = isObj(e['http_config']) && present(e['http_config'], 'authorization');
      const token = has(e, 'alert_source_token') || has(e, 'alert_source_token_file');
      if (auth && token) c.fail(p, 'cannot specify alert_source_token or alert_source_token_file when using http_config.authorization');
      if (isObj(e['http_config']) && !auth && !token) c.fail(p, 'at least one of alert_source_token, alert_source_token_file or http_config.authorization must be configured');
      return;
    }
  }
}

function checkHttpUrl(c: Checker, e: Obj, p: AmPath, key: string): void {
  checkUrl(c, [...p, key], e[key]);
}

/** Go's %v of a small struct, as OpsGenie's messages print the responder. */
function goStruct(o: Obj): string {
  return `{${['id', 'name', 'username', 'type'].map((k) => str(o, k)).join(' ')}}`;
}

/** textproto.CanonicalMIMEHeaderKey. */
export function canonicalHeader(h: string): string {
  if (!/^[A-Za-z0-9!#$%&'*+\-.^_`|~]+$/.test(h)) return h;
  return h.toLowerCase().replace(/(^|-)([a-z])/g, (_m, sep: string, ch: string) => sep + ch.toUpperCase());
}

/** prometheus/common's HTTPClientConfig.Validate. */
function checkHttpConfig(c: Checker, h: Obj, p: AmPath): void {
  const basic = isObj(h['basic_auth']) ? h['basic_auth'] : undefined;
  const auth = isObj(h['authorization']) ? h['authorization'] : undefined;
  const oauth = isObj(h['oauth2']) ? h['oauth2'] : undefined;
  const bearer = has(h, 'bearer_token') || has(h, 'bearer_token_file');
  if (has(h, 'bearer_token') && has(h, 'bearer_token_file')) c.fail(p, 'at most one of bearer_token & bearer_token_file must be configured');
  if (basic && bearer) c.fail(p, 'at most one of basic_auth, bearer_token & bearer_token_file must be configured');
  if (basic) {
    if (has(basic, 'username') && has(basic, 'username_file')) c.fail([...p, 'basic_auth'], 'at most one of basic_auth username & username_file must be configured');
    if (has(basic, 'password') && has(basic, 'password_file')) c.fail([...p, 'basic_auth'], 'at most one of basic_auth password & password_file must be configured');
  }
  if (auth) {
    if (bearer) c.fail([...p, 'authorization'], 'authorization is not compatible with bearer_token & bearer_token_file');
    if (has(auth, 'credentials') && has(auth, 'credentials_file')) c.fail([...p, 'authorization'], 'at most one of authorization credentials & credentials_file must be configured');
    if (str(auth, 'type').toLowerCase() === 'basic') c.fail([...p, 'authorization', 'type'], 'authorization type cannot be set to "basic", use "basic_auth" instead');
  }
  if ([basic, auth, oauth].filter(Boolean).length > 1) c.fail(p, 'at most one of basic_auth, oauth2 & authorization must be configured');
  if (oauth) {
    if (bearer) c.fail([...p, 'oauth2'], 'at most one of basic_auth, oauth2, bearer_token & bearer_token_file must be configured');
    if (!has(oauth, 'client_id')) c.fail([...p, 'oauth2'], 'oauth2 client_id must be configured');
    if (!has(oauth, 'token_url')) c.fail([...p, 'oauth2'], 'oauth2 token_url must be configured');
    if (has(oauth, 'client_secret') && has(oauth, 'client_secret_file')) c.fail([...p, 'oauth2'], 'at most one of oauth2 client_secret & client_secret_file must be configured');
  }
  if (has(h, 'no_proxy') && !has(h, 'proxy_url')) c.fail(p, 'if no_proxy is configured, proxy_url must also be configured');
  if (h['proxy_from_environment'] === true && has(h, 'proxy_url')) c.fail(p, 'if proxy_from_environment is configured, proxy_url must not be configured');
  if (h['proxy_from_environment'] === true && has(h, 'no_proxy')) c.fail(p, 'if proxy_from_environment is configured, no_proxy must not be configured');
  const tls = isObj(h['tls_config']) ? h['tls_config'] : undefined;
  if (tls) {
    for (const [a, b] of [['ca', 'ca_file'], ['cert', 'cert_file'], ['key', 'key_file']] as const) {
      if (has(tls, a) && has(tls, b)) c.fail([...p, 'tls_config'], `at most one of ${a} and ${b} must be configured`);
    }
  }
}

function checkMatchRegexps(c: Checker, m: unknown, path: AmPath): void {
  if (!isObj(m)) return;
  for (const [k, v] of Object.entries(m)) {
    if (!CLASSIC_LABEL_NAME.test(k)) c.fail([...path, k], `invalid label name "${k}"`);
    else if (v === null || v === undefined) c.fail([...path, k], `invalid regexp value for "${k}"`);
    else {
      const t = translateRe2(`^(?:${String(v)})$`);
      if (!t.ok) c.fail([...path, k], t.error);
    }
  }
}

function checkMatch(c: Checker, m: unknown, path: AmPath): void {
  if (!isObj(m)) return;
  for (const k of Object.keys(m)) if (!CLASSIC_LABEL_NAME.test(k)) c.fail([...path, k], `invalid label name "${k}"`);
}

function checkMatcherList(c: Checker, list: unknown, path: AmPath): void {
  if (!Array.isArray(list)) return;
  list.forEach((line: unknown, i: number) => {
    const r = parseMatchers(String(line ?? ''), c.version);
    if (!r.ok) c.fail([...path, i], r.error, 'matchers look like severity="critical" or alertname=~"Host.*"; quote values with double quotes');
  });
}

function checkRootRoute(c: Checker, r: AmRoute): void {
  const p = ['route'];
  if (r.continue === true) c.fail([...p, 'continue'], 'cannot have continue in root route');
  if (!r.receiver) c.fail(p, 'root route must specify a default receiver');
  const matchers = Object.keys(r.match ?? {}).length + Object.keys(r.match_re ?? {}).length + (r.matchers?.length ?? 0);
  if (matchers > 0) c.fail(p, 'root route must not have any matchers', 'the root route catches every alert; put the matchers on a child route');
  if ((r.mute_time_intervals?.length ?? 0) > 0) c.fail([...p, 'mute_time_intervals'], 'root route must not have any mute time intervals');
  if ((r.active_time_intervals?.length ?? 0) > 0) c.fail([...p, 'active_time_intervals'], 'root route must not have any active time intervals');
}

function walkRoutes(c: Checker, r: AmRoute, path: AmPath, receivers: ReadonlySet<string>, intervals: ReadonlySet<string>): void {
  checkMatch(c, r.match, [...path, 'match']);
  checkMatchRegexps(c, r.match_re, [...path, 'match_re']);
  checkMatcherList(c, r.matchers, [...path, 'matchers']);
  for (const k of Object.keys(r.labels ?? {})) {
    if (!isValidLabelName(k, c.version)) c.fail([...path, 'labels', k], `invalid label name "${k}" in route labels`);
  }
  const groupBy = r.group_by ?? [];
  const seen = new Set<string>();
  let all = false;
  for (const [i, l] of groupBy.entries()) {
    if (l === '...') {
      all = true;
      continue;
    }
    if (!isValidLabelName(l, c.version)) c.fail([...path, 'group_by', i], `invalid label name "${l}" in group_by list`);
    else if (seen.has(l)) c.fail([...path, 'group_by', i], `duplicated label "${l}" in group_by`);
    seen.add(l);
  }
  if (all && seen.size > 0) {
    c.fail([...path, 'group_by'], c.since('0.26.0') ? 'cannot have wildcard group_by (`...`) and other labels at the same time' : 'cannot have wildcard group_by (`...`) and other other labels at the same time');
  }
  for (const k of ['group_interval', 'repeat_interval'] as const) {
    const d = r[k];
    if (d !== undefined) {
      const parsed = parsePromDuration(d);
      if (parsed.ok && parsed.ms === 0) c.fail([...path, k], `${k} cannot be zero`);
    }
  }
  if (r.receiver && !receivers.has(r.receiver)) {
    c.fail([...path, 'receiver'], `undefined receiver "${r.receiver}" used in route`, receivers.size > 0 ? `receivers: ${[...receivers].join(', ')}` : undefined);
  }
  for (const key of ['mute_time_intervals', 'active_time_intervals'] as const) {
    (r[key] ?? []).forEach((name, i) => {
      if (!intervals.has(name)) c.fail([...path, key, i], `undefined time interval "${name}" used in route`);
    });
  }
  (r.routes ?? []).forEach((child, i) => isObj(child) && walkRoutes(c, child, [...path, 'routes', i], receivers, intervals));
}

function checkInhibitRule(c: Checker, r: AmInhibitRule, path: AmPath): void {
  for (const side of ['source', 'target'] as const) {
    checkMatch(c, r[`${side}_match`], [...path, `${side}_match`]);
    checkMatchRegexps(c, r[`${side}_match_re`], [...path, `${side}_match_re`]);
    checkMatcherList(c, r[`${side}_matchers`], [...path, `${side}_matchers`]);
  }
  (r.equal ?? []).forEach((l, i) => {
    if (!isValidLabelName(l, c.version)) c.fail([...path, 'equal', i], `invalid label name "${l}" in equal list`);
  });
}

function checkTimeIntervalSet(c: Checker, ti: AmTimeInterval, path: AmPath, mute: boolean): void {
  if (!ti.name) c.fail(path, mute ? 'missing name in mute time interval' : 'missing name in time interval');
  (ti.time_intervals ?? []).forEach((spec, i) => {
    if (!isObj(spec)) return;
    const r = parseTimeInterval(spec);
    if (!r.ok) c.fail([...path, 'time_intervals', i, r.field, ...(r.index !== undefined ? [r.index] : [])], r.error);
  });
}

