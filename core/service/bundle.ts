// Session bundles: one .zip (manifest + session.json + sources + bodies) a clerk hands to a
// colleague. Export is plain; import treats the zip like a hostile DOCX (SafeZip: real inflated
// byte caps, entry-count cap, traversal names refused) and never uses an entry name as a path:
// only names matching files/<sha256>.<ext> and bodies/<key>.json are read, and each source must
// hash to its name. It writes nothing itself: the caller stores what it returns. Caps come from
// bundle-limits.ts (sized from the importer's per-file caps); the session inside must obey the
// contract's own limits. Bodies that can be re-derived from their source (PDFs, large bodies with
// images) are left out of a bundle and re-read on open.
import { zipSync, type Zippable } from 'fflate';
import { SourceDocSchema, type SourceDoc } from '../model/document';
import { SCHEMA_VERSION, SessionSchema, describeIssues, type Session } from '../model/session';
import { SafeZip, ZipError } from '../read/zip-safe';
import { err, ok, type Result } from '../result';
import { sha256Hex } from './hash';
import {
  BUNDLED_BODY_MAX_BYTES,
  BUNDLE_ZIP_LIMITS,
  SESSION_ENTRY_MAX_BYTES,
  SOURCE_MAX_BYTES,
  mb,
  sessionLimitProblems,
} from './bundle-limits';

export const BUNDLE_FORMAT = 'huibian-bundle';
const enc = new TextEncoder();

export interface BundleContent {
  session: Session;
  files: Map<string, Uint8Array>;
  bodies: Map<string, SourceDoc>;
}

/** Source file names inside a session: content-addressed, so a fixed shape. */
export const SOURCE_FILE_RE = /^files\/[0-9a-f]{64}\.[a-z0-9]{1,8}$/;
export const BODY_KEY_RE = /^[0-9a-zA-Z_-]{1,100}$/;

export function bundleFileName(session: Session): string {
  const safe = session.name.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').slice(0, 60);
  return `${safe || 'session'}.huibian.zip`;
}

/**
 * The JSON of a body worth carrying in a bundle, or null when the body is derivable cheaply enough
 * from its source to be left out: a PDF's body is the PDF itself, and a large body is mostly images
 * already inside its source. Left-out bodies are re-read from the source on open.
 */
export function bundledBodyJson(doc: SourceDoc): string | null {
  if (doc.pdf) return null;
  if (Object.keys(doc.images).length > 0 && JSON.stringify(doc.images).length > BUNDLED_BODY_MAX_BYTES) return null;
  const json = JSON.stringify(doc);
  return json.length > BUNDLED_BODY_MAX_BYTES ? null : json;
}

export function encodeBundle(content: BundleContent, createdAt: string): Uint8Array {
  const z: Zippable = {};
  z['manifest.json'] = [
    enc.encode(
      JSON.stringify(
        {
          format: BUNDLE_FORMAT,
          version: 1,
          schemaVersion: content.session.schemaVersion,
          name: content.session.name,
          createdAt,
        },
        null,
        2,
      ),
    ),
    { level: 6 },
  ];
  z['session.json'] = [enc.encode(JSON.stringify(content.session, null, 2)), { level: 6 }];
  for (const [file, bytes] of content.files) z[file] = [bytes, { level: 0 }];
  for (const [key, doc] of content.bodies) {
    const json = bundledBodyJson(doc);
    if (json !== null) z[`bodies/${key}.json`] = [enc.encode(json), { level: 6 }];
  }
  return zipSync(z);
}

const bad = (fileName: string, why: string, detail?: string): Result<never> =>
  err('bundle.invalid', `会议包 ${fileName} 无法导入：${why}`, { file: fileName, ...(detail ? { detail } : {}) });

