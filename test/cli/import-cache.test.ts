// The import-result cache of the session-folder commands (core/node/import-cache.ts): a hit only
// when build, name, bytes, the session context and every picture are the same; a damaged entry is
// a miss; a cache folder that cannot be used costs nothing but time; failed imports and PDF bodies
// are never kept; the folder stays bounded; the compressed font subsets are kept the same way; and
// a compile with the caches gives the same PDF as one without them (apart from the date and ID).
import { cpSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fontStreamStore } from '../../core/node/font-stream-store';
import { ImportCache, cachedImporter } from '../../core/node/import-cache';
import { SourceDocSchema } from '../../core/model/document';
import { SessionSchema, type Session } from '../../core/model/session';
import type { ImageResolver, ImportedFile, Importer } from '../../core/service/ports';
import { samplesDir } from '../../core/node/paths';
import { tempDirs } from '../helpers/temp-dirs';

const BIN = path.resolve(import.meta.dirname, '../../cli/bin.mjs');
const tmp = tempDirs('hb-import-cache-');

const session = (members: { id: string; name: string }[] = []): Session =>
  SessionSchema.parse({ schemaVersion: 1, id: 's', name: '会', date: '2026-12-01', members });

/** An importer that reads the text as the body and the first picture it is asked for; counts its reads. */
function countingImporter(fail = new Set<string>()) {
  const reads: string[] = [];
  const importer: Importer = {
    async importFiles(files) {
      return files.map((f): ImportedFile => {
        reads.push(f.name);
        if (fail.has(f.name))
          return { name: f.name, ok: false, error: { code: 'import.failed', message: 'x' }, warnings: [] };
        const text = new TextDecoder().decode(f.bytes);
        const pic = f.resolveImage?.('pic.png');
        const para = { type: 'paragraph' as const, inlines: [{ type: 'text' as const, text }] };
        const doc = SourceDocSchema.parse({
          title: f.name,
          blocks: pic ? [para, { type: 'image', resource: 'pic', width: 10, height: 10 }] : [para],
          images: pic ? { pic: { mime: pic.mime, data: 'AAAA' } } : {},
          ...(f.name.endsWith('.pdf') ? { pdf: { pageCount: 1, data: 'AAAA' } } : {}),
        });
        return { name: f.name, ok: true, doc, title: f.name, warnings: [] };
      });
    },
  };
  return { importer, reads };
}

const file = (name: string, text: string, resolveImage?: ImageResolver) => ({
  name,
  bytes: new TextEncoder().encode(text),
  resolveImage,
});

describe('import cache', () => {
  it('answers a second read of the same file from the cache, and reads again whatever changed', async () => {
    const { importer, reads } = countingImporter();
    const cached = cachedImporter(importer, new ImportCache(tmp(), 'build-1'));
    const first = await cached.importFiles([file('a.md', '甲'), file('b.md', '乙')], session());
    expect(reads).toEqual(['a.md', 'b.md']);
    const again = await cached.importFiles([file('a.md', '甲'), file('b.md', '乙')], session());
    expect(reads).toHaveLength(2);
    expect(again).toEqual(first);
    // Different bytes, a different name, a different roster: each is a new read, in the given order.
    const mixed = await cached.importFiles([file('a.md', '甲改'), file('b.md', '乙'), file('c.md', '甲')], session());
    expect(reads.slice(2)).toEqual(['a.md', 'c.md']);
    expect(mixed.map((r) => r.doc?.blocks[0])).toMatchObject([
      { inlines: [{ text: '甲改' }] },
      { inlines: [{ text: '乙' }] },
      { inlines: [{ text: '甲' }] },
    ]);
    await cached.importFiles([file('b.md', '乙')], session([{ id: 'm1', name: '王明' }]));
    expect(reads.slice(4)).toEqual(['b.md']);
  });

  it('is keyed by the build: another build never sees this one’s results', async () => {
    const dir = tmp();
    const one = countingImporter();
    await cachedImporter(one.importer, new ImportCache(dir, 'build-1')).importFiles([file('a.md', '甲')], session());
    const two = countingImporter();
    await cachedImporter(two.importer, new ImportCache(dir, 'build-2')).importFiles([file('a.md', '甲')], session());
    expect(two.reads).toEqual(['a.md']);
  });

  it('reads a Markdown source again when a picture it pulled in changed or went missing', async () => {
    const { importer, reads } = countingImporter();
    const cached = cachedImporter(importer, new ImportCache(tmp(), 'b'));
    let png = new Uint8Array([1, 2, 3]);
    let present = true;
    const resolve: ImageResolver = () => (present ? { mime: 'image/png', data: png } : undefined);
    await cached.importFiles([file('a.md', '![](pic.png)', resolve)], session());
    await cached.importFiles([file('a.md', '![](pic.png)', resolve)], session());
    expect(reads).toHaveLength(1);
    png = new Uint8Array([1, 2, 4]);
    await cached.importFiles([file('a.md', '![](pic.png)', resolve)], session());
    expect(reads).toHaveLength(2);
    present = false;
    const r = await cached.importFiles([file('a.md', '![](pic.png)', resolve)], session());
    expect(reads).toHaveLength(3);
    expect(r[0].doc?.blocks).toHaveLength(1);
  });

  it('treats a damaged entry as a miss and rewrites it', async () => {
    const dir = tmp();
    const { importer, reads } = countingImporter();
    const cached = cachedImporter(importer, new ImportCache(dir, 'b'));
    await cached.importFiles([file('a.md', '甲')], session());
    const folder = path.join(dir, 'import');
    const [entry] = readdirSync(folder);
    const text = readFileSync(path.join(folder, entry), 'utf8');
    writeFileSync(path.join(folder, entry), text.replace('甲', '丙'));
    const r = await cached.importFiles([file('a.md', '甲')], session());
    expect(reads).toHaveLength(2);
    expect(r[0].doc?.blocks[0]).toMatchObject({ inlines: [{ text: '甲' }] });
    writeFileSync(path.join(folder, entry), text.slice(0, 20));
    await cached.importFiles([file('a.md', '甲')], session());
    expect(reads).toHaveLength(3);
    await cached.importFiles([file('a.md', '甲')], session());
    expect(reads).toHaveLength(3);
  });

  it('keeps neither failures nor PDF bodies, and works on when the cache folder cannot be written', async () => {
    const { importer, reads } = countingImporter(new Set(['bad.md']));
    const cached = cachedImporter(importer, new ImportCache(tmp(), 'b'));
    const files = [file('bad.md', 'x'), file('c.pdf', '%PDF')];
    await cached.importFiles(files, session());
    const r = await cached.importFiles(files, session());
    expect(reads).toEqual(['bad.md', 'c.pdf', 'bad.md', 'c.pdf']);
    expect(r.map((x) => x.ok)).toEqual([false, true]);

    const blocked = path.join(tmp(), 'a-file');
    writeFileSync(blocked, 'not a folder');
    const b = countingImporter();
    const over = cachedImporter(b.importer, new ImportCache(blocked, 'b'));
    const got = await over.importFiles([file('a.md', '甲')], session());
    expect(got[0].ok).toBe(true);
    await over.importFiles([file('a.md', '甲')], session());
    expect(b.reads).toEqual(['a.md', 'a.md']);
  });

  it('stays bounded: past the limit the oldest entries go', async () => {
    const dir = tmp();
    const { importer } = countingImporter();
    const cache = new ImportCache(dir, 'b', 8);
    const cached = cachedImporter(importer, cache);
    for (let i = 0; i < 12; i++) await cached.importFiles([file(`${i}.md`, `第${i}篇`)], session());
    // Trimmed once when the run is over (the folder ports' dispose), not after every entry.
    expect(readdirSync(path.join(dir, 'import'))).toHaveLength(12);
    await cache.prune();
    const n = readdirSync(path.join(dir, 'import')).length;
    expect(n).toBeGreaterThan(0);
    expect(n).toBeLessThanOrEqual(8);
  });
});

