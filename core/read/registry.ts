// Reader registry: one reader per format, chosen by format name (pandoc's pattern). A new format
// is a new file plus one line here. Readers are pure: bytes in, SourceDoc (or an error value) out.
import type { SourceDoc } from '../model/document';
import type { SourceFormat } from '../model/session';
import { err, type Result } from '../result';
import { readMarkdown } from './markdown';

export interface ReadContext {
  format: SourceFormat;
  /** The file's name as the user knows it, for messages. */
  fileName: string;
}

export type Reader = (bytes: Uint8Array, ctx: ReadContext) => Promise<Result<SourceDoc>>;

const utf8 = (bytes: Uint8Array) => new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');

export const readers: Partial<Record<SourceFormat, Reader>> = {
  md: async (bytes) => ({ ok: true, value: readMarkdown(utf8(bytes)) }),
};

export async function readSource(bytes: Uint8Array, ctx: ReadContext): Promise<Result<SourceDoc>> {
  const reader = readers[ctx.format];
  if (!reader) return err('import.unsupported', `不支持的文件格式：${ctx.fileName}（.${ctx.format}），请另存为 .docx 后再导入`, { file: ctx.fileName });
  try {
    return await reader(bytes, ctx);
  } catch (e) {
    return err('import.failed', `读取 ${ctx.fileName} 失败：${e instanceof Error ? e.message : String(e)}`, { file: ctx.fileName });
  }
}