export async function decodeBundle(
  bytes: Uint8Array,
  fileName: string,
): Promise<Result<BundleContent & { warnings: string[] }>> {
  let zip: SafeZip;
  try {
    zip = new SafeZip(bytes, BUNDLE_ZIP_LIMITS);
  } catch (e) {
    return bad(
      fileName,
      e instanceof ZipError ? zipWhy(e) : '不是有效的 zip 文件',
      e instanceof Error ? e.message : String(e),
    );
  }
  const warnings: string[] = zip.rejectedNames.map((n) => `已忽略不安全的条目名：${n}`);
  try {
    const manifestText = zip.readText('manifest.json');
    if (!manifestText) return bad(fileName, '缺少 manifest.json（不是汇编导出的会议包）');
    let manifest: { format?: unknown; version?: unknown };
    try {
      manifest = JSON.parse(manifestText);
    } catch {
      return bad(fileName, 'manifest.json 不是有效的 JSON');
    }
    if (manifest.format !== BUNDLE_FORMAT) return bad(fileName, '不是汇编导出的会议包');
    if (typeof manifest.version !== 'number' || manifest.version > 1)
      return bad(fileName, `会议包版本 ${String(manifest.version)} 过新，请升级汇编后再导入`);
    const se = zip.find('session.json');
    if (se && se.declaredSize > SESSION_ENTRY_MAX_BYTES)
      return bad(fileName, `session.json 为 ${mb(se.declaredSize)}，超过上限 ${mb(SESSION_ENTRY_MAX_BYTES)}`);
    const sessionText = zip.readText('session.json');
    if (!sessionText) return bad(fileName, '缺少 session.json');
    let json: unknown;
    try {
      json = JSON.parse(sessionText);
    } catch {
      return bad(fileName, 'session.json 不是有效的 JSON');
    }
    const v = (json as { schemaVersion?: unknown }).schemaVersion;
    if (typeof v === 'number' && v > SCHEMA_VERSION)
      return bad(fileName, `会议包由更新版本的汇编制作（数据版本 ${v}），请升级后再导入`);
    // Counts first: 200,000 members are refused before anything is parsed into objects.
    const early = sessionLimitProblems(json as Session, { countsOnly: true });
    if (early) return overLimits(fileName, early);
    const parsed = SessionSchema.safeParse(json);
    if (!parsed.success)
      return bad(fileName, `session.json 有错误：${describeIssues(parsed.error).slice(0, 3).join('；')}`);
    const session = parsed.data;
    const limits = sessionLimitProblems(session);
    if (limits) return overLimits(fileName, limits);
    // The export carries the sources of live items only: trashed items stay behind (named).
    if (session.trash?.length) {
      warnings.push(
        `回收站中的 ${session.trash.length} 份材料未随会议包带入：${session.trash.map((t) => t.submission.title).join('、')}`,
      );
      delete session.trash;
    }
    const files = new Map<string, Uint8Array>();
    const bodies = new Map<string, SourceDoc>();
    const wanted = new Set<string>();
    for (const sub of session.submissions) {
      if (sub.source.sha256 && sub.source.file.slice(6, 70) !== sub.source.sha256)
        return bad(fileName, `材料“${sub.title}”的校验值与文件名不一致`);
      for (const f of [sub.source.file, ...sub.versions.map((x) => x.file)]) {
        if (!SOURCE_FILE_RE.test(f)) return bad(fileName, `材料“${sub.title}”的文件名不合规：${f}`);
        wanted.add(f);
      }
    }
    for (const f of wanted) {
      const entry = zip.find(f);
      if (entry && entry.declaredSize > SOURCE_MAX_BYTES)
        return bad(
          fileName,
          `材料文件 ${f} 为 ${mb(entry.declaredSize)}，超过单个材料文件的上限 ${mb(SOURCE_MAX_BYTES)}`,
        );
      const b = zip.read(f);
      if (!b) return bad(fileName, `缺少材料文件 ${f}`);
      const hash = await sha256Hex(b);
      if (f.slice(6, 70) !== hash) return bad(fileName, `材料文件 ${f} 内容与校验值不符（文件已损坏或被改动）`);
      files.set(f, b);
    }
    // Only bodies of this session's own sources are taken (keyed by their sha256); anything else
    // in bodies/ is ignored, and a missing body is simply re-read from its source later.
    const sourceKeys = new Set(session.submissions.map((s) => s.source.sha256).filter((k): k is string => !!k));
    for (const e of zip.entries.values()) {
      const m = /^bodies\/([^/]+)\.json$/.exec(e.name);
      if (!m) continue;
      if (!sourceKeys.has(m[1])) {
        warnings.push(`已忽略与材料无关的正文条目：${e.name}`);
        continue;
      }
      if (!BODY_KEY_RE.test(m[1])) {
        warnings.push(`已忽略不合规的正文条目：${e.name}`);
        continue;
      }
      let text: string;
      try {
        text = zip.readText(e.name)!;
      } catch (x) {
        // A body is only a cache of its source: one that is too big or damaged is re-read later.
        if (x instanceof ZipError && x.code !== 'zip.total-too-large') {
          warnings.push(`正文 ${e.name} 无法读取（${zipWhy(x)}），将重新读取原文件`);
          continue;
        }
        throw x;
      }
      let doc: unknown;
      try {
        doc = JSON.parse(text);
      } catch {
        warnings.push(`正文 ${e.name} 已损坏，将重新读取原文件`);
        continue;
      }
      const d = SourceDocSchema.safeParse(doc);
      if (d.success) bodies.set(m[1], d.data);
      else warnings.push(`正文 ${e.name} 无效，将重新读取原文件`);
    }
    return ok({ session, files, bodies, warnings });
  } catch (e) {
    if (e instanceof ZipError) return bad(fileName, zipWhy(e), e.message);
    return bad(fileName, '读取失败', e instanceof Error ? e.message : String(e));
  }
}

const overLimits = (fileName: string, why: string[]): Result<never> =>
  err('bundle.over-limits', `会议包 ${fileName} 无法导入：会议内容超出汇编的限制（${why.join('；')}）`, {
    file: fileName,
  });

function zipWhy(e: ZipError): string {
  switch (e.code) {
    case 'zip.bomb':
      return '某个条目的压缩比异常（疑似压缩炸弹），已停止';
    case 'zip.entry-too-large':
      return `某个条目解压后超过 ${mb(BUNDLE_ZIP_LIMITS.maxEntryBytes)}，超出会议包中单个文件的上限`;
    case 'zip.total-too-large':
      return `解压后总量超过会议包上限 ${mb(BUNDLE_ZIP_LIMITS.maxTotalBytes)}`;
    case 'zip.too-many-entries':
      return `条目过多（上限 ${BUNDLE_ZIP_LIMITS.maxEntries} 个）`;
    case 'zip.zip64':
      return '使用了 ZIP64 格式（超过 4 GB 或条目过多），汇编会议包不会如此';
    case 'zip.encrypted':
      return '文件已加密';
    case 'zip.duplicate-entry':
      return '含有重复条目';
    case 'zip.bad-crc':
    case 'zip.corrupt':
    case 'zip.truncated':
      return '文件已损坏或不完整';
    default:
      return '不是有效的 zip 文件';
  }
}
