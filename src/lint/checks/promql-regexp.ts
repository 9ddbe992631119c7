/**
 * Regex matchers that say less than they seem to: anchors Prometheus adds anyway, regexes that are plain
 * strings, and `.*` that matches every value. The helpers that read the shape of a pattern are shared with
 * promql/impossible.
 */
import type { LabelMatcher } from '../../promql/ast.js';
import type { Finding, RuleCheck } from '../check.js';
import { walk } from '../check.js';

/**
 * The top-level alternatives of an RE2 pattern (`a|b(c|d)` → `a`, `b(c|d)`), or undefined when the pattern
 * uses `\Q…\E` quoting or is unbalanced (it is then left alone: validation reports invalid regexes).
 */
export function topLevelBranches(pattern: string): string[] | undefined {
  if (pattern.includes('\\Q')) return undefined;
  const branches: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      i++;
    } else if (c === '[') {
      const end = classEnd(pattern, i);
      if (end === undefined) return undefined;
      i = end;
    } else if (c === '(') {
      depth++;
    } else if (c === ')') {
      if (--depth < 0) return undefined;
    } else if (c === '|' && depth === 0) {
      branches.push(pattern.slice(start, i));
      start = i + 1;
    }
  }
  if (depth !== 0) return undefined;
  branches.push(pattern.slice(start));
  return branches;
}

/** Index of the `]` closing the character class opened at `open`. */
function classEnd(pattern: string, open: number): number | undefined {
  let i = open + 1;
  if (pattern[i] === '^') i++;
  if (pattern[i] === ']') i++; // a leading `]` is a literal
  for (; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') i++;
    else if (c === '[' && pattern[i + 1] === ':') {
      const close = pattern.indexOf(':]', i + 2);
      if (close < 0) return undefined;
      i = close + 1;
    } else if (c === ']') return i;
  }
  return undefined;
}

/** Whether the character at `i` is preceded by an odd number of backslashes. */
const escaped = (s: string, i: number): boolean => {
  let n = 0;
  for (let j = i - 1; j >= 0 && s[j] === '\\'; j--) n++;
  return n % 2 === 1;
};

/** A branch without its leading `^` and trailing `$`, and whether it had any. */
function stripAnchors(branch: string): { body: string; anchored: boolean } {
  let body = branch;
  let anchored = false;
  while (body.startsWith('^')) {
    body = body.slice(1);
    anchored = true;
  }
  while (body.endsWith('$') && !escaped(body, body.length - 1)) {
    body = body.slice(0, -1);
    anchored = true;
  }
  return { body, anchored };
}

const META = new Set(['.', '[', ']', '(', ')', '*', '+', '?', '{', '}', '|', '^', '$']);

/** The string a regex branch matches when it is a plain string (`10\.0\.0\.1` → `10.0.0.1`), else undefined. */
function literalOf(body: string): string | undefined {
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c === '\\') {
      const next = body[i + 1];
      // `\.` and friends are literals; `\d`, `\b`, `\pL`, `\x41` are not plain strings.
      if (next === undefined || /[0-9A-Za-z]/.test(next)) return undefined;
      out += next;
      i++;
    } else if (META.has(c)) {
      return undefined;
    } else {
      out += c;
    }
  }
  return out;
}

export interface PatternShape {
  /** Some top-level alternative starts with `^` or ends with `$`. */
  readonly anchored: boolean;
  /** The pattern without those anchors. */
  readonly unanchored: string;
  /** The exact strings it matches when every alternative is a plain string (`a|b` → a, b). */
  readonly literals?: readonly string[];
  /** `.*`: matches every value, the empty one (a missing label) included. */
  readonly matchesAll: boolean;
  /** `.+`: matches every value but the empty one. */
  readonly matchesNonEmpty: boolean;
}

const ALL = new Set(['.*', '(.*)', '(?:.*)', '.*?', '(?s:.*)', '(?s).*']);
const NON_EMPTY = new Set(['.+', '(.+)', '(?:.+)', '.+?', '(?s:.+)', '(?s).+']);

