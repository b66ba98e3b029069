// Walks WordprocessingML (body, table cells, text boxes, notes) into document-model blocks, with
// the semantics a reader of the printed page expects: tracked changes accepted, field RESULTS kept
// (never instruction text), hidden text and comments skipped, content controls unwrapped, ruby
// base text kept, one branch of mc:AlternateContent, text boxes after their anchor paragraph.
// It must never lose content silently: what it cannot keep becomes a warning naming it.
import type {
  Block,
  Inline,
  ListItem,
  Paragraph,
  Table,
  TableCell,
  ImageResource,
  ImportWarning,
} from '../../model/document';
import { child, elements, textOf, type XmlElement } from '../xml-safe';
import { headingLabelLevel, HEADING_MAX_CHARS, looksLikeHeadingLine } from '../heading-patterns';
import { prepareImageForPrint, type ImageBudget } from '../images/downscale';
import { describeImageOutcome } from '../images/messages';
import { toBase64 } from '../../bytes/base64';
import type { DocxPackage } from './package';
import { mergeRun, readRunProps, type RunProps, type Styles } from './styles';
import type { Numbering } from './numbering';
import { ZipError } from '../zip-safe';

export interface BodyContext {
  pkg: DocxPackage;
  /** Part whose relationships resolve r:id / r:embed. */
  part: string;
  styles: Styles;
  numbering: Numbering;
  images: Record<string, ImageResource>;
  /** image part name → resource key, so an image used twice is stored once */
  imageKeys: Map<string, { key: string; width: number; height: number } | { failed: string }>;
  /** Shrinking time left for this document (image-downscale); absent = unlimited. */
  imageBudget?: ImageBudget;
  warnings: ImportWarning[];
  fileName: string;
  /** Open fields: text shows only when every open field is past its separator. */
  fields: ('instr' | 'result' | 'drop')[];
  /** Instruction text of each open field (a TOC field's result is the author's own contents list). */
  fieldInstr?: string[];
  /** Prefix for note ids: 'fn' / 'en'. */
  notePrefix?: string;
  /** Paragraphs set larger than body text (≥ 18 pt): title candidates even when not centred. */
  prominent?: WeakSet<Block>;
}

/** Half-points from which a paragraph counts as display size (公文 body text is 三号 = 16 pt). */
export const PROMINENT_HALF_POINTS = 36;

type Pending = { kind: 'image'; block: Block } | { kind: 'blocks'; blocks: Block[] } | { kind: 'pageBreak' };

const HEADING_FONT_RE = /黑体|hei|楷体|楷|kai|方正小标宋|小标宋|xbs/i;

function warn(ctx: BodyContext, code: string, message: string): void {
  if (ctx.warnings.some((w) => w.code === code && w.message === message)) return;
  ctx.warnings.push({ code, message });
}

/** Picks the one branch of mc:AlternateContent we read: the first Choice, else the Fallback. */
function chooseBranch(el: XmlElement): XmlElement | undefined {
  return child(el, 'mc:Choice') ?? child(el, 'mc:Fallback');
}

/** An OOXML on/off element: present and not "0"/"false"/"off". */
const isOn = (el: XmlElement | undefined) => !!el && !['0', 'false', 'off'].includes(el.attrs['w:val'] ?? '');

const fieldVisible = (ctx: BodyContext) => ctx.fields.every((f) => f === 'result');

/**
 * A table of contents inside a submission lists the author's own page numbers, which mean nothing
 * in the dossier (it has its own contents): its result is left out, with a note.
 */
function dropsResult(ctx: BodyContext, instr: string): boolean {
  if (!/^\s*TOC\b/i.test(instr)) return false;
  warn(ctx, 'import.toc-dropped', `${ctx.fileName}：文档自带的目录已略去（汇编有统一目录）`);
  return true;
}

class InlineSink {
  inlines: Inline[] = [];
  pending: Pending[] = [];
  /** Runs that carried text, and how many of them were bold / in a heading face. */
  textRuns = 0;
  boldRuns = 0;
  headingFontRuns = 0;
  firstRunHeadingFont = false;
  maxSize = 0;

