import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { VerifyError, writeTreeAtomically, type OutputFile } from '../../src/build/write.js';
import { readTree, tempDir } from '../helpers.js';

const inode = (file: string): number => fs.statSync(file).ino;

describe('writing out/ atomically', () => {
  const files: OutputFile[] = [
    { path: 'prometheus/rules/a.yaml', content: 'groups: []\n' },
    { path: 'grafana/dashboards/Team 1/d.json', content: '{"uid": "d"}\n' },
  ];

  it('writes every file, and a rebuild links the files that did not change to the previous ones', async () => {
    const out = path.join(tempDir(), 'out');
    await writeTreeAtomically(out, files);
    expect(readTree(out)).toEqual({ 'prometheus/rules/a.yaml': 'groups: []\n', 'grafana/dashboards/Team 1/d.json': '{"uid": "d"}\n' });
    const before = inode(path.join(out, 'prometheus/rules/a.yaml'));
    const changed = [files[0]!, { path: files[1]!.path, content: '{"uid": "e"}\n' }];
    await writeTreeAtomically(out, changed);
    expect(readTree(out)).toEqual({ 'prometheus/rules/a.yaml': 'groups: []\n', 'grafana/dashboards/Team 1/d.json': '{"uid": "e"}\n' });
    expect(inode(path.join(out, 'prometheus/rules/a.yaml'))).toBe(before);
    // The old tree is gone: the linked file has one name left.
    expect(fs.statSync(path.join(out, 'prometheus/rules/a.yaml')).nlink).toBe(1);
    expect(fs.readdirSync(path.dirname(out))).toEqual(['out']);
  });

  it('writes a file whose previous version has the same size but other bytes, or is not a plain file', async () => {
    const out = path.join(tempDir(), 'out');
    await writeTreeAtomically(out, files);
    const a = path.join(out, 'prometheus/rules/a.yaml');
    fs.writeFileSync(a, 'groups: {}\n');
    const before = inode(a);
    fs.rmSync(path.join(out, files[1]!.path));
    const elsewhere = path.join(tempDir(), 'd.json');
    fs.writeFileSync(elsewhere, files[1]!.content);
    fs.symlinkSync(elsewhere, path.join(out, files[1]!.path));
    await writeTreeAtomically(out, files);
    expect(readTree(out)).toEqual({ 'prometheus/rules/a.yaml': 'groups: []\n', 'grafana/dashboards/Team 1/d.json': '{"uid": "d"}\n' });
    expect(inode(a)).not.toBe(before);
    expect(fs.lstatSync(path.join(out, files[1]!.path)).isSymbolicLink()).toBe(false);
    expect(fs.readFileSync(elsewhere, 'utf8')).toBe(files[1]!.content);
  });

  it('leaves out/ exactly as it was, files and inodes, when the written tree does not verify', async () => {
    const out = path.join(tempDir(), 'out');
    await writeTreeAtomically(out, files);
    const a = path.join(out, 'prometheus/rules/a.yaml');
    const before = { tree: readTree(out), inode: inode(a) };
    const changed = [files[0]!, { path: files[1]!.path, content: '{"uid": "e"}\n' }];
    await expect(writeTreeAtomically(out, changed, () => ['broken'])).rejects.toThrow(VerifyError);
    expect(readTree(out)).toEqual(before.tree);
    expect(inode(a)).toBe(before.inode);
    expect(fs.statSync(a).nlink).toBe(1);
    expect(fs.readdirSync(path.dirname(out))).toEqual(['out']);
  });

  it('never writes into a previous file through a link when two files share a path: the last one wins', async () => {
    const out = path.join(tempDir(), 'out');
    await writeTreeAtomically(out, files);
    const a = path.join(out, 'prometheus/rules/a.yaml');
    const twice = [...files, { path: files[0]!.path, content: 'groups: [x]\n' }];
    let seen = '';
    await writeTreeAtomically(out, twice, (dir) => {
      seen = fs.readFileSync(path.join(dir, 'prometheus/rules/a.yaml'), 'utf8');
      // The previous out/ is still whole while the new tree is verified.
      expect(fs.readFileSync(a, 'utf8')).toBe('groups: []\n');
      return [];
    });
    expect(seen).toBe('groups: [x]\n');
    expect(fs.readFileSync(a, 'utf8')).toBe('groups: [x]\n');
  });
});
