/**
 * Rule files written by anyone (YAML) → the rule model, with the position of every field, so `check` reports
 * `file:line:col` and the same validation serves hand-written files and our own declarations.
 *
 * Like promtool, a file that does not have the rule-file shape (unknown fields, a list where a mapping
 * belongs, a malformed duration) stops here; semantic checks only run on well-shaped files.
 */
import { error, type Diagnostic } from '../diagnostics.js';
import { readYaml, type ParsedYaml, type YamlPath, type YamlRead } from '../yaml/read.js';
import type { FieldLocations, Labels, Origin, Rule, RuleFile, RuleGroup, ScalarMapping, SourceLocation, StrayFields } from './model.js';
import { parseDirective } from './directives.js';
import { shapeDiagnostics } from '../yaml/shape.js';
import { validateRuleFileShape } from './schema.js';

export interface ReadOptions {
  /** promtool's `--ignore-unknown-fields`. */
  readonly ignoreUnknownFields?: boolean;
  /** `parseYaml(text)`, when the caller parsed the text already. */
  readonly parsed?: ParsedYaml;
}

export interface ReadResult {
  readonly file?: RuleFile;
  readonly diagnostics: readonly Diagnostic[];
}

interface RawRule {
  record?: string;
  alert?: string;
  expr?: string;
  for?: string;
  keep_firing_for?: string;
  labels?: Record<string, string> | null;
  annotations?: Record<string, string> | null;
}

interface RawGroup {
  name?: string;
  interval?: string;
  query_offset?: string;
  limit?: number;
  labels?: Record<string, string> | null;
  rules?: RawRule[] | null;
}

export function readRuleFile(text: string, file: string, options: ReadOptions = {}): ReadResult {
  const yaml = readYaml(text, file, options.parsed);
  if (yaml.problems.length > 0) {
    return { diagnostics: yaml.problems.map((p) => error(p.message, { at: p.at })) };
  }
  const value = yaml.value;
  const shapeErrors = shapeDiagnostics(validateRuleFileShape(value), yaml, options);
  if (shapeErrors.length > 0) return { diagnostics: shapeErrors };
  const groups = ((value as { groups?: RawGroup[] | null } | null)?.groups ?? []).map((g, i) =>
    toGroup(g, ['groups', i], yaml),
  );
  return { file: { source: file, groups }, diagnostics: [] };
}

const GROUP_FIELDS = ['name', 'interval', 'query_offset', 'limit', 'labels'] as const;
const RULE_FIELDS = ['record', 'alert', 'expr', 'for', 'keep_firing_for', 'labels', 'annotations'] as const;

function toGroup(raw: RawGroup, path: YamlPath, yaml: YamlRead): RuleGroup {
  return {
    name: raw.name ?? '',
    ...(raw.interval !== undefined ? { interval: raw.interval } : {}),
    ...(raw.query_offset !== undefined ? { query_offset: raw.query_offset } : {}),
    ...(raw.limit !== undefined ? { limit: raw.limit } : {}),
    ...(raw.labels ? { labels: raw.labels } : {}),
    rules: (raw.rules ?? []).map((r, i) => toRule(r, path.concat('rules', i), yaml)),
    origin: originOf(path, GROUP_FIELDS, yaml),
  };
}

function toRule(raw: RawRule, path: YamlPath, yaml: YamlRead): Rule {
  const origin = originOf(path, RULE_FIELDS, yaml);
  const labels: Labels = raw.labels ?? {};
  const comments = yaml.comments(path);
  const directives = comments.length > 0 ? comments.flatMap((c) => parseDirective(c.text, c.at) ?? []) : [];
  const lint = directives.length > 0 ? { lint: directives } : undefined;
  // A rule with both or neither of record/alert is still turned into a model rule, so validation can say so.
  if (raw.alert !== undefined && raw.alert !== '' && (raw.record === undefined || raw.record === '')) {
    return {
      kind: 'alert',
      alert: raw.alert,
      expr: raw.expr ?? '',
      ...(raw.for !== undefined ? { for: raw.for } : {}),
      ...(raw.keep_firing_for !== undefined ? { keep_firing_for: raw.keep_firing_for } : {}),
      labels,
      annotations: raw.annotations ?? {},
      origin,
      ...lint,
    };
  }
  const record: Rule = { kind: 'record', record: raw.record ?? '', expr: raw.expr ?? '', labels, origin, ...lint };
  // Stray fields are rare: looked for first, so a well-formed rule costs no scratch objects.
  const strayAnnotations = raw.annotations && Object.keys(raw.annotations).length > 0;
  if (!raw.alert && raw.for === undefined && raw.keep_firing_for === undefined && !strayAnnotations) return record;
  const stray: StrayFields = {
    ...(raw.alert ? { alert: raw.alert } : {}),
    ...(raw.for !== undefined ? { for: raw.for } : {}),
    ...(raw.keep_firing_for !== undefined ? { keep_firing_for: raw.keep_firing_for } : {}),
    ...(strayAnnotations ? { annotations: raw.annotations! } : {}),
  };
  return { ...record, stray };
}

/**
 * Where a group's or rule's fields are, worked out when first asked. Only diagnostics ask: locating every field
 * of a 10,000-rule file that has no problems was a third of `check`'s time, and most of its garbage.
 */
function originOf(path: YamlPath, fields: readonly string[], yaml: YamlRead): Origin {
  let at: SourceLocation | undefined;
  let located: { fields: FieldLocations; scalars: Record<string, ScalarMapping> } | undefined;
  const locateFields = () => (located ??= fieldsOf(path, fields, yaml));
  return {
    get at() {
      return (at ??= yaml.locate(path));
    },
    get fields() {
      return locateFields().fields;
    },
    get scalars() {
      return locateFields().scalars;
    },
  };
}

function fieldsOf(path: YamlPath, fields: readonly string[], yaml: YamlRead): { fields: FieldLocations; scalars: Record<string, ScalarMapping> } {
  const fieldAt: Record<string, SourceLocation> = {};
  const scalars: Record<string, ScalarMapping> = {};
  const note = (key: string, entry: { at: SourceLocation; scalar: ScalarMapping | undefined }): void => {
    fieldAt[key] = entry.at;
    if (entry.scalar) scalars[key] = entry.scalar;
  };
  // A field the file does not have is located at the rule or group itself, which is where fieldAt() falls back.
  const own = yaml.entries(path);
  for (const f of fields) {
    const entry = own.get(f);
    if (entry) note(f, entry);
  }
  // Label and annotation values are templates: keep where each one is, as `labels.<name>`.
  for (const map of ['labels', 'annotations']) {
    const value = valueAt(yaml.value, [...path, map]);
    if (!value || typeof value !== 'object') continue;
    const positioned = yaml.entries([...path, map]);
    for (const key of Object.keys(value)) {
      // A key without a position of its own (`? key` with no value) is located where locate() finds it.
      note(`${map}.${key}`, positioned.get(key) ?? { at: yaml.locate([...path, map, key]), scalar: yaml.scalar([...path, map, key]) });
    }
  }
  return { fields: fieldAt, scalars };
}

function valueAt(root: unknown, path: YamlPath): unknown {
  let v = root;
  for (const p of path) v = v && typeof v === 'object' ? (v as Record<string | number, unknown>)[p] : undefined;
  return v;
}
