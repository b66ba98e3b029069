// Reuses a font's compressed subset stream when the next document needs exactly the same glyphs
// (a warm recompile of an unchanged or lightly edited session): fontkit's subsetting (slow for the
// CFF body font) and the deflate of ~2 MB of font data then happen once per process, not per
// compile. Hooks pdfkit's EmbeddedFont.embed for its first ref (the FontFile stream), guarded:
// when pdfkit's internals differ, it does nothing and pdfkit embeds as usual. It must never
// change the bytes embedded: a cache hit requires the identical glyph list of the identical font.
import { zlibSync } from 'fflate';
import { skipSubrScanWhenNoSubrs } from './cff-subset';

interface RefLike {
  data: Record<string, unknown>;
  compress: boolean;
  end(chunk?: Uint8Array): void;
}
interface DocLike {
  ref(data?: Record<string, unknown>): RefLike;
}
interface FontLike {
  font: object;
  document: DocLike;
  subset: { glyphs?: number[]; encode(): Uint8Array };
  embed(): unknown;
  __hbStreamCache?: boolean;
}

/** Per fontkit font: the last glyph list and its deflated subset (one entry: bounded memory). */
const cache = new WeakMap<object, { key: string; deflated: Uint8Array }>();

/** The fonts hooked per document, for precompressFontStreams. */
const hooked = new WeakMap<object, FontLike[]>();

type Deflate = (raw: Uint8Array) => Promise<Uint8Array>;
let nativeDeflate: Deflate | undefined;

/**
 * The host's own zlib deflate (default options, zlib wrapper), off the main thread. On Node
 * (core/node/compile-session) it is zlib.deflate: the same bytes as CompressionStream('deflate'),
 * without loading the web-streams and fetch machinery (~40 ms of a fresh process) to get them.
 */
export function useNativeDeflate(fn: Deflate): void {
  nativeDeflate = fn;
}

/** zlib-wrapped deflate with the host's native zlib (set by useNativeDeflate, or CompressionStream), else fflate. */
async function zlibDeflate(raw: Uint8Array): Promise<Uint8Array> {
  if (nativeDeflate) return nativeDeflate(raw);
  const CS = (globalThis as { CompressionStream?: new (f: string) => TransformStream<Uint8Array, Uint8Array> })
    .CompressionStream;
  if (!CS) return zlibSync(raw, { level: 6 });
  const stream = new Blob([raw as BlobPart]).stream().pipeThrough(new CS('deflate'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/**
 * Once every page is drawn (the glyph sets are final), builds and compresses the font subsets
 * that are not cached yet, in parallel and off the main thread, so that doc.end() only copies
 * cached streams. Optional: without it, embed compresses synchronously on a miss.
 */
export async function precompressFontStreams(doc: object): Promise<void> {
  const pending = (hooked.get(doc) ?? []).flatMap((f) => {
    const glyphs = f.subset.glyphs;
    if (!Array.isArray(glyphs)) return [];
    const key = glyphs.join(',');
    if (cache.get(f.font)?.key === key) return [];
    return [{ f, key, size: glyphs.length, stored: store ? storeKey(f.font, key) : '' }];
  });
  // Streams kept by an earlier process (useFontStreamStore), looked up all at once.
  const kept = await Promise.all(pending.map((p) => (store ? store.get(p.stored) : undefined)));
  const misses = pending.filter((p, i) => {
    const hit = kept[i];
    if (hit) cache.set(p.f.font, { key: p.key, deflated: hit });
    return !hit;
  });
  // The largest subset first: its deflate (on the I/O threads) then overlaps the others' encoding.
  misses.sort((a, b) => b.size - a.size);
  await Promise.all(
    misses.map(async ({ f, key, stored }) => {
      skipSubrScanWhenNoSubrs(f.subset as unknown as Parameters<typeof skipSubrScanWhenNoSubrs>[0]);
      const raw = f.subset.encode();
      const deflated = await zlibDeflate(raw);
      cache.set(f.font, { key, deflated });
      if (stored) await store?.put(stored, deflated);
    }),
  );
}

/**
 * Where compressed font streams can be kept between processes (the CLI's cache folder, see
 * core/node/font-stream-store): a short process then skips subsetting and deflating fonts whose
 * glyph set it has seen before. The key names the font by its table directory (tag, checksum
 * and length of every table: any change to the file's content changes it) and the glyph list.
 */
export interface FontStreamStore {
  get(key: string): Promise<Uint8Array | undefined>;
  put(key: string, deflated: Uint8Array): Promise<void>;
}
let store: FontStreamStore | undefined;
export function useFontStreamStore(s: FontStreamStore | undefined): void {
  store = s;
}

interface TableEntry {
  checkSum?: number;
  length?: number;
}
function storeKey(font: object, glyphs: string): string {
  const tables = (font as { directory?: { tables?: Record<string, TableEntry> } }).directory?.tables ?? {};
  const dir = Object.keys(tables)
    .sort()
    .map((t) => `${t}:${tables[t].checkSum}:${tables[t].length}`)
    .join(' ');
  const name = (font as { postscriptName?: string }).postscriptName ?? '';
  return `font-stream-1|${name}|${dir}|${glyphs}`;
}

export function cacheFontStream(f: FontLike): void {
  if (
    f.__hbStreamCache ||
    typeof f.embed !== 'function' ||
    !f.subset ||
    typeof f.subset.encode !== 'function' ||
    !f.document ||
    typeof f.document.ref !== 'function'
  )
    return;
  f.__hbStreamCache = true;
  const list = hooked.get(f.document) ?? [];
  list.push(f);
  hooked.set(f.document, list);
  const originalEmbed = f.embed.bind(f);
  f.embed = () => {
    const glyphs = f.subset.glyphs;
    if (!Array.isArray(glyphs)) return originalEmbed();
    const key = glyphs.join(',');
    const hit = cache.get(f.font);
    const deflated = hit && hit.key === key ? hit.deflated : null;
    const doc = f.document as DocLike & { ref: DocLike['ref'] };
    const subset = f.subset;
    const originalEncode = subset.encode;
    const originalRef = doc.ref;
    let pending: Uint8Array | null = null;
    // The subset bytes are only needed on a miss; on a hit the cached stream replaces them.
    subset.encode = () => {
      if (deflated) return new Uint8Array(0);
      skipSubrScanWhenNoSubrs(subset as unknown as Parameters<typeof skipSubrScanWhenNoSubrs>[0]);
      const raw = originalEncode.call(subset);
      pending = zlibSync(raw, { level: 6 }); // FlateDecode wants the zlib wrapper, not raw deflate
      return raw;
    };
    let first = true;
    doc.ref = function (this: DocLike, data?: Record<string, unknown>) {
      const r = originalRef.call(this, data);
      if (first) {
        first = false;
        const end = r.end.bind(r);
        r.end = () => {
          const stream = deflated ?? pending;
          if (!stream) return end();
          r.compress = false;
          r.data.Filter = 'FlateDecode';
          if (!deflated) cache.set(f.font, { key, deflated: stream });
          end(stream);
        };
      }
      return r;
    };
    try {
      return originalEmbed();
    } finally {
      subset.encode = originalEncode;
      delete (doc as Partial<DocLike>).ref;
      if (doc.ref !== originalRef) doc.ref = originalRef;
    }
  };
}
