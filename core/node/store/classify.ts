// Tells a healthy session file from a damaged one (S2) before anything is parsed into a session:
// empty, NUL-filled, truncated, not JSON, BOM-prefixed. Pure over bytes; never repairs by guessing.
export type Classified = { ok: true; json: unknown; bom: boolean } | { ok: false; code: string; why: string };

export function classifySessionBytes(bytes: Uint8Array): Classified {
  if (bytes.length === 0)
    return { ok: false, code: 'store.session-empty', why: '文件是空的（0 字节），可能是保存时断电或程序被强制结束' };
  let nul = 0;
  for (const b of bytes) if (b === 0) nul++;
  if (nul === bytes.length)
    return { ok: false, code: 'store.session-nul', why: '文件内容全是空字节（NUL），通常是断电或磁盘故障所致' };
  if (nul > 0) return { ok: false, code: 'store.session-nul', why: `文件中有 ${nul} 个空字节（NUL），内容已损坏` };
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bom ? bytes.subarray(3) : bytes);
  } catch {
    // A file cut in the middle of a multi-byte character is truncated, not in another encoding.
    if (cutMidCharacter(bom ? bytes.subarray(3) : bytes)) return truncatedAt(bytes.length);
    return { ok: false, code: 'store.session-not-utf8', why: '文件不是 UTF-8 文本，内容已损坏' };
  }
  try {
    const json = JSON.parse(text);
    if (!json || typeof json !== 'object' || Array.isArray(json))
      return { ok: false, code: 'store.session-not-object', why: '文件内容不是会议数据' };
    return { ok: true, json, bom };
  } catch (e) {
    const t = text.trimEnd();
    const truncated = t.startsWith('{') && !t.endsWith('}');
    return truncated
      ? truncatedAt(bytes.length)
      : { ok: false, code: 'store.session-not-json', why: `文件不是有效的 JSON（${(e as Error).message}）` };
  }
}

const truncatedAt = (n: number): Classified => ({
  ok: false,
  code: 'store.session-truncated',
  why: `文件被截断（只有 ${n} 字节，结尾不完整），可能是保存时被中断`,
});

/** True when the bytes are valid UTF-8 JSON-looking text except for an incomplete last character. */
function cutMidCharacter(bytes: Uint8Array): boolean {
  for (let drop = 1; drop <= 3 && drop < bytes.length; drop++) {
    const lead = bytes[bytes.length - drop];
    if ((lead & 0xc0) === 0x80) continue; // a continuation byte: the lead is further back
    if (lead < 0xc0) return false; // ASCII: the end is a whole character, so the error is earlier
    try {
      const head = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, bytes.length - drop));
      return head.trimStart().startsWith('{');
    } catch {
      return false;
    }
  }
  return false;
}
