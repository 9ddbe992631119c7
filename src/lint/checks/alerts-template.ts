/**
 * Alert templates that print labels the expression never returns: `{{ $labels.instance }}` after
 * `sum by (job) (...)` always renders empty. Also `$value` in alert labels (a new alert on every change) and
 * `$value` of an absent() alert (always 1).
 */
import type { Expr } from '../../promql/ast.js';
import { unwrapParens } from '../../promql/ast.js';
import { typeOf } from '../../promql/check.js';
import { explainMissing, mayCarry, type LabelSet } from '../../promql/labels.js';
import { formatNode, type ArgumentNode, type ListNode, type PipeNode, type TemplateNode } from '../../template/parse.js';
import { parseRuleTemplate, RULE_TEMPLATE_HEADER } from '../../template/prometheus.js';
import type { Finding, LintContext, RuleCheck } from '../check.js';
import { sketch } from './promql-impossible.js';

// --- What a template reads -----------------------------------------------------------------------------------

interface LabelRef {
  readonly label: string;
  /** As written: `$labels.instance`, `.Labels.instance`, `index $labels "instance"`. */
  readonly written: string;
  /** In the condition of an `if`/`with`: a test whether the label is there. */
  readonly test: boolean;
  /** Inside the body of an `if`/`with` that tested the label. */
  readonly guarded: boolean;
}

interface TemplateReads {
  readonly labels: readonly LabelRef[];
  /** `$value`, `.Value` as written. */
  readonly values: readonly string[];
}

/** What a template value stands for, as far as the checks care. */
type Denotes = { kind: 'top' } | { kind: 'labels' } | { kind: 'label'; label: string } | { kind: 'value' } | { kind: 'other' };

const TOP: Denotes = { kind: 'top' };
const OTHER: Denotes = { kind: 'other' };

interface Scope {
  readonly vars: ReadonlyMap<string, Denotes>;
  readonly dot: Denotes;
  readonly guards: ReadonlySet<string>;
}

/** Following `.Labels.instance` from what the base stands for. */
function field(base: Denotes, name: string): Denotes {
  if (base.kind === 'top') return name === 'Labels' ? { kind: 'labels' } : name === 'Value' ? { kind: 'value' } : OTHER;
  if (base.kind === 'labels') return { kind: 'label', label: name };
  return OTHER;
}

class TemplateReader {
  readonly reads: { labels: LabelRef[]; values: string[] } = { labels: [], values: [] };
  /** Set when the template reassigns $labels or similar: its references cannot be trusted. */
  confused = false;

  constructor(private readonly userFrom: number) {}

  private note(d: Denotes, pos: number, written: string, scope: Scope, test: boolean): void {
    if (pos < this.userFrom) return; // Prometheus' own header
    if (d.kind === 'label') this.reads.labels.push({ label: d.label, written, test, guarded: scope.guards.has(d.label) });
    else if (d.kind === 'value') this.reads.values.push(written);
  }

  /** What an argument stands for; records the label and value reads in it. */
  private arg(a: ArgumentNode, scope: Scope, test: boolean): Denotes {
    switch (a.type) {
      case 'variable': {
        const [name, ...fields] = a.ident;
        let d: Denotes = name === '$' ? TOP : (scope.vars.get(name!) ?? OTHER);
        for (const f of fields) d = field(d, f);
        this.note(d, a.pos, formatNode(a), scope, test);
        return d;
      }
      case 'field': {
        let d = scope.dot;
        for (const f of a.ident) d = field(d, f);
        this.note(d, a.pos, formatNode(a), scope, test);
        return d;
      }
      case 'dot':
        return scope.dot;
      case 'chain':
        this.arg(a.node, scope, test);
        return OTHER;
      case 'pipe':
        return this.pipe(a, scope, test).d;
      default:
        return OTHER;
    }
  }

