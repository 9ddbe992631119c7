import { describe, expect, it } from 'vitest';
import {
  ALERTMANAGER_TEMPLATE_FUNCTIONS,
  alertmanagerTemplateFunctions,
  GO_BUILTIN_TEMPLATE_FUNCTIONS,
  PROMETHEUS_TEMPLATE_FUNCTIONS,
  prometheusTemplateFunctions,
} from '../../src/template/functions.js';
import { parseTemplate } from '../../src/template/parse.js';
import { atLeast, parseVersion } from '../../src/config/version.js';

describe('template function tables', () => {
  it('lists Go builtins', () => {
    expect([...GO_BUILTIN_TEMPLATE_FUNCTIONS].sort()).toEqual(
      ['and', 'call', 'eq', 'ge', 'gt', 'html', 'index', 'js', 'le', 'len', 'lt', 'ne', 'not', 'or', 'print', 'printf', 'println', 'slice', 'urlquery'].sort(),
    );
  });

  it('lists the Prometheus rule-template functions without duplicates', () => {
    const names = PROMETHEUS_TEMPLATE_FUNCTIONS.map((f) => f.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toHaveLength(29);
    expect(names).toEqual(expect.arrayContaining(['query', 'humanize', 'humanizePercentage', 'stripDomain', 'toTime', 'urlQueryEscape']));
    expect(names).not.toContain('tmpl');
  });

  it('records when post-2.42 Prometheus functions appeared', () => {
    const newer = PROMETHEUS_TEMPLATE_FUNCTIONS.filter((f) => f.since && !atLeast(parseVersion('2.42')!, f.since));
    expect(newer).toEqual([
      { name: 'toDuration', since: '3.6.0' },
      { name: 'now', since: '3.6.0' },
      { name: 'urlQueryEscape', since: '3.8.0' },
    ]);
  });

  it('selects functions by version', () => {
    expect(prometheusTemplateFunctions().has('now')).toBe(true);
    expect(prometheusTemplateFunctions('2.42').has('now')).toBe(false);
    expect(prometheusTemplateFunctions('2.42').has('toTime')).toBe(true);
    expect(prometheusTemplateFunctions('2.32').has('stripPort')).toBe(false);
    expect(prometheusTemplateFunctions('2.0').size).toBe(PROMETHEUS_TEMPLATE_FUNCTIONS.length - 8);
  });

  it('lists Alertmanager notification functions with versions', () => {
    const names = ALERTMANAGER_TEMPLATE_FUNCTIONS.map((f) => f.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(
      expect.arrayContaining(['toUpper', 'toLower', 'title', 'trimSpace', 'join', 'match', 'safeHtml', 'safeUrl', 'urlUnescape', 'reReplaceAll', 'stringSlice', 'date', 'tz', 'since', 'humanizeDuration']),
    );
    expect(alertmanagerTemplateFunctions('0.27').has('date')).toBe(false);
    expect(alertmanagerTemplateFunctions('0.28.0').has('date')).toBe(true);
    expect(alertmanagerTemplateFunctions().has('toJson')).toBe(true);
  });

  it('plugs into the parser', () => {
    const am = parseTemplate('{{ range .Alerts }}{{ .Labels.alertname | toUpper }} {{ .StartsAt | since | humanizeDuration }}{{ end }}', {
      funcs: alertmanagerTemplateFunctions(),
    });
    expect(am.ok).toBe(true);
  });

  it('refuses a version it cannot read', () => {
    expect(() => prometheusTemplateFunctions('three')).toThrow(/invalid version "three"/);
  });
});
