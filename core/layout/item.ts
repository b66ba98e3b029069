// Lays out one dossier item (a submission) into body pages: title in balanced 小标宋 lines, the
// author line in 楷体, a blank line, then the blocks (headings, paragraphs, lists, tables, images,
// page breaks) and the notes at the end under a short rule. A PDF submission reserves its pages.
// Pure. It must never lose content: unknown or broken pieces (a missing image) leave a visible mark.
import type { Block, ImageBlock, List, SourceDoc } from '../model/document';
import type { Submission } from '../model/session';
import { makeAtoms } from './atoms';
import { Flow } from './flow';
import { ItemNotes } from './footnotes';
import { inlineAtoms, placeAtoms, alignedSegs, type LayoutContext } from './paragraph';
import { layoutTable } from './table';

const HEADING_ROLE = { 1: 'hei', 2: 'kai', 3: 'fang', 4: 'fang' } as const;

/** Title block: title (balanced, centred), subtitle, author line, date line, one blank line. */
export function layoutTitle(
  ctx: LayoutContext,
  flow: Flow,
  title: string,
  author: string,
  extra: { subtitle?: string; dateLine?: string } = {},
): number {
  const s = ctx.settings;
  const titleAtoms = makeAtoms(
    title.replace(/\s*\n\s*/g, ' '),
    { role: 'xbs', size: s.titleSize },
    ctx.fonts,
    ctx.report,
  );
  const titleBaseline = flow.nextLine();
  const kai = (text: string) => makeAtoms(text.trim(), { role: 'kai', size: s.bodySize }, ctx.fonts, ctx.report);
  const parts = [extra.subtitle, author, extra.dateLine].filter((t): t is string => !!t?.trim());
  // The whole head stays together, with two lines of what follows.
  placeAtoms(ctx, flow, titleAtoms, s.titleSize, {
    align: 'center',
    balanced: true,
    tracking: 0,
    keepWithNext: true,
    keepFollowing: parts.length + 3,
  });
  for (const text of parts)
    placeAtoms(ctx, flow, kai(text), s.bodySize, { align: 'center', balanced: true, tracking: 0 });
  flow.blankLine();
  return titleBaseline;
}

function layoutList(ctx: LayoutContext, flow: Flow, list: List): void {
  const g = ctx.g;
  for (const it of list.items) {
    const indent = (2 + 2 * it.level) * g.cell;
    const label = makeAtoms(
      it.label + (/[.、）)]$/.test(it.label) ? '' : ' '),
      { role: 'fang', size: g.size },
      ctx.fonts,
      ctx.report,
    );
    let lw = 0;
    for (const a of label) lw += a.width;
    lw += Math.max(0, label.length - 1) * g.tracking;
    const hang = Math.min(indent + lw, g.blockW / 2);
    const labelSegs = alignedSegs(
      label,
      { start: 0, end: label.length, indent, measure: lw, natural: lw, gaps: 0, last: true },
      g.tracking,
      'left',
    );
    placeAtoms(ctx, flow, inlineAtoms(ctx, it.inlines, { role: 'fang', size: g.size }), g.size, {
      firstIndent: hang,
      restIndent: hang,
      firstLinePrefix: labelSegs,
      loneFix: true,
    });
  }
}

function layoutImage(ctx: LayoutContext, flow: Flow, doc: SourceDoc, img: ImageBlock): void {
  const g = ctx.g;
  const res = doc.images[img.resource];
  if (!res) {
    placeAtoms(
      ctx,
      flow,
      makeAtoms(`［图片缺失：${img.alt ?? img.resource}］`, { role: 'kai', size: g.size }, ctx.fonts, ctx.report),
      g.size,
      { align: 'center', tracking: 0 },
    );
    return;
  }
  // Pixels at 96 dpi, never wider than the block and never taller than 3/4 of it.
  let w = Math.min(g.blockW, img.width * 0.75);
  let h = (w * img.height) / img.width;
  const maxH = g.blockH * 0.75;
  if (h > maxH) {
    w *= maxH / h;
    h = maxH;
  }
  const pad = g.pitch * 0.25;
  const top = flow.box(h + 2 * pad, { snap: true });
  flow.page.ops.push({ op: 'image', resource: res, x: (g.blockW - w) / 2, y: top + pad, w, h });
  if (img.caption) {
    placeAtoms(ctx, flow, makeAtoms(img.caption, { role: 'kai', size: 14 }, ctx.fonts, ctx.report), 14, {
      align: 'center',
      tracking: 0,
      balanced: true,
    });
  }
}

/** Lines of the next block a heading keeps on its page: two of a paragraph (one when it has one). */
function following(ctx: LayoutContext, next: Block | undefined): number {
  if (!next || !ctx.settings.widowControl) return 1;
  if (next.type === 'list') return 2;
  if (next.type !== 'paragraph' && next.type !== 'heading') return 1;
  const text = next.inlines.reduce((n, i) => n + (i.type === 'text' ? i.text.length : 1), 0);
  const oneLine = text + 2 <= ctx.settings.charsPerLine;
  if (next.type === 'heading') return (oneLine ? 1 : 2) + 2;
  return oneLine ? 1 : 2;
}

