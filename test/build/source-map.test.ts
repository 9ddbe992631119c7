import fs from 'node:fs';
import { SourceMap } from 'node:module';
import path from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { originalPositions, type SourceMapV3 } from '../../src/build/source-map.js';
import { repoRoot, tempDir } from '../helpers.js';

describe('reading source maps for the positions asked', () => {
  it('gives every generated position the original one Node\'s own SourceMap gives, asked in any order', async () => {
    // esbuild's map of the homelab's dashboards (several files, long lines, names), as the bundles have.
    const dir = path.join(repoRoot, 'dashboards');
    const out = tempDir();
    const entries = fs.readdirSync(dir).filter((f) => f.endsWith('.ts')).map((f) => path.join(dir, f));
    const result = await build({ entryPoints: entries, bundle: true, splitting: true, format: 'esm', platform: 'node', packages: 'external', outdir: out, sourcemap: 'external', write: false, logLevel: 'silent' });
    const maps = result.outputFiles.filter((f) => f.path.endsWith('.map'));
    expect(maps.length).toBeGreaterThan(1);
    let compared = 0;
    for (const m of maps) {
      const payload = JSON.parse(m.text) as SourceMapV3;
      const node = new SourceMap(payload as never);
      const ours = originalPositions(payload, m.path);
      const code = result.outputFiles.find((f) => `${f.path}.map` === m.path)!.text.split('\n');
      const positions = code.flatMap((text, line) => Array.from({ length: Math.ceil((text.length + 1) / 7) }, (_, k) => [line, k * 7] as const));
      // Forward, as a bundle runs, then backwards, which reads the map again.
      for (const [line, column] of [...positions, ...[...positions].reverse()]) {
        const entry = node.findEntry(line, column);
        const expected = 'originalSource' in entry && entry.originalSource
          ? { file: path.resolve(path.dirname(m.path), entry.originalSource.replace(/^file:\/\//, '')), line: entry.originalLine + 1, column: entry.originalColumn + 1 }
          : undefined;
        expect(ours(line + 1, column + 1), `${path.basename(m.path)} ${line}:${column}`).toEqual(expected);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(1000);
  });
});
