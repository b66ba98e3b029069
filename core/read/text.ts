// The plain-text reader: decodes .txt in whatever encoding a Windows PC saved it (UTF-8 with or
// without BOM, UTF-16 LE/BE with or without BOM, GBK/GB18030, Big5), checks that the result is
// plausible Chinese, and splits it into paragraphs and pattern headings. It must never import
// mojibake: text that no decoding makes plausible is refused ('import.text.garbled').
import iconv from 'iconv-lite';
import jschardet from 'jschardet';
import type { Block, SourceDoc } from '../model/document';
import { err, ok, type Result } from '../result';
import { headingLabelLevel, looksLikeHeadingLine } from './heading-patterns';
import { applyFrontMatter } from './intake/front-matter';
import { decodePlainUtf8, plausibility, utf16ByZeros, TEXT_ACCEPT, TEXT_REFUSE, type Decoded } from './plausibility';

import { TEXT_MAX_BYTES } from './limits';

export { TEXT_MAX_BYTES };

export { plausibility, TEXT_ACCEPT, TEXT_REFUSE, type Plausibility, type Decoded } from './plausibility';

function decodeAs(bytes: Uint8Array, enc: string): string | undefined {
  try {
    if (enc === 'utf-8') return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    if (enc === 'utf-16le' || enc === 'utf-16be') return new TextDecoder(enc).decode(bytes);
    return iconv.decode(bytes as unknown as Parameters<typeof iconv.decode>[0], enc);
  } catch {
    return undefined;
  }
}

/** Decodes text bytes; the candidates follow libraries.md's order, each kept only if plausible. */
export function decodeText(bytes: Uint8Array): Decoded | { garbled: true; best?: Decoded } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    const text = new TextDecoder('utf-8').decode(bytes.subarray(3));
    return { text, encoding: 'utf-8-bom', plausibility: plausibility(text) };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    const text = new TextDecoder('utf-16le').decode(bytes.subarray(2));
    return { text, encoding: 'utf-16le-bom', plausibility: plausibility(text) };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    const text = new TextDecoder('utf-16be').decode(bytes.subarray(2));
    return { text, encoding: 'utf-16be-bom', plausibility: plausibility(text) };
  }
  const order: string[] = [];
  const z = utf16ByZeros(bytes);
  if (z) order.push(z);
  // Strict UTF-8 is the first candidate when there is no UTF-16 sign; trying it before the
  // (slow) statistical detector gives the same answer and skips the detector for UTF-8 files.
  if (!z) {
    const plain = decodePlainUtf8(bytes);
    if (plain) return plain;
  }
  order.push('utf-8');
  const head = bytes.subarray(0, 65536);
  let bin = '';
  for (let i = 0; i < head.length; i++) bin += String.fromCharCode(head[i]);
  const guess = (jschardet.detect(bin).encoding ?? '').toLowerCase();
  const mapped = /big5/.test(guess)
    ? 'big5'
    : /gb|hz|2312/.test(guess)
      ? 'gb18030'
      : /utf-?16le/.test(guess)
        ? 'utf-16le'
        : /utf-?16be/.test(guess)
          ? 'utf-16be'
          : /euc-tw/.test(guess)
            ? 'big5'
            : undefined;
  if (mapped) order.push(mapped);
  order.push('gb18030', 'big5');
  if (!z && bytes.length % 2 === 0) order.push('utf-16le', 'utf-16be');
  let best: Decoded | undefined;
  const tried = new Set<string>();
  for (const enc of order) {
    if (tried.has(enc)) continue;
    tried.add(enc);
    const text = decodeAs(bytes, enc);
    if (text === undefined) continue;
    const p = plausibility(text);
    const d = { text, encoding: enc, plausibility: p };
    if (p.score >= TEXT_ACCEPT) return d;
    if (!best || p.score > best.plausibility.score) best = d;
  }
  // UTF-8 Chinese once read as GBK and saved again as UTF-8 ("鏀垮崗"): undo the wrong step.
  const utf8 = decodeAs(bytes, 'utf-8');
  if (utf8 && plausibility(utf8).mojibake > 0) {
    try {
      const repaired = new TextDecoder('utf-8', { fatal: true }).decode(
        iconv.encode(utf8, 'gb18030') as unknown as Uint8Array,
      );
      const p = plausibility(repaired);
      if (p.score >= TEXT_ACCEPT)
        return { text: repaired, encoding: 'utf-8-double-encoded', plausibility: p, repaired: true };
    } catch {
      // not a clean double encoding
    }
  }
  if (best && best.plausibility.score >= TEXT_REFUSE) return best;
  return { garbled: true, best };
}