function layoutBlock(ctx: LayoutContext, flow: Flow, doc: SourceDoc, b: Block, next?: Block): void {
  const g = ctx.g;
  switch (b.type) {
    case 'heading': {
      const role = HEADING_ROLE[b.level];
      const bold = b.level === 3 && ctx.settings.level3Bold;
      // A heading stays with what follows: two lines of text, or the start of a table or picture.
      if (next && (next.type === 'table' || next.type === 'image')) flow.keep(4);
      placeAtoms(ctx, flow, inlineAtoms(ctx, b.inlines, { role, size: g.size, bold }), g.size, {
        firstIndent: 2 * g.cell,
        keepWithNext: true,
        keepFollowing: following(ctx, next),
      });
      break;
    }
    case 'paragraph': {
      const atoms = inlineAtoms(ctx, b.inlines, { role: 'fang', size: g.size });
      if (!atoms.length) {
        flow.blankLine();
        break;
      }
      const align = b.align ?? 'justify';
      const indent = b.indent === false || align === 'center' || align === 'right' ? 0 : 2 * g.cell;
      placeAtoms(ctx, flow, atoms, g.size, { align, firstIndent: indent, loneFix: align === 'justify' });
      break;
    }
    case 'list':
      layoutList(ctx, flow, b);
      break;
    case 'table':
      layoutTable(ctx, flow, b);
      break;
    case 'image':
      layoutImage(ctx, flow, doc, b);
      break;
    case 'pageBreak':
      flow.newPage();
      break;
  }
}

/** One layout pass of an item's text (title, blocks, notes) on a fresh flow with the given page caps. */
function layoutPass(ctx: LayoutContext, sub: Submission, doc: SourceDoc, caps: number[]): Flow {
  const flow = new Flow(ctx.g);
  flow.caps = caps;
  flow.newPage();
  ctx.notes = new Map();
  const notes = new ItemNotes(ctx, doc.footnotes ?? [], ctx.settings.footnotePlacement === 'page');
  ctx.footnotes = notes;
  try {
    layoutTitle(ctx, flow, sub.title, sub.authorLine, { subtitle: sub.subtitle, dateLine: sub.dateLine });
    doc.blocks.forEach((b, k) => layoutBlock(ctx, flow, doc, b, doc.blocks[k + 1]));
    notes.printRest(flow);
  } finally {
    ctx.footnotes = undefined;
  }
  return flow;
}

/** Lines (text and notes) on the last page of an unfinished pass; Infinity for a one-page item. */
function tailLines(pass: Flow): number {
  const last = pass.pages.length - 1;
  if (last === 0) return Infinity;
  pass.used[last] = pass.nextLine();
  return pass.used[last] + (pass.notes[last]?.length ?? 0);
}

/**
 * Lays out an item's content starting on the flow's current (fresh) page. The make-up re-runs the
 * item when its last page would hold one or two lines (the page before gives lines over, ending
 * short) or when a continued footnote would stand alone on a page of its own (its reference line
 * moves to the next page). A handful of passes at most; the best one is kept.
 */
export function layoutItemBody(ctx: LayoutContext, flow: Flow, sub: Submission, doc: SourceDoc): void {
  if (doc.pdf) {
    for (let k = 0; k < doc.pdf.pageCount; k++) {
      const p = k === 0 ? flow.page : flow.newPage();
      p.kind = 'pdf';
      p.pdf = { submissionId: sub.id, pageIndex: k };
    }
    return;
  }
  const min = ctx.settings.tailMinLines;
  const caps: number[] = [];
  let pass = layoutPass(ctx, sub, doc, caps);
  for (let attempt = 0; attempt < 4; attempt++) {
    const carried = pass.carry.length > 0 && !!pass.carryFrom;
    const tail = tailLines(pass);
    if (carried) {
      const { page, line } = pass.carryFrom!;
      if (line === 0) break;
      caps[page] = line;
    } else {
      if (tail >= min || tail === 0) break;
      const last = pass.pages.length - 1;
      const cap = pass.used[last - 1] - (min - tail);
      // Never a page shorter than half the grid to feed a tail (an over-tall table, a page break).
      if (cap < Math.ceil(ctx.g.lines / 2)) break;
      caps[last - 1] = cap;
    }
    const next = layoutPass(ctx, sub, doc, caps.slice());
    // Keep the new pass only when it is better: no more pages, and the stranded note or the short tail gone or shorter.
    if (next.pages.length > pass.pages.length) break;
    if (carried ? next.carry.length >= pass.carry.length : tailLines(next) <= tail) break;
    pass = next;
  }
  pass.finish();
  // The item's first page is the flow's current fresh page; the rest follow it.
  const first = flow.page;
  first.ops.push(...pass.pages[0].ops);
  for (let k = 1; k < pass.pages.length; k++) flow.newPage().ops.push(...pass.pages[k].ops);
}
