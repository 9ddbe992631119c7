import { describe, expect, it } from 'vitest';
import { readRuleFile } from '../../src/rules/read.js';
import { formatDiagnostic } from '../../src/diagnostics.js';

const read = (text: string, ignoreUnknownFields = false) => readRuleFile(text, '/x/rules.yml', { ignoreUnknownFields });
const messages = (text: string, ignore = false) => read(text, ignore).diagnostics.map((d) => formatDiagnostic(d, '/x'));

describe('reading rule files', () => {
  it('reads groups and rules with the position of every field', () => {
    const r = read(`groups:
  - name: g
    interval: 30s
    limit: 10
    rules:
      - alert: A
        expr: |
          sum(x)
          > 1
        for: 5m
        labels: { severity: critical }
        annotations:
          summary: 'hi {{ $labels.instance }}'
      - record: job:x:sum
        expr: 1.10
`);
    expect(r.diagnostics).toEqual([]);
    const g = r.file!.groups[0]!;
    expect(g).toMatchObject({ name: 'g', interval: '30s', limit: 10 });
    const [a, rec] = g.rules;
    expect(a).toMatchObject({ kind: 'alert', alert: 'A', expr: 'sum(x)\n> 1\n', for: '5m', labels: { severity: 'critical' } });
    // Scalars stay as written, like yaml.v3 decoding into a string field.
    expect(rec).toMatchObject({ kind: 'record', record: 'job:x:sum', expr: '1.10' });
    expect(a!.origin.fields?.['for']).toEqual({ file: '/x/rules.yml', line: 10, column: 14 });
    expect(a!.origin.fields?.['annotations.summary']).toMatchObject({ line: 13, column: 20 });
    expect(a!.origin.scalars?.['expr']).toMatchObject({ start: { line: 7 }, blockIndent: 10 });
  });

  it('honours anchors, aliases and merge keys as yaml.v3 does', () => {
    const r = read(`groups:
  - name: g
    rules:
      - &base
        alert: A
        expr: up == 0
        labels: { severity: warning }
      - <<: *base
        alert: B
`);
    expect(r.file!.groups[0]!.rules.map((x) => [x.kind === 'alert' && x.alert, x.expr, x.labels])).toEqual([
      ['A', 'up == 0', { severity: 'warning' }],
      ['B', 'up == 0', { severity: 'warning' }],
    ]);
  });

  it('refuses fields a rule file does not have, in promtool\'s words, at the key', () => {
    expect(messages('groups:\n  - name: g\n    namespace: x\n    rules:\n      - alert: A\n        expr: up\n        annotation: {}\n')).toEqual([
      'rules.yml:3:5: field namespace not found in type rulefmt.RuleGroup',
      'rules.yml:7:9: field annotation not found in type rulefmt.Rule',
    ]);
    expect(messages('groups:\n  - name: g\n    namespace: x\n', true)).toEqual([]);
  });

  it('reports malformed durations and wrong shapes', () => {
    expect(messages('groups:\n  - name: g\n    interval: 5 minutes\n')).toEqual(['rules.yml:3:15: interval: not a valid duration string']);
    expect(messages('groups:\n  - name: g\n    rules: nope\n')).toEqual(['rules.yml:3:12: rules: expected a list']);
    expect(messages('groups: {}\n')).toEqual(['rules.yml:1:9: groups: expected a list']);
  });

  it('reports YAML syntax errors with their position', () => {
    expect(messages('groups:\n  - name: a\n    name: b\n')).toEqual(['rules.yml:3:5: Map keys must be unique']);
  });

  it('accepts an empty file, as promtool does', () => {
    expect(read('').file?.groups).toEqual([]);
    expect(read('# only a comment\n').file?.groups).toEqual([]);
  });

  it('keeps fields a recording rule must not have, for validation to name', () => {
    const r = read('groups:\n  - name: g\n    rules:\n      - record: r\n        expr: 1\n        for: 1m\n        alert: A\n');
    expect(r.file!.groups[0]!.rules[0]).toMatchObject({ kind: 'record', record: 'r', stray: { alert: 'A', for: '1m' } });
  });
});
