// The PDF reader: a submitted PDF is kept whole (its pages are drawn into the dossier), so this
// counts its pages with pdf-lib and extracts the text layer with pdfjs for word counts and search,
// flagging a missing, garbled or doubled text layer instead of trusting it. Encrypted PDFs are a
// clear error. It must never modify the PDF bytes and never run PDF JavaScript or fetch anything.
import { PDFDocument, EncryptedPDFError } from 'pdf-lib';
import type { Block, SourceDoc } from '../model/document';
import { extractFrontMatter } from './intake/front-matter';
import { err, ok, type Result } from '../result';
import { toBase64 } from '../bytes/base64';
import { plausibility } from './text';
import { quietPdfLib } from '../bytes/pdf-quiet';
import { openPdfjs } from './pdfjs-open';

import { PDF_MAX_BYTES } from './limits';

export { PDF_MAX_BYTES };
/** Pages whose text is extracted (enough for counting and search on any real submission). */
export const PDF_TEXT_MAX_PAGES = 400;

/** Why an extracted text layer cannot be trusted, or undefined when it looks right. */
export function textLayerProblem(text: string, pageCount: number): string | undefined {
  const visible = text.replace(/\s+/g, '');
  if (visible.length < 20 * pageCount * 0.2) return '没有可用的文字层（可能是扫描件）';
  const p = plausibility(text);
  if (p.score < 0.6) return '文字层是乱码（字体缺少编码映射）';
  // "政政协协委委员员": text drawn twice for a bold effect comes out doubled.
  const chars = [...visible];
  let doubled = 0;
  for (let i = 1; i < chars.length; i += 2) if (chars[i] === chars[i - 1]) doubled++;
  if (chars.length > 40 && doubled / (chars.length / 2) > 0.6) return '文字层重复（每个字出现两次）';
  return undefined;
}

async function extractText(bytes: Uint8Array, maxPages: number): Promise<string | undefined> {
  try {
    const doc = await openPdfjs(bytes);
    const parts: string[] = [];
    for (let i = 1; i <= Math.min(doc.numPages, maxPages); i++) {
      const page = await doc.getPage(i);
      const tc = await page.getTextContent();
      parts.push(tc.items.map((it) => ('str' in it ? it.str + (it.hasEOL ? '\n' : '') : '')).join(''));
      page.cleanup();
    }
    await doc.destroy();
    return parts.join('\n\f');
  } catch {
    return undefined;
  }
}

export async function readPdf(
  bytes: Uint8Array,
  fileName: string,
  opts: { extractText?: boolean } = {},
): Promise<Result<SourceDoc>> {
  if (bytes.length > PDF_MAX_BYTES)
    return err(
      'import.too-large',
      `${fileName} 太大（${(bytes.length / 1048576).toFixed(0)} MB），PDF 上限为 ${PDF_MAX_BYTES / 1048576} MB`,
      { file: fileName },
    );
  let pageCount: number;
  let metaTitle: string | undefined;
  try {
    const doc = await quietPdfLib(() =>
      PDFDocument.load(bytes, { ignoreEncryption: false, updateMetadata: false, throwOnInvalidObject: false }),
    );
    pageCount = doc.getPageCount();
    try {
      metaTitle = doc.getTitle()?.trim();
    } catch {
      metaTitle = undefined;
    }
  } catch (e) {
    if (e instanceof EncryptedPDFError || /encrypt/i.test(String(e)))
      return err(
        'import.pdf.encrypted',
        `${fileName} 是加密（有密码保护）的 PDF，无法编入汇编；请让作者发送未加密的版本，或用 Word/WPS 原文件`,
        { file: fileName },
      );
    return err(
      'import.pdf.broken',
      `${fileName} 已损坏，无法读取（${e instanceof Error ? e.message.slice(0, 80) : String(e)}），请让作者重新导出 PDF`,
      { file: fileName },
    );
  }
  if (pageCount < 1) return err('import.pdf.no-pages', `${fileName} 没有页面`, { file: fileName });
  const out: SourceDoc = {
    blocks: [],
    footnotes: [],
    images: {},
    warnings: [],
    pdf: { pageCount, data: toBase64(bytes) },
  };
  if (opts.extractText !== false) {
    const text = await extractText(bytes, PDF_TEXT_MAX_PAGES);
    const problem =
      text === undefined ? '文字层无法读取' : textLayerProblem(text, Math.min(pageCount, PDF_TEXT_MAX_PAGES));
    if (problem)
      out.warnings.push({
        code: 'pdf.text-unusable',
        message: `${fileName}：${problem}，字数统计和搜索不包含此文件，版面不受影响`,
      });
    else if (text) {
      out.pdf!.text = text;
      // The first lines of the first page: a title with an author line under it is a suggestion.
      const lines = text
        .split(/\n|\f/)
        .map((l) => l.trim())
        .filter(Boolean)
        .slice(0, 6);
      const front = extractFrontMatter(
        lines.map((l): Block => ({ type: 'paragraph', inlines: [{ type: 'text', text: l }] })),
        { plainText: true },
      );
      if (front.title && front.byline) {
        out.title = front.title;
        out.authorLine = front.byline;
      }
    }
  }
  // Word's "Microsoft Word - 文件名.docx" or an English default is no title.
  if (
    !out.title &&
    metaTitle &&
    /\p{Script=Han}/u.test(metaTitle) &&
    !/Microsoft Word|\.docx?$|\.wps$/i.test(metaTitle) &&
    [...metaTitle].length <= 60
  )
    out.title = metaTitle;
  return ok(out);
}