  /** Walks a pipeline; returns what it stands for (a single term) and its variable declarations applied. */
  pipe(p: PipeNode, scope: Scope, test: boolean): { d: Denotes; scope: Scope } {
    let d: Denotes = OTHER;
    for (const cmd of p.cmds) {
      const [first, second, third] = cmd.args;
      if (first?.type === 'identifier' && first.name === 'index' && cmd.args.length === 3 && third?.type === 'string') {
        const base = this.arg(second!, scope, test);
        d = field(base.kind === 'labels' ? base : OTHER, third.text);
        if (base.kind === 'labels') this.note(d, cmd.pos, formatNode(cmd), scope, test);
        continue;
      }
      for (const a of cmd.args) {
        const ad = this.arg(a, scope, test);
        if (cmd.args.length === 1 && p.cmds.length === 1) d = ad;
      }
      if (cmd.args.length !== 1 || p.cmds.length !== 1) d = OTHER;
    }
    if (p.decl.length === 0) return { d, scope };
    const vars = new Map(scope.vars);
    for (const v of p.decl) {
      const name = v.ident[0]!;
      if (name === '$labels' && p.pos >= this.userFrom) this.confused = true;
      vars.set(name, p.decl.length === 1 ? d : OTHER);
    }
    return { d, scope: { ...scope, vars } };
  }

  /** Labels whose presence a condition establishes for the branch it guards. */
  private tested(p: PipeNode, scope: Scope): { then: Set<string>; else: Set<string> } {
    const before = this.reads.labels.length;
    this.pipe(p, scope, true);
    const labels = new Set(this.reads.labels.slice(before).map((r) => r.label));
    const head = p.cmds[0]?.args[0];
    const fn = head?.type === 'identifier' ? head.name : undefined;
    if (fn === 'not') return { then: new Set(), else: labels };
    if (fn === 'or') return { then: new Set(), else: new Set() };
    return { then: labels, else: new Set() };
  }

  list(l: ListNode | undefined, scope: Scope): void {
    let s = scope;
    for (const n of l?.nodes ?? []) s = this.node(n, s);
  }

  private node(n: TemplateNode, scope: Scope): Scope {
    switch (n.type) {
      case 'action':
        return this.pipe(n.pipe, scope, false).scope;
      case 'if':
      case 'with': {
        const guards = this.tested(n.pipe, scope);
        // The condition again, silently, for what it stands for and the variables it declares.
        const { d, scope: inner } = this.quiet(() => this.pipe(n.pipe, scope, true));
        const withGuards = (s: Scope, add: Set<string>): Scope => ({ ...s, guards: new Set([...s.guards, ...add]) });
        this.list(n.list, withGuards(n.type === 'with' ? { ...inner, dot: d } : inner, guards.then));
        this.list(n.elseList, withGuards(scope, guards.else));
        return scope;
      }
      case 'range': {
        const { scope: inner } = this.pipe(n.pipe, scope, false);
        const vars = new Map(inner.vars);
        for (const v of n.pipe.decl) vars.set(v.ident[0]!, OTHER);
        this.list(n.list, { ...inner, vars, dot: OTHER });
        this.list(n.elseList, scope);
        return scope;
      }
      case 'template':
        if (n.pipe) this.pipe(n.pipe, scope, false);
        return scope;
      default:
        return scope;
    }
  }

  private quiet<T>(f: () => T): T {
    const labels = this.reads.labels.length;
    const values = this.reads.values.length;
    const r = f();
    this.reads.labels.length = labels;
    this.reads.values.length = values;
    return r;
  }
}

/**
 * The labels and values a rule template reads, or undefined when it does not parse for `prometheusVersion`
 * (validation reports it; parsed for the same target, the template comes from validation's parse cache).
 */
export function templateReads(text: string, ruleName: string, prometheusVersion?: string): TemplateReads | undefined {
  if (!text.includes('{{')) return NO_READS;
  // Alerts share their summary and description templates; what one reads does not depend on the alert's name
  // unless it defines templates (parseRuleTemplate keeps the same distinction).
  const shared = !text.includes('define') && !text.includes('block');
  const key = `${prometheusVersion ?? ''}\u0000${text}`;
  if (shared && knownReads.has(key)) return knownReads.get(key);
  const parsed = parseRuleTemplate(text, ruleName, prometheusVersion !== undefined ? { prometheusVersion } : {});
  let reads: TemplateReads | undefined;
  if (parsed.ok) {
    const reader = new TemplateReader(RULE_TEMPLATE_HEADER.length);
    reader.list(parsed.tree.root, { vars: new Map(), dot: TOP, guards: new Set() });
    reads = reader.confused ? undefined : Object.freeze({ labels: Object.freeze(reader.reads.labels), values: Object.freeze(reader.reads.values) });
  }
  if (shared) {
    if (knownReads.size >= KNOWN_READS_LIMIT) knownReads.clear();
    knownReads.set(key, reads);
  }
  return reads;
}

