// Builds the `huibian` command as plain JavaScript into cli/dist/ (committed), so `npx huibian`
// starts without a TypeScript loader and works in an install without dev dependencies: esbuild,
// ESM, code splitting (each command and each reader stays a lazy chunk), npm packages external
// (they come from node_modules: only `dependencies` may be imported, checked by
// test/cli/dist.test.ts, which also fails when cli/dist/ is stale). The read worker is its own
// entry beside main.js (core/node/read-worker.ts finds it there). Run: `npm run build:cli`.
import { build, type BuildOptions, type Metafile, type Plugin } from 'esbuild';
import { createHash } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CLI_DIST = path.join(root, 'cli', 'dist');

/**
 * Packages loaded on first use instead of at start-up: each is big to load (pinyin-pro's
 * dictionaries ~0.2 s of CPU, exceljs with its zip and stream stack ~0.5 s) and only some commands
 * use it (`huibian sort` by strokes never calls pinyin, only roster and statistics files need
 * exceljs). Listed with what our sources import: functions become wrappers, a default export used
 * as a namespace (`new ExcelJS.Workbook()`) an object whose properties are read from the package.
 * The package is `require`d (its CommonJS build, the same release) the first time.
 */
export const LAZY_PACKAGES: Record<string, { functions?: string[]; classes?: string[]; defaultNamespace?: boolean }> = {
  'pinyin-pro': { functions: ['pinyin'] },
  exceljs: { defaultNamespace: true },
  'iconv-lite': { defaultNamespace: true },
  jschardet: { defaultNamespace: true },
  'jpeg-js': { functions: ['decode', 'encode'] },
  '@fastify/busboy': { classes: ['Busboy'] },
};

function lazyPackages(): Plugin {
  const deps = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { dependencies: object })
    .dependencies;
  return {
    name: 'lazy-packages',
    setup(b) {
      const filter = new RegExp(`^(${Object.keys(LAZY_PACKAGES).join('|').replace(/[/.]/g, '\\$&')})$`);
      b.onResolve({ filter }, (a) => {
        if (!(a.path in deps)) throw new Error(`${a.path}: a lazy package must be a runtime dependency`);
        return { path: a.path, namespace: 'lazy-package' };
      });
      b.onLoad({ filter: /.*/, namespace: 'lazy-package' }, (a) => ({
        loader: 'js',
        contents: [
          `import { createRequire } from 'node:module';`,
          `let m;`,
          `const load = () => (m ??= createRequire(import.meta.url)(${JSON.stringify(a.path)}));`,
          ...(LAZY_PACKAGES[a.path].functions ?? []).map(
            (n) => `export function ${n}(...args) { return load().${n}(...args); }`,
          ),
          ...(LAZY_PACKAGES[a.path].classes ?? []).map(
            (n) => `export function ${n}(...args) { return Reflect.construct(load().${n}, args); }`,
          ),
          LAZY_PACKAGES[a.path].defaultNamespace
            ? `export default new Proxy({}, { get: (_, k) => load()[k], has: (_, k) => k in load() });`
            : '',
        ].join('\n'),
      }));
    },
  };
}

/**
 * Packages loaded through their CommonJS build (the same release) instead of their ES module
 * build: Node 20 loads these faster by `require` (measured in a fresh process: pdfkit 174 vs
 * 218 ms, fontkit 114 vs 196 ms, zod 86 vs 105 ms) and every `huibian compile` loads them. pdfkit
 * and fontkit go together (pdfkit's CommonJS build requires fontkit's: one fontkit, whose glyph
 * class core/node/sparse-font wraps). The exports are listed at build time from the package itself.
 */
export const CJS_PACKAGES = ['pdfkit', 'fontkit', 'zod'];

