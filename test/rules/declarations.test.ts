import { describe, expect, it } from 'vitest';
import { alert, record, ruleGroup } from 'promforge';
import { closest, lowerRulesModule, normalizeExpr } from '../../src/rules/declarations.js';

const source = '/project/rules/x.ts';

describe('declarations → model', () => {
  it('turns severity, summary, description and runbook into labels and annotations', () => {
    const lowered = lowerRulesModule(source, ruleGroup('g', {
      rules: [alert('HostDown', {
        expr: 'up == 0', for: '1m', severity: 'critical', summary: 'down', description: 'd', runbook: 'hosts#down',
        labels: { team: 'infra' }, annotations: { dashboard: 'x' },
      })],
    }), { runbookBaseUrl: 'https://runbooks.example/' });
    expect(lowered.diagnostics).toEqual([]);
    const rule = lowered.file?.groups[0]?.rules[0];
    expect(rule).toMatchObject({
      kind: 'alert', alert: 'HostDown', expr: 'up == 0', for: '1m',
      labels: { severity: 'critical', team: 'infra' },
      annotations: { summary: 'down', description: 'd', runbook_url: 'https://runbooks.example/hosts#down', dashboard: 'x' },
    });
  });

  it('keeps absolute runbook URLs and refuses relative ones without a base', () => {
    const mk = (runbook: string) => ruleGroup('g', { rules: [alert('A', { expr: '1', severity: 'info', summary: 's', runbook })] });
    const abs = lowerRulesModule(source, mk('https://x.example/a'));
    expect(abs.file?.groups[0]?.rules[0]).toMatchObject({ annotations: { runbook_url: 'https://x.example/a' } });
    const rel = lowerRulesModule(source, mk('a#b'));
    expect(rel.diagnostics.map((d) => d.message)).toEqual(['runbook "a#b" is relative but promforge.config.ts sets no runbookBaseUrl']);
  });

  it('reports what the types promise but tsx does not check, at the declaration line', () => {
    const decl = ruleGroup('g', {
      rules: [
        // A plain JavaScript caller, or a cast, gets past the types:
        alert('A', { expr: 'up', severity: 'page', summary: 's', anotations: {} } as never),
        record('r', { expr: 'up', labels: { n: 1 } } as never),
        alert('host_down' as string, { expr: 'up', severity: 'info', summary: 's' }),
      ],
    });
    const lowered = lowerRulesModule(source, decl);
    const messages = lowered.diagnostics.map((d) => `${d.subject}: ${d.message}${d.hint ? ` (${d.hint})` : ''}`);
    expect(messages).toEqual([
      'alert A: unknown field "anotations" (did you mean "annotations"?)',
      'alert A: severity must be one of critical, warning, info, got "page"',
      'record r: labels "n" must be a string, got 1',
      'alert host_down: alert name "host_down" is not CamelCase (e.g. NixCacheNotAccessible: letters and digits, starting upper-case)',
    ]);
    expect(lowered.diagnostics[0]?.at?.line).toBe(decl.spec.rules[0]?.at?.line);
  });

  it('refuses reserved labels and annotations set through the wrong field', () => {
    const lowered = lowerRulesModule(source, ruleGroup('g', {
      rules: [alert('A', { expr: 'up', severity: 'info', summary: 's', labels: { severity: 'x' }, annotations: { summary: 'y' } } as never)],
    }));
    expect(lowered.diagnostics.map((d) => d.message)).toEqual([
      'labels must not set "severity"',
      'annotations must not set "summary"',
    ]);
  });

  it('needs a default export of groups', () => {
    for (const exported of [undefined, {}, [], [ruleGroup('g', { rules: [] }), 'x']]) {
      const lowered = lowerRulesModule(source, exported);
      expect(lowered.file).toBeUndefined();
      expect(lowered.diagnostics[0]?.message).toMatch(/export default/);
    }
    expect(lowerRulesModule(source, [ruleGroup('a', { rules: [] }), ruleGroup('b', { rules: [] })]).file?.groups).toHaveLength(2);
  });

  it('suggests the nearest field name', () => {
    expect(closest('anotations', ['labels', 'annotations'])).toBe('annotations');
    expect(closest('xyz', ['labels', 'annotations'])).toBeUndefined();
  });

  it('drops the source indentation of multi-line expressions, nothing else', () => {
    expect(normalizeExpr(`
        (time() - x > 1800)
        or
          absent(x)
      `)).toBe('(time() - x > 1800)\nor\n  absent(x)');
    expect(normalizeExpr('  up == 0 ')).toBe('up == 0');
    expect(normalizeExpr('a\n\n  b')).toBe('a\n\n  b');
  });
});
