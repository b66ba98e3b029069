// Attaches captions the way authors write them in Word: "表1 …" in the paragraph right before a
// table, "图1 …" in the paragraph right after a picture. The same rule as the Markdown reader, so a
// session built from DOCX matches one built from Markdown. It must never take a long paragraph.
import { inlineText, type Block } from '../model/document';

const TABLE_CAPTION = /^(续?表|Table)\s*[0-9０-９一二三四五六七八九十]/;
const FIGURE_CAPTION = /^(图|Figure)\s*[0-9０-９一二三四五六七八九十]/;
const MAX = 60;

const captionText = (b: Block | undefined, re: RegExp): string | undefined => {
  if (!b || b.type !== 'paragraph') return undefined;
  const t = inlineText(b.inlines).trim();
  return re.test(t) && [...t].length <= MAX && !t.includes('\n') ? t : undefined;
};

export function attachCaptions(blocks: Block[]): Block[] {
  const out: Block[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i];
    if (b.type === 'table' && !b.caption) {
      const c = captionText(out[out.length - 1], TABLE_CAPTION);
      if (c) {
        out.pop();
        out.push({ ...b, caption: c });
        continue;
      }
    }
    if (b.type === 'image' && !b.caption) {
      const c = captionText(blocks[i + 1], FIGURE_CAPTION);
      if (c) {
        out.push({ ...b, caption: c });
        i++;
        continue;
      }
    }
    out.push(b);
  }
  return out;
}
