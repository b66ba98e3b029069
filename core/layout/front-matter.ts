// Front matter: the cover (session name, theme, book title, organiser, date, marks), the optional
// 说明 page and the 目录 with dot leaders, authors and the real printed page numbers, each entry a
// link to its item. Pure; the body must be laid out first so the numbers are known. It must never
// print a page number that the body layout did not produce.
import { chineseYearMonth, type Session } from '../model/session';
import type { TocEntry } from '../model/dossier';
import { makeAtoms } from './atoms';
import { Flow } from './flow';
import { baselineIn } from './geometry';
import { alignedSegs, breakAtoms, placeAtoms, type LayoutContext } from './paragraph';
import type { DrawOp } from './types';

/** A centred, balanced block of text with its first baseline at y (block-relative); returns the next y. */
function centred(
  ctx: LayoutContext,
  ops: DrawOp[],
  text: string,
  role: 'xbs' | 'hei' | 'kai' | 'song' | 'fang',
  size: number,
  y: number,
  letterSpace = 0,
  lead = 1.5,
): number {
  if (!text.trim()) return y;
  const atoms = makeAtoms(text.trim(), { role, size }, ctx.fonts, ctx.report);
  const br = breakAtoms(ctx, atoms, { balanced: true, tracking: letterSpace });
  for (const line of br.lines) {
    ops.push({ op: 'text', y, segs: alignedSegs(br.atoms, line, letterSpace, 'center') });
    y += size * lead;
  }
  return y;
}

export function layoutCover(ctx: LayoutContext, session: Session): DrawOp[] {
  const g = ctx.g;
  const ops: DrawOp[] = [];
  const s = ctx.settings;
  const base = (line: number) => baselineIn(line * g.pitch, g.pitch, s.bodySize);
  if (session.marks.secrecy) {
    const a = makeAtoms(session.marks.secrecy, { role: 'hei', size: s.bodySize }, ctx.fonts, ctx.report);
    const br = breakAtoms(ctx, a, { tracking: 0 });
    ops.push({ op: 'text', y: base(1), segs: alignedSegs(br.atoms, br.lines[0], 0, 'left') });
  }
  if (session.marks.internal) {
    const a = makeAtoms('内部资料　注意保存', { role: 'hei', size: s.bodySize }, ctx.fonts, ctx.report);
    const br = breakAtoms(ctx, a, { tracking: 0 });
    ops.push({ op: 'text', y: base(0), segs: alignedSegs(br.atoms, br.lines[0], 0, 'right') });
  }
  if (session.marks.confidentialityLine) {
    const a = makeAtoms(session.marks.confidentialityLine, { role: 'kai', size: 14 }, ctx.fonts, ctx.report);
    const br = breakAtoms(ctx, a, { tracking: 0 });
    ops.push({
      op: 'text',
      y: base(session.marks.internal ? 1 : 0),
      segs: alignedSegs(br.atoms, br.lines[0], 0, 'right'),
    });
  }
  let y = g.blockH * 0.2;
  y = centred(ctx, ops, session.name, 'xbs', s.titleSize, y, 0, 1.6);
  y = Math.max(y + g.pitch, g.blockH * 0.34);
  y = centred(ctx, ops, session.theme, 'xbs', 30, y, 2, 1.5);
  y = Math.max(y + g.pitch, g.blockH * 0.47);
  centred(ctx, ops, session.bookTitle, 'xbs', 36, y, 8, 1.4);
  let yb = g.blockH * 0.86;
  const organiser = [session.organiser, session.organiserSuffix].filter(Boolean).join('　');
  yb = centred(ctx, ops, organiser, 'kai', s.bodySize + 2, yb, 0, 1.8);
  centred(ctx, ops, chineseYearMonth(session.date), 'kai', s.bodySize + 2, yb, 0, 1.8);
  return ops;
}

/** 说明: a titled page (or pages) of body paragraphs. */
export function layoutPreface(ctx: LayoutContext, text: string): Flow {
  const flow = new Flow(ctx.g);
  flow.newPage('preface');
  const s = ctx.settings;
  placeAtoms(ctx, flow, makeAtoms('说　明', { role: 'xbs', size: s.titleSize }, ctx.fonts, ctx.report), s.titleSize, {
    align: 'center',
    tracking: 0,
  });
  flow.blankLine();
  for (const para of text.split(/\r?\n/)) {
    if (!para.trim()) continue;
    placeAtoms(
      ctx,
      flow,
      makeAtoms(para.trim(), { role: 'fang', size: s.bodySize }, ctx.fonts, ctx.report),
      s.bodySize,
      { firstIndent: 2 * ctx.g.cell },
    );
  }
  for (const p of flow.pages) p.kind = 'preface';
  return flow;
}

