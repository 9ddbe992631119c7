#!/usr/bin/env node
// The promforge CLI. It runs src/ compiled to JavaScript (bin/compile.js rebuilds dist/ when src/ changed), and
// installs tsx only when it imports TypeScript declarations (rules/*.ts, promforge.config.ts): checking or
// testing YAML files never pays for a TypeScript loader. Without a usable dist/ it runs src/ under tsx.
import { register as registerHooks } from 'node:module';
import { pathToFileURL } from 'node:url';
import { compiledCli, ROOT } from './compile.js';

const compiled = await compiledCli();
if (compiled && process.argv[2] === 'check') {
  // check loads no declarations: the whole CLI as one script, compiled code cached (bin/cached.js).
  const { runCached } = await import('./cached.js');
  runCached(compiled.check);
} else if (compiled) {
  const { useCompiledApi, useTypeScriptLoader } = await import(compiled.load);
  useCompiledApi(compiled.index);
  useTypeScriptLoader(async () => {
    const { register } = await import('tsx/esm/api');
    register();
    const from = pathToFileURL(`${ROOT}/src/index.ts`).href;
    registerHooks('./resolve-dist.js', import.meta.url, { data: { from, to: compiled.index } });
  });
  await import(compiled.cli);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/run.ts');
}
