/**
 * The Alertmanager model → `alertmanager.yml`, and → the JSON the NixOS module takes.
 *
 * Keys come out in one fixed order (fields.ts's, which follows the Alertmanager docs: a route's receiver and
 * matchers before its child routes) and nothing else varies, so the same declarations always give the same
 * bytes. Strings that YAML 1.1 would read as something else (`on`, `22:00`, `0x1F`) are quoted, because
 * Alertmanager's yaml.v2 reads YAML 1.1.
 */
import { Document } from 'yaml';
import { isListKind, isMapKind, isStructKind, STRUCTS, type Kind } from './fields.js';
import type { AlertmanagerConfig } from './model.js';

function order(kind: Kind, value: unknown): unknown {
  if (value === null || value === undefined) return value;
  if (isStructKind(kind) && typeof value === 'object' && !Array.isArray(value)) {
    const fields = STRUCTS[kind.struct].fields;
    const o = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const [name, spec] of Object.entries(fields)) if (o[name] !== undefined) out[name] = order(spec.kind, o[name]);
    for (const [name, v] of Object.entries(o)) if (!(name in out) && v !== undefined) out[name] = v;
    return out;
  }
  if (isListKind(kind) && Array.isArray(value)) return value.map((v) => order(kind.list, v));
  if (isMapKind(kind) && typeof value === 'object' && !Array.isArray(value)) {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, order(kind.map, v)]));
  }
  return value;
}

/** The plain document Alertmanager reads, keys in emission order; also what the schema validates before writing. */
export function toAlertmanagerDocument(config: AlertmanagerConfig): Record<string, unknown> {
  return order({ struct: 'config' }, config) as Record<string, unknown>;
}

/** `header` names the source; it becomes a comment at the top of the file. */
export function emitAlertmanagerConfig(config: AlertmanagerConfig, header: string): string {
  const doc = new Document(toAlertmanagerDocument(config), { version: '1.1' });
  doc.commentBefore = header
    .split('\n')
    .map((l) => (l ? ` ${l}` : ''))
    .join('\n');
  // No `%YAML 1.1` directive: the version only decides which strings need quotes.
  return doc.toString({ lineWidth: 0, indentSeq: true, directives: false });
}

/**
 * The configuration as JSON for NixOS' `services.prometheus.alertmanager.configuration`. The module runs the
 * generated file through envsubst (so `$VAR` can pull secrets from `environmentFile`), which turns `$$` into `$`
 * and substitutes any other `$NAME`: every literal `$` (a regex anchor, a template variable) is doubled here.
 */
export function emitNixosAlertmanagerJson(config: AlertmanagerConfig): string {
  return `${JSON.stringify(escapeDollars(toAlertmanagerDocument(config)), null, 2)}\n`;
}

export function escapeDollars(v: unknown): unknown {
  if (typeof v === 'string') return v.replaceAll('$', '$$$$');
  if (Array.isArray(v)) return v.map(escapeDollars);
  if (v !== null && typeof v === 'object') {
    return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [escapeDollars(k) as string, escapeDollars(x)]));
  }
  return v;
}
