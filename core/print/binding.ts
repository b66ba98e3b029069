// Binding variants of the layout settings for print products (duplex, screen, phone editions).
// The gutter and the padding rule themselves live in the layout engine (core/layout/geometry.ts),
// so the normal compile and every print product agree. Pure; never changes the input.
import type { LayoutSettings } from '../model/settings';
import { padMultiple } from '../layout/geometry';

/** The multiple the total page count is padded to (the layout engine's own rule). */
export const padMultipleFor = padMultiple;

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
