// core/node/lazy-modules: in a fresh process fontkit loads without the WOFF2 decoder (brotli), and the
// stand-in still decodes, through the real decoder, the first time fontkit would call it; zod loads
// without its ~45 message languages, which still work when `z.locales` is read; pdfkit loads without
// its AES cipher, which still encrypts when asked to.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');
const lazy = pathToFileURL(path.join(root, 'core', 'node', 'lazy-modules.ts')).href;

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
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: root,
    encoding: 'utf8',
  });
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout.trim().split('\n').pop()!);
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
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: root,
    encoding: 'utf8',
  });
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout.trim().split('\n').pop()!);
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
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: root,
    encoding: 'utf8',
  });
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout.trim().split('\n').pop()!);
}

describe('deferPdfCipher', () => {
  it('keeps the AES cipher unloaded until a PDF is encrypted, which then works', () => {
    expect(freshPdfkit(true)).toEqual({ before: false, after: true, encrypted: true });
  }, 30_000);

  it('without it pdfkit loads the cipher at start-up (the test can fail)', () => {
    expect(freshPdfkit(false)).toEqual({ before: true, after: true, encrypted: true });
  }, 30_000);
});
