import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fastYaml } from '../../src/yaml/fast.js';
import { parseWithLibrary, readYaml, type ParsedYaml, type PathNode, type YamlPath } from '../../src/yaml/read.js';
import { conformanceDir, repoRoot, prng, yamlFiles } from '../helpers.js';

// The fast reader must give, for every file it accepts, exactly what the yaml library gives: the value and,
// at every path, the position, key position, scalar mapping and comments readers ask for.

function paths(node: PathNode, prefix: YamlPath = []): YamlPath[] {
  const out: YamlPath[] = [prefix];
  for (const [k, child] of node.children ?? []) out.push(...paths(child, [...prefix, k]));
  return out;
}

/** What a reader can observe of a parse, everywhere. */
function observe(text: string, parsed: ParsedYaml, at: readonly YamlPath[]) {
  const r = readYaml(text, 'f.yml', parsed);
  return {
    value: r.value,
    problems: r.problems,
    topLevelKeys: parsed.topLevelKeys,
    at: at.map((p) => ({ path: p, locate: r.locate(p), key: r.locateKey(p), scalar: r.scalar(p), comments: r.comments(p), entries: [...r.entries(p)], missing: r.locate([...p, 'x-missing']) })),
    lines: Array.from({ length: text.length + 1 }, (_, i) => i).filter((i) => i === text.length || text[i] === '\n' || i % 7 === 0).map((i) => parsed.linePos(i)),
  };
}

/** fastYaml's verdict on a text: undefined when it leaves it to the library, else a failure message or ''. */
function compare(text: string): string | undefined {
  const fast = fastYaml(text);
  if (!fast) return undefined;
  const lib = parseWithLibrary(text);
  const at = [...paths(fast.root), ...paths(lib.root)];
  try {
    expect(observe(text, fast, at)).toEqual(observe(text, lib, at));
    return '';
  } catch (e) {
    return `${JSON.stringify(text.slice(0, 300))}: ${(e as Error).message.slice(0, 2000)}`;
  }
}

const EDITS: readonly ((lines: string[], i: number, r: () => number) => void)[] = [
  (l, i) => l.splice(i, 1),
  (l, i) => l.splice(i, 0, l[i] ?? ''),
  (l, i) => (l[i] = ` ${l[i]}`),
  (l, i) => (l[i] = (l[i] ?? '').replace(/^ /, '')),
  (l, i) => (l[i] = `${l[i]} # note`),
  (l, i) => l.splice(i, 0, '  # comment'),
  (l, i) => l.splice(i, 0, ''),
  (l, i) => l.splice(i, 0, '   '),
  (l, i) => (l[i] = `${l[i]}   `),
  (l, i) => (l[i] = (l[i] ?? '').replace(/: (.*)$/, ": '$1'")),
  (l, i) => (l[i] = (l[i] ?? '').replace(/: (.*)$/, ': "$1"')),
  (l, i) => (l[i] = (l[i] ?? '').replace(/: (.*)$/, ': |-\n      $1')),
  (l, i) => (l[i] = (l[i] ?? '').replace(/: (.*)$/, ': |\n    $1\n\n')),
  (l, i) => (l[i] = (l[i] ?? '').replace(/: .*$/, ':')),
  (l, i) => (l[i] = (l[i] ?? '').replace(/: .*$/, ': []')),
  (l, i) => (l[i] = (l[i] ?? '').replace(/- /, '-   ')),
  (l, i) => (l[i] = (l[i] ?? '').replace(/(\w)/, '$1:')),
  (l, i, r) => (l[i] = (l[i] ?? '').replace(/./g, (c) => (r() < 0.05 ? ['"', "'", ':', '#', '\\', '-', '{', '|', ' '][Math.floor(r() * 9)]! : c))),
];

function mutations(text: string, seed: number, count: number): string[] {
  const r = prng(seed);
  const out: string[] = [];
  for (let n = 0; n < count; n++) {
    const lines = text.split('\n');
    for (let k = 0; k < 1 + Math.floor(r() * 3); k++) {
      const edit = EDITS[Math.floor(r() * EDITS.length)]!;
      edit(lines, Math.floor(r() * lines.length), r);
    }
    out.push(lines.join('\n'));
  }
  return out;
}

const SCALARS = [
  'a', 'foo bar', 'x:y', 'http://a/b', "'q'", "'it''s'", '"d\\"q\\\\"', '"\\n\\t\\/"', '""', "''", '1', '-1', 'true', '~',
  'null', 'a{b="c"}', 'sum(rate(x[5m])) > 0', '{{ $labels.x }} y', 'a #b', 'a# b', 'x: y', 'a:', '[]', '{}', '[ ]', '!t',
  '&a x', '*a', '|', '|-', '>', '\u00e9', 'a  b', ' ', '? x', '%x', '@x', '`x',
];