const NO_READS: TemplateReads = Object.freeze({ labels: Object.freeze([]), values: Object.freeze([]) });
const knownReads = new Map<string, TemplateReads | undefined>();
const KNOWN_READS_LIMIT = 100_000;

// --- Which labels the expression returns ---------------------------------------------------------------------

/**
 * A branch of the expression whose series certainly lack `label` although others carry it: `absent_over_time`
 * in `a or absent_over_time(...)`. Follows only nodes that pass their input's labels through unchanged.
 */
function branchWithout(e: Expr, label: string, ctx: LintContext): Expr | undefined {
  const x = unwrapParens(e);
  const lacks = (b: Expr): boolean => {
    const set = ctx.labelsOf(b);
    return !mayCarry(set, label);
  };
  switch (x.kind) {
    case 'Binary': {
      if (x.op === 'or') {
        for (const side of [x.lhs, x.rhs]) {
          if (lacks(side)) return side;
          const deeper = branchWithout(side, label, ctx);
          if (deeper) return deeper;
        }
        return undefined;
      }
      if (x.op === 'and' || x.op === 'unless') return branchWithout(x.lhs, label, ctx);
      if (['==', '!=', '>', '<', '>=', '<=', '+', '-', '*', '/', '%', '^', 'atan2'].includes(x.op) && !x.matching) {
        return branchWithout(typeOf(x.lhs) === 'scalar' ? x.rhs : x.lhs, label, ctx);
      }
      return undefined;
    }
    case 'Aggregate':
      return x.op === 'count_values' ? undefined : branchWithout(x.expr, label, ctx);
    case 'Call': {
      if (['label_replace', 'label_join', 'info', 'absent', 'absent_over_time', 'vector'].includes(x.func)) return undefined;
      const arg = x.args.find((a) => a.kind !== 'NumberLiteral' && a.kind !== 'StringLiteral');
      return arg ? branchWithout(arg, label, ctx) : undefined;
    }
    case 'Subquery':
    case 'Unary':
      return branchWithout(x.expr, label, ctx);
    default:
      return undefined;
  }
}

const describeField = (field: string): string => {
  const [kind, name] = [field.slice(0, field.indexOf('.')), field.slice(field.indexOf('.') + 1)];
  return `${kind === 'labels' ? 'label' : 'annotation'} ${JSON.stringify(name)}`;
};

/** Labels one or two edits away: a typo. */
function nearest(label: string, set: LabelSet): string | undefined {
  const distance = (a: string, b: string): number => {
    const row = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
      let prev = row[0]!;
      row[0] = i;
      for (let j = 1; j <= b.length; j++) {
        const cur = row[j]!;
        row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
        prev = cur;
      }
    }
    return row[b.length]!;
  };
  return [...set.labels].find((l) => distance(l, label) <= Math.min(2, Math.floor(label.length / 3)));
}

function missingFix(label: string, reason: string | undefined, set: LabelSet): string {
  const typo = nearest(label, set);
  if (typo) return `did you mean ${typo}? The result carries ${typo}`;
  if (label === '__name__') return 'aggregations, arithmetic and most functions drop the metric name: write the name into the template';
  if (reason?.startsWith('dropped by')) return `keep ${label} in the result (list it in the aggregation's by (...)), or drop it from the template`;
  return `drop it from the template, or join ${label} in from a series that has it (group_left)`;
}

