import { describe, expect, it } from 'vitest';
import { importFailure } from '../../src/build/load.js';

const file = '/p/rules/oops.ts';

describe('modules that fail to load', () => {
  it('take the line and 1-based column of a TypeScript syntax error from the transformer', () => {
    const e = new Error(`Transform failed with 1 error:\n${file}:5:0: ERROR: Unexpected "}"`);
    expect(importFailure(file, e)).toMatchObject({ message: 'cannot load module: Unexpected "}"', at: { file, line: 5, column: 1 } });
  });

  it('say what to do when a CommonJS package makes Node refuse the ES module declarations', () => {
    const e = new Error(`Cannot require() ES Module ${file} in a cycle. A cycle involving require(esm) is not allowed`);
    expect(importFailure(file, e).hint).toBe('declarations are ES modules: add "type": "module" to the project\'s package.json');
    expect(importFailure(file, new Error('boom')).hint).toBeUndefined();
  });

  it('take the line of a throw from its stack frame', () => {
    const e = new Error('boom');
    e.stack = `Error: boom\n    at helper (/p/src/lib.ts:1:1)\n    at file://${file}:12:7`;
    expect(importFailure(file, e)).toMatchObject({ message: 'cannot load module: boom', at: { file, line: 12, column: 7 } });
  });

  it('fall back to the top of the file', () => {
    expect(importFailure(file, 'not an error')).toMatchObject({ message: 'cannot load module: not an error', at: { line: 1, column: 1 } });
  });
});
