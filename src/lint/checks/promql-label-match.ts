import type { LabelMatcher, VectorSelector } from '../../promql/ast.js';
import { mayCarry } from '../../promql/labels.js';
import { compileMatcherRegex, translateRe2 } from '../../promql/regex.js';
import type { Finding, LintContext, RuleCheck } from '../check.js';
import { walk } from '../check.js';
import { closest, metricName, orList } from './promql-series.js';

/** Series that carry the labels of the alerting rules that produce them: any label may be there. */
const OPEN_SERIES = new Set(['ALERTS', 'ALERTS_FOR_STATE']);

/** The values a matcher accepts, as a test; undefined when its regex does not compile (promql/regexp's job). */
function tester(m: LabelMatcher): ((value: string) => boolean) | undefined {
  switch (m.op) {
    case '=':
      return (v) => v === m.value;
    case '!=':
      return (v) => v !== m.value;
    case '=~':
    case '!~': {
      const re = compileMatcherRegex(m.value);
      if (!re.ok) return undefined;
      return (v) => re.regex.test(v) === (m.op === '=~');
    }
  }
}

/** `a|b|c` when every alternative is a plain string, else undefined. */
function literalAlternatives(re: string): string[] | undefined {
  const parts = re.split('|');
  return parts.every((p) => /^[\w\-:/ ]*$/.test(p)) ? parts : undefined;
}

/** Values a regex matches only in part (it would without Prometheus' anchoring), and whether all at their start. */
function unanchored(pattern: string, values: readonly string[]): { values: string[]; atStart: boolean } | undefined {
  const t = translateRe2(pattern, { dotNL: true });
  if (!t.ok) return undefined;
  const re = new RegExp(t.source, 'u');
  const hits = values.map((v) => ({ v, m: re.exec(v) })).filter((h) => h.m !== null && h.m[0] !== '');
  if (hits.length === 0) return undefined;
  return { values: hits.map((h) => h.v).slice(0, 3), atStart: hits.every((h) => h.m!.index === 0) };
}

const show = (m: LabelMatcher): string => `${m.name}${m.op}${JSON.stringify(m.value)}`;

/** At most ten values, for messages. */
function valueList(values: readonly string[]): string {
  return values.length <= 10 ? values.join(', ') : `${values.slice(0, 10).join(', ')}, … (${values.length} in all)`;
}

interface Known {
  /** How the series is named in messages. */
  readonly what: string;
  readonly has: (label: string) => boolean;
  readonly labels: readonly string[];
  /** Every value a label can have, where the catalog documents them (or a recording rule fixes one). */
  readonly values: (label: string) => { readonly set: readonly string[]; readonly documented: boolean } | undefined;
  /** Where a missing label could come from, for the fix. */
  readonly addHint: string;
}

function knownSeries(name: string, ctx: LintContext): Known | undefined {
  const recorded = ctx.recorded.get(name);
  if (recorded) {
    return {
      what: `the recording rule ${name}`,
      has: (l) => mayCarry(recorded, l),
      labels: [...recorded.labels],
      values: (l) => {
        const v = recorded.values?.get(l);
        return v === undefined ? undefined : { set: [v], documented: false };
      },
      addHint: 'keep the label in the recording rule (by/without, or its labels)',
    };
  }
  const resolved = ctx.index.resolve(name);
  if (!resolved) return undefined;
  const open = OPEN_SERIES.has(name);
  return {
    what: name,
    has: (l) => open || resolved.labels.includes(l),
    labels: resolved.labels,
    values: (l) => {
      const set = resolved.metric.values?.[l];
      return set ? { set, documented: true } : undefined;
    },
    addHint: `if your scrape config adds it, add it to catalog ${resolved.catalog.name}'s targetLabels (or a project catalog)`,
  };
}

