// What of an imported document is printed as body once the clerk's corrections
// (Submission.bodyEdits) are applied: recognised front-matter lines put back into the body, and
// leading / trailing body blocks left out of print. Both writers get exactly these blocks (through
// buildDossier), and 材料详情 shows the same list, so what the clerk sees is what is printed.
// Pure: no node, no DOM.
import type { Block, FrontMatterLine, SourceDoc } from './document';
import type { Submission } from './session';

export type BodyEdits = NonNullable<Submission['bodyEdits']>;

/** Where a printed block comes from: a front-matter line put back, or a block of the body as read. */
export type PrintedOrigin = { kind: 'front'; index: number } | { kind: 'body'; index: number };

export interface PrintedPart {
  block: Block;
  origin: PrintedOrigin;
}

/** A body block that is NOT printed (left out at the head or the tail), for the review screen. */
export interface OmittedPart {
  block: Block;
  index: number;
  at: 'head' | 'tail';
}

const EMPTY: BodyEdits = { restore: [], omitHead: 0, omitTail: 0 };

/** True when the edits change nothing (absent, or all empty). */
export function noBodyEdits(e: Submission['bodyEdits']): boolean {
  return !e || (e.restore.length === 0 && e.omitHead === 0 && e.omitTail === 0);
}

/** The block a front-matter line restores: the paragraph as read, else its text as a plain paragraph. */
export function frontMatterBlock(line: FrontMatterLine): Block {
  return line.block ?? { type: 'paragraph', inlines: [{ type: 'text', text: line.text }] };
}

/** omitHead / omitTail clamped so that together they never exceed the body. */
function clampOmits(length: number, e: BodyEdits): { head: number; tail: number } {
  const head = Math.min(Math.max(0, e.omitHead), length);
  const tail = Math.min(Math.max(0, e.omitTail), length - head);
  return { head, tail };
}

/**
 * The printed body in order: restored head lines (in document order), the body blocks as read
 * without the omitted head and tail, then restored tail lines. Unknown restore indices are ignored
 * (a new source version may have fewer lines); a PDF document has no reflowed body.
 */
export function printedParts(
  doc: Pick<SourceDoc, 'blocks' | 'frontMatter'>,
  edits: Submission['bodyEdits'],
): PrintedPart[] {
  const e = edits ?? EMPTY;
  const fm = doc.frontMatter ?? [];
  const restored = [...new Set(e.restore)].filter((i) => i >= 0 && i < fm.length).sort((a, b) => a - b);
  const front = (at: 'head' | 'tail'): PrintedPart[] =>
    restored
      .filter((i) => fm[i].at === at)
      .map((i) => ({ block: frontMatterBlock(fm[i]), origin: { kind: 'front', index: i } }));
  const { head, tail } = clampOmits(doc.blocks.length, e);
  const body: PrintedPart[] = [];
  for (let i = head; i < doc.blocks.length - tail; i++)
    body.push({ block: doc.blocks[i], origin: { kind: 'body', index: i } });
  return [...front('head'), ...body, ...front('tail')];
}

/** The body blocks left out of print by omitHead / omitTail, in document order. */
export function omittedParts(doc: Pick<SourceDoc, 'blocks'>, edits: Submission['bodyEdits']): OmittedPart[] {
  const { head, tail } = clampOmits(doc.blocks.length, edits ?? EMPTY);
  const out: OmittedPart[] = [];
  for (let i = 0; i < head; i++) out.push({ block: doc.blocks[i], index: i, at: 'head' });
  for (let i = doc.blocks.length - tail; i < doc.blocks.length; i++)
    out.push({ block: doc.blocks[i], index: i, at: 'tail' });
  return out;
}

/** The blocks that will be printed as the item's body. */
export function printedBlocks(doc: Pick<SourceDoc, 'blocks' | 'frontMatter'>, edits: Submission['bodyEdits']): Block[] {
  return printedParts(doc, edits).map((p) => p.block);
}

/**
 * The document as the writers should see it: the same object when there is nothing to apply (so
 * caches keyed by the document stay warm), else a copy whose blocks are the printed body.
 */
export function applyBodyEdits(doc: SourceDoc, edits: Submission['bodyEdits']): SourceDoc {
  if (noBodyEdits(edits) || doc.pdf) return doc;
  return { ...doc, blocks: printedBlocks(doc, edits) };
}
