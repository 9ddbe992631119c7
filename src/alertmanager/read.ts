/**
 * Alertmanager configurations written by anyone (YAML) → the model, with the position of every node, so
 * `promforge check` reports `file:line:col` and the same validation serves hand-written files and our own
 * declarations.
 *
 * Like Alertmanager (yaml.v2's strict decoding), a file that does not have the configuration's shape (an unknown
 * field, a list where a mapping belongs, a malformed duration) stops here; semantic checks only run on
 * well-shaped files.
 */
import { error, type Diagnostic } from '../diagnostics.js';
import { readYaml, type YamlPath } from '../yaml/read.js';
import { closest } from '../rules/declarations.js';
import { isListKind, isMapKind, isStructKind, structAt, STRUCTS, type Kind } from './fields.js';
import type { AlertmanagerConfig, AlertmanagerDocument, SourceLocation } from './model.js';
import { describeShapeError, validateAlertmanagerShape } from './schema.js';

export interface AmReadResult {
  readonly document?: AlertmanagerDocument;
  readonly diagnostics: readonly Diagnostic[];
}

export function readAlertmanagerConfig(text: string, file: string): AmReadResult {
  const yaml = readYaml(text, file);
  if (yaml.problems.length > 0) return { diagnostics: yaml.problems.map((p) => error(p.message, { at: p.at })) };
  const value = yaml.value;
  yaml11Booleans(value, text, (p) => yaml.locate(p));
  const shapeErrors = validateAlertmanagerShape(value);
  if (shapeErrors.length > 0) {
    const seen = new Set<string>();
    const diagnostics: Diagnostic[] = [];
    for (const e of shapeErrors) {
      const path = pointerToPath(e.instancePath);
      const extra = e.keyword === 'additionalProperties' ? String(e.params['additionalProperty']) : undefined;
      const at = extra !== undefined ? yaml.locateKey([...path, extra]) : yaml.locate(path);
      const message = describeShapeError(e);
      const key = `${at.line}:${at.column}:${message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const struct = extra !== undefined ? structAt(path) : undefined;
      const near = struct && extra ? closest(extra, Object.keys(STRUCTS[struct].fields)) : undefined;
      diagnostics.push(error(message, { at, ...(near ? { hint: `did you mean "${near}"?` } : {}) }));
    }
    return { diagnostics };
  }
  const config = (value ?? {}) as AlertmanagerConfig;
  restoreNullRegexps(config, text, (p) => yaml.locate(p));
  return {
    document: { source: file, config, locate: (p) => yaml.locate(p), locateKey: (p) => yaml.locateKey(p) },
    diagnostics: [],
  };
}

const YAML11_TRUE = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']);
const YAML11_FALSE = new Set(['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']);

/**
 * yaml.v2 reads YAML 1.1, where an unquoted `yes`, `on` or `off` is a boolean: boolean fields given one are
 * turned into true or false before the schema (which only knows "true" and "false") sees them.
 */
function yaml11Booleans(root: unknown, text: string, locate: (p: YamlPath) => SourceLocation): void {
  const lines = text.split('\n');
  const visit = (kind: Kind, value: unknown, path: YamlPath): void => {
    if (value === null || typeof value !== 'object') return;
    if (isListKind(kind) && Array.isArray(value)) return value.forEach((v, i) => visit(kind.list, v, [...path, i]));
    if (isMapKind(kind) && !Array.isArray(value)) {
      for (const [k, v] of Object.entries(value)) visit(kind.map, v, [...path, k]);
      return;
    }
    if (!isStructKind(kind) || Array.isArray(value)) return;
    const o = value as Record<string, unknown>;
    for (const [name, spec] of Object.entries(STRUCTS[kind.struct].fields)) {
      const v = o[name];
      if (spec.kind === 'bool' && typeof v === 'string' && (YAML11_TRUE.has(v) || YAML11_FALSE.has(v))) {
        const at = locate([...path, name]);
        const ch = lines[at.line - 1]?.[at.column - 1];
        if (ch !== '"' && ch !== "'") o[name] = YAML11_TRUE.has(v);
      } else visit(spec.kind, v, [...path, name]);
    }
  };
  visit({ struct: 'config' }, root, []);
}

/**
 * The YAML reader reads every scalar as a string, so `label:` with nothing after it arrives as "". yaml.v2
 * decodes it as null, and Alertmanager refuses a null regular expression ("invalid regexp value"): an empty
 * value that is not written as a quoted "" is put back to null in the `match_re` maps.
 */
function restoreNullRegexps(config: AlertmanagerConfig, text: string, locate: (p: YamlPath) => SourceLocation): void {
  const lines = text.split('\n');
  const fix = (map: unknown, path: YamlPath): void => {
    if (!map || typeof map !== 'object') return;
    const m = map as Record<string, unknown>;
    for (const [k, v] of Object.entries(m)) {
      if (v !== '') continue;
      const at = locate([...path, k]);
      const ch = lines[at.line - 1]?.[at.column - 1];
      if (ch !== '"' && ch !== "'") m[k] = null;
    }
  };
  const route = (r: unknown, path: YamlPath): void => {
    if (!r || typeof r !== 'object') return;
    const o = r as Record<string, unknown>;
    fix(o['match_re'], [...path, 'match_re']);
    if (Array.isArray(o['routes'])) o['routes'].forEach((c, i) => route(c, [...path, 'routes', i]));
  };
  route(config.route, ['route']);
  (config.inhibit_rules ?? []).forEach((r, i) => {
    fix(r?.source_match_re, ['inhibit_rules', i, 'source_match_re']);
    fix(r?.target_match_re, ['inhibit_rules', i, 'target_match_re']);
  });
}

function pointerToPath(pointer: string): YamlPath {
  return pointer
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}
