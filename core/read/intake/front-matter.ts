// The one front-matter step every reader's output goes through (DOCX, WPS-as-DOCX, legacy after
// conversion, TXT, MD, a PDF's text layer as a suggestion): looks at the first and the last
// paragraphs and takes out, each with a confidence, label lines above the title, the title (one or
// two paragraphs, or one with a line break), a subtitle, the author line(s) — also above the title —
// a date line, and a signature (author/organisation + date) at the end. What it takes out leaves
// `blocks` and is returned as FrontMatterLine[] with the original block, so the clerk can put it
// back. An opening salutation stays body. Text plus layout evidence only; no roster here.
import { inlineText, type Block, type FrontMatterLine, type SourceDoc } from '../../model/document';
import { parseByline } from './byline';
import {
  endsSentence,
  isDateLine,
  isLabelLine,
  isSalutation,
  isSubtitleLine,
  printedDate,
  printedSubtitle,
  startsWithHeadingLabel,
  TITLE_MAX_CHARS,
} from './patterns';

export interface FrontMatterOptions {
  /** Plain text (TXT, a PDF's text layer): no layout evidence, a short first line may be the title. */
  plainText?: boolean;
  /** Paragraphs set in display size (the DOCX reader knows): title candidates even when not centred. */
  isProminent?: (b: Block) => boolean;
}

export interface FrontMatterResult {
  /** The body: the blocks without the recognised lines. */
  blocks: Block[];
  lines: FrontMatterLine[];
  title?: string;
  /** The byline as printed (several byline lines joined by a space). */
  byline?: string;
}

const CJK = '\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f';
const BREAK_JOIN = new RegExp(`(?<=[${CJK}])\\n+(?=[${CJK}])`, 'g');

/** One line of text; a manual line break between Chinese characters (a title broken by hand) joins up. */
export function lineText(b: Block): string | undefined {
  if (b.type !== 'heading' && b.type !== 'paragraph') return undefined;
  return inlineText(b.inlines)
    .replace(BREAK_JOIN, '')
    .replace(/[\s\u3000\u00a0]+/g, ' ')
    .trim();
}

interface Line {
  i: number;
  b: Block;
  text: string;
  heading: boolean;
  centered: boolean;
  right: boolean;
  prominent: boolean;
  bold: boolean;
}

const allBold = (b: Block) =>
  b.type === 'paragraph' &&
  b.inlines.some((x) => x.type === 'text' && x.text.trim()) &&
  b.inlines.every((x) => x.type !== 'text' || !x.text.trim() || x.bold === true);

function lines(blocks: Block[], opts: FrontMatterOptions): (Line | undefined)[] {
  return blocks.map((b, i) => {
    const text = lineText(b);
    if (text === undefined || text === '') return undefined;
    return {
      i,
      b,
      text,
      heading: b.type === 'heading',
      centered: b.type === 'paragraph' && b.align === 'center',
      right: b.type === 'paragraph' && b.align === 'right',
      prominent: opts.isProminent?.(b) === true,
      bold: allBold(b),
    };
  });
}

const isBlank = (b: Block) => b.type === 'pageBreak' || lineText(b) === '';

/** Can this text be (part of) a title at all? */
function titleText(t: string): boolean {
  return (
    [...t].length <= TITLE_MAX_CHARS &&
    !/[。；;！!]$/.test(t) &&
    !/^［.*］$/.test(t) &&
    !/^</.test(t) &&
    !startsWithHeadingLabel(t) &&
    !isSalutation(t) &&
    !isDateLine(t) &&
    !isSubtitleLine(t)
  );
}

/** Layout evidence that a line is set as a title: a heading style (the caller rules out "一、"-labelled ones), display size, centring. */
const displayed = (l: Line) => l.heading || l.prominent || l.centered;

/** The byline shape of a line, raised by layout (centred or right-aligned short line under a title). */
function bylineShape(l: Line | undefined): number {
  if (!l || l.heading || l.prominent) return 0;
  const p = parseByline(l.text);
  return p ? p.shape : 0;
}

