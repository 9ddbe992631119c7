import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { formatTemplateError } from '../../src/template/parse.js';
import { conformance } from '../helpers.js';
import {
  checkRuleTemplate,
  expandRuleTemplate,
  parseRuleTemplate,
  RULE_TEMPLATE_HEADER,
  ruleTemplateData,
  ruleTemplateName,
} from '../../src/template/prometheus.js';

describe('checkRuleTemplate', () => {
  it.each([
    '{{ $labels.instance }}',
    '{{ $value | humanize }}',
    '{{ printf "%.2f" $value }}',
    '{{ range query "up" }}{{ .Labels.instance }}{{ end }}',
    '{{ $.labels.service }}',
    '{{ if gt $value 80.0 }}hot{{ end }}',
    '{{ $externalLabels.cluster }} {{ $externalURL }}',
    '{{ with query "up" }}{{ . | first | value | humanizePercentage }}{{ end }}',
    '{{ reReplaceAll "(.*):.*" "$1" $labels.instance | toUpper }}',
    '{{ range $i, $s := query "up" | sortByLabel "job" }}{{ $i }}={{ label "job" $s }}{{ end }}',
    '{{- /* comment */ -}}\n{{ humanizeDuration 3600 }} {{ humanize1024 2048 }} {{ humanizeTimestamp 0 }}',
    '{{ stripPort $labels.instance }} {{ stripDomain $labels.instance }} {{ parseDuration "1m" }} {{ toTime 0 }}',
    '{{ graphLink "up" }} {{ tableLink "up" }} {{ pathPrefix }} {{ externalURL }} {{ title "a" }} {{ safeHtml "<b>" }}',
    '{{ args 1 2 }} {{ strvalue (query "up" | first) }} {{ match "a" "b" }} {{ toLower "A" }}',
    'plain text, no actions',
    '',
  ])('accepts %j', (text) => {
    expect(checkRuleTemplate(text, 'HighLoad')).toBeUndefined();
  });

  it('reports an undefined variable relative to the user text', () => {
    expect(checkRuleTemplate('{{ $label.foo }}', 'X')).toEqual({ message: 'undefined variable "$label"', line: 1, column: 4, offset: 3 });
    expect(checkRuleTemplate('Instance {{ $label.foo }} down', 'X')).toEqual({
      message: 'undefined variable "$label"',
      line: 1,
      column: 13,
      offset: 12,
    });
  });

  it('reports unknown functions', () => {
    expect(checkRuleTemplate('{{ humanizeXYZ $value }}', 'X')).toEqual({
      message: 'function "humanizeXYZ" not defined',
      line: 1,
      column: 4,
      offset: 3,
    });
  });

  it('reports errors on later lines with the user text line and column', () => {
    const text = 'first line\nsecond {{ $labels.job }}\nthird {{ if $value }}{{ .Foo | nope }}{{ end }}';
    expect(checkRuleTemplate(text, 'X')).toEqual({ message: 'function "nope" not defined', line: 3, column: 32, offset: 67 });
    expect(checkRuleTemplate('a\nb\n  {{ end }}', 'X')).toMatchObject({ message: 'unexpected {{end}}', line: 3, column: 6 });
    expect(checkRuleTemplate('a\n{{ if $value }}\nb', 'X')).toMatchObject({ message: 'unexpected EOF', line: 3, column: 2 });
  });

  it('does not leak the header variables into {{define}} bodies (as in Prometheus)', () => {
    expect(checkRuleTemplate('{{ define "x" }}{{ $labels }}{{ end }}', 'X')?.message).toBe('undefined variable "$labels"');
  });

  it('rejects console-only functions', () => {
    expect(checkRuleTemplate('{{ tmpl "x" . }}', 'X')?.message).toBe('function "tmpl" not defined');
  });

  it('rejects functions newer than the target Prometheus version', () => {
    expect(checkRuleTemplate('{{ now }}', 'X')).toBeUndefined();
    expect(checkRuleTemplate('{{ now }}', 'X', { prometheusVersion: '2.42' })?.message).toBe('function "now" not defined');
    expect(checkRuleTemplate('{{ 5 | toDuration }}', 'X', { prometheusVersion: '3.5.0' })?.message).toBe('function "toDuration" not defined');
    expect(checkRuleTemplate('{{ 5 | toDuration }}', 'X', { prometheusVersion: 'v3.6.0' })).toBeUndefined();
    expect(checkRuleTemplate('{{ urlQueryEscape "a b" }}', 'X', { prometheusVersion: '3.7' })?.message).toBe('function "urlQueryEscape" not defined');
    expect(checkRuleTemplate('{{ urlQueryEscape "a b" }}', 'X', { prometheusVersion: '3.8.0-rc.0' })).toBeUndefined();
    expect(checkRuleTemplate('{{ toTime 0 }}', 'X', { prometheusVersion: '2.37' })?.message).toBe('function "toTime" not defined');
    expect(checkRuleTemplate('{{ toTime 0 }}', 'X', { prometheusVersion: '2.42' })).toBeUndefined();
  });

  it('rejects malformed versions', () => {
    expect(() => checkRuleTemplate('', 'X', { prometheusVersion: 'latest' })).toThrow(/invalid version/);
  });

  it('formats like promtool when given the rule template name', () => {
    const error = checkRuleTemplate('{{ $label.foo }}', 'InstanceDown');
    expect(error && formatTemplateError(error, ruleTemplateName('InstanceDown'))).toBe(
      'template: __alert_InstanceDown:1: undefined variable "$label"',
    );
  });

  it('returns a tree that includes the variable declarations for execution', () => {
    const result = parseRuleTemplate('{{ $value }}', 'X');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.tree.name).toBe('__alert_X');
    expect(result.tree.text).toBe(`${RULE_TEMPLATE_HEADER}{{ $value }}`);
    expect(result.tree.root.nodes.map((n) => (n.type === 'action' ? n.pipe.decl.map((d) => d.ident[0]).join() : n.type))).toEqual([
      '$labels',
      '$externalLabels',
      '$externalURL',
      '$value',
      '',
    ]);
  });

  it('builds the data shape rule templates are executed against', () => {
    expect(ruleTemplateData({ instance: 'a:9100' }, { cluster: 'eu' }, 'http://prom', 0.5)).toEqual({
      Labels: { instance: 'a:9100' },
      ExternalLabels: { cluster: 'eu' },
      ExternalURL: 'http://prom',
      Value: 0.5,
    });
  });
});