/** A random document near the subset: mappings, sequences (compact or not), literal blocks, odd indentation. */
function randomDocument(r: () => number): string {
  const pick = <T>(a: readonly T[]): T => a[Math.floor(r() * a.length)]!;
  const node = (depth: number, indent: number): string[] => {
    const step = pick([1, 2, 2, 2, 3, 4]);
    const pad = ' '.repeat(indent);
    const block = (header: string): string[] => [
      header,
      ...Array.from({ length: 1 + Math.floor(r() * 3) }, () => (r() < 0.25 ? pick(['', ' ']) : `${pad}${' '.repeat(step)}${pick(['l', ' m', 'n o', '#x'])}`)),
    ];
    const out: string[] = [];
    if (depth < 4 && r() < 1 / 3) {
      for (let i = 0; i < 1 + Math.floor(r() * 3); i++) {
        const v = r();
        if (v < 0.3) out.push(`${pad}- ${pick(SCALARS)}${pick(['', '', ' '])}`);
        else if (v < 0.45) out.push(`${pad}-`, ...node(depth + 1, indent + step));
        else if (v < 0.55) out.push(...block(`${pad}- |${pick(['', '-'])}`));
        else {
          const inner = node(depth + 1, indent + 2);
          out.push(...(inner[0] && /^\s*[a-z0-9]/.test(inner[0]) ? [`${pad}- ${inner[0].trimStart()}`, ...inner.slice(1)] : [`${pad}- x`]));
        }
      }
      return out;
    }
    const keys = new Set<string>();
    for (let i = 0; i < 1 + Math.floor(r() * 3); i++) {
      const k = pick(['a', 'b', 'c', 'd-e', 'f.g', 'h/i', '0', 'k_l']);
      if (keys.has(k) && r() < 0.9) continue;
      keys.add(k);
      const v = r();
      if (v < 0.4 || depth > 3) out.push(`${pad}${k}: ${pick(SCALARS)}${pick(['', '', '  '])}`);
      else if (v < 0.5) out.push(`${pad}${k}:${pick(['', ' ', '  '])}`);
      else if (v < 0.6) out.push(...block(`${pad}${k}: |${pick(['', '-', '+', '2'])}`));
      else out.push(`${pad}${k}:`, ...node(depth + 1, r() < 0.2 ? indent : indent + step));
      if (r() < 0.1) out.push(pick(['', '  ', '# c']));
    }
    return out;
  };
  return (r() < 0.2 ? '# h\n' : '') + node(0, 0).join('\n') + pick(['\n', '', '\n\n']);
}

const files = [...yamlFiles(conformanceDir), ...yamlFiles(path.join(repoRoot, 'test/fixtures'))];
const small = files.filter((f) => fs.statSync(f).size < 20_000);

describe('fastYaml', () => {
  it('reads every YAML file of the conformance suites and fixtures as the yaml library does, or leaves it to it', () => {
    let accepted = 0;
    const failures: string[] = [];
    for (const f of files) {
      const verdict = compare(fs.readFileSync(f, 'utf8'));
      if (verdict === '') accepted++;
      else if (verdict !== undefined) failures.push(`${path.relative(conformanceDir, f)}: ${verdict}`);
    }
    expect(failures).toEqual([]);
    // Most are in its subset; were it to give up on everything, this test would prove nothing.
    expect(accepted).toBeGreaterThan(files.length / 3);
  });

  it('agrees with the yaml library on mutations of those files (deleted, re-indented, re-quoted lines)', () => {
    let accepted = 0;
    let total = 0;
    const failures: string[] = [];
    small.forEach((f, n) => {
      for (const text of mutations(fs.readFileSync(f, 'utf8'), n + 1, 40)) {
        total++;
        const verdict = compare(text);
        if (verdict === '') accepted++;
        else if (verdict !== undefined) failures.push(`${path.basename(f)}: ${verdict}`);
      }
    });
    expect(failures.slice(0, 5)).toEqual([]);
    expect(accepted).toBeGreaterThan(total / 10);
  });

  it('agrees with the yaml library on random documents near its subset', () => {
    const r = prng(42);
    let accepted = 0;
    const failures: string[] = [];
    for (let n = 0; n < 10_000; n++) {
      const verdict = compare(randomDocument(r));
      if (verdict === '') accepted++;
      else if (verdict !== undefined) failures.push(verdict);
    }
    expect(failures.slice(0, 3)).toEqual([]);
    expect(accepted).toBeGreaterThan(1000);
  });

  it.each([
    ['groups:\n  - name: a\n    rules:\n      - record: x\n        expr: |-\n          sum(\n            up\n          )\n', 'a literal block'],
    ['a:\n- x\n-\n- "y\\"z"\nb: \'it\'\'s\'\nc:\n', 'a sequence in its key\'s column, empty items and values, quotes'],
    ['# header\n\ngroups: []\n', 'a header comment'],
    ['a:\n  b:\n    - c: 1\n      d: |\n        x\n\n        y\n\n    - e\n', 'nested compact mappings and a clipped block'],
  ])('reads %j (%s) as the yaml library does', (text) => {
    expect(compare(text)).toBe('');
  });

  it.each([
    ['a: &x 1\nb: *x\n', 'anchors'],
    ['a: {b: 1}\n', 'flow mappings'],
    ['a: 1\na: 2\n', 'duplicate keys'],
    ['a: 1\n# late comment\nb: 2\n', 'comments after the first content line'],
    ['a: b\n  c\n', 'a multi-line plain scalar'],
    ['a: >\n  x\n', 'folded blocks'],
    ['a: "caf\u00e9"\n', 'non-ASCII text'],
    ['a:\tb\n', 'tabs'],
  ])('leaves %j (%s) to the yaml library', (text) => {
    expect(fastYaml(text)).toBeUndefined();
  });

  it('reads the large promtool fixture and emitted rule files itself', () => {
    expect(fastYaml(fs.readFileSync(path.join(conformanceDir, 'promtool/rules_large.yml'), 'utf8'))).toBeDefined();
  });
});
