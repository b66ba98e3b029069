// CommonJS modules that packages load at start-up although we never use them, deferred until
// first use: a stand-in is put in Node's CommonJS module cache under the real file's name before
// the package loads; on first use it loads the real module and hands everything on to it, so
// behaviour is unchanged, only later. Node-only.
// - fontkit's WOFF2 decoder (`brotli/decompress.js`, whose 750 KB dictionary module costs a fresh
//   process ~40 ms of CPU): only WOFF2 fonts need it, and core/node/fonts.ts refuses web fonts.
// - zod's error messages in ~45 languages (`zod/v4/locales/index.cjs`, ~25 ms): zod exposes them
//   as `z.locales`, which we never read (our messages are core/contract/zod-zh.ts).
// - pdfkit's AES cipher (`@noble/ciphers/aes`, ~12 ms): only encrypted PDFs use it, ours are not.
// - pdfkit's line breaker (`linebreak`, its Unicode table inflated at load) and fontkit's Unicode
//   properties (`unicode-properties`, likewise): only pdfkit's own text wrapping (print registers)
//   and fontkit's shaping of complex scripts use them; the dossier's lines are broken by our layout.
import Module, { createRequire } from 'node:module';

const done = new Set<string>();

/**
 * Puts `stub(load)` in the module cache for `spec` as resolved from package `from`; `load` gives
 * the real module (loading it once). Nothing happens when the module is already loaded or the
 * files are laid out differently (the package then loads it itself, as before).
 */
function defer(from: string, spec: string, stub: (load: () => unknown) => unknown): void {
  if (done.has(spec)) return;
  done.add(spec);
  try {
    const req = createRequire(import.meta.url);
    const fromReq = createRequire(req.resolve(from));
    const file = fromReq.resolve(spec);
    if (req.cache[file]) return;
    let real: unknown;
    const m = new Module(file);
    m.filename = file;
    m.loaded = true;
    const load = () => {
      if (real === undefined) {
        if (req.cache[file] === m) delete req.cache[file];
        real = fromReq(file);
      }
      return real;
    };
    m.exports = stub(load);
    req.cache[file] = m;
  } catch {
    // laid out differently: loaded at start-up as before
  }
}

/** Call before anything loads fontkit (pdfkit loads it too); a no-op when that already happened. */
export function deferWoff2Decoder(): void {
  defer(
    'fontkit',
    'brotli/decompress.js',
    (load) =>
      function decompress(...args: unknown[]): unknown {
        return (load() as (...a: unknown[]) => unknown)(...args);
      },
  );
}

/** An object read through to the real module's exports (which load on the first property read). */
function readThrough(load: () => unknown, esModule: boolean): object {
  const real = () => load() as Record<PropertyKey, unknown>;
  return new Proxy({} as Record<PropertyKey, unknown>, {
    get: (_, k) => (esModule && k === '__esModule' ? true : real()[k]),
    has: (_, k) => (esModule && k === '__esModule') || k in real(),
    ownKeys: () => Reflect.ownKeys(real()),
    getOwnPropertyDescriptor: (_, k) => {
      const d = Reflect.getOwnPropertyDescriptor(real(), k);
      return d ? { ...d, configurable: true } : undefined;
    },
  });
}

/** Call before anything loads zod's CommonJS build; `z.locales` then loads on first use. */
export function deferZodLocales(): void {
  // ES-module-shaped, so zod's __importStar keeps the object as it is instead of copying it.
  defer('zod', './v4/locales/index.cjs', (load) => readThrough(load, true));
}

/** Call before anything loads pdfkit; its AES cipher (only for encrypted PDFs) then loads on first use. */
export function deferPdfCipher(): void {
  defer('pdfkit', '@noble/ciphers/aes', (load) => readThrough(load, false));
}

/** A constructor (or function) that loads the real one when first called or read. */
function callThrough(load: () => unknown): object {
  const real = () => load() as (...a: unknown[]) => unknown;
  return new Proxy(function () {} as unknown as (...a: unknown[]) => unknown, {
    apply: (_, self, args) => Reflect.apply(real(), self, args),
    construct: (_, args, target) => Reflect.construct(real(), args, target === _ ? real() : target),
    get: (_, k) => (real() as unknown as Record<PropertyKey, unknown>)[k],
  });
}

/** Call before anything loads pdfkit or fontkit: their Unicode tables then load on first use. */
export function deferUnicodeTables(): void {
  defer('pdfkit', 'linebreak', callThrough);
  defer('fontkit', 'unicode-properties', (load) => readThrough(load, false));
}
