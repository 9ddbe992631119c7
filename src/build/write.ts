/**
 * Writing `out/` atomically: everything is written into a sibling temporary directory, verified there, and
 * only then swapped in. A failed build leaves the previous `out/` exactly as it was.
 *
 * Node has no atomic directory exchange, so the swap is two renames on the same file system; a reader can at
 * worst see `out/` missing for the instant between them, never a mix of old and new files.
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
    for (const file of [...files].sort((a, b) => a.path.localeCompare(b.path))) {
      const target = path.join(tmp, ...file.path.split('/'));
      if (!target.startsWith(tmp + path.sep)) throw new Error(`internal: output path escapes the output directory: ${file.path}`);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, file.content);
    }
    const problems = verify ? await verify(tmp) : [];
    if (problems.length > 0) throw new VerifyError(problems);
    swapIn(tmp, outDir);
  } catch (e) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw e;
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
