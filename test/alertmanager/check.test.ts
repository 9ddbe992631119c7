/** checkAlertmanagerText beyond the conformance fixtures: positions, and the notification templates amtool parses. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkAlertmanagerText, summarizeAlertmanagerCheck } from '../../src/alertmanager/check.js';
import { glob } from '../../src/files/glob.js';
import { parseVersion } from '../../src/config/version.js';
import { formatDiagnostic } from '../../src/diagnostics.js';
import { repoRoot } from '../helpers.js';

const dir = path.join(repoRoot, 'test/fixtures/alertmanager/templates');
const check = (file: string, version = '0.25.0') =>
  checkAlertmanagerText(fs.readFileSync(path.join(dir, file), 'utf8'), path.join(dir, file), { alertmanagerVersion: parseVersion(version)! });

describe('checkAlertmanagerText', () => {
  it('reports problems at file:line:col with the path in the configuration', () => {
    const text = 'route:\n  receiver: relay\n  routes:\n    - matchers: [\'severity=~"(critical"\']\n      receiver: pager\nreceivers:\n  - name: relay\n    webhook_configs:\n      - url: http://relay:9999\n        title: CRITICAL\n';
    const r = checkAlertmanagerText(text, 'am.yml', { alertmanagerVersion: parseVersion('0.25')! });
    expect(r.diagnostics.map((d) => formatDiagnostic(d, process.cwd()))).toEqual([
      'am.yml:10:9: field title not found in type webhook.plain',
    ]);
    const semantic = checkAlertmanagerText(text.replace('        title: CRITICAL\n', ''), 'am.yml', { alertmanagerVersion: parseVersion('0.25')! });
    expect(semantic.diagnostics.map((d) => formatDiagnostic(d, process.cwd()))).toEqual([
      'am.yml:4:18: route.routes[0].matchers[0]: error parsing regexp: missing closing ): `^(?:(critical)$`\n  matchers look like severity="critical" or alertname=~"Host.*"; quote values with double quotes',
      'am.yml:5:17: route.routes[0].receiver: undefined receiver "pager" used in route\n  receivers: relay',
    ]);
  });

  it('parses the templates the globs match, relative to the file, as amtool does', () => {
    expect(glob(path.join(dir, 'good/*.tmpl'))).toEqual([path.join(dir, 'good/relay.tmpl')]);
    expect(glob(path.join(dir, 'missing/*.tmpl'))).toEqual([]);
    expect(check('good.yml').diagnostics).toEqual([]);
    expect(check('bad.yml').diagnostics.map((d) => d.message)).toEqual(['template: relay.tmpl:1: unexpected "}" in operand']);
    expect(checkAlertmanagerText(fs.readFileSync(path.join(dir, 'bad.yml'), 'utf8'), path.join(dir, 'bad.yml'), { templates: false }).diagnostics).toEqual([]);
  });

  it('summarizes a file like promforge check prints it', () => {
    expect(summarizeAlertmanagerCheck('good.yml', check('good.yml'))).toBe('good.yml: SUCCESS: 1 receivers, 0 inhibit rules, 2 templates');
    expect(summarizeAlertmanagerCheck('bad.yml', check('bad.yml'))).toBe('bad.yml: FAILED');
  });
});
