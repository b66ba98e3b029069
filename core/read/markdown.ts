// Markdown reader: CommonMark + GFM tables (markdown-it's token stream, never its HTML) into the
// document model. Pure: no file or network access — an image that is not a data: URI can only come
// in through the optional resolveImage port, and remote or file: URLs are never even passed to it
// (reliability H4). Raw HTML is inert: markdown-it runs with html:false, so tags stay literal text
// (H5). It never throws on odd input; anything it cannot keep becomes a warning, never a silent loss.
//
// Heading levels (GB/T 9704 7.3.3), decided for markdown headings and for short plain paragraphs:
//   the text's own label wins: "一、" → 1, "（一）" → 2, "1." / "1．" → 3, "（1）" → 4;
//   otherwise the markdown depth: # and ## → 1, ### → 2, #### → 3, ##### and ###### → 4.
//   A plain paragraph is a heading only when its whole text starts with such a label, it is short
//   (≤ 40 characters) and has no sentence end (。！？；) before its last character — a run-in
//   "（一）加强保护。近年来……" stays a paragraph. Such a short labelled line inside running text
//   (no blank line around it) is split off as its own block, as Chinese authors mean it.
// Title and author: front matter (title/author, also 标题/作者) when present; otherwise a leading
//   "# " heading (unless it carries a label like "一、") is the title and a short line right after
//   it (not a sentence, not a salutation ending in "：") is the author line. Neither is kept in
//   blocks. A short paragraph "表1 …" right before a table becomes the table's caption; an
//   image's title ("![alt](src "图1 …")") becomes its caption.
// Lists: "1." keeps "1.", "1)" is printed the Chinese way "（1）", bullets are "•"; nested lists
//   are flattened into the same list block with their nesting level.
import type { Block, SourceDoc } from '../model/document';
import { inlineText } from '../model/document';
import { frontMatterAuthor, frontMatterTitle, splitFrontMatter } from './front-matter';
import { labelLevel, type Env, md, prePass } from './markdown-syntax';
import { Converter, noteList, type ReadMarkdownOptions } from './markdown-convert';
import { extractFrontMatter } from './intake/front-matter';

export { labelLevel } from './markdown-syntax';
export type { ReadMarkdownOptions } from './markdown-convert';

const SHORT_AUTHOR = 40;

const withoutDepth = <T extends object>(b: T): T => {
  const { mdDepth: _d, ...rest } = b as T & { mdDepth?: number };
  return rest as T;
};

/** Reads Markdown text into a SourceDoc. Never throws on any input string. */
export function readMarkdown(text: string, opts: ReadMarkdownOptions = {}): SourceDoc {
  const normalised = text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .replace(/\u0000/g, '\uFFFD');
  const fm = splitFrontMatter(normalised);
  const pre = prePass(fm.body);
  const env: Env = { footnoteIds: new Set(pre.defs.keys()) };
  const c = new Converter(opts, env);
  const tokens = md().parse(pre.body, env);
  c.walk(tokens, 0, tokens.length);
  c.finishNotes(pre.defs);
  const missing = [...(env.missingRefs ?? [])];
  if (missing.length) {
    c.warn('footnote.undefined', `脚注引用 ${noteList(missing, '处')} 没有对应的脚注内容，已按原文保留`);
  }

  let title = frontMatterTitle(fm);
  let authorLine = frontMatterAuthor(fm);
  const blocks = c.blocks;
  const first = blocks[0] as (Block & { mdDepth?: number }) | undefined;
  let frontMatter: SourceDoc['frontMatter'];
  if (title === undefined && authorLine === undefined) {
    // No YAML block: the same front-matter step as every other reader ("# 标题", subtitle, byline, date, signature).
    const r = extractFrontMatter(blocks, { isProminent: (b) => (b as { mdDepth?: number }).mdDepth === 1 });
    blocks.splice(0, blocks.length, ...r.blocks);
    if (r.lines.length) frontMatter = r.lines;
    title = r.title;
    authorLine = r.byline;
  } else if (first && first.type === 'heading' && first.mdDepth === 1) {
    const firstText = inlineText(first.inlines).trim();
    // "# 一、基本情况" is a section heading written with #, not the document's title.
    if ((title === undefined && labelLevel(firstText) === undefined) || firstText === title) {
      title = firstText;
      blocks.shift();
      const next = blocks[0];
      if (next && next.type === 'paragraph' && next.inlines.every((i) => i.type === 'text')) {
        const t = inlineText(next.inlines).trim();
        // A salutation ("各位常委：") or a sentence is body text, not a signature.
        const bodyLike = /[。！？；]/.test(t) || /[：:，,、]$/.test(t);
        if ([...t].length <= SHORT_AUTHOR && !bodyLike && (authorLine === undefined || t === authorLine)) {
          authorLine = t;
          blocks.shift();
        }
      }
    }
  } else if (title !== undefined && authorLine !== undefined) {
    // Front matter given and the body repeats the author line first: don't print it twice.
    const next = blocks[0];
    if (next && next.type === 'paragraph' && inlineText(next.inlines).trim() === authorLine) blocks.shift();
  }
  for (const b of blocks) delete (b as { mdDepth?: number }).mdDepth;

  c.finishWarnings();
  const doc: SourceDoc = { blocks, footnotes: c.footnotes, images: c.images, warnings: c.warnings };
  if (title) doc.title = title;
  if (authorLine) doc.authorLine = authorLine;
  if (frontMatter) doc.frontMatter = frontMatter.map((l) => (l.block ? { ...l, block: withoutDepth(l.block) } : l));
  return doc;
}
