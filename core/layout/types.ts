// The laid-out dossier: every page with absolute drawing operations, page numbers, TOC entries,
// outline and page labels, all decided before any byte of PDF is written. Renderers (the PDF now,
// a renumbered handout or a phone edition later) only draw what is here; they never re-measure.
// Plain data: no fontkit objects, no functions, so it can cross a worker boundary.
import type { ImageResource } from '../model/document';
import type { TocEntry } from '../model/dossier';
import type { LayoutSettings } from '../model/settings';

/** A run of glyphs in one face, positioned at x (pt from the page's left edge). */
export interface GlyphSeg {
  face: string;
  text: string;
  x: number;
  size: number;
  /** PDF character spacing (Tc) applied after every glyph of the run. */
  cs: number;
  bold?: boolean;
  /** Baseline shift upwards, pt (superscripts). */
  rise?: number;
}

export type DrawOp =
  | { op: 'text'; y: number /* baseline, pt from the page top */; segs: GlyphSeg[]; gray?: number }
  | { op: 'rule'; x1: number; y1: number; x2: number; y2: number; width: number }
  | { op: 'image'; resource: ImageResource; x: number; y: number; w: number; h: number }
  | { op: 'leader'; x1: number; x2: number; y: number; size: number }
  /** A clickable area that jumps to a named destination. */
  | { op: 'link'; x: number; y: number; w: number; h: number; dest: string }
  /** A named destination at y on this page. */
  | { op: 'dest'; name: string; y: number }
  | { op: 'watermark'; text: string; face: string; size: number };

export type PageKind = 'cover' | 'preface' | 'toc' | 'body' | 'blank' | 'pdf';

export interface LaidPage {
  kind: PageKind;
  /** The printed body number (1-based), absent for front matter. Blank pages have one but do not show it. */
  number?: number;
  ops: DrawOp[];
  /** For kind 'pdf': which submitted page to draw here. */
  pdf?: { submissionId: string; pageIndex: number };
  /** Outline entries that point at this page (section first, then item). */
  outline?: { sectionIndex: number; submissionId?: string }[];
}

export interface LaidOutItem {
  submissionId: string;
  sectionIndex: number;
  title: string;
  author: string;
  /** Printed number of the first page. */
  startPage: number;
  /** 1-based index of the first page in the whole document. */
  startPhysical: number;
  pageCount: number;
  words: number;
  fallbackChars: string[];
  inToc: boolean;
}

export interface OutlineNode {
  title: string;
  /** 0-based page index. */
  page: number;
  dest: string;
  children: OutlineNode[];
}

export interface LaidOutDossier {
  settings: LayoutSettings;
  pageWidth: number;
  pageHeight: number;
  pages: LaidPage[];
  frontPageCount: number;
  bodyPageCount: number;
  toc: TocEntry[];
  items: LaidOutItem[];
  outline: OutlineNode[];
  /** PDF /PageLabels: [page index, style] pairs; 'r' lower roman, 'D' decimal starting at 1. */
  pageLabels: { index: number; style: 'r' | 'D'; start: number }[];
  meta: { title: string; author: string; subject: string; date: string };
  /** Face keys used anywhere (the renderer embeds only these). */
  facesUsed: string[];
  fallbackChars: string[];
  missingGlyphs: string[];
  /** Base64 PDF data per submission id, for pages of kind 'pdf'. */
  pdfSources: Record<string, string>;
  words: number;
}
