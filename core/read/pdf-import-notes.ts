// What a clerk must know about a PDF submission at import, beyond its reader's own warnings: its
// blank pages (they would print as empty pages in the dossier) and a title that only repeats the
// file name because the PDF's text gave none. Called where imported files become submissions.
import { blankPdfPages } from './pdf-blank';

export interface ImportNote {
  code: string;
  message: string;
}

export async function pdfImportNotes(
  bytes: Uint8Array,
  fileName: string,
  opts: { titleFromFileName: boolean; pageCount?: number },
): Promise<ImportNote[]> {
  const notes: ImportNote[] = [];
  const blank = await blankPdfPages(bytes);
  if (blank.length) {
    const list = blank.length > 8 ? `${blank.slice(0, 8).join('、')} 等 ${blank.length} 页` : blank.join('、');
    const all = opts.pageCount !== undefined && blank.length === opts.pageCount;
    notes.push({
      code: 'pdf.blank-pages',
      message: all
        ? `${fileName}：所有页面都是空白的，请让作者重新发送`
        : `${fileName}：第 ${list} 页是空白页，会原样印入汇编；如不需要，请让作者删去后重新发送`,
    });
  }
  if (opts.titleFromFileName)
    notes.push({
      code: 'pdf.title-from-file',
      message: `${fileName}：PDF 中没有识别出标题，暂用文件名作标题，请在“材料详情”中核对`,
    });
  return notes;
}
