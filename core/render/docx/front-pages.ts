// How many pages the front matter (cover, 说明, 目录) takes in the PDF edition, by the same line
// arithmetic as core/layout/front-matter.ts. The DOCX needs the parity only: LibreOffice inserts
// a blank page when the body's page 1 (a right-hand page) would follow an odd-numbered page, so
// the front matter is numbered (invisibly) to end on an even number. It must never be used for
// anything printed; when the caller knows the real count (CompileResult.frontPageCount) it wins.
import type { Dossier, TocEntry } from '../../model/dossier';
import { cells, tocTitleLines } from './toc';

class LineFlow {
  pages = 1;
  line = 0;
  constructor(private readonly perPage: number) {}
  keep(n: number): void {
    if (this.perPage - this.line < n && this.line > 0) this.newPage();
  }
  place(n = 1): void {
    for (let i = 0; i < n; i++) {
      if (this.line >= this.perPage) this.newPage();
      this.line++;
    }
  }
  private newPage(): void {
    this.pages++;
    this.line = 0;
  }
}

export function estimateFrontPages(dossier: Dossier, toc: readonly TocEntry[]): number {
  const s = dossier.session.layout;
  let pages = 1; // cover
  if (dossier.session.preface.trim()) {
    const f = new LineFlow(s.linesPerPage);
    f.place(2); // 说　明 and a blank line
    for (const p of dossier.session.preface.split(/\r?\n/)) {
      if (p.trim()) f.place(Math.max(1, Math.ceil((cells(p.trim()) + 2) / s.charsPerLine)));
    }
    pages += f.pages;
  }
  if (toc.length) {
    const f = new LineFlow(s.linesPerPage);
    f.place(2); // 目　录 and a blank line
    let last = -1;
    for (const e of toc) {
      if (e.sectionIndex !== last) {
        last = e.sectionIndex;
        f.keep(2);
        f.place(1);
      }
      const n = tocTitleLines(e.title, s.charsPerLine, cells(e.author ?? '')).length;
      f.keep(Math.min(n, s.linesPerPage));
      f.place(n);
    }
    pages += f.pages;
  }
  return pages;
}
