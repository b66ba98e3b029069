// layoutDossier: the whole dossier laid out before rendering (react-pdf's resolve-steps idea):
// body items first (so every printed number is known), then cover, 说明 and 目录 with the real
// numbers, then page numbers, watermark, destinations, outline and page labels. Pure and
// incremental (DossierLayouter.step per item) so callers can report progress and cancel.
// It must never guess a number: TOC entries come from where items actually started.
import type { FontSet } from '../fonts/font-set';
import { countWords, documentText } from '../model/document';
import { tocAuthor, type Dossier, type TocEntry } from '../model/dossier';
import { mm } from '../model/settings';
import { makeAtoms, type GlyphReport } from './atoms';
import { Flow, shiftOp, type FlowPage } from './flow';
import { layoutCover, layoutPreface, layoutToc } from './front-matter';
import { blockLeft, geometry, padMultiple } from './geometry';
import { layoutItemBody } from './item';
import { alignedSegs, breakAtoms, type LayoutContext } from './paragraph';
import type { DrawOp, LaidOutDossier, LaidOutItem, LaidPage, OutlineNode } from './types';

export type { LaidOutDossier, LaidPage, LaidOutItem, DrawOp, GlyphSeg, OutlineNode } from './types';

export const itemDest = (index: number): string => `hb-item-${index + 1}`;

export class DossierLayouter {
  private readonly ctx: LayoutContext;
  private readonly flow: Flow;
  private readonly queue: {
    sectionIndex: number;
    index: number;
    item: Dossier['sections'][number]['items'][number];
  }[] = [];
  private readonly items: LaidOutItem[] = [];
  private readonly starts: number[] = [];
  private next = 0;

  constructor(
    readonly dossier: Dossier,
    readonly fonts: FontSet,
  ) {
    const settings = dossier.session.layout;
    this.ctx = {
      g: geometry(settings),
      fonts,
      settings,
      report: { fallback: new Set(), missing: new Set() },
      notes: new Map(),
    };
    this.flow = new Flow(this.ctx.g);
    dossier.sections.forEach((sec, si) =>
      sec.items.forEach((item) => this.queue.push({ sectionIndex: si, index: this.queue.length, item })),
    );
  }

  get total(): number {
    return this.queue.length;
  }
  get done(): number {
    return this.next;
  }

  /** Lays out the next item; false when all are done. */
  step(): boolean {
    if (this.next >= this.queue.length) return false;
    const { sectionIndex, item } = this.queue[this.next];
    const { submission: sub, doc } = item;
    const flow = this.flow;
    const oddRule = sub.options.startOnOdd ?? this.ctx.settings.itemStart === 'oddPage';
    if (oddRule && flow.pages.length % 2 === 1) flow.newPage('blank');
    flow.newPage();
    const start = flow.pages.length - 1;
    const globalReport = this.ctx.report;
    const local: GlyphReport = { fallback: new Set(), missing: new Set() };
    this.ctx.report = local;
    try {
      layoutItemBody(this.ctx, flow, sub, doc);
    } finally {
      this.ctx.report = globalReport;
    }
    for (const c of local.fallback) globalReport.fallback.add(c);
    for (const c of local.missing) globalReport.missing.add(c);
    flow.pages[start].ops.unshift({ op: 'dest', name: itemDest(this.next), y: 0 });
    const text = doc.pdf ? (doc.pdf.text ?? '') : `${sub.title}\n${documentText(doc)}`;
    this.items.push({
      submissionId: sub.id,
      sectionIndex,
      title: sub.title,
      author: tocAuthor(sub),
      startPage: start + 1,
      startPhysical: 0,
      pageCount: flow.pages.length - start,
      words: countWords(text),
      fallbackChars: [...local.fallback, ...local.missing],
      inToc: sub.options.inToc !== false,
    });
    this.starts.push(start);
    this.next++;
    return true;
  }

