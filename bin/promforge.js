#!/usr/bin/env node
// The promforge CLI. Declarations are TypeScript, so the CLI runs under tsx's loader: no compile step after npm ci.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/run.ts');
