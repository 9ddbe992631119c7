import { describe, expect, it } from 'vitest';
import { compileProject } from '../../src/build/pipeline.js';
import { builtinCatalogs } from '../../src/catalog/index.js';
import { alertsTemplate, templateReads } from '../../src/lint/checks/alerts-template.js';
import { promqlDivision } from '../../src/lint/checks/promql-division.js';
import { promqlImpossible } from '../../src/lint/checks/promql-impossible.js';
import { promqlRegexp } from '../../src/lint/checks/promql-regexp.js';
import { lintRuleFiles } from '../../src/lint/run.js';
import { readRuleFile } from '../../src/rules/read.js';
import { repoRoot } from '../helpers.js';
import { brief, lintYaml } from './helpers.js';

const alert = (expr: string, description: string, labels = '') =>
  `groups:\n  - name: g\n    rules:\n      - alert: T\n        expr: ${JSON.stringify(expr)}\n        labels: { severity: warning${labels} }\n        annotations: { summary: s, description: ${JSON.stringify(description)} }\n`;
const run = (expr: string, description: string, labels = '') => lintYaml(alert(expr, description, labels), [alertsTemplate]);
const lint = (expr: string, description: string, labels = ''): string[] => brief(run(expr, description, labels));

describe('alerts/template: labels the expression never returns', () => {
  it('fires on a label an aggregation dropped, at the annotation, with the reason', () => {
    const ds = run('sum by (job) (up) == 0', 'down on {{ $labels.instance }}');
    expect(brief(ds)).toEqual([
      'alerts/template @7:49 annotation "description" uses $labels.instance, but the expression "sum by (job) (up) == 0" never returns instance (dropped by sum by (job) at 1:1)',
    ]);
    expect(ds[0]!.severity).toBe('error');
    expect(ds[0]!.hint).toBe("keep instance in the result (list it in the aggregation's by (...)), or drop it from the template");
  });

  it('finds .Labels, index, aliases and the dot of {{ with $labels }}', () => {
    for (const [tpl, written] of [['{{ .Labels.instance }}', '.Labels.instance'], ['{{ index $labels "instance" }}', 'index $labels "instance"'],
      ['{{ $l := $labels }}{{ $l.instance | toUpper }}', '$l.instance'], ['{{ with $labels }}{{ .instance }}{{ end }}', '.instance'],
      ['{{ $.Labels.instance }}', '$.Labels.instance'], ['{{ range $k, $v := $labels }}{{ $labels.instance }}{{ end }}', '$labels.instance']] as const) {
      expect(run('sum by (job) (up) == 0', tpl).map((d) => d.message.split(',')[0]), tpl).toEqual([`annotation "description" uses ${written}`]);
    }
  });

  it('suggests the label a typo meant, and explains labels the metric never had', () => {
    const ds = run('up == 0', '{{ $labels.instnace }}');
    expect(brief(ds)).toEqual([
      'alerts/template @7:49 annotation "description" uses $labels.instnace, but the expression "up == 0" never returns instnace (up has no label instnace in catalog prometheus (it has job, instance))',
    ]);
    expect(ds[0]!.hint).toBe('did you mean instance? The result carries instance');
  });

  it('checks rule labels too, and the metric name', () => {
    expect(lint('sum(up) == 0', 's', ', team: "{{ $labels.team }}"')).toEqual([
      'alerts/template @6:44 label "team" uses $labels.team, but the expression "sum(up) == 0" never returns team (up has no label team in catalog prometheus (it has job, instance))',
    ]);
    expect(lint('sum by (job) (up) == 0', '{{ $labels.team }}')[0]).toContain('never returns team (up has no label team');
    expect(lint('sum by (instance) (up) == 0', '{{ $labels.job }}')[0]).toContain('never returns job (dropped by sum by (instance) at 1:1)');
    expect(lint('rate(x_total[5m]) > 0', '{{ $labels.__name__ }}')[0]).toContain('never returns __name__ (dropped by rate() at 1:1)');
    expect(lint('up == 0', '{{ $labels.__name__ }}')).toEqual([]);
  });

  it('warns, rather than errs, when the expression may carry unknown labels', () => {
    const ds = run('sum without (instance) (uncatalogued_metric) > 0', '{{ $labels.instance }} {{ $labels.anything }}');
    expect(brief(ds)).toEqual([
      'alerts/template @7:49 annotation "description" uses $labels.instance, but the expression "sum without (instance) (uncatalogued_metric) > 0" never returns instance (dropped by sum without (instance) at 1:1)',
    ]);
    expect(ds[0]!.severity).toBe('warning');
  });

  it('is quiet on labels the expression returns, from by, joins and equality matchers', () => {
    for (const [expr, tpl] of [['up == 0', '{{ $labels.instance }} {{ $labels.job }}'], ['sum by (job) (up{job="node"}) == 0', '{{ $labels.job }}'],
      ['x * on (instance) group_left (name) y > 1', '{{ $labels.name }} {{ $labels.whatever }}'],
      ['sum by (job) (up) == 0', '{{ range query "up" }}{{ .Labels.instance }}{{ end }}'], ['sum(up) == 0', 'no template here']]) {
      expect(lint(expr!, tpl!), tpl).toEqual([]);
    }
  });

  it('skips templates that do not parse (validation reports them)', () => {
    expect(lint('sum(up) == 0', '{{ $labels.instance ')).toEqual([]);
    expect(templateReads('{{ if }}', 'T')).toBeUndefined();
  });
});

