/**
 * requireBinary's promise: in CI a missing binary fails with the install command .ci/run runs. If .ci/run
 * installed a package the message does not name (or the tests started running a binary of another package),
 * a failing CI run would point at the wrong fix.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEBIAN_PACKAGE_OF, repoRoot, requireBinary } from './helpers.js';

/** The packages of .ci/run's `apt-get install` line. */
function ciPackages(): string[] {
  const script = fs.readFileSync(path.join(repoRoot, '.ci/run'), 'utf8');
  const line = script.split('\n').find((l) => /^\s*apt-get install\b/.test(l));
  expect(line, '.ci/run has no apt-get install line').toBeDefined();
  return line!.trim().split(/\s+/).slice(2).filter((w) => !w.startsWith('-'));
}

/** Every binary name the test files pass to requireBinary(). */
function binariesRequired(): string[] {
  const names = new Set<string>();
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (/\.(test|e2e)\.ts$/.test(e.name)) {
        for (const m of fs.readFileSync(full, 'utf8').matchAll(/requireBinary\('([^']+)'\)/g)) names.add(m[1]!);
      }
    }
  };
  walk(path.join(repoRoot, 'test'));
  return [...names].sort();
}

describe('requireBinary', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('names, in CI, every package .ci/run installs', () => {
    vi.stubEnv('CI', 'true');
    vi.stubEnv('PATH', '');
    const packages = ciPackages();
    expect(packages).toContain('prometheus-node-exporter');
    expect(() => requireBinary('prometheus-node-exporter')).toThrow(`(apt-get install ${packages.join(' ')})`);
  });

  it('knows the package of every binary the tests run, and .ci/run installs it', () => {
    const required = binariesRequired();
    expect(required).toEqual(expect.arrayContaining(['amtool', 'prometheus', 'prometheus-alertmanager', 'prometheus-node-exporter', 'promtool']));
    const packages = ciPackages();
    expect(required.map((b) => [b, packages.includes(DEBIAN_PACKAGE_OF[b] ?? '')])).toEqual(required.map((b) => [b, true]));
  });
});