// ---- promtool fixtures ----------------------------------------------------

const FIXTURE_DIRS = [conformance('promtool'), conformance('promtool/rulefmt')];

interface TemplateSite {
  readonly file: string;
  readonly rule: string;
  readonly alerting: boolean;
  readonly where: string;
  readonly text: string;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Every labels/annotations value of every rule in a rule file's groups. */
function templateSites(file: string, doc: unknown): TemplateSite[] {
  if (!isRecord(doc) || !Array.isArray(doc.groups)) return [];
  const sites: TemplateSite[] = [];
  for (const group of doc.groups) {
    if (!isRecord(group) || !Array.isArray(group.rules)) continue;
    for (const rule of group.rules) {
      if (!isRecord(rule)) continue;
      const alerting = typeof rule.alert === 'string';
      const name = String(rule.alert ?? rule.record ?? '');
      for (const kind of ['labels', 'annotations'] as const) {
        const values = rule[kind];
        if (!isRecord(values)) continue;
        for (const [key, text] of Object.entries(values)) {
          if (typeof text === 'string') sites.push({ file, rule: name, alerting, where: `${kind}.${key}`, text });
        }
      }
    }
  }
  return sites;
}

function loadFixtureSites(): TemplateSite[] {
  return FIXTURE_DIRS.flatMap((dir) =>
    readdirSync(dir)
      .filter((f) => /\.ya?ml$/.test(f))
      .sort()
      .flatMap((f) => templateSites(f, parseYaml(readFileSync(join(dir, f), 'utf8')))),
  );
}

describe('promtool fixture rule files', () => {
  const sites = loadFixtureSites();

  it('finds the alerting-rule templates (and the recording-rule labels)', () => {
    expect(sites.filter((s) => s.alerting).length).toBeGreaterThanOrEqual(30);
    expect(sites.some((s) => s.text.includes('$.labels.service'))).toBe(true);
    expect(sites.length).toBeGreaterThan(10_000);
  });

  it('parses every labels/annotations value except the $label typo in rules-bad.yml', () => {
    const failures = sites.flatMap((s) => {
      const error = checkRuleTemplate(s.text, s.rule);
      return error ? [{ file: s.file, rule: s.rule, where: s.where, ...error }] : [];
    });
    expect(failures).toEqual([
      {
        file: 'rules-bad.yml',
        rule: 'InstanceDown',
        where: 'annotations.summary',
        message: 'undefined variable "$label"',
        line: 1,
        column: 13,
        offset: 12,
      },
    ]);
  });
});

describe('parsed templates are shared between alerts', () => {
  it('names each parse after its own alert, in the tree and in execution errors', () => {
    const text = '{{ $labels.instance }} is {{ index $labels 1 }}';
    const a = parseRuleTemplate(text, 'First');
    const b = parseRuleTemplate(text, 'Second');
    if (!a.ok || !b.ok) throw new Error('expected both to parse');
    expect(b.tree.root).toBe(a.tree.root); // parsed once
    expect([a.tree.name, [...a.tree.templates.keys()]]).toEqual(['__alert_First', ['__alert_First']]);
    expect([b.tree.name, [...b.tree.templates.keys()]]).toEqual(['__alert_Second', ['__alert_Second']]);
    const data = ruleTemplateData({ instance: 'a:1' }, {}, '', 1);
    const err = expandRuleTemplate(text, 'Second', data);
    expect(err.ok).toBe(false);
    expect(err.ok ? '' : err.error.message).toMatch(/^error executing template __alert_Second: template: __alert_Second:1:/);
  });

  it('does not share a template that defines others: its tree set holds the alert\'s name', () => {
    const text = '{{ define "helper" }}x{{ end }}{{ template "helper" }}';
    const a = parseRuleTemplate(text, 'One');
    const b = parseRuleTemplate(text, 'Two');
    if (!a.ok || !b.ok) throw new Error('expected both to parse');
    expect(b.tree.root).not.toBe(a.tree.root);
    expect([...a.tree.templates.keys()].sort()).toEqual(['__alert_One', 'helper']);
    expect([...b.tree.templates.keys()].sort()).toEqual(['__alert_Two', 'helper']);
  });
});
