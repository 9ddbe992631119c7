// The experimental info() function: enriches each series with the data labels of "info" series
// (target_info by default) that share its identifying labels (instance, job). It needs storage access,
// which function implementations do not have, so the engine evaluates it (as Prometheus does).

import type { Expr, LabelMatcher, VectorSelector } from '../ast.js';
import { children } from '../ast.js';
import type { Labels, Sample } from './types.js';
import { EvalError } from './types.js';
import { compileMatcher, latestPoint, type CompiledMatcher, type StoredSeries } from './storage.js';
import { formatLabels, METRIC_NAME, sortedNames } from './labels.js';

const TARGET_INFO = 'target_info';
const IDENTIFYING_LABELS = ['instance', 'job'];

export interface InfoContext {
  readonly dotNL: boolean;
  readonly lookbackMs: number;
  /** Stored series matching all matchers. */
  readonly select: (matchers: readonly LabelMatcher[]) => readonly StoredSeries[];
}

/**
 * The selector whose `@` and offset govern when the info series are read: the first vector selector in
 * the argument, anchored by its own `@` or the innermost enclosing subquery's, with offsets added up to there.
 */
export function infoTimeModifiers(arg: Expr): { at: VectorSelector['at']; offsetExprs: Array<{ ms: number | undefined }>; found: boolean } {
  const path: Expr[] = [];
  let result: { at: VectorSelector['at']; offsetExprs: Array<{ ms: number | undefined }>; found: boolean } = { at: undefined, offsetExprs: [], found: false };
  const visit = (e: Expr): boolean => {
    const vs = e.kind === 'VectorSelector' ? e : e.kind === 'MatrixSelector' ? e.selector : undefined;
    if (vs) {
      let at = vs.at;
      const offsets: Array<{ ms: number | undefined }> = vs.offset ? [vs.offset] : [];
      for (let i = path.length - 1; at === undefined && i >= 0; i--) {
        const sq = path[i];
        if (sq?.kind === 'Subquery') {
          if (sq.offset) offsets.push(sq.offset);
          at = sq.at;
        }
      }
      result = { at, offsetExprs: offsets, found: true };
      return true;
    }
    path.push(e);
    const done = children(e).some(visit);
    path.pop();
    return done;
  };
  visit(arg);
  return result;
}

/** Name matchers that pick the info metrics: target_info by default, `.+_info` when only negative ones are given. */
function effectiveNameMatchers(matchers: readonly LabelMatcher[]): LabelMatcher[] {
  const at = { from: 0, to: 0 };
  if (matchers.some((m) => m.op === '=' || m.op === '=~')) return [...matchers];
  if (matchers.length > 0) return [{ ...at, name: METRIC_NAME, op: '=~', value: '.+_info' }, ...matchers];
  return [{ ...at, name: METRIC_NAME, op: '=', value: TARGET_INFO }];
}

const quoteMeta = (s: string): string => s.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');

/**
 * info(base, selector) at one step. `refTime` is when the info series are read (the first argument's
 * `@`, or the step time, minus its offset).
 */
export function evalInfo(base: readonly Sample[], selector: VectorSelector | undefined, refTime: number, ctx: InfoContext): Sample[] {
  const dataMatchers = new Map<string, LabelMatcher[]>();
  let nameMatchers: LabelMatcher[] = [];
  if (selector) {
    for (const m of selector.matchers) {
      dataMatchers.set(m.name, [...(dataMatchers.get(m.name) ?? []), m]);
      if (m.name === METRIC_NAME) nameMatchers.push(m);
    }
  } else {
    nameMatchers = [{ from: 0, to: 0, name: METRIC_NAME, op: '=', value: TARGET_INFO }];
  }
  const compiledNames = effectiveNameMatchers(nameMatchers).map((m) => compileMatcher(m, ctx.dotNL));
  const isInfoSeries = (s: Sample): boolean => compiledNames.every((m) => m.test(s.metric[METRIC_NAME] ?? ''));

  // Identifying label values of the series to enrich, to select only the info series that can match.
  const idValues = new Map<string, Set<string>>();
  for (const s of base) {
    if (isInfoSeries(s)) continue;
    for (const l of IDENTIFYING_LABELS) {
      const v = s.metric[l];
      if (!v) continue;
      idValues.set(l, (idValues.get(l) ?? new Set()).add(v));
    }
  }
  const dataOnly = new Map([...dataMatchers].filter(([name]) => name !== METRIC_NAME));
  const compiledData = new Map<string, CompiledMatcher[]>([...dataOnly].map(([n, ms]) => [n, ms.map((m) => compileMatcher(m, ctx.dotNL))]));

  const info: Array<{ metric: Labels; origT: number; sig: string; name: string }> = [];
  if (idValues.size > 0) {
    const at = { from: 0, to: 0 };
    const matchers: LabelMatcher[] = [
      ...[...idValues].map(([name, vals]): LabelMatcher => ({ ...at, name, op: '=~', value: [...vals].map(quoteMeta).join('|') })),
      ...[...dataOnly.values()].flat(),
      ...effectiveNameMatchers(nameMatchers.filter((m) => m.name === METRIC_NAME)),
    ];
    for (const s of ctx.select(matchers)) {
      const p = latestPoint(s.points, refTime, ctx.lookbackMs);
      if (!p) continue;
      const name = s.metric[METRIC_NAME] ?? '';
      info.push({ metric: s.metric, origT: p.t, name, sig: signature(name, s.metric) });
    }
  }

  // Per signature, the newest info sample; two at the same time conflict.
  const bySig = new Map<string, (typeof info)[number]>();
  for (const s of info) {
    const existing = bySig.get(s.sig);
    if (!existing || existing.origT < s.origT) bySig.set(s.sig, s);
    else if (existing.origT === s.origT) {
      throw new EvalError(
        `found duplicate series for info metric: existing ${formatLabels(existing.metric)} @ ${existing.origT}, new ${formatLabels(s.metric)} @ ${s.origT}`,
      );
    }
  }
  const infoNames = [...new Set(info.map((s) => s.name))];

  const out: Sample[] = [];
  for (const b of base) {
    if (isInfoSeries(b)) {
      out.push(b);
      continue;
    }
    const added: Record<string, string> = {};
    let matched = false;
    for (const name of infoNames) {
      const is = bySig.get(signature(name, b.metric));
      if (!is) continue;
      matched = true;
      for (const l of sortedNames(is.metric)) {
        if (l === METRIC_NAME) continue;
        if (dataOnly.size > 0 && !dataOnly.has(l)) continue;
        const v = is.metric[l] as string;
        if (added[l] !== undefined && added[l] !== v) throw new EvalError(`conflicting label: ${l}`);
        if (l in b.metric) continue;
        added[l] = v;
      }
    }
    if (!matched && [...compiledData.values()].flat().some((m) => !m.test(''))) continue;
    out.push({ ...b, metric: { ...b.metric, ...added } });
  }
  return out;
}

function signature(name: string, metric: Labels): string {
  return [name, ...IDENTIFYING_LABELS.map((l) => metric[l] ?? '')].join('\u0000');
}
