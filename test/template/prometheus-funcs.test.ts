import { describe, expect, it } from 'vitest';
import { executeTemplate } from '../../src/template/exec.js';
import { prometheusTemplateFunctions } from '../../src/template/functions.js';
import { parseTemplate } from '../../src/template/parse.js';
import {
  casesTitle,
  humanize,
  humanize1024,
  humanizeDuration,
  humanizePercentage,
  humanizeTimestamp,
  isIP,
  matchString,
  prometheusFuncs,
  reReplaceAll,
  splitHostPort,
  stringsTitle,
  stripDomain,
  stripPort,
  toLower,
  toUpper,
  urlPath,
  type QuerySample,
} from '../../src/template/prometheus-funcs.js';
import { expandRuleTemplate, renderAlertTemplate, ruleTemplateData } from '../../src/template/prometheus.js';
import { FLOAT64, INT, INT64, STRING, UINT, UINT64, goFloat, goInt, goSlice, goString, goUint, type GoType, type GoValue } from '../../src/template/values.js';

const MAX_INT64 = (1n << 63n) - 1n;
const MIN_INT64 = -(1n << 63n);
const MAX_UINT64 = (1n << 64n) - 1n;

const floats = (...xs: number[]): GoValue => goSlice(FLOAT64, xs.map((x) => goFloat(x)));
const strings = (...xs: string[]): GoValue => goSlice(STRING, xs.map((x) => goString(x)));
const ints = (t: GoType, ...xs: (number | bigint)[]): GoValue => goSlice(t, xs.map((x) => goInt(x, t)));
const uints = (t: GoType, ...xs: (number | bigint)[]): GoValue => goSlice(t, xs.map((x) => goUint(x, t)));

/** Prometheus' own expander test harness: name "test", time 1353755652000, that external URL. */
function expand(text: string, input?: GoValue, queryResult: QuerySample[] = [], version?: string): { output?: string; error?: string } {
  const funcNames = prometheusTemplateFunctions(version);
  const parsed = parseTemplate(text, { name: 'test', funcs: funcNames });
  if (!parsed.ok) return { error: `error parsing template test: template: test:${parsed.error.line}: ${parsed.error.message}` };
  const funcs = prometheusFuncs({
    query: () => queryResult,
    timestamp: 1353755652000,
    externalURL: 'http://testhost:9090/path/prefix',
    ...(version ? { prometheusVersion: version } : {}),
  });
  const r = executeTemplate(parsed.tree, input, { funcs, missingKey: 'zero' });
  return r.ok ? { output: r.output } : { error: `error executing template test: ${r.error.message}` };
}

const metric = (labels: Record<string, string>, value: number): QuerySample => ({ labels: { __name__: 'metric', ...labels }, value });

interface Case {
  readonly text: string;
  readonly input?: GoValue;
  readonly query?: QuerySample[];
  readonly output?: string;
  readonly error?: string;
}

