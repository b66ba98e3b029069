// core/node/lazy-modules: in a fresh process fontkit loads without the WOFF2 decoder (brotli), and the
// stand-in still decodes, through the real decoder, the first time fontkit would call it; zod loads
// without its ~45 message languages, which still work when `z.locales` is read; pdfkit loads without
// its AES cipher, which still encrypts when asked to, and pdfkit and fontkit without their Unicode
// tables (line breaking, script properties), which still work when first used.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');
const lazy = pathToFileURL(path.join(root, 'core', 'node', 'lazy-modules.ts')).href;

/** Runs an ES module script in a fresh Node process (TypeScript through tsx); its last line is JSON. */
function runFresh<T>(script: string): T {
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: root,
    encoding: 'utf8',
  });
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as T;
}

function fresh(defer: boolean): { before: boolean; after: boolean; same: boolean } {
  const script = `
    import { createRequire } from 'node:module';
    import zlib from 'node:zlib';
    const { deferWoff2Decoder } = await import(${JSON.stringify(lazy)});
    if (${defer}) deferWoff2Decoder();
    await import('fontkit');
    const req = createRequire(${JSON.stringify(pathToFileURL(path.join(root, 'package.json')).href)});
    const fk = createRequire(req.resolve('fontkit'));
    const decoderLoaded = () => Object.keys(req.cache).some((f) => f.includes('brotli') && f.endsWith('decode.js') && req.cache[f].loaded);
    const before = decoderLoaded();
    const data = Buffer.from('汇编 Huibian '.repeat(500));
    const out = fk('brotli/decompress.js')(zlib.brotliCompressSync(data), data.length);
    console.log(JSON.stringify({ before, after: decoderLoaded(), same: Buffer.from(out).equals(data) }));`;
  return runFresh(script);
}

describe('deferWoff2Decoder', () => {
  it('keeps brotli unloaded until a WOFF2 decode, then decodes with the real decoder', () => {
    expect(fresh(true)).toEqual({ before: false, after: true, same: true });
  }, 30_000);

  it('without it fontkit loads the decoder at start-up (the test can fail)', () => {
    expect(fresh(false)).toEqual({ before: true, after: true, same: true });
  }, 30_000);
});

function freshZod(defer: boolean): { before: boolean; after: boolean; works: boolean } {
  const script = `
    import { createRequire } from 'node:module';
    const { deferZodLocales } = await import(${JSON.stringify(lazy)});
    if (${defer}) deferZodLocales();
    const req = createRequire(${JSON.stringify(pathToFileURL(path.join(root, 'package.json')).href)});
    const { z } = req('zod');
    const loaded = () => Object.keys(req.cache).some((f) => /zod.v4.locales.zh-CN\.cjs$/.test(f));
    const before = loaded();
    z.config(z.locales.zhCN());
    const r = z.string().safeParse(1);
    console.log(JSON.stringify({ before, after: loaded(), works: !r.success && /[\u4e00-\u9fff]/.test(r.error.issues[0].message) }));`;
  return runFresh(script);
}

describe('deferZodLocales', () => {
  it('keeps the message languages unloaded until z.locales is read, then they work', () => {
    expect(freshZod(true)).toEqual({ before: false, after: true, works: true });
  }, 30_000);

  it('without it zod loads them all at start-up (the test can fail)', () => {
    expect(freshZod(false)).toEqual({ before: true, after: true, works: true });
  }, 30_000);
});

function freshPdfkit(defer: boolean): { before: boolean; after: boolean; encrypted: boolean } {
  const script = `
    import { createRequire } from 'node:module';
    const { deferPdfCipher } = await import(${JSON.stringify(lazy)});
    if (${defer}) deferPdfCipher();
    const req = createRequire(${JSON.stringify(pathToFileURL(path.join(root, 'package.json')).href)});
    const PDFDocument = req('pdfkit');
    const loaded = () => Object.keys(req.cache).some((f) => /@noble.ciphers._polyval\\.js$/.test(f) && req.cache[f].loaded);
    const before = loaded();
    const doc = new PDFDocument({ pdfVersion: '1.7ext3', userPassword: '政协', ownerPassword: 'x' });
    const parts = [];
    doc.on('data', (d) => parts.push(d));
    doc.on('end', () => {
      const pdf = Buffer.concat(parts).toString('latin1');
      console.log(JSON.stringify({ before, after: loaded(), encrypted: /\\/Encrypt/.test(pdf) && /\\/AESV3/.test(pdf) }));
    });
    doc.text('汇编 Huibian');
    doc.end();`;
  return runFresh(script);
}

describe('deferPdfCipher', () => {
  it('keeps the AES cipher unloaded until a PDF is encrypted, which then works', () => {
    expect(freshPdfkit(true)).toEqual({ before: false, after: true, encrypted: true });
  }, 30_000);

  it('without it pdfkit loads the cipher at start-up (the test can fail)', () => {
    expect(freshPdfkit(false)).toEqual({ before: true, after: true, encrypted: true });
  }, 30_000);
});

function freshUnicode(defer: boolean): { before: string[]; after: string[]; breaks: number; script: string } {
  // A module's file is compiled only when the real module runs (a stand-in never is).
  const script = `
    import Module, { createRequire } from 'node:module';
    const { deferUnicodeTables } = await import(${JSON.stringify(lazy)});
    const ran = [];
    const compile = Module.prototype._compile;
    Module.prototype._compile = function (content, filename) {
      const m = /(linebreak|unicode-properties)[\\/]dist[\\/]main\\.cjs$/.exec(filename);
      if (m) ran.push(m[1]);
      return compile.apply(this, arguments);
    };
    if (${defer}) deferUnicodeTables();
    const req = createRequire(${JSON.stringify(pathToFileURL(path.join(root, 'package.json')).href)});
    req('pdfkit');
    const before = [...ran].sort();
    const LineBreaker = createRequire(req.resolve('pdfkit'))('linebreak');
    const b = new LineBreaker('政协委员 Huibian 汇编。');
    let breaks = 0;
    while (b.nextBreak()) breaks++;
    const script = createRequire(req.resolve('fontkit'))('unicode-properties').getScript(0x6c47);
    console.log(JSON.stringify({ before, after: [...ran].sort(), breaks, script }));`;
  return runFresh(script);
}

describe('deferUnicodeTables', () => {
  it('keeps the line breaker and Unicode properties unloaded until used, then they work', () => {
    const r = freshUnicode(true);
    expect(r.before).toEqual([]);
    expect(r.after).toEqual(['linebreak', 'unicode-properties']);
    expect(r.script).toBe('Han');
    expect(r.breaks).toBeGreaterThan(3);
  }, 30_000);

  it('without it pdfkit loads both at start-up (the test can fail)', () => {
    const r = freshUnicode(false);
    expect(r.before).toEqual(['linebreak', 'unicode-properties']);
    expect(r.breaks).toBe(freshUnicode(true).breaks);
  }, 60_000);
});
