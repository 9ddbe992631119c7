/** The rules ↔ the manifest: job and instance selectors that select nothing, and per-job scrape intervals in lint. */
import { describe, expect, it } from 'vitest';
import { host, hostManifest, job, probe } from 'promforge';
import { crossCheckRules } from '../../src/prometheus/crosscheck.js';
import { scrapeIntervals } from '../../src/prometheus/intervals.js';
import { lintRuleFiles } from '../../src/lint/run.js';
import { promqlRange } from '../../src/lint/checks/promql-range.js';
import { readRuleFile } from '../../src/rules/read.js';
import fs from 'node:fs';
import path from 'node:path';
import { cli, tempDir } from '../helpers.js';
import { lower } from './helpers.js';

const manifest = lower(hostManifest({
  hosts: [
    host('nas-01', { runs: ['node', { exporter: 'cadvisor', port: 8083 }] }),
    host('nix-cache02', { address: '10.0.0.2', runs: ['node', 'blackbox'] }),
  ],
  blackbox: { host: 'nix-cache02', modules: { http_2xx: { prober: 'http' } } },
  probes: [probe('blackbox-nix-cache', { module: 'http_2xx', targets: ['https://cache.example/nix-cache-info'] })],
  jobs: [job('cadvisor', { scrape_interval: '30s' }), job('node', { scrape_interval: '10s' })],
}));

const rules = (...exprs: string[]) => {
  const yaml = `groups:\n  - name: g\n    rules:\n${exprs.map((e, i) => `      - record: r${i}\n        expr: ${JSON.stringify(e)}\n`).join('')}`;
  return [readRuleFile(yaml, '/p/rules/g.yaml').file!];
};
const cross = (...exprs: string[]): string[] => crossCheckRules(manifest, rules(...exprs)).map((d) => `${d.at?.line}:${d.at?.column} ${d.message}`);

describe('rules against the manifest', () => {
  it('pass selectors of jobs and instances the manifest scrapes', () => {
    expect(cross(
      'up{job="node"}', 'up{job=~"node|cadvisor"}', 'up{job="node", instance="nix-cache02"}', 'up{job="node", instance=~"nix-cache02([.:].*)?"}',
      'probe_success{job="blackbox-nix-cache", instance="https://cache.example/nix-cache-info"}', 'up{job!="gone"}', 'nix_cache_info_accessible',
    )).toEqual([]);
  });

  it('report a job nothing scrapes, at the selector', () => {
    expect(cross('sum(up{job="node-exporter"})')).toEqual([
      '5:20 job="node-exporter" matches no job the manifest scrapes, so this selector finds no series',
    ]);
    const [d] = crossCheckRules(manifest, rules('up{job="nodes"}'));
    expect([d?.severity, d?.code, d?.hint]).toEqual(['warning', 'prometheus/job', 'the jobs are node, cadvisor, blackbox, blackbox-nix-cache; rename the job here or in the manifest']);
  });

  it('report an instance no target of the job has: the host name, not host:port', () => {
    expect(cross('up{job="node", instance="nas-01:9100"}', 'up{job="cadvisor", instance=~"nix-cache02[.:].*"}')).toEqual([
      '5:16 instance="nas-01:9100" matches no target of job "node", so this selector finds no series',
      '7:16 instance=~"nix-cache02[.:].*" matches no target of job "cadvisor", so this selector finds no series',
    ]);
  });

  it('report a rule once per problem, however often it repeats the selector', () => {
    expect(cross('up{job="x"} / up{job="x"}')).toHaveLength(1);
  });
});

describe('scrape intervals for the lint', () => {
  it('are each job\'s own, or the global one; the slowest covers selectors without a job', () => {
    const s = scrapeIntervals(manifest, 15_000);
    expect(Object.fromEntries(s.byJob)).toEqual({ node: 10_000, cadvisor: 30_000, blackbox: 15_000, 'blackbox-nix-cache': 15_000 });
    expect(s.slowest).toBe(30_000);
  });

  it('judge a range against the job its selector names', () => {
    const lint = (expr: string): string[] => lintRuleFiles(rules(expr), {
      catalogs: [], scrapeIntervalMs: 15_000, scrapeIntervals: scrapeIntervals(manifest, 15_000), checks: [promqlRange],
    }).map((d) => d.message);
    expect(lint('rate(node_cpu_seconds_total{job="node"}[25s])')).toEqual([]);
    expect(lint('rate(container_cpu_usage_seconds_total{job="cadvisor"}[25s])')).toEqual([
      'rate() over 25s: with job cadvisor\'s 30s scrape interval the range holds at most one sample, and rate() needs two, so it never returns anything',
    ]);
    expect(lint('rate(node_cpu_seconds_total[25s])')).toEqual([
      'rate() over 25s: with the 30s scrape interval the range holds at most one sample, and rate() needs two, so it never returns anything',
    ]);
  });
});

describe('promforge lint FILE in a project with a manifest', () => {
  it('uses the project\'s per-job intervals for rule files written by anyone', async () => {
    const file = path.join(tempDir(), 'rules.yml');
    fs.writeFileSync(file, [
      'groups:', '  - name: g', '    rules:',
      '      - record: node:cpu:rate45s', '        expr: rate(node_cpu_seconds_total{job="node"}[45s])',
      '      - record: container:cpu:rate45s', '        expr: rate(container_cpu_usage_seconds_total{job="cadvisor"}[45s])', '',
    ].join('\n'));
    const run = await cli(['lint', '--format', 'json', file]);
    const findings = (JSON.parse(run.stdout) as { check: string; line: number; message: string }[]).filter((f) => f.check === 'promql/range');
    // The homelab scrapes node every 15s (the global interval) and cAdvisor every 30s.
    expect(findings.map((f) => [f.line, f.message.split(' (use ')[0]])).toEqual([
      [7, 'group "g", record container:cpu:rate45s: rate() over 45s: with job cadvisor\'s 30s scrape interval the range often holds a single sample, and rate() returns nothing then'],
    ]);
  });
});