  addText(text: string, p: RunProps): void {
    if (!text) return;
    if (text.trim()) {
      if (this.textRuns === 0 && p.eastAsiaFont && HEADING_FONT_RE.test(p.eastAsiaFont))
        this.firstRunHeadingFont = true;
      this.textRuns++;
      if (p.bold) this.boldRuns++;
      if (p.eastAsiaFont && HEADING_FONT_RE.test(p.eastAsiaFont)) this.headingFontRuns++;
      if (p.size && p.size > this.maxSize) this.maxSize = p.size;
    }
    const last = this.inlines[this.inlines.length - 1];
    const same = (a: Inline) =>
      a.type === 'text' &&
      !!a.bold === !!p.bold &&
      !!a.italic === !!p.italic &&
      !!a.underline === !!p.underline &&
      a.vertAlign === p.vertAlign;
    if (last && last.type === 'text' && same(last)) {
      last.text += text;
      return;
    }
    const inl: Inline = { type: 'text', text };
    if (p.bold) inl.bold = true;
    if (p.italic) inl.italic = true;
    if (p.underline) inl.underline = true;
    if (p.vertAlign) inl.vertAlign = p.vertAlign;
    this.inlines.push(inl);
  }
}

function jcAlign(jc: string | undefined): Paragraph['align'] | undefined {
  if (jc === 'center') return 'center';
  if (jc === 'right' || jc === 'end') return 'right';
  if (jc === 'left' || jc === 'start') return 'left';
  return undefined;
}

/** Trims the whitespace authors type for indentation (the layout indents by itself). */
function trimInlines(inlines: Inline[]): Inline[] {
  const out = inlines.filter((i) => !(i.type === 'text' && i.text === ''));
  while (out.length && out[0].type === 'break') out.shift();
  while (out.length && out[out.length - 1].type === 'break') out.pop();
  const first = out[0];
  if (first?.type === 'text') {
    first.text = first.text.replace(/^[\s\u3000\u00a0]+/, '');
    if (!first.text) out.shift();
  }
  const last = out[out.length - 1];
  if (last?.type === 'text') {
    last.text = last.text.replace(/[\s\u3000\u00a0]+$/, '');
    if (!last.text) out.pop();
  }
  return out;
}

const hasText = (inlines: Inline[]) =>
  inlines.some((i) => (i.type === 'text' && i.text.trim() !== '') || i.type === 'noteRef');
const plain = (inlines: Inline[]) => inlines.map((i) => (i.type === 'text' ? i.text : '')).join('');

// ───────────────────────────── images ─────────────────────────────

/**
 * Where a picture could not be imported, a visible marker stands in its place, so the clerk sees
 * the gap in the preview at the right spot (the warning says why and what to do).
 */
function placeholder(sink: InlineSink, what: string): void {
  sink.pending.push({
    kind: 'blocks',
    blocks: [{ type: 'paragraph', align: 'center', indent: false, inlines: [{ type: 'text', text: `［${what}］` }] }],
  });
}

function imageFromRel(
  ctx: BodyContext,
  rid: string | undefined,
  link: string | undefined,
  extentPx: { width: number; height: number } | undefined,
  alt: string | undefined,
  sink: InlineSink,
): void {
  const rels = ctx.pkg.rels(ctx.part);
  if (!rid && link) {
    const r = rels.get(link);
    warn(
      ctx,
      'image.external',
      `${ctx.fileName}：有一张图片链接到外部文件（${r?.target ?? link}），出于安全未读取，请把图片直接插入文档后再导入`,
    );
    placeholder(sink, '此处为外部链接图片，未导入');
    return;
  }
  if (!rid) return;
  const rel = rels.get(rid);
  if (!rel) {
    warn(ctx, 'image.missing', `${ctx.fileName}：文档引用的一张图片（${rid}）不存在，已跳过`);
    placeholder(sink, '此处图片缺失');
    return;
  }
  if (rel.external) {
    warn(
      ctx,
      'image.external',
      `${ctx.fileName}：有一张图片链接到外部文件（${rel.target}），出于安全未读取，请把图片直接插入文档后再导入`,
    );
    placeholder(sink, '此处为外部链接图片，未导入');
    return;
  }
  const shortName = rel.target.split('/').pop() ?? rel.target;
  let known = ctx.imageKeys.get(rel.target);
  if (known === undefined) {
    let bytes: Uint8Array | undefined;
    try {
      bytes = ctx.pkg.zip.read(rel.target);
    } catch (e) {
      if (e instanceof ZipError && (e.code === 'zip.bomb' || e.code === 'zip.total-too-large')) throw e;
      bytes = undefined;
    }
    if (!bytes) {
      warn(ctx, 'image.missing', `${ctx.fileName}：图片 ${shortName} 缺失或已损坏，已跳过`);
      known = { failed: `此处图片 ${shortName} 缺失或已损坏` };
    } else {
      // Header caps first, then shrink (or convert a BMP) for print; see image-downscale.ts.
      const outcome = prepareImageForPrint(bytes, { fallbackSize: extentPx, budget: ctx.imageBudget });
      const said = describeImageOutcome(`${ctx.fileName}：`, shortName, outcome);
      for (const w of said.warnings) warn(ctx, w.code, w.message);
      if (!outcome.ok) {
        known = { failed: said.marker ?? `此处图片 ${shortName} 未能导入` };
      } else {
        const key = `img${Object.keys(ctx.images).length + 1}`;
        ctx.images[key] = { mime: outcome.image.mime, data: toBase64(outcome.image.bytes) };
        known = { key, width: outcome.image.width, height: outcome.image.height };
      }
    }
    ctx.imageKeys.set(rel.target, known);
  }
  if ('failed' in known) {
    placeholder(sink, known.failed);
    return;
  }
  const block: Block = { type: 'image', resource: known.key, width: known.width, height: known.height };
  if (alt) block.alt = alt;
  sink.pending.push({ kind: 'image', block });
}