/** What a label-matcher regex amounts to, as far as its text says for certain. */
export function patternShape(pattern: string): PatternShape | undefined {
  const branches = topLevelBranches(pattern);
  if (!branches) return undefined;
  const stripped = branches.map(stripAnchors);
  const unanchored = stripped.map((b) => b.body).join('|');
  const literals = stripped.map((b) => literalOf(b.body));
  return {
    anchored: stripped.some((b) => b.anchored),
    unanchored,
    ...(literals.every((l) => l !== undefined) ? { literals: [...new Set(literals as string[])] } : {}),
    matchesAll: branches.length === 1 && ALL.has(unanchored),
    matchesNonEmpty: branches.length === 1 && NON_EMPTY.has(unanchored),
  };
}

/** `job=~"foo"` as written in PromQL. */
export const showMatcher = (m: { name: string; op: string; value: string }): string => `${m.name}${m.op}${JSON.stringify(m.value)}`;

function judge(m: LabelMatcher): Finding | undefined {
  if (m.op !== '=~' && m.op !== '!~') return undefined;
  const shape = patternShape(m.value);
  if (!shape) return undefined;
  const positive = m.op === '=~';
  const written = showMatcher(m);
  const span = { from: m.from, to: m.to };
  if (shape.literals?.length === 1) {
    const plain = showMatcher({ name: m.name, op: positive ? '=' : '!=', value: shape.literals[0]! });
    return {
      message: `${written} is ${plain} written as a regex${shape.anchored ? ' (Prometheus anchors every regex at both ends already)' : ''}`,
      fix: `use ${plain}: it says what it means and skips the regex engine`,
      span,
    };
  }
  if (positive && shape.matchesAll) {
    return {
      message: `${written} matches every value, a missing label included: it filters nothing`,
      fix: `remove ${written}; to require the label, use ${showMatcher({ name: m.name, op: '!=', value: '' })}`,
      span,
    };
  }
  if (!positive && shape.matchesNonEmpty) {
    const plain = showMatcher({ name: m.name, op: '=', value: '' });
    return {
      message: `${written} only keeps series without ${m.name}: that is ${plain}`,
      fix: `use ${plain}`,
      span,
    };
  }
  if (shape.anchored) {
    const without = showMatcher({ name: m.name, op: m.op, value: shape.unanchored });
    return {
      message: `${written}: Prometheus anchors every regex at both ends already, so ^ and $ here are redundant`,
      fix: `use ${without}`,
      span,
    };
  }
  return undefined;
}

export const promqlRegexp: RuleCheck = {
  id: 'promql/regexp',
  scope: 'rule',
  severity: 'warning',
  title: 'regex matchers that are plain strings, redundantly anchored, or match everything',
  why: 'Prometheus runs every =~ and !~ matcher as a regex anchored at both ends (`^(?:…)$`). Writing the anchors again suggests the author thought it matches substrings; a regex without any pattern is an equality match in disguise, slower and easy to misread; and `=~".*"` matches every value, a missing label included, so it filters nothing.',
  example: {
    bad: 'groups:\n  - name: g\n    rules:\n      - alert: HostDown\n        expr: up{job=~"^node$"} == 0\n        labels: { severity: critical }\n        annotations: { summary: down, description: "{{ $labels.instance }}" }\n',
    good: 'groups:\n  - name: g\n    rules:\n      - alert: HostDown\n        expr: up{job="node"} == 0\n        labels: { severity: critical }\n        annotations: { summary: down, description: "{{ $labels.instance }}" }\n',
  },
  run: ({ ast }) => {
    const out: Finding[] = [];
    for (const node of walk(ast)) {
      if (node.kind !== 'VectorSelector') continue;
      for (const m of node.matchers) {
        const f = judge(m);
        if (f) out.push(f);
      }
    }
    return out;
  },
};
