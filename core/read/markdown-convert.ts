// Markdown reader, part 2: the converter from markdown-it tokens to the document model (blocks,
// inlines, lists, tables with captions, images (markdown-image.ts), footnotes, capped
// warnings). Pure; never throws on odd tokens. The entry point is readMarkdown in markdown.ts.
import type { Token } from 'markdown-it';
import type {
  Block,
  Footnote,
  ImageResource,
  ImportWarning,
  Inline,
  ListItem,
  Paragraph,
  TableCell,
} from '../model/document';
import { inlineText } from '../model/document';
import { MarkdownImages, type ResolveImage } from './markdown-image';
import {
  labelLevel,
  MAX_WARNINGS_PER_CODE,
  looksLikeHeadingParagraph,
  depthLevel,
  type Env,
  md,
} from './markdown-syntax';

export interface ReadMarkdownOptions {
  /**
   * Resolves a relative image path (as written in the file, URL-decoded) to its bytes. Supplied by
   * the node side, which must confine it to the session folder. Never called for URLs with a scheme.
   */
  resolveImage?: ResolveImage;
  /** File name for warning messages. */
  fileName?: string;
}

export type Marks = { bold?: boolean; italic?: boolean; vertAlign?: 'super' | 'sub' };
export type Piece = { kind: 'inlines'; inlines: Inline[] } | { kind: 'image'; block: Block };

export const WIDE =
  /[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF\u3000-\u303F\u201C\u201D\u2018\u2019\u2014\u2026\u{20000}-\u{3FFFF}]/u;

export class Converter {
  readonly blocks: Block[] = [];
  readonly footnotes: Footnote[] = [];
  readonly warnings: ImportWarning[] = [];
  private readonly pictures: MarkdownImages;
  private readonly noteOrder: string[] = [];
  private readonly noteSeen = new Set<string>();
  private readonly warned = new Set<string>();
  private readonly file: string;

  constructor(
    private readonly opts: ReadMarkdownOptions,
    private readonly env: Env,
  ) {
    this.file = opts.fileName ? `${opts.fileName}：` : '';
    this.pictures = new MarkdownImages(opts.resolveImage, (code, message) => this.warn(code, message));
  }

  get images(): Record<string, ImageResource> {
    return this.pictures.images;
  }

  /** Per code, at most MAX_WARNINGS_PER_CODE messages; the rest are counted into one more. */
  private readonly suppressed = new Map<string, number>();
  warn(code: string, message: string) {
    const key = `${code}\n${message}`;
    if (this.warned.has(key)) return;
    this.warned.add(key);
    const same = this.warnings.filter((w) => w.code === code).length;
    if (same >= MAX_WARNINGS_PER_CODE) {
      this.suppressed.set(code, (this.suppressed.get(code) ?? 0) + 1);
      return;
    }
    this.warnings.push({ code, message: this.file + message });
  }
  finishWarnings() {
    for (const [code, n] of this.suppressed)
      this.warnings.push({ code, message: `${this.file}另有 ${n} 处同类问题未逐一列出` });
  }

  noteRef(id: string) {
    if (this.noteSeen.has(id)) return;
    this.noteSeen.add(id);
    this.noteOrder.push(id);
  }

  finishNotes(defs: Map<string, string>) {
    const unreferenced = [...defs.keys()].filter((k) => !this.noteSeen.has(k));
    if (unreferenced.length) {
      this.warn('footnote.unreferenced', `脚注 ${noteList(unreferenced, '条')} 在正文中没有引用，已放在脚注末尾`);
    }
    for (const id of [...this.noteOrder, ...unreferenced]) {
      const toks = md().parseInline(defs.get(id) ?? '', this.env);
      const pieces = this.inlinePieces(toks[0]?.children ?? [], true);
      const inlines = pieces.flatMap((p) => (p.kind === 'inlines' ? p.inlines : []));
      this.footnotes.push({ id, kind: 'footnote', inlines: trimInlines(inlines) });
    }
  }

