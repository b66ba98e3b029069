// A content-addressed cache of import results for the terminal commands on a session folder
// (`huibian compile|import|export` through core/node/folder-ports). A session folder keeps only its
// sources, so without it every `huibian compile` would read and import every source again (~0.4 s
// of the sample's ~1.8 s). The app does not need it: its store keeps the imported bodies.
//
// Correctness before speed: an entry is used only when everything the import read is the same —
// the build of the program (BUILD_ID: the CLI's source and lock file, set by cli/build.ts; a run
// from TypeScript has none and never caches), the file's name and bytes, the session context the
// importer sees (roster, settings, date), and every picture a Markdown source pulled in through
// its resolver (checked again on each use). An entry carries a checksum of its text: a torn or
// edited entry is a miss, never a wrong body. The cache lives in the user's cache folder
// (defaultCacheDir), not in the session folder, so it never dirties a folder on a shared drive
// and a clerk's hand edit of a source is simply a new key. It is best effort: a cache folder that
// cannot be read or written only costs the time it would have saved. Bounded: when more than
// IMPORT_CACHE_MAX_ENTRIES entries exist after a run that added some, the oldest go.
import { createHash } from 'node:crypto';
import type { Session } from '../model/session';
import type { ImageResolver, ImportedFile, Importer } from '../service/ports';
import { CacheFolder, sha256 } from './cache-folder';

export const IMPORT_CACHE_MAX_ENTRIES = 4000;
/** Results larger than this (JSON) are not kept: a big PDF's body is its bytes again. */
export const IMPORT_CACHE_MAX_BYTES = 4 * 1024 * 1024;

type Dep = { src: string; sha: string };

/** The hash of a picture as the resolver gives it ('-' when it gives none). */
function pictureHash(resolve: ImageResolver | undefined, src: string): string {
  let r;
  try {
    r = resolve?.(src);
  } catch {
    return '!';
  }
  return r ? `${r.mime}:${sha256(r.data)}` : '-';
}

/** What the importer sees of the session: everything but its submissions (importFiles drops them too). */
function contextDigest(session: Session): string {
  return sha256(JSON.stringify({ ...session, submissions: [] }));
}

export class ImportCache {
  private readonly entries: CacheFolder<{ deps: Dep[] }>;
  readonly folder: string;

  constructor(
    dir: string,
    readonly buildId: string,
    maxEntries = IMPORT_CACHE_MAX_ENTRIES,
  ) {
    this.entries = new CacheFolder(dir, 'import', 'huibian-import-cache-2', maxEntries);
    this.folder = this.entries.folder;
  }

  key(context: string, name: string, bytes: Uint8Array): string {
    const h = createHash('sha256');
    for (const part of [this.buildId, context, name]) h.update(part).update('\0');
    return h.update(bytes).digest('hex');
  }

  /** The cached result, when its entry is intact and every picture it used is unchanged. */
  async get(key: string, resolve: ImageResolver | undefined): Promise<ImportedFile | undefined> {
    const e = await this.entries.read(key);
    if (!e || !Array.isArray(e.head.deps)) return undefined;
    if (e.head.deps.some((d) => pictureHash(resolve, d.src) !== d.sha)) return undefined;
    try {
      return JSON.parse(new TextDecoder().decode(e.body)) as ImportedFile;
    } catch {
      return undefined;
    }
  }

  /** Keeps a result (written whole or not at all; failures are ignored). */
  async put(key: string, result: ImportedFile, deps: Dep[]): Promise<void> {
    const body = JSON.stringify(result);
    if (body.length > IMPORT_CACHE_MAX_BYTES) return;
    await this.entries.write(key, new TextEncoder().encode(body), { deps });
  }

  /** Once a run is over (the folder ports' dispose): keeps the folder within its bound. */
  prune(): Promise<void> {
    return this.entries.prune();
  }
}

/** A result worth keeping: read, with a body that is not a PDF's bytes. */
const cacheable = (r: ImportedFile) => r.ok && !!r.doc && !r.doc.pdf;

/**
 * The importer with the cache in front: hits are answered from the cache, the misses go to
 * `inner` in one batch (its parallelism and order kept), and what they read is kept for next time.
 */
export function cachedImporter(inner: Importer, cache: ImportCache | undefined): Importer {
  if (!cache) return inner;
  return {
    async importFiles(files, session) {
      const context = contextDigest(session);
      const keys = files.map((f) => cache.key(context, f.name, f.bytes));
      const out = await Promise.all(files.map((f, i) => cache.get(keys[i], f.resolveImage)));
      const misses = out.flatMap((r, i) => (r ? [] : [i]));
      if (!misses.length) return out as ImportedFile[];
      const seen = misses.map(() => new Map<string, string>());
      const results = await inner.importFiles(
        misses.map((i, k) => {
          const resolve = files[i].resolveImage;
          if (!resolve) return files[i];
          const recording: ImageResolver = (src) => {
            const r = resolve(src);
            seen[k].set(src, r ? `${r.mime}:${sha256(r.data)}` : '-');
            return r;
          };
          return { ...files[i], resolveImage: recording };
        }),
        session,
      );
      await Promise.all(
        misses.map(async (i, k) => {
          const r = results[k];
          out[i] = r;
          if (r && cacheable(r))
            await cache.put(
              keys[i],
              r,
              [...seen[k]].map(([src, sha]) => ({ src, sha })),
            );
        }),
      );
      return out as ImportedFile[];
    },
  };
}
