// A defensive ZIP reader for untrusted OOXML packages (DOCX/WPS). It reads the central directory
// itself and inflates entries lazily with fflate's streaming inflater, counting the REAL inflated
// bytes so a lying header cannot smuggle a zip bomb past the caps (reliability H1, H3, B4).
// It must never use an entry name as a file path, never trust declared sizes, and never throw
// anything but a ZipError (callers turn that into a Result with the file name).
import { Inflate } from 'fflate';
import { crc32 } from '../bytes/crc32';

/** Caps, named so tests and reviewers can see them. */
export const ZIP_LIMITS: Readonly<{
  maxEntries: number;
  maxEntryBytes: number;
  maxTotalBytes: number;
  ratioCheckFromBytes: number;
  minRatio: number;
}> = {
  /** Most entries a package may list (a big real DOCX has a few hundred). */
  maxEntries: 5_000,
  /** Largest single inflated entry (document.xml of a 1,000-page report is ~30 MB). */
  maxEntryBytes: 150 * 1024 * 1024,
  /** Largest total inflated across every entry read from one package. */
  maxTotalBytes: 400 * 1024 * 1024,
  /** Below this inflated size the ratio check is not applied (tiny XML compresses very well). */
  ratioCheckFromBytes: 1 * 1024 * 1024,
  /** Smallest compressed/inflated ratio accepted once past ratioCheckFromBytes (Apache POI: 1 %). */
  minRatio: 0.01,
};
export type ZipLimits = { -readonly [K in keyof typeof ZIP_LIMITS]: number };

export type ZipErrorCode =
  | 'zip.not-zip'
  | 'zip.truncated'
  | 'zip.too-many-entries'
  | 'zip.bomb'
  | 'zip.entry-too-large'
  | 'zip.total-too-large'
  | 'zip.bad-crc'
  | 'zip.corrupt'
  | 'zip.encrypted'
  | 'zip.unsupported-method'
  | 'zip.zip64'
  | 'zip.duplicate-entry';

export class ZipError extends Error {
  constructor(
    readonly code: ZipErrorCode,
    detail: string,
  ) {
    super(detail);
  }
}

export interface ZipEntry {
  /** Normalised name: forward slashes, no leading slash; only a lookup key, never a path. */
  name: string;
  method: number;
  compressedSize: number;
  declaredSize: number;
  crc32: number;
  localHeaderOffset: number;
  encrypted: boolean;
}

const u16 = (b: Uint8Array, o: number) => b[o] | (b[o + 1] << 8);
const u32 = (b: Uint8Array, o: number) => (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24)) >>> 0;

/**
 * Turns an entry name into a lookup key, or null when the name is hostile or meaningless
 * (traversal, absolute, drive letter, empty). Such entries are simply not addressable.
 */
export function safeEntryName(raw: string): string | null {
  const n = raw.replace(/\\/g, '/');
  if (n.startsWith('/') || /^[A-Za-z]:/.test(n) || n.includes('\0')) return null;
  const parts = n.split('/');
  if (parts.some((p) => p === '..')) return null;
  const clean = parts.filter((p) => p !== '' && p !== '.').join('/');
  return clean || null;
}

export class SafeZip {
  readonly entries = new Map<string, ZipEntry>();
  /** Names refused as hostile (for warnings/tests). */
  readonly rejectedNames: string[] = [];
  private inflatedTotal = 0;

  private readonly limits: ZipLimits;

  constructor(
    private readonly bytes: Uint8Array,
    limits: Partial<ZipLimits> = {},
  ) {
    this.limits = { ...ZIP_LIMITS, ...limits };
    this.readDirectory();
  }

  /** Case-insensitive lookup (OPC part names are case-insensitive). */
  find(name: string): ZipEntry | undefined {
    const key = safeEntryName(name);
    if (!key) return undefined;
    return this.entries.get(key.toLowerCase());
  }

  has(name: string): boolean {
    return !!this.find(name);
  }

  /** Inflates one entry within the caps; undefined when it does not exist. */
  read(name: string): Uint8Array | undefined {
    const e = this.find(name);
    if (!e) return undefined;
    return this.inflate(e);
  }

  readText(name: string): string | undefined {
    const b = this.read(name);
    return b ? new TextDecoder('utf-8').decode(b) : undefined;
  }

