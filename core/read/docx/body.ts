// Walks WordprocessingML (body, table cells, text boxes, notes) into document-model blocks, with
// the semantics a reader of the printed page expects: tracked changes accepted, field RESULTS kept
// (never instruction text), hidden text and comments skipped, content controls unwrapped, ruby
// base text kept, one branch of mc:AlternateContent, text boxes after their anchor paragraph.
// It must never lose content silently: what it cannot keep becomes a warning naming it.
import type { Block, Inline, ListItem, Paragraph } from '../../model/document';
import { child, elements, textOf, type XmlElement } from '../xml-safe';
import { headingLabelLevel, HEADING_MAX_CHARS, looksLikeHeadingLine } from '../heading-patterns';
import { mergeRun, readRunProps, type RunProps } from './styles';
import {
  chooseBranch,
  dropsResult,
  fieldVisible,
  hasText,
  InlineSink,
  isOn,
  jcAlign,
  plain,
  PROMINENT_HALF_POINTS,
  trimInlines,
  warn,
  type BodyContext,
} from './body-context';
import { walkGraphic } from './body-images';
import { readTable } from './body-tables';

export type { BodyContext } from './body-context';

// ───────────────────────────── runs ─────────────────────────────

function walkRun(r: XmlElement, ctx: BodyContext, base: RunProps, sink: InlineSink): void {
  const rPr = child(r, 'w:rPr');
  const styleRun = ctx.styles.get(child(rPr, 'w:rStyle')?.attrs['w:val'])?.run ?? {};
  const p = mergeRun(mergeRun(base, styleRun), readRunProps(rPr));
  for (const c of elements(r)) {
    switch (c.name) {
      case 'w:fldChar': {
        const t = c.attrs['w:fldCharType'];
        const instr = (ctx.fieldInstr ??= []);
        if (t === 'begin') {
          ctx.fields.push('instr');
          instr.push('');
        } else if (t === 'separate' && ctx.fields.length) {
          ctx.fields[ctx.fields.length - 1] = dropsResult(ctx, instr[instr.length - 1] ?? '') ? 'drop' : 'result';
        } else if (t === 'end') {
          ctx.fields.pop();
          instr.pop();
        }
        break;
      }
      case 'w:t':
        if (!p.hidden && fieldVisible(ctx)) sink.addText(textOf(c), p);
        break;
      case 'w:tab':
      case 'w:ptab':
        if (!p.hidden && fieldVisible(ctx)) sink.addText(' ', p);
        break;
      case 'w:br':
      case 'w:cr':
        if (p.hidden || !fieldVisible(ctx)) break;
        if (c.attrs['w:type'] === 'page') sink.pending.push({ kind: 'pageBreak' });
        else if (c.attrs['w:type'] !== 'column') sink.inlines.push({ type: 'break' });
        break;
      case 'w:noBreakHyphen':
        if (!p.hidden && fieldVisible(ctx)) sink.addText('-', p);
        break;
      case 'w:sym': {
        const code = parseInt(c.attrs['w:char'] ?? '', 16);
        // Symbol-font private-use code points print as dingbats we cannot map faithfully.
        if (!p.hidden && fieldVisible(ctx) && Number.isFinite(code) && (code < 0xe000 || code > 0xf8ff))
          sink.addText(String.fromCodePoint(code), p);
        break;
      }
      case 'w:footnoteReference':
      case 'w:endnoteReference':
        if (!p.hidden)
          sink.inlines.push({
            type: 'noteRef',
            id: `${c.name === 'w:footnoteReference' ? 'fn' : 'en'}${c.attrs['w:id']}`,
          });
        break;
      case 'w:drawing':
      case 'w:pict':
      case 'w:object':
        if (!p.hidden && fieldVisible(ctx)) walkGraphic(c, ctx, sink, readBlocks);
        break;
      case 'mc:AlternateContent': {
        const b = chooseBranch(c);
        if (b) walkRun(b, ctx, base, sink);
        break;
      }
      case 'w:ruby':
        // 拼音指南: the base characters are the text; the phonetic guide is decoration.
        walkInlineContainer(child(c, 'w:rubyBase') ?? c, ctx, p, sink);
        break;
      case 'w:instrText':
        if (ctx.fieldInstr?.length && ctx.fields[ctx.fields.length - 1] === 'instr')
          ctx.fieldInstr[ctx.fieldInstr.length - 1] += textOf(c);
        break;
      case 'w:delText':
      case 'w:delInstrText':
      case 'w:rPr':
      case 'w:lastRenderedPageBreak':
      case 'w:commentReference':
      case 'w:annotationRef':
      case 'w:footnoteRef':
      case 'w:endnoteRef':
      case 'w:separator':
      case 'w:continuationSeparator':
        break;
      default:
        break;
    }
  }
}

