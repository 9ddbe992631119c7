/**
 * The series the project's recording rules write, by recorded name: their expressions' output labels with the
 * rules' own labels applied. Rules read each other's records, and dashboards query them, so the lint and the
 * dashboard checks both need this for the same rule files; the last answer is kept for the next caller that
 * asks about the very same files, catalogs and target.
 */
import type { CatalogIndex } from '../catalog/lookup.js';
import type { RuleFile } from '../rules/model.js';
import { outputLabels, recordedSeries, type LabelSet } from './labels.js';
import { parsePromQL, type PromQLOptions } from './parse.js';

interface Asked {
  readonly files: readonly RuleFile[];
  readonly index: CatalogIndex;
  readonly prometheusVersion: string | undefined;
  readonly features: PromQLOptions['features'];
}

let last: { asked: Asked; series: ReadonlyMap<string, LabelSet> } | undefined;

/**
 * Two passes, so a recording rule built on another one sees its labels whatever their order. A name recorded
 * by several rules (with different labels) may carry what any of them gives.
 */
export function recordingRuleSeries(files: readonly RuleFile[], index: CatalogIndex, options: PromQLOptions = {}): ReadonlyMap<string, LabelSet> {
  const asked: Asked = { files: [...files], index, prometheusVersion: options.prometheusVersion, features: options.features };
  if (last && sameQuestion(last.asked, asked)) return last.series;
  const records = files.flatMap((f) => f.groups.flatMap((g) => g.rules)).flatMap((r) => {
    if (r.kind !== 'record') return [];
    const parsed = parsePromQL(r.expr, options);
    return parsed.ok ? [{ name: r.record, ast: parsed.ast, labels: r.labels }] : [];
  });
  let recorded = new Map<string, LabelSet>();
  for (let pass = 0; pass < 2; pass++) {
    const next = new Map<string, LabelSet>();
    for (const r of records) {
      const series = recordedSeries(outputLabels(r.ast, { index, recorded }), r.labels);
      const previous = next.get(r.name);
      next.set(r.name, previous ? union(previous, series) : series);
    }
    recorded = next;
  }
  last = { asked, series: recorded };
  return recorded;
}

const union = (a: LabelSet, b: LabelSet): LabelSet => ({
  labels: new Set([...a.labels, ...b.labels]),
  open: a.open || b.open,
  keepsName: true,
});

/** The same rule file objects (models are never changed once built), catalogs, target and features. */
const sameQuestion = (a: Asked, b: Asked): boolean =>
  a.index === b.index && a.prometheusVersion === b.prometheusVersion && a.features === b.features &&
  a.files.length === b.files.length && a.files.every((f, i) => f === b.files[i]);
