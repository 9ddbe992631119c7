/**
 * Grafana's template variables in a PromQL query, replaced before the query is parsed: `$__rate_interval`,
 * `${instance:regex}`, `[[job]]` are not PromQL. Grafana interpolates them in the browser; we substitute
 * stand-ins of the same length (a duration in a range, letters inside a string, a number or a name
 * elsewhere, padded with spaces, which PromQL ignores), so every position in the substituted text is the
 * position in the original and parse errors point at the right column.
 *
 * A variable Grafana does not know is left in the text by Grafana (`$1` in a label_replace() replacement
 * stays `$1`): outside a string it then breaks the query, inside one it is sent literally.
 */
import { formatDuration } from '../promql/duration.js';
import { isJsonObject, type JsonObject } from './model.js';

/** Grafana's own variables by what they expand to. */
const BUILTIN_DURATIONS = new Set(['__interval', '__rate_interval', '__range', '__auto']);
const BUILTIN_NUMBERS = new Set(['__interval_ms', '__rate_interval_ms', '__range_s', '__range_ms', '__from', '__to']);
const BUILTIN_TEXT = new Set(['__dashboard', '__user', '__org', '__name', '__timezone', '__all_variables', '__url_time_range']);

export interface DashboardVariable {
  readonly name: string;
  /** `query`, `custom`, `interval`, `datasource`, `constant`, `textbox`, `adhoc`, … */
  readonly type: string;
  /** For datasource variables: the plugin type they choose among (`prometheus`). */
  readonly pluginType?: string;
  /** A value it can take, when the dashboard says (constant, custom, current): decides number or name. */
  readonly sample?: string;
}

/** The variables a dashboard declares in `templating.list`. */
export function dashboardVariables(json: JsonObject): Map<string, DashboardVariable> {
  const out = new Map<string, DashboardVariable>();
  const templating = json['templating'];
  const list = isJsonObject(templating) ? templating['list'] : undefined;
  if (!Array.isArray(list)) return out;
  for (const v of list) {
    if (!isJsonObject(v) || typeof v['name'] !== 'string') continue;
    const type = typeof v['type'] === 'string' ? v['type'] : 'query';
    const current = isJsonObject(v['current']) ? v['current']['value'] : undefined;
    const sample = typeof current === 'string' ? current : typeof v['query'] === 'string' && (type === 'constant' || type === 'custom') ? v['query'].split(',')[0]?.trim() : undefined;
    out.set(v['name'], {
      name: v['name'],
      type,
      ...(type === 'datasource' && typeof v['query'] === 'string' ? { pluginType: v['query'] } : {}),
      ...(sample !== undefined ? { sample } : {}),
    });
  }
  return out;
}

export interface VariableUse {
  readonly name: string;
  readonly from: number;
  readonly to: number;
  readonly inString: boolean;
  readonly inRange: boolean;
  readonly known: boolean;
}

export interface Substituted {
  /** The query with every variable replaced by a stand-in of the same length. */
  readonly expr: string;
  readonly uses: readonly VariableUse[];
}

/** `$name`, `${name}`, `${name:format}`, `${name.field}`, `[[name]]`, `[[name:format]]`. */
const REFERENCE = /\$(\w+)|\$\{(\w+)(?:\.[^:}]*)?(?::[^}]*)?\}|\[\[(\w+)(?::\w+)?\]\]/y;

/** `rateIntervalMs`: the stand-in for `$__rate_interval` and `$__interval`, so range checks judge a sane window. */
export function substituteVariables(expr: string, variables: ReadonlyMap<string, DashboardVariable>, rateIntervalMs: number): Substituted {
  const out: string[] = [];
  const uses: VariableUse[] = [];
  let quote: string | undefined;
  let depth = 0;
  for (let i = 0; i < expr.length;) {
    const c = expr[i]!;
    if (quote) {
      if (c === '\\' && quote !== '`') {
        out.push(expr.slice(i, i + 2));
        i += 2;
        continue;
      }
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'" || c === '`') {
      quote = c;
    } else if (c === '[' && expr[i + 1] !== '[') {
      depth++;
    } else if (c === ']' && depth > 0) {
      depth--;
    }
    if (c === '$' || (c === '[' && expr[i + 1] === '[')) {
      REFERENCE.lastIndex = i;
      const m = REFERENCE.exec(expr);
      if (m) {
        const name = (m[1] ?? m[2] ?? m[3])!;
        const length = m[0].length;
        const inString = quote !== undefined;
        const inRange = !inString && depth > 0;
        const known = variables.has(name) || BUILTIN_DURATIONS.has(name) || BUILTIN_NUMBERS.has(name) || BUILTIN_TEXT.has(name);
        uses.push({ name, from: i, to: i + length, inString, inRange, known });
        out.push(known ? standIn(name, length, inString, inRange, variables.get(name), rateIntervalMs) : m[0]);
        i += length;
        continue;
      }
    }
    out.push(c);
    i++;
  }
  return { expr: out.join(''), uses };
}

function standIn(name: string, length: number, inString: boolean, inRange: boolean, variable: DashboardVariable | undefined, rateIntervalMs: number): string {
  const pad = (text: string): string => (text.length <= length ? text.padEnd(length, ' ') : 'x'.repeat(length));
  if (inString) return 'x'.repeat(length);
  const duration = BUILTIN_DURATIONS.has(name) || variable?.type === 'interval';
  if (inRange || duration) {
    const text = name === '__range' ? '1h' : duration ? formatDuration(rateIntervalMs) : '1m';
    return text.length <= length ? text.padEnd(length, ' ') : '1m'.padEnd(length, ' ');
  }
  if (BUILTIN_NUMBERS.has(name) || (variable?.sample !== undefined && variable.sample.trim() !== '' && Number.isFinite(Number(variable.sample)))) return pad('1');
  return 'x'.repeat(length);
}
