import { describe, expect, it } from 'vitest';
import { parsePromQL } from '../../src/promql/parse.js';
import { dashboardVariables, substituteVariables } from '../../src/grafana/variables.js';

const variables = dashboardVariables({
  templating: {
    list: [
      { type: 'query', name: 'instance' },
      { type: 'interval', name: 'window' },
      { type: 'constant', name: 'limit', query: '0.9' },
      { type: 'custom', name: 'by', query: 'instance,job' },
      { type: 'datasource', name: 'ds', query: 'prometheus' },
    ],
  },
});

const sub = (expr: string): string => substituteVariables(expr, variables, 120_000).expr;

describe("substituting Grafana's variables before parsing", () => {
  it('keeps the length, so positions in the substituted query are positions in the original', () => {
    for (const expr of [
      'rate(x[$__rate_interval])', 'x{instance=~"${instance:regex}"}', 'x > $limit', 'sum by ($by) (x)', 'rate(x[$window])',
      'x[[instance]]', 'increase(x[$__range]) / $__range_s', 'rate(x[${__interval}])', 'x offset $__interval',
    ]) {
      expect(sub(expr)).toHaveLength(expr.length);
      expect(parsePromQL(sub(expr)).ok, `${expr} -> ${sub(expr)}`).toBe(true);
    }
  });

  it('gives ranges a duration, $__rate_interval four scrapes, strings letters, numbers a number, names a name', () => {
    expect(sub('rate(x[$__rate_interval])')).toBe('rate(x[2m              ])');
    expect(sub('x{instance=~"$instance"}')).toBe('x{instance=~"xxxxxxxxx"}');
    expect(sub('x > $limit')).toBe('x > 1     ');
    expect(sub('sum by ($by) (x)')).toBe('sum by (xxx) (x)');
    expect(sub('rate(x[$window])')).toBe('rate(x[2m     ])');
  });

  it('leaves unknown variables in place and reports where they are', () => {
    const r = substituteVariables('label_replace(x, "a", "$1", "b", "(.*)") > $nope', variables, 60_000);
    expect(r.expr).toContain('"$1"');
    expect(r.expr.endsWith('$nope')).toBe(true);
    expect(r.uses.filter((u) => !u.known).map((u) => ({ name: u.name, inString: u.inString }))).toEqual([
      { name: '1', inString: true },
      { name: 'nope', inString: false },
    ]);
  });

  it('does not take a regex anchor or an escaped quote for a variable or the end of a string', () => {
    expect(sub('x{a=~"^b$", c="\\"$instance"}')).toBe('x{a=~"^b$", c="\\"xxxxxxxxx"}');
  });

  it('reads datasource variables with the plugin type they choose among', () => {
    expect(variables.get('ds')).toEqual({ name: 'ds', type: 'datasource', pluginType: 'prometheus' });
  });
});
