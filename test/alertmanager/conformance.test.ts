/**
 * `promforge check` on Alertmanager configurations agrees with `amtool check-config` on every check case of the
 * Alertmanager project's fixtures (../shared/conformance/alertmanager, see its SOURCE.md): with the newest
 * release's rules the upstream verdicts (and their messages), with 0.25's rules the verdicts of Debian's amtool
 * 0.25. The routing cases give amtool's receivers.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkAlertmanagerText } from '../../src/alertmanager/check.js';
import { buildRouteTree, receiversFor } from '../../src/alertmanager/route.js';
import { parseMatcher } from '../../src/alertmanager/matchers.js';
import { parseVersion } from '../../src/config/version.js';
import { conformance } from '../helpers.js';

interface Expectation {
  readonly file: string;
  readonly command: string;
  readonly args?: readonly string[];
  readonly expect: 'pass' | 'fail';
  readonly fixture_first_release: string;
  readonly error_contains?: string;
  readonly error_contains_portable?: string;
  readonly expect_receivers?: readonly string[] | string;
  readonly debian_result: 'pass' | 'fail';
  readonly debian_receivers?: readonly string[] | string;
}

const dir = conformance('alertmanager');
const expectations = JSON.parse(fs.readFileSync(path.join(dir, 'expectations.json'), 'utf8')) as Expectation[];
const checks = expectations.filter((e) => e.command === 'check-config');
const routing = expectations.filter((e) => e.command === 'config routes test');

/** The first release that accepts each valid fixture Debian's 0.25 refuses (our reading of the field table). */
const ACCEPTED_FROM: Readonly<Record<string, string>> = {
  'conf.smtp-password-global-and-local.yml': '0.31.0',
  'conf.telegram-default-bot-token.yml': '0.31.0',
  'conf.telegram-default-bot-token-file.yml': '0.31.0',
  'conf.slack-default-app-token.yml': '0.30.0',
  'conf.rocketchat-default-token.yml': '0.28.0',
  'conf.rocketchat-default-token-file.yml': '0.28.0',
  'conf.wechat-default-api-secret-file.yml': '0.31.0',
  'conf.mattermost-default-webhook-url.yml': '0.32.0',
  'conf.mattermost-default-webhook-url-file.yml': '0.32.0',
};

const verdict = (file: string, version: string): { verdict: 'pass' | 'fail'; messages: string } => {
  const r = checkAlertmanagerText(fs.readFileSync(path.join(dir, file), 'utf8'), file, { alertmanagerVersion: parseVersion(version)! });
  const errors = r.diagnostics.filter((d) => d.severity === 'error');
  return { verdict: errors.length > 0 ? 'fail' : 'pass', messages: errors.map((d) => d.message).join('\n') };
};

describe('Alertmanager conformance: check-config', () => {
  it('has every case the SOURCE.md lists', () => {
    expect(checks.length).toBe(48);
    expect(routing.length).toBe(4);
  });

  describe.each(checks)('$file', (e) => {
    it(`is ${e.expect} for Alertmanager 0.34 (upstream)`, () => {
      const r = verdict(e.file, '0.34.0');
      expect(r.verdict, r.messages).toBe(e.expect);
      if (e.error_contains_portable) expect(r.messages).toContain(e.error_contains_portable.replace(/^yaml: unmarshal errors:\n\s*line \d+: /, ''));
      else if (e.error_contains) expect(r.messages).toContain(e.error_contains.replace(/^yaml: unmarshal errors:\n\s*line \d+: /, ''));
    });

    it(`is ${e.debian_result} for Alertmanager 0.25 (Debian's amtool)`, () => {
      const r = verdict(e.file, '0.25.0');
      expect(r.verdict, r.messages).toBe(e.debian_result);
    });

    if (e.expect === 'pass' && e.debian_result === 'fail') {
      it('says which release accepts it, and that release does', () => {
        // Too-new fields are refused with the release that introduced them, not as typos.
        const r = verdict(e.file, '0.25.0');
        const needs = [...r.messages.matchAll(/needs Alertmanager (\d+)\.(\d+) or later, but the target is 0\.25\.0/g)].map((m) => Number(m[2]));
        expect(needs.length, r.messages).toBeGreaterThan(0);
        const accepting = `0.${Math.max(...needs)}.0`;
        expect(verdict(e.file, accepting).verdict).toBe('pass');
        expect(ACCEPTED_FROM[e.file]).toBe(accepting);
      });
    }
  });
});

describe('Alertmanager conformance: config routes test', () => {
  it.each(routing)('$file $args → $expect_receivers', (e) => {
    const text = fs.readFileSync(path.join(dir, e.file), 'utf8');
    for (const version of ['0.25.0', '0.34.0']) {
      const v = parseVersion(version)!;
      const r = checkAlertmanagerText(text, e.file, { alertmanagerVersion: v });
      expect(r.diagnostics).toEqual([]);
      const labels: Record<string, string> = {};
      for (const a of e.args ?? []) {
        const m = parseMatcher(a, v);
        if (!m.ok) throw new Error(m.error);
        labels[m.matcher.name] = m.matcher.value;
      }
      const want = e.expect_receivers!;
      expect(receiversFor(buildRouteTree(r.document!.config, v), labels).join(',')).toBe(Array.isArray(want) ? want.join(',') : want);
    }
  });
});
