/**
 * How often each job is scraped, for the lint: a range is judged against the interval of the job its selector
 * names (`rate(node_cpu_seconds_total{job="node"}[1m])` against node's), and against the slowest job when the
 * selector names none, since its series may come from any job. Simple on purpose: only `job="..."` counts; a
 * regex or negative matcher on job, or none, gets the slowest interval, which never lets a too-short range pass.
 */
import type { VectorSelector } from '../promql/ast.js';
import { parsePromDuration } from '../promql/duration.js';
import type { Manifest } from './model.js';

export interface ScrapeIntervals {
  /** Effective scrape interval of each job, in ms. */
  readonly byJob: ReadonlyMap<string, number>;
  /** The longest of them (the global interval when there are no jobs). */
  readonly slowest: number;
}

export function scrapeIntervals(manifest: Manifest, globalMs: number): ScrapeIntervals {
  const byJob = new Map<string, number>();
  for (const job of manifest.jobs) {
    const declared = job.settings.scrape_interval;
    const parsed = declared !== undefined ? parsePromDuration(declared) : undefined;
    byJob.set(job.job_name, parsed?.ok && parsed.ms > 0 ? parsed.ms : globalMs);
  }
  return { byJob, slowest: byJob.size > 0 ? Math.max(...byJob.values()) : globalMs };
}

/**
 * The interval a selector's series are scraped at: its `job="..."` job's when the manifest knows it, the slowest
 * otherwise. What rule lint and dashboard query checks both judge ranges against.
 */
export function intervalOfSelector(intervals: ScrapeIntervals | undefined, fallbackMs: number) {
  const slowest = intervals?.slowest ?? fallbackMs;
  return {
    slowest,
    of: (selector: VectorSelector): { readonly ms: number; readonly job?: string } => {
      const job = selector.matchers.find((m) => m.name === 'job' && m.op === '=')?.value;
      const ms = job !== undefined ? intervals?.byJob.get(job) : undefined;
      return ms !== undefined && job !== undefined ? { ms, job } : { ms: slowest };
    },
  };
}
