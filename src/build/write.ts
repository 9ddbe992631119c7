/**
 * Writing `out/` atomically: everything is written into a sibling temporary directory, verified there, and
 * only then swapped in. A failed build leaves the previous `out/` exactly as it was.
 *
 * Node has no atomic directory exchange, so the swap is two renames on the same file system; a reader can at
 * worst see `out/` missing for the instant between them, never a mix of old and new files. Files that did not
 * change are hard links to the previous tree's (linkUnchanged), so an unchanged file keeps its inode and mtime.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface OutputFile {
  /** Relative to the output directory, with forward slashes. */
  readonly path: string;
  readonly content: string;
}

export type Verify = (dir: string) => Promise<readonly string[]> | readonly string[];

export class VerifyError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`the written output did not verify:\n${problems.join('\n')}`);
  }
}

export async function writeTreeAtomically(outDir: string, files: readonly OutputFile[], verify?: Verify): Promise<void> {
  const parent = path.dirname(path.resolve(outDir));
  const base = path.basename(outDir);
  fs.mkdirSync(parent, { recursive: true });
  removeLeftovers(parent, base);
  const tmp = fs.mkdtempSync(path.join(parent, `.${base}.tmp-`));
  try {
    const dirs = new Set<string>();
    const written = new Set<string>();
    for (const file of [...files].sort((a, b) => a.path.localeCompare(b.path))) {
      const target = path.join(tmp, ...file.path.split('/'));
      if (!target.startsWith(tmp + path.sep)) throw new Error(`internal: output path escapes the output directory: ${file.path}`);
      const dir = path.dirname(target);
      if (!dirs.has(dir)) {
        fs.mkdirSync(dir, { recursive: true });
        dirs.add(dir);
      }
      // A second file at the same path replaces the first; it must not write into a file linked from out/.
      if (written.has(target)) fs.rmSync(target);
      written.add(target);
      if (!linkUnchanged(path.join(outDir, ...file.path.split('/')), file.content, target)) fs.writeFileSync(target, file.content);
    }
    const problems = verify ? await verify(tmp) : [];
    if (problems.length > 0) throw new VerifyError(problems);
    swapIn(tmp, outDir);
  } catch (e) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
}

/**
 * Links `target` to the previous build's file when that holds exactly `content`: a rebuild mostly writes what
 * out/ already has (10k rules and 500 dashboards are 20 MB), and a link costs no data to write now nor blocks
 * to free when the old tree is removed. Nothing writes into a linked file: the new tree's files are only ever
 * created, and the old tree is removed whole. False (write it) on any doubt or failure.
 */
function linkUnchanged(previous: string, content: string, target: string): boolean {
  try {
    const stat = fs.lstatSync(previous, { throwIfNoEntry: false });
    if (!stat?.isFile() || stat.size !== Buffer.byteLength(content)) return false;
    if (fs.readFileSync(previous, 'utf8') !== content) return false;
    fs.linkSync(previous, target);
    return true;
  } catch {
    return false;
  }
}

function swapIn(tmp: string, outDir: string): void {
  if (!fs.existsSync(outDir)) {
    fs.renameSync(tmp, outDir);
    return;
  }
  const old = `${path.join(path.dirname(outDir), `.${path.basename(outDir)}.old-`)}${process.pid}-${Date.now()}`;
  fs.renameSync(outDir, old);
  try {
    fs.renameSync(tmp, outDir);
  } catch (e) {
    fs.renameSync(old, outDir);
    throw e;
  }
  fs.rmSync(old, { recursive: true, force: true });
}

/**
 * Temporary and old trees left behind by a build that was killed mid-way. Only stale ones: a build running
 * beside this one may own a fresh one.
 */
function removeLeftovers(parent: string, base: string): void {
  const staleBefore = Date.now() - 10 * 60 * 1000;
  for (const name of fs.readdirSync(parent)) {
    if (!name.startsWith(`.${base}.tmp-`) && !name.startsWith(`.${base}.old-`)) continue;
    const full = path.join(parent, name);
    if (fs.statSync(full).mtimeMs < staleBefore) fs.rmSync(full, { recursive: true, force: true });
  }
}