function checkMatcher(m: LabelMatcher, k: Known): Omit<Finding, 'span'> | undefined {
  const accepts = tester(m);
  if (!accepts) return undefined;

  if (!k.has(m.name)) {
    // A missing label reads as the empty string.
    if (accepts('')) return undefined;
    const like = closest(m.name, k.labels);
    const hint = like.length > 0 ? `; did you mean ${orList(like)}?` : '';
    return {
      message: `${show(m)} never matches: ${k.what} has no label ${m.name} (its labels: ${k.labels.join(', ') || 'none'})${hint}`,
      fix: like.length > 0 ? `match on ${orList(like)}` : `remove the matcher, or ${k.addHint}`,
    };
  }

  const known = k.values(m.name);
  if (!known) return undefined;
  const { set, documented } = known;
  const about = documented ? `${k.what}'s ${m.name} is one of ${valueList(set)}` : `${k.what} always has ${m.name}=${JSON.stringify(set[0])}`;
  const positive = m.op === '=' || m.op === '=~';
  const alternatives = m.op === '=' || m.op === '!=' ? [m.value] : literalAlternatives(m.value);
  const unknown = alternatives?.filter((a) => a !== '' && !set.includes(a)) ?? [];
  const suggest = (v: string): string[] => (documented ? closest(v, set, Math.max(2, Math.floor(v.length / 3))) : []);

  if (positive && !set.some(accepts) && !(accepts('') && !documented)) {
    const partly = m.op === '=~' ? unanchored(m.value, set) : undefined;
    if (partly) {
      return {
        message: `${show(m)} never matches: ${about}; Prometheus anchors regexes, so it must match a whole value, not just ${partly.atStart ? 'the start' : 'part'} of ${orList(partly.values)}`,
        fix: `match ${m.name}=~${JSON.stringify(partly.atStart ? `${m.value}.*` : `.*${m.value}.*`)}`,
      };
    }
    const like = unknown.length === 1 ? suggest(unknown[0]!) : [];
    return {
      message: `${show(m)} never matches: ${about}${like.length > 0 ? `; did you mean ${orList(like)}?` : ''}`,
      fix: like.length > 0 ? `match ${m.name}${m.op}${JSON.stringify(like[0])}` : `match one of its values: ${valueList(set)}`,
    };
  }
  if (!documented) return undefined;
  if (!positive && m.value !== '' && set.every(accepts)) {
    const like = unknown.length === 1 ? suggest(unknown[0]!) : [];
    return {
      message: `${show(m)} excludes nothing: ${about}${like.length > 0 ? `; did you mean ${orList(like)}?` : ''}`,
      fix: like.length > 0 ? `exclude ${m.name}${m.op}${JSON.stringify(like[0])}` : 'exclude one of its values, or remove the matcher',
    };
  }
  // `mode=~"user|sytem"`: the regex matches something, but one of its alternatives is a typo.
  if (m.op === '=~' || m.op === '!~') {
    const typo = unknown[0];
    if (typo !== undefined) {
      const like = suggest(typo);
      return {
        message: `${show(m)}: ${typo} is not a value of ${m.name} (${about})${like.length > 0 ? `; did you mean ${orList(like)}?` : ''}`,
        fix: like.length > 0 ? `replace ${typo} with ${like[0]}` : `remove ${typo} from the alternatives`,
      };
    }
  }
  return undefined;
}

function checkSelector(sel: VectorSelector, ctx: LintContext): Finding[] {
  const name = metricName(sel);
  const known = name !== undefined ? knownSeries(name, ctx) : undefined;
  if (!known) return [];
  const out: Finding[] = [];
  for (const m of sel.matchers) {
    if (m.name === '__name__') continue;
    const found = checkMatcher(m, known);
    if (found) out.push({ ...found, span: { from: m.from, to: m.to } });
  }
  return out;
}

export const promqlLabelMatch: RuleCheck = {
  id: 'promql/label-match',
  scope: 'rule',
  severity: 'warning',
  title: 'label matcher that no series of the metric can satisfy',
  why: 'A matcher on a label the metric does not have, or on a value the exporter never sets, selects nothing: the rule quietly never fires, or an `and`/`unless` built on it stops working. The metric catalogs list each metric\'s labels and, where the exporter documents them, the closed set of values (node_cpu_seconds_total\'s mode, homelab-deploy\'s status); recording rules\' output labels come from their expressions. Regex matchers are tested against the known values, anchored as Prometheus anchors them, and a negative matcher whose value the label never takes (excluding nothing) is reported too: it is almost always a typo.',
  example: {
    bad: 'groups:\n  - name: g\n    rules:\n      - alert: HostHighCpuUsage\n        expr: 1 - avg by (instance) (rate(node_cpu_seconds_total{mode="idel"}[5m])) > 0.85\n        labels: { severity: warning }\n        annotations: { summary: busy, description: "{{ $labels.instance }}" }\n',
    good: 'groups:\n  - name: g\n    rules:\n      - alert: HostHighCpuUsage\n        expr: 1 - avg by (instance) (rate(node_cpu_seconds_total{mode="idle"}[5m])) > 0.85\n        labels: { severity: warning }\n        annotations: { summary: busy, description: "{{ $labels.instance }}" }\n',
  },
  run: ({ ast }, ctx) => {
    const out: Finding[] = [];
    for (const node of walk(ast)) if (node.kind === 'VectorSelector') out.push(...checkSelector(node, ctx));
    return out;
  },
};
