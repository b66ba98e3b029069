// The compressed font subsets of earlier compiles, kept in the user's cache folder for the
// terminal commands (the pure side is core/render/pdf/font-stream-cache: useFontStreamStore). A
// fresh `huibian compile` of a session whose characters have not changed then embeds the same
// streams without subsetting and deflating the fonts again (~70 ms of the sample's run). Keyed by
// this build (BUILD_ID), the font's table directory (tag, checksum and length of every table) and
// the glyph list; an entry is checksummed (core/node/cache-folder), so a damaged one is a miss.
import type { FontStreamStore } from '../render/pdf/font-stream-cache';
import { CacheFolder } from './cache-folder';

/** Entries kept (one per font and glyph set; the sample's largest is ~0.6 MB). */
export const FONT_STREAM_MAX_ENTRIES = 150;

export function fontStreamStore(
  dir: string,
  buildId: string,
  maxEntries = FONT_STREAM_MAX_ENTRIES,
): FontStreamStore & { prune(): Promise<void> } {
  const entries = new CacheFolder<object>(dir, 'font-streams', 'huibian-font-stream-1', maxEntries);
  return {
    async get(key) {
      return (await entries.read(`${buildId}\0${key}`))?.body;
    },
    async put(key, deflated) {
      await entries.write(`${buildId}\0${key}`, deflated, {});
    },
    /** Once a run is over (the folder ports' dispose): keeps the folder within its bound. */
    prune: () => entries.prune(),
  };
}
