// core/node/lazy-modules: in a fresh process fontkit loads without the WOFF2 decoder (brotli), and the
// stand-in still decodes, through the real decoder, the first time fontkit would call it; zod loads
// without its ~45 message languages, which still work when `z.locales` is read; pdfkit loads without
// its AES cipher, which still encrypts when asked to, and pdfkit and fontkit without their Unicode
// tables (line breaking, script properties), which still work when first used. Each case also runs
// without the deferral, where the module is loaded at start-up (so the test can fail).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');
const lazy = pathToFileURL(path.join(root, 'core', 'node', 'lazy-modules.ts')).href;
const pkg = pathToFileURL(path.join(root, 'package.json')).href;

/**
 * Runs `body` as an ES module in a fresh Node process (TypeScript through tsx), after `defer` when
 * asked. In scope: `req` (require from the project), `from(p)` (require from package p), `ran`
 * (the deferred modules whose real file was compiled: a stand-in never is) and `zlib`. The body
 * prints one JSON line.
 */
function runFresh<T>(defer: string | false, body: string): T {
  const script = `
    import Module, { createRequire } from 'node:module';
    import zlib from 'node:zlib';
    const lazy = await import(${JSON.stringify(lazy)});
    const ran = [];
    const compile = Module.prototype._compile;
    Module.prototype._compile = function (content, filename) {
      const m = /(linebreak|unicode-properties)[\\/]dist[\\/]main\\.cjs$|(brotli)[\\/]dec[\\/]decode\\.js$|(zod)[\\/]v4[\\/]locales[\\/]zh-CN\\.cjs$|(@noble[\\/]ciphers)[\\/]_polyval\\.js$/.exec(filename);
      if (m) ran.push(m.slice(1).find(Boolean).replace('\\\\', '/'));
      return compile.apply(this, arguments);
    };
    const req = createRequire(${JSON.stringify(pkg)});
    const from = (p) => createRequire(req.resolve(p));
    ${defer ? `lazy.${defer}();` : ''}
    ${body}`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: root,
    encoding: 'utf8',
  });
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as T;
}

const CASES: { defer: string; what: string; modules: string[]; body: string }[] = [
  {
    defer: 'deferWoff2Decoder',
    what: 'fontkit’s WOFF2 decoder, which then decodes with the real decoder',
    modules: ['brotli'],
    body: `
      req('fontkit');
      const before = [...ran];
      const data = Buffer.from('汇编 Huibian '.repeat(500));
      const out = from('fontkit')('brotli/decompress.js')(zlib.brotliCompressSync(data), data.length);
      console.log(JSON.stringify({ before, after: [...ran], works: Buffer.from(out).equals(data) }));`,
  },
  {
    defer: 'deferZodLocales',
    what: 'zod’s message languages, which work once z.locales is read',
    modules: ['zod'],
    body: `
      const { z } = req('zod');
      const before = [...ran];
      z.config(z.locales.zhCN());
      const r = z.string().safeParse(1);
      const works = !r.success && /[\\u4e00-\\u9fff]/.test(r.error.issues[0].message);
      console.log(JSON.stringify({ before, after: [...ran], works }));`,
  },
  {
    defer: 'deferPdfCipher',
    what: 'pdfkit’s AES cipher, which encrypts once asked to',
    modules: ['@noble/ciphers'],
    body: `
      const PDFDocument = req('pdfkit');
      const before = [...ran];
      const doc = new PDFDocument({ pdfVersion: '1.7ext3', userPassword: '政协', ownerPassword: 'x' });
      const parts = [];
      doc.on('data', (d) => parts.push(d));
      doc.on('end', () => {
        const pdf = Buffer.concat(parts).toString('latin1');
        console.log(JSON.stringify({ before, after: [...ran], works: /\\/Encrypt/.test(pdf) && /\\/AESV3/.test(pdf) }));
      });
      doc.text('汇编 Huibian');
      doc.end();`,
  },
  {
    defer: 'deferUnicodeTables',
    what: 'the line breaker and Unicode properties, which work when first used',
    modules: ['linebreak', 'unicode-properties'],
    body: `
      req('pdfkit');
      const before = [...ran].sort();
      const b = new (from('pdfkit')('linebreak'))('政协委员 Huibian 汇编。');
      let breaks = 0;
      while (b.nextBreak()) breaks++;
      const han = from('fontkit')('unicode-properties').getScript(0x6c47) === 'Han';
      console.log(JSON.stringify({ before, after: [...ran].sort(), works: breaks > 3 && han }));`,
  },
];

type Run = { before: string[]; after: string[]; works: boolean };

for (const c of CASES) {
  // Only this case's modules (loading a package may load other deferred modules too).
  const mine = (r: Run) => ({
    before: [...new Set(r.before.filter((m) => c.modules.includes(m)))].sort(),
    after: [...new Set(r.after.filter((m) => c.modules.includes(m)))].sort(),
    works: r.works,
  });
  describe(c.defer, () => {
    it(`keeps ${c.what}`, () => {
      expect(mine(runFresh(c.defer, c.body))).toEqual({ before: [], after: c.modules, works: true });
    }, 30_000);

    it('without it the package loads them at start-up (the test can fail)', () => {
      expect(mine(runFresh(false, c.body))).toEqual({ before: c.modules, after: c.modules, works: true });
    }, 30_000);
  });
}