// The scenarios of Prometheus' TestTemplateExpansion that text templates cover (HTML mode and
// native histograms aside), with Prometheus' expected outputs and error texts.
const CASES: readonly Case[] = [
  { text: 'plain text', output: 'plain text' },
  { text: '{{ 1 }}', output: '1' },
  { text: '{{ "<b>" }}', output: '<b>' },
  { text: '{{define "x"}}{{.arg0}} {{.arg1}}{{end}}{{template "x" (args 1 "2")}}', output: '1 2' },
  { text: '{{ query "1.5" | first | value }}', query: [{ labels: {}, value: 1.5 }], output: '1.5' },
  { text: `{{ query "metric{instance='a'}" | first | value }}`, query: [metric({ instance: 'a' }, 11)], output: '11' },
  { text: `{{ query "metric{instance='a'}" | first | label "instance" }}`, query: [metric({ instance: 'a' }, 11)], output: 'a' },
  { text: `{{ query "metric{__value__='a'}" | first | strvalue }}`, query: [metric({ __value__: 'a' }, 11)], output: 'a' },
  { text: `{{ query "metric{instance='a'}" | first | label "foo" }}`, query: [metric({ instance: 'a' }, 11)], output: '' },
  { text: '{{ $x := query "metric" | first }}{{ $x.Labels.foo }}', query: [metric({ instance: 'a' }, 11)], output: '' },
  {
    text: '{{ range query "metric" | sortByLabel "instance" }}{{.Labels.instance}}:{{.Value}}: {{end}}',
    query: [metric({ instance: 'b' }, 21), metric({ instance: 'a' }, 11)],
    output: 'a:11: b:21: ',
  },
  { text: '{{ "foo.example.com" | stripPort }}', output: 'foo.example.com' },
  { text: '{{ "foo.example.com:12345" | stripPort }}', output: 'foo.example.com' },
  { text: '{{ "192.0.2.1" | stripPort }}', output: '192.0.2.1' },
  { text: '{{ "192.0.2.1:12345" | stripPort }}', output: '192.0.2.1' },
  { text: '{{ "2001:0DB8::1" | stripPort }}', output: '2001:0DB8::1' },
  { text: '{{ "[2001:0DB8::1]:12345" | stripPort }}', output: '2001:0DB8::1' },
  { text: '{{ "[2001:0DB8::1]::12345" | stripPort }}', output: '[2001:0DB8::1]::12345' },
  { text: '{{ .Foo }}', output: '<no value>' },
  { text: '{{ query "missing" | first }}', error: 'error executing template test: template: test:1:21: executing "test" at <first>: error calling first: first() called on vector with no elements' },
  {
    text: '{{ (query "missing").banana }}',
    error: 'error executing template test: template: test:1:10: executing "test" at <"missing">: can\'t evaluate field banana in type template.queryResult',
  },
  { text: '{{ reReplaceAll "(a)b" "x$1" "ab" }}', output: 'xa' },
  { text: '{{ range . }}{{ humanize . }}:{{ end }}', input: floats(0, 1, 1234567, 0.12), output: '0:1:1.235M:120m:' },
  { text: '{{ range . }}{{ humanize . }}:{{ end }}', input: strings('0.0', '1.0', '1234567.0', '.12'), output: '0:1:1.235M:120m:' },
  {
    text: '{{ humanize "one" }}',
    error: 'error executing template test: template: test:1:3: executing "test" at <humanize "one">: error calling humanize: strconv.ParseFloat: parsing "one": invalid syntax',
  },
  { text: '{{ range . }}{{ humanize . }}:{{ end }}', input: ints(INT64, 0, -1, 1, 1234567, MAX_INT64), output: '0:-1:1:1.235M:9.223E:' },
  { text: '{{ range . }}{{ humanize . }}:{{ end }}', input: uints(UINT64, 0, 1, 1234567, MAX_UINT64), output: '0:1:1.235M:18.45E:' },
  { text: '{{ range . }}{{ humanize1024 . }}:{{ end }}', input: floats(0, 1, 1048576, 0.12), output: '0:1:1Mi:0.12:' },
  { text: '{{ range . }}{{ humanize1024 . }}:{{ end }}', input: strings('0.0', '1.0', '1048576.0', '.12'), output: '0:1:1Mi:0.12:' },
  {
    text: '{{ humanize1024 "one" }}',
    error:
      'error executing template test: template: test:1:3: executing "test" at <humanize1024 "one">: error calling humanize1024: strconv.ParseFloat: parsing "one": invalid syntax',
  },
  { text: '{{ range . }}{{ humanize1024 . }}:{{ end }}', input: ints(INT64, 0, -1, 1, 1234567, MAX_INT64), output: '0:-1:1:1.177Mi:8Ei:' },
  { text: '{{ range . }}{{ humanize1024 . }}:{{ end }}', input: uints(UINT64, 0, 1, 1234567, MAX_UINT64), output: '0:1:1.177Mi:16Ei:' },
  {
    text: '{{ range . }}{{ humanizeDuration . }}:{{ end }}',
    input: floats(0, 1, 60, 3600, 86400, 86400 + 3600, -(86400 * 2 + 3600 * 3 + 60 * 4 + 5), 899.99),
    output: '0s:1s:1m 0s:1h 0m 0s:1d 0h 0m 0s:1d 1h 0m 0s:-2d 3h 4m 5s:14m 59s:',
  },
  {
    text: '{{ range . }}{{ humanizeDuration . }}:{{ end }}',
    input: strings('0', '1', '60', '3600', '86400'),
    output: '0s:1s:1m 0s:1h 0m 0s:1d 0h 0m 0s:',
  },
  {
    text: '{{ range . }}{{ humanizeDuration . }}:{{ end }}',
    input: floats(0.1, 0.0001, 0.12345, 60.1, 60.5, 1.2345, 12.345),
    output: '100ms:100us:123.5ms:1m 0s:1m 0s:1.234s:12.35s:',
  },
  {
    text: '{{ range . }}{{ humanizeDuration . }}:{{ end }}',
    input: strings('.1', '.0001', '.12345', '60.1', '60.5', '1.2345', '12.345'),
    output: '100ms:100us:123.5ms:1m 0s:1m 0s:1.234s:12.35s:',
  },
  {
    text: '{{ humanizeDuration "one" }}',
    error:
      'error executing template test: template: test:1:3: executing "test" at <humanizeDuration "one">: error calling humanizeDuration: strconv.ParseFloat: parsing "one": invalid syntax',
  },
  { text: '{{ range . }}{{ humanizeDuration . }}:{{ end }}', input: ints(INT, 0, -1, 1, 1234567), output: '0s:-1s:1s:14d 6h 56m 7s:' },
  { text: '{{ range . }}{{ humanizeDuration . }}:{{ end }}', input: uints(UINT, 0, 1, 1234567), output: '0s:1s:14d 6h 56m 7s:' },
  {
    text: '{{ range . }}{{ humanize . }}:{{ humanize1024 . }}:{{ humanizeDuration . }}:{{humanizeTimestamp .}}:{{ end }}',
    input: floats(Infinity, -Infinity, NaN),
    output: '+Inf:+Inf:+Inf:+Inf:-Inf:-Inf:-Inf:-Inf:NaN:NaN:NaN:NaN:',
  },
  {
    text: '{{ range . }}{{ humanize . }}:{{ humanize1024 . }}:{{ humanizeDuration . }}:{{humanizeTimestamp .}}:{{ end }}',
    input: strings('+Inf', '-Inf', 'NaN'),
    output: '+Inf:+Inf:+Inf:+Inf:-Inf:-Inf:-Inf:-Inf:NaN:NaN:NaN:NaN:',
  },
  {
    text: '{{ -0.22222 | humanizePercentage }}:{{ 0.0 | humanizePercentage }}:{{ 0.1234567 | humanizePercentage }}:{{ 1.23456 | humanizePercentage }}',
    output: '-22.22%:0%:12.35%:123.5%',
  },
  { text: '{{ range . }}{{ humanizePercentage . }}:{{ end }}', input: ints(INT64, 0, -1, 1, 1234567, MAX_INT64), output: '0%:-100%:100%:1.235e+08%:9.223e+20%:' },
  { text: '{{ range . }}{{ humanizePercentage . }}:{{ end }}', input: uints(UINT64, 0, 1, 1234567, MAX_UINT64), output: '0%:100%:1.235e+08%:1.845e+21%:' },
  {
    text: '{{ "-0.22222" | humanizePercentage }}:{{ "0.0" | humanizePercentage }}:{{ "0.1234567" | humanizePercentage }}:{{ "1.23456" | humanizePercentage }}',
    output: '-22.22%:0%:12.35%:123.5%',
  },
  {
    text: '{{ "one" | humanizePercentage }}',
    error:
      'error executing template test: template: test:1:11: executing "test" at <humanizePercentage>: error calling humanizePercentage: strconv.ParseFloat: parsing "one": invalid syntax',
  },
  {
    text: '{{ range . }}{{ humanizeTimestamp . }}:{{ end }}',
    input: ints(INT64, 0, -1, 1, 1234567, 9223372036),
    output:
      '1970-01-01 00:00:00 +0000 UTC:1969-12-31 23:59:59 +0000 UTC:1970-01-01 00:00:01 +0000 UTC:1970-01-15 06:56:07 +0000 UTC:2262-04-11 23:47:16 +0000 UTC:',
  },
  {
    text: '{{ range . }}{{ humanizeTimestamp . }}:{{ end }}',
    input: uints(UINT64, 0, 1, 1234567, 9223372036),
    output: '1970-01-01 00:00:00 +0000 UTC:1970-01-01 00:00:01 +0000 UTC:1970-01-15 06:56:07 +0000 UTC:2262-04-11 23:47:16 +0000 UTC:',
  },
  {
    text: '{{ range . }}{{ humanizeTimestamp . }}:{{ end }}',
    input: ints(INT64, MIN_INT64, MAX_INT64),
    error:
      'error executing template test: template: test:1:16: executing "test" at <humanizeTimestamp .>: error calling humanizeTimestamp: -9.223372036854776e+18 cannot be represented as a nanoseconds timestamp since it overflows int64',
  },
  {
    text: '{{ range . }}{{ humanizeTimestamp . }}:{{ end }}',
    input: uints(UINT64, MAX_UINT64),
    error:
      'error executing template test: template: test:1:16: executing "test" at <humanizeTimestamp .>: error calling humanizeTimestamp: 1.8446744073709552e+19 cannot be represented as a nanoseconds timestamp since it overflows int64',
  },
  { text: '{{ 1435065584.128 | humanizeTimestamp }}', output: '2015-06-23 13:19:44.128 +0000 UTC' },
  { text: '{{ "1435065584.128" | humanizeTimestamp }}', output: '2015-06-23 13:19:44.128 +0000 UTC' },
  { text: '{{ (1435065584.128 | toTime).Format "2006" }}', output: '2015' },
  { text: '{{ ("1435065584.128" | toTime).Format "2006" }}', output: '2015' },
  { text: '{{ (1800 | toDuration).String }}', output: '30m0s' },
  { text: '{{ ("1800" | toDuration).String }}', output: '30m0s' },
  { text: '{{ now }}', output: '1.353755652e+09' },
  { text: '{{ (now | toTime).Format "Mon Jan 2 15:04:05 2006" }}', output: 'Sat Nov 24 11:14:12 2012' },
  { text: '{{ ("-30m" | parseDuration | toDuration | (now | toTime).Add).UnixMilli }}', output: '1353753852000' },
  { text: '{{ "aa bb CC" | title }}', output: 'Aa Bb CC' },
  { text: '{{ "aa bb CC" | toUpper }}', output: 'AA BB CC' },
  { text: '{{ "aA bB CC" | toLower }}', output: 'aa bb cc' },
  { text: '{{ match "a+" "aa" }} {{ match "a+" "b" }}', output: 'true false' },
  { text: '{{ graphLink "up" }}', output: '/graph?g0.expr=up&g0.tab=0' },
  { text: '{{ tableLink "up" }}', output: '/graph?g0.expr=up&g0.tab=1' },
  { text: '{{ pathPrefix }}', output: '/path/prefix' },
  { text: '{{ externalURL }}', output: 'http://testhost:9090/path/prefix' },
  { text: '{{ printf "%0.2f" (parseDuration "1h2m10ms") }}', output: '3720.01' },
  { text: '{{ printf "%0.2f" (parseDuration "-1h2m10ms") }}', output: '-3720.01' },
  { text: '{{ "foo.example.com" | stripDomain }}', output: 'foo' },
  { text: '{{ "foo.example.com:12345" | stripDomain }}', output: 'foo:12345' },
  { text: '{{ "192.0.2.1" | stripDomain }}', output: '192.0.2.1' },
  { text: '{{ "192.0.2.1:12345" | stripDomain }}', output: '192.0.2.1:12345' },
  { text: '{{ "2001:0DB8::1" | stripDomain }}', output: '2001:0DB8::1' },
  { text: '{{ "[2001:0DB8::1]:12345" | stripDomain }}', output: '[2001:0DB8::1]:12345' },
  { text: '{{ "[2001:0DB8::1]::12345" | stripDomain }}', output: '[2001:0DB8::1]::12345' },
];