/**
 * The wrap width of a hard-wrapped file (lines cut at a fixed number of characters by an old
 * editor or a web form), or 0 when lines are whole paragraphs.
 */
export function hardWrapWidth(lines: string[]): number {
  const lens = lines.map((l) => [...l.trim()].length).filter((n) => n > 0);
  if (lens.length < 6) return 0;
  const max = Math.max(...lens);
  if (max < 20) return 0;
  const atMax = lens.filter((n) => n >= max - 2).length;
  return atMax / lens.length >= 0.3 ? max : 0;
}

const SENTENCE_END = /[。！？!?；;：:”’」』）)]$/;
const INDENTED = /^[\s\u3000\u00a0]{2,}/;

/** Splits decoded text into blocks: one paragraph per line (hard-wrapped lines joined), headings by their labels. */
export function textToBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  const rawLines = text.replace(/\r\n?/g, '\n').split('\n');
  const width = hardWrapWidth(rawLines);
  let carry = '';
  const flush = () => {
    if (!carry) return;
    const level = headingLabelLevel(carry);
    if (level && looksLikeHeadingLine(carry))
      blocks.push({ type: 'heading', level, inlines: [{ type: 'text', text: carry }] });
    else blocks.push({ type: 'paragraph', inlines: [{ type: 'text', text: carry }] });
    carry = '';
  };
  for (const raw of rawLines) {
    if (raw.includes('\f')) {
      flush();
      blocks.push({ type: 'pageBreak' });
      continue;
    }
    const line = raw.replace(/^[\s\u3000\u00a0\ufeff]+|[\s\u3000\u00a0]+$/g, '');
    if (!line) {
      flush();
      continue;
    }
    // A continuation: the previous line ran to the wrap width mid-sentence and this one is not indented.
    const continues =
      width > 0 &&
      carry &&
      [...carry].length >= width - 2 &&
      !SENTENCE_END.test(carry) &&
      !INDENTED.test(raw) &&
      !headingLabelLevel(line);
    if (continues) {
      carry += line;
      continue;
    }
    flush();
    carry = line;
    // Without wrapping every line is a paragraph of its own.
    if (width === 0) flush();
  }
  flush();
  return blocks;
}

export async function readText(bytes: Uint8Array, fileName: string): Promise<Result<SourceDoc>> {
  if (bytes.length > TEXT_MAX_BYTES)
    return err(
      'import.too-large',
      `${fileName} 太大（${(bytes.length / 1048576).toFixed(0)} MB），文本文件上限为 ${TEXT_MAX_BYTES / 1048576} MB`,
      { file: fileName },
    );
  if (bytes.length === 0)
    return err('import.empty', `${fileName} 是空文件（0 字节），请确认作者发送的是正确的文件`, { file: fileName });
  const d = decodeText(bytes);
  if ('garbled' in d)
    return err(
      'import.text.garbled',
      `${fileName} 的文字编码无法识别（解码后是乱码），请用记事本打开后“另存为”UTF-8 编码再导入`,
      {
        file: fileName,
        detail: d.best ? `best ${d.best.encoding} score ${d.best.plausibility.score.toFixed(2)}` : 'no decoding',
      },
    );
  const warnings: SourceDoc['warnings'] = [];
  if (d.repaired)
    warnings.push({
      code: 'text.repaired',
      message: `${fileName} 的文字曾被错误转码（UTF-8 被当作 GBK 保存），已自动还原，请核对`,
    });
  if (d.plausibility.score < TEXT_ACCEPT)
    warnings.push({
      code: 'text.low-confidence',
      message: `${fileName} 的编码识别为 ${d.encoding}，但部分文字可能是乱码，请核对`,
    });
  const doc: SourceDoc = applyFrontMatter(
    { blocks: textToBlocks(d.text), footnotes: [], images: {}, warnings },
    { plainText: true },
  );
  if (!doc.blocks.length && !doc.title) return err('import.empty', `${fileName} 没有文字内容`, { file: fileName });
  return ok(doc);
}