  /** Converts an inline token's children; images become their own pieces (or alt text when inNote). */
  inlinePieces(children: Token[], altOnly = false): Piece[] {
    const pieces: Piece[] = [];
    let cur: Inline[] = [];
    const marks: Marks = {};
    let pendingSoft = false;
    const lastChar = () => {
      for (let k = cur.length - 1; k >= 0; k--) {
        const i = cur[k];
        if (i.type === 'text' && i.text) return i.text[i.text.length - 1];
        if (i.type === 'break') return '';
      }
      return '';
    };
    const pushText = (text: string) => {
      if (!text) return;
      if (pendingSoft) {
        const prev = lastChar();
        // Chinese lines join without a space; Latin words keep one.
        if (prev && !WIDE.test(prev) && !WIDE.test([...text][0])) text = ' ' + text;
        pendingSoft = false;
      }
      const t: Inline = { type: 'text', text };
      if (marks.bold) t.bold = true;
      if (marks.italic) t.italic = true;
      if (marks.vertAlign) t.vertAlign = marks.vertAlign;
      const prev = cur[cur.length - 1];
      if (
        prev &&
        prev.type === 'text' &&
        prev.bold === t.bold &&
        prev.italic === t.italic &&
        prev.vertAlign === t.vertAlign
      )
        prev.text += text;
      else cur.push(t);
    };
    for (const tok of children) {
      switch (tok.type) {
        case 'text':
        case 'code_inline':
          pushText(tok.content);
          break;
        case 'softbreak':
          pendingSoft = true;
          break;
        case 'hardbreak':
          pendingSoft = false;
          cur.push({ type: 'break' });
          break;
        case 'strong_open':
          marks.bold = true;
          break;
        case 'strong_close':
          marks.bold = false;
          break;
        case 'em_open':
          marks.italic = true;
          break;
        case 'em_close':
          marks.italic = false;
          break;
        case 'sup_open':
          marks.vertAlign = 'super';
          break;
        case 'sub_open':
          marks.vertAlign = 'sub';
          break;
        case 'sup_close':
        case 'sub_close':
          marks.vertAlign = undefined;
          break;
        case 'footnote_ref': {
          const id = (tok.meta as { id: string }).id;
          this.noteRef(id);
          pendingSoft = false;
          cur.push({ type: 'noteRef', id });
          break;
        }
        case 'image': {
          const alt = tok.children ? inlineTextOfTokens(tok.children) : tok.content;
          const block = altOnly
            ? undefined
            : this.pictures.read(
                String(tok.attrGet('src') ?? ''),
                alt,
                tok.attrGet('title') == null ? undefined : String(tok.attrGet('title')),
              );
          if (block) {
            if (cur.length) pieces.push({ kind: 'inlines', inlines: cur });
            pieces.push({ kind: 'image', block });
            cur = [];
            pendingSoft = false;
          } else if (alt) pushText(alt);
          break;
        }
        default:
          // link_open/close, s_open/close and anything else: keep the text, drop the markup.
          break;
      }
    }
    if (cur.length) pieces.push({ kind: 'inlines', inlines: cur });
    return pieces;
  }

  /** Emits a paragraph's pieces as paragraph and image blocks (a heading check for short lines). */
  paragraph(children: Token[], base: Partial<Paragraph> = {}) {
    const pieces = this.inlinePieces(children);
    if (pieces.length === 1 && pieces[0].kind === 'inlines') {
      const inlines = trimInlines(pieces[0].inlines);
      if (!inlines.length) return;
      const level = base.align ? undefined : looksLikeHeadingParagraph(inlineText(inlines));
      if (level && !inlines.some((i) => i.type === 'break')) {
        this.blocks.push({ type: 'heading', level, inlines });
        return;
      }
      this.blocks.push({ type: 'paragraph', inlines, ...base });
      return;
    }
    for (const p of pieces) {
      if (p.kind === 'image') this.blocks.push(p.block);
      else {
        const inlines = trimInlines(p.inlines);
        if (inlines.length) this.blocks.push({ type: 'paragraph', inlines, ...base });
      }
    }
  }

