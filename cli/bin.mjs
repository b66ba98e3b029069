#!/usr/bin/env node
// Entry for the `huibian` bin: runs the TypeScript CLI through tsx's loader.
import { register } from 'tsx/esm/api';
register();
await import('./main.ts');
