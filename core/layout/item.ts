// Lays out one dossier item (a submission) into body pages: title in balanced 小标宋 lines, the
// author line in 楷体, a blank line, then the blocks (headings, paragraphs, lists, tables, images,
// page breaks) and the notes at the end under a short rule. A PDF submission reserves its pages.
// Pure. It must never lose content: unknown or broken pieces (a missing image) leave a visible mark.
import type { Block, Footnote, ImageBlock, List, SourceDoc } from '../model/document';
import type { Submission } from '../model/session';
import { makeAtoms } from './atoms';
import type { Flow } from './flow';
import { inlineAtoms, placeAtoms, alignedSegs, breakAtoms, type LayoutContext } from './paragraph';
import { layoutTable } from './table';

const HEADING_ROLE = { 1: 'hei', 2: 'kai', 3: 'fang', 4: 'fang' } as const;

/** Title block: title (balanced, centred), author line, one blank line. */
export function layoutTitle(ctx: LayoutContext, flow: Flow, title: string, author: string): number {
  const s = ctx.settings;
  const titleAtoms = makeAtoms(title.replace(/\s*\n\s*/g, ' '), { role: 'xbs', size: s.titleSize }, ctx.fonts, ctx.report);
  const titleBaseline = flow.nextLine();
  placeAtoms(ctx, flow, titleAtoms, s.titleSize, { align: 'center', balanced: true, tracking: 0, keepWithNext: true });
  if (author.trim()) {
    const a = makeAtoms(author.trim(), { role: 'kai', size: s.bodySize }, ctx.fonts, ctx.report);
    placeAtoms(ctx, flow, a, s.bodySize, { align: 'center', balanced: true, tracking: 0 });
  }
  flow.blankLine();
  return titleBaseline;
}

function layoutList(ctx: LayoutContext, flow: Flow, list: List): void {
  const g = ctx.g;
  for (const it of list.items) {
    const indent = (2 + 2 * it.level) * g.cell;
    const label = makeAtoms(it.label + (/[.、）)]$/.test(it.label) ? '' : ' '), { role: 'fang', size: g.size }, ctx.fonts, ctx.report);
    let lw = 0;
    for (const a of label) lw += a.width;
    lw += Math.max(0, label.length - 1) * g.tracking;
    const hang = Math.min(indent + lw, g.blockW / 2);
    const labelSegs = alignedSegs(label, { start: 0, end: label.length, indent, measure: lw, natural: lw, gaps: 0, last: true }, g.tracking, 'left');
    placeAtoms(ctx, flow, inlineAtoms(ctx, it.inlines, { role: 'fang', size: g.size }), g.size, { firstIndent: hang, restIndent: hang, firstLinePrefix: labelSegs });
  }
}

function layoutImage(ctx: LayoutContext, flow: Flow, doc: SourceDoc, img: ImageBlock): void {
  const g = ctx.g;
  const res = doc.images[img.resource];
  if (!res) {
    placeAtoms(ctx, flow, makeAtoms(`［图片缺失：${img.alt ?? img.resource}］`, { role: 'kai', size: g.size }, ctx.fonts, ctx.report), g.size, { align: 'center', tracking: 0 });
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
    placeAtoms(ctx, flow, makeAtoms(img.caption, { role: 'kai', size: 14 }, ctx.fonts, ctx.report), 14, { align: 'center', tracking: 0, balanced: true });
  }
}

function layoutBlock(ctx: LayoutContext, flow: Flow, doc: SourceDoc, b: Block, next?: Block): void {
  const g = ctx.g;
  switch (b.type) {
    case 'heading': {
      const role = HEADING_ROLE[b.level];
      const bold = b.level === 3 && ctx.settings.level3Bold;
      // A heading stays with what follows: one line of text, or the start of a table or picture.
      if (next && (next.type === 'table' || next.type === 'image')) flow.keep(4);
      placeAtoms(ctx, flow, inlineAtoms(ctx, b.inlines, { role, size: g.size, bold }), g.size, { firstIndent: 2 * g.cell, keepWithNext: true });
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
      placeAtoms(ctx, flow, atoms, g.size, { align, firstIndent: indent });
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

function layoutNotes(ctx: LayoutContext, flow: Flow, notes: Footnote[]): void {
  const g = ctx.g;
  const used = notes.filter((n) => ctx.notes.has(n.id));
  // Notes never referenced still print (a reader may have lost the anchor), numbered after the rest.
  for (const n of notes) if (!ctx.notes.has(n.id)) used.push(n);
  if (!used.length) return;
  flow.keep(2);
  const i = flow.nextLine();
  const y = i * g.pitch + g.pitch * 0.6;
  flow.page.ops.push({ op: 'rule', x1: 0, y1: y, x2: g.blockW / 4, y2: y, width: 0.6 });
  flow.y = (i + 1) * g.pitch;
  const size = 14;
  for (const n of used) {
    let marker = ctx.notes.get(n.id);
    if (!marker) {
      marker = `[${ctx.notes.size + 1}]`;
      ctx.notes.set(n.id, marker);
    }
    const label = makeAtoms(marker, { role: 'fang', size }, ctx.fonts, ctx.report);
    const lw = label.reduce((s, a) => s + a.width, 0) + size * 0.25;
    const labelSegs = alignedSegs(label, { start: 0, end: label.length, indent: 0, measure: lw, natural: lw, gaps: 0, last: true }, 0, 'left');
    const atoms = inlineAtoms(ctx, n.inlines, { role: 'fang', size });
    const br = breakAtoms(ctx, atoms, { firstIndent: lw, restIndent: lw, tracking: 0 });
    br.lines.forEach((line, k) => {
      const segs = alignedSegs(br.atoms, line, 0, 'justify');
      if (k === 0) segs.unshift(...labelSegs);
      flow.line(segs, size);
    });
  }
}

/** Lays out an item's content starting on the flow's current (fresh) page. */
export function layoutItemBody(ctx: LayoutContext, flow: Flow, sub: Submission, doc: SourceDoc): void {
  ctx.notes = new Map();
  if (doc.pdf) {
    for (let k = 0; k < doc.pdf.pageCount; k++) {
      const p = k === 0 ? flow.page : flow.newPage();
      p.kind = 'pdf';
      p.pdf = { submissionId: sub.id, pageIndex: k };
    }
    return;
  }
  layoutTitle(ctx, flow, sub.title, sub.authorLine);
  doc.blocks.forEach((b, k) => layoutBlock(ctx, flow, doc, b, doc.blocks[k + 1]));
  layoutNotes(ctx, flow, doc.footnotes ?? []);
}