/** Text boxes and pictures inside a w:drawing / w:pict / w:object, in document order. */
function walkGraphic(
  el: XmlElement,
  ctx: BodyContext,
  sink: InlineSink,
  extent?: { width: number; height: number },
  alt?: string,
): void {
  for (const c of elements(el)) {
    switch (c.name) {
      case 'w:txbxContent':
        sink.pending.push({ kind: 'blocks', blocks: readBlocks(c, ctx) });
        break;
      case 'mc:AlternateContent': {
        const b = chooseBranch(c);
        if (b) walkGraphic(b, ctx, sink, extent, alt);
        break;
      }
      case 'wp:inline':
      case 'wp:anchor': {
        const ext = child(c, 'wp:extent');
        const cx = Number(ext?.attrs.cx ?? 0);
        const cy = Number(ext?.attrs.cy ?? 0);
        const px = cx > 0 && cy > 0 ? { width: Math.round(cx / 9525), height: Math.round(cy / 9525) } : undefined;
        const docPr = child(c, 'wp:docPr');
        walkGraphic(c, ctx, sink, px, docPr?.attrs.descr || undefined);
        break;
      }
      case 'a:graphicData': {
        const uri = c.attrs.uri ?? '';
        // Charts and SmartArt carry no picture of themselves: say so instead of dropping them.
        if (/\/chart$/.test(uri)) {
          warn(
            ctx,
            'image.chart',
            `${ctx.fileName}：文档中有图表，无法直接导入，请在 Word/WPS 中将图表复制为图片（选择性粘贴为 PNG）后重新导入`,
          );
          placeholder(sink, '此处图表未能导入');
        } else if (/\/diagram$/.test(uri)) {
          warn(
            ctx,
            'image.smartart',
            `${ctx.fileName}：文档中有 SmartArt 图形，无法直接导入，请将其另存为图片后重新插入`,
          );
          placeholder(sink, '此处 SmartArt 图形未能导入');
        }
        walkGraphic(c, ctx, sink, extent, alt);
        break;
      }
      case 'a:blip':
        imageFromRel(ctx, c.attrs['r:embed'], c.attrs['r:link'], extent, alt, sink);
        break;
      case 'v:imagedata':
        imageFromRel(
          ctx,
          c.attrs['r:id'] ?? c.attrs['r:pict'],
          c.attrs['r:href'],
          extent,
          alt ?? c.attrs['o:title'],
          sink,
        );
        break;
      default:
        walkGraphic(c, ctx, sink, extent, alt);
    }
  }
}

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
        if (!p.hidden && fieldVisible(ctx)) walkGraphic(c, ctx, sink);
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

// ───────────────────────────── tables ─────────────────────────────

