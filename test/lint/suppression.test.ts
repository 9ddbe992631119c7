import { describe, expect, it } from 'vitest';
import { alert, ruleGroup } from 'promforge';
import { builtinCatalogs } from '../../src/catalog/index.js';
import { alertsComparison } from '../../src/lint/checks/alerts-comparison.js';
import { alertsName } from '../../src/lint/checks/alerts-name.js';
import { lintRuleFiles } from '../../src/lint/run.js';
import { lowerRulesModule } from '../../src/rules/declarations.js';
import { brief, lintYaml } from './helpers.js';

const checks = [alertsComparison, alertsName];

describe('suppressions', () => {
  it('a YAML comment above or inside the rule switches a check off for that rule only', () => {
    const text = `groups:
  - name: g
    rules:
      # promforge disable alerts/comparison: a heartbeat that must always fire (watchdog)
      - alert: Watchdog
        expr: vector(1)
      - alert: AlwaysOn
        expr: vector(1)
`;
    expect(brief(lintYaml(text, checks))).toEqual([
      'alerts/comparison @8:15 the expression has no comparison, so the alert fires for every series it selects',
    ]);
  });

  it('warns about a suppression without a reason, an unknown check and an unused one', () => {
    const text = `groups:
  - name: g
    rules:
      - alert: Watchdog # promforge disable alerts/comparison
        expr: vector(1)
      - alert: HostDown
        # promforge disable promql/nope, alerts/name: not CamelCase on purpose
        expr: up == 0
`;
    expect(brief(lintYaml(text, checks))).toEqual([
      'lint/suppression @4:24 suppression of alerts/comparison gives no reason',
      'lint/suppression @7:9 suppression names an unknown check "promql/nope"',
      'lint/suppression @7:9 suppression of alerts/name is unused: the check does not fire on this rule',
    ]);
  });

  it('lint: { disable, reason } does the same in TypeScript', () => {
    const file = lowerRulesModule('/p/rules/x.ts', ruleGroup('g', {
      rules: [
        alert('Watchdog', { expr: 'vector(1)', severity: 'info', summary: 's', lint: { disable: ['alerts/comparison'], reason: 'watchdog: must always fire' } }),
        alert('Heartbeat', { expr: 'vector(1)', severity: 'info', summary: 's', lint: { disable: ['alerts/comparison'], reason: '' } }),
      ],
    })).file!;
    expect(lintRuleFiles([file], { catalogs: builtinCatalogs, checks }).map((d) => `${d.code}: ${d.subject}: ${d.message}`)).toEqual([
      'lint/suppression: group "g", alert Heartbeat: suppression of alerts/comparison gives no reason',
    ]);
  });

  it('the project config switches checks off everywhere', () => {
    expect(lintYaml('groups:\n  - name: g\n    rules:\n      - alert: x\n        expr: vector(1)\n', checks, { disable: ['alerts/comparison', 'alerts/name'] })).toEqual([]);
  });
});