  finish(): LaidOutDossier {
    while (this.step());
    const { ctx, dossier } = this;
    const g = ctx.g;
    const s = ctx.settings;
    const session = dossier.session;
    const toc: TocEntry[] = this.items
      .filter((i) => i.inToc)
      .map((i) => ({
        sectionIndex: i.sectionIndex,
        submissionId: i.submissionId,
        title: i.title,
        author: i.author,
        page: i.startPage,
      }));
    const destOf = new Map(this.items.map((it, k) => [it.submissionId, itemDest(k)]));

    const front: FlowPage[] = [{ kind: 'cover', ops: layoutCover(ctx, session) }];
    if (session.preface.trim()) front.push(...layoutPreface(ctx, session.preface).pages);
    if (toc.length) {
      const titles = dossier.sections.map((sec) => ({ title: `${sec.ordinal}${sec.section.title}` }));
      front.push(...layoutToc(ctx, titles, toc, (e) => destOf.get(e.submissionId)!).pages);
    }
    if ((s.itemStart === 'oddPage' || g.duplex) && front.length % 2 === 1) front.push({ kind: 'blank', ops: [] });
    const body = [...this.flow.pages];
    // Binding: blank, unnumbered pages at the end so the total is a multiple of 2 (duplex) or 4
    // (folded sheets); the print products and the plain compile then agree page for page.
    const multiple = padMultiple(s);
    const short = multiple > 1 ? (multiple - ((front.length + body.length) % multiple)) % multiple : 0;
    for (let k = 0; k < short; k++) (body.length ? body : front).push({ kind: 'blank', ops: [] });
    const frontCount = front.length;

    const pages: LaidPage[] = [];
    const pnSize = s.pageNumberSize;
    const pnBaseline = g.blockH + mm(s.pageNumberOffset) + 0.35 * pnSize;
    const watermark = session.marks.watermark.trim();
    const wmFace = watermark ? ctx.fonts.faceFor(watermark.codePointAt(0)!, 'hei').key : '';
    // Block-relative → page coordinates, in place (the ops are this layout's own objects).
    const translate = (ops: DrawOp[], physical: number): DrawOp[] => {
      const dx = blockLeft(g, physical);
      const dy = g.top;
      for (const o of ops) shiftOp(o, dx, dy);
      return ops;
    };
    front.forEach((p, k) => pages.push({ kind: p.kind, ops: translate(p.ops, k + 1) }));
    body.forEach((p, k) => {
      const number = k + 1;
      const ops = [...p.ops];
      if (p.kind !== 'blank') {
        const text = `— ${number} —`;
        const atoms = makeAtoms(text, { role: 'song', size: pnSize }, ctx.fonts, ctx.report);
        const br = breakAtoms(ctx, atoms, { tracking: 0, width: g.blockW * 2 });
        const line = br.lines[0];
        const w = line.natural;
        const x = number % 2 === 1 ? g.blockW - pnSize - w : pnSize;
        const segs = alignedSegs(br.atoms, { ...line, indent: x }, 0, 'left');
        ops.push({ op: 'text', y: pnBaseline, segs });
        if (watermark) ops.unshift({ op: 'watermark', text: watermark, face: wmFace, size: 72 });
      }
      const page: LaidPage = { kind: p.kind, number, ops: translate(ops, frontCount + k + 1) };
      if (p.pdf) page.pdf = p.pdf;
      pages.push(page);
    });

    const outline: OutlineNode[] = [];
    let lastSection = -1;
    this.items.forEach((it, k) => {
      it.startPhysical = frontCount + this.starts[k] + 1;
      const pageIndex = it.startPhysical - 1;
      if (it.sectionIndex !== lastSection) {
        lastSection = it.sectionIndex;
        const sec = dossier.sections[it.sectionIndex];
        outline.push({ title: `${sec.ordinal}${sec.section.title}`, page: pageIndex, dest: itemDest(k), children: [] });
      }
      outline[outline.length - 1].children.push({ title: it.title, page: pageIndex, dest: itemDest(k), children: [] });
      const p = pages[pageIndex];
      (p.outline ??= []).push({ sectionIndex: it.sectionIndex, submissionId: it.submissionId });
    });

    const faces = new Set<string>();
    for (const p of pages) for (const o of p.ops) if (o.op === 'text') for (const sg of o.segs) faces.add(sg.face);
    if (wmFace) faces.add(wmFace);
    const pdfSources: Record<string, string> = {};
    for (const sec of dossier.sections)
      for (const it of sec.items) if (it.doc.pdf) pdfSources[it.submission.id] = it.doc.pdf.data;

    const titleText = `${session.theme || session.name}${session.bookTitle}`;
    return {
      settings: s,
      pageWidth: g.pageW,
      pageHeight: g.pageH,
      pages,
      frontPageCount: frontCount,
      bodyPageCount: body.length,
      toc,
      items: this.items,
      outline,
      pageLabels: [
        { index: 0, style: 'r', start: 1 },
        ...(body.length ? [{ index: frontCount, style: 'D' as const, start: 1 }] : []),
      ],
      meta: { title: titleText, author: session.organiser, subject: session.theme, date: session.date },
      facesUsed: [...faces],
      fallbackChars: [...ctx.report.fallback].sort(),
      missingGlyphs: [...ctx.report.missing].sort(),
      pdfSources,
      words: this.items.reduce((a, i) => a + i.words, 0),
    };
  }
}

/** Lays out a whole dossier (pure, synchronous). */
export function layoutDossier(dossier: Dossier, fonts: FontSet): LaidOutDossier {
  return new DossierLayouter(dossier, fonts).finish();
}
