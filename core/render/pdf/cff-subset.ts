// Speeds up fontkit's CFF subsetting for fonts without subroutines (FandolFang has none):
// fontkit parses every used glyph's outline only to learn which subroutines it calls, which costs
// ~0.5 s for the ~3,000 glyphs of a dossier. With no subroutines in the font that scan cannot
// find anything, so the subset is built from the charstrings alone. Fonts that do have
// subroutines are left to fontkit untouched. It must never change the bytes of the subset.

interface CffLike {
  globalSubrIndex?: unknown[];
  topDict: { FDArray?: { Private?: { Subrs?: unknown[] } }[]; Private?: { Subrs?: unknown[] } };
  getCharString(gid: number): unknown;
  fdForGlyph(gid: number): number | null;
}
interface CffSubsetLike {
  cff?: CffLike;
  glyphs: number[];
  charstrings?: unknown[];
  gsubrs?: unknown;
  subsetSubrs(subrs: unknown[], used: Record<string, boolean>): unknown;
  subsetCharstrings?: () => void;
  subsetFontdict?: (topDict: Record<string, unknown>) => void;
  __hbNoSubrs?: boolean;
}

const count = (a?: unknown[]) => (Array.isArray(a) ? a.length : 0);

export function skipSubrScanWhenNoSubrs(subset: CffSubsetLike): void {
  const cff = subset.cff;
  if (
    !cff ||
    subset.__hbNoSubrs ||
    typeof subset.subsetCharstrings !== 'function' ||
    typeof subset.subsetFontdict !== 'function'
  )
    return;
  const fdSubrs = (cff.topDict.FDArray ?? []).reduce((n, d) => n + count(d.Private?.Subrs), 0);
  if (count(cff.globalSubrIndex) + fdSubrs + count(cff.topDict.Private?.Subrs) > 0) return;
  subset.__hbNoSubrs = true;
  subset.subsetCharstrings = function (this: CffSubsetLike) {
    this.charstrings = this.glyphs.map((gid) => cff.getCharString(gid));
    this.gsubrs = this.subsetSubrs(cff.globalSubrIndex ?? [], {});
  };
  // fontkit's subsetFontdict minus the outline parse (no subroutines to collect).
  subset.subsetFontdict = function (this: CffSubsetLike, topDict: Record<string, unknown>) {
    const fdArray: Record<string, unknown>[] = [];
    const fds: number[] = [];
    topDict.FDArray = fdArray;
    topDict.FDSelect = { version: 0, fds };
    const fdSelect: Record<number, number> = {};
    for (const gid of this.glyphs) {
      const fd = cff.fdForGlyph(gid);
      if (fd == null) continue;
      if (fdSelect[fd] === undefined) {
        fdArray.push(Object.assign({}, cff.topDict.FDArray![fd]));
        fdSelect[fd] = fdArray.length - 1;
      }
      fds.push(fdSelect[fd]);
    }
    for (const dict of fdArray) delete dict.FontName;
  };
}
