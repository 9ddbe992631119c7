/**
 * prometheus.yml checked by the real `promtool check config` (Debian's prometheus package): the homelab's, and
 * our verdict on each kind of mistake against promtool's, for the promtool that is installed. In CI a missing
 * promtool fails these tests; .ci/run installs it.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildProject } from '../../src/build/pipeline.js';
import { parseVersion } from '../../src/config/version.js';
import { emitPrometheusYml } from '../../src/prometheus/emit.js';
import { PROMETHEUS_OUT } from '../../src/prometheus/build.js';
import type { PrometheusYml, ScrapeConfig } from '../../src/prometheus/model.js';
import { validatePrometheusConfig } from '../../src/prometheus/validate.js';
import { cli, repoRoot, requireBinary, tempDir } from '../helpers.js';

const promtool = requireBinary('promtool');
const run = (args: readonly string[]) => spawnSync(promtool!, args, { encoding: 'utf8' });

const base: PrometheusYml = {
  global: { scrape_interval: '15s', evaluation_interval: '15s', external_labels: { monitor: 'homelab' } },
  scrape_configs: [{ job_name: 'node', static_configs: [{ targets: ['nas-01:9100'], labels: { instance: 'nas-01' } }] }],
};
const withJob = (extra: Partial<ScrapeConfig>): PrometheusYml => ({ ...base, scrape_configs: [{ ...base.scrape_configs[0]!, ...extra }] });

/** One per mistake validate.ts knows, and the correct file; each is judged by both. */
const CASES: Record<string, PrometheusYml> = {
  'the correct file': base,
  'a job timeout longer than its interval': withJob({ scrape_interval: '5s', scrape_timeout: '6s' }),
  'a global timeout longer than the interval': { ...base, global: { ...base.global, scrape_interval: '5s', scrape_timeout: '6s' } },
  'a job interval shorter than the default timeout, without a timeout': withJob({ scrape_interval: '5s' }),
  'two jobs of one name': { ...base, scrape_configs: [...base.scrape_configs, ...base.scrape_configs] },
  'a URL as a scrape target': withJob({ static_configs: [{ targets: ['http://nas-01:9100/metrics'] }] }),
  'an invalid duration': withJob({ scrape_interval: '1m30' as '1m' }),
  'an external label name outside the classic charset': { ...base, global: { ...base.global, external_labels: { 'data.center': 'x' } } },
  keep_dropped_targets: withJob({ keep_dropped_targets: 10 }),
  track_timestamps_staleness: withJob({ track_timestamps_staleness: true }),
  scrape_protocols: withJob({ scrape_protocols: ['OpenMetricsText1.0.0', 'PrometheusText0.0.4'] }),
  'a duplicated scrape protocol': withJob({ scrape_protocols: ['PrometheusText0.0.4', 'PrometheusText0.0.4'] }),
};

describe.skipIf(!promtool)('promtool check config', () => {
  const version = /version (\d+\.\d+\.\d+)/.exec(`${run(['--version']).stdout}${run(['--version']).stderr}`)?.[1] ?? '';

  it('accepts the homelab\'s prometheus.yml, with the rule files beside it', async () => {
    const out = path.join(tempDir(), 'out');
    const built = await buildProject(repoRoot, { outDir: out });
    expect(built.diagnostics).toEqual([]);
    const file = path.join(out, PROMETHEUS_OUT);
    const r = run(['check', 'config', file]);
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
    const ruleFiles = (parse(fs.readFileSync(file, 'utf8')) as { rule_files: string[] }).rule_files;
    expect(ruleFiles.length).toBeGreaterThan(0);
    expect(r.stdout).toContain(`SUCCESS: ${ruleFiles.length} rule files found`);
    for (const f of ruleFiles) expect(r.stdout).toContain(`Checking ${path.join(path.dirname(file), f)}`);
  });

  it('accepts the time-scaled test build', async () => {
    const out = path.join(tempDir(), 'out');
    await buildProject(repoRoot, { outDir: out }, { timeScale: { numerator: 1, denominator: 60 } });
    const r = run(['check', 'config', path.join(out, PROMETHEUS_OUT)]);
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
  });

  it(`agrees with our verdict on every kind of mistake, for the installed release`, () => {
    expect(version).toMatch(/^\d+\.\d+\.\d+$/);
    const dir = tempDir();
    const verdicts = Object.entries(CASES).map(([name, config]) => {
      const file = path.join(dir, `${name.replace(/\W+/g, '-')}.yml`);
      fs.writeFileSync(file, emitPrometheusYml(config, name));
      const theirs = run(['check', 'config', file]).status === 0;
      const ours = validatePrometheusConfig({ config, locate: () => undefined }, { prometheusVersion: parseVersion(version)! }).length === 0;
      return { name, theirs, ours };
    });
    expect(verdicts.map((v) => `${v.name}: ${v.ours}`)).toEqual(verdicts.map((v) => `${v.name}: ${v.theirs}`));
    // Not vacuous: both accept some and refuse some.
    expect(new Set(verdicts.map((v) => v.theirs))).toEqual(new Set([true, false]));
  });

  it('gives the verdict promforge check gives on prometheus.yml files written by hand', async () => {
    const dir = path.join(repoRoot, 'test/fixtures/prometheus');
    const files = fs.readdirSync(dir).filter((f) => f.endsWith('.yml')).sort();
    expect(files).toEqual(['bad-config.yml', 'bad-field.yml', 'good.yml', 'jobs.yml']);
    const verdicts = await Promise.all(files.map(async (f) => {
      const theirs = spawnSync(promtool!, ['check', 'config', f], { cwd: dir, encoding: 'utf8' }).status === 0;
      const ours = (await cli(['check', f], dir)).code === 0;
      return { f, theirs, ours };
    }));
    expect(verdicts.map((v) => `${v.f}: ${v.ours}`)).toEqual(verdicts.map((v) => `${v.f}: ${v.theirs}`));
  });
});
