// Markdown reader, part 1: the syntax side — Chinese heading labels (一、 （一） 1. （1）), the
// markdown-it instance with our inline rules (^sup^, ~sub~, footnote references) and the pre-pass
// that lifts footnote definitions out of the text. Pure; used by markdown-convert.ts and markdown.ts.
import MarkdownIt from 'markdown-it';
import cjkFriendly from 'markdown-it-cjk-friendly';
import type { MarkdownIt as MarkdownItInstance, StateInline } from 'markdown-it';

export const L1 = /^[一二三四五六七八九十百零〇]+、/;
export const L2 = /^[（(][一二三四五六七八九十百零〇]+[)）]/;
export const L3 = /^[0-9０-９]{1,2}[.．](?![0-9０-９])/;
export const L4 = /^[（(][0-9０-９]{1,2}[)）]/;

/** The GB/T 9704 heading level a text's own label implies, if any. */
export function labelLevel(text: string): 1 | 2 | 3 | 4 | undefined {
  const t = text.trimStart();
  if (L1.test(t)) return 1;
  if (L2.test(t)) return 2;
  if (L4.test(t)) return 4;
  if (L3.test(t)) return 3;
  return undefined;
}

export const MAX_HEADING_CHARS = 40;
export const MAX_WARNINGS_PER_CODE = 20;
export function looksLikeHeadingParagraph(text: string): 1 | 2 | 3 | 4 | undefined {
  const t = text.trim();
  if (t.includes('\n')) return undefined;
  const chars = [...t];
  if (chars.length > MAX_HEADING_CHARS || chars.length < 3) return undefined;
  if (/[。！？；!?]/.test(chars.slice(0, -1).join(''))) return undefined;
  return labelLevel(t);
}

export function depthLevel(depth: number): 1 | 2 | 3 | 4 {
  if (depth <= 2) return 1;
  if (depth === 3) return 2;
  if (depth === 4) return 3;
  return 4;
}

// ---------------------------------------------------------------- markdown-it setup

/** `^x^` superscript and `~x~` subscript (single tilde; GFM ~~strike~~ keeps its meaning). */
export function vertRule(marker: number, name: 'sup' | 'sub') {
  return (state: StateInline, silent: boolean): boolean => {
    const max = state.posMax;
    const start = state.pos;
    if (state.src.charCodeAt(start) !== marker || silent) return false;
    if (start + 2 >= max) return false;
    if (state.src.charCodeAt(start + 1) === marker) return false;
    state.pos = start + 1;
    let found = false;
    while (state.pos < max) {
      if (state.src.charCodeAt(state.pos) === marker) {
        found = true;
        break;
      }
      state.md.inline.skipToken(state);
    }
    const content = state.src.slice(start + 1, state.pos);
    if (!found || content.length === 0 || /\s/.test(content)) {
      state.pos = start;
      return false;
    }
    state.posMax = state.pos;
    state.pos = start + 1;
    state.push(`${name}_open`, name, 1);
    state.md.inline.tokenize(state);
    state.push(`${name}_close`, name, -1);
    state.pos = state.posMax + 1;
    state.posMax = max;
    return true;
  };
}

export type Env = {
  footnoteIds: Set<string>;
  /** References to notes that have no definition (kept as literal text, reported). */
  missingRefs?: Set<string>;
};

/** `[^id]` footnote references (definitions were taken out in the pre-pass). */
export function footnoteRefRule(state: StateInline, silent: boolean): boolean {
  const src = state.src;
  const start = state.pos;
  if (src.charCodeAt(start) !== 0x5b /* [ */ || src.charCodeAt(start + 1) !== 0x5e /* ^ */) return false;
  const m = /^\[\^([^\]\s]{1,40})\]/.exec(src.slice(start, Math.min(state.posMax, start + 44)));
  if (!m) return false;
  const env = state.env as unknown as Env;
  if (!env.footnoteIds?.has(m[1])) {
    (env.missingRefs ??= new Set()).add(m[1]);
    return false;
  }
  if (!silent) {
    const t = state.push('footnote_ref', '', 0);
    t.meta = { id: m[1] };
  }
  state.pos = start + m[0].length;
  return true;
}