  heading(depth: number, children: Token[]) {
    const pieces = this.inlinePieces(children);
    for (const p of pieces) {
      if (p.kind === 'image') {
        this.blocks.push(p.block);
        continue;
      }
      const inlines = trimInlines(p.inlines);
      if (!inlines.length) continue;
      const level = labelLevel(inlineText(inlines)) ?? depthLevel(depth);
      const h: Block = { type: 'heading', level, inlines };
      (h as { mdDepth?: number }).mdDepth = depth; // removed after title detection
      this.blocks.push(h);
    }
  }

  /** Walks block tokens from i to the matching close (or the end); returns the next index. */
  walk(tokens: Token[], i: number, end: number): number {
    while (i < end) {
      const t = tokens[i];
      switch (t.type) {
        case 'heading_open':
          this.heading(Number(t.tag.slice(1)), tokens[i + 1]?.children ?? []);
          i += 3;
          break;
        case 'paragraph_open':
          this.paragraph(tokens[i + 1]?.children ?? []);
          i += 3;
          break;
        case 'bullet_list_open':
        case 'ordered_list_open':
          i = this.list(tokens, i);
          break;
        case 'table_open':
          i = this.table(tokens, i);
          break;
        case 'fence':
        case 'code_block': {
          const lines = t.content.replace(/\n$/, '').split('\n');
          const inlines: Inline[] = [];
          lines.forEach((l, k) => {
            if (k) inlines.push({ type: 'break' });
            if (l) inlines.push({ type: 'text', text: l });
          });
          if (inlines.length) this.blocks.push({ type: 'paragraph', inlines, align: 'left', indent: false });
          i++;
          break;
        }
        case 'inline':
          this.paragraph(t.children ?? []);
          i++;
          break;
        default:
          // blockquote_open/close, hr, html (never produced with html:false): contents flow on.
          i++;
          break;
      }
    }
    return i;
  }

  list(tokens: Token[], start: number): number {
    const ordered = tokens[start].type === 'ordered_list_open';
    const items: ListItem[] = [];
    const deferred: Block[] = [];
    const end = this.listInto(tokens, start, 0, items, deferred);
    if (items.length) this.blocks.push({ type: 'list', ordered, items });
    this.blocks.push(...deferred);
    return end;
  }

  /** Reads one list (tokens[start] is its open token) into items; returns the index after its close. */
  private listInto(tokens: Token[], start: number, level: number, items: ListItem[], deferred: Block[]): number {
    const open = tokens[start];
    const closeType = open.type === 'ordered_list_open' ? 'ordered_list_close' : 'bullet_list_close';
    let i = start + 1;
    let cur: ListItem | undefined;
    while (i < tokens.length && !(tokens[i].type === closeType && tokens[i].level === open.level)) {
      const t = tokens[i];
      if (t.type === 'list_item_open') {
        const label = open.type === 'ordered_list_open' ? (t.markup === ')' ? `（${t.info}）` : `${t.info}.`) : '•';
        cur = { label, level: Math.min(level, 8), inlines: [] };
        items.push(cur);
        i++;
      } else if (t.type === 'bullet_list_open' || t.type === 'ordered_list_open') {
        i = this.listInto(tokens, i, level + 1, items, deferred);
      } else if (t.type === 'inline' && cur) {
        const pieces = this.inlinePieces(t.children ?? []);
        for (const p of pieces) {
          if (p.kind === 'image') deferred.push(p.block);
          else {
            const inl = trimInlines(p.inlines);
            if (!inl.length) continue;
            if (cur.inlines.length) cur.inlines.push({ type: 'break' });
            cur.inlines.push(...inl);
          }
        }
        i++;
      } else if ((t.type === 'fence' || t.type === 'code_block') && cur) {
        if (cur.inlines.length) cur.inlines.push({ type: 'break' });
        cur.inlines.push({ type: 'text', text: t.content.replace(/\n$/, '') });
        i++;
      } else if (t.type === 'table_open') {
        // A table inside a list item: lay it out after the list rather than lose it.
        const before = this.blocks.length;
        i = this.table(tokens, i);
        deferred.push(...this.blocks.splice(before));
      } else i++;
    }
    return i + 1;
  }