describe('font stream store', () => {
  it('gives back what was kept for the same build and key, and nothing for a damaged entry', async () => {
    const dir = tmp();
    const a = fontStreamStore(dir, 'build-1');
    const bytes = new Uint8Array([120, 156, 1, 2, 3, 4]);
    await a.put('font|glyphs 1,2,3', bytes);
    expect(Buffer.from((await a.get('font|glyphs 1,2,3'))!)).toEqual(Buffer.from(bytes));
    expect(await a.get('font|glyphs 1,2,4')).toBeUndefined();
    expect(await fontStreamStore(dir, 'build-2').get('font|glyphs 1,2,3')).toBeUndefined();
    const folder = path.join(dir, 'font-streams');
    const [entry] = readdirSync(folder);
    const raw = readFileSync(path.join(folder, entry));
    raw[raw.length - 1] ^= 1;
    writeFileSync(path.join(folder, entry), raw);
    expect(await a.get('font|glyphs 1,2,3')).toBeUndefined();
  });

  it('stays bounded', async () => {
    const dir = tmp();
    const s = fontStreamStore(dir, 'b', 4);
    for (let i = 0; i < 9; i++) await s.put(`k${i}`, new Uint8Array([i]));
    expect(readdirSync(path.join(dir, 'font-streams'))).toHaveLength(9);
    await s.prune();
    expect(readdirSync(path.join(dir, 'font-streams')).length).toBeLessThanOrEqual(4);
  });
});

describe('compile with the caches (the built CLI, fresh processes)', () => {
  it('gives the same PDF as a compile without them, and neither reads a source nor subsets a font twice', () => {
    const work = tmp();
    const dir = path.join(work, 'sample');
    cpSync(path.join(samplesDir(), 'qi-culture'), dir, { recursive: true });
    const cacheDir = path.join(work, 'cache');
    const pdf = (n: string) => path.join(work, `${n}.pdf`);
    const compile = (n: string, cache: string) => {
      const r = spawnSync(process.execPath, [BIN, 'compile', dir, '--pdf', pdf(n)], {
        env: { ...process.env, HUIBIAN_CACHE_DIR: cache },
        encoding: 'utf8',
      });
      expect(r.status, r.stderr).toBe(0);
    };
    const entries = () =>
      ['import', 'font-streams'].flatMap((sub) =>
        readdirSync(path.join(cacheDir, sub)).map((n) => [n, statSync(path.join(cacheDir, sub, n)).mtimeMs]),
      );
    compile('plain', 'off');
    compile('cold', cacheDir);
    const kept = entries();
    compile('warm', cacheDir);
    // 55 sources and 5 font subsets (one per font used) kept by the first run, none made (so none
    // written) again by the second.
    expect(kept).toHaveLength(55 + 5);
    expect(entries()).toEqual(kept);
    // Only the dates and the document ID differ (as scripts/compare-outputs.sh compares).
    const norm = (f: string) =>
      readFileSync(f, 'latin1')
        .replace(/\(D:[0-9Z+'-]+\)/g, '(D:X)')
        .replace(/\/ID \[<[0-9a-f]+> <[0-9a-f]+>\]/gi, '/ID [X]');
    expect(norm(pdf('warm'))).toBe(norm(pdf('plain')));
    expect(norm(pdf('cold'))).toBe(norm(pdf('plain')));
  }, 120_000);
});
