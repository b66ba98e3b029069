// Reader registry: one reader per format, chosen by format name (pandoc's pattern). A new format
// is a new file plus one line here. Readers are pure: bytes in, SourceDoc (or an error value) out.
// Legacy formats go through an injected converter port (LibreOffice in core/node), because core
// may not start processes. The declared format is checked against the bytes first (sniff.ts).
// Readers load on first use, so a worker that only reads DOCX never pays for pdf-lib or iconv.
import type { SourceDoc } from '../model/document';
import type { SourceFormat } from '../model/session';
import { err, type Result } from '../result';
import { resolveFormat } from './sniff';
import type { ReadMarkdownOptions } from './markdown';

/** Converts a legacy document (.doc/.wps/.rtf/.odt) to DOCX bytes; provided by core/node/legacy-convert. */
export type LegacyConverter = (
  bytes: Uint8Array,
  format: SourceFormat,
  fileName: string,
) => Promise<Result<Uint8Array>>;

export interface ReadContext {
  format: SourceFormat;
  /** The file's name as the user knows it, for messages. */
  fileName: string;
  /** Converter for legacy formats; without one they are refused with a clear message. */
  convertLegacy?: LegacyConverter;
  /** PDF: extract the text layer (default true). */
  pdfText?: boolean;
  /** Receives the DOCX a legacy file was converted to, so it can be stored and not converted again. */
  onConverted?: (docx: Uint8Array) => void;
  /** Markdown: resolves a relative image path (the node side reads it inside the session folder). */
  resolveImage?: ReadMarkdownOptions['resolveImage'];
}

export type Reader = (bytes: Uint8Array, ctx: ReadContext) => Promise<Result<SourceDoc>>;

const legacy: Reader = async (bytes, ctx) => {
  if (!ctx.convertLegacy)
    return err(
      'import.legacy.no-converter',
      `${ctx.fileName} 是旧版格式（.${ctx.format}），本机没有安装转换工具（LibreOffice）；请用 Word 或 WPS 另存为 .docx 后再导入`,
      { file: ctx.fileName },
    );
  const conv = await ctx.convertLegacy(bytes, ctx.format, ctx.fileName);
  if (!conv.ok) return conv;
  ctx.onConverted?.(conv.value);
  const { readDocx } = await import('./docx/index');
  const r = await readDocx(conv.value, ctx.fileName);
  if (r.ok)
    r.value.warnings.push({
      code: 'import.converted',
      message: `${ctx.fileName} 由 .${ctx.format} 自动转换为 .docx 后导入，请核对版式与文字`,
    });
  return r;
};

export const readers: Partial<Record<SourceFormat, Reader>> = {
  md: async (bytes, ctx) => {
    // Markdown written on a Windows PC may be GBK like any text file: decode it the same way.
    // Plain UTF-8 (the usual case) is settled without loading the charset detector.
    const d = (await import('./plausibility')).decodePlainUtf8(bytes) ?? (await import('./text')).decodeText(bytes);
    if ('garbled' in d)
      return err(
        'import.text.garbled',
        `${ctx.fileName} 的文字编码无法识别（解码后是乱码），请用记事本打开后“另存为”UTF-8 编码再导入`,
        { file: ctx.fileName },
      );
    return {
      ok: true,
      value: (await import('./markdown')).readMarkdown(d.text, {
        resolveImage: ctx.resolveImage,
        fileName: ctx.fileName,
      }),
    };
  },
  txt: async (bytes, ctx) => (await import('./text')).readText(bytes, ctx.fileName),
  docx: async (bytes, ctx) => (await import('./docx/index')).readDocx(bytes, ctx.fileName),
  pdf: async (bytes, ctx) =>
    (await import('./pdf')).readPdf(bytes, ctx.fileName, { extractText: ctx.pdfText !== false }),
  doc: legacy,
  wps: legacy,
  rtf: legacy,
  odt: legacy,
};

export async function readSource(bytes: Uint8Array, ctx: ReadContext): Promise<Result<SourceDoc>> {
  // Markdown and text have no magic number; everything else is checked against its bytes.
  const fmt = resolveFormat(bytes, ctx.fileName, ctx.format);
  if (!fmt.ok) return fmt;
  const reader = readers[fmt.value];
  if (!reader)
    return err('import.unsupported', `不支持的文件格式：${ctx.fileName}（.${ctx.format}），请另存为 .docx 后再导入`, {
      file: ctx.fileName,
    });
  try {
    return await reader(bytes, { ...ctx, format: fmt.value });
  } catch (e) {
    return err('import.failed', `读取 ${ctx.fileName} 失败：${e instanceof Error ? e.message : String(e)}`, {
      file: ctx.fileName,
    });
  }
}