const asStored = (b: Block): FrontMatterLine['block'] =>
  b.type === 'paragraph' || b.type === 'heading' ? b : undefined;

export function extractFrontMatter(blocks: Block[], opts: FrontMatterOptions = {}): FrontMatterResult {
  const ls = lines(blocks, opts);
  const taken: { l: Line; role: FrontMatterLine['role']; at: 'head' | 'tail'; confidence: number; text: string }[] = [];
  const next = (k: number) => {
    while (k < blocks.length && isBlank(blocks[k])) k++;
    return k;
  };
  const take = (
    l: Line,
    role: FrontMatterLine['role'],
    confidence: number,
    text = l.text,
    at: 'head' | 'tail' = 'head',
  ) => taken.push({ l, role, at, confidence, text });

  // ── head ──
  let k = next(0);
  while (ls[k] && isLabelLine(ls[k]!.text) && next(k + 1) < blocks.length) {
    take(ls[k]!, 'label', 0.9);
    k = next(k + 1);
  }
  let bylineAbove: Line | undefined;
  const first = ls[k];
  if (first && !displayed(first) && bylineShape(first) >= 0.8) {
    const after = ls[next(k + 1)];
    if (after && titleText(after.text) && (displayed(after) || opts.plainText)) {
      bylineAbove = first;
      k = next(k + 1);
    }
  }
  const t0 = ls[k];
  let titleEnd = -1;
  let titleConfidence = 0;
  if (t0 && titleText(t0.text)) {
    const after = ls[next(k + 1)];
    // Without title formatting, only a clear byline (职务 + name, 发言人：, an organisation) or a
    // subtitle / date under a short line makes it a title; a bare short word could be body.
    const followedByMeta =
      !!after &&
      (isSubtitleLine(after.text) ||
        bylineShape(after) >= 0.8 ||
        ((after.centered || after.right || opts.plainText === true) && bylineShape(after) >= 0.6) ||
        isDateLine(after.text));
    if (displayed(t0) && !(t0.centered && !t0.prominent && !t0.heading && bylineShape(t0) >= 0.8 && !bylineAbove))
      titleConfidence = 0.95;
    else if (followedByMeta && !endsSentence(t0.text)) titleConfidence = 0.85;
    else if (opts.plainText && !/[，,：:、]$/.test(t0.text) && next(k + 1) < blocks.length) titleConfidence = 0.7;
    if (titleConfidence) titleEnd = k;
  }
  let title: string | undefined;
  let bylineParts: string[] = [];
  let bodyStart = 0;
  if (titleEnd < 0)
    taken.length = 0; // labels go with a title, never alone
  else {
    if (bylineAbove) take(bylineAbove, 'byline', 0.85, bylineAbove.text);
    const titleLines = [t0!];
    // A second title line: set like the first, not a subtitle / byline / date, the whole still short.
    const s = ls[titleEnd + 1] ?? (opts.plainText ? undefined : ls[next(titleEnd + 1)]);
    if (
      s &&
      s.i === next(titleEnd + 1) &&
      titleText(s.text) &&
      !endsSentence(s.text) &&
      bylineShape(s) < 0.6 &&
      !isLabelLine(s.text) &&
      [...(t0!.text + s.text)].length <= TITLE_MAX_CHARS
    ) {
      const same =
        (s.heading && t0!.heading) ||
        (s.centered && t0!.centered) ||
        (s.prominent && t0!.prominent) ||
        (s.bold && t0!.bold && displayed(t0!));
      const afterS = ls[next(s.i + 1)];
      const metaAfter =
        !!afterS && (isSubtitleLine(afterS.text) || bylineShape(afterS) >= 0.6 || isDateLine(afterS.text));
      if (same || (opts.plainText && metaAfter && [...s.text].length <= 30 && !/[，,：:]/.test(s.text)))
        titleLines.push(s);
    }
    for (const l of titleLines) take(l, 'title', titleConfidence);
    title = titleLines.map((l) => l.text).join('');
    if (bylineAbove) bylineParts.push(parseByline(bylineAbove.text)?.printed ?? bylineAbove.text);
    let j = next(titleLines[titleLines.length - 1].i + 1);
    let sawSub = false;
    let sawDate = false;
    let bylines = bylineAbove ? 1 : 0;
    for (let guard = 0; guard < 6 && ls[j]; guard++) {
      const l = ls[j]!;
      if (!sawSub && isSubtitleLine(l.text)) {
        take(l, 'subtitle', 0.9, printedSubtitle(l.text));
        sawSub = true;
      } else if (!sawDate && isDateLine(l.text)) {
        take(l, 'date', 0.95, printedDate(l.text));
        sawDate = true;
      } else if (
        bylines < 3 &&
        !sawDate &&
        bylineShape(l) >= 0.6 &&
        (l.centered || l.right || bylineShape(l) >= 0.8 || opts.plainText || bylines === 0)
      ) {
        const p = parseByline(l.text)!;
        take(l, 'byline', Math.round(Math.min(0.95, p.shape + (l.centered || l.right ? 0.05 : 0)) * 100) / 100, l.text);
        bylineParts.push(p.printed);
        bylines++;
      } else break;
      j = next(j + 1);
    }
    bodyStart = j;
  }

  // ── tail: a right-aligned (or, in plain text, a last-line) signature with or without a date ──
  let end = blocks.length;
  while (end > bodyStart && isBlank(blocks[end - 1])) end--;
  const tail: { l: Line; role: 'date' | 'signature' }[] = [];
  let e = end - 1;
  for (let guard = 0; guard < 3 && e >= bodyStart; guard++) {
    const l = ls[e];
    if (!l) break;
    const aligned = l.right || (opts.plainText === true && !l.heading);
    if (isDateLine(l.text) && !tail.some((x) => x.role === 'date') && (aligned || l.centered))
      tail.unshift({ l, role: 'date' });
    else if (
      aligned &&
      bylineShape(l) >= (l.right || tail.length ? 0.6 : 0.8) &&
      tail.filter((x) => x.role === 'signature').length < 2
    )
      tail.unshift({ l, role: 'signature' });
    else break;
    e--;
    while (e >= bodyStart && isBlank(blocks[e])) e--;
  }
  const sigs = tail.filter((x) => x.role === 'signature');
  let bodyEnd = end;
  if (sigs.length && e >= bodyStart) {
    for (const x of tail)
      take(
        x.l,
        x.role,
        x.role === 'date' ? 0.9 : x.l.right ? 0.85 : 0.7,
        x.role === 'date' ? printedDate(x.l.text) : x.l.text,
        'tail',
      );
    bodyEnd = tail[0].l.i;
    if (!bylineParts.length) bylineParts = sigs.map((x) => parseByline(x.l.text)?.printed ?? x.l.text);
  }
  while (bodyStart < bodyEnd && isBlank(blocks[bodyStart])) bodyStart++;

  const body = blocks.slice(bodyStart, bodyEnd);
  const out: FrontMatterResult = {
    blocks: body,
    lines: taken
      .sort((a, b) => a.l.i - b.l.i)
      .map((x) => {
        const line: FrontMatterLine = { role: x.role, text: x.text, at: x.at, confidence: x.confidence };
        const stored = asStored(x.l.b);
        if (stored) line.block = stored;
        return line;
      }),
  };
  if (title) out.title = title;
  if (bylineParts.length) out.byline = bylineParts.join(' ');
  return out;
}

/** Runs the step on a reader's document: body, frontMatter, title and author line set from it. */
export function applyFrontMatter(doc: SourceDoc, opts: FrontMatterOptions = {}): SourceDoc {
  const r = extractFrontMatter(doc.blocks, opts);
  doc.blocks = r.blocks;
  if (r.lines.length) doc.frontMatter = r.lines;
  if (r.title) doc.title = r.title;
  if (r.byline) doc.authorLine = r.byline;
  return doc;
}