let mdInstance: MarkdownItInstance | undefined;
export function md(): MarkdownItInstance {
  if (mdInstance) return mdInstance;
  const m = new MarkdownIt('default', { html: false, linkify: false, typographer: false, breaks: false });
  // CommonMark's flanking rules fail on "**“齐文化+”**的" (punctuation inside, a Han character
  // outside): the plugin applies the CJK-friendly amendment so such bold text is bold.
  m.use(cjkFriendly);
  // markdown-it only accepts gif/png/jpeg/webp data: URIs; a BMP one would otherwise print its
  // base64 as text. image() converts BMP (and reports the others), so let it see them.
  const validateLink = m.validateLink.bind(m);
  m.validateLink = (url: string) => /^\s*data:image\/(?:bmp|x-ms-bmp);/i.test(url) || validateLink(url);
  m.inline.ruler.before('link', 'hb_footnote_ref', footnoteRefRule);
  m.inline.ruler.after('emphasis', 'hb_sup', vertRule(0x5e, 'sup'));
  m.inline.ruler.after('emphasis', 'hb_sub', vertRule(0x7e, 'sub'));
  mdInstance = m;
  return m;
}

// ---------------------------------------------------------------- pre-pass

export interface PrePass {
  body: string;
  /** Footnote definitions in file order: id → raw markdown text. */
  defs: Map<string, string>;
}

export const FENCE = /^ {0,3}(`{3,}|~{3,})/;
export const FOOTDEF = /^ {0,3}\[\^([^\]\s]{1,40})\]:[ \t]*(.*)$/;

/**
 * Takes footnote definitions out (markdown-it would read them as link definitions) and turns a
 * line that starts with full-width indentation into its own paragraph (how Chinese text marks
 * paragraphs), dropping the indentation: the layout indents paragraphs itself.
 */
export function prePass(text: string): PrePass {
  const lines = text.split('\n');
  const out: string[] = [];
  const defs = new Map<string, string>();
  let fence: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i];
    const f = FENCE.exec(line);
    if (fence) {
      if (f && f[1][0] === fence[0] && f[1].length >= fence.length) fence = undefined;
      out.push(line);
      continue;
    }
    if (f) {
      fence = f[1];
      out.push(line);
      continue;
    }
    const d = FOOTDEF.exec(line);
    if (d) {
      let body = d[2];
      // Continuation lines: indented, or lazily following until a blank line.
      while (i + 1 < lines.length && /^( {2,}|\t)\S/.test(lines[i + 1])) body += '\n' + lines[++i].trim();
      if (!defs.has(d[1])) defs.set(d[1], body);
      else defs.set(d[1], defs.get(d[1]) + '\n' + body);
      continue;
    }
    const prev = out.length ? out[out.length - 1] : '';
    const prevIsText = prev.trim() !== '' && !/^\s*\|/.test(prev);
    if (/^[ \t]*\u3000/.test(line)) {
      line = line.replace(/^[ \t\u3000]+/, '');
      if (prevIsText) out.push('');
    }
    // A short labelled line ("一、基本情况") inside running text is a heading on its own line, as
    // Chinese authors mean it; CommonMark would glue it to the paragraph around it. Lines with a
    // Markdown list marker ("1. ") stay list items.
    if (
      !/^\s*\d+[.)]\s/.test(line) &&
      !/^\s*#/.test(line) &&
      looksLikeHeadingParagraph(line) &&
      /^\s{0,3}\S/.test(line)
    ) {
      if (prevIsText && out[out.length - 1] !== '') out.push('');
      out.push(line, '');
      continue;
    }
    out.push(line);
  }
  return { body: out.join('\n'), defs };
}

// ---------------------------------------------------------------- conversion
