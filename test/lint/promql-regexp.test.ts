import { describe, expect, it } from 'vitest';
import { patternShape, promqlRegexp } from '../../src/lint/checks/promql-regexp.js';
import { alertYaml, brief, lintYaml } from './helpers.js';

const run = (expr: string) => lintYaml(alertYaml(expr), [promqlRegexp]);
const lint = (expr: string): string[] => brief(run(expr));

describe('promql/regexp', () => {
  it('fires on a regex that is a plain string, at the matcher, suggesting = or !=', () => {
    const ds = run('up{job=~"node"} == 0');
    expect(brief(ds)).toEqual(['promql/regexp @5:19 job=~"node" is job="node" written as a regex']);
    expect(ds[0]!.severity).toBe('warning');
    expect(ds[0]!.hint).toBe('use job="node": it says what it means and skips the regex engine');
    expect(run('up{job!~"node"}')[0]!.hint).toBe('use job!="node": it says what it means and skips the regex engine');
    expect(lint('rate(x{instance=~"10\\\\.0\\\\.0\\\\.1:9100"}[5m])')).toEqual([
      'promql/regexp @5:23 instance=~"10\\\\.0\\\\.0\\\\.1:9100" is instance="10.0.0.1:9100" written as a regex',
    ]);
  });

  it('fires on anchors Prometheus adds anyway', () => {
    expect(lint('up{job=~"^node$"} == 0')).toEqual([
      'promql/regexp @5:19 job=~"^node$" is job="node" written as a regex (Prometheus anchors every regex at both ends already)',
    ]);
    const ds = run('up{job=~"^node.*"}');
    expect(brief(ds)).toEqual(['promql/regexp @5:19 job=~"^node.*": Prometheus anchors every regex at both ends already, so ^ and $ here are redundant']);
    expect(ds[0]!.hint).toBe('use job=~"node.*"');
    expect(run('up{job=~"a|b$"}')[0]!.hint).toBe('use job=~"a|b"');
  });

  it('fires on =~".*", which filters nothing, and on !~".+", which is =""', () => {
    const all = run('up{job=~".*", instance="a"}');
    expect(brief(all)).toEqual(['promql/regexp @5:19 job=~".*" matches every value, a missing label included: it filters nothing']);
    expect(all[0]!.hint).toBe('remove job=~".*"; to require the label, use job!=""');
    expect(lint('up{job!~".+"}')).toEqual(['promql/regexp @5:19 job!~".+" only keeps series without job: that is job=""']);
  });

  it('reports every matcher at its own position', () => {
    expect(lint('up{job=~"a"} / on (instance) up{job=~"b"}').map((l) => l.split(' ')[1])).toEqual(['@5:19', '@5:48']);
  });

  it('is quiet on real patterns, flags and escaped anchors', () => {
    for (const expr of ['up{job=~"a|b"}', 'up{job=~".+"}', 'up{job=~"(?i)node"}', 'up{job=~"node-(a|b)"}', 'up{job=~"[$]"}',
      'up{instance=~"nix-cache02[.:].*"}', 'up{job=~"a\\\\d"}', 'up{job="node"}', 'up{job!~"tmpfs|overlay"}']) {
      expect(lint(expr), expr).toEqual([]);
    }
  });

  it('reads the shape of a pattern', () => {
    expect(patternShape('^a|b$')).toMatchObject({ anchored: true, unanchored: 'a|b', literals: ['a', 'b'] });
    expect(patternShape('a\\$')).toMatchObject({ anchored: false, literals: ['a$'] });
    expect(patternShape('(a|b)')?.literals).toBeUndefined();
    expect(patternShape('[|]x')).toMatchObject({ anchored: false });
    expect(patternShape('.*')).toMatchObject({ matchesAll: true });
    expect(patternShape('(')).toBeUndefined();
  });
});
