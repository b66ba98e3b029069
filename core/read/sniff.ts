// Decides what a file really is from its bytes (magic numbers), not its extension: a PDF renamed
// .docx, a .doc saved as .docx, an encrypted DOCX (an OLE2 container), a Word lock file, an
// ODT. It must never read past the first bytes and the zip directory, and never guess silently:
// a mismatch it cannot reconcile becomes a clear error.
import type { SourceFormat } from '../model/session';
import { err, ok, type Result } from '../result';

export type Sniffed =
  | { kind: 'pdf' }
  | { kind: 'zip'; odt: boolean; docx: boolean }
  | { kind: 'ole2'; encryptedOoxml: boolean }
  | { kind: 'rtf' }
  | { kind: 'empty' }
  | { kind: 'other' };

const ascii = (b: Uint8Array, from: number, to: number) =>
  String.fromCharCode(...b.subarray(from, Math.min(to, b.length)));

function containsUtf16(b: Uint8Array, s: string): boolean {
  const pat = new Uint8Array(s.length * 2);
  for (let i = 0; i < s.length; i++) pat[i * 2] = s.charCodeAt(i);
  outer: for (let i = 0; i + pat.length <= b.length; i++) {
    for (let j = 0; j < pat.length; j++) if (b[i + j] !== pat[j]) continue outer;
    return true;
  }
  return false;
}

function containsAscii(b: Uint8Array, s: string): boolean {
  const pat = new TextEncoder().encode(s);
  outer: for (let i = 0; i + pat.length <= b.length; i++) {
    for (let j = 0; j < pat.length; j++) if (b[i + j] !== pat[j]) continue outer;
    return true;
  }
  return false;
}

export function sniff(b: Uint8Array): Sniffed {
  if (b.length === 0) return { kind: 'empty' };
  if (ascii(b, 0, 1024).includes('%PDF-')) return { kind: 'pdf' };
  if (b[0] === 0x50 && b[1] === 0x4b && (b[2] === 3 || b[2] === 5) && (b[3] === 4 || b[3] === 6)) {
    // ODF puts an uncompressed "mimetype" entry first; OOXML has [Content_Types].xml somewhere.
    const odt = ascii(b, 30, 38) === 'mimetype' && ascii(b, 38, 120).includes('opendocument.text');
    const docx =
      containsAscii(b.subarray(Math.max(0, b.length - 256 * 1024)), 'word/') ||
      containsAscii(b.subarray(0, 4096), 'word/');
    return { kind: 'zip', odt, docx };
  }
  if (b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0) {
    // An encrypted DOCX is an OLE2 file with EncryptionInfo and EncryptedPackage streams.
    return {
      kind: 'ole2',
      encryptedOoxml: containsUtf16(b.subarray(0, Math.min(b.length, 1 << 20)), 'EncryptedPackage'),
    };
  }
  if (ascii(b, 0, 5) === '{\\rtf') return { kind: 'rtf' };
  return { kind: 'other' };
}

function looksLikeMarkup(b: Uint8Array): boolean {
  const head = ascii(b, 0, 2048)
    .replace(/^\uFEFF|^\xEF\xBB\xBF/, '')
    .trimStart()
    .toLowerCase();
  return (
    head.startsWith('<html') ||
    head.startsWith('<!doctype html') ||
    head.startsWith('mime-version:') ||
    (head.startsWith('<?xml') && /<w:worddocument|<html|mso-application/.test(head))
  );
}

/** Word's owner/lock file "~$name.docx": 162 bytes, or any file whose name starts with ~$. */
export function isLockFile(fileName: string, size: number): boolean {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  // WPS names its lock files ".~name.docx".
  return (
    base.startsWith('~$') ||
    base.startsWith('.~') ||
    (size === 162 && /\.(docx?|wps)$/i.test(base) && base.startsWith('~'))
  );
}

