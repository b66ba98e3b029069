// The DOCX writer: the same dossier as the PDF, as a Word document staff can keep editing — named
// styles with East-Asian fonts, A4 with GB/T 9704 margins and a 22-line grid, the cover, a 目录
// whose page numbers are the PDF layout's, one section per item with odd/even page-number footers.
// Pure core: bytes in, bytes out (Uint8Array, never Buffer); no fonts are read, none embedded.
// It must never throw on odd content: unknown blocks and missing pictures become visible text.
import { Document, Paragraph, type ISectionOptions, type Table } from 'docx';
import type { LaidOutDossier } from '../../layout/types';
import type { Dossier, TocEntry } from '../../model/dossier';
import { coverParagraphs, prefaceParagraphs } from './cover';
import { emptyFooters, pageNumberFooters } from './footers';
import { itemElements } from './item';
import { makeupHints } from './makeup';
import { docxMetrics } from './metrics';
import { packDocument } from './package';
import { sectionProperties } from './sections';
import { buildStyles } from './styles';
import { tocParagraphs } from './toc';
import { watermarkHeaders } from './watermark';
import { wordFonts } from './word-fonts';

export interface RenderDocxOptions {
  /** Called after each item is built (done of total), then once more when the file is packed. */
  onProgress?: (done: number, total: number) => void;
  /**
   * The PDF's layout of the same dossier: decisions Word cannot repeat by itself (half-width
   * punctuation against 孤字) are carried over, so paragraphs keep the PDF's line count.
   */
  layout?: LaidOutDossier;
}

/** Bookmark names must start with a letter or "_" and stay under 40 characters. */
const anchorName = (i: number) => `_hb_item_${i + 1}`;

export async function renderDocx(dossier: Dossier, toc: TocEntry[], opts: RenderDocxOptions = {}): Promise<Uint8Array> {
  const session = dossier.session;
  const settings = session.layout;
  const m = docxMetrics(settings);
  const fonts = wordFonts(settings);
  const items = dossier.sections.flatMap((s) => s.items);
  const total = items.length + 1;
  const anchors = new Map<string, string>();
  items.forEach((it, i) => anchors.set(it.submission.id, anchorName(i)));
  const oddPages = settings.itemStart === 'oddPage';
  const hints = opts.layout ? makeupHints(opts.layout) : undefined;
  // As the PDF: front matter runs on (no blank after the cover); for duplex or odd-page items the
  // body starts on an odd page, i.e. a blank is added when the front matter's count is odd.
  const bodyOnOdd = oddPages || settings.binding === 'duplex';

  // Note: when the front matter has an odd number of pages, LibreOffice (not Word) keeps body
  // page 1 on a right-hand page by an automatic blank page, which its PDF export skips by default
  // and its print dialog can print. Renumbering the front matter to avoid it was tried: LibreOffice
  // then puts odd numbers on left-hand pages (mirrored footers), which is worse.

  const sections: ISectionOptions[] = [];
  sections.push({
    properties: sectionProperties(m),
    footers: emptyFooters(),
    children: coverParagraphs(session, m, fonts),
  });
  if (session.preface.trim()) {
    sections.push({ properties: sectionProperties(m), children: prefaceParagraphs(session.preface) });
  }
  if (toc.length) {
    sections.push({
      properties: sectionProperties(m),
      children: tocParagraphs(dossier, toc, m, (id) => anchors.get(id)),
    });
  }

  const watermark = watermarkHeaders(session.marks.watermark, fonts.hei);
  let done = 0;
  let first = true;
  for (const it of items) {
    const children: (Paragraph | Table)[] = itemElements(it, {
      metrics: m,
      anchor: anchors.get(it.submission.id)!,
      blockWidthMm: settings.blockWidth,
      blockHeightMm: settings.blockHeight,
      footnotesAtFoot: settings.footnotePlacement === 'page',
      squeezes: hints?.get(it.submission.id),
    });
    const odd = (it.submission.options?.startOnOdd ?? oddPages) || (first && bodyOnOdd);
    sections.push({
      properties: sectionProperties(m, { oddPage: odd, startAt: first ? 1 : undefined }),
      // Footers written once; the following sections inherit them (Word's "link to previous").
      footers: first ? pageNumberFooters(m) : undefined,
      headers: first ? watermark : undefined,
      children,
    });
    first = false;
    opts.onProgress?.(++done, total);
  }

  const bookTitle = [session.theme, session.bookTitle].filter(Boolean).join(' ') || session.name;
  const doc = new Document({
    title: bookTitle,
    subject: session.theme || session.name,
    creator: session.organiser || '汇编 Huibian',
    lastModifiedBy: session.organiser || '汇编 Huibian',
    description: session.name,
    keywords: [session.name, session.theme].filter(Boolean).join('；'),
    evenAndOddHeaderAndFooters: true,
    styles: buildStyles(m, fonts, settings),
    sections,
  });
  const out = await packDocument(doc, {
    mirrorMargins: settings.binding === 'duplex',
    fonts,
    widowControl: settings.widowControl,
  });
  opts.onProgress?.(total, total);
  return out;
}
