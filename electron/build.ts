// Bundles the Electron main process and preload with esbuild into dist-electron/ (CommonJS: the
// sandboxed preload must be CJS; main matches package.json "main"). Node packages stay external
// (pdfkit & co. read their own data files at run time); electron-builder ships node_modules.
// It must never bundle electron itself or change sources.
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node' as const,
  format: 'cjs' as const,
  target: 'node22',
  sourcemap: true,
  logLevel: 'warning' as const,
  external: ['electron'],
};

// Main and the import worker keep node packages external; core/node locates resources with
// import.meta.url, which CommonJS lacks.
const withPackages = {
  ...common,
  packages: 'external' as const,
  define: { 'import.meta.url': '__huibian_import_meta_url' },
  banner: { js: "const __huibian_import_meta_url = require('node:url').pathToFileURL(__filename).href;" },
};

await build({ ...withPackages, entryPoints: ['electron/main/main.ts'], outfile: 'dist-electron/main.cjs' });

// The import worker (core/node/read-worker) runs in worker_threads: its own bundle beside main.cjs.
await build({ ...withPackages, entryPoints: ['core/node/read-worker.ts'], outfile: 'dist-electron/read-worker.cjs' });

// The preload runs sandboxed: everything but electron is bundled in (it may not require packages).
await build({ ...common, entryPoints: ['electron/preload/preload.ts'], outfile: 'dist-electron/preload.cjs' });

console.log('dist-electron/main.cjs, dist-electron/preload.cjs, dist-electron/read-worker.cjs');
