import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildProject } from '../../src/build/pipeline.js';
import {
  formatTimeScale, parseTimeScale, scaleAlertmanagerConfig, scaleDurationText, scaleMs, scalePromQL, scaleRuleFile, type TimeScale,
} from '../../src/build/time-scale.js';
import type { AlertmanagerConfig } from '../../src/alertmanager/model.js';
import type { Expr } from '../../src/promql/ast.js';
import { parsePromQL } from '../../src/promql/parse.js';
import type { RuleFile } from '../../src/rules/model.js';
import { cli, fixtureProject, readTree, tempDir } from '../helpers.js';

const scale = (text: string): TimeScale => {
  const parsed = parseTimeScale(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.scale;
};
const sixtieth = scale('1/60');

describe('parseTimeScale', () => {
  it.each([
    ['1/60', 1, 60],
    ['2/120', 1, 60],
    ['0.05', 1, 20],
    ['0.125', 1, 8],
    ['1', 1, 1],
    [' 3/4 ', 3, 4],
  ])('%s is %i/%i', (text, numerator, denominator) => {
    expect(parseTimeScale(text)).toEqual({ ok: true, scale: { numerator, denominator } });
  });

  it.each(['0', '0/5', '2', '3/2', '-1/60', '1/0', 'abc', '', '1e-2', '1/60s'])('refuses %j', (text) => {
    const parsed = parseTimeScale(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toContain('between 0 and 1');
  });

  it('formats as it parses', () => {
    expect(formatTimeScale(scale('2/120'))).toBe('1/60');
    expect(formatTimeScale(scale('1'))).toBe('1');
  });
});

describe('scaleMs', () => {
  it('divides exactly when the factor allows it', () => {
    expect(scaleMs(300_000, sixtieth)).toBe(5_000);
    expect(scaleMs(15_000, sixtieth)).toBe(250);
    expect(scaleMs(86_700_000, sixtieth)).toBe(1_445_000);
  });

  it('rounds to the nearest millisecond, halves away from zero', () => {
    expect(scaleMs(10_000, sixtieth)).toBe(167);
    expect(scaleMs(3, scale('1/2'))).toBe(2);
    expect(scaleMs(-3, scale('1/2'))).toBe(-2);
    expect(scaleMs(5, scale('1/2'))).toBe(3);
  });

  it('never turns a duration into zero, and keeps zero and the sign', () => {
    expect(scaleMs(1, sixtieth)).toBe(1);
    expect(scaleMs(0, sixtieth)).toBe(0);
    expect(scaleMs(-300_000, sixtieth)).toBe(-5_000);
  });

  it('is exact beyond 2^53 intermediate products', () => {
    // 10 years in ms times a large numerator overflows a double's integer range; BigInt keeps it exact.
    const tenYears = 315_360_000_000;
    expect(scaleMs(tenYears, scale('0.999999999'))).toBe(315_359_999_685);
  });
});

describe('scaleDurationText', () => {
  it.each([
    ['5m', '5s'],
    ['1d5m', '24m5s'],
    ['4h', '4m'],
    ['10s', '167ms'],
    ['1ms', '1ms'],
    ['0', '0'],
    ['0s', '0s'],
    ['not a duration', 'not a duration'],
  ])('%s → %s at 1/60', (text, expected) => {
    expect(scaleDurationText(text, sixtieth)).toBe(expected);
  });
});

/** Every range, step and offset of an expression, in ms, in source order: what the scaled text must mean. */
function durationsOf(expr: string, version = '3.5.0'): (number | undefined)[] {
  const parsed = parsePromQL(expr, { prometheusVersion: version });
  if (!parsed.ok) throw new Error(`${expr}: ${parsed.errors.map((e) => e.message).join('; ')}`);
  const out: { at: number; ms: number | undefined }[] = [];
  const walk = (e: Expr): void => {
    switch (e.kind) {
      case 'MatrixSelector':
        out.push({ at: e.range.expr.from, ms: e.range.ms });
        walk(e.selector);
        return;
      case 'VectorSelector':
        if (e.offset) out.push({ at: e.offset.expr.from, ms: e.offset.ms });
        return;
      case 'Subquery':
        for (const d of [e.range, e.step, e.offset]) if (d) out.push({ at: d.expr.from, ms: d.ms });
        walk(e.expr);
        return;
      case 'Call': e.args.forEach(walk); return;
      case 'Aggregate': if (e.param) walk(e.param); walk(e.expr); return;
      case 'Binary': walk(e.lhs); walk(e.rhs); return;
      case 'Unary': case 'Paren': walk(e.expr); return;
      default: return;
    }
  };
  walk(parsed.ast);
  return out.sort((a, b) => a.at - b.at).map((d) => d.ms);
}

describe('scalePromQL', () => {
  it.each([
    'rate(node_cpu_seconds_total{mode="idle"}[5m])',
    'max_over_time(nix_build_cache_check_timestamp[1d5m])',
    'absent_over_time(x[1d])',
    'present_over_time(up{job="b"}[1d] offset 1d)',
    'x offset 1h',
    'x offset -5m',
    'max_over_time(rate(x[5m])[30m:1m] offset 2m)',
    'max_over_time(x[5m:])',
    'sum by (le) (rate(h_bucket[1h])) / ignoring (le) group_left sum(rate(h_count[90s] offset 30s))',
  ])('%s: every range, step and offset is 1/60 of what it was', (expr) => {
    const scaled = scalePromQL(expr, sixtieth, { prometheusVersion: '3.5.0' });
    expect(scaled.unscaled).toEqual([]);
    expect(scaled.expr).not.toBe(expr);
    const before = durationsOf(expr);
    expect(durationsOf(scaled.expr)).toEqual(before.map((ms) => scaleMs(ms!, sixtieth)));
  });

  it('rewrites only the durations: layout, comments and numbers stay as written', () => {
    const expr = [
      '# seconds since the last check, not a duration: stays 1800',
      '(time() - nix_build_cache_check_timestamp > 1800)',
      'or',
      '(time() - max_over_time(nix_build_cache_check_timestamp[ 1d5m ]) unless nix_build_cache_check_timestamp)',
      'or absent_over_time(x[1d] @ 1700000000)',
    ].join('\n');
    expect(scalePromQL(expr, sixtieth).expr).toBe([
      '# seconds since the last check, not a duration: stays 1800',
      '(time() - nix_build_cache_check_timestamp > 1800)',
      'or',
      '(time() - max_over_time(nix_build_cache_check_timestamp[ 24m5s ]) unless nix_build_cache_check_timestamp)',
      'or absent_over_time(x[24m] @ 1700000000)',
    ].join('\n'));
  });

  it('leaves numbers alone even where Prometheus 3 lets them be written as durations', () => {
    const expr = 'time() - x > 30m and predict_linear(y[1h], 4 * 3600) < 0';
    expect(scalePromQL(expr, sixtieth).expr).toBe('time() - x > 30m and predict_linear(y[1m], 4 * 3600) < 0');
  });

  it('keeps a zero offset, and a range that rounds to nothing at one millisecond', () => {
    expect(scalePromQL('x offset 0s', sixtieth).expr).toBe('x offset 0s');
    expect(scalePromQL('rate(x[10ms])', sixtieth).expr).toBe('rate(x[1ms])');
  });

  it('evaluates constant duration arithmetic and reports what depends on the query', () => {
    const features = new Set(['promql-duration-expr'] as const);
    expect(scalePromQL('rate(x[5m * 2])', sixtieth, { prometheusVersion: '3.5.0', features }).expr).toBe('rate(x[10s])');
    const stepped = scalePromQL('rate(x[step() * 4])', sixtieth, { prometheusVersion: '3.6.0', features });
    expect(stepped).toEqual({ expr: 'rate(x[step() * 4])', unscaled: ['step() * 4'] });
  });

  it('returns an expression that does not parse unchanged', () => {
    expect(scalePromQL('rate(x[5m]', sixtieth)).toEqual({ expr: 'rate(x[5m]', unscaled: [] });
  });
});

describe('scaleRuleFile', () => {
  const at = { file: 'rules/x.ts', line: 3, column: 5 };
  const file: RuleFile = {
    source: 'rules/x.ts',
    groups: [{
      name: 'g', interval: '1m', query_offset: '30s', limit: 10, origin: { at },
      rules: [
        { kind: 'alert', alert: 'A', expr: 'rate(x[5m]) > 0', for: '10m', keep_firing_for: '5m', labels: { severity: 'warning' }, annotations: { summary: 'for 10 minutes' }, origin: { at } },
        { kind: 'alert', alert: 'B', expr: 'up == 0', labels: {}, annotations: {}, origin: { at } },
        { kind: 'record', record: 'job:x:rate1h', expr: 'rate(x[1h])', labels: {}, origin: { at } },
      ],
    }],
  };

  it('scales for, keep_firing_for, interval, query_offset and the expressions, and nothing else', () => {
    const scaled = scaleRuleFile(file, sixtieth);
    expect(scaled.diagnostics).toEqual([]);
    expect(scaled.file).toEqual({
      source: 'rules/x.ts',
      groups: [{
        name: 'g', interval: '1s', query_offset: '500ms', limit: 10, origin: { at },
        rules: [
          { kind: 'alert', alert: 'A', expr: 'rate(x[5s]) > 0', for: '10s', keep_firing_for: '5s', labels: { severity: 'warning' }, annotations: { summary: 'for 10 minutes' }, origin: { at } },
          { kind: 'alert', alert: 'B', expr: 'up == 0', labels: {}, annotations: {}, origin: { at } },
          { kind: 'record', record: 'job:x:rate1h', expr: 'rate(x[1m])', labels: {}, origin: { at } },
        ],
      }],
    });
  });

  it('warns, at the declaration, about durations it cannot scale', () => {
    const stepped: RuleFile = { ...file, groups: [{ ...file.groups[0]!, rules: [{ ...file.groups[0]!.rules[2]!, expr: 'rate(x[step() * 4])' }] }] };
    const scaled = scaleRuleFile(stepped, sixtieth, { prometheusVersion: '3.6.0', features: new Set(['promql-duration-expr']) });
    expect(scaled.diagnostics).toEqual([expect.objectContaining({
      severity: 'warning', at, subject: 'group "g", record job:x:rate1h', message: expect.stringContaining('"step() * 4"'),
    })]);
  });
});

describe('scaleAlertmanagerConfig', () => {
  it('scales every timer, and spells out the root defaults it scales', () => {
    const config: AlertmanagerConfig = {
      global: { smtp_from: 'a@example.org' },
      route: {
        receiver: 'r',
        routes: [
          { matchers: ['severity="critical"'], receiver: 'c', group_wait: '10s', repeat_interval: '1h' },
          { matchers: ['severity="warning"'], receiver: 'w', mute_time_intervals: ['night'] },
        ],
      },
      receivers: [{ name: 'r' }, { name: 'c' }, { name: 'w', webhook_configs: [{ url: 'http://x/w', timeout: '10s' }] }],
      time_intervals: [{ name: 'night', time_intervals: [{ times: [{ start_time: '22:00', end_time: '24:00' }] }] }],
    };
    expect(scaleAlertmanagerConfig(config, sixtieth)).toEqual({
      global: { smtp_from: 'a@example.org', resolve_timeout: '5s' },
      route: {
        receiver: 'r', group_wait: '500ms', group_interval: '5s', repeat_interval: '4m',
        routes: [
          { matchers: ['severity="critical"'], receiver: 'c', group_wait: '167ms', repeat_interval: '1m' },
          { matchers: ['severity="warning"'], receiver: 'w', mute_time_intervals: ['night'] },
        ],
      },
      // Receivers' own timeouts and wall-clock time intervals are not alerting timers.
      receivers: config.receivers,
      time_intervals: config.time_intervals,
    });
  });

  it('scales a declared resolve_timeout', () => {
    expect(scaleAlertmanagerConfig({ global: { resolve_timeout: '10m' } }, sixtieth).global).toEqual({ resolve_timeout: '10s' });
  });
});

describe('build --time-scale', () => {
  it('marks every file as a test build, and leaves out the rule tests and the NixOS JSON', async () => {
    const out = path.join(tempDir(), 'out');
    const built = await buildProject(fixtureProject('minimal'), { outDir: out }, { timeScale: sixtieth });
    expect(built.written).toBe(true);
    const tree = readTree(out);
    expect(Object.keys(tree)).toEqual(['prometheus/rules/example.yaml']);
    expect(tree['prometheus/rules/example.yaml']!.split('\n').slice(0, 3)).toEqual([
      '# TEST BUILD: every duration scaled by 1/60 (promforge build --time-scale 1/60).',
      '# For end-to-end tests only: never deploy this file.',
      '# Generated by promforge from rules/example.ts for Prometheus >= 2.42.0.',
    ]);
  });

  it('scales the homelab: rules, Alertmanager, no tests, no NixOS file', async () => {
    const out = path.join(tempDir(), 'out');
    const run = await cli(['build', '--time-scale', '1/60', '--out', out]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/TEST BUILD with durations scaled by 1\/60/);
    const tree = readTree(out);
    expect(Object.keys(tree).filter((f) => !f.startsWith('prometheus/rules/')).sort()).toEqual(['alertmanager/alertmanager.yml', 'prometheus/prometheus.yml']);
    for (const [name, text] of Object.entries(tree)) expect(text, name).toMatch(/^# TEST BUILD: /);
    expect(tree['prometheus/rules/nix-build-cache.yaml']).toContain('max_over_time(nix_build_cache_check_timestamp[24m5s])');
    expect(tree['prometheus/rules/nix-build-cache.yaml']).toContain('time() - nix_build_cache_check_timestamp > 1800');
    expect(tree['alertmanager/alertmanager.yml']).toMatch(/group_wait: 500ms\n\s+group_interval: 5s\n\s+repeat_interval: 4m/);
    expect(fs.existsSync(path.join(out, 'nixos'))).toBe(false);
  });

  it('is a usage error with a factor that does not shorten', async () => {
    const run = await cli(['build', '--time-scale', '60', '--out', path.join(tempDir(), 'out')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('promforge build: invalid time scale "60": expected a factor between 0 and 1, as a fraction (1/60) or a decimal (0.05)');
  });
});