function cellParagraphs(blocks: Block[], ctx: BodyContext): Paragraph[] {
  const out: Paragraph[] = [];
  for (const b of blocks) {
    if (b.type === 'paragraph') out.push(b);
    else if (b.type === 'heading') out.push({ type: 'paragraph', inlines: b.inlines });
    else if (b.type === 'list')
      for (const it of b.items)
        out.push({ type: 'paragraph', inlines: [{ type: 'text', text: it.label }, ...it.inlines] });
    else if (b.type === 'table')
      // Nested tables flatten to one line per row, cells separated by a full-width space.
      for (const r of b.rows)
        out.push({
          type: 'paragraph',
          indent: false,
          inlines: [
            {
              type: 'text',
              text: r.cells.map((c) => c.paragraphs.map((p) => plain(p.inlines)).join(' ')).join('\u3000'),
            },
          ],
        });
    else if (b.type === 'image')
      warn(
        ctx,
        'table.image-in-cell',
        `${ctx.fileName}：表格单元格中的图片无法放入汇编表格，已略去，请把图片移到表格外`,
      );
  }
  return out;
}

function tableRows(tbl: XmlElement): XmlElement[] {
  const rows: XmlElement[] = [];
  const visit = (el: XmlElement) => {
    for (const c of elements(el)) {
      if (c.name === 'w:tr') rows.push(c);
      else if (c.name === 'w:sdt') visit(child(c, 'w:sdtContent') ?? c);
      else if (c.name === 'w:customXml' || c.name === 'w:ins' || c.name === 'w:moveTo') visit(c);
    }
  };
  visit(tbl);
  return rows;
}

function rowCells(tr: XmlElement): XmlElement[] {
  const cells: XmlElement[] = [];
  const visit = (el: XmlElement) => {
    for (const c of elements(el)) {
      if (c.name === 'w:tc') cells.push(c);
      else if (c.name === 'w:sdt') visit(child(c, 'w:sdtContent') ?? c);
      else if (c.name === 'w:customXml') visit(c);
    }
  };
  visit(tr);
  return cells;
}

function readTable(tbl: XmlElement, ctx: BodyContext): Table | undefined {
  const widths = elements(child(tbl, 'w:tblGrid'))
    .filter((g) => g.name === 'w:gridCol')
    .map((g) => Number(g.attrs['w:w'] ?? 0));
  const rows: { cells: TableCell[] }[] = [];
  const header: boolean[] = [];
  /** grid column → the cell that opened a vertical merge there */
  const open = new Map<number, TableCell>();
  for (const tr of tableRows(tbl)) {
    const trPr = child(tr, 'w:trPr');
    if (child(trPr, 'w:del')) continue; // a tracked row deletion, accepted
    let col = Number(child(trPr, 'w:gridBefore')?.attrs['w:val'] ?? 0) || 0;
    const cells: TableCell[] = [];
    for (const tc of rowCells(tr)) {
      const tcPr = child(tc, 'w:tcPr');
      const span = Math.max(1, Number(child(tcPr, 'w:gridSpan')?.attrs['w:val'] ?? 1) || 1);
      const vm = child(tcPr, 'w:vMerge');
      const vmVal = vm?.attrs['w:val'];
      if (vm && vmVal !== 'restart') {
        const above = open.get(col);
        if (above) {
          above.rowSpan = (above.rowSpan ?? 1) + 1;
          col += span;
          continue;
        }
      }
      const paragraphs = cellParagraphs(readBlocks(tc, ctx), ctx);
      const cell: TableCell = { paragraphs };
      if (span > 1) cell.colSpan = span;
      const a = paragraphs[0]?.align;
      if (a === 'center' || a === 'right' || a === 'left') cell.align = a;
      for (const p of paragraphs) {
        delete p.align;
        delete p.indent;
      }
      if (vm) open.set(col, cell);
      else open.delete(col);
      for (let k = 1; k < span; k++) open.delete(col + k);
      cells.push(cell);
      col += span;
    }
    if (!cells.length) continue;
    rows.push({ cells });
    header.push(isOn(child(trPr, 'w:tblHeader')));
  }
  if (!rows.length) return undefined;
  let headerRows = 0;
  while (headerRows < header.length && header[headerRows]) headerRows++;
  const t: Table = { type: 'table', rows, headerRows };
  if (widths.length && widths.every((w) => w > 0)) t.columnWidths = widths;
  return t;
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
          const t = readTable(c, ctx);
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
