// Defers fontkit's WOFF2 decoder (the `brotli` package, whose 750 KB dictionary module costs a
// fresh process ~40 ms of CPU to load) until a WOFF2 font is actually decoded. fontkit imports
// `brotli/decompress.js` at start-up although only WOFF2 files need it, and we never read WOFF2
// (core/node/fonts.ts refuses web fonts). A stand-in function is put in Node's CommonJS module
// cache under the real file's name before fontkit loads; on its first call it loads the real
// decoder and hands every call on to it, so behaviour is unchanged, only later. Node-only.
import Module, { createRequire } from 'node:module';

let done = false;

/** Call before anything imports fontkit (pdfkit imports it too); a no-op when that already happened. */
export function deferWoff2Decoder(): void {
  if (done) return;
  done = true;
  try {
    const req = createRequire(import.meta.url);
    const fontkitReq = createRequire(req.resolve('fontkit'));
    const file = fontkitReq.resolve('brotli/decompress.js');
    if (req.cache[file]) return;
    let real: ((...args: unknown[]) => unknown) | undefined;
    const stub = new Module(file);
    stub.filename = file;
    stub.loaded = true;
    stub.exports = function decompress(...args: unknown[]): unknown {
      if (!real) {
        if (req.cache[file] === stub) delete req.cache[file];
        real = fontkitReq(file) as (...args: unknown[]) => unknown;
      }
      return real(...args);
    };
    req.cache[file] = stub;
  } catch {
    // fontkit or brotli laid out differently: fontkit then loads the decoder itself, as before.
  }
}
