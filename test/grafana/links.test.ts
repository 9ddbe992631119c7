/** Alerts naming their dashboard: `dashboard:` becomes the `dashboard_url` annotation, checked against the dashboards. */
import path from 'node:path';
import { alert, record, ruleGroup } from 'promforge';
import { describe, expect, it } from 'vitest';
import { compileProject } from '../../src/build/pipeline.js';
import { formatDiagnostic } from '../../src/diagnostics.js';
import { lowerRulesModule, type LowerOptions } from '../../src/rules/declarations.js';
import { fixtureProject } from '../helpers.js';

const source = '/project/rules/x.ts';
const dashboards: LowerOptions['dashboards'] = new Map([
  ['system-overview', { variables: new Set(['job', 'instance']), panels: new Set([1, 2, 7]) }],
]);
const options: LowerOptions = { grafanaUrl: 'https://grafana.example', dashboards };

const lower = (link: unknown, opts: LowerOptions = options) => lowerRulesModule(source, ruleGroup('g', {
  rules: [alert('HostDown', { expr: 'up == 0', severity: 'critical', summary: 's', dashboard: link as never })],
}), opts);

const annotation = (l: ReturnType<typeof lower>): string | undefined => {
  const rule = l.file?.groups[0]?.rules[0];
  return rule?.kind === 'alert' ? rule.annotations['dashboard_url'] : undefined;
};

describe('dashboard links on alerts', () => {
  it('a uid, a panel and variables become <grafana.url>/d/<uid>?viewPanel=…&var-…=…, templates piped through urlquery', () => {
    expect(annotation(lower('system-overview'))).toBe('https://grafana.example/d/system-overview');
    const full = lower({ uid: 'system-overview', panel: 7, vars: { job: 'node', instance: '{{ $labels.instance }}' } });
    expect(full.diagnostics).toEqual([]);
    expect(annotation(full)).toBe('https://grafana.example/d/system-overview?viewPanel=7&var-job=node&var-instance={{ $labels.instance | urlquery }}');
    // A label value with & or # must not break the link: literals are escaped here, templates when rendered.
    const odd = lower({ uid: 'system-overview', vars: { job: 'a&b #1', instance: 'x-{{- $labels.instance -}}' } });
    expect(annotation(odd)).toBe('https://grafana.example/d/system-overview?var-job=a%26b+%231&var-instance=x-{{- $labels.instance | urlquery -}}');
    const control = lower({ uid: 'system-overview', vars: { instance: '{{ if $labels.instance }}{{ $labels.instance }}{{ end }}' } });
    expect(annotation(control)).toBe('https://grafana.example/d/system-overview?var-instance={{ if $labels.instance }}{{ $labels.instance | urlquery }}{{ end }}');
  });

  it('fails at the alert for a uid, panel or variable the dashboards do not have, with what they do have', () => {
    const uid = lower('system-overveiw');
    expect(uid.diagnostics.map((d) => [d.message, d.hint])).toEqual([['dashboard "system-overveiw" is not a dashboard of this project', 'did you mean "system-overview"?']]);
    expect(uid.diagnostics[0]!.at?.file).toBe(path.resolve(import.meta.dirname, 'links.test.ts'));
    expect(lower({ uid: 'system-overview', panel: 3 }).diagnostics.map((d) => d.message)).toEqual(['dashboard "system-overview" has no panel with id 3']);
    expect(lower({ uid: 'system-overview', vars: { host: 'x' } }).diagnostics.map((d) => d.message)).toEqual(['dashboard "system-overview" has no variable "host"']);
    expect(lower({ uid: '' }).diagnostics.map((d) => d.message)).toEqual([expect.stringMatching(/^dashboard must be a dashboard uid/)]);
  });

  it('fails without grafana.url, and when annotations set dashboard_url too', () => {
    expect(lower('system-overview', { dashboards }).diagnostics.map((d) => d.message))
      .toEqual(['dashboard "system-overview" needs Grafana\'s URL, and promforge.config.ts sets no grafana.url']);
    const both = lowerRulesModule(source, ruleGroup('g', {
      rules: [alert('HostDown', { expr: 'up == 0', severity: 'critical', summary: 's', dashboard: 'system-overview', annotations: { dashboard_url: 'x' } })],
    }), options);
    expect(both.diagnostics.map((d) => d.message)).toEqual(['annotations must not set "dashboard_url" when the dashboard field does']);
  });

  it('is not a field of recording rules', () => {
    const r = lowerRulesModule(source, ruleGroup('g', { rules: [record('a:b:c', { expr: 'up', dashboard: 'x' } as never)] }), options);
    expect(r.diagnostics.map((d) => d.message)).toEqual(['unknown field "dashboard"']);
  });

  it('the build resolves links against the project\'s own dashboards', async () => {
    const compiled = await compileProject(fixtureProject('grafana'));
    expect(compiled.diagnostics.filter((d) => d.severity === 'error').map((d) => formatDiagnostic(d))).toEqual([]);
    const rules = compiled.files.find((f) => f.path === 'prometheus/rules/targets.yaml')!.content;
    expect(rules).toContain('dashboard_url: https://grafana.example/d/nix-build-cache?var-job={{ $labels.job | urlquery }}&var-instance={{ $labels.instance | urlquery }}');
  });
});
