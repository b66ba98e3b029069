// What a fresh `huibian` process loads before it can work (issue 12, issue 15): the committed
// cli/dist/ is walked along its static imports from a command's chunk. `sort` must not load
// pinyin-pro, pdfkit, fontkit, docx, pdf-lib or markdown-it; a PDF-only compile must not load docx;
// no chunk imports a package of LAZY_PACKAGES by name (each is `require`d on first use), and the
// packages of CJS_PACKAGES are `require`d (their CommonJS build) when their chunk runs.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CJS_PACKAGES, LAZY_PACKAGES, PREBUNDLED_PACKAGES } from '../../cli/build';

const dist = path.resolve(__dirname, '../../cli/dist');
const files = readdirSync(dist).filter((f) => f.endsWith('.js'));
const STATIC_IMPORT = /(?:^|[;}\n])\s*import\s*(?:[^'";]*?from\s*)?["']([^"']+)["']/g;
/** A package required when the chunk runs (CJS_PACKAGES), not on first use (LAZY_PACKAGES: `m ??= …`). */
const EAGER_REQUIRE = /(?<!\?\?)=\s*createRequire\(import\.meta\.url\)\(["']([^"']+)["']\)/g;
const source = (f: string) => readFileSync(path.join(dist, f), 'utf8');
const staticImports = (f: string) => [...source(f).matchAll(STATIC_IMPORT)].map((m) => m[1]);
const eagerRequires = (f: string) => [...source(f).matchAll(EAGER_REQUIRE)].map((m) => m[1]);

/** Packages (and built-ins) a chunk loads before its code runs, through every static import. */
function loadedBy(entry: string): Set<string> {
  const seen = new Set<string>();
  const packages = new Set<string>();
  const visit = (f: string) => {
    if (seen.has(f)) return;
    seen.add(f);
    for (const spec of staticImports(f)) {
      if (spec.startsWith('./')) visit(spec.slice(2));
      else packages.add(spec);
    }
    for (const p of eagerRequires(f)) packages.add(p);
  };
  visit(entry);
  return packages;
}
const chunkOf = (command: string) => files.find((f) => f.startsWith(`${command}-`))!;

describe('fresh start-up of the built CLI', () => {
  it('finds the command chunks and their imports (the walk works)', () => {
    expect(chunkOf('sort')).toBeDefined();
    expect(loadedBy(chunkOf('compile'))).toContain('pdfkit');
    expect(loadedBy(chunkOf('compile'))).toContain('fontkit');
  });

  it('sort loads none of the compile, DOCX or pinyin packages', () => {
    const loaded = [...loadedBy(chunkOf('sort'))];
    for (const p of ['pinyin-pro', 'pdfkit', 'fontkit', 'docx', 'pdf-lib', 'markdown-it'])
      expect(loaded.filter((x) => x === p || x.startsWith(`${p}/`))).toEqual([]);
  });

  it('a PDF compile does not load the docx package (it is imported when a DOCX is asked for)', () => {
    expect([...loadedBy(chunkOf('compile'))].filter((x) => x.startsWith('docx'))).toEqual([]);
  });

  it('no chunk imports a lazily loaded package by name, and pdf-lib only through its one-file build', () => {
    const all = files.flatMap((f) => staticImports(f));
    for (const p of Object.keys(LAZY_PACKAGES)) expect(all).not.toContain(p);
    for (const [p, file] of Object.entries(PREBUNDLED_PACKAGES)) {
      expect(all).not.toContain(p);
      expect(all).toContain(file);
    }
  });

  it('loads pdfkit, fontkit and zod through their CommonJS builds, never by import', () => {
    const all = files.flatMap((f) => staticImports(f));
    const required = files.flatMap((f) => eagerRequires(f));
    for (const p of CJS_PACKAGES) {
      expect(all.filter((x) => x === p || x.startsWith(`${p}/`))).toEqual([]);
      expect(required).toContain(p);
    }
  });
});
