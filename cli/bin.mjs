#!/usr/bin/env node
// Entry for the `huibian` bin: runs the built CLI (cli/dist/, plain JavaScript made by cli/build.ts
// and committed), so no TypeScript loader and no dev dependency is needed at run time. Node's
// compile cache (Node ≥ 22.1) keeps the parsed code between runs where this Node has it.
import module from 'node:module';
module.enableCompileCache?.();
await import('./dist/main.js');