describe('alerts/template: labels only some series carry', () => {
  const union = 'up{job="node"} == 0 or absent(up{job="node"})';

  it('warns on an unguarded label an `or` branch lacks, naming the branch', () => {
    const ds = run(union, 'down: {{ $labels.instance }}');
    expect(brief(ds)).toEqual([
      'alerts/template @7:49 annotation "description" uses $labels.instance, but only some series of "up{job="node"} == 0 or absent(up{job="node"})" carry instance: "absent(up{job="node"})" never does (absent() at 1:24 outputs only the labels of its selector\'s equality matchers, not instance), and there it renders empty',
    ]);
    expect(ds[0]!.severity).toBe('warning');
    expect(ds[0]!.hint).toBe('guard it: {{ with $labels.instance }}… {{ . }} …{{ end }}, or {{ if $labels.instance }}…{{ else }}…{{ end }}');
  });

  it('is quiet when {{ if }} or {{ with }} guards the label', () => {
    for (const tpl of ['{{ if $labels.instance }}on {{ $labels.instance }}{{ else }}nowhere{{ end }}', '{{ with $labels.instance }}on {{ . }}{{ end }}',
      '{{ if and $labels.instance $labels.job }}{{ $labels.instance }}{{ end }}', '{{ if not $labels.instance }}nowhere{{ else }}{{ $labels.instance }}{{ end }}']) {
      expect(lint(union, tpl), tpl).toEqual([]);
    }
    expect(lint(union, '{{ if not $labels.instance }}{{ $labels.instance }}{{ end }}')).toHaveLength(1);
  });

  it('still errs on a guarded label that no series can carry', () => {
    expect(lint('sum by (job) (up) == 0', '{{ with $labels.instance }}{{ . }}{{ end }}')).toHaveLength(1);
  });
});

describe('alerts/template: $value', () => {
  it('warns on $value in a rule label', () => {
    const ds = run('up == 0', 's', ', value: "{{ $value }}"');
    expect(brief(ds)).toEqual([
      'alerts/template @6:45 label "value" uses $value: alerts are identified by their labels, so every change of the value makes a new alert and restarts its `for`',
    ]);
    expect(ds[0]!.hint).toBe('move the value to an annotation');
  });

  it('warns on printing the value of absent(), which is always 1', () => {
    expect(lint('absent(up{job="node"})', 'missing for {{ .Value }} jobs: {{ $labels.job }}')).toEqual([
      'alerts/template @7:49 annotation "description" prints .Value, but the expression is absent(...), whose value is always 1',
    ]);
    expect(lint('up == 0 or absent(up{job="node"})', '{{ $value }}')).toEqual([]);
  });
});

describe('the shipped homelab rules', () => {
  it('come out clean of promql/impossible, promql/regexp, promql/division and alerts/template', async () => {
    const compiled = await compileProject(repoRoot);
    const files = compiled.files.filter((f) => f.path.startsWith('prometheus/rules/')).map((f) => readRuleFile(f.content, f.path).file!);
    expect(files.length).toBeGreaterThan(0);
    expect(lintRuleFiles(files, { catalogs: builtinCatalogs, checks: [promqlImpossible, promqlRegexp, promqlDivision, alertsTemplate] })).toEqual([]);
  });
});
