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
import { readFile, readdir, rename, rm, stat, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Session } from '../model/session';
import type { ImageResolver, ImportedFile, Importer } from '../service/ports';

export const IMPORT_CACHE_MAX_ENTRIES = 4000;
/** Results larger than this (JSON) are not kept: a big PDF's body is its bytes again. */
export const IMPORT_CACHE_MAX_BYTES = 4 * 1024 * 1024;
const FORMAT = 'huibian-import-cache-1';

type Dep = { src: string; sha: string };

const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

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
  private added = 0;
  readonly folder: string;

  constructor(
    dir: string,
    readonly buildId: string,
    private readonly maxEntries = IMPORT_CACHE_MAX_ENTRIES,
  ) {
    this.folder = path.join(dir, 'import');
  }

  key(context: string, name: string, bytes: Uint8Array): string {
    const h = createHash('sha256');
    for (const part of [FORMAT, this.buildId, context, name]) h.update(part).update('\0');
    return h.update(bytes).digest('hex');
  }

  private file(key: string): string {
    return path.join(this.folder, `${key}.json`);
  }

  /** The cached result, when its entry is intact and every picture it used is unchanged. */
  async get(key: string, resolve: ImageResolver | undefined): Promise<ImportedFile | undefined> {
    let text: string;
    try {
      text = await readFile(this.file(key), 'utf8');
    } catch {
      return undefined;
    }
    try {
      const nl = text.indexOf('\n');
      const head = JSON.parse(text.slice(0, nl)) as { format: string; check: string; deps: Dep[] };
      const body = text.slice(nl + 1);
      if (head.format !== FORMAT || sha256(body) !== head.check) return undefined;
      if (head.deps.some((d) => pictureHash(resolve, d.src) !== d.sha)) return undefined;
      return JSON.parse(body) as ImportedFile;
    } catch {
      return undefined;
    }
  }

  /** Keeps a result (written whole or not at all; failures are ignored). */
  async put(key: string, result: ImportedFile, deps: Dep[]): Promise<void> {
    const body = JSON.stringify(result);
    if (body.length > IMPORT_CACHE_MAX_BYTES) return;
    const head = JSON.stringify({ format: FORMAT, check: sha256(body), deps });
    const file = this.file(key);
    const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
    try {
      await mkdir(this.folder, { recursive: true });
      await writeFile(tmp, `${head}\n${body}`);
      await rename(tmp, file);
      this.added++;
    } catch {
      await rm(tmp, { force: true }).catch(() => undefined);
    }
  }

  /** After a run that added entries: removes the oldest beyond the bound (and stray temporary files). */
  async prune(): Promise<void> {
    if (!this.added) return;
    this.added = 0;
    try {
      const names = await readdir(this.folder);
      if (names.length <= this.maxEntries) return;
      const entries = await Promise.all(
        names.map(async (n) => {
          const f = path.join(this.folder, n);
          return {
            f,
            t: await stat(f).then(
              (s) => s.mtimeMs,
              () => 0,
            ),
          };
        }),
      );
      entries.sort((a, b) => a.t - b.t);
      const drop = entries.slice(0, entries.length - Math.floor(this.maxEntries * 0.75));
      await Promise.all(drop.map((e) => rm(e.f, { force: true }).catch(() => undefined)));
    } catch {
      // best effort
    }
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
      await cache.prune();
      return out as ImportedFile[];
    },
  };
}