  private readDirectory(): void {
    const b = this.bytes;
    if (b.length < 22 || !(b[0] === 0x50 && b[1] === 0x4b)) throw new ZipError('zip.not-zip', 'no PK signature');
    // End of central directory: scan back over at most a 64 KiB comment.
    let eocd = -1;
    for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 0xffff); i--) {
      if (b[i] === 0x50 && b[i + 1] === 0x4b && b[i + 2] === 0x05 && b[i + 3] === 0x06) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw new ZipError('zip.truncated', 'end of central directory not found');
    const count = u16(b, eocd + 10);
    const cdSize = u32(b, eocd + 12);
    const cdOffset = u32(b, eocd + 16);
    if (count === 0xffff || cdOffset === 0xffffffff) throw new ZipError('zip.zip64', 'zip64 archives are not accepted');
    if (count > this.limits.maxEntries) throw new ZipError('zip.too-many-entries', `${count} entries`);
    if (cdOffset + cdSize > b.length) throw new ZipError('zip.truncated', 'central directory beyond end of file');
    let p = cdOffset;
    for (let i = 0; i < count; i++) {
      if (p + 46 > b.length || u32(b, p) !== 0x02014b50)
        throw new ZipError('zip.corrupt', `bad central directory entry ${i}`);
      const flags = u16(b, p + 8);
      const method = u16(b, p + 10);
      const crc = u32(b, p + 16);
      const csize = u32(b, p + 20);
      const usize = u32(b, p + 24);
      const nlen = u16(b, p + 28);
      const xlen = u16(b, p + 30);
      const clen = u16(b, p + 32);
      const off = u32(b, p + 42);
      if (p + 46 + nlen > b.length) throw new ZipError('zip.truncated', 'entry name beyond end of file');
      const raw = new TextDecoder('utf-8').decode(b.subarray(p + 46, p + 46 + nlen));
      p += 46 + nlen + xlen + clen;
      if (raw.endsWith('/')) continue; // directory
      const name = safeEntryName(raw);
      if (!name) {
        this.rejectedNames.push(raw);
        continue;
      }
      const key = name.toLowerCase();
      if (this.entries.has(key)) throw new ZipError('zip.duplicate-entry', `duplicate entry ${name}`);
      this.entries.set(key, {
        name,
        method,
        compressedSize: csize,
        declaredSize: usize,
        crc32: crc,
        localHeaderOffset: off,
        encrypted: (flags & 1) === 1,
      });
    }
  }

  private inflate(e: ZipEntry): Uint8Array {
    const b = this.bytes;
    if (e.encrypted) throw new ZipError('zip.encrypted', `entry ${e.name} is encrypted`);
    const lh = e.localHeaderOffset;
    if (lh + 30 > b.length || u32(b, lh) !== 0x04034b50)
      throw new ZipError('zip.corrupt', `bad local header for ${e.name}`);
    const start = lh + 30 + u16(b, lh + 26) + u16(b, lh + 28);
    const end = start + e.compressedSize;
    if (end > b.length) throw new ZipError('zip.truncated', `entry ${e.name} runs past end of file`);
    const comp = b.subarray(start, end);
    let out: Uint8Array;
    if (e.method === 0) {
      this.account(e, comp.length, comp.length);
      out = comp;
    } else if (e.method === 8) {
      const chunks: Uint8Array[] = [];
      let produced = 0;
      let consumed = 0;
      const inf = new Inflate((chunk) => {
        produced += chunk.length;
        this.account(e, produced, Math.max(consumed, 1), chunk.length);
        chunks.push(chunk);
      });
      // Small steps bound the memory one step can produce (deflate tops out near 1:1032).
      const STEP = 16 * 1024;
      try {
        for (let o = 0; o < comp.length; o += STEP) {
          consumed = Math.min(comp.length, o + STEP);
          inf.push(comp.subarray(o, consumed), consumed >= comp.length);
        }
        if (comp.length === 0) inf.push(new Uint8Array(0), true);
      } catch (x) {
        if (x instanceof ZipError) throw x;
        throw new ZipError(
          'zip.corrupt',
          `inflate failed for ${e.name}: ${x instanceof Error ? x.message : String(x)}`,
        );
      }
      out = new Uint8Array(produced);
      let o = 0;
      for (const c of chunks) {
        out.set(c, o);
        o += c.length;
      }
    } else {
      throw new ZipError('zip.unsupported-method', `entry ${e.name} uses method ${e.method}`);
    }
    if (crc32(out) !== e.crc32) throw new ZipError('zip.bad-crc', `CRC mismatch in ${e.name}`);
    return out;
  }

  /** Checks the caps as bytes come out; `fresh` is what this step added to the running total. */
  private account(e: ZipEntry, produced: number, consumed: number, fresh = produced): void {
    if (produced > this.limits.maxEntryBytes)
      throw new ZipError('zip.entry-too-large', `${e.name} inflates past ${this.limits.maxEntryBytes} bytes`);
    this.inflatedTotal += fresh;
    if (this.inflatedTotal > this.limits.maxTotalBytes)
      throw new ZipError('zip.total-too-large', `package inflates past ${this.limits.maxTotalBytes} bytes`);
    if (produced >= this.limits.ratioCheckFromBytes && consumed / produced < this.limits.minRatio)
      throw new ZipError(
        'zip.bomb',
        `${e.name}: ${consumed} compressed bytes gave ${produced} (ratio below ${this.limits.minRatio})`,
      );
  }
}

/** Chinese explanation of a ZipError for the clerk (the caller adds the file name). */
export function zipErrorMessage(code: ZipErrorCode): string {
  switch (code) {
    case 'zip.not-zip':
      return '不是有效的 Word 文档（文件内容不是 DOCX 压缩包）';
    case 'zip.truncated':
      return '文件不完整（可能下载或拷贝时中断），请重新获取原文件';
    case 'zip.corrupt':
    case 'zip.bad-crc':
      return '文件已损坏，无法读取，请让作者重新发送或用 Word/WPS 打开后另存为 .docx';
    case 'zip.bomb':
    case 'zip.entry-too-large':
    case 'zip.total-too-large':
    case 'zip.too-many-entries':
      return '文件解压后体积异常（疑似恶意压缩包），已拒绝导入';
    case 'zip.encrypted':
      return '文件已加密，请先在 Word/WPS 中取消密码后再导入';
    case 'zip.unsupported-method':
    case 'zip.zip64':
      return '文件使用了不支持的压缩方式，请用 Word/WPS 另存为 .docx 后再导入';
    case 'zip.duplicate-entry':
      return '文件结构异常（包含重复的部件），已拒绝导入';
  }
}
