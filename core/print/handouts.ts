// Handouts: the pages of a selection of items (one item, a section, one member's materials) as a
// print-ready PDF, cut from the compiled dossier so the page numbers stay those of the dossier.
// (Renumbered handouts are compiled afresh by the engine: core/print/products.ts.) Selection is by
// ids from the session; an unknown id is an error naming it, never silently an empty handout.
import { tocAuthor } from '../model/dossier';
import type { Session } from '../model/session';
import { err, ok, type Result } from '../result';
import { composePdf, FormLibrary, type OutputPage } from './compose';
import { dossierOrder, type SelectedItem } from './dossier-order';
import { handoutFileName, uniqueNames } from './file-names';

export { dossierOrder, type SelectedItem };

export interface HandoutSelection {
  items?: string[];
  section?: string;
  member?: string;
}

/** The selected items in dossier order; no selection means every item. */
export function selectItems(session: Session, sel: HandoutSelection): Result<SelectedItem[]> {
  let all = dossierOrder(session);
  if (sel.items?.length) {
    const known = new Set(all.map((a) => a.submission.id));
    const unknown = sel.items.filter((id) => !known.has(id));
    if (unknown.length)
      return err('print.handout.unknown-item', `找不到材料：${unknown.join('、')}（不在汇编的任何栏目中）`);
    const want = new Set(sel.items);
    all = all.filter((a) => want.has(a.submission.id));
  }
  if (sel.section) {
    const idx = session.sections.findIndex((s) => s.id === sel.section || s.title === sel.section);
    if (idx < 0) return err('print.handout.unknown-section', `找不到栏目：${sel.section}`);
    all = all.filter((a) => a.sectionIndex === idx);
  }
  if (sel.member) {
    const m = session.members.find((x) => x.id === sel.member || x.name === sel.member);
    if (!m) return err('print.handout.unknown-member', `找不到委员：${sel.member}`);
    all = all.filter((a) => a.submission.memberIds.includes(m.id));
  }
  if (!all.length) return err('print.handout.empty', '所选范围内没有材料');
  return ok(all);
}

/** Where each item's pages are in a compiled PDF (from CompileResult.items). */
export interface ItemPages {
  submissionId: string;
  /** 1-based physical index of the first page. */
  startPhysical: number;
  pageCount: number;
}

/**
 * The pages of the given items, in the order given. With `startOnOdd` (duplex printing) each item
 * is followed by a blank page when needed so the next one starts on the front of a sheet.
 */
export async function extractItemPages(
  pdf: Uint8Array | FormLibrary,
  items: ItemPages[],
  opts: { startOnOdd?: boolean; title?: string } = {},
): Promise<Uint8Array> {
  const lib = pdf instanceof FormLibrary ? pdf : await FormLibrary.load(pdf, '汇编 PDF');
  function* pages(): Generator<OutputPage> {
    let emitted = 0;
    for (let k = 0; k < items.length; k++) {
      const it = items[k];
      if (opts.startOnOdd && emitted % 2 === 1) {
        const b = lib.boxes[it.startPhysical - 1];
        yield { width: b.width, height: b.height, layers: [] };
        emitted++;
      }
      for (let p = it.startPhysical - 1; p < it.startPhysical - 1 + it.pageCount; p++) {
        const b = lib.boxes[p];
        yield { width: b.width, height: b.height, layers: [{ lib, page: p, x: 0, y: 0 }] };
        emitted++;
      }
    }
  }
  return composePdf(pages(), { title: opts.title });
}

/** Systematic, unique, Windows-safe file names for one PDF per item. */
export function handoutFileNames(items: SelectedItem[]): string[] {
  return uniqueNames(
    items.map((i) =>
      handoutFileName({
        sectionIndex: i.sectionIndex,
        sectionTitle: i.sectionTitle,
        order: i.order,
        author: tocAuthor(i.submission),
        title: i.submission.title,
      }),
    ),
  );
}
