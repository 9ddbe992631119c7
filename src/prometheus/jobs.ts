/**
 * The `job` labels a prometheus.yml written by anyone gives its series, for the job check of the rules it loads
 * (crosscheck.ts): each scrape config's job_name, or the `job` a static config's labels set instead.
 *
 * Only when the file alone decides them. Anything else that may set `job` makes the set unknowable, and the
 * check is not made rather than made wrong: honor_labels (federation and Pushgateway keep the scraped series'
 * own job), relabelling that writes `job` or maps labels onto others (labelmap), discovery that hands targets
 * labels of its own (file_sd, http_sd), and scrape_config_files, whose scrape configs live elsewhere.
 * Instances are not judged: relabelling them is common and discovery decides most of them.
 */
import type { ScrapedJobs } from './crosscheck.js';

/** `value` is the file as read (every scalar a string). */
export function scrapedJobsOf(value: unknown, source: string): ScrapedJobs | undefined {
  if (!isObject(value) || value['scrape_config_files'] !== undefined) return undefined;
  const configs = value['scrape_configs'];
  if (!Array.isArray(configs)) return undefined;
  const names = new Set<string>();
  for (const config of configs) {
    if (!isObject(config) || typeof config['job_name'] !== 'string') return undefined;
    if (config['honor_labels'] === 'true' || config['honor_labels'] === true) return undefined;
    if (config['file_sd_configs'] !== undefined || config['http_sd_configs'] !== undefined) return undefined;
    if (writesJob(config['relabel_configs']) || writesJob(config['metric_relabel_configs'])) return undefined;
    const statics = Array.isArray(config['static_configs']) ? config['static_configs'] : [];
    const labelled = statics.map((s) => (isObject(s) && isObject(s['labels']) ? s['labels']['job'] : undefined));
    // A static config without a `job` label of its own gets job_name; one with it, that value.
    if (statics.length === 0 || labelled.some((j) => j === undefined) || Object.keys(config).some((k) => k.endsWith('_sd_configs'))) {
      names.add(config['job_name']);
    }
    for (const j of labelled) if (typeof j === 'string') names.add(j);
  }
  return { source, jobs: [...names].map((name) => ({ name })) };
}

function writesJob(relabels: unknown): boolean {
  if (relabels === undefined || relabels === null) return false;
  if (!Array.isArray(relabels)) return true;
  return relabels.some((r) => !isObject(r) || r['action'] === 'labelmap' || (r['target_label'] === 'job' && r['action'] !== 'keep' && r['action'] !== 'drop'));
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
