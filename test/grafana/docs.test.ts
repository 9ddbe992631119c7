/** The README's table of dashboard checks lists every id the checks report, and no other. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers.js';

const sources = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
  e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [fs.readFileSync(path.join(dir, e.name), 'utf8')] : []);

describe('README: dashboard checks', () => {
  it('document every check id the code reports', () => {
    const grafana = sources(path.join(repoRoot, 'src/grafana'));
    // Ids shared with other parts of promforge are named by a constant (`code: JOB_CHECK`), exported where they belong.
    const constants = new Map(sources(path.join(repoRoot, 'src')).flatMap((text) =>
      [...text.matchAll(/export const ([A-Z_]+) = '([a-z-]+\/[a-z-]+)'/g)].map((m) => [m[1]!, m[2]!] as const)));
    const reported = new Set(grafana.flatMap((text) => [
      ...[...text.matchAll(/code: '([a-z-]+\/[a-z-]+)'/g)].map((m) => m[1]!),
      ...[...text.matchAll(/code: ([A-Z_]+)\b/g)].flatMap((m) => constants.get(m[1]!) ?? []),
    ]));
    expect(reported).toContain('prometheus/job');
    reported.delete('dashboard/shape'); // a file that is not an object at all: a read error, not a check
    expect(reported.size).toBeGreaterThan(15);
    const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('### Dashboard checks'), readme.indexOf('### Provisioning and NixOS'));
    const documented = new Set([...section.matchAll(/^\| `([a-z-]+\/[a-z-]+)`/gm)].map((m) => m[1]!).filter((id) => !id.startsWith('promql/')));
    expect([...reported].filter((id) => !documented.has(id)).sort()).toEqual([]);
    expect([...documented].filter((id) => !reported.has(id)).sort()).toEqual([]);
  });

  it('name every rule-linter check the queries go through', () => {
    const queries = fs.readFileSync(path.join(repoRoot, 'src/grafana/checks/queries.ts'), 'utf8');
    const used = [...queries.matchAll(/lint\/checks\/(promql)-([a-z-]+)\.js/g)].map((m) => `${m[1]}/${m[2]}`);
    expect(used.length).toBe(8);
    const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('### Dashboard checks'), readme.indexOf('### Provisioning and NixOS'));
    expect(used.filter((id) => !section.includes(`\`${id}\``))).toEqual([]);
  });
});
