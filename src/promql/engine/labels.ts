// Label sets as the engine needs them: a canonical key for maps, Prometheus' sort order, its
// `{a="b", c="d"}` text form (error messages quote it), and the label edits operators make.

import type { Labels } from './types.js';
import { compareGoStrings } from '../../go/strings.js';
import { goQuote } from '../../go/strconv.js';

export const METRIC_NAME = '__name__';

/**
 * Labels that describe the metric rather than the series (`__name__` and, with the type-and-unit feature,
 * `__type__`/`__unit__`): operators that change a value's meaning drop all of them together.
 */
const METADATA_LABELS: readonly string[] = [METRIC_NAME, '__type__', '__unit__'];

/** Label names in byte order, which is how Prometheus keeps a label set. */
export function sortedNames(ls: Labels): string[] {
  return Object.keys(ls).sort(compareGoStrings);
}


/**
 * A string that is equal for equal label sets and differs otherwise. The separators cannot occur in label
 * text that came through the PromQL parser or the series notation, so no escaping is needed.
 */
export function labelsKey(ls: Labels): string {
  const cached = keyCache.get(ls);
  if (cached !== undefined) return cached;
  let out = '';
  for (const name of sortedNames(ls)) out += `${name}\u0000${ls[name]}\u0001`;
  keyCache.set(ls, out);
  return out;
}

/** Label sets are treated as immutable, so a set's key can be remembered (series labels are shared widely). */
const keyCache = new WeakMap<Labels, string>();

/** Prometheus' labels.Compare: pairwise by name then value; a prefix sorts first. */
export function compareLabels(a: Labels, b: Labels): number {
  const an = sortedNames(a);
  const bn = sortedNames(b);
  const n = Math.min(an.length, bn.length);
  for (let i = 0; i < n; i++) {
    const x = an[i] as string;
    const y = bn[i] as string;
    if (x !== y) return compareGoStrings(x, y);
    const c = compareGoStrings(a[x] as string, b[y] as string);
    if (c !== 0) return c;
  }
  return an.length - bn.length;
}

const LEGACY_LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** labels.String(): `{__name__="up", job="x"}`, names quoted only when they are not legacy names. */
export function formatLabels(ls: Labels): string {
  const parts = sortedNames(ls).map((n) => `${LEGACY_LABEL_NAME.test(n) ? n : goQuote(n)}=${goQuote(ls[n] as string)}`);
  return `{${parts.join(', ')}}`;
}

/** A copy without the metric-describing labels (`__name__`, `__type__`, `__unit__`). */
export function dropMetricName(ls: Labels): Labels {
  if (!METADATA_LABELS.some((n) => n in ls)) return ls;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(ls)) if (!METADATA_LABELS.includes(k)) out[k] = v;
  return out;
}

/** Only the listed labels (those present). */
export function keepLabels(ls: Labels, names: readonly string[]): Labels {
  const out: Record<string, string> = {};
  for (const n of names) {
    const v = ls[n];
    if (v !== undefined && v !== '') out[n] = v;
  }
  return out;
}

/** Without the listed labels. */
export function withoutLabels(ls: Labels, names: readonly string[]): Labels {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(ls)) if (!names.includes(k)) out[k] = v;
  return out;
}

/** Empty label values mean "label absent" in Prometheus, so they are never stored. */
export function normalizeLabels(ls: Readonly<Record<string, string>>): Labels {
  const out: Record<string, string> = {};
  for (const n of Object.keys(ls).sort(compareGoStrings)) {
    const v = ls[n] as string;
    if (v !== '') out[n] = v;
  }
  return out;
}