  table(tokens: Token[], start: number): number {
    const rows: { cells: TableCell[] }[] = [];
    let headerRows = 0;
    let inHead = false;
    let row: TableCell[] | undefined;
    let i = start + 1;
    for (; i < tokens.length && tokens[i].type !== 'table_close'; i++) {
      const t = tokens[i];
      if (t.type === 'thead_open') inHead = true;
      else if (t.type === 'thead_close') inHead = false;
      else if (t.type === 'tr_open') row = [];
      else if (t.type === 'tr_close' && row) {
        rows.push({ cells: row });
        if (inHead) headerRows++;
        row = undefined;
      } else if ((t.type === 'th_open' || t.type === 'td_open') && row) {
        const style = String(t.attrGet('style') ?? '');
        const a = /text-align:\s*(left|center|right)/.exec(style)?.[1] as TableCell['align'];
        const inline = tokens[i + 1]?.type === 'inline' ? tokens[i + 1] : undefined;
        const pieces = inline ? this.inlinePieces(inline.children ?? [], true) : [];
        const inlines = trimInlines(pieces.flatMap((p) => (p.kind === 'inlines' ? p.inlines : [])));
        const cell: TableCell = {
          paragraphs: [{ type: 'paragraph', inlines, indent: false, ...(a ? { align: a } : {}) }],
        };
        if (a) cell.align = a;
        row.push(cell);
      }
    }
    let caption: string | undefined;
    const prev = this.blocks[this.blocks.length - 1];
    if (prev && prev.type === 'paragraph') {
      const text = inlineText(prev.inlines).trim();
      if (
        /^(续?表|Table)\s*[0-9０-９一二三四五六七八九十]/.test(text) &&
        [...text].length <= 60 &&
        !text.includes('\n')
      ) {
        caption = text;
        this.blocks.pop();
      }
    }
    if (rows.length) {
      const table: Block = { type: 'table', rows, headerRows };
      if (caption) table.caption = caption;
      this.blocks.push(table);
    }
    return i + 1;
  }
}

export function inlineTextOfTokens(children: Token[]): string {
  return children
    .map((c) => (c.type === 'text' || c.type === 'code_inline' ? c.content : c.type === 'softbreak' ? ' ' : ''))
    .join('');
}

/** Trims leading whitespace (including full-width indentation) and trailing whitespace. */
export function trimInlines(inlines: Inline[]): Inline[] {
  const out = inlines.map((i) => ({ ...i }));
  while (out.length && out[0].type === 'break') out.shift();
  while (out.length && out[out.length - 1].type === 'break') out.pop();
  const first = out[0];
  if (first && first.type === 'text') first.text = first.text.replace(/^[\s\u3000]+/, '');
  const last = out[out.length - 1];
  if (last && last.type === 'text') last.text = last.text.replace(/[\s\u3000]+$/, '');
  return out.filter((i) => i.type !== 'text' || i.text !== '');
}

/** "[^a]、[^b] 等 7 条": the first five footnote ids of a warning, and how many there are in all. */
export function noteList(ids: readonly string[], unit: string): string {
  const shown = ids
    .slice(0, 5)
    .map((id) => `[^${id}]`)
    .join('、');
  return `${shown}${ids.length > 5 ? ` 等 ${ids.length} ${unit}` : ''}`;
}
