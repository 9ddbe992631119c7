import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importDefaultsBundled } from '../../src/build/bundle.js';
import { discoverModules } from '../../src/build/load.js';
import { loadDashboards } from '../../src/grafana/build.js';
import { fixtureProject, repoRoot, tempDir } from '../helpers.js';

/** A folder of declaration modules; `_shared.ts` counts how often it is evaluated. */
function modules(files: Record<string, string>): { dir: string; paths: string[] } {
  const dir = tempDir('promforge-bundle-');
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return { dir, paths: Object.keys(files).filter((n) => !n.startsWith('_')).sort().map((n) => path.join(dir, n)) };
}

const shared = `export const runs: number[] = [];\nexport const mark = (n: number): number => (runs.push(n), runs.length);\n`;

describe('loading declaration modules as a bundle', () => {
  it('gives each file its default export, evaluating shared modules once, in import order', async () => {
    const { dir, paths } = modules({
      '_shared.ts': shared,
      'a.ts': `import { mark } from './_shared.js';\nconst n: number = mark(1);\nexport default { a: n };\n`,
      'b.ts': `import { mark, runs } from './_shared.js';\nmark(2);\nexport default { b: [...runs] };\n`,
      'c.ts': `export const notDefault = 1;\n`,
    });
    const loaded = await importDefaultsBundled(paths);
    expect(loaded && Object.fromEntries([...loaded].map(([f, v]) => [path.basename(f), v]))).toEqual({ 'a.ts': { a: 1 }, 'b.ts': { b: [1, 2] }, 'c.ts': undefined });
    expect(fs.readdirSync(dir).filter((n) => n.startsWith('.promforge-bundle-'))).toEqual([]);
  });

  it('gives nothing, for the one-by-one import to report, when a module does not compile, throws, or reads import.meta', async () => {
    for (const bad of ['export default }', 'throw new Error("boom");', 'export default import.meta.url;', "import './missing.js';"]) {
      const { dir, paths } = modules({ 'a.ts': 'export default 1;\n', 'b.ts': `${bad}\n` });
      expect(await importDefaultsBundled(paths), bad).toBeUndefined();
      expect(fs.readdirSync(dir).filter((n) => n.startsWith('.promforge-bundle-'))).toEqual([]);
    }
  });

  it('loads dashboards as importing them one by one does: same JSON, same declaration lines, same problems', async () => {
    for (const root of [repoRoot, fixtureProject('grafana'), fixtureProject('grafana-broken')]) {
      expect(await importDefaultsBundled(discoverModules(path.join(root, 'dashboards'))), root).toBeDefined();
      const one = await loadDashboards(root, { bundleFrom: Infinity });
      const bundled = await loadDashboards(root, { bundleFrom: 1 });
      expect(bundled.diagnostics, root).toEqual(one.diagnostics);
      expect(bundled.dashboards.map((d) => [d.source, d.folder, d.json, d.locate([])]), root)
        .toEqual(one.dashboards.map((d) => [d.source, d.folder, d.json, d.locate([])]));
    }
  });
});
