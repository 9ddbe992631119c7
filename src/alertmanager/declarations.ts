/**
 * Declarations → model. tsx runs TypeScript without type checking, so what the types promise is checked again
 * here at run time: the module exports an `alertmanager(...)`, every field exists (with a "did you mean"), values
 * have the right types, and no secret is written inline unless `inlineSecret(value, reason)` allows it. Problems
 * point at the nearest declaration call (`route(...)`, `receiver(...)`, …) or at the `alertmanager(...)` call.
 *
 * The configuration's own validity (undefined receivers, matcher syntax, target version) is validate.ts's,
 * shared with YAML files.
 */
import { error, warning, type Diagnostic } from '../diagnostics.js';
import { closest } from '../rules/declarations.js';
import type { SourceLocation } from '../rules/model.js';
import { declaredAt, isInlineSecret, type AlertmanagerOptions } from './api.js';
import { structAt, STRUCTS, walkFields } from './fields.js';
import { isPortableMatchers } from './matchers.js';
import { formatPath, type AlertmanagerConfig, type AlertmanagerDocument, type AmPath } from './model.js';
import { describeShapeError, validateAlertmanagerShape } from './schema.js';

export interface LoweredAlertmanager {
  readonly document?: AlertmanagerDocument;
  readonly options: AlertmanagerOptions;
  readonly diagnostics: readonly Diagnostic[];
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && (Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null);

const key = (path: AmPath): string => JSON.stringify(path);

/** The default export of an `alertmanager/*.ts` module, as a configuration with the call sites of its parts. */
export function lowerAlertmanagerModule(source: string, exported: unknown): LoweredAlertmanager {
  const fileAt: SourceLocation = { file: source, line: 1, column: 1 };
  if (!isPlainObject(exported) || exported['kind'] !== 'alertmanager' || !isPlainObject(exported['spec'])) {
    return {
      options: {},
      diagnostics: [error('the module must `export default` an alertmanager(...) declaration', {
        at: fileAt, hint: "e.g. export default alertmanager({ route: route({ receiver: 'default' }), receivers: [receiver('default')] });",
      })],
    };
  }
  const rootAt = (exported['at'] as SourceLocation | undefined) ?? fileAt;
  const problems: Diagnostic[] = [];
  const sites = new Map<string, SourceLocation>();
  const inline = new Map<string, string>();

  const locate = (path: AmPath): SourceLocation => {
    for (let n = path.length; n >= 0; n--) {
      const at = sites.get(key(path.slice(0, n)));
      if (at) return at;
    }
    return rootAt;
  };

  /** A plain copy of the declared value: secrets unwrapped, undefined fields dropped, call sites noted. */
  const plain = (v: unknown, path: AmPath): unknown => {
    if (typeof v === 'object' && v !== null) {
      const at = declaredAt(v);
      if (at) sites.set(key(path), at);
    }
    if (isInlineSecret(v)) {
      if (typeof v.reason !== 'string' || v.reason.trim() === '') {
        problems.push(error('inlineSecret(...) needs a reason: why is it fine for this value to be written to out/?', { at: locate(path), subject: formatPath(path) }));
      }
      inline.set(key(path), v.reason);
      return v.value;
    }
    if (Array.isArray(v)) return v.map((x, i) => plain(x, [...path, i]));
    if (isPlainObject(v)) {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) if (x !== undefined) out[k] = plain(x, [...path, k]);
      return out;
    }
    if (typeof v === 'function' || typeof v === 'symbol' || typeof v === 'bigint' || (typeof v === 'object' && v !== null)) {
      problems.push(error(`${formatPath(path)} must be plain data (strings, numbers, booleans, lists and objects)`, { at: locate(path) }));
      return undefined;
    }
    return v;
  };

  const config = plain(exported['spec'], []) as AlertmanagerConfig;
  const document: AlertmanagerDocument = { source, config, locate, locateKey: locate };

  // Shape: unknown fields and wrong value types, without coercion.
  const shape = validateAlertmanagerShape(structuredClone(config), { coerce: false });
  for (const e of shape) {
    const path = pointerToPath(e.instancePath);
    const extra = e.keyword === 'additionalProperties' ? String(e.params['additionalProperty']) : undefined;
    const struct = extra !== undefined ? structAt(path) : undefined;
    const near = struct && extra ? closest(extra, Object.keys(STRUCTS[struct].fields)) : undefined;
    const message = extra !== undefined ? `unknown field "${extra}"` : describeShapeError(e);
    problems.push(error(message, {
      at: locate(extra !== undefined ? [...path, extra] : path), subject: formatPath(path),
      hint: near ? `did you mean "${near}"?` : struct ? `known fields: ${Object.keys(STRUCTS[struct].fields).join(', ')}` : undefined,
    }));
  }
  if (shape.length > 0) return { options: {}, diagnostics: problems };

