import type { MetricCatalog } from '../../catalog/types.js';
import type { Span, VectorSelector } from '../../promql/ast.js';
import type { Finding, LintContext, RuleCheck } from '../check.js';
import { walk } from '../check.js';

// ---- helpers shared by the promql/* checks ---------------------------------------------------------------

/** The metric name a selector selects exactly (`foo`, `{__name__="foo"}`); undefined for `{__name__=~"…"}` or none. */
export function metricName(sel: VectorSelector): string | undefined {
  return sel.name ?? sel.matchers.find((m) => m.name === '__name__' && m.op === '=')?.value;
}

/** Where a selector's name is written (the identifier or the `__name__` matcher), else the whole selector. */
export function nameSpan(sel: VectorSelector): Span {
  const m = sel.matchers.find((x) => x.name === '__name__' && x.op === '=');
  return m ? { from: m.from, to: m.to } : { from: sel.from, to: sel.to };
}

/** Optimal string alignment distance: insertions, deletions, substitutions and adjacent transpositions. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * The candidates closest to `word`, if close enough to be a typo of it: at most a quarter of its length
 * (minimum 1, maximum 3) edits away. Several only when equally close; at most three.
 */
export function closest(word: string, candidates: Iterable<string>, maxDistance?: number): string[] {
  const limit = maxDistance ?? Math.min(3, Math.max(1, Math.floor(word.length / 4)));
  let best = limit + 1;
  let found: string[] = [];
  for (const c of new Set(candidates)) {
    if (c === word || Math.abs(c.length - word.length) > limit) continue;
    const dist = editDistance(word, c);
    if (dist > limit) continue;
    if (dist < best) {
      best = dist;
      found = [c];
    } else if (dist === best) found.push(c);
  }
  return found.sort().slice(0, 3);
}

