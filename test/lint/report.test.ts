import { describe, expect, it } from 'vitest';
import { error, warning } from '../../src/diagnostics.js';
import { formatReport } from '../../src/lint/report.js';

const findings = [
  error('unknown metric x', { at: { file: '/p/rules/a.yaml', line: 3, column: 9 }, subject: 'group "g", alert A', code: 'promql/series', hint: 'did you mean y?' }),
  warning('100% of a, b: c\nd', { at: { file: '/p/rules/b.ts', line: 14, column: 5 }, code: 'alerts/for' }),
];

describe('lint reports', () => {
  it('text: one line per finding, place first, fix on the next line', () => {
    expect(formatReport(findings, 'text', '/p')).toEqual([
      'rules/a.yaml:3:9: group "g", alert A: unknown metric x [promql/series]\n  did you mean y?',
      'rules/b.ts:14:5: warning: 100% of a, b: c\nd [alerts/for]',
    ]);
  });

  it('json: the documented fields, 1-based positions', () => {
    expect(JSON.parse(formatReport(findings, 'json', '/p')[0]!)).toEqual([
      { file: 'rules/a.yaml', line: 3, column: 9, check: 'promql/series', severity: 'error', message: 'group "g", alert A: unknown metric x (did you mean y?)' },
      { file: 'rules/b.ts', line: 14, column: 5, check: 'alerts/for', severity: 'warning', message: '100% of a, b: c\nd' },
    ]);
  });

  it('github: workflow annotations with escaping', () => {
    expect(formatReport(findings, 'github', '/p')).toEqual([
      '::error file=rules/a.yaml,line=3,col=9,title=promql/series::group "g", alert A: unknown metric x (did you mean y?)',
      '::warning file=rules/b.ts,line=14,col=5,title=alerts/for::100%25 of a, b: c%0Ad',
    ]);
  });
});
