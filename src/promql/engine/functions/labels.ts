/**
 * label_replace and label_join: they rewrite labels and keep values and the metric name (unless they write
 * `__name__` itself, which cancels a pending name removal). Prometheus validates the regex and label names
 * before looking at any data, and fails when two results end up with the same labels.
 */
import { translateRe2 } from '../../regex.js';
import type { FunctionCall, FunctionImpl, Labels, Sample } from '../types.js';
import { argNode, labelsKey, METRIC_NAME, stringArg, vectorArg, versionAtLeast } from './common.js';
import { EvalError } from '../types.js';

const LEGACY_LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/**
 * Prometheus 3 accepts any non-empty UTF-8 label name; 2.x only `[a-zA-Z_][a-zA-Z0-9_]*`. Invalid UTF-8
 * (from `\x` escapes) shows up as the literal's `validUtf8` flag, since JS strings cannot hold it.
 */
function validLabelName(call: FunctionCall, argIndex: number): boolean {
  const name = stringArg(call, argIndex);
  if (name === '') return false;
  if (!versionAtLeast(call, '3.0.0')) return LEGACY_LABEL_NAME.test(name);
  const node = argNode(call, argIndex);
  return node.kind !== 'StringLiteral' || node.validUtf8;
}

/** labels.Builder.Set: an empty value removes the label. */
function withLabel(metric: Labels, name: string, value: string): Labels {
  const out: Record<string, string> = { ...metric };
  if (value === '') delete out[name];
  else out[name] = value;
  return out;
}

/** Prometheus fails the evaluation when a function yields two samples with the same label set. */
function checkUnique(samples: readonly Sample[]): void {
  const seen = new Set<string>();
  for (const s of samples) {
    const key = labelsKey(s.metric);
    if (seen.has(key)) throw new EvalError('vector cannot contain metrics with the same labelset');
    seen.add(key);
  }
}

function relabelled(call: FunctionCall, s: Sample, dst: string, value: string): Sample {
  // Writing __name__ restores a name that an earlier function marked for removal.
  const dropName = dst === METRIC_NAME ? undefined : s.dropName;
  const metric = withLabel(s.metric, dst, value);
  return dropName ? { metric, t: call.ts, v: s.v, dropName } : { metric, t: call.ts, v: s.v };
}

const isLetter = (ch: string): boolean => /^\p{L}$/u.test(ch);
const isDigit = (ch: string): boolean => /^\p{Nd}$/u.test(ch);

/** A `$name`/`${name}` reference at the start of `s` (after the `$`), as Go's regexp extract() reads it. */
function reference(s: string): { name: string; num: number; rest: string } | undefined {
  let str = s;
  const brace = str.startsWith('{');
  if (brace) str = str.slice(1);
  let i = 0;
  for (const ch of str) {
    if (!isLetter(ch) && !isDigit(ch) && ch !== '_') break;
    i += ch.length;
  }
  if (i === 0) return undefined;
  const name = str.slice(0, i);
  if (brace) {
    if (str[i] !== '}') return undefined;
    i++;
  }
  let num = 0;
  for (let k = 0; k < name.length; k++) {
    const c = name.charCodeAt(k);
    if (c < 48 || c > 57 || num >= 1e8) {
      num = -1;
      break;
    }
    num = num * 10 + (c - 48);
  }
  // Leading zeros make it a name, not a group number.
  if (name[0] === '0' && name.length > 1) num = -1;
  return { name, num, rest: str.slice(i) };
}

/**
 * Go's Regexp.ExpandString: `$1`, `${1}`, `$name`, `${name}` and `$$`. `$name` takes the longest run of
 * letters, digits and `_` (`$1x` is group "1x"); unknown or unmatched groups expand to nothing; a `$` not
 * followed by a valid reference stays literal.
 */
export function expandTemplate(
  template: string,
  groups: readonly (string | undefined)[],
  names: readonly (string | undefined)[],
): string {
  let out = '';
  let rest = template;
  for (;;) {
    const i = rest.indexOf('$');
    if (i < 0) break;
    out += rest.slice(0, i);
    rest = rest.slice(i);
    if (rest.startsWith('$$')) {
      out += '$';
      rest = rest.slice(2);
      continue;
    }
    const ref = reference(rest.slice(1));
    if (!ref) {
      out += '$';
      rest = rest.slice(1);
      continue;
    }
    rest = ref.rest;
    if (ref.num >= 0) {
      out += groups[ref.num] ?? '';
    } else {
      const index = names.indexOf(ref.name);
      if (index >= 0) out += groups[index] ?? '';
    }
  }
  return out + rest;
}

function labelReplace(call: FunctionCall): Sample[] {
  const dst = stringArg(call, 1);
  const replacement = stringArg(call, 2);
  const src = stringArg(call, 3);
  const pattern = stringArg(call, 4);
  // Anchored at both ends; since 3.0 `.` also matches newlines, as in selectors.
  const translated = translateRe2(pattern, { dotNL: versionAtLeast(call, '3.0.0') });
  let regex: RegExp | undefined;
  if (translated.ok) {
    try {
      regex = new RegExp(`^(?:${translated.source})$`, 'u');
    } catch {
      regex = undefined;
    }
  }
  if (!translated.ok || !regex) throw new EvalError(`invalid regular expression in label_replace(): ${pattern}`);
  if (!validLabelName(call, 1)) throw new EvalError(`invalid destination label name in label_replace(): ${dst}`);
  // Group 0 is the whole match and has no name, like Go's SubexpNames().
  const names = ['', ...translated.groupNames];
  const out = vectorArg(call, 0).map((s) => {
    const m = regex.exec(s.metric[src] ?? '');
    // Only a matching series changes.
    if (!m) return s.t === call.ts ? s : { ...s, t: call.ts };
    return relabelled(call, s, dst, expandTemplate(replacement, [...m], names));
  });
  checkUnique(out);
  return out;
}

function labelJoin(call: FunctionCall): Sample[] {
  const dst = stringArg(call, 1);
  const separator = stringArg(call, 2);
  const sources: string[] = [];
  for (let i = 3; i < call.args.length; i++) {
    if (!validLabelName(call, i)) throw new EvalError(`invalid source label name in label_join(): ${stringArg(call, i)}`);
    sources.push(stringArg(call, i));
  }
  if (!validLabelName(call, 1)) throw new EvalError(`invalid destination label name in label_join(): ${dst}`);
  const out = vectorArg(call, 0).map((s) =>
    relabelled(call, s, dst, sources.map((name) => s.metric[name] ?? '').join(separator)),
  );
  checkUnique(out);
  return out;
}

export const LABEL_FUNCTIONS: ReadonlyMap<string, FunctionImpl> = new Map<string, FunctionImpl>([
  ['label_replace', labelReplace],
  ['label_join', labelJoin],
]);