/** `a`, `a or b`, `a, b or c`. */
export function orList(words: readonly string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

/** The exporter a catalog describes: `owner/repo` for a GitHub source, else the catalog's name. */
export function exporterName(c: MetricCatalog): string {
  return /^https:\/\/github\.com\/([^/]+\/[^/#?]+)/.exec(c.source)?.[1] ?? c.name;
}

// ---- the check ----------------------------------------------------------------------------------------------

/**
 * Names that one exporter (or an older release of it) uses for what a catalogued exporter exposes under
 * another name. Suggested only when the replacement is catalogued; `note` says what else differs.
 */
const RENAMES: readonly { readonly from: string; readonly to: string; readonly origin: string; readonly note?: string }[] = [
  // mindprince/nvidia_gpu_prometheus_exporter (NVML), the naming many GPU rule examples use.
  { from: 'nvidia_gpu_temperature_celsius', to: 'nvidia_smi_temperature_gpu', origin: 'mindprince/nvidia_gpu_prometheus_exporter' },
  { from: 'nvidia_gpu_memory_used_bytes', to: 'nvidia_smi_memory_used_bytes', origin: 'mindprince/nvidia_gpu_prometheus_exporter' },
  { from: 'nvidia_gpu_memory_total_bytes', to: 'nvidia_smi_memory_total_bytes', origin: 'mindprince/nvidia_gpu_prometheus_exporter' },
  { from: 'nvidia_gpu_duty_cycle', to: 'nvidia_smi_utilization_gpu_ratio', origin: 'mindprince/nvidia_gpu_prometheus_exporter', note: 'a 0-1 ratio, not a percentage' },
  { from: 'nvidia_gpu_fanspeed_percent', to: 'nvidia_smi_fan_speed_ratio', origin: 'mindprince/nvidia_gpu_prometheus_exporter', note: 'a 0-1 ratio, not a percentage' },
  { from: 'nvidia_gpu_power_usage_milliwatts', to: 'nvidia_smi_power_draw_watts', origin: 'mindprince/nvidia_gpu_prometheus_exporter', note: 'watts, not milliwatts' },
  // NVIDIA DCGM exporter.
  { from: 'DCGM_FI_DEV_GPU_TEMP', to: 'nvidia_smi_temperature_gpu', origin: 'NVIDIA dcgm-exporter' },
  { from: 'DCGM_FI_DEV_FB_USED', to: 'nvidia_smi_memory_used_bytes', origin: 'NVIDIA dcgm-exporter', note: 'bytes, not MiB' },
  { from: 'DCGM_FI_DEV_FB_FREE', to: 'nvidia_smi_memory_free_bytes', origin: 'NVIDIA dcgm-exporter', note: 'bytes, not MiB' },
  { from: 'DCGM_FI_DEV_GPU_UTIL', to: 'nvidia_smi_utilization_gpu_ratio', origin: 'NVIDIA dcgm-exporter', note: 'a 0-1 ratio, not a percentage' },
  // node_exporter before 0.16 (base units and _total suffixes came with it).
  { from: 'node_cpu', to: 'node_cpu_seconds_total', origin: 'node_exporter before 0.16' },
  { from: 'node_memory_MemAvailable', to: 'node_memory_MemAvailable_bytes', origin: 'node_exporter before 0.16' },
  { from: 'node_memory_MemTotal', to: 'node_memory_MemTotal_bytes', origin: 'node_exporter before 0.16' },
  { from: 'node_memory_MemFree', to: 'node_memory_MemFree_bytes', origin: 'node_exporter before 0.16' },
  { from: 'node_filesystem_avail', to: 'node_filesystem_avail_bytes', origin: 'node_exporter before 0.16' },
  { from: 'node_filesystem_size', to: 'node_filesystem_size_bytes', origin: 'node_exporter before 0.16' },
  { from: 'node_filesystem_free', to: 'node_filesystem_free_bytes', origin: 'node_exporter before 0.16' },
  { from: 'node_boot_time', to: 'node_boot_time_seconds', origin: 'node_exporter before 0.16' },
  { from: 'node_time', to: 'node_time_seconds', origin: 'node_exporter before 0.16' },
  { from: 'node_network_receive_bytes', to: 'node_network_receive_bytes_total', origin: 'node_exporter before 0.16' },
  { from: 'node_network_transmit_bytes', to: 'node_network_transmit_bytes_total', origin: 'node_exporter before 0.16' },
  { from: 'node_disk_bytes_read', to: 'node_disk_read_bytes_total', origin: 'node_exporter before 0.16' },
  { from: 'node_disk_bytes_written', to: 'node_disk_written_bytes_total', origin: 'node_exporter before 0.16' },
];

/** The catalog that documents a name (the owner of a catalogued name, not necessarily of its namespace). */
function catalogOf(ctx: LintContext, name: string): MetricCatalog | undefined {
  return ctx.index.resolve(name)?.catalog;
}


function unknownName(name: string, ctx: LintContext): Omit<Finding, 'span'> | undefined {
  if (ctx.index.resolve(name) || ctx.recorded.has(name)) return undefined;
  const claim = ctx.index.owner(name);
  const owner = claim ? { catalog: claim.catalog, ns: claim.namespace } : undefined;
  const rename = RENAMES.find((r) => r.from === name && ctx.index.resolve(r.to));

  if (rename) {
    const target = catalogOf(ctx, rename.to)!;
    const note = rename.note ? ` (${rename.note})` : '';
    return {
      message: `unknown metric ${name}: that is the name in ${rename.origin}; ${exporterName(target)} exposes ${rename.to}${note}`,
      fix: `select ${rename.to}${rename.note ? `, and adjust the threshold: ${rename.note}` : ''}`,
      // Outside every owned namespace the user may really run that other exporter: say so, do not block.
      ...(owner ? {} : { severity: 'warning' as const }),
    };
  }

  if (owner) {
    const { catalog, ns } = owner;
    const withTotal = name.endsWith('_total') ? name.slice(0, -'_total'.length) : `${name}_total`;
    const candidates = ctx.index.resolve(withTotal) ? [withTotal] : closest(name, [...ctx.index.names, ...ctx.recorded.keys()]);
    const hint = candidates.length > 0 ? `; did you mean ${orList(candidates)}?` : '';
    return {
      message: `unknown metric ${name}: the ${catalog.name} catalog owns ${ns}* and does not list it${hint}`,
      fix: candidates.length > 0
        ? `use ${orList(candidates)}`
        : `use a metric ${exporterName(catalog)} exposes, or add ${name} to a project catalog (promforge.config.ts \`catalogs\`) if it really exists`,
    };
  }

  // A recording-rule style name (level:metric:operations) that the project does not record, next to one it does.
  if (name.includes(':')) {
    const candidates = closest(name, ctx.recorded.keys());
    if (candidates.length > 0) {
      return {
        message: `no recording rule records ${name}; did you mean ${orList(candidates)}?`,
        fix: `use ${orList(candidates)}`,
        severity: 'warning',
      };
    }
  }
  // Outside every owned namespace an unknown name may well exist (an exporter nobody catalogued), so only a
  // name one edit from a known one is called out, as the likely typo it is: `upp`, `scrape_duration_second`.
  const typoOf = oneEditFrom(name, ctx);
  if (typoOf.length > 0) {
    return {
      message: `unknown metric ${name}: no catalog lists it; did you mean ${orList(typoOf)}?`,
      fix: `use ${orList(typoOf)}, or add ${name} to a project catalog (promforge.config.ts \`catalogs\`) if it really exists`,
      severity: 'warning',
    };
  }
  return undefined;
}

/** Names by length: a name one edit from another is at most one character longer or shorter. */
type ByLength = ReadonlyMap<number, readonly string[]>;

function byLength(names: Iterable<string>): ByLength {
  const out = new Map<number, string[]>();
  for (const n of names) {
    const list = out.get(n.length);
    if (list) list.push(n);
    else out.set(n.length, [n]);
  }
  return out;
}

/** The catalogs' thousands of names, indexed once per catalog index. */
const catalogNames = new WeakMap<LintContext['index'], ByLength>();

/** Per lint run (each has its own recorded names): those names, and the answers given, as a project repeats its few unknown names. */
const runNames = new WeakMap<LintContext['recorded'], { readonly recorded: ByLength; readonly answers: Map<string, string[]> }>();

/** The known names one insertion, deletion, substitution or adjacent swap away from `name`, at most three. */
function oneEditFrom(name: string, ctx: LintContext): string[] {
  let catalogued = catalogNames.get(ctx.index);
  if (!catalogued) catalogNames.set(ctx.index, (catalogued = byLength(ctx.index.names)));
  let run = runNames.get(ctx.recorded);
  if (!run) runNames.set(ctx.recorded, (run = { recorded: byLength(ctx.recorded.keys()), answers: new Map() }));
  let answer = run.answers.get(name);
  if (!answer) {
    const near = new Set<string>();
    for (const names of [catalogued, run.recorded]) {
      for (let len = name.length - 1; len <= name.length + 1; len++) {
        for (const c of names.get(len) ?? []) if (c !== name && withinOneEdit(name, c)) near.add(c);
      }
    }
    answer = [...near].sort().slice(0, 3);
    run.answers.set(name, answer);
  }
  return answer;
}

/** Whether two different strings are one edit apart (editDistance(a, b) <= 1), without the distance table. */
export function withinOneEdit(a: string, b: string): boolean {
  if (a.length < b.length) [a, b] = [b, a];
  if (a.length - b.length > 1) return false;
  let i = 0;
  while (i < b.length && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  // From the first difference on: one extra character in `a`, one substituted, or two neighbours swapped.
  if (a.length > b.length) return sameFrom(a, i + 1, b, i);
  return sameFrom(a, i + 1, b, i + 1) || (a[i] === b[i + 1] && a[i + 1] === b[i] && sameFrom(a, i + 2, b, i + 2));
}

/** Whether `a` from `ai` on equals `b` from `bi` on, up to `b`'s end. */
function sameFrom(a: string, ai: number, b: string, bi: number): boolean {
  for (; bi < b.length; ai++, bi++) if (a.charCodeAt(ai) !== b.charCodeAt(bi)) return false;
  return true;
}

/** A histogram's bare name only exists with native histograms; classic exporters expose `_bucket`/`_sum`/`_count`. */
function bareHistogram(name: string, ctx: LintContext): Omit<Finding, 'span'> | undefined {
  if (ctx.index.resolve(name) || ctx.recorded.has(name)) return undefined;
  const bucket = ctx.index.resolve(`${name}_bucket`);
  if (bucket?.part !== 'bucket' || bucket.metric.name !== name) return undefined;
  return {
    message: `${name} is a histogram: its series are ${name}_bucket, ${name}_sum and ${name}_count (the bare name exists only when the exporter's histograms are scraped as native histograms)`,
    fix: `select ${name}_bucket (with histogram_quantile), ${name}_sum or ${name}_count`,
    severity: 'warning',
  };
}

export const promqlSeries: RuleCheck = {
  id: 'promql/series',
  scope: 'rule',
  severity: 'error',
  title: 'metric name that its exporter does not expose',
  why: 'A selector of a metric that does not exist returns nothing, and an alert on nothing never fires: a typo or another exporter\'s naming silently disables the rule, and promtool cannot know. Names in a namespace a metric catalog owns (node_, nvidia_smi_, nix_, …) are checked against that catalog and the project\'s recording rules; any other name one edit away from a known one (`upp`) is warned about as a likely typo.',
  example: {
    bad: 'groups:\n  - name: g\n    rules:\n      - alert: NixCacheNotAccessible\n        expr: nix_cache_info_accesible == 0\n        labels: { severity: critical }\n        annotations: { summary: down, description: "{{ $labels.instance }}" }\n',
    good: 'groups:\n  - name: g\n    rules:\n      - alert: NixCacheNotAccessible\n        expr: nix_cache_info_accessible == 0\n        labels: { severity: critical }\n        annotations: { summary: down, description: "{{ $labels.instance }}" }\n',
  },
  run: ({ ast }, ctx) => {
    const out: Finding[] = [];
    const seen = new Set<string>();
    for (const node of walk(ast)) {
      if (node.kind !== 'VectorSelector') continue;
      const name = metricName(node);
      if (name === undefined || seen.has(name)) continue;
      seen.add(name);
      const found = bareHistogram(name, ctx) ?? unknownName(name, ctx);
      if (found) out.push({ ...found, span: nameSpan(node) });
    }
    return out;
  },
};