/** Paragraph-level inline content: runs and the wrappers around them. */
function walkInlineContainer(el: XmlElement, ctx: BodyContext, base: RunProps, sink: InlineSink): void {
  for (const c of elements(el)) {
    switch (c.name) {
      case 'w:r':
        walkRun(c, ctx, base, sink);
        break;
      case 'w:hyperlink':
      case 'w:smartTag':
      case 'w:customXml':
      case 'w:ins':
      case 'w:moveTo':
      case 'w:dir':
      case 'w:bdo':
      case 'w:rubyBase':
        walkInlineContainer(c, ctx, base, sink);
        break;
      case 'w:fldSimple':
        if (!dropsResult(ctx, c.attrs['w:instr'] ?? '')) walkInlineContainer(c, ctx, base, sink);
        break;
      case 'w:subDoc':
        warn(ctx, 'import.subdoc', `${ctx.fileName}：文档链接了子文档，子文档的内容不会导入；请在 Word 中合并后再导入`);
        break;
      case 'w:sdt':
        walkInlineContainer(child(c, 'w:sdtContent') ?? c, ctx, base, sink);
        break;
      case 'mc:AlternateContent': {
        const b = chooseBranch(c);
        if (b) walkInlineContainer(b, ctx, base, sink);
        break;
      }
      case 'm:oMathPara':
      case 'm:oMath': {
        if (!fieldVisible(ctx)) break;
        const t: string[] = [];
        const collect = (x: XmlElement) => {
          for (const y of elements(x)) {
            if (y.name === 'm:t') t.push(textOf(y));
            else collect(y);
          }
        };
        collect(c);
        sink.addText(t.join(''), base);
        break;
      }
      // w:del, w:moveFrom (tracked deletions), w:pPr, bookmarks, comment ranges, proofErr: nothing to keep.
      default:
        break;
    }
  }
}

// ───────────────────────────── paragraphs ─────────────────────────────

interface ParaResult {
  blocks: Block[];
  /** The paragraph mark itself was deleted (tracked): its text joins the next paragraph. */
  markDeleted: boolean;
  inlines: Inline[];
}