/**
 * 目录: "一、大会发言" group lines in 黑体, then per item "title …… author …… page". Titles wrap
 * within the space left of the author column; leaders and numbers sit on the last title line.
 */
export function layoutToc(
  ctx: LayoutContext,
  sections: { title: string }[],
  toc: TocEntry[],
  dest: (e: TocEntry) => string,
): Flow {
  const g = ctx.g;
  const s = ctx.settings;
  const size = s.bodySize;
  const flow = new Flow(g);
  flow.newPage('toc');
  placeAtoms(ctx, flow, makeAtoms('目　录', { role: 'xbs', size: s.titleSize }, ctx.fonts, ctx.report), s.titleSize, {
    align: 'center',
    tracking: 0,
  });
  flow.blankLine();
  const numW = 2.5 * g.cell;
  const indent = 2 * g.cell;
  let lastSection = -1;
  for (const e of toc) {
    const newGroup = e.sectionIndex !== lastSection;
    lastSection = e.sectionIndex;
    const authorAtoms = makeAtoms(e.author, { role: 'fang', size }, ctx.fonts, ctx.report);
    let authorW = 0;
    for (const a of authorAtoms) authorW += a.width;
    authorW += Math.max(0, authorAtoms.length - 1) * g.tracking;
    const numAtoms = makeAtoms(String(e.page), { role: 'fang', size }, ctx.fonts, ctx.report);
    const numNatural = numAtoms.reduce((w, a) => w + a.width, 0);
    // Authors right-aligned in a column before the numbers; titles use the full width and wrap
    // with a one-character hang; when the last title line leaves no room, the author gets its own line.
    const ax = g.blockW - numW - g.cell - authorW;
    const br = breakAtoms(ctx, makeAtoms(e.title, { role: 'fang', size }, ctx.fonts, ctx.report), {
      width: g.blockW - numW - g.cell,
      firstIndent: indent,
      restIndent: indent + g.cell,
      tracking: g.tracking,
    });
    const last = br.lines[br.lines.length - 1];
    const lastEnd = last.indent + last.natural + last.gaps * br.tracking;
    const ownLine = lastEnd + g.cell > ax;
    const lineCount = br.lines.length + (ownLine ? 1 : 0);
    if (newGroup) {
      // The group heading (一、大会发言) stays with its first entry.
      const head = sections[e.sectionIndex]?.title ?? '';
      placeAtoms(ctx, flow, makeAtoms(head, { role: 'hei', size }, ctx.fonts, ctx.report), size, {
        align: 'left',
        keepWithNext: true,
        keepFollowing: Math.min(lineCount, g.lines - 1),
        tracking: g.tracking,
      });
    }
    flow.keep(Math.min(lineCount, g.lines));
    const aSegs = alignedSegs(
      authorAtoms,
      {
        start: 0,
        end: authorAtoms.length,
        indent: ax,
        measure: authorW,
        natural: authorW,
        gaps: authorAtoms.length - 1,
        last: true,
      },
      g.tracking,
      'left',
    );
    const nSegs = alignedSegs(
      numAtoms,
      {
        start: 0,
        end: numAtoms.length,
        indent: g.blockW - numNatural,
        measure: numNatural,
        natural: numNatural,
        gaps: 0,
        last: true,
      },
      0,
      'left',
    );
    const tail = (segs: ReturnType<typeof alignedSegs>, from: number) => {
      segs.push(...aSegs, ...nSegs);
      const y = flow.line(segs, size);
      const dotY = y - size * 0.3;
      flow.page.ops.push({ op: 'leader', x1: from + size * 0.3, x2: ax - size * 0.3, y: dotY, size });
      flow.page.ops.push({
        op: 'leader',
        x1: ax + authorW + size * 0.3,
        x2: g.blockW - numNatural - size * 0.3,
        y: dotY,
        size,
      });
    };
    br.lines.forEach((line, k) => {
      const segs = alignedSegs(br.atoms, line, br.tracking, 'left');
      if (k === br.lines.length - 1 && !ownLine) tail(segs, lastEnd);
      else flow.line(segs, size);
    });
    if (ownLine) tail([], indent + g.cell);
    // The entry's lines on this page are the link area.
    const lineTop = flow.y - g.pitch * lineCount;
    const pageOps = flow.page.ops;
    pageOps.push({
      op: 'link',
      x: 0,
      y: Math.max(0, lineTop),
      w: g.blockW,
      h: flow.y - Math.max(0, lineTop),
      dest: dest(e),
    });
  }
  for (const p of flow.pages) p.kind = 'toc';
  return flow;
}
