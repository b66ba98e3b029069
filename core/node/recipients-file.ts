// Reads a recipients list (领取人名单) for numbered copies from a local text file: one recipient a
// line, in any encoding a Windows PC saves text in (UTF-8, GBK, UTF-16 …); "姓名,单位" or
// tab-separated columns become "姓名　单位". Used by `huibian export --recipients <file>`.
import { readFile } from 'node:fs/promises';
import { decodeText } from '../read/text';
import { err, ok, type Result } from '../result';

export async function readRecipientsFile(file: string): Promise<Result<string[]>> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(file));
  } catch (e) {
    return err(
      'export.recipients-unreadable',
      `无法读取领取人名单：${file}（${(e as NodeJS.ErrnoException).code ?? e}）`,
      { file },
    );
  }
  const d = decodeText(bytes);
  const text = 'garbled' in d ? d.best?.text : d.text;
  if (text === undefined)
    return err('export.recipients-garbled', `领取人名单的文字编码无法识别：${file}（请另存为 UTF-8 文本）`, { file });
  const names = text
    .replace(/^\ufeff/, '')
    .split(/\r?\n/)
    .map((l) =>
      l
        .split(/[,，\t]/)
        .map((c) => c.trim())
        .filter(Boolean)
        .join('　'),
    )
    .filter(Boolean);
  if (!names.length) return err('export.recipients-empty', `领取人名单是空的：${file}`, { file });
  return ok(names);
}