function readParagraph(p: XmlElement, ctx: BodyContext, carry: Inline[]): ParaResult {
  const pPr = child(p, 'w:pPr');
  const style = ctx.styles.get(child(pPr, 'w:pStyle')?.attrs['w:val'] ?? ctx.styles.defaultParagraphStyle);
  const base = mergeRun(ctx.styles.docDefaultsRun, style?.run ?? {});
  const markRPr = child(pPr, 'w:rPr');
  const markDeleted = !!child(markRPr, 'w:del') || !!child(markRPr, 'w:moveFrom');
  const sink = new InlineSink();
  sink.inlines.push(...carry);
  walkInlineContainer(p, ctx, base, sink);
  const blocks: Block[] = [];
  if (isOn(child(pPr, 'w:pageBreakBefore'))) blocks.push({ type: 'pageBreak' });
  if (markDeleted && !sink.pending.length) return { blocks: [], markDeleted, inlines: sink.inlines };

  const inlines = trimInlines(sink.inlines);
  const text = plain(inlines).trim();
  const align = jcAlign(child(pPr, 'w:jc')?.attrs['w:val'] ?? style?.jc);

  // Numbering: direct numPr wins over the style's; numId 0 switches numbering off.
  const numPr = child(pPr, 'w:numPr');
  const numId = child(numPr, 'w:numId')?.attrs['w:val'] ?? style?.numId;
  const ilvl = Number(child(numPr, 'w:ilvl')?.attrs['w:val'] ?? style?.ilvl ?? 0);
  const listLabel = numId && hasText(inlines) ? ctx.numbering.next(numId, ilvl) : undefined;

  // Heading level: style name / outline level first, then label pattern plus formatting evidence.
  const ol = child(pPr, 'w:outlineLvl')?.attrs['w:val'];
  const outline = ol !== undefined && /^\d$/.test(ol) ? Number(ol) : style?.outlineLvl;
  let level: number | undefined =
    style?.headingLevel ?? (outline !== undefined && outline < 9 ? outline + 1 : undefined);
  if (style?.isTitle) level = 1;
  const labelled = (listLabel?.ordered ? listLabel.label : '') + text;
  if (level === undefined && hasText(inlines)) {
    const patternLevel = headingLabelLevel(labelled);
    const formatted =
      sink.textRuns > 0 &&
      (sink.boldRuns === sink.textRuns ||
        sink.headingFontRuns === sink.textRuns ||
        (sink.firstRunHeadingFont && [...text].length <= HEADING_MAX_CHARS));
    if (patternLevel && [...labelled].length <= HEADING_MAX_CHARS + 10) {
      if (formatted || (patternLevel <= 2 && looksLikeHeadingLine(labelled) && !listLabel)) level = patternLevel;
    }
  }

  if (hasText(inlines)) {
    if (level !== undefined && level >= 1) {
      const lv = Math.min(4, level) as 1 | 2 | 3 | 4;
      const hi = listLabel?.ordered ? [{ type: 'text', text: listLabel.label } as Inline, ...inlines] : inlines;
      blocks.push({ type: 'heading', level: lv, inlines: hi.map(stripBold) });
    } else if (listLabel) {
      blocks.push({
        type: 'list',
        ordered: listLabel.ordered,
        items: [{ label: listLabel.label, level: listLabel.level, inlines }],
      });
    } else {
      const para: Paragraph = { type: 'paragraph', inlines };
      // "Left" in a member's file is a default, not a decision: body text follows the house style.
      if (align === 'center' || align === 'right') para.align = align;
      if (align === 'center' || align === 'right') para.indent = false;
      if (sink.maxSize >= PROMINENT_HALF_POINTS) ctx.prominent?.add(para);
      blocks.push(para);
    }
  }
  for (const x of sink.pending) {
    if (x.kind === 'image') blocks.push(x.block);
    else if (x.kind === 'pageBreak') blocks.push({ type: 'pageBreak' });
    else blocks.push(...x.blocks);
  }
  return { blocks, markDeleted: false, inlines: [] };
}

/** Headings print in their own face: bold or italic from a heading style would double the emphasis. */
function stripBold(i: Inline): Inline {
  if (i.type !== 'text' || (!i.bold && !i.italic)) return i;
  const { bold: _b, italic: _i, ...rest } = i;
  return rest;
}

// ───────────────────────────── blocks ─────────────────────────────

/** Reads the block content of a container (body, cell, text box, note, sdtContent). */
export function readBlocks(container: XmlElement, ctx: BodyContext): Block[] {
  const out: Block[] = [];
  let carry: Inline[] = [];
  const visit = (el: XmlElement) => {
    for (const c of elements(el)) {
      switch (c.name) {
        case 'w:p': {
          const r = readParagraph(c, ctx, carry);
          carry = r.markDeleted ? r.inlines : [];
          out.push(...r.blocks);
          break;
        }
        case 'w:tbl': {
          const t = readTable(c, ctx, readBlocks);
          if (t) out.push(t);
          break;
        }
        case 'w:sdt':
          visit(child(c, 'w:sdtContent') ?? c);
          break;
        case 'w:customXml':
        case 'w:ins':
        case 'w:moveTo':
        case 'w:txbxContent':
          visit(c);
          break;
        case 'mc:AlternateContent': {
          const b = chooseBranch(c);
          if (b) visit(b);
          break;
        }
        case 'w:altChunk':
          warn(
            ctx,
            'import.altchunk',
            `${ctx.fileName}：文档中嵌入了另一份文档（altChunk，常见于网页或系统导出），其内容无法读取；请在 Word/WPS 中打开后另存为 .docx 再导入`,
          );
          break;
        default:
          break;
      }
    }
  };
  visit(container);
  if (carry.length && hasText(carry)) out.push({ type: 'paragraph', inlines: trimInlines(carry) });
  return mergeLists(out);
}

/** Consecutive list items of the same kind form one list. */
function mergeLists(blocks: Block[]): Block[] {
  const out: Block[] = [];
  for (const b of blocks) {
    const last = out[out.length - 1];
    if (b.type === 'list' && last?.type === 'list' && last.ordered === b.ordered)
      last.items.push(...(b.items as ListItem[]));
    else out.push(b);
  }
  return out;
}