function judgeLabels(field: string, reads: TemplateReads, ast: Expr, set: LabelSet, expr: string, ctx: LintContext): Finding[] {
  const out: Finding[] = [];
  // Only messages show the expression, and most rules have none.
  let sketched: string | undefined;
  const shown = (): string => (sketched ??= sketch(ast, expr));
  const byLabel = new Map<string, LabelRef[]>();
  for (const r of reads.labels) byLabel.set(r.label, [...(byLabel.get(r.label) ?? []), r]);
  for (const [label, refs] of byLabel) {
    const first = refs.find((r) => !r.test) ?? refs[0]!;
    if (!mayCarry(set, label)) {
      const reason = explainMissing(ast, label, { index: ctx.index, recorded: ctx.recorded, source: expr });
      const certain = !set.open;
      out.push({
        message: `${describeField(field)} uses ${first.written}, but the expression "${shown()}" never returns ${label}${reason ? ` (${reason})` : ''}`,
        fix: missingFix(label, reason, set),
        field,
        ...(certain ? {} : { severity: 'warning' as const }),
      });
      continue;
    }
    const unguarded = refs.find((r) => !r.test && !r.guarded);
    if (!unguarded) continue;
    const branch = branchWithout(ast, label, ctx);
    if (!branch) continue;
    const reason = explainMissing(branch, label, { index: ctx.index, recorded: ctx.recorded, source: expr });
    out.push({
      message: `${describeField(field)} uses ${unguarded.written}, but only some series of "${shown()}" carry ${label}: "${sketch(branch, expr, 40)}" never does${reason ? ` (${reason})` : ''}, and there it renders empty`,
      fix: `guard it: {{ with ${unguarded.written} }}… {{ . }} …{{ end }}, or {{ if ${unguarded.written} }}…{{ else }}…{{ end }}`,
      field,
      severity: 'warning',
    });
  }
  return out;
}

export const alertsTemplate: RuleCheck = {
  id: 'alerts/template',
  scope: 'rule',
  severity: 'error',
  title: 'alert templates that use labels the expression never returns',
  why: 'An alert\'s templates see only the labels of the series its expression returns. After `sum by (job) (...)` there is no `instance`, so `{{ $labels.instance }}` renders as an empty string in every notification, which nothing reports. Likewise `$value` in an alert label starts a new alert (and resets `for`) whenever the value changes, and the value of absent() is always 1.',
  example: {
    bad: 'groups:\n  - name: g\n    rules:\n      - alert: HostHighCpuUsage\n        expr: 1 - avg by (job) (rate(node_cpu_seconds_total{mode="idle"}[5m])) > 0.85\n        labels: { severity: warning }\n        annotations: { summary: busy, description: "CPU usage on {{ $labels.instance }} is {{ $value }}" }\n',
    good: 'groups:\n  - name: g\n    rules:\n      - alert: HostHighCpuUsage\n        expr: 1 - avg by (instance) (rate(node_cpu_seconds_total{mode="idle"}[5m])) > 0.85\n        labels: { severity: warning }\n        annotations: { summary: busy, description: "CPU usage on {{ $labels.instance }} is {{ $value }}" }\n',
  },
  run: ({ rule, ast }, ctx) => {
    if (rule.kind !== 'alert') return [];
    const set = ctx.labelsOf(ast);
    const top = unwrapParens(ast);
    const absentTop = top.kind === 'Call' && (top.func === 'absent' || top.func === 'absent_over_time') ? top : undefined;
    const out: Finding[] = [];
    const fields: [string, string][] = [
      ...Object.entries(rule.labels).map(([k, v]): [string, string] => [`labels.${k}`, v]),
      ...Object.entries(rule.annotations).map(([k, v]): [string, string] => [`annotations.${k}`, v]),
    ];
    for (const [field, text] of fields) {
      const reads = templateReads(text, rule.alert, ctx.prometheusVersion);
      if (!reads) continue;
      out.push(...judgeLabels(field, reads, ast, set, rule.expr, ctx));
      const value = reads.values[0];
      if (value === undefined) continue;
      if (field.startsWith('labels.')) {
        out.push({
          message: `${describeField(field)} uses ${value}: alerts are identified by their labels, so every change of the value makes a new alert and restarts its \`for\``,
          fix: 'move the value to an annotation',
          field,
          severity: 'warning',
        });
      } else if (absentTop) {
        out.push({
          message: `${describeField(field)} prints ${value}, but the expression is ${absentTop.func}(...), whose value is always 1`,
          fix: 'say what is missing instead of printing the value',
          field,
          severity: 'warning',
        });
      }
    }
    return out;
  },
};