  problems.push(...checkSecrets(document, inline));
  problems.push(...checkMatcherPortability(document));
  const options = lowerOptions(exported['options'], rootAt, problems);
  return { document, options, diagnostics: problems };
}

/**
 * Secrets never reach out/ in clear text: a secret field given inline, or a URL carrying credentials, is an
 * error unless inlineSecret(value, reason) allowed it.
 */
export function checkSecrets(doc: AlertmanagerDocument, allowed: ReadonlyMap<string, string>): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const f of walkFields(doc.config)) {
    if (allowed.has(key(f.path))) continue;
    const subject = formatPath(f.path.slice(0, -1));
    if (f.spec.secret && f.value !== '' && f.value !== null) {
      out.push(error(`${f.name} is a secret: written inline it would end up in out/ in clear text`, {
        at: doc.locate(f.path), subject,
        hint: f.spec.file
          ? `give ${f.spec.file}: '/run/secrets/…' instead, or allow it with inlineSecret(value, 'why this is fine')`
          : "allow it with inlineSecret(value, 'why this is fine')",
      }));
      continue;
    }
    if (typeof f.value === 'string' && (f.spec.kind === 'url' || f.name === 'url' || f.name.endsWith('_url')) && urlCarriesCredentials(f.value)) {
      out.push(error(`${f.name} carries credentials (a password or token in the URL): it would end up in out/ in clear text`, {
        at: doc.locate(f.path), subject,
        hint: STRUCTS[f.struct].fields[`${f.name}_file`] ? `give ${f.name}_file: '/run/secrets/…' instead` : "allow it with inlineSecret(value, 'why this is fine')",
      }));
    }
  }
  return out;
}

const CREDENTIAL_PARAM = /^(token|access_token|api_key|apikey|key|secret|password|auth)$/i;

export function urlCarriesCredentials(value: string): boolean {
  try {
    const u = new URL(value);
    return u.password !== '' || [...u.searchParams.keys()].some((k) => CREDENTIAL_PARAM.test(k));
  } catch {
    return false;
  }
}

/**
 * Alertmanager before 0.27 reads matchers with its classic parser only, later releases with a new one (falling
 * back to the classic one): a matcher the two read differently means different things to different releases.
 */
function checkMatcherPortability(doc: AlertmanagerDocument): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const f of walkFields(doc.config)) {
    if (f.spec.kind !== 'matchers' || !Array.isArray(f.value)) continue;
    f.value.forEach((m: unknown, i: number) => {
      if (typeof m === 'string' && !isPortableMatchers(m)) {
        out.push(warning(`matcher ${JSON.stringify(m)} is not read the same by every Alertmanager release`, {
          at: doc.locate([...f.path, i]), subject: formatPath(f.path.slice(0, -1)),
          hint: 'write name="value" (or =~, !=, !~) with the value in double quotes, one matcher per entry',
        }));
      }
    });
  }
  return out;
}

function lowerOptions(v: unknown, at: SourceLocation, problems: Diagnostic[]): AlertmanagerOptions {
  if (v === undefined) return {};
  if (!isPlainObject(v)) {
    problems.push(error('the options of alertmanager(spec, options) must be an object', { at }));
    return {};
  }
  for (const k of Object.keys(v)) {
    if (k !== 'unnotified' && v[k] !== undefined) problems.push(error(`unknown option "${k}"`, { at, hint: 'known options: unnotified' }));
  }
  const unnotified = v['unnotified'];
  if (unnotified === undefined) return {};
  if (!isPlainObject(unnotified)) {
    problems.push(error('unnotified must map alert names to the reason they notify no one', { at }));
    return {};
  }
  const out: Record<string, string> = {};
  for (const [name, reason] of Object.entries(unnotified)) {
    if (typeof reason !== 'string' || reason.trim() === '') {
      problems.push(error(`unnotified alert ${name} needs a reason`, { at, hint: "e.g. unnotified: { Watchdog: 'heartbeat for the dead man\\'s switch' }" }));
    } else out[name] = reason;
  }
  return { unnotified: out };
}

function pointerToPath(pointer: string): AmPath {
  return pointer
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

