import { describe, expect, it } from 'vitest';
import { alert, record, ruleGroup } from 'promforge';

describe('rules API', () => {
  it('records what was declared and where, without validating', () => {
    const g = ruleGroup('nix', {
      interval: '1m',
      rules: [
        alert('NixCacheNotAccessible', { expr: 'nix_cache_info_accessible == 0', for: '5m', severity: 'critical', summary: 's' }),
        record('job:up:sum', { expr: 'sum by (job) (up)' }),
      ],
    });
    expect(g.kind).toBe('group');
    expect(g.spec.rules.map((r) => [r.kind, r.name])).toEqual([
      ['alert', 'NixCacheNotAccessible'],
      ['record', 'job:up:sum'],
    ]);
    // The call sites in this file, so errors can point at the declaration's line.
    expect(g.at?.file).toBe(new URL(import.meta.url).pathname);
    const [a, r] = g.spec.rules;
    expect(a?.at?.line).toBe(g.at!.line + 3);
    expect(r?.at?.line).toBe(g.at!.line + 4);
  });

  it('makes wrong declarations fail to compile (checked by tsc in npm test)', () => {
    const base = { expr: 'up == 0', summary: 's' } as const;
    // @ts-expect-error alert names are CamelCase
    alert('instanceDown', { ...base, severity: 'critical' });
    // @ts-expect-error no separators in alert names
    alert('Instance_Down', { ...base, severity: 'critical' });
    // @ts-expect-error severity is critical | warning | info
    alert('InstanceDown', { ...base, severity: 'page' });
    // @ts-expect-error severity has its own field
    alert('InstanceDown', { ...base, severity: 'critical', labels: { severity: 'critical' } });
    // @ts-expect-error durations are Prometheus durations
    alert('InstanceDown', { ...base, severity: 'critical', for: '5 minutes' });
    // @ts-expect-error recording rules have no `for`
    record('job:up:sum', { expr: 'up', for: '5m' });
    // @ts-expect-error summary is required
    alert('InstanceDown', { expr: 'up == 0', severity: 'critical' });
    ruleGroup('g', {
      // @ts-expect-error unknown group field
      label: { team: 'x' },
      rules: [],
    });
    // Names computed at run time compile and are checked at build time instead.
    const dynamic: string = 'Instance' + 'Down';
    expect(alert(dynamic, { ...base, severity: 'info' }).name).toBe('InstanceDown');
  });
});
