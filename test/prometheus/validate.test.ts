/** prometheus.yml as Prometheus loads it, for the target release. */
import { describe, expect, it } from 'vitest';
import { host, hostManifest, job } from 'promforge';
import { formatDiagnostic } from '../../src/diagnostics.js';
import { checkPrometheusYmlText } from '../../src/prometheus/build.js';
import { toPrometheusDocument } from '../../src/prometheus/emit.js';
import { validatePrometheusConfig } from '../../src/prometheus/validate.js';
import { lower, OPTIONS, v } from './helpers.js';

const check = (declaration: unknown, version = '2.42', options: Partial<typeof OPTIONS> = {}): string[] =>
  validatePrometheusConfig(toPrometheusDocument(lower(declaration), { ...OPTIONS, ...options }), { prometheusVersion: v(version) })
    .map((d) => `${d.subject}: ${d.message}`);

const checkText = (config: unknown, version = '3.5'): string[] =>
  checkPrometheusYmlText(JSON.stringify(config, null, 1), '/p/prometheus.yml', { prometheusVersion: v(version) }).diagnostics.map((d) => formatDiagnostic(d, '/p'));

describe('validatePrometheusConfig', () => {
  it('accepts a plain manifest', () => {
    expect(check(hostManifest({ hosts: [host('a', { runs: ['node'] })] }))).toEqual([]);
  });

  it('refuses a scrape timeout longer than the interval, counting the global default', () => {
    expect(check(hostManifest({ hosts: [host('a', { runs: ['node'] })], jobs: [job('node', { scrape_interval: '5s', scrape_timeout: '6s' })] }))).toEqual([
      'scrape_configs[0].scrape_timeout: scrape timeout greater than scrape interval for scrape config with job name "node"',
    ]);
    // Without a timeout of its own, a job gets min(10s, its interval): fine at 5s.
    expect(check(hostManifest({ hosts: [host('a', { runs: ['node'] })], jobs: [job('node', { scrape_interval: '5s' })] }))).toEqual([]);
  });

  it('refuses durations Prometheus does not read', () => {
    expect(check(hostManifest({ hosts: [host('a', { runs: ['node'] })], jobs: [job('node', { scrape_interval: '1m30' as '1m' })] }))).toEqual([
      'scrape_configs[0].scrape_interval: not a valid duration string: "1m30"',
    ]);
  });

  it('refuses fields newer than the target, and takes them for a target that has them', () => {
    const m = hostManifest({
      hosts: [host('a', { runs: ['node'] })],
      jobs: [job('node', { scrape_protocols: ['PrometheusText1.0.0'], keep_dropped_targets: 10, track_timestamps_staleness: true })],
    });
    expect(check(m, '2.42')).toEqual([
      'scrape_configs[0].keep_dropped_targets: keep_dropped_targets needs Prometheus 2.47.0 or later, but the target is 2.42.0',
      'scrape_configs[0].track_timestamps_staleness: track_timestamps_staleness needs Prometheus 2.48.0 or later, but the target is 2.42.0',
      'scrape_configs[0].scrape_protocols: scrape_protocols needs Prometheus 2.49.0 or later, but the target is 2.42.0',
    ]);
    expect(check(m, '2.49')).toEqual([
      'scrape_configs[0].scrape_protocols: scrape protocol PrometheusText1.0.0 needs Prometheus 3.0.0 or later, but the target is 2.49.0',
    ]);
    expect(check(m, '3.0')).toEqual([]);
  });

  it('judges label names by the target\'s charset', () => {
    const m = hostManifest({ external_labels: { 'data.center': 'x' }, hosts: [host('a', { runs: ['node'] })] });
    expect(check(m, '2.42')).toEqual([
      'global.external_labels.data.center: "data.center" is not a valid label name for Prometheus 2.42.0 (letters, digits and _, not starting with a digit)',
    ]);
    expect(check(m, '3.0')).toEqual([]);
  });

  it('reads a written file back with positions, as the build verifies its output', () => {
    const config = toPrometheusDocument(lower(hostManifest({ hosts: [host('a', { runs: ['node'] })] })), OPTIONS).config;
    expect(checkText(config)).toEqual([]);
    const twice = { ...config, scrape_configs: [...config.scrape_configs, ...config.scrape_configs] };
    expect(checkText(twice)).toEqual([expect.stringMatching(/^prometheus\.yml:\d+:\d+: scrape_configs\[1\]\.job_name: found multiple scrape configs with job name "node"$/)]);
    const url = { ...config, scrape_configs: [{ job_name: 'x', static_configs: [{ targets: ['http://a:1/metrics'] }] }] };
    expect(checkText(url)).toEqual([expect.stringMatching(/"http:\/\/a:1\/metrics" is not a valid hostname$/)]);
    expect(checkText({ ...config, global: { ...config.global, scrape_intervall: '1m' } })).toEqual([
      expect.stringMatching(/field scrape_intervall not found in type config\.GlobalConfig$/),
    ]);
  });
});