describe("Prometheus' template expansion scenarios", () => {
  it.each(CASES.map((c) => [c.text, c] as const))('%s', (_, c) => {
    const r = expand(c.text, c.input, c.query);
    if (c.error !== undefined) expect(r).toEqual({ error: c.error });
    else expect(r).toEqual({ output: c.output });
  });

  it('reports a parse error like Prometheus', () => {
    expect(expand('{{')).toEqual({ error: 'error parsing template test: template: test:1: unclosed action' });
  });
});

describe('Prometheus functions', () => {
  it('humanizes', () => {
    expect(humanize(1234567)).toBe('1.235M');
    expect(humanize(0.001234)).toBe('1.234m');
    expect(humanize(-0.000000123)).toBe('-123n');
    expect(humanize(1e30)).toBe('1e+06Y');
    expect(humanize1024(1536)).toBe('1.5ki');
    expect(humanize1024(-2048)).toBe('-2ki');
    expect(humanizeDuration(3661)).toBe('1h 1m 1s');
    expect(humanizeDuration(1.5)).toBe('1.5s');
    expect(humanizeDuration(-0.5)).toBe('-500ms');
    expect(humanizePercentage(0.1234)).toBe('12.34%');
    expect(humanizePercentage(1)).toBe('100%');
    expect(humanizeTimestamp(1435065584)).toBe('2015-06-23 13:19:44 +0000 UTC');
    expect(humanizeTimestamp(-0.5)).toBe('1969-12-31 23:59:59.5 +0000 UTC');
  });

  it('title-cases like strings.Title before 3.2 and like x/text after', () => {
    expect(stringsTitle("o'neil is here-now")).toBe("O'Neil Is Here-Now");
    expect(casesTitle("o'neil is here-now")).toBe("O'neil Is Here-Now");
    expect(casesTitle('hello_world foo.bar 3rd ǆemal')).toBe('Hello_world Foo.bar 3Rd ǅemal');
    expect(expand('{{ "o\'neil" | title }}', undefined, [], '2.42.0')).toEqual({ output: "O'Neil" });
    expect(expand('{{ "o\'neil" | title }}', undefined, [], '3.2.0')).toEqual({ output: "O'neil" });
  });

  it('maps case per rune as Go does', () => {
    expect(toUpper('straße')).toBe('STRAßE');
    expect(toLower('İSTANBUL')).toBe('istanbul');
  });

  it('replaces with Go regexp semantics', () => {
    expect(reReplaceAll('a*', 'X', 'baaac')).toBe('XbXcX');
    expect(reReplaceAll('(.*):(\\d+)', '$2/$1', 'host:9100')).toBe('9100/host');
    expect(reReplaceAll('(a)', '$1x', 'a')).toBe('');
    expect(reReplaceAll('(a)', '${1}x', 'a')).toBe('ax');
    expect(reReplaceAll('(?P<host>[^:]+):.*', '$host', 'node1:9100')).toBe('node1');
    expect(reReplaceAll('a', '$$', 'aa')).toBe('$$');
    expect(matchString('^up', 'upper')).toBe(true);
    expect(() => matchString('(', 'x')).toThrow('error parsing regexp: missing closing ): `(`');
    expect(expand('{{ reReplaceAll "(" "" "x" }}')).toEqual({
      error:
        'error executing template test: template: test:1:3: executing "test" at <reReplaceAll "(" "" "x">: error calling reReplaceAll: regexp: Compile(`(`): error parsing regexp: missing closing ): `(`',
    });
    expect(expand('{{ match "(" "x" }}').error).toContain('error calling match: error parsing regexp: missing closing ): `(`');
  });

  it('splits hosts and ports like package net', () => {
    expect(splitHostPort('host:80')).toEqual(['host', '80']);
    expect(splitHostPort('[::1]:80')).toEqual(['::1', '80']);
    expect(() => splitHostPort('host')).toThrow('missing port in address');
    expect(() => splitHostPort('a:b:c')).toThrow('too many colons in address');
    expect(stripPort('node-exporter:9100')).toBe('node-exporter');
    expect(stripDomain('web01.dc1.example.com:443')).toBe('web01:443');
    expect(stripDomain('[fe80::1]:443')).toBe('[fe80::1]:443');
    expect(isIP('::ffff:192.0.2.1')).toBe(true);
    expect(isIP('1.2.3.04')).toBe(false);
    expect(isIP('1:2:3:4:5:6:7:8')).toBe(true);
    expect(isIP('1:2:3:4:5:6:7:8:9')).toBe(false);
  });

  it('reads the path prefix of the external URL', () => {
    expect(urlPath('http://h:9090/prom/')).toBe('/prom/');
    expect(urlPath('http://h:9090')).toBe('');
    expect(urlPath('https://h/a%20b?x=1')).toBe('/a b');
  });

  it('follows the release: humanize of an int before 2.32, missing functions', () => {
    expect(expand('{{ 1234 | humanize }}', undefined, [], '2.31.0').error).toContain('error calling humanize: can\'t convert int to float');
    expect(expand('{{ 1234 | humanize }}', undefined, [], '2.42.0')).toEqual({ output: '1.234k' });
    expect(expand('{{ now }}', undefined, [], '3.5.0').error).toContain('function "now" not defined');
    expect(expand('{{ humanize "1" }}', undefined, [], '2.26.0').error).toContain('expected float; found "1"');
  });

  it('fails queries clearly without an engine', () => {
    const parsed = parseTemplate('{{ query "up" }}', { name: 't', funcs: prometheusTemplateFunctions() });
    if (!parsed.ok) throw new Error('parse');
    const r = executeTemplate(parsed.tree, undefined, { funcs: prometheusFuncs() });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.reason).toBe('error calling query: no query engine is available to run this template query');
    const failing = executeTemplate(parsed.tree, undefined, {
      funcs: prometheusFuncs({
        query: () => {
          throw new Error('parse error: unexpected end of input');
        },
      }),
    });
    expect(!failing.ok && failing.error.reason).toBe('error calling query: parse error: unexpected end of input');
  });
});

