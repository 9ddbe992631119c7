/**
 * Runs a CommonJS bundle (dist/check.cjs) through V8's code cache: the compiled code of every function the
 * first run used is kept beside it (check-<hash>.v8cache) and handed to V8 on the next run, which then compiles
 * nothing it has compiled before. Node 20 has no such cache for ES modules (module.enableCompileCache came in
 * Node 22). The cache is written when missing or refused, at exit so it holds what the run compiled; failing to
 * write it (a read-only install) only costs the next run its speed.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';

export function runCached(file) {
  const source = fs.readFileSync(file, 'utf8');
  const hash = /^\/\/ promforge-cache (\w+)\n/.exec(source)?.[1];
  const cacheFile = hash ? path.join(path.dirname(file), `check-${hash}.v8cache`) : undefined;
  let cachedData;
  try {
    if (cacheFile) cachedData = fs.readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: file,
    ...(cachedData ? { cachedData } : {}),
  });
  if (cacheFile && (!cachedData || script.cachedDataRejected)) {
    process.once('exit', () => {
      try {
        const tmp = `${cacheFile}.${process.pid}.tmp`;
        fs.writeFileSync(tmp, script.createCachedData());
        fs.renameSync(tmp, cacheFile);
      } catch {
        // Only the next run's speed depends on it.
      }
    });
  }
  const module = { exports: {} };
  script.runInThisContext().call(module.exports, module.exports, createRequire(file), module, file, path.dirname(file));
}
