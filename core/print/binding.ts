// Binding settings turned into what the layout engine and the padding step understand: the
// gutter (装订线) is folded into the binding margin so the text block moves away from the spine
// (its width stays the GB/T 9704 156 mm; the outer margin gives way), and duplex binding pads the
// total to an even count unless padToMultiple says otherwise. Pure; never changes the input.
import type { LayoutSettings } from '../model/settings';

/** Layout settings with the gutter applied to the binding margin. */
export function withGutter(s: LayoutSettings): LayoutSettings {
  const gutter = s.gutter ?? 0;
  if (!gutter) return s;
  const room = Math.max(0, s.pageWidth - s.marginInner - s.blockWidth);
  return { ...s, marginInner: s.marginInner + Math.min(gutter, room), gutter: 0 };
}

/** The multiple the total page count is padded to: the setting, else 2 for duplex, 1 for single. */
export function padMultipleFor(s: LayoutSettings): 1 | 2 | 4 {
  return s.padToMultiple ?? (s.binding === 'duplex' ? 2 : 1);
}

/** Settings for a printed, duplex-bound dossier: mirrored margins and items on odd pages. */
export function duplexLayout(s: LayoutSettings): LayoutSettings {
  return { ...s, binding: 'duplex', itemStart: 'oddPage' };
}

/** Settings for the screen edition: single-sided, no blank pages. */
export function screenLayout(s: LayoutSettings): LayoutSettings {
  return { ...s, binding: 'single', itemStart: 'newPage', gutter: 0, padToMultiple: 1 };
}

/**
 * The phone edition: a 110 × 180 mm page with a 100 × 160 mm text block, 18 characters × 20 lines,
 * reflowed by the same engine with the same styles (sizes scaled only where the page needs it).
 */
export function phoneLayout(s: LayoutSettings): LayoutSettings {
  return {
    ...s,
    pageWidth: 110,
    pageHeight: 180,
    marginTop: 8,
    marginInner: 5,
    blockWidth: 100,
    blockHeight: 160,
    charsPerLine: 18,
    linesPerPage: 20,
    linePitchPt: undefined,
    bodySize: 15,
    titleSize: 18,
    pageNumberSize: 10,
    pageNumberOffset: 4,
    binding: 'single',
    itemStart: 'newPage',
    gutter: 0,
    padToMultiple: 1,
  };
}