describe('expandRuleTemplate', () => {
  const data = ruleTemplateData({ instance: 'web01:9100', job: 'node' }, { cluster: 'home' }, 'http://prom.example/prometheus', 0.8712);

  it('renders labels, value and external data', () => {
    const text = '{{ $labels.instance }} has {{ $value | humanizePercentage }} used ({{ $externalLabels.cluster }}, {{ pathPrefix }})';
    expect(expandRuleTemplate(text, 'DiskFull', data)).toEqual({ ok: true, output: 'web01:9100 has 87.12% used (home, /prometheus)' });
    expect(expandRuleTemplate('{{ .Labels.job }} {{ $.Value }} {{ $externalURL }}', 'X', data)).toEqual({
      ok: true,
      output: 'node 0.8712 http://prom.example/prometheus',
    });
  });

  it('gives missing labels as empty strings (missingkey=zero)', () => {
    expect(expandRuleTemplate('[{{ $labels.nope }}]', 'X', data)).toEqual({ ok: true, output: '[]' });
  });

  it('formats values with printf', () => {
    expect(expandRuleTemplate('{{ printf "%.2f" $value }} {{ printf "%d" $value }} {{ $value }}', 'X', data)).toEqual({
      ok: true,
      output: '0.87 %!d(float64=0.8712) 0.8712',
    });
  });

  it('runs queries through the hook', () => {
    const query = (q: string): QuerySample[] => (q === 'up{job="node"}' ? [{ labels: { instance: 'b' }, value: 1 }, { labels: { instance: 'a' }, value: 0 }] : []);
    const text = '{{ range query "up{job=\\"node\\"}" | sortByLabel "instance" }}{{ .Labels.instance }}={{ .Value }};{{ end }}';
    expect(expandRuleTemplate(text, 'X', data, { query })).toEqual({ ok: true, output: 'a=0;b=1;' });
  });

  it("reports execution errors with Prometheus' text and positions in the user text", () => {
    const r = expandRuleTemplate('value: {{ humanize "x" }}', 'HighLoad', data);
    expect(r).toEqual({
      ok: false,
      error: {
        message:
          'error executing template __alert_HighLoad: template: __alert_HighLoad:1:122: executing "__alert_HighLoad" at <humanize "x">: error calling humanize: strconv.ParseFloat: parsing "x": invalid syntax',
        line: 1,
        column: 11,
        offset: 10,
      },
    });
    expect(renderAlertTemplate('{{ if gt $value 80 }}hot{{ end }}', 'HighLoad', data)).toBe(
      '<error expanding template: error executing template __alert_HighLoad: template: __alert_HighLoad:1:118: executing "__alert_HighLoad" at <gt $value 80>: error calling gt: incompatible types for comparison: float64 and int>',
    );
    expect(renderAlertTemplate('{{ if gt $value 0.5 }}hot{{ end }}', 'HighLoad', data)).toBe('hot');
  });

  it('reports errors on later lines relative to the user text', () => {
    const r = expandRuleTemplate('line one\n{{ .Nope }}', 'X', data);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.message).toContain('template: __alert_X:2:3: executing "__alert_X" at <.Nope>: can\'t evaluate field Nope in type struct { Labels map[string]string; ExternalLabels map[string]string; ExternalURL string; Value interface {} }');
      expect(r.error).toMatchObject({ line: 2, column: 4 });
    }
  });

  it('uses a float64 Value before 2.52', () => {
    const r = expandRuleTemplate('{{ .Nope }}', 'X', data, { prometheusVersion: '2.42.0' });
    expect(!r.ok && r.error.message).toContain('in type struct { Labels map[string]string; ExternalLabels map[string]string; ExternalURL string; Value float64 }');
  });

  it('reports parse errors', () => {
    expect(expandRuleTemplate('{{ $nope }}', 'X', data)).toEqual({
      ok: false,
      error: { message: 'error parsing template __alert_X: template: __alert_X:1: undefined variable "$nope"', line: 1, column: 4, offset: 3 },
    });
  });
});
