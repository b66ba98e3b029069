// The stand-in body of an item whose file cannot be used: one paragraph saying so and naming the
// file. Both the compile's pre-layout step (a damaged or encrypted PDF) and the service (a source
// that cannot be found or read) use it, so every output — PDF, DOCX, print products — shows the
// same notice page for the item instead of dropping it or failing the whole dossier.
import type { SourceDoc } from './document';

/** The notice text for an item whose file `file` could not be read (`what`: "PDF 文件", "文件"). */
export const unreadableNotice = (file: string, what = '文件') => `［${what}无法读取，请检查原件：${file}］`;

/** `doc` (or an empty document) with its body replaced by the one notice paragraph. */
export function noticeDoc(text: string, doc?: SourceDoc): SourceDoc {
  return {
    ...(doc ?? { footnotes: [], images: {}, warnings: [] }),
    pdf: undefined,
    blocks: [{ type: 'paragraph' as const, inlines: [{ type: 'text' as const, text }], indent: false }],
  };
}