const EXT_FORMATS: Record<string, SourceFormat> = {
  md: 'md',
  markdown: 'md',
  txt: 'txt',
  text: 'txt',
  docx: 'docx',
  docm: 'docx',
  dotx: 'docx',
  wpt: 'wps',
  pdf: 'pdf',
  doc: 'doc',
  dot: 'doc',
  wps: 'wps',
  rtf: 'rtf',
  odt: 'odt',
};

export function formatFromName(fileName: string): SourceFormat | undefined {
  const ext = /\.([A-Za-z0-9]+)$/.exec(fileName)?.[1]?.toLowerCase();
  return ext ? EXT_FORMATS[ext] : undefined;
}

const NAMES: Partial<Record<SourceFormat, string>> = {
  pdf: 'PDF',
  docx: 'Word (.docx)',
  doc: 'Word 97-2003 (.doc)',
  rtf: 'RTF',
  odt: 'OpenDocument (.odt)',
};

/**
 * The format to read a file as: its extension checked against its bytes. A .doc saved with a
 * .docx name is read as .doc (that is what Word does); a PDF under a Word name is an error.
 */
export function resolveFormat(bytes: Uint8Array, fileName: string, declared?: SourceFormat): Result<SourceFormat> {
  const byName = declared ?? formatFromName(fileName);
  if (isLockFile(fileName, bytes.length))
    return err(
      'import.lock-file',
      `${fileName} 是 Word/WPS 打开文档时生成的临时锁定文件，不是材料本身，已跳过；请导入同名的正式文件`,
      { file: fileName },
    );
  const s = sniff(bytes);
  if (s.kind === 'empty')
    return err('import.empty', `${fileName} 是空文件（0 字节），请让作者重新发送`, { file: fileName });
  const mismatch = (actual: SourceFormat) =>
    err(
      'import.wrong-extension',
      `${fileName} 的扩展名是 .${byName}，但内容其实是 ${NAMES[actual] ?? actual} 文件；请把扩展名改为 .${actual} 后再导入`,
      { file: fileName },
    );
  switch (s.kind) {
    case 'pdf':
      return byName === 'pdf' || byName === undefined ? ok('pdf') : mismatch('pdf');
    case 'zip':
      if (s.odt) return byName === 'odt' || byName === undefined || byName === 'docx' ? ok('odt') : mismatch('odt');
      if (byName === 'docx' || byName === 'wps' || byName === 'doc' || byName === undefined) return ok('docx');
      if (s.docx) return mismatch('docx');
      return err('import.unsupported', `${fileName} 是压缩包而不是 Word 文档，请解压后导入其中的文件`, {
        file: fileName,
      });
    case 'ole2':
      if (s.encryptedOoxml)
        return err(
          'import.docx.encrypted',
          `${fileName} 设置了打开密码，无法读取；请在 Word/WPS 中取消密码（文件→信息→保护文档）后再导入`,
          { file: fileName },
        );
      if (byName === 'wps') return ok('wps');
      if (byName === 'doc' || byName === 'docx' || byName === undefined) return ok('doc');
      return err('import.unsupported', `${fileName} 是旧版 Office 文件，但不是 Word 文档，无法导入`, {
        file: fileName,
      });
    case 'rtf':
      return byName === 'rtf' || byName === 'doc' || byName === 'docx' || byName === 'txt' || byName === undefined
        ? ok('rtf')
        : mismatch('rtf');
    default:
      if (byName === 'md' || byName === 'txt') return ok(byName);
      // Web systems export "Word" files that are really HTML, MHT or Word 2003 XML: LibreOffice reads those.
      if ((byName === 'doc' || byName === 'wps' || byName === 'docx') && looksLikeMarkup(bytes)) return ok('doc');
      if (byName === undefined)
        return err('import.unsupported', `不支持的文件类型：${fileName}，请另存为 .docx 后再导入`, { file: fileName });
      return err(
        'import.docx.not-a-document',
        `${fileName} 的内容不是 ${NAMES[byName] ?? byName} 格式（文件可能已损坏或扩展名错误），请用 Word/WPS 打开后另存为 .docx`,
        { file: fileName },
      );
  }
}
