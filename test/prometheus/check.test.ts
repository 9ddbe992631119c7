/**
 * `promforge check prometheus.yml`: a Prometheus configuration written by anyone, detected by its content, checked
 * for what promforge models (fields Prometheus has and promforge does not are named, not judged), and the rule
 * files it loads checked with it, as promtool check config does.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileProject } from '../../src/build/pipeline.js';
import { parseVersion } from '../../src/config/version.js';
import { detectKind } from '../../src/files/kind.js';
import { checkPrometheusConfigText } from '../../src/prometheus/check.js';
import { PROMETHEUS_OUT } from '../../src/prometheus/build.js';
import { crossCheckRules } from '../../src/prometheus/crosscheck.js';
import { scrapedJobsOf } from '../../src/prometheus/jobs.js';
import { readRuleFile } from '../../src/rules/read.js';
import { parseYaml } from '../../src/yaml/read.js';
import { cli, repoRoot, tempDir } from '../helpers.js';

const fixtures = path.join(repoRoot, 'test/fixtures/prometheus');
const latest = { prometheusVersion: parseVersion('3.5')! };

const check = (text: string, file = path.join(tempDir(), 'prometheus.yml')) => checkPrometheusConfigText(text, file, latest);
const messages = (text: string): string[] => check(text).diagnostics.map((d) => `${d.at?.line}:${d.at?.column} ${d.message}`);

describe('promforge check prometheus.yml', () => {
  it('checks a good file and every rule file it loads, naming what it leaves to promtool', async () => {
    const r = await cli(['check', 'good.yml'], fixtures);
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n')).toEqual([
      'good.yml: SUCCESS: 2 scrape configs, 1 rule file (not checked by promforge: remote_write, scrape_configs[1].file_sd_configs, '
        + 'scrape_configs[1].relabel_configs[0].regex; promtool check config judges those)',
      'rules/up.yml: SUCCESS: 1 rules found',
    ]);
    expect(r.code).toBe(0);
  });

  it('refuses a field Prometheus does not have, at its line, with the field it resembles', async () => {
    const r = await cli(['check', 'bad-field.yml'], fixtures);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('bad-field.yml: FAILED');
    expect(r.stderr).toBe([
      'bad-field.yml:5:5: scrape_configs[0]: field scrape_intervall not found in type config.ScrapeConfig',
      '  did you mean scrape_interval?',
    ].join('\n'));
  });

  it('reports what Prometheus refuses on loading, and a rule file that is not there, each at its line', async () => {
    const r = await cli(['check', 'bad-config.yml'], fixtures);
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n').filter((l) => !l.startsWith('  '))).toEqual([
      'bad-config.yml:8:21: scrape_configs[0].scrape_timeout: scrape timeout greater than scrape interval for scrape config with job name "slow"',
      'bad-config.yml:4:5: rule_files[0]: "rules/missing.yml" does not point to an existing file',
    ]);
  });

  it('fails the whole check when a rule file it loads is broken', async () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'rules'));
    fs.writeFileSync(path.join(dir, 'prometheus.yml'), 'rule_files: ["rules/*.yaml"]\nscrape_configs: []\n');
    fs.writeFileSync(path.join(dir, 'rules/a.yaml'), 'groups:\n  - name: a\n    rules:\n      - record: x\n        expr: sum(\n');
    const r = await cli(['check', 'prometheus.yml'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n')).toEqual(['prometheus.yml: SUCCESS: 0 scrape configs, 1 rule file', 'rules/a.yaml: FAILED']);
    expect(r.stderr).toBe('rules/a.yaml:5:19: group "a", record x: expr 1:5: parse error: unclosed left parenthesis');
  });

  it('warns about a rule selecting a job the file does not scrape, counting jobs static labels and rules set', async () => {
    const r = await cli(['check', 'jobs.yml'], fixtures);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')).toEqual(['jobs.yml: SUCCESS: 2 scrape configs, 1 rule file', 'jobs-rules/homelab.yml: SUCCESS: 5 rules found']);
    // blackbox's static config sets job: probes, so its series are job="probes", never job="blackbox".
    expect(r.stderr.split('\n')).toEqual([
      'jobs-rules/homelab.yml:5:15: warning: group "jobs", alert NodeDown: job="node-exporter" matches no job jobs.yml scrapes, so this selector finds no series [prometheus/job]',
      '  the jobs are node, probes, batch; rename the job here or in jobs.yml',
      'jobs-rules/homelab.yml:9:15: warning: group "jobs", alert BlackboxDown: job="blackbox" matches no job jobs.yml scrapes, so this selector finds no series [prometheus/job]',
      '  the jobs are node, probes, batch; rename the job here or in jobs.yml',
    ]);
  });

  it('passes the homelab\'s own prometheus.yml with its rule files beside it, leaving nothing unchecked', async () => {
    const compiled = await compileProject(repoRoot);
    const out = tempDir();
    for (const f of compiled.files) {
      fs.mkdirSync(path.dirname(path.join(out, f.path)), { recursive: true });
      fs.writeFileSync(path.join(out, f.path), f.content);
    }
    const file = path.join(out, PROMETHEUS_OUT);
    const result = checkPrometheusConfigText(fs.readFileSync(file, 'utf8'), file, latest);
    expect(result.diagnostics).toEqual([]);
    expect(result.unchecked).toEqual([]);
    expect(result.ruleFiles.map((f) => path.relative(out, f))).toEqual(compiled.files.map((f) => f.path).filter((p) => p.startsWith('prometheus/rules/')).sort());
  });
});

describe('a prometheus.yml written by anyone', () => {
  it('may leave out what Prometheus defaults', () => {
    expect(messages('scrape_configs:\n  - job_name: node\n    static_configs:\n      - targets: [a:9100]\n')).toEqual([]);
    expect(messages('global:\nrule_files: []\n')).toEqual([]);
    expect(messages('global:\n  scrape_interval: 5s\nscrape_configs:\n  - job_name: node\n    kubernetes_sd_configs: [{ role: node }]\n')).toEqual([]);
  });

  it('is judged with Prometheus\' defaults where it leaves them out', () => {
    // The default global scrape_interval is 1m: a 2m timeout is longer.
    expect(messages('global:\n  scrape_timeout: 2m\n')).toEqual(['2:19 global scrape timeout greater than scrape interval']);
  });

  it('names each section a field is unknown in', () => {
    expect(messages('globals:\n  scrape_interval: 15s\n')).toEqual(['1:1 field globals not found in type config.Config']);
    expect(messages('global:\n  scrape_intervals: 15s\n')).toEqual(['2:3 field scrape_intervals not found in type config.GlobalConfig']);
    expect(messages('scrape_configs:\n  - job_name: a\n    relabel_configs:\n      - regexp: x\n')).toEqual(['4:9 field regexp not found in type relabel.Config']);
    expect(messages('scrape_configs:\n  - job_name: a\n    static_configs:\n      - target: [a:1]\n')).toEqual(['4:9 field target not found in type targetgroup.Group']);
  });

  it('is told apart from other files by its content', () => {
    expect(detectKind(fs.readFileSync(path.join(fixtures, 'good.yml'), 'utf8'), 'good.yml')).toBe('prometheus-config');
    expect(detectKind('global:\n  scrape_interval: 15s\nrule_files: [a.yml]\n', 'prom.yaml')).toBe('prometheus-config');
  });
});

describe('the jobs of a prometheus.yml written by anyone', () => {
  const jobsOf = (yaml: string): string[] | undefined => scrapedJobsOf(parseYaml(yaml).value, 'prometheus.yml')?.jobs.map((j) => j.name);
  const config = (job: string): string => `scrape_configs:\n  - job_name: node\n    static_configs:\n      - targets: [a:9100]\n${job}`;

  it('are the job names, or the job a static config\'s labels set', () => {
    expect(jobsOf(config(''))).toEqual(['node']);
    expect(jobsOf(config('  - job_name: k8s\n    kubernetes_sd_configs:\n      - role: pod\n'))).toEqual(['node', 'k8s']);
    expect(jobsOf('scrape_configs:\n  - job_name: x\n    static_configs:\n      - targets: [a:1]\n        labels:\n          job: y\n      - targets: [b:1]\n')).toEqual(['x', 'y']);
    expect(jobsOf('scrape_configs:\n  - job_name: x\n    static_configs:\n      - targets: [a:1]\n        labels:\n          job: y\n')).toEqual(['y']);
    // Relabelling that leaves job alone does not matter.
    expect(jobsOf(config('    relabel_configs:\n      - source_labels: [__address__]\n        target_label: instance\n'))).toEqual(['node']);
  });

  it('are unknowable when anything but the file may set job, and then nothing is judged', () => {
    expect(jobsOf(config('    honor_labels: true\n'))).toBeUndefined();
    expect(jobsOf(config('  - job_name: f\n    file_sd_configs:\n      - files: [t.json]\n'))).toBeUndefined();
    expect(jobsOf(config('    relabel_configs:\n      - target_label: job\n        replacement: other\n'))).toBeUndefined();
    expect(jobsOf(config('    metric_relabel_configs:\n      - action: labelmap\n        regex: x_(.*)\n'))).toBeUndefined();
    expect(jobsOf(`scrape_config_files: [more/*.yml]\n${config('')}`)).toBeUndefined();
  });

  it('leave a rule whose own job label is a template unjudged', () => {
    const rules = readRuleFile([
      'groups:', '  - name: g', '    rules:', '      - alert: A', '        expr: up{job="elsewhere"} == 0', '        labels:', "          job: '{{ $labels.origin }}'", '',
    ].join('\n'), 'r.yml').file!;
    const scraped = { source: 'prometheus.yml', jobs: [{ name: 'node' }] };
    expect(crossCheckRules(scraped, [rules])).toEqual([]);
    const plain = readRuleFile(['groups:', '  - name: g', '    rules:', '      - alert: A', '        expr: up{job="elsewhere"} == 0', ''].join('\n'), 'r.yml').file!;
    expect(crossCheckRules(scraped, [plain]).map((d) => d.message)).toEqual(['job="elsewhere" matches no job prometheus.yml scrapes, so this selector finds no series']);
  });
});
