/** The manifest in the build: prometheus.yml beside the rules, verified before out/ is touched. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildProject, compileProject } from '../../src/build/pipeline.js';
import { NIXOS_PROMETHEUS_OUT, PROMETHEUS_OUT, verifyPrometheusEmitted } from '../../src/prometheus/build.js';
import { readTree, repoRoot, tempDir } from '../helpers.js';

const fixture = (name: string): string => path.join(import.meta.dirname, 'fixtures', name);

describe('the build with a host manifest', () => {
  it('writes prometheus.yml loading every emitted rule file from beside it, and its NixOS twin', async () => {
    const out = path.join(tempDir(), 'out');
    const built = await buildProject(repoRoot, { outDir: out });
    expect(built.diagnostics).toEqual([]);
    const tree = readTree(out);
    const yml = parse(tree[PROMETHEUS_OUT]!) as { rule_files: string[]; global: Record<string, string>; scrape_configs: { job_name: string }[] };
    const ruleFiles = Object.keys(tree).filter((f) => f.startsWith('prometheus/rules/')).map((f) => f.slice('prometheus/'.length)).sort();
    expect(yml.rule_files).toEqual(ruleFiles);
    for (const f of yml.rule_files) expect(fs.existsSync(path.join(out, 'prometheus', f))).toBe(true);
    // The global intervals are promforge.config.ts's.
    expect(yml.global).toMatchObject({ scrape_interval: '15s', evaluation_interval: '15s' });
    // NixOS sets rule_files itself, from services.prometheus.ruleFiles.
    const { rule_files: _ruleFiles, ...rest } = yml;
    expect(JSON.parse(tree[NIXOS_PROMETHEUS_OUT]!)).toEqual(rest);
  });

  it('leaves out/ as it was when the manifest is wrong, and says where', async () => {
    const parent = tempDir();
    const out = path.join(parent, 'out');
    fs.mkdirSync(out);
    fs.writeFileSync(path.join(out, 'previous.txt'), 'previous');
    const built = await buildProject(fixture('bad'), { outDir: out });
    expect(built.written).toBe(false);
    expect(readTree(out)).toEqual({ 'previous.txt': 'previous' });
    expect(built.diagnostics.filter((d) => d.at?.file.endsWith('prometheus/homelab.ts'))).toHaveLength(12);
  });

  it('builds a project without a manifest as before: no prometheus.yml', async () => {
    const compiled = await compileProject(path.join(repoRoot, 'test/fixtures/projects/minimal'));
    expect(compiled.diagnostics).toEqual([]);
    expect(compiled.manifest).toBeUndefined();
    expect(compiled.files.map((f) => f.path)).not.toContain(PROMETHEUS_OUT);
  });

  it('refuses to ship a prometheus.yml that does not read back, or whose rule files are missing', async () => {
    const compiled = await compileProject(repoRoot);
    const dir = tempDir();
    const write = (rel: string, text: string): void => {
      fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      fs.writeFileSync(path.join(dir, rel), text);
    };
    const yml = compiled.files.find((f) => f.path === PROMETHEUS_OUT)!.content;
    const verify = verifyPrometheusEmitted(compiled.config!, compiled.files);
    write(PROMETHEUS_OUT, yml);
    write(NIXOS_PROMETHEUS_OUT, compiled.files.find((f) => f.path === NIXOS_PROMETHEUS_OUT)!.content);
    expect(verify(dir)).toEqual(compiled.files.filter((f) => f.path.startsWith('prometheus/rules/'))
      .map((f) => `${PROMETHEUS_OUT}: rule file ${f.path.slice('prometheus/'.length)} is not beside it`));
    for (const f of compiled.files) write(f.path, f.content);
    expect(verify(dir)).toEqual([]);
    write(PROMETHEUS_OUT, yml.replace('scrape_interval: 30s', 'scrape_interval: 30 s'));
    expect(verify(dir)).toEqual([expect.stringMatching(/^prometheus\/prometheus\.yml:\d+:\d+: scrape_interval: not a valid duration string$/)]);
    write(PROMETHEUS_OUT, yml.replace('monitor: homelab', 'monitor: lab'));
    expect(verify(dir)).toEqual([`${NIXOS_PROMETHEUS_OUT}: does not hold the same configuration as ${PROMETHEUS_OUT}`]);
  });
});
