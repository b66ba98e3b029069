// Shared state and small helpers of the WordprocessingML walk (body.ts): the context a walk carries,
// the inline sink a paragraph's runs write into, warnings without repeats and text trimming.
import type { Block, Inline, Paragraph, ImageResource, ImportWarning } from '../../model/document';
import { child, type XmlElement } from '../xml-safe';
import type { ImageBudget } from '../images/downscale';
import type { DocxPackage } from './package';
import type { RunProps, Styles } from './styles';
import type { Numbering } from './numbering';

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

/** Reads the block content of a container; passed down so the table and picture walks can recurse. */
export type ReadBlocks = (container: XmlElement, ctx: BodyContext) => Block[];

export type Pending = { kind: 'image'; block: Block } | { kind: 'blocks'; blocks: Block[] } | { kind: 'pageBreak' };

const HEADING_FONT_RE = /黑体|hei|楷体|楷|kai|方正小标宋|小标宋|xbs/i;

export function warn(ctx: BodyContext, code: string, message: string): void {
  if (ctx.warnings.some((w) => w.code === code && w.message === message)) return;
  ctx.warnings.push({ code, message });
}

/** Picks the one branch of mc:AlternateContent we read: the first Choice, else the Fallback. */
export function chooseBranch(el: XmlElement): XmlElement | undefined {
  return child(el, 'mc:Choice') ?? child(el, 'mc:Fallback');
}

/** An OOXML on/off element: present and not "0"/"false"/"off". */
export const isOn = (el: XmlElement | undefined) => !!el && !['0', 'false', 'off'].includes(el.attrs['w:val'] ?? '');

export const fieldVisible = (ctx: BodyContext) => ctx.fields.every((f) => f === 'result');

/**
 * A table of contents inside a submission lists the author's own page numbers, which mean nothing
 * in the dossier (it has its own contents): its result is left out, with a note.
 */
export function dropsResult(ctx: BodyContext, instr: string): boolean {
  if (!/^\s*TOC\b/i.test(instr)) return false;
  warn(ctx, 'import.toc-dropped', `${ctx.fileName}：文档自带的目录已略去（汇编有统一目录）`);
  return true;
}

export class InlineSink {
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

export function jcAlign(jc: string | undefined): Paragraph['align'] | undefined {
  if (jc === 'center') return 'center';
  if (jc === 'right' || jc === 'end') return 'right';
  if (jc === 'left' || jc === 'start') return 'left';
  return undefined;
}

/** Trims the whitespace authors type for indentation (the layout indents by itself). */
export function trimInlines(inlines: Inline[]): Inline[] {
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

export const hasText = (inlines: Inline[]) =>
  inlines.some((i) => (i.type === 'text' && i.text.trim() !== '') || i.type === 'noteRef');
export const plain = (inlines: Inline[]) => inlines.map((i) => (i.type === 'text' ? i.text : '')).join('');