function cjsPackages(): Plugin {
  const req = createRequire(path.join(root, 'package.json'));
  const ident = /^[A-Za-z_$][\w$]*$/;
  return {
    name: 'cjs-packages',
    setup(b) {
      const filter = new RegExp(`^(${CJS_PACKAGES.join('|')})$`);
      b.onResolve({ filter }, (a) => ({ path: a.path, namespace: 'cjs-package' }));
      b.onLoad({ filter: /.*/, namespace: 'cjs-package' }, (a) => {
        const m = req(a.path) as Record<string, unknown>;
        const names = Object.keys(m).filter((n) => ident.test(n) && n !== 'default');
        return {
          loader: 'js',
          contents: [
            `import { createRequire } from 'node:module';`,
            `const m = createRequire(import.meta.url)(${JSON.stringify(a.path)});`,
            `export default (m && m.__esModule && 'default' in m ? m.default : m);`,
            names.length ? `export const { ${names.join(', ')} } = m;` : '',
          ].join('\n'),
        };
      });
    },
  };
}

/**
 * Packages imported through their own single-file ESM build: pdf-lib's `es/` build is ~300 files
 * (~0.45 s of CPU to resolve and link in a fresh process), its `dist/pdf-lib.esm.js` the same
 * release as one file (~0.15 s). Not minified ones: class names stay as they are.
 */
export const PREBUNDLED_PACKAGES: Record<string, string> = { 'pdf-lib': 'pdf-lib/dist/pdf-lib.esm.js' };

function prebundledPackages(): Plugin {
  return {
    name: 'prebundled-packages',
    setup(b) {
      const filter = new RegExp(`^(${Object.keys(PREBUNDLED_PACKAGES).join('|')})$`);
      b.onResolve({ filter }, (a) => ({ path: PREBUNDLED_PACKAGES[a.path], external: true }));
    },
  };
}

export function cliBuildOptions(outdir: string): BuildOptions {
  return {
    absWorkingDir: root,
    entryPoints: { main: 'cli/main.ts', 'read-worker': 'core/node/read-worker.ts' },
    outdir,
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    chunkNames: '[name]-[hash]',
    legalComments: 'none',
    // Whitespace and syntax minified, names kept (readable stack traces): less to parse at start-up,
    // and the generated code stays out of line-based tools (duplicates, diffs by line).
    minifyWhitespace: true,
    minifySyntax: true,
    keepNames: true,
    logLevel: 'error',
    banner: { js: '// GENERATED by cli/build.ts (npm run build:cli): do not edit.' },
    metafile: true,
    plugins: [lazyPackages(), cjsPackages(), prebundledPackages()],
  };
}

/**
 * The build's identity (core/node/build-id): a hash of every source file the bundle is made of
 * and of package-lock.json (the external packages' versions), found by a first pass that writes
 * nothing. Caches of our results (import results) are keyed by it.
 */
async function buildId(opts: BuildOptions): Promise<string> {
  const probe = await build({ ...opts, write: false });
  const h = createHash('sha256');
  const files = [...Object.keys(probe.metafile!.inputs).filter((f) => !f.includes(':')), 'package-lock.json'].sort();
  for (const f of files)
    h.update(f)
      .update('\0')
      .update(readFileSync(path.join(root, f)))
      .update('\0');
  return h.digest('hex').slice(0, 32);
}

/** Builds into `outdir` (emptied first); returns the metafile (inputs, outputs, external imports). */
export async function buildCli(outdir = CLI_DIST): Promise<Metafile> {
  rmSync(outdir, { recursive: true, force: true });
  const opts = cliBuildOptions(outdir);
  const id = await buildId(opts);
  const r = await build({ ...opts, define: { __HUIBIAN_BUILD_ID__: JSON.stringify(id) } });
  return r.metafile!;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const meta = await buildCli();
  const bytes = Object.values(meta.outputs).reduce((n, o) => n + o.bytes, 0);
  console.log(`cli/dist: ${Object.keys(meta.outputs).length} files, ${(bytes / 1024).toFixed(0)} KB`);
}
