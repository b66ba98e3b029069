// Section properties shared by every section of the dossier: A4, GB/T 9704 margins, a document grid
// of linesPerPage lines (type "lines" only — see metrics.ts for why not "linesAndChars"), footnotes
// numbered ①② restarting in each item, and the start rule (next page, or next odd page for duplex
// binding). It must never set a negative charSpace: LibreOffice then gives every character two cells.
import {
  DocumentGridType,
  NoteNumberRestart,
  NumberFormat,
  SectionType,
  type ISectionOptions,
  type ISectionPropertiesOptions,
} from 'docx';
import type { DocxMetrics } from './metrics';

export function sectionProperties(
  m: DocxMetrics,
  o: { oddPage?: boolean; startAt?: number } = {},
): ISectionPropertiesOptions {
  return {
    type: o.oddPage ? SectionType.ODD_PAGE : SectionType.NEXT_PAGE,
    page: {
      size: { width: m.pageWidth, height: m.pageHeight },
      margin: {
        top: m.marginTop,
        bottom: m.marginBottom,
        left: m.marginLeft,
        right: m.marginRight,
        header: m.headerDistance,
        footer: m.footerDistance,
        gutter: 0,
      },
      pageNumbers: o.startAt !== undefined ? { start: o.startAt } : undefined,
    },
    grid: { type: DocumentGridType.LINES, linePitch: m.linePitch },
    footnoteProperties: {
      numberFormat: { type: NumberFormat.DECIMAL_ENCLOSED_CIRCLE },
      restart: NoteNumberRestart.EACH_SECTION,
    },
  };
}

export type SectionOptions = ISectionOptions;
